"""What every generated page shares: the view settings, badges, tables, links.

Cells and fragments given to these helpers are already escaped unless a parameter is
named as text; user text passes through `escape` on its way in.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from kamsite.core.progress import Settings
from kamsite.render.escape import h
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels

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


def raw(html: str) -> str:
    """An HTML block of a generated page, marked so that the site engine's adapter can keep
    it away from the Markdown parser (it is finished HTML); a plain HTML block otherwise."""
    return f"{RAW_OPEN}{html.strip()}{RAW_CLOSE}\n\n"


def front(title: str, searchable: bool = True) -> str:
    """Page metadata: the (escaped) title; pages repeating a dashboard stay out of search."""
    hidden = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {json.dumps(h(title), ensure_ascii=False)}\n{hidden}---\n\n"


def person_dir(handle: str) -> str:
    return f"people/{handle}/"


def link(href: str, text: str, **attrs: str) -> str:
    """An <a>; `text` is plain text, escaped here."""
    extra = "".join(f' {k.replace("_", "-")}="{h(v)}"' for k, v in attrs.items())
    return f'<a href="{h(href)}"{extra}>{h(text)}</a>'


def badge(kind: str, status: str, labels: Labels) -> str:
    label = labels[f"{kind}.status.{status}" if kind != "health" else f"health.{status}"]
    return f'<span class="ks-badge ks-status-{status}">{ICONS[status]} {h(label)}</span>'

def explained(text: str) -> str:
    return f'<span class="ks-why">{h(text)}</span>'

def bar(fraction: float, labels: Labels, fmt: Formats) -> str:
    width = max(0.0, min(1.0, fraction)) * 100
    return (
        f'<span class="ks-progress" role="progressbar" aria-valuenow="{round(fraction * 100)}" '
        f'aria-valuemin="0" aria-valuemax="100" aria-label="{h(labels["goal.progress"])}">'
        f'<span style="width:{width:.0f}%"></span></span> {h(fmt.percent(fraction))}'
    )

def table(caption: str, head: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    """An HTML table; cells are given already escaped."""
    th = "".join(f'<th scope="col">{c}</th>' for c in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f'<table class="ks-table {cls}">{cap}<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'

def details(labels: Labels, table: str) -> str:
    return f'<details class="ks-data"><summary>{h(labels["site.chart_data"])}</summary>{table}</details>'
