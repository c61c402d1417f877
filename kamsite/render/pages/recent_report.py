"""The recent-work report: what we did for the client lately, ready to print or send."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from kamsite.core.recent import KINDS, Recent
from kamsite.render import charts
from kamsite.render.escape import h, md
from kamsite.render.pages.common import View, details, front, raw, table


def recent_page(account: str, report: Recent, names: Mapping[str, str], view: View) -> str:
    labels, fmt = view.labels, view.fmt
    start = report.as_of - timedelta(days=report.days - 1)
    title = labels("recent.title", account=account)
    span = labels("recent.span", days=report.days, start=fmt.date(start), end=fmt.date(report.as_of))
    parts = [
        front(title, searchable=False), f"# {md(title)}\n\n",
        raw(f'<div class="ks-recent">\n<p class="ks-asof">{h(span)}</p>\n</div>'),
        f"## {md(labels['recent.goals'])} {{#goals}}\n\n", _goals(report, view),
        f"## {md(labels['recent.done'])} {{#done}}\n\n", _done(report, names, view),
        f"## {md(labels['recent.weekly'])} {{#weekly}}\n\n", _weekly(report, view),
    ]
    return "".join(parts)


def _goals(report: Recent, view: View) -> str:
    labels, fmt = view.labels, view.fmt
    then = fmt.date(report.as_of - timedelta(days=report.days))
    rows = [
        (h(c.goal.title), h(fmt.number(c.then, c.goal.unit)), h(fmt.number(c.now, c.goal.unit)),
         h(fmt.number(round(c.now - c.then, 2), c.goal.unit)), h(fmt.number(c.goal.target, c.goal.unit)))
        for c in report.goals
    ]
    head = (h(labels["recent.goal"]), h(labels("recent.then", date=then)),
            h(labels("recent.now", date=fmt.date(report.as_of))), h(labels["recent.change"]),
            h(labels["goal.target"]))
    if not rows:
        return raw(f'<p class="ks-empty">{h(labels["site.none"])}</p>')
    return raw('<div class="ks-scroll">' + table("", head, rows) + "</div>")


def _done(report: Recent, names: Mapping[str, str], view: View) -> str:
    labels, fmt = view.labels, view.fmt
    blocks = []
    for kind in KINDS:
        items = [d for d in report.done if d.kind == kind]
        if not items:
            continue
        lis = "".join(
            f'<li><span class="ks-chip">✅ {h(fmt.date(d.day))}</span> {h(d.title)}'
            + (f' <span class="ks-chip">👤 {h(names.get(d.owner, d.owner))}</span>' if d.owner else "")
            + "</li>"
            for d in items
        )
        blocks.append(f'<h3>{h(labels["recent.kind." + kind])} ({len(items)})</h3><ul>{lis}</ul>')
    if not blocks:
        return raw(f'<div class="ks-done"><p class="ks-empty">{h(labels["recent.nothing"])}</p></div>')
    return raw(f'<div class="ks-done">{"".join(blocks)}</div>')


def _weekly(report: Recent, view: View) -> str:
    labels, fmt = view.labels, view.fmt
    rows = [(h(fmt.date(start)), str(count)) for start, count in report.weekly]
    head = (h(labels["recent.week"]), h(labels["recent.completions"]))
    data = details(labels, table(h(labels["recent.weekly"]), head, rows))
    fig = charts.weekly(report.weekly, fmt, labels)
    return raw(charts.chart_html(fig, labels["recent.weekly"], data))
