"""Plotly figures as plain dicts, and the one function that places a figure in a page."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from kamsite.core.progress import AccountProgress, GoalProgress
from kamsite.core.quarters import quarter_start, quarters_of
from kamsite.render.escape import Html, chart, json_text
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels

Figure = dict[str, Any]

COLORS = {
    "achieved": "#1b5e20",
    "on_track": "#2e7d32",
    "at_risk": "#e65100",
    "off_track": "#c62828",
    "missed": "#c62828",
    "expected": "#757575",
    "target": "#1565c0",
    "actual": "#6a1b9a",
}
BAND_FILL = "rgba(46, 125, 50, 0.15)"  # the band a goal holds: on track's green, faint


# the vertical line at 100% (the target) of the progress bar charts
TARGET_LINE = {
    "type": "line",
    "x0": 100,
    "x1": 100,
    "y0": 0,
    "y1": 1,
    "yref": "paper",
    "line": {"color": COLORS["target"], "width": 2},
}


def _layout(fmt: Formats, height: int, **extra: Any) -> dict[str, Any]:
    return {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 30},
        "separators": fmt.separators,
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.25},
        "hovermode": "closest",
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": "Roboto, Helvetica, Arial, sans-serif", "size": 12},
        **extra,
    }


def goal_bullet(g: GoalProgress, fmt: Formats, labels: Labels) -> Figure:
    """Progress against expected progress and the target (100%), in percent of the goal."""
    unit, marks = g.goal.unit, g.goal.marks
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": [""],
                "x": [round(g.progress * 100, 1)],
                "name": labels["goal.current"],
                "marker": {"color": COLORS[g.status]},
                "customdata": [
                    chart(f"{fmt.percent(g.progress, target=1)} · {fmt.number(g.current, unit, marks)}")
                ],
                "hovertemplate": "%{customdata}<extra>" + chart(labels["goal.current"]) + "</extra>",
            },
            {
                "type": "scatter",
                "mode": "markers",
                "y": [""],
                "x": [round(g.expected * 100, 1)],
                "name": labels["goal.expected"],
                "marker": {
                    "symbol": "line-ns-open",
                    "size": 28,
                    "line": {"width": 4},
                    "color": COLORS["expected"],
                },
                "customdata": [chart(f"{fmt.percent(g.expected)} · {fmt.number(g.expected_value, unit)}")],
                "hovertemplate": "%{customdata}<extra>" + chart(labels["goal.expected"]) + "</extra>",
            },
        ],
        "layout": _layout(
            fmt,
            130,
            xaxis={
                "range": [min(0, g.progress * 100) - 2, max(105, g.progress * 100 + 5)],
                "ticksuffix": "%",
                "zeroline": True,
            },
            yaxis={"showticklabels": False, "fixedrange": True},
            shapes=[TARGET_LINE],
        ),
    }


def goal_trajectory(
    g: GoalProgress,
    acc: AccountProgress,
    fmt: Formats,
    labels: Labels,
    notes: Mapping[date, str] | None = None,
) -> Figure:
    """Actuals over time against the expected path through the checkpoints, with 'as of'.

    `notes` adds a line to an actual's hover text: when it was entered, and by whom.
    """
    notes = notes or {}
    goal, unit = g.goal, g.goal.unit
    start, end = acc.plan.period.start, acc.plan.period.end
    actuals = [(start, goal.baseline), *sorted(goal.actuals.items())]
    pace = [(g.current_on, g.current), (end, g.forecast)] if g.current_on and g.forecast is not None else []
    values = [v for _, v in actuals] + [v for _, v in g.path] + [v for _, v in pace]
    band, edge = _band(g, values)
    bottom, top = edge or [min(values), max(values)]
    ticks = nice_ticks(bottom, top)

    def trace(points: list[tuple[date, float]], name: str, **style: Any) -> dict[str, Any]:
        return {
            "type": "scatter",
            "name": name,
            "x": [d.isoformat() for d, _ in points],
            "y": [v for _, v in points],
            "customdata": [
                chart(f"{fmt.date(d)}: {fmt.number(v, unit, goal.marks)}")
                + (f"<br>{chart(notes[d])}" if d in notes and name == actual_name else "")
                for d, v in points
            ],
            "hovertemplate": "%{customdata}<extra>" + chart(name) + "</extra>",
            **style,
        }

    actual_name = labels["goal.actuals"]
    as_of = acc.as_of.isoformat()
    as_of_label = chart(labels("site.as_of", date=fmt.date(acc.as_of)))
    pad = (end - start) / 40  # room for the markers at both ends
    if band:  # a goal to hold: the band it keeps, shaded over the whole period, under the actuals
        (_, low), (_, high) = band
        corners = [(start, low), (end, low), (end, high), (start, high), (start, low)]
        aims = [
            trace(
                corners,
                labels["goal.hold.band_name"],
                mode="lines",
                fill="toself",
                fillcolor=BAND_FILL,
                line={"width": 0, "color": COLORS["on_track"]},
                hoveron="fills",
            )
        ]
    else:
        aims = [
            trace(
                list(g.path),
                labels["goal.expected_path"],
                mode="lines+markers",
                line={"dash": "dash", "color": COLORS["expected"]},
            ),
            trace(
                [(end, goal.moves_to)],
                labels["goal.target"],
                mode="markers",
                marker={"symbol": "star", "size": 14, "color": COLORS["target"]},
            ),
        ]
    if pace:  # the pace so far, carried on to the period's end: a fact, never a status
        aims.append(
            trace(
                pace,
                labels["goal.forecast.line"],
                mode="lines+markers",
                line={"dash": "dash", "color": COLORS["actual"], "width": 2},
                marker={"symbol": "circle-open", "size": 9, "color": COLORS["actual"]},
            )
        )
    actual_trace = trace(
        actuals, labels["goal.actuals"], mode="lines+markers", line={"color": COLORS["actual"], "width": 3}
    )
    return {
        "data": [*aims[:1], actual_trace, *aims[1:]],
        "layout": _layout(
            fmt,
            300,
            margin={"l": 10, "r": 10, "t": 28, "b": 30},
            xaxis={
                "type": "date",
                "range": [(start - pad).isoformat(), (end + pad).isoformat()],
                **_date_ticks([quarter_start(start, q) for q in quarters_of(start, end)], fmt.month),
            },
            yaxis={
                "tickvals": ticks,
                "ticktext": [chart(fmt.compact(t, unit)) for t in ticks],
                "automargin": True,
                # a band open at one end runs to the chart's edge: hold the axis to it
                **({"range": edge} if edge else {}),
            },
            shapes=[
                {
                    "type": "line",
                    "x0": as_of,
                    "x1": as_of,
                    "y0": 0,
                    "y1": 1,
                    "yref": "paper",
                    "line": {"color": COLORS["expected"], "width": 1, "dash": "dot"},
                }
            ],
            annotations=[
                {
                    "x": as_of,
                    "y": 1,
                    "yref": "paper",
                    "showarrow": False,
                    "yanchor": "bottom",
                    "text": as_of_label,
                }
            ],
        ),
    }


def _band(g: GoalProgress, values: list[float]) -> tuple[list[tuple[str, float]], list[float]]:
    """The band of a goal to hold as [("min", low), ("max", high)] in chart values, and the
    value axis's range ([] and [] for a goal to move): every value and end lies inside the
    range, and an open end runs to the range's edge."""
    if g.goal.hold is None:
        return [], []
    low, high = g.goal.hold.min, g.goal.hold.max
    ends = [v for v in (low, high) if v is not None]
    lo, hi = min(values + ends), max(values + ends)
    room = (hi - lo) / 10 or abs(hi) / 10 or 1
    edge = [lo - room, hi + room]
    return [("min", edge[0] if low is None else low), ("max", edge[1] if high is None else high)], edge


