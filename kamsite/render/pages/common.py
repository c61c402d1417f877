"""What every generated page shares: the view settings, badges, tables, links.

Helpers take text as `str` (escaped here) and markup as `Html`, and return `Html`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from kamsite.core.model import Goal
from kamsite.core.progress import AccountProgress, Settings
from kamsite.render.edit_links import Source
from kamsite.render.escape import EMPTY, Html
from kamsite.render.formats import Formats
from kamsite.render.icons import icon, status_icon
from kamsite.render.labels import Labels

Cell = str | Html  # text (escaped) or markup


@dataclass(frozen=True)
class View:
    """How pages are written: the date, margins, locale and address style."""

    as_of: date
    settings: Settings
    fmt: Formats
    labels: Labels
    directory_urls: bool = True
    internal: bool = True  # show internal sections (team audience)
    client_health: bool = False  # clients see the team's verdicts (health, overdue, cadence)
    pinned: bool = True  # as_of fixed by configuration: Today is not re-evaluated in the browser
    today_days: int = 7  # Today's "next days" group
    recent_days: int = 30  # the recent-work report's window
    source: Source | None = None  # where the plans live in the team's repository (edit links)

    @property
    def verdicts(self) -> bool:
        """Whether pages show the team's verdicts: health and its causes, overdue marks and days
        late, the contact cadence. Always for the team; for a client only with client_health."""
        return self.internal or self.client_health

    def client(self) -> View:
        """How a page the client reads is written (the recent report, on every site)."""
        return replace(self, internal=False, source=None)

    def href(self, here: str, there: str) -> str:
        """Relative link between page folders ('' is the home page, 'accounts/acme/')."""
        return _href(here, there, self.directory_urls)


def _href(here: str, there: str, directory_urls: bool) -> str:
    """Up from `here` to the folder both share, then down to `there` (both site folders)."""
    up, down = [p for p in here.split("/") if p], [p for p in there.split("/") if p]
    shared = 0
    while shared < min(len(up), len(down)) and up[shared] == down[shared]:
        shared += 1
    rel = "".join(["../"] * (len(up) - shared) + [f"{part}/" for part in down[shared:]])
    return rel if directory_urls else rel + "index.html"


def account_dir(account_id: str) -> str:
    return f"accounts/{account_id}/"


RAW_OPEN, RAW_CLOSE = "<!--ks-raw-->", "<!--/ks-raw-->"


def raw(html: Html) -> str:
    """An HTML block of a generated page, marked so that the site engine's adapter can keep
    it away from the Markdown parser (it is finished HTML); a plain HTML block otherwise.
    A character past Latin-1 (— “ ” → ≤) is written as a character reference: the browser shows
    the same, and a page's text then takes one byte per character in memory instead of two
    (MkDocs holds every page until the last is written): one build process's peak at N = 300,
    212 MB with such characters and 185 MB without (benchmarks/memory.py, RESULTS.md 2026-12-08)."""
    latin = html.strip().encode("latin-1", "xmlcharrefreplace").decode("latin-1")
    return f"{RAW_OPEN}{latin}{RAW_CLOSE}\n\n"


def front(title: str, searchable: bool = True, toc: bool = True) -> str:
    """Page metadata: the (escaped) title; pages repeating a dashboard stay out of search; a page
    that is one wide table gives the theme's table of contents' column to it (`toc=False`)."""
    hidden = "" if searchable else "search:\n  exclude: true\n"
    wide = "" if toc else "hide:\n  - toc\n"
    return f"---\ntitle: {json.dumps(str(Html.escape(title)), ensure_ascii=False)}\n{hidden}{wide}---\n\n"


def person_dir(handle: str) -> str:
    return f"people/{handle}/"


def link(href: str, text: Cell, **attrs: str) -> Html:
    """An <a> to `href` showing `text`; attribute names use '-' for '_'."""
    extra = Html("").join(Html(' {}="{}"').format(Html(k.replace("_", "-")), v) for k, v in attrs.items())
    return Html('<a href="{}"{}>{}</a>').format(href, extra, text)


def badge(kind: str, status: str, labels: Labels) -> Html:
    label = labels[f"{kind}.status.{status}" if kind != "health" else f"health.{status}"]
    return Html('<span class="ks-badge ks-status-{}">{}{}</span>').format(status, status_icon(status), label)


def goal_badge(goal: Goal, status: str, labels: Labels) -> Html:
    """A goal's status; a goal to hold says it in its band's terms ('In the band', 'Held')."""
    return badge("goal.hold" if goal.hold is not None else "goal", status, labels)


def weighted_mark(acc: AccountProgress, labels: Labels) -> Html:
    """' · weighted' (with what that means) when a goal's weight is written."""
    if not acc.weighted:
        return EMPTY
    return Html(' · <span class="ks-weighted" title="{}">{}</span>').format(
        labels["rollup.weighted_why"], labels["rollup.weighted"]
    )


