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
from kamsite.render.escape import EMPTY, Html, md
from kamsite.render.icons import icon
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


def dashboard(
    acc: AccountProgress,
    view: View,
    history: PlanHistory | None = None,
    since: str | None = None,
    successor: str | None = None,
) -> str:
    """The account dashboard page; `since` names the revision of a "what changed" page and
    `successor` the plan that follows this one."""
    plan, labels = acc.plan, view.labels
    history = history or PlanHistory()
    parts = [
        front(plan.account),
        f"# {md(plan.account)}\n\n",
        _header(acc, view, history, since),
        _chain(acc, view, successor),
        f"## {md(labels['account.goals'])} {{#goals}}\n\n",
        *(_goal(acc, g, view, history.entered.get(g.goal.id, {})) for g in acc.goals),
        f"## {md(labels['account.milestones'])} {{#milestones}}\n\n",
        _milestones(acc, view),
        f"## {md(labels['account.actions'])} {{#actions}}\n\n",
        _actions(acc, view),
        f"## {md(labels['account.plan'])} {{#plan}}\n\n",
        _body(acc, view),
    ]
    return "".join(parts)


def _header(acc: AccountProgress, view: View, history: PlanHistory, since: str | None) -> str:
    plan, labels, fmt = acc.plan, view.labels, view.fmt
    team = ", ".join(plan.team.values())
    tags = Html(" ").join(Html('<span class="ks-chip">{}</span>').format(t) for t in plan.tags) or "—"
    facts: list[tuple[str, str | Html]] = [
        ("account.owner", plan.team.get(plan.owner, plan.owner)),
        ("account.team", team),
        ("account.period", f"{fmt.date(plan.period.start)} – {fmt.date(plan.period.end)}"),
        *([("account.tags", tags)] if view.internal else []),  # tags are the team's grouping
    ]
    if acc.contact_every or acc.last_contact:
        facts.append(("account.last_contact", fmt.date(acc.last_contact)))
    rows = Html("").join(Html("<dt>{}</dt><dd>{}</dd>").format(labels[k], v) for k, v in facts)
    here = account_dir(plan.id)
    recent = view.href(here, here + "recent/")
    review = view.href(here, here + "review/")
    extra = EMPTY
    if history.updated:
        updated = labels("account.updated", date=fmt.date(history.updated.day), author=history.updated.author)
        extra += Html(" · {}").format(updated)
    if since:
        changes = link(view.href(here, here + "changes/"), labels("changes.link", rev=since))
        extra += Html(" · {}").format(changes)
    closed = Html('<p class="ks-closed">{}</p>\n').format(labels["account.closed"]) if acc.closed else EMPTY
    return raw(
        Html(
            '<div class="ks-header">\n<p class="ks-health"><strong>{}:</strong> {} {}</p>\n{}'
            '<dl class="ks-facts">{}</dl>\n<p class="ks-asof">{} · {} · {} · {}{}</p>\n</div>'
        ).format(
            labels["account.health"],
            badge("health", acc.health, labels),
            explained(explain.health(acc, labels, fmt)),
            closed,
            rows,
            labels("site.as_of", date=fmt.date(acc.as_of)),
            link(recent, labels["account.recent"]),
            link(review, labels["review.link"]),
            link("calendar.ics", labels["site.calendar"]),
            extra,
        )
    )


def _chain(acc: AccountProgress, view: View, successor: str | None) -> str:
    """Links between the plans of one account that follow each other (last year, next year)."""
    here, labels = account_dir(acc.plan.id), view.labels
    links = [
        link(view.href(here, account_dir(other)), labels[key])
        for key, other in (("account.previous", acc.plan.follows), ("account.next", successor))
        if other
    ]
    return raw(Html('<p class="ks-chain">{}</p>').format(Html(" · ").join(links))) if links else ""


def _goal(acc: AccountProgress, g: GoalProgress, view: View, entered: Mapping[date, Revision]) -> str:
    labels, fmt, unit = view.labels, view.fmt, g.goal.unit
    why = explain.goal(g, view.settings, fmt, labels)
    bullet_label = labels(
        "goal.chart.bullet",
        goal=g.goal.title,
        current=fmt.number(g.current, unit),
        expected=fmt.number(round(g.expected_value, 2), unit),
        target=fmt.number(g.goal.target, unit),
    )
    trajectory_label = labels(
        "goal.chart.trajectory", goal=g.goal.title, target=fmt.number(g.goal.target, unit)
    )
    bullet = charts.chart_html(charts.goal_bullet(g, fmt, labels), bullet_label, _bullet_table(g, view))
    notes = {
        day: labels("goal.entered", date=fmt.date(rev.day), author=rev.author) for day, rev in entered.items()
    }
    trajectory = charts.chart_html(
        charts.goal_trajectory(g, acc, fmt, labels, notes),
        trajectory_label,
        _trajectory_table(g, view, notes),
    )
    return f"### {md(g.goal.title)} {{#goal-{g.goal.id}}}\n\n" + raw(
        Html('<div class="ks-goal">\n<p>{}{} {}</p>\n{}\n{}\n</div>').format(
            badge("goal", g.status, labels), _stale(g, labels), explained(why), bullet, trajectory
        )
    )


def _stale(g: GoalProgress, labels: Labels) -> Html:
    if not g.stale:
        return EMPTY
    text = labels("goal.stale", days=g.unmeasured_days)
    return Html(' <span class="ks-badge ks-status-at_risk ks-stale">{}{}</span>').format(
        icon("progress"), text
    )


