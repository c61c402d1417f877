"""The one reading of a plan's body: its sections, which of them are internal, and its task items.

Every output reads the body through this module — the task reader, the page renderer and the
client view — so they cannot disagree about where a section starts or what is internal.
Sections are opened and closed by top-level ATX headings only (a `#` heading that is not inside
a quote or a list, outside fenced code), whatever comes before them: raw HTML is never parsed
as HTML, so a `<details>` line cannot swallow the heading under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

CHECKBOX = re.compile(r"\[([ xX])\](?:\s+|$)")
HEADING_ATTRS = re.compile(r"\s*\{([^{}]*)\}\s*$")


@cache
def markdown(inline: bool = True) -> MarkdownIt:
    """The body's Markdown parser; the block structure is the same with or without inline rules."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return md if inline else md.disable(["inline", "text_join"])


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str | None
    classes: tuple[str, ...]
    line: int  # 0-based line in the body
    internal: bool = False  # this heading or an enclosing one has the class .internal


@dataclass(frozen=True)
class TaskItem:
    start: int  # 0-based body line of the item's first line
    end: int  # 0-based body line after the item (nested items included)
    checked: bool
    text: str  # the item's first paragraph, lines joined, checkbox removed
    section: tuple[Heading, ...]  # the top-level headings enclosing it, outermost first

    @property
    def internal(self) -> bool:
        return any(h.internal for h in self.section)


@dataclass(frozen=True)
class Reading:
    headings: tuple[Heading, ...]  # top-level ATX headings: the only ones that open sections
    tasks: tuple[TaskItem, ...]
    misplaced: tuple[Heading, ...]  # .internal headings that open no section (in a quote or list)
    lines: int

    def internal_ranges(self) -> list[tuple[int, int]]:
        """Body line ranges [start, end) of internal sections, headings included."""
        ranges: list[tuple[int, int]] = []
        for i, h in enumerate(self.headings):
            if "internal" in h.classes and not covers(ranges, h.line):
                end = next((n.line for n in self.headings[i + 1 :] if n.level <= h.level), self.lines)
                ranges.append((h.line, end))
        return ranges


def heading_attrs(text: str) -> tuple[str, str | None, tuple[str, ...]]:
    """'Title {#id .internal}' -> ('Title', 'id', ('internal',))."""
    match = HEADING_ATTRS.search(text)
    if not match:
        return text.strip(), None, ()
    parts = match.group(1).split()
    ids = [p[1:] for p in parts if p.startswith("#") and len(p) > 1]
    classes = tuple(p[1:] for p in parts if p.startswith(".") and len(p) > 1)
    return text[: match.start()].strip(), (ids[-1] if ids else None), classes


def opens_section(tok: Token) -> bool:
    """A top-level ATX heading: not in a quote or a list, not a setext (underlined) heading."""
    return tok.type == "heading_open" and tok.level == 0 and tok.markup.startswith("#")


def read(body: str) -> Reading:
    tokens = markdown(inline=False).parse(body)
    headings: list[Heading] = []
    stack: list[Heading] = []
    tasks: list[TaskItem] = []
    misplaced: list[Heading] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.map:
            heading = _heading(tok, tokens[i + 1])
            if not opens_section(tok):
                if "internal" in heading.classes:
                    misplaced.append(heading)
                continue
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            inherited = "internal" in heading.classes or any(h.internal for h in stack)
            heading = Heading(
                heading.level, heading.text, heading.id, heading.classes, heading.line, inherited
            )
            stack.append(heading)
            headings.append(heading)
        elif tok.type == "list_item_open" and tok.map and _is_task(tokens, i):
            inline = tokens[i + 2].content
            match = CHECKBOX.match(inline)
            assert match is not None
            text = " ".join(inline[match.end() :].split())
            tasks.append(TaskItem(tok.map[0], tok.map[1], match.group(1) != " ", text, tuple(stack)))
    return Reading(tuple(headings), tuple(tasks), tuple(misplaced), body.count("\n") + 1)


def _heading(tok: Token, inline: Token) -> Heading:
    title, hid, classes = heading_attrs(inline.content)
    assert tok.map is not None
    return Heading(int(tok.tag[1]), title, hid, classes, tok.map[0])


def _is_task(tokens: list[Token], i: int) -> bool:
    return (
        tokens[i + 1].type == "paragraph_open"
        and tokens[i + 2].type == "inline"
        and bool(CHECKBOX.match(tokens[i + 2].content))
    )


def covers(ranges: list[tuple[int, int]], line: int) -> bool:
    return any(start <= line < end for start, end in ranges)


def blank(body: str, ranges: list[tuple[int, int]]) -> str:
    """The body with the lines in `ranges` emptied; every other line keeps its number."""
    if not ranges:
        return body
    lines = body.split("\n")
    for start, end in ranges:
        for n in range(start, min(end, len(lines))):
            lines[n] = ""
    return "\n".join(lines)