def explained(text: str) -> Html:
    return Html('<span class="ks-why">{}</span>').format(text)


def bar(fraction: float, labels: Labels, fmt: Formats) -> Html:
    width = max(0.0, min(1.0, fraction)) * 100
    return Html(
        '<span class="ks-progress" role="progressbar" aria-valuenow="{}" aria-valuemin="0" '
        'aria-valuemax="100" aria-label="{}"><span style="width:{:.0f}%"></span></span> {}'
    ).format(round(fraction * 100), labels["goal.progress"], width, fmt.percent(fraction))


# a cell that reads as a quantity: optional sign or currency, digits, then a short unit
_NUMBER = re.compile(
    r"^[+\-\u2212]?\s?(?:R\$|US\$|\$|€|£)?\s?\d[\d.,\u00a0 ]*(?:\s?(?:%|p\.p\.|[^\W\d]{1,12}\.?))?$"
)
STACK_FROM = 4  # tables with this many columns become stacked rows on a phone


def _text(cell: Cell) -> str:
    return Html.escape(cell).striptags()


def _numeric(cells: Sequence[Cell]) -> bool:
    """A column of quantities (blank and '—' cells aside) is right-aligned: a quantity, or
    quantities side by side ('30% / 36%', a roll-up against its expected value), each maybe
    followed by a qualifier after ' · ' ('30% / 36% · weighted'). A date is no quantity."""
    shown = [t for t in map(_text, cells) if t not in ("", "—", "-")]
    return bool(shown) and all(_quantities(t) for t in shown)


def _quantities(text: str) -> bool:
    amounts = text.split(" · ", 1)[0].split(" / ")
    return all(_NUMBER.match(a) and "/" not in a for a in amounts)


def table(
    caption: Cell,
    head: Sequence[Cell],
    rows: Iterable[Sequence[Cell]],
    cls: str = "",
    row_attrs: Sequence[Mapping[str, str]] = (),
) -> Html:
    """An HTML table of text or markup cells in the theme's table style. Columns of numbers
    are right-aligned; each cell carries its column's name, which a phone shows beside the
    value when a wide table is stacked into one block per row."""
    rows = [list(r) for r in rows]
    numeric = [_numeric([r[i] for r in rows if i < len(r)]) for i in range(len(head))]
    names = [_text(h) for h in head]

    def cls_of(i: int) -> Html:
        return Html(' class="ks-num"') if i < len(numeric) and numeric[i] else EMPTY

    # cells and rows apart by a space, which a browser does not draw between table cells and a
    # search index keeps: a snippet reads "Ana Souza 10/05/2027", not "Ana Souza10/05/2027"
    th = Html(" ").join(Html('<th scope="col"{}>{}</th>').format(cls_of(i), c) for i, c in enumerate(head))

    def attrs(n: int) -> Html:  # data- attributes of a row (the portfolio's filters read them)
        given = row_attrs[n] if n < len(row_attrs) else {}
        return Html("").join(Html(' {}="{}"').format(Html(k), v) for k, v in given.items())

    body = Html(" ").join(
        Html("<tr{}>{}</tr>").format(
            attrs(n),
            Html(" ").join(
                Html('<td{} data-label="{}">{}</td>').format(cls_of(i), names[i] if i < len(names) else "", c)
                for i, c in enumerate(row)
            ),
        )
        for n, row in enumerate(rows)
    )
    cap = Html("<caption>{}</caption>").format(caption) if caption else EMPTY
    stack = " ks-stack" if len(head) >= STACK_FROM else ""
    return Html('<table class="ks-table{}{}">{} <thead><tr>{}</tr></thead> <tbody>{}</tbody></table>').format(
        Html(stack), Html(" " + cls if cls else ""), cap, th, body
    )


def details(labels: Labels, table: Html) -> Html:
    return Html('<details class="ks-data" data-search-exclude><summary>{}</summary>{}</details>').format(
        labels["site.chart_data"], table
    )


def line_link(url: str | None, line: int | None, labels: Labels) -> Html:
    """A link to a line of the plan file in the team's repository ('line 42'); nothing when
    the site has no edit links."""
    if not url or not line:
        return EMPTY
    return Html(' <a class="ks-line" href="{}" title="{}">{}{}</a>').format(
        url, labels("site.line_title", line=line), icon("edit"), labels("site.line", line=line)
    )