def _bullet_table(g: GoalProgress, view: View) -> Html:
    labels, fmt, unit = view.labels, view.fmt, g.goal.unit
    rows = [
        (labels["goal.baseline"], fmt.number(g.goal.baseline, unit), "0%"),
        (labels["goal.current"], fmt.number(g.current, unit), fmt.percent(g.progress)),
        (labels["goal.expected"], fmt.number(round(g.expected_value, 2), unit), fmt.percent(g.expected)),
        (labels["goal.target"], fmt.number(g.goal.target, unit), "100%"),
    ]
    head = ("", labels["goal.value"], labels["goal.progress"])
    return details(labels, table(g.goal.title, head, rows))


def _trajectory_table(g: GoalProgress, view: View, notes: Mapping[date, str]) -> Html:
    labels, fmt, unit = view.labels, view.fmt, g.goal.unit
    days = sorted({d for d, _ in g.path} | set(g.goal.actuals))
    path = dict(g.path)

    def actual(d: date) -> str:
        if d not in g.goal.actuals:
            return "—"
        note = f" ({notes[d]})" if d in notes else ""
        return fmt.number(g.goal.actuals[d], unit) + note

    rows = [(fmt.date(d), actual(d), fmt.number(round(path[d], 2), unit) if d in path else "—") for d in days]
    head = (labels["goal.date"], labels["goal.actuals"], labels["goal.expected_path"])
    return details(labels, table(g.goal.title, head, rows))


def _milestones(acc: AccountProgress, view: View) -> str:
    labels, fmt = view.labels, view.fmt
    columns = []
    for quarter in quarters_of(acc.plan.period.start, acc.plan.period.end):
        items = [m for m in acc.milestones if m.milestone.quarter == quarter]
        cards = Html("").join(_milestone_card(acc, m, view) for m in items) or Html(
            '<p class="ks-empty">{}</p>'
        ).format(labels["site.none"])
        start = acc.plan.period.start
        due = milestone_due(start, acc.plan.period.end, quarter)
        span = f"{fmt.date(quarter_start(start, quarter))} – {fmt.date(due)}"
        columns.append(
            Html(
                '<div class="ks-quarter"><p class="ks-quarter-title"><strong>{}</strong> '
                "<span>{}</span></p>{}</div>"
            ).format(quarter, span, cards)
        )
    return raw(Html('<div class="ks-quarters">\n{}\n</div>').format(Html("").join(columns)))


def _milestone_card(acc: AccountProgress, m: MilestoneProgress, view: View) -> Html:
    labels, fmt = view.labels, view.fmt
    why = explain.milestone(m, fmt.date(acc.as_of), fmt, labels)
    return Html(
        '<div class="ks-card" id="milestone-{}"><p class="ks-card-title">{}</p><p>{} {}</p>'
        '<p class="ks-small">{}: {}</p><p>{}</p></div>'
    ).format(
        m.milestone.id,
        m.milestone.title,
        badge("milestone", m.status, labels),
        bar(m.progress, labels, fmt),
        labels["milestone.due"],
        fmt.date(m.due),
        explained(why),
    )


def _actions(acc: AccountProgress, view: View) -> str:
    labels, fmt = view.labels, view.fmt
    names = acc.plan.team
    milestones = {m.id: m.title for m in acc.plan.milestones}
    late = Html('<span class="ks-badge ks-status-off_track">{}{}</span>').format(
        icon("alert"), labels["action.overdue"]
    )
    rows = []
    for a in acc.actions:
        why = explain.action(a, fmt.date(acc.as_of), fmt, labels)
        rows.append(
            (
                Html('<a id="action-{}" href="#{}">{}</a>').format(a.action.id, a.action.id, a.action.title),
                milestones.get(a.action.milestone, a.action.milestone),
                names.get(a.owner, a.owner),
                fmt.date(a.action.due),
                Html("{} {}").format(badge("action", a.status, labels), explained(why)),
                bar(a.progress, labels, fmt),
                late if a.overdue else "—",
            )
        )
    head = [
        labels[k]
        for k in (
            "action.title",
            "action.milestone",
            "action.owner",
            "action.due",
            "action.status",
            "action.progress",
            "action.overdue",
        )
    ]
    return raw(Html('<div class="ks-scroll">{}</div>').format(table("", head, rows, "ks-actions")))


def _body(acc: AccountProgress, view: View) -> str:
    file = acc.file
    body_view = BodyView(
        tasks={t.line: t for t in file.tasks},
        names=acc.plan.team,
        actions={a.id: a.title for a in acc.plan.actions},
        as_of=acc.as_of,
        fmt=view.fmt,
        labels=view.labels,
    )
    return raw(
        Html('<div class="ks-body">\n{}</div>').format(Html(render(file.body, file.body_start, body_view)))
    )


def invalid_page(name: str, path: str, problems: Sequence[Problem], view: View) -> str:
    """The page of an account whose plan does not validate: its problems, line by line."""
    labels = view.labels
    items = Html("").join(Html("<li><code>{}</code></li>").format(view.labels.problem(p)) for p in problems)
    return (
        front(name)
        + f"# {md(name)}\n\n"
        + raw(
            Html(
                '<div class="ks-invalid" role="alert"><p><strong>{}</strong></p><p>{}</p><ul>{}</ul></div>'
            ).format(labels["account.invalid"], labels("account.invalid_intro", path=path), items)
        )
    )