def weekly(weeks: tuple[tuple[date, int], ...], fmt: Formats, labels: Labels) -> Figure:
    """Completions per week, oldest week first, each bar named by its first day (evenly spaced:
    the first week of a window that is not whole weeks is shorter)."""
    return {
        "data": [
            {
                "type": "bar",
                "name": labels["recent.completions"],
                "x": [chart(fmt.day_month(start)) for start, _ in weeks],
                "y": [count for _, count in weeks],
                "marker": {"color": COLORS["on_track"]},
                "customdata": [fmt.date(start) for start, _ in weeks],
                "hovertemplate": "%{customdata}: %{y}<extra></extra>",
            }
        ],
        "layout": _layout(
            fmt,
            240,
            showlegend=False,
            xaxis={"type": "category"},
            yaxis=_count_axis(max((c for _, c in weeks), default=0)),
        ),
    }


def _date_ticks(days: list[date], label: Callable[[date], str]) -> dict[str, Any]:
    """Date ticks labelled in the reader's language (Plotly itself writes English months)."""
    return {"tickvals": [d.isoformat() for d in days], "ticktext": [chart(label(d)) for d in days]}


def _count_axis(largest: int) -> dict[str, Any]:
    """An axis of whole counts: no 0.5 ticks for small numbers."""
    return {"rangemode": "tozero", **({"dtick": 1} if largest < 8 else {})}


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """About `count` round tick values from at or below `lo` up to `hi` (within half a step)."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(lo / step) * step
    ticks, value = [], first
    while value <= hi + step / 2:
        ticks.append(round(value, 10))
        value += step
    return ticks


def chart_html(fig: Figure, label: str, table: Html) -> Html:
    """A chart rendered by kamsite.js: a figure whose caption names what it shows, and the
    numbers behind it in a table that keyboard and screen-reader users can reach."""
    return Html(
        '<figure class="ks-figure"><figcaption class="ks-caption">{}</figcaption>'
        '<div class="ks-chart" data-figure="{}"></div>{}</figure>'
    ).format(label, json_text(fig), table)
