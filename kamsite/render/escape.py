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
from typing import Any

from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")  # what splitlines() breaks on


class Html(Markup):
    """Safe markup; text joining it is escaped as `html.escape` does (quotes included)."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Html:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(html.escape(str(s), quote=True))


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
