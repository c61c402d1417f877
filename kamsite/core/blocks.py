"""Where the body's headings and list items are, found cheaply: a line scanner that knows the
common shapes of a plan's Markdown and hands every other stretch to the Markdown parser.

The page renderer reads the body with markdown-it (CommonMark, tables, raw HTML off). Running
that parser only to find task lines costs milliseconds per plan, so `scan` reads line by line
what plans are made of — paragraphs, ATX headings, bullet lists (nested too), fenced code at the
top level, blank lines — exactly as markdown-it reads them. Any other line (a quote, an ordered
list, a table, an underlined heading, a rule, indented code, a tab, a link definition...) makes
the scanner give its stretch of the body to markdown-it itself. A stretch ends at a blank line
followed by a line that starts in the first column outside a fence: there every block of
CommonMark has ended except a fence, so the parser's reading of the stretch alone is its
reading within the whole body. `parse` reads the whole body with the parser; the property test
in tests/test_blocks.py holds the two to the same answer.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from markdown_it import MarkdownIt

try:  # the parser trims headings with CommonMark's whitespace; older versions with str.strip
    from markdown_it.common.utils import mdTrim as trim
except ImportError:  # pragma: no cover
    trim = str.strip  # type: ignore[assignment]

MAX_DEPTH = 4  # nested lists the scanner follows; deeper ones go to the parser
HEADING = re.compile(r"#{1,6}(?: |$)")
ORDERED = re.compile(r"[0-9]{1,9}[.)](?: |$)")
NOT_A_LINK_LABEL = re.compile(r"\[[ xX]\](?!:)")  # "[ ] ..." can never define a link


@cache
def markdown(inline: bool = True) -> MarkdownIt:
    """The body's Markdown parser; the block structure is the same with or without inline rules."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return md if inline else md.disable(["inline", "text_join"])


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


def scan(body: str) -> list[Found]:
    """The same as `parse(body)`, most of it found by the line scanner."""
    if "\r" in body or "\0" in body:  # the parser rewrites these before reading
        return parse(body)
    lines = body.split("\n")
    if body.endswith("\n") or not lines[-1].strip(" \t"):
        lines.pop()  # the parser counts no line after the last line break, nor a last blank one
    found: list[Found] = []
    start, n = 0, len(lines)
    while start < n:
        part = _Scanner(lines, start).run()
        if part is None:
            part = _parse_stretch(lines, start)
        events, start = part
        found += events
    return found


def _parsed(text: str, offset: int) -> list[Found]:
    tokens = markdown(inline=False).parse(text)
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


def _parse_stretch(lines: list[str], start: int) -> tuple[list[Found], int]:
    """The parser's reading of the stretch from `start` to the next place where every block has
    ended; a top-level fence still open there runs on to its closing line."""
    end = _next_boundary(lines, start + 1)
    tokens = markdown(inline=False).parse("\n".join(lines[start:end]) + "\n")
    open_fence = next(
        (t for t in tokens if t.type == "fence" and t.level == 0 and t.map and t.map[1] == end - start),
        None,
    )
    if open_fence is not None:
        close = next((j for j in range(end, len(lines)) if _closes(lines[j], open_fence.markup)), None)
        end = len(lines) if close is None else close + 1
    return _parsed("\n".join(lines[start:end]) + "\n", start), end


def _next_boundary(lines: list[str], start: int) -> int:
    """The first line from `start` that follows a blank line and starts in the first column."""
    for j in range(max(start, 1), len(lines)):
        line = lines[j]
        if line and line[0] not in " \t" and not lines[j - 1].strip(" \t"):
            return j
    return len(lines)


def _closes(line: str, markup: str) -> bool:
    """Whether `line` closes a top-level fence opened with `markup` (CommonMark's rule)."""
    column = width = 0
    for ch in line:
        if ch == " ":
            column += 1
        elif ch == "\t":
            column += 4 - column % 4
        else:
            break
        width += 1
    if column >= 4:
        return False
    rest = line[width:]
    run = len(rest) - len(rest.lstrip(markup[0]))
    return run >= len(markup) and not rest[run:].strip(" \t")


def _odd(content: str) -> bool:
    """A line the scanner leaves to the parser wherever it stands: a table's delimiter row, a
    heading's underline, a thematic break (each changes the meaning of the lines around it)."""
    first = content[0]
    if first in "|-:" and set(content) <= set("|-: ") and "-" in content:
        return True
    if first == "=":
        return not content.rstrip(" ").strip("=")
    if first in "*_":
        return set(content) <= {first, " "} and content.count(first) >= 3
    return False


def _kind(content: str) -> str:
    """What a line starting with `content` opens: heading, fence, bullet, plain (a paragraph's
    text), bracket (maybe a link definition) or odd (for the parser)."""
    first = content[0]
    if first == "#":
        return "heading" if HEADING.match(content) else "plain"
    if first in "`~":
        run = len(content) - len(content.lstrip(first))
        if run < 3:
            return "plain"
        return "odd" if first == "`" and "`" in content[run:] else "fence"
    if first in "-*+":
        return "bullet" if content[1:2] in ("", " ") else "plain"
    if first == ">":
        return "odd"
    if first in "0123456789":
        return "odd" if ORDERED.match(content) else "plain"
    if first == "[":
        return "plain" if NOT_A_LINK_LABEL.match(content) else "bracket"
    return "plain"


