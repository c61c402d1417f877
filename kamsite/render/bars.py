"""Bar charts drawn at build time as HTML and CSS: the portfolio's progress per account and a
person's open work per account.

These two charts sit in the first screen of their pages. Drawn with Plotly, they made a phone
load and run the 1.2 MB plotly.js bundle before the page could answer a tap (Lighthouse's
mobile score fell from the 90s to ~80); as plain HTML they cost nothing to draw. Each row is
the account's name with its numbers in words, and a bar placed in percent of the plot's width,
so the chart reads at any width, prints, follows the palette and needs no script.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kamsite.core.progress import AccountProgress
from kamsite.render.charts import COLORS, nice_ticks
from kamsite.render.escape import EMPTY, Html
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels

# a new health needs only a colour here (and its label); others are drawn in NEUTRAL
HEALTH_COLORS = {h: COLORS[h] for h in ("on_track", "at_risk", "off_track")}
NEUTRAL = "#546e7a"  # a health without a colour of its own yet


@dataclass(frozen=True)
class Segment:
    """A stretch of a bar, from `start` to `end` in the chart's units."""

    start: float
    end: float
    color: str


@dataclass(frozen=True)
class Row:
    """One bar: whose it is, its numbers in words, its stretches, and an optional marker."""

    name: str
    value: str
    segments: tuple[Segment, ...]
    marker: float | None = None  # the expected progress, drawn across the bar
    key: str = ""  # the account's id: the portfolio's filters hide its row (kamsite.js)
    hover: str = ""


@dataclass(frozen=True)
class Scale:
    """The plot's range and its labelled ticks; `at` places a value in percent of the width."""

    lo: float
    hi: float
    ticks: tuple[tuple[float, str], ...]

    def at(self, value: float) -> float:
        return (value - self.lo) / (self.hi - self.lo) * 100

    @classmethod
    def over(cls, values: Iterable[float], ticks: Sequence[float], label: Callable[[float], str]) -> Scale:
        """A range from the first tick (or the lowest value) to the last (or the highest)."""
        values = list(values)
        lo, hi = min([ticks[0], *values]), max([ticks[-1], *values])
        return cls(lo, hi if hi > lo else lo + 1, tuple((t, label(t)) for t in ticks))


def portfolio(accounts: Sequence[AccountProgress], fmt: Formats, labels: Labels) -> tuple[list[Row], Scale]:
    """One row per account, in the given order: the roll-up of its goals' progress as a bar
    coloured by its health, the roll-up of their expected progress as a marker (percent)."""
    rows = [_account_row(a, fmt, labels) for a in accounts]
    ends = [s.end for r in rows for s in r.segments]
    values = [0.0, 100.0, *ends, *(r.marker for r in rows if r.marker is not None)]
    ticks = nice_ticks(min(values), max(values))
    return rows, Scale.over(values, ticks, lambda t: fmt.percent(t / 100, 1))


def _account_row(acc: AccountProgress, fmt: Formats, labels: Labels) -> Row:
    goals, progress, expected = acc.goals, acc.progress, acc.expected
    if progress is None or expected is None:
        return Row(acc.plan.account, "—", (), key=acc.plan.id)
    value = labels(
        "portfolio.bar_value", progress=fmt.percent(progress, target=1), expected=fmt.percent(expected)
    )
    value += f" · {labels['rollup.weighted']}" if acc.weighted else ""
    color = HEALTH_COLORS.get(acc.health, NEUTRAL)
    each = (f"{g.goal.title}: {fmt.percent(g.progress, target=1)} / {fmt.percent(g.expected)}" for g in goals)
    bar = (Segment(0, progress * 100, color),)
    return Row(
        acc.plan.account, value, bar, expected * 100, acc.plan.id, "\n".join([acc.plan.account, *each])
    )


def portfolio_legend(healths: list[str], labels: Labels) -> list[tuple[str, str, str]]:
    """(shape, colour, text) for every colour the portfolio chart uses."""
    return [
        *(("bar", HEALTH_COLORS.get(h, NEUTRAL), labels.get(f"health.{h}", h)) for h in healths),
        ("tick", COLORS["expected"], labels["portfolio.expected_mean"]),
        ("line", COLORS["target"], labels["portfolio.target_line"]),
    ]


