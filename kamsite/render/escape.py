"""The one place user text is made safe for where it lands: HTML, Markdown, Plotly labels.

HTML is typed: `Html` is markup that is safe as it is, and any plain string that meets it
(`Html("<p>{}</p>").format(text)`, `+`, `join`) is escaped on the way in. A helper that takes
`str` takes text; one that takes `Html` takes markup. Only literal templates in kamsite's own
code become `Html` directly.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_FANCY_FIELD = re.compile(r"(?<!\{)\{[^{}]*[!:.\[]")  # a field with more than a name or number
_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")  # what splitlines() breaks on


class Html(Markup):
    """Safe markup; text joining it is escaped as `html.escape` does (quotes included)."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Html:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(html.escape(str(s), quote=True))

    def format(self, *args: Any, **kwargs: Any) -> Html:
        """`Markup.format`, the same result, faster: Python's own formatter fills the template.
        A plain field (`{}`, `{0}`, `{name}`) takes the value escaped; a field with a format
        specifier, a conversion or an attribute takes it through `_Escaped`."""
        fancy = ("!" in self or ":" in self or "." in self or "[" in self) and _FANCY_FIELD.search(self)
        wrap = _Escaped if fancy else _escaped
        return Html(str.format(self, *map(wrap, args), **{k: wrap(v) for k, v in kwargs.items()}))

    def join(self, seq: Iterable[Any]) -> Html:
        return Html(str.join(self, map(_escaped, seq)))


def _escaped(value: Any) -> str:
    kind = type(value)
    if kind is Html:  # markup already: itself (Html.escape would copy it)
        return value  # type: ignore[no-any-return]
    if kind is str:
        return html.escape(value, quote=True)
    return str(Html.escape(value))


def _field(value: Any, spec: str) -> str:
    """markupsafe's EscapeFormatter.format_field, with Html's escaping."""
    if not spec and type(value) in (str, Html):
        return _escaped(value)
    if hasattr(value, "__html_format__"):
        return _escaped(value.__html_format__(spec))
    if hasattr(value, "__html__"):
        if spec:
            raise ValueError(f"format specifier {spec} given to {type(value)}, which has no __html_format__")
        return _escaped(value.__html__())
    return _escaped(format(value, spec))


class _Escaped:
    """A value given to `Html.format`, as markupsafe's formatter fills it in: formatted, then
    escaped; converted (`!r`, `!s`), then escaped; its attributes and items escaped too."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        return _field(self.value, spec)

    def __str__(self) -> str:
        return _escaped(str(self.value))

    def __repr__(self) -> str:
        return _escaped(repr(self.value))

    def __getattr__(self, name: str) -> _Escaped:
        return _Escaped(getattr(self.value, name))

    def __getitem__(self, key: Any) -> _Escaped:
        return _Escaped(self.value[key])


EMPTY = Html("")


def md(text: object) -> str:
    """Text for a Markdown line (a heading): shown literally on one line, never parsed as markup."""
    one_line = _BREAKS.sub(" ", str(text))
    return _MD_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=True))


def chart(text: object) -> str:
    """Text for a Plotly label: Plotly reads <b>-like tags but decodes only &lt; &gt; &amp;."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def json_text(value: Any) -> str:
    """JSON for an HTML attribute (escaped where it is placed): survives Material's instant
    navigation, unlike a script tag."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


_INLINE = MarkdownIt("commonmark", {"html": True})  # html on: a tag is found, and left out
_ABSOLUTE = re.compile(r"(?i)(https?|mailto):")


def plain(text: str) -> str:
    """A task's Markdown as the words a reader sees, for a report sent or printed: emphasis and
    code marks gone, `\\|` read as `|`, a tag left out, a link as its words followed by its
    address when the address works anywhere (`proposal (https://x.example/p)`); a relative link,
    which breaks outside the site, as its words alone."""
    out: list[str] = []
    links: list[str | None] = []  # the address each open link adds after its words
    for token in _INLINE.parseInline(text)[0].children or []:
        kind = token.type
        if kind in ("text", "code_inline", "image"):
            out.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            links.append(href if _ABSOLUTE.match(href) and token.markup != "autolink" else None)
        elif kind == "link_close" and links and (address := links.pop()):
            out.append(f" ({address})")
    return " ".join("".join(out).split())
