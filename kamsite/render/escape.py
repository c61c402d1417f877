"""The one place user text is made safe for where it lands: HTML, Markdown, attributes."""

from __future__ import annotations

import html
import json
import re
from typing import Any

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def h(text: object) -> str:
    """Text for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def md(text: object) -> str:
    """Text for a Markdown line (a heading): shown literally, never parsed as markup."""
    return _MD_SPECIAL.sub(r"\\\1", h(text))


def chart(text: object) -> str:
    """Text for a Plotly label: Plotly reads <b>-like tags but decodes only &lt; &gt; &amp;."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def json_attr(value: Any) -> str:
    """JSON for an HTML attribute: survives Material's instant navigation, unlike a script tag."""
    return h(json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False))
