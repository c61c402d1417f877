"""The one reading of a plan's body: its sections, which of them are internal, and its task items.

Every output reads the body through this module — the task reader, the page renderer and the
client view — so they cannot disagree about where a section starts or what is internal.
Sections are opened and closed by top-level ATX headings only (a `#` heading that is not inside
a quote or a list, outside fenced code), whatever comes before them: raw HTML is never parsed
as HTML, so a `<details>` line cannot swallow the heading under it. Where the headings and task
items are is found by the renderer's own Markdown parser (markdown-it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token

CHECKBOX = re.compile(r"\[([ xX])\](?:\s+|$)")
HEADING_ATTRS = re.compile(r"\s*\{([^{}]*)\}\s*$")


# The body's Markdown parser, and the same without inline rules (the block structure is the same)
MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
BLOCKS = MarkdownIt("commonmark", {"html": False}).enable("table").disable(["inline", "text_join"])


class HeadingAt(NamedTuple):
    line: int  # 0-based line in the body
    level: int
    content: str  # the heading's text as the parser has it, attributes included
    opens: bool  # a top-level ATX heading: not in a quote or a list, not underlined


class ItemAt(NamedTuple):
    """A list item whose first block is a paragraph."""

    start: int  # 0-based body line of the item's first line
    end: int  # 0-based body line after the item (nested items and trailing blank lines included)
    content: str  # the paragraph's text


Found = HeadingAt | ItemAt


def parse(body: str) -> list[Found]:
    """The headings and paragraph-first list items of the body, read by the Markdown parser."""
    return _parsed(body, 0)


def _parsed(text: str, offset: int) -> list[Found]:
    tokens = BLOCKS.parse(text)
    found: list[Found] = []
    for i, tok in enumerate(tokens):
        if not tok.map:
            continue
        if tok.type == "heading_open":
            opens = tok.level == 0 and tok.markup.startswith("#")
            found.append(HeadingAt(tok.map[0] + offset, int(tok.tag[1]), tokens[i + 1].content, opens))
        elif tok.type == "list_item_open" and tokens[i + 1].type == "paragraph_open":
            found.append(ItemAt(tok.map[0] + offset, tok.map[1] + offset, tokens[i + 2].content))
    return found


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str | None
    classes: tuple[str, ...]
    line: int  # 0-based line in the body
    internal: bool = False  # this heading or an enclosing one has the class .internal
    shared: bool = False  # this heading or an enclosing one has the class .client


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
    crossed: tuple[Heading, ...] = ()  # a .client heading in an internal section, or the reverse
    # headings that open no section (underlined, in a quote or a list), by line: a reader takes
    # them for the start of a new section, so no shared section runs past one
    closed: tuple[int, ...] = ()

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
    """The body's reading from the headings and list items the Markdown parser finds in it
    (made once per plan: `PlanFile.reading`)."""
    headings: list[Heading] = []
    stack: list[Heading] = []
    tasks: list[TaskItem] = []
    misplaced: list[Heading] = []
    crossed: list[Heading] = []
    closed: list[int] = []
    for found in parse(body):
        if isinstance(found, HeadingAt):
            title, hid, classes = heading_attrs(found.content)
            heading = Heading(found.level, title, hid, classes, found.line)
            if not found.opens:
                closed.append(heading.line)
                if "internal" in heading.classes:
                    misplaced.append(heading)
                continue
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            internal, shared = "internal" in heading.classes, "client" in heading.classes
            if (shared and (internal or any(h.internal for h in stack))) or (
                internal and any(h.shared for h in stack)
            ):
                crossed.append(heading)
            heading = Heading(
                heading.level,
                heading.text,
                heading.id,
                heading.classes,
                heading.line,
                internal or any(h.internal for h in stack),
                shared or any(h.shared for h in stack),
            )
            stack.append(heading)
            headings.append(heading)
            continue
        match = CHECKBOX.match(found.content)
        if match:
            text = " ".join(found.content[match.end() :].split())
            tasks.append(TaskItem(found.start, found.end, match.group(1) != " ", text, tuple(stack)))
    lines = body.count("\n") + 1
    return Reading(tuple(headings), tuple(tasks), tuple(misplaced), lines, tuple(crossed), tuple(closed))


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