def workload(rows: Sequence[tuple[str, int, int]], fmt: Formats, labels: Labels) -> tuple[list[Row], Scale]:
    """Open items per account for one person: (account name, overdue, not overdue), the
    overdue ones first in each bar."""
    bars = [
        Row(
            name,
            " · ".join(
                [labels("people.workload.overdue", count=late), labels("people.workload.open", count=rest)]
            ),
            (Segment(0, late, COLORS["off_track"]), Segment(late, late + rest, COLORS["target"])),
        )
        for name, late, rest in rows
    ]
    largest = max((late + rest for _, late, rest in rows), default=0)
    return bars, Scale.over([0, largest], count_ticks(largest), lambda t: fmt.number(t))


def workload_legend(labels: Labels) -> list[tuple[str, str, str]]:
    return [
        ("bar", COLORS["off_track"], labels["today.group.overdue"]),
        ("bar", COLORS["target"], labels["people.open"]),
    ]


def count_ticks(largest: int) -> list[int]:
    """Whole-number ticks from 0 to at least `largest`, at most seven of them (1, 2, 5, 10, 20…)."""
    step = 1
    while largest / step > 6:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return list(range(0, step * math.ceil(max(largest, 1) / step) + 1, step))


def chart(
    caption: str,
    rows: Sequence[Row],
    scale: Scale,
    after: Html,
    target: float | None = None,
) -> Html:
    """The figure: a caption, a list of labelled bars over grid lines (and a target line), the
    axis, then `after` (the legend and the numbers behind the chart)."""
    grid = Html('<span class="ks-bars-grid" style="left:{}%"></span>')
    lines = Html("").join(grid.format(_pct(scale.at(t))) for t, _ in scale.ticks)
    if target is not None:
        lines += Html('<span class="ks-bars-target" style="left:{}%;background-color:{}"></span>').format(
            _pct(scale.at(target)), COLORS["target"]
        )
    axis = Html("").join(
        Html('<span style="left:{}%">{}</span>').format(_pct(scale.at(t)), text) for t, text in scale.ticks
    )
    return Html(
        '<figure class="ks-figure"><figcaption class="ks-caption">{}</figcaption><div class="ks-bars">'
        '<div class="ks-bars-plot"><span class="ks-bars-lines" aria-hidden="true">{}</span>'
        '<ul class="ks-bars-rows">{}</ul></div>'
        '<div class="ks-bars-axis" aria-hidden="true" data-search-exclude>{}</div></div>{}'
        "</figure>"
    ).format(caption, lines, Html("").join(_row(r, scale) for r in rows), axis, after)


def _row(row: Row, scale: Scale) -> Html:
    bars = Html("").join(_bar(s, scale) for s in row.segments if s.end != s.start)  # empty: nothing
    if row.marker is not None:
        bars += Html('<span class="ks-bars-marker" style="left:{}%;background-color:{}"></span>').format(
            _pct(scale.at(row.marker)), COLORS["expected"]
        )
    given = (("data-id", row.key), ("title", row.hover))
    attrs = Html("").join(Html(' {}="{}"').format(Html(name), value) for name, value in given if value)
    return Html(
        '<li class="ks-bars-row"{}><span class="ks-bars-label"><span class="ks-bars-name">{}</span> '
        '<span class="ks-bars-value">{}</span></span>'
        '<span class="ks-bars-track" aria-hidden="true">{}</span></li>'
    ).format(attrs, row.name, row.value, bars)


def _bar(segment: Segment, scale: Scale) -> Html:
    """A stretch of a bar, from the lower of its ends (a negative progress runs left of zero)."""
    ends = sorted((scale.at(segment.start), scale.at(segment.end)))
    return Html('<span class="ks-bars-bar" style="left:{}%;width:{}%;background-color:{}"></span>').format(
        _pct(ends[0]), _pct(ends[1] - ends[0]), segment.color
    )


def _pct(value: float) -> str:
    return f"{value:.1f}"


def legend(entries: list[tuple[str, str, str]]) -> Html:
    """The chart's colours and what each stands for, as a list that wraps on a phone."""
    items = Html("").join(
        Html(
            '<li><span class="ks-swatch ks-swatch-{}" style="--ks-swatch:{}" aria-hidden="true">'
            "</span>{}</li>"
        ).format(shape, colour, text)
        for shape, colour, text in entries
    )
    return Html('<ul class="ks-legend">{}</ul>').format(items) if entries else EMPTY
