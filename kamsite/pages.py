"""The generated pages as Markdown with raw HTML blocks: account dashboards and the portfolio.

All user text passes through `escape` on its way in; page text comes from the label table.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from . import charts, explain
from .body import BodyView, render
from .compute import AccountProgress, GoalProgress, MilestoneProgress, Settings
from .errors import Problem
from .escape import h, md
from .formats import Formats
from .labels import Labels
from .model import QUARTERS
from .quarters import quarter_end, quarter_start

ICONS = {
    "achieved": "★", "on_track": "✔", "at_risk": "▲", "off_track": "✖", "done": "✔",
    "missed": "✖", "in_progress": "◐", "upcoming": "○", "todo": "○", "doing": "◐",
    "blocked": "⛔", "dropped": "–",
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

    def href(self, here: str, there: str) -> str:
        """Relative link between page folders ('' is the home page, 'accounts/acme/')."""
        rel = posixpath.relpath(there or ".", here or ".")
        rel = "" if rel == "." else rel + "/"
        return rel if self.directory_urls else rel + "index.html"


def account_dir(account_id: str) -> str:
    return f"accounts/{account_id}/"


def front(title: str) -> str:
    return f"---\ntitle: {json.dumps(h(title), ensure_ascii=False)}\n---\n\n"


def badge(kind: str, status: str, labels: Labels) -> str:
    label = labels[f"{kind}.status.{status}" if kind != "health" else f"health.{status}"]
    return f'<span class="ks-badge ks-status-{status}">{ICONS[status]} {h(label)}</span>'


def _why(text: str) -> str:
    return f'<span class="ks-why">{h(text)}</span>'


def _bar(fraction: float, labels: Labels, fmt: Formats) -> str:
    width = max(0.0, min(1.0, fraction)) * 100
    return (
        f'<span class="ks-progress" role="progressbar" aria-valuenow="{round(fraction * 100)}" '
        f'aria-valuemin="0" aria-valuemax="100" aria-label="{h(labels["goal.progress"])}">'
        f'<span style="width:{width:.0f}%"></span></span> {h(fmt.percent(fraction))}'
    )


def dashboard(acc: AccountProgress, view: View) -> str:
    """The account dashboard page."""
    plan, labels = acc.plan, view.labels
    parts = [
        front(plan.account), f"# {md(plan.account)}\n\n", _header(acc, view),
        f"## {md(labels['account.goals'])} {{#goals}}\n\n",
        *(_goal(acc, g, view) for g in acc.goals),
        f"## {md(labels['account.milestones'])} {{#milestones}}\n\n", _milestones(acc, view),
        f"## {md(labels['account.actions'])} {{#actions}}\n\n", _actions(acc, view),
        f"## {md(labels['account.plan'])} {{#plan}}\n\n", _body(acc, view),
    ]
    return "".join(parts)


def _header(acc: AccountProgress, view: View) -> str:
    plan, labels, fmt = acc.plan, view.labels, view.fmt
    team = ", ".join(h(name) for name in plan.team.values())
    tags = " ".join(f'<span class="ks-chip">{h(t)}</span>' for t in plan.tags) or "—"
    facts = [
        ("account.owner", h(plan.team.get(plan.owner, plan.owner))),
        ("account.team", team),
        ("account.period", f"{h(fmt.date(plan.period.start))} – {h(fmt.date(plan.period.end))}"),
        ("account.tags", tags),
    ]
    rows = "".join(f"<dt>{h(labels[k])}</dt><dd>{v}</dd>" for k, v in facts)
    return (
        f'<div class="ks-header">\n<p class="ks-health"><strong>{h(labels["account.health"])}:'
        f'</strong> {badge("health", acc.health, labels)} {_why(explain.health(acc, labels))}</p>\n'
        f'<dl class="ks-facts">{rows}</dl>\n'
        f'<p class="ks-asof">{h(labels("site.as_of", date=fmt.date(acc.as_of)))}</p>\n</div>\n\n'
    )


def _goal(acc: AccountProgress, g: GoalProgress, view: View) -> str:
    labels, fmt, unit = view.labels, view.fmt, g.goal.unit
    why = explain.goal(g, view.settings, fmt, labels)
    bullet_label = labels(
        "goal.chart.bullet", goal=g.goal.title, current=fmt.number(g.current, unit),
        expected=fmt.number(round(g.expected_value, 2), unit), target=fmt.number(g.goal.target, unit),
    )
    trajectory_label = labels("goal.chart.trajectory", goal=g.goal.title,
                              target=fmt.number(g.goal.target, unit))
    bullet = charts.chart_html(charts.goal_bullet(g, fmt, labels), bullet_label, _bullet_table(g, view))
    trajectory = charts.chart_html(
        charts.goal_trajectory(g, acc, fmt, labels), trajectory_label, _trajectory_table(g, view))
    return (
        f"### {md(g.goal.title)} {{#goal-{g.goal.id}}}\n\n"
        f'<div class="ks-goal">\n<p>{badge("goal", g.status, labels)} {_why(why)}</p>\n'
        f"{bullet}\n{trajectory}\n</div>\n\n"
    )


def _table(caption: str, head: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    """An HTML table; cells are given already escaped."""
    th = "".join(f'<th scope="col">{c}</th>' for c in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f'<table class="ks-table {cls}">{cap}<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _details(labels: Labels, table: str) -> str:
    return f'<details class="ks-data"><summary>{h(labels["site.chart_data"])}</summary>{table}</details>'


def _bullet_table(g: GoalProgress, view: View) -> str:
    labels, fmt, unit = view.labels, view.fmt, g.goal.unit
    rows = [
        (h(labels["goal.baseline"]), h(fmt.number(g.goal.baseline, unit)), "0%"),
        (h(labels["goal.current"]), h(fmt.number(g.current, unit)), h(fmt.percent(g.progress))),
        (h(labels["goal.expected"]), h(fmt.number(round(g.expected_value, 2), unit)),
         h(fmt.percent(g.expected))),
        (h(labels["goal.target"]), h(fmt.number(g.goal.target, unit)), "100%"),
    ]
    head = ("", h(labels["goal.value"]), h(labels["goal.progress"]))
    return _details(labels, _table(h(g.goal.title), head, rows))


def _trajectory_table(g: GoalProgress, view: View) -> str:
    labels, fmt, unit = view.labels, view.fmt, g.goal.unit
    days = sorted({d for d, _ in g.path} | set(g.goal.actuals))
    path = dict(g.path)
    rows = [
        (h(fmt.date(d)), h(fmt.number(g.goal.actuals[d], unit)) if d in g.goal.actuals else "—",
         h(fmt.number(round(path[d], 2), unit)) if d in path else "—")
        for d in days
    ]
    head = (h(labels["goal.date"]), h(labels["goal.actuals"]), h(labels["goal.expected_path"]))
    return _details(labels, _table(h(g.goal.title), head, rows))


def _milestones(acc: AccountProgress, view: View) -> str:
    labels, fmt = view.labels, view.fmt
    columns = []
    for quarter in QUARTERS:
        items = [m for m in acc.milestones if m.milestone.quarter == quarter]
        cards = "".join(_milestone_card(acc, m, view) for m in items) or (
            f'<p class="ks-empty">{h(labels["site.none"])}</p>')
        start = acc.plan.period.start
        span = f"{fmt.date(quarter_start(start, quarter))} – {fmt.date(quarter_end(start, quarter))}"
        columns.append(
            f'<div class="ks-quarter"><p class="ks-quarter-title"><strong>{quarter}</strong> '
            f'<span>{h(span)}</span></p>{cards}</div>'
        )
    return f'<div class="ks-quarters">\n{"".join(columns)}\n</div>\n\n'


def _milestone_card(acc: AccountProgress, m: MilestoneProgress, view: View) -> str:
    labels, fmt = view.labels, view.fmt
    why = explain.milestone(m, fmt.date(acc.as_of), fmt, labels)
    return (
        f'<div class="ks-card" id="milestone-{h(m.milestone.id)}">'
        f'<p class="ks-card-title">{h(m.milestone.title)}</p>'
        f'<p>{badge("milestone", m.status, labels)} {_bar(m.progress, labels, fmt)}</p>'
        f'<p class="ks-small">{h(labels["milestone.due"])}: {h(fmt.date(m.due))}</p>'
        f"<p>{_why(why)}</p></div>"
    )


def _actions(acc: AccountProgress, view: View) -> str:
    labels, fmt = view.labels, view.fmt
    names = acc.plan.team
    milestones = {m.id: m.title for m in acc.plan.milestones}
    rows = []
    for a in acc.actions:
        why = explain.action(a, fmt.date(acc.as_of), fmt, labels)
        late = f'<span class="ks-badge ks-status-off_track">⚠ {h(labels["action.overdue"])}</span>'
        rows.append((
            f'<a href="#{h(a.action.id)}">{h(a.action.title)}</a>',
            h(milestones.get(a.action.milestone, a.action.milestone)),
            h(names.get(a.owner, a.owner)), h(fmt.date(a.action.due)),
            f"{badge('action', a.status, labels)} {_why(why)}",
            _bar(a.progress, labels, fmt), late if a.overdue else "—",
        ))
    head = [h(labels[k]) for k in ("action.title", "action.milestone", "action.owner",
                                   "action.due", "action.status", "action.progress", "action.overdue")]
    return '<div class="ks-scroll">' + _table("", head, rows, "ks-actions") + "</div>\n\n"


def _body(acc: AccountProgress, view: View) -> str:
    file = acc.file
    body_view = BodyView(
        tasks={t.line: t for t in file.tasks}, names=acc.plan.team,
        actions={a.id: a.title for a in acc.plan.actions}, as_of=acc.as_of,
        fmt=view.fmt, labels=view.labels, internal=view.internal,
    )
    return f'<div class="ks-body">\n{render(file.body, file.body_start, body_view)}</div>\n'


def portfolio(accounts: Sequence[AccountProgress], invalid: Sequence[tuple[str, str]], view: View) -> str:
    """The home page: every account at a glance. `invalid` lists (account id, file path)."""
    labels, fmt = view.labels, view.fmt
    intro = labels("portfolio.intro", count=len(accounts), date=fmt.date(view.as_of))
    chart = ""
    if any(a.goals for a in accounts):
        fig = charts.portfolio(list(accounts), fmt, labels)
        rows = [(h(f"{a.plan.account} · {g.goal.title}"), h(fmt.percent(g.progress)),
                 h(fmt.percent(g.expected)), badge("goal", g.status, labels))
                for a in accounts for g in a.goals]
        head = (h(labels["portfolio.account"]), h(labels["goal.progress"]),
                h(labels["goal.expected"]), h(labels["portfolio.health"]))
        table = _details(labels, _table(h(labels["portfolio.chart"]), head, rows))
        chart = charts.chart_html(fig, labels["portfolio.chart"], table) + "\n"
    parts = [
        front(labels["portfolio.title"]), f"# {md(labels['portfolio.title'])}\n\n",
        f'<div class="ks-portfolio">\n<p>{h(intro)}</p>\n{chart}'
        f"{_portfolio_table(accounts, view)}\n</div>\n\n",
    ]
    if invalid:
        links = "".join(
            f'<li><a href="{h(view.href("", account_dir(aid)))}">{h(path)}</a></li>'
            for aid, path in invalid
        )
        parts.append(f"## {md(labels['portfolio.invalid'])}\n\n<div class=\"ks-invalid\">"
                     f"<p>{h(labels['portfolio.invalid_intro'])}</p><ul>{links}</ul></div>\n")
    return "".join(parts)


def _portfolio_table(accounts: Sequence[AccountProgress], view: View) -> str:
    labels, fmt = view.labels, view.fmt
    rows = []
    for acc in accounts:
        plan = acc.plan
        goals = "<br>".join(
            f"{h(g.goal.title)}: {h(fmt.percent(g.progress))} / {h(fmt.percent(g.expected))} "
            f"{badge('goal', g.status, labels)}" for g in acc.goals
        ) or "—"
        nxt = acc.next_milestone()
        next_text = f"{h(nxt.milestone.title)} ({h(fmt.date(nxt.due))})" if nxt else "—"
        link = f'<a href="{h(view.href("", account_dir(plan.id)))}">{h(plan.account)}</a>'
        health = f'{badge("health", acc.health, labels)}'
        rows.append((link, h(plan.team.get(plan.owner, plan.owner)), health, goals, next_text,
                     str(acc.overdue)))
    head = [h(labels[k]) for k in ("portfolio.account", "portfolio.owner", "portfolio.health",
                                   "portfolio.goals", "portfolio.next_milestone", "portfolio.overdue")]
    return '<div class="ks-scroll">' + _table("", head, rows, "ks-accounts") + "</div>"


def invalid_page(name: str, path: str, problems: Sequence[Problem], view: View) -> str:
    """The page of an account whose plan does not validate: its problems, line by line."""
    labels = view.labels
    items = "".join(f"<li><code>{h(str(p))}</code></li>" for p in problems)
    return (
        front(name) + f"# {md(name)}\n\n"
        f'<div class="ks-invalid" role="alert"><p><strong>{h(labels["account.invalid"])}</strong></p>'
        f'<p>{h(labels("account.invalid_intro", path=path))}</p><ul>{items}</ul></div>\n'
    )
