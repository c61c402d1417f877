"""What every generated page shares: the view settings, badges, tables, links.

Helpers take text as `str` (escaped here) and markup as `Html`, and return `Html`.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from kamsite.core.progress import Settings
from kamsite.render.escape import Html
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels

Cell = str | Html  # text (escaped) or markup

ICONS = {
    "achieved": "★", "on_track": "✔", "at_risk": "▲", "off_track": "✖", "done": "✔",
    "missed": "✖", "in_progress": "◐", "upcoming": "○", "todo": "○", "doing": "◐",
    "blocked": "⛔", "dropped": "–", "closed": "■", "unmeasured": "?",
}

@dataclass(frozen=True)
class View:
    """How pages are written: the date, margins, locale and address style."""

    as_of: date
    settings: Settings
    fmt: Formats
    labels: Labels
    directory_urls: bool = True
    internal: bool = True  # show internal sections (team audience)
    pinned: bool = True  # as_of fixed by configuration: Today is not re-evaluated in the browser
    today_days: int = 7  # Today's "next days" group
    recent_days: int = 30  # the recent-work report's window

    def href(self, here: str, there: str) -> str:
        """Relative link between page folders ('' is the home page, 'accounts/acme/')."""
        rel = posixpath.relpath(there or ".", here or ".")
        rel = "" if rel == "." else rel + "/"
        return rel if self.directory_urls else rel + "index.html"

def account_dir(account_id: str) -> str:
    return f"accounts/{account_id}/"


RAW_OPEN, RAW_CLOSE = "<!--ks-raw-->", "<!--/ks-raw-->"


def raw(html: Html) -> str:
    """An HTML block of a generated page, marked so that the site engine's adapter can keep
    it away from the Markdown parser (it is finished HTML); a plain HTML block otherwise."""
    return f"{RAW_OPEN}{html.strip()}{RAW_CLOSE}\n\n"


def front(title: str, searchable: bool = True) -> str:
    """Page metadata: the (escaped) title; pages repeating a dashboard stay out of search."""
    hidden = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {json.dumps(str(Html.escape(title)), ensure_ascii=False)}\n{hidden}---\n\n"


def person_dir(handle: str) -> str:
    return f"people/{handle}/"


def link(href: str, text: Cell, **attrs: str) -> Html:
    """An <a> to `href` showing `text`; attribute names use '-' for '_'."""
    extra = Html("").join(Html(' {}="{}"').format(Html(k.replace("_", "-")), v) for k, v in attrs.items())
    return Html('<a href="{}"{}>{}</a>').format(href, extra, text)


def badge(kind: str, status: str, labels: Labels) -> Html:
    label = labels[f"{kind}.status.{status}" if kind != "health" else f"health.{status}"]
    return Html('<span class="ks-badge ks-status-{}">{} {}</span>').format(status, ICONS[status], label)


def explained(text: str) -> Html:
    return Html('<span class="ks-why">{}</span>').format(text)


def bar(fraction: float, labels: Labels, fmt: Formats) -> Html:
    width = max(0.0, min(1.0, fraction)) * 100
    return Html(
        '<span class="ks-progress" role="progressbar" aria-valuenow="{}" aria-valuemin="0" '
        'aria-valuemax="100" aria-label="{}"><span style="width:{:.0f}%"></span></span> {}'
    ).format(round(fraction * 100), labels["goal.progress"], width, fmt.percent(fraction))


def table(caption: Cell, head: Sequence[Cell], rows: Iterable[Sequence[Cell]], cls: str = "") -> Html:
    """An HTML table of text or markup cells."""
    th = Html("").join(Html('<th scope="col">{}</th>').format(c) for c in head)
    body = Html("").join(
        Html("<tr>{}</tr>").format(Html("").join(Html("<td>{}</td>").format(c) for c in row)) for row in rows
    )
    cap = Html("<caption>{}</caption>").format(caption) if caption else Html("")
    return Html('<table class="ks-table {}">{}<thead><tr>{}</tr></thead><tbody>{}</tbody></table>').format(
        Html(cls), cap, th, body)


def details(labels: Labels, table: Html) -> Html:
    return Html('<details class="ks-data"><summary>{}</summary>{}</details>').format(
        labels["site.chart_data"], table)