class _Item:
    """An open list item: where its content starts (column) and, if its first block is a
    paragraph, that paragraph."""

    __slots__ = ("indent", "start", "lines")

    def __init__(self, indent: int, start: int) -> None:
        self.indent = indent
        self.start = start
        self.lines: list[str] | None = None


class _Scanner:
    """Reads lines from a place where no block is open, up to the next such place after a
    blank line (or the end), or gives up (None) at the first line it does not know."""

    def __init__(self, lines: list[str], start: int) -> None:
        self.lines = lines
        self.start = start
        self.found: list[Found] = []
        self.items: list[_Item] = []  # open list items, outermost first
        self.paragraph: list[str] | None = None  # the open paragraph's lines
        self.paragraph_indent = 0  # the column its container's content starts at
        self.events: dict[int, int] = {}  # id of an item -> index of its ItemAt in `found`

    def run(self) -> tuple[list[Found], int] | None:
        lines, n = self.lines, len(self.lines)
        i, after_blank = self.start, False
        while i < n:
            line = lines[i]
            if not line.strip(" \t"):
                self._end_paragraph()
                after_blank = True
                i += 1
                continue
            if after_blank and line[0] != " " and i > self.start and line[0] != "\t":
                break
            after_blank = False
            if "\t" in line:
                return None
            content = line.lstrip(" ")
            indent = len(line) - len(content)
            if _odd(content):
                return None
            kind = _kind(content)
            if self.paragraph is not None:
                if kind in ("plain", "bracket"):
                    self.paragraph.append(line)  # continuation (lazy or not): no block starts here
                    i += 1
                    continue
                if indent - self.paragraph_indent >= 4:
                    return None
                self._end_paragraph()
            step = self._block(i, line, indent, content, kind)
            if step is None:
                return None
            i = step
        self._end_paragraph()
        self._close_items(0, i)
        return self.found, i

    def _block(self, i: int, line: str, indent: int, content: str, kind: str) -> int | None:
        """Reads the block that starts at line i; returns the next line, None to give up."""
        while self.items and indent < self.items[-1].indent:
            self._close_items(len(self.items) - 1, i)
        base = self.items[-1].indent if self.items else 0
        if indent - base >= 4:
            return None  # indented code
        if kind == "heading":
            self.found.append(_heading(i, content, opens=not self.items))
            return i + 1
        if kind == "plain":
            self._open_paragraph(line, base)
            return i + 1
        if kind == "fence" and not self.items:
            run = len(content) - len(content.lstrip(content[0]))
            close = next(
                (j for j in range(i + 1, len(self.lines)) if _closes(self.lines[j], content[:run])),
                len(self.lines) - 1,
            )
            return close + 1
        if kind == "bullet":
            return self._item(i, indent, base, content)
        return None

    def _item(self, i: int, indent: int, base: int, content: str) -> int | None:
        rest = content[2:]
        if indent - base > 2 or len(self.items) >= MAX_DEPTH or not rest or rest[0].isspace():
            return None  # empty items, wide markers, deep nesting: for the parser
        if _odd(rest):
            return None
        kind = _kind(rest)
        item = _Item(indent + 2, i)
        if kind == "plain":
            self.items.append(item)
            self.events[id(item)] = len(self.found)
            self.found.append(ItemAt(i, i, ""))
            self._open_paragraph(rest, indent + 2)
            item.lines = self.paragraph
            return i + 1
        if kind == "heading":
            self.items.append(item)
            self.found.append(_heading(i, rest, opens=False))
            return i + 1
        return None

    def _open_paragraph(self, first: str, indent: int) -> None:
        self.paragraph = [first]
        self.paragraph_indent = indent

    def _end_paragraph(self) -> None:
        self.paragraph = None

    def _close_items(self, keep: int, end: int) -> None:
        """Closes the items after the first `keep`, each ending before line `end`."""
        for item in self.items[keep:]:
            index = self.events.get(id(item))
            if index is not None and item.lines is not None:
                self.found[index] = ItemAt(item.start, end, _text(item.lines, item.indent))
        del self.items[keep:]


def _text(lines: list[str], indent: int) -> str:
    """A paragraph's text the way the parser cuts it: each line after the first loses up to
    `indent` leading spaces, and the whole is trimmed."""
    rest = (line[min(indent, len(line) - len(line.lstrip(" "))) :] for line in lines[1:])
    return trim("\n".join([lines[0], *rest]))


def _heading(line: int, content: str, opens: bool) -> HeadingAt:
    """An ATX heading's level and text, trimmed the way the parser trims them."""
    level = len(content) - len(content.lstrip("#"))
    text = content[level:].rstrip(" ")
    unclosed = text.rstrip("#")
    if unclosed and unclosed[-1] == " ":
        text = unclosed
    return HeadingAt(line, level, trim(text), opens)
