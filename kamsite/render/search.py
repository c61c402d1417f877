"""The search entries of a generated page, read from the page kamsite wrote.

A site's search index holds, for each section of a page (the text under a heading with an
id), its address, its heading and its text. The theme builds them by parsing every page's
finished HTML; an account page is mostly markup (tables, badges, chart data), and parsing it
took longer than the rest of its build. kamsite knows how its pages are written, so it finds
their sections with a few regular expressions instead, in the format the theme's index uses:
the text keeps paragraph and list tags, every other tag is dropped, and the chart data boxes
(which repeat the tables) are left out.
"""

from __future__ import annotations

import html
import re
from typing import TypedDict

from kamsite.render.pages.common import RAW_CLOSE, RAW_OPEN


class Entry(TypedDict):
    location: str
    title: str
    text: str


FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
HEADING = re.compile(
    r"^#{1,6}[ \t]+(?P<md>.+?)(?:[ \t]+\{#(?P<mdid>[^}\s]+)\})?[ \t]*$"
    r"|<h(?P<level>[1-6])\b[^>]*?\bid=\"(?P<hid>[^\"]+)\"[^>]*>(?P<html>.*?)</h(?P=level)>",
    re.M | re.S,
)
LEFT_OUT = re.compile(
    r'<details class="ks-data">.*?</details>|<span class="ks-icon[^>]*></span>'
    r"|<(script|style|object)\b.*?</\1>|<!--.*?-->",
    re.S,
)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
KEPT = frozenset({"p", "li", "ul", "ol", "code", "pre", "sub", "sup"})
INLINE = frozenset(
    {"a", "span", "strong", "em", "b", "i", "abbr", "mark", "small", "time", "label", "s", "del"}
)
WHITESPACE = re.compile(r"\s+")
# a badge after a heading's text (an icon, then its words)
BADGE = re.compile(r'\s*<span class="ks-badge[^"]*">(?:<span [^>]*></span>)?[^<]*</span>')
EMPTY_TAG = re.compile(r"<(\w+)>\s*</\1>")
MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation


def _tag(match: re.Match[str]) -> str:
    name = match.group(2).lower()
    if name in KEPT:
        return f"<{match.group(1)}{name}>"
    return "" if name in INLINE else " "


def _text(fragment: str) -> str:
    """Markup to the index's text: kept tags bare, inline tags gone, other tags a space."""
    text = WHITESPACE.sub(" ", TAG.sub(_tag, fragment))
    while True:  # tags left with nothing inside them, as the theme drops them
        shorter = EMPTY_TAG.sub("", text)
        if shorter == text:
            return text.strip().replace("&#34;", '"').replace("&#39;", "'")
        text = shorter


def _words(text: str) -> str:
    return html.escape(html.unescape(text), quote=False)


def _title(match: re.Match[str]) -> str:
    if match.group("md") is not None:
        return _words(MD_ESCAPE.sub(r"\1", match.group("md")))
    return _text(BADGE.sub("", match.group("html")))  # "Internal", "Shared with the client" are marks


def entries(page: str, location: str) -> list[Entry]:
    """The search entries of a generated Markdown page published at `location` (a URL
    relative to the site): one for the text above the first heading with an id, under the
    page's own title (its first heading), then one per heading with an id."""
    body = FRONT.sub("", page, count=1).replace(RAW_OPEN, "").replace(RAW_CLOSE, "")
    body = LEFT_OUT.sub("", body)
    sections: list[tuple[str, str, list[str]]] = [("", "", [])]  # (anchor, heading, text)
    last = 0
    for match in HEADING.finditer(body):
        sections[-1][2].append(body[last : match.start()])
        last = match.end()
        anchor = match.group("mdid") or match.group("hid")
        if anchor is not None:
            sections.append((anchor, _title(match), []))
        elif len(sections) == 1 and not sections[0][1]:  # the page's title
            sections[0] = ("", _title(match), sections[0][2])
    sections[-1][2].append(body[last:])
    return [_entry(location, anchor, title, "".join(text)) for anchor, title, text in sections]


def _entry(location: str, anchor: str, title: str, fragment: str) -> Entry:
    return {"location": location + (f"#{anchor}" if anchor else ""), "title": title, "text": _text(fragment)}
