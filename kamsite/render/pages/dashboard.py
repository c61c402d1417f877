"""The account dashboard: health, goals with charts, milestones by quarter, actions, the plan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from kamsite.core.errors import Problem
from kamsite.core.model import PlanHistory, Revision
from kamsite.core.progress import AccountProgress, GoalProgress, MilestoneProgress
from kamsite.core.quarters import milestone_due, quarter_start, quarters_of
from kamsite.render import charts, explain
from kamsite.render.body import BodyView, render
from kamsite.render.escape import h, md
from kamsite.render.labels import Labels
from kamsite.render.pages.common import (
    View,
    account_dir,
    badge,
    bar,
    details,
    explained,
    front,
    link,
    raw,
    table,
)


def dashboard(acc: AccountProgress, view: View, history: PlanHistory | None = None,
              since: str | None = None) -> str:
    """The account dashboard page; `since` names the revision of a "what changed" page."""
    plan, labels = acc.plan, view.labels
    history = history or PlanHistory()
    parts = [
        front(plan.account), f"# {md(plan.account)}\n\n", _header(acc, view, history, since),
        f"## {md(labels['account.goals'])} {{#goals}}\n\n",
        *(_goal(acc, g, view, history.entered.get(g.goal.id, {})) for g in acc.goals),
        f"## {md(labels['account.milestones'])} {{#milestones}}\n\n", _milestones(acc, view),
        f"## {md(labels['account.actions'])} {{#actions}}\n\n", _actions(acc, view),
        f"## {md(labels['account.plan'])} {{#plan}}\n\n", _body(acc, view),
    ]
    return "".join(parts)

def _header(acc: AccountProgress, view: View, history: PlanHistory, since: str | None) -> str:
    plan, labels, fmt = acc.plan, view.labels, view.fmt
    team = ", ".join(h(name) for name in plan.team.values())
    tags = " ".join(f'<span class="ks-chip">{h(t)}</span>' for t in plan.tags) or "—"
    facts = [
        ("account.owner", h(plan.team.get(plan.owner, plan.owner))),
        ("account.team", team),
        ("account.period", f"{h(fmt.date(plan.period.start))} – {h(fmt.date(plan.period.end))}"),
        ("account.tags", tags),
    ]
    if acc.contact_every or acc.last_contact:
        facts.append(("account.last_contact", h(fmt.date(acc.last_contact))))
    rows = "".join(f"<dt>{h(labels[k])}</dt><dd>{v}</dd>" for k, v in facts)
    here = account_dir(plan.id)
    recent = view.href(here, here + "recent/")
    extra = ""
    if history.updated:
        updated = labels("account.updated", date=fmt.date(history.updated.day), author=history.updated.author)
        extra += f" · {h(updated)}"
    if since:
        extra += f' · {link(view.href(here, here + "changes/"), labels("changes.link", rev=since))}'
    return raw(
        f'<div class="ks-header">\n<p class="ks-health"><strong>{h(labels["account.health"])}:'
        f'</strong> {badge("health", acc.health, labels)} {explained(explain.health(acc, labels, fmt))}</p>\n'
        + (f'<p class="ks-closed">{h(labels["account.closed"])}</p>\n' if acc.closed else "")
        + f'<dl class="ks-facts">{rows}</dl>\n'
        f'<p class="ks-asof">{h(labels("site.as_of", date=fmt.date(acc.as_of)))} · '
        f'{link(recent, labels["account.recent"])} · '
        f'{link("calendar.ics", labels["site.calendar"])}{extra}</p>'
        "\n</div>"
    )

def _goal(acc: AccountProgress, g: GoalProgress, view: View, entered: Mapping[date, Revision]) -> str:
    labels, fmt, unit = view.labels, view.fmt, g.goal.unit
    why = explain.goal(g, view.settings, fmt, labels)
    bullet_label = labels(
        "goal.chart.bullet", goal=g.goal.title, current=fmt.number(g.current, unit),
        expected=fmt.number(round(g.expected_value, 2), unit), target=fmt.number(g.goal.target, unit),
    )
    trajectory_label = labels("goal.chart.trajectory", goal=g.goal.title,
                              target=fmt.number(g.goal.target, unit))
    bullet = charts.chart_html(charts.goal_bullet(g, fmt, labels), bullet_label, _bullet_table(g, view))
    notes = {day: labels("goal.entered", date=fmt.date(rev.day), author=rev.author)
             for day, rev in entered.items()}
    trajectory = charts.chart_html(charts.goal_trajectory(g, acc, fmt, labels, notes),
                                   trajectory_label, _trajectory_table(g, view, notes))
    return (
        f"### {md(g.goal.title)} {{#goal-{g.goal.id}}}\n\n"
        + raw(f'<div class="ks-goal">\n<p>{badge("goal", g.status, labels)}{_stale(g, labels)}'
              f' {explained(why)}</p>\n'
              f"{bullet}\n{trajectory}\n</div>")
    )

def _stale(g: GoalProgress, labels: Labels) -> str:
    if not g.stale:
        return ""
    text = labels("goal.stale", days=g.unmeasured_days)
    return f' <span class="ks-badge ks-status-at_risk ks-stale">⏱ {h(text)}</span>'

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
    return details(labels, table(h(g.goal.title), head, rows))

def _trajectory_table(g: GoalProgress, view: View, notes: Mapping[date, str]) -> str:
    labels, fmt, unit = view.labels, view.fmt, g.goal.unit
    days = sorted({d for d, _ in g.path} | set(g.goal.actuals))
    path = dict(g.path)
    def actual(d: date) -> str:
        if d not in g.goal.actuals:
            return "—"
        note = f" ({notes[d]})" if d in notes else ""
        return h(fmt.number(g.goal.actuals[d], unit) + note)

    rows = [(h(fmt.date(d)), actual(d), h(fmt.number(round(path[d], 2), unit)) if d in path else "—")
            for d in days]
    head = (h(labels["goal.date"]), h(labels["goal.actuals"]), h(labels["goal.expected_path"]))
    return details(labels, table(h(g.goal.title), head, rows))

def _milestones(acc: AccountProgress, view: View) -> str:
    labels, fmt = view.labels, view.fmt
    columns = []
    for quarter in quarters_of(acc.plan.period.start, acc.plan.period.end):
        items = [m for m in acc.milestones if m.milestone.quarter == quarter]
        cards = "".join(_milestone_card(acc, m, view) for m in items) or (
            f'<p class="ks-empty">{h(labels["site.none"])}</p>')
        start = acc.plan.period.start
        due = milestone_due(start, acc.plan.period.end, quarter)
        span = f"{fmt.date(quarter_start(start, quarter))} – {fmt.date(due)}"
        columns.append(
            f'<div class="ks-quarter"><p class="ks-quarter-title"><strong>{quarter}</strong> '
            f'<span>{h(span)}</span></p>{cards}</div>'
        )
    return raw(f'<div class="ks-quarters">\n{"".join(columns)}\n</div>')

def _milestone_card(acc: AccountProgress, m: MilestoneProgress, view: View) -> str:
    labels, fmt = view.labels, view.fmt
    why = explain.milestone(m, fmt.date(acc.as_of), fmt, labels)
    return (
        f'<div class="ks-card" id="milestone-{h(m.milestone.id)}">'
        f'<p class="ks-card-title">{h(m.milestone.title)}</p>'
        f'<p>{badge("milestone", m.status, labels)} {bar(m.progress, labels, fmt)}</p>'
        f'<p class="ks-small">{h(labels["milestone.due"])}: {h(fmt.date(m.due))}</p>'
        f"<p>{explained(why)}</p></div>"
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
            f'<a id="action-{h(a.action.id)}" href="#{h(a.action.id)}">{h(a.action.title)}</a>',
            h(milestones.get(a.action.milestone, a.action.milestone)),
            h(names.get(a.owner, a.owner)), h(fmt.date(a.action.due)),
            f"{badge('action', a.status, labels)} {explained(why)}",
            bar(a.progress, labels, fmt), late if a.overdue else "—",
        ))
    head = [h(labels[k]) for k in ("action.title", "action.milestone", "action.owner",
                                   "action.due", "action.status", "action.progress", "action.overdue")]
    return raw('<div class="ks-scroll">' + table("", head, rows, "ks-actions") + "</div>")

def _body(acc: AccountProgress, view: View) -> str:
    file = acc.file
    body_view = BodyView(
        tasks={t.line: t for t in file.tasks}, names=acc.plan.team,
        actions={a.id: a.title for a in acc.plan.actions}, as_of=acc.as_of,
        fmt=view.fmt, labels=view.labels, internal=view.internal,
    )
    return raw(f'<div class="ks-body">\n{render(file.body, file.body_start, body_view)}</div>')

def invalid_page(name: str, path: str, problems: Sequence[Problem], view: View) -> str:
    """The page of an account whose plan does not validate: its problems, line by line."""
    labels = view.labels
    items = "".join(f"<li><code>{h(str(p))}</code></li>" for p in problems)
    return (
        front(name) + f"# {md(name)}\n\n"
        + raw(f'<div class="ks-invalid" role="alert"><p><strong>{h(labels["account.invalid"])}</strong></p>'
              f'<p>{h(labels("account.invalid_intro", path=path))}</p><ul>{items}</ul></div>')
    )
