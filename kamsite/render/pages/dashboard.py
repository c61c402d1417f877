"""The account dashboard: health, goals with charts, milestones by quarter, actions, the plan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from kamsite.core import agenda, series
from kamsite.core.agenda import CONTACT_ANCHOR, GROUPS, Item, action_anchor, group_of
from kamsite.core.audience import shared_starts, shown_actions
from kamsite.core.errors import Problem
from kamsite.core.model import PlanHistory, Revision
from kamsite.core.progress import AccountProgress, GoalProgress, MilestoneProgress
from kamsite.core.quarters import milestone_due, quarter_start, quarters_of
from kamsite.core.vocabulary import GoalStatus
from kamsite.render import charts, explain
from kamsite.render.body import BodyView, internal_badge, render
from kamsite.render.escape import EMPTY, Html, md
from kamsite.render.formats import digits_of, is_currency
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
    goal_badge,
    line_link,
    link,
    raw,
    table,
    weighted_mark,
)
from kamsite.render.pages.recent_report import change
from kamsite.render.pages.relationships import stakeholders_section
from kamsite.render.pages.today import marks


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
        _summary(acc, view),
        *([f"## {md(labels['account.week'])} {{#week}}\n\n", _week(acc, view)] if view.verdicts else []),
        f"## {md(labels['account.goals'])} {{#goals}}\n\n",
        *(_goal(acc, g, view, history.entered.get(g.goal.id, {})) for g in acc.goals),
        f"## {md(labels['account.milestones'])} {{#milestones}}\n\n",
        _milestones(acc, view),
        f"## {md(labels['account.actions'])} {{#actions}}\n\n",
        _actions(acc, view),
        stakeholders_section(acc, view),  # the team's alone: a client's view has no stakeholders
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
    rows = Html(" ").join(Html("<dt>{}</dt> <dd>{}</dd>").format(labels[k], v) for k, v in facts)
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
    edit = view.source.plan(plan.id) if view.source else None
    if edit:
        extra += Html(" · ") + link(edit, icon("edit") + labels["account.edit"], **{"class": "ks-edit"})
    closed = Html('<p class="ks-closed">{}</p>\n').format(labels["account.closed"]) if acc.closed else EMPTY
    health = (
        Html('<p class="ks-health"><strong>{}:</strong> {}</p>\n{}').format(
            labels["account.health"], badge("health", acc.health, labels), _causes(acc, view)
        )
        if view.verdicts  # the team's verdict on the account, for a client only by choice
        else EMPTY
    )
    return raw(
        Html(
            '<div class="ks-header">\n{}{}'
            '<dl class="ks-facts">{}</dl>\n<p class="ks-asof">{} · {} · {} · {}{}</p>\n</div>'
        ).format(
            health,
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


def _causes(acc: AccountProgress, view: View) -> Html:
    """Each cause of the account's health on its own line (on track: the one sentence why)."""
    labels, fmt = view.labels, view.fmt
    if not acc.reasons:
        return Html('<p class="ks-why ks-causes">{}</p>\n').format(explain.health(acc, labels, fmt))
    items = Html("").join(Html("<li>{}</li>").format(cause) for cause in explain.causes(acc, labels, fmt))
    return Html('<ul class="ks-causes" aria-label="{}">{}</ul>\n').format(labels["account.causes"], items)


def _summary(acc: AccountProgress, view: View) -> str:
    """The account at a glance: a tile per goal, the next milestone and the last client contact."""
    labels = view.labels
    tiles = Html("").join(_tile(g, acc, view) for g in acc.goals)
    grid = (
        Html('<ul class="ks-goal-tiles" aria-label="{}">{}</ul>').format(labels["account.goal_tiles"], tiles)
        if acc.goals
        else EMPTY
    )
    return raw(
        Html('<section class="ks-summary" aria-label="{}">{}{}{}{}</section>').format(
            labels["account.summary"],
            _roll_up(acc, view),
            grid,
            _next_milestone(acc, view),
            _contact(acc, view),
        )
    )


def _roll_up(acc: AccountProgress, view: View) -> Html:
    """The account's tile: the roll-up of its goals, and whether their weights shape it."""
    labels, fmt = view.labels, view.fmt
    if acc.progress is None or acc.expected is None:
        return EMPTY
    text = labels(
        "account.rollup", progress=fmt.percent(acc.progress, 1), expected=fmt.percent(acc.expected, 1)
    )
    title = labels["account.rollup.title"]
    return Html('<p class="ks-rollup"><strong>{}:</strong> {}{} {}</p>').format(
        title,
        text,
        weighted_mark(acc, labels),
        _meter(acc.progress, acc.expected, str(acc.health), f"{title}: {text}"),
    )


def _meter(progress: float, expected: float, status: str, text: str) -> Html:
    fill, mark = (max(0.0, min(1.0, x)) * 100 for x in (progress, expected))
    return Html(
        '<span class="ks-meter ks-status-{}" role="img" aria-label="{}"><span class="ks-meter-fill" '
        'style="width:{:.1f}%"></span><span class="ks-meter-expected" style="left:{:.1f}%"></span></span>'
    ).format(status, text, fill, mark)


def _tile(g: GoalProgress, acc: AccountProgress, view: View) -> Html:
    """A goal at a glance: its value, its status and, beside it, what the status was judged
    against (a goal to move: its progress against the progress expected on the day it was
    measured; a goal to hold: the band it keeps), then the pace forecast."""
    labels, fmt = view.labels, view.fmt
    if g.goal.hold is not None:
        gauge, words = EMPTY, explain.aim(g.goal, labels, lambda v: value(g, v, view))
    else:
        words = explain.judgement(g, acc.as_of, fmt, labels, digits=1)
        final = g.status in (GoalStatus.ACHIEVED, GoalStatus.MISSED)  # judged against the target
        gauge = _meter(g.progress, 1.0 if final else g.judged, g.status, words)
    return Html(
        '<li class="ks-goal-tile"><a class="ks-tile-title" href="#goal-{}">{}</a> '
        '<span class="ks-tile-value">{}</span> {} {} '
        '<span class="ks-tile-status">{} <span class="ks-judged">{}</span> {}</span> {}</li>'
    ).format(
        g.goal.id,
        g.goal.title,
        summary_value(g, g.current, view),
        _trend(g, acc, view),
        gauge,
        goal_badge(g.goal, g.status, labels),
        words,
        _stale(g, labels),
        _forecast(g, acc, view),
    )


def _forecast(g: GoalProgress, acc: AccountProgress, view: View) -> Html:
    """'at this pace: 87% of the target by 31/12/2027' (a move goal measured after the start)."""
    if g.forecast_progress is None:
        return EMPTY
    text = view.labels(
        "goal.forecast",
        progress=view.fmt.percent(g.forecast_progress),
        date=view.fmt.date(acc.plan.period.end),
    )
    return Html('<span class="ks-small ks-forecast">{}</span>').format(text)


def _trend(g: GoalProgress, acc: AccountProgress, view: View) -> Html:
    """The latest measurement against the one before (or the baseline): an arrow and the change."""
    if g.current_on is None:
        return EMPTY
    before = [(d, v) for d, v in g.goal.actuals.items() if d < g.current_on]
    since, then = max(before) if before else (acc.plan.period.start, g.goal.baseline)
    delta = g.current - then
    way = "flat" if round(delta, 6) == 0 else ("up" if delta > 0 else "down")
    if g.goal.hold is not None:  # a move within or into the band is good, out of it bad
        good = g.goal.hold.holds(g.current)
    else:
        good = (g.goal.moves_to - g.goal.baseline) * delta > 0
    tone = "flat" if way == "flat" else ("good" if good else "bad")
    text = view.labels("goal.trend.since", change=change(delta, g.goal.unit, view), date=view.fmt.date(since))
    return Html('<span class="ks-trend ks-trend-{}">{}{}</span>').format(
        tone, icon("trend_" + way, view.labels["goal.trend." + way]), text
    )


def _next_milestone(acc: AccountProgress, view: View) -> Html:
    labels, fmt = view.labels, view.fmt
    m = acc.next_milestone
    head = Html("<strong>{}:</strong> ").format(labels["account.next_milestone"])
    if m is None:
        return Html('<p class="ks-next-milestone">{}{}</p>').format(
            head, labels["account.next_milestone.none"]
        )
    # the title becomes a link wherever the translated sentence places it
    text = labels(
        "account.next_milestone.text", title="\x00", quarter=m.milestone.quarter, due=fmt.date(m.due)
    )
    before, after = text.split("\x00")
    return Html('<p class="ks-next-milestone">{}{}<a href="#milestone-{}">{}</a>{} {} {}</p>').format(
        head,
        before,
        m.milestone.id,
        m.milestone.title,
        after,
        badge("milestone", m.status, labels),
        bar(m.progress, labels, fmt),
    )


def _contact(acc: AccountProgress, view: View) -> Html:
    """The last client contact (date, who, how long ago) and the cadence; overdue is flagged."""
    labels, fmt = view.labels, view.fmt
    if not (acc.contact_every or acc.last_contact):
        return EMPTY
    # how long ago and the cadence judge a running plan; a closed one keeps its last contact
    judged = view.verdicts and not acc.closed
    parts: list[str | Html] = []
    if acc.last_contact:
        parts.append(labels("account.contact.text", date=fmt.date(acc.last_contact)))
        who = _contact_by(acc)
        if who:
            parts.append(labels("account.contact.by", who=acc.plan.team.get(who, who)))
        days = (acc.as_of - acc.last_contact).days
        if judged:
            parts.append(
                labels("account.contact.ago", count=days) if days else labels["account.contact.today"]
            )
    elif judged:
        parts.append(labels["account.contact.none"])
    if not parts:
        return EMPTY
    if not judged:  # the cadence and its flags are the team's, for a running plan
        return Html('<p class="ks-contact" id="{}">{}{}</p>').format(
            CONTACT_ANCHOR, icon("contact"), Html(" · ").join(parts)
        )
    if acc.contact_every:
        parts.append(labels("account.contact.every", count=acc.contact_every))
    flag = EMPTY
    if acc.contact_overdue:
        flag = Html(' <span class="ks-badge ks-status-off_track">{}{}</span>').format(
            icon("alert"), labels["account.contact.overdue"]
        )
    elif acc.contact_due:
        flag = Html(' <span class="ks-badge ks-status-at_risk">{}{}</span>').format(
            icon("progress"), labels["account.contact.due"]
        )
    return Html('<p class="ks-contact" id="{}">{}{}{}</p>').format(
        CONTACT_ANCHOR, icon("contact"), Html(" · ").join(parts), flag
    )


def _contact_by(acc: AccountProgress) -> str | None:
    """Who made the last contact: the owner of the contact task done that day."""
    found = [
        t.owner
        for t in acc.file.tasks
        if t.kind == "contact" and acc.last_contact in series.done_days(t, acc.as_of)
    ]
    return found[-1] if found else None


def _week(acc: AccountProgress, view: View) -> str:
    """Open dated work that is overdue (with how late) or due within Today's window."""
    labels = view.labels
    items = [i for i in agenda.open_items(acc, acc.file.tasks) if i.kind != "contact"]
    groups = []
    for group in GROUPS:
        mine = [i for i in items if group_of(i.due, view.as_of, view.today_days) == group]
        if not mine:
            continue
        title = labels("today.group." + group, days=view.today_days)
        lis = Html("").join(_work_item(i, acc, view) for i in mine)
        groups.append(
            Html('<p class="ks-week-group ks-group-{}"><strong>{} ({})</strong></p><ul>{}</ul>').format(
                group, title, len(mine), lis
            )
        )
    if not groups:
        nothing = labels("account.week.nothing", days=view.today_days)
        return raw(Html('<div class="ks-week"><p class="ks-empty">{}</p></div>').format(nothing))
    return raw(Html('<div class="ks-week">{}</div>').format(Html("").join(groups)))


def _work_item(item: Item, acc: AccountProgress, view: View) -> Html:
    labels, fmt = view.labels, view.fmt
    action = (
        Html(' · <span class="ks-chip">{}{}</span>').format(
            icon("subtask", labels["task.action"]), item.action
        )
        if item.kind == "task" and item.action
        else EMPTY
    )
    line = item.line if item.kind == "task" else _action_line(acc, item.action_id)
    return Html(
        '<li class="ks-item"><span class="ks-kind ks-kind-{}">{}{}</span> {}{} · '
        '<span class="ks-chip">{}{}</span> <span class="ks-chip ks-chip-due">{}{}</span>{}{}</li>'
    ).format(
        item.kind,
        icon(item.kind),
        labels["today.kind." + item.kind],
        link("#" + item.anchor, item.text),
        action,
        icon("account", labels["task.owner"]),
        acc.plan.team.get(item.owner, item.owner),
        icon("calendar", labels["task.due"]),
        fmt.date(item.due),
        marks(item, view),
        _line_link(acc, line, view),
    )


def _action_line(acc: AccountProgress, action_id: str | None) -> int | None:
    return acc.file.lines.get(
        ("actions", next((i for i, a in enumerate(acc.plan.actions) if a.id == action_id), -1))
    )


def _line_link(acc: AccountProgress, line: int | None, view: View) -> Html:
    """A link to a line of the plan file, when the site has edit links."""
    return line_link(view.source.line(acc.plan.id, line), line, view.labels) if view.source else EMPTY


def _goal(acc: AccountProgress, g: GoalProgress, view: View, entered: Mapping[date, Revision]) -> str:
    labels, fmt = view.labels, view.fmt
    why = explain.goal(g, view.settings, fmt, labels)
    notes = {
        day: labels("goal.entered", date=fmt.date(rev.day), author=rev.author) for day, rev in entered.items()
    }
    aim = explain.aim(g.goal, labels, lambda v: value(g, v, view))
    if g.goal.hold is not None:  # a band, not a way to go: no progress bar
        bullet = EMPTY
        trajectory_label = labels("goal.chart.hold", goal=g.goal.title, band=aim)
        data = _band_table(g, view) + _trajectory_table(g, view, notes)
    else:
        bullet_label = labels(
            "goal.chart.bullet",
            goal=g.goal.title,
            progress=fmt.percent(g.progress, 1, target=1),
            baseline=value(g, g.goal.baseline, view),
            current=value(g, g.current, view),
            expected=fmt.percent(g.expected, 1),
            target=aim,
        )
        bullet = charts.chart_html(charts.goal_bullet(g, fmt, labels), bullet_label, EMPTY)
        trajectory_label = labels("goal.chart.trajectory", goal=g.goal.title, target=aim)
        data = _bullet_table(g, view) + _trajectory_table(g, view, notes)
    trajectory = charts.chart_html(
        charts.goal_trajectory(g, acc, fmt, labels, notes), trajectory_label, EMPTY
    )
    return f"### {md(g.goal.title)} {{#goal-{g.goal.id}}}\n\n" + raw(
        Html('<div class="ks-goal">\n<p>{}{}{} {}</p>\n{}\n{}\n{}\n</div>').format(
            goal_badge(g.goal, g.status, labels),
            _stale(g, labels),
            Html(" ") + internal_badge(labels) if g.goal.internal else EMPTY,
            explained(why),
            bullet,
            trajectory,
            details(labels, data),  # one disclosure per goal: the numbers behind both charts
        )
    )


def value(g: GoalProgress, number: float, view: View) -> str:
    """A value of the goal in its unit, at the goal's precision, never rounded onto or across
    its target (or its band's ends)."""
    return view.fmt.number(number, g.goal.unit, g.goal.marks, digits_of(g.goal.numbers, g.goal.unit))


def summary_value(g: GoalProgress, number: float, view: View) -> str:
    """A value for a summary: money in the locale's compact form ('R$ 2,7 mi'), with the
    decimals that keep it on its side of the target ('R$ 4,15 mi' against R$ 4,2 mi)."""
    if is_currency(g.goal.unit):
        return view.fmt.compact(number, g.goal.unit, g.goal.marks)
    return value(g, number, view)


def _stale(g: GoalProgress, labels: Labels) -> Html:
    if not g.stale:
        return EMPTY
    text = labels("goal.stale", days=g.unmeasured_days)
    return Html(' <span class="ks-badge ks-status-at_risk ks-stale">{}{}</span>').format(
        icon("progress"), text
    )


def _bullet_table(g: GoalProgress, view: View) -> Html:
    labels, fmt = view.labels, view.fmt
    rows = [
        (labels["goal.baseline"], value(g, g.goal.baseline, view), "0%"),
        (labels["goal.current"], value(g, g.current, view), fmt.percent(g.progress, 1, target=1)),
        (labels["goal.expected"], value(g, g.expected_value, view), fmt.percent(g.expected, 1)),
        (labels["goal.target"], value(g, g.goal.moves_to, view), "100%"),
    ]
    if g.forecast is not None and g.forecast_progress is not None:
        rows.append(
            (labels["goal.forecast.line"], value(g, g.forecast, view), fmt.percent(g.forecast_progress, 1))
        )
    head = ("", labels["goal.value"], labels["goal.progress"])
    return table(g.goal.title, head, rows)


def _band_table(g: GoalProgress, view: View) -> Html:
    """The numbers of a goal to hold: its baseline, its current value and the band's ends."""
    labels = view.labels
    rows = [
        (labels["goal.baseline"], value(g, g.goal.baseline, view)),
        (labels["goal.current"], value(g, g.current, view)),
        (labels["goal.hold.band_name"], explain.aim(g.goal, labels, lambda v: value(g, v, view))),
    ]
    return table(g.goal.title, ("", labels["goal.value"]), rows)


def _trajectory_table(g: GoalProgress, view: View, notes: Mapping[date, str]) -> Html:
    labels, fmt = view.labels, view.fmt
    days = sorted({d for d, _ in g.path} | set(g.goal.actuals))
    path = dict(g.path)

    def actual(d: date) -> str:
        if d not in g.goal.actuals:
            return "—"
        note = f" ({notes[d]})" if d in notes else ""
        return value(g, g.goal.actuals[d], view) + note

    if g.goal.hold is not None:
        held = [(fmt.date(d), actual(d)) for d in days]
        return table(labels["goal.chart.hold_data"], (labels["goal.date"], labels["goal.actuals"]), held)
    rows = [(fmt.date(d), actual(d), value(g, path[d], view) if d in path else "—") for d in days]
    head = (labels["goal.date"], labels["goal.actuals"], labels["goal.expected_path"])
    return table(labels["goal.chart.trajectory_data"], head, rows)


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
        '<div class="ks-card" id="milestone-{}"><p class="ks-card-title">{}{}</p><p>{} {}</p>'
        '<p class="ks-small">{}: {}</p><p>{}</p></div>'
    ).format(
        m.milestone.id,
        m.milestone.title,
        Html(" ") + internal_badge(labels) if m.milestone.internal else EMPTY,
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
    hidden = {a.id for a in acc.plan.actions} - shown_actions(acc.plan)  # the team's alone
    late = Html('<span class="ks-badge ks-status-off_track">{}{}</span>').format(
        icon("alert"), labels["action.overdue"]
    )
    rows = []
    for a in acc.actions if view.verdicts else (replace(a, overdue=False) for a in acc.actions):
        why = explain.action(a, fmt.date(acc.as_of), fmt, labels)
        rows.append(
            (
                Html('<a id="{}" href="#{}">{}</a>{}{}').format(
                    action_anchor(a.action.id),
                    a.action.id,
                    a.action.title,
                    Html(" ") + internal_badge(labels) if a.action.id in hidden else EMPTY,
                    _line_link(acc, _action_line(acc, a.action.id), view),
                ),
                milestones.get(a.action.milestone, a.action.milestone),
                names.get(a.owner, a.owner),
                fmt.date(a.action.due),
                Html("{} {}").format(badge("action", a.status, labels), explained(why)),
                bar(a.progress, labels, fmt),
                *([late if a.overdue else "—"] if view.verdicts else []),
            )
        )
    columns = ["title", "milestone", "owner", "due", "status", "progress"]
    head = [labels["action." + k] for k in (*columns, *(["overdue"] if view.verdicts else []))]
    return raw(Html('<div class="ks-scroll">{}</div>').format(table("", head, rows, "ks-actions")))


def _body(acc: AccountProgress, view: View) -> str:
    file = acc.file
    body_view = BodyView(
        tasks={t.line: t for t in file.tasks},
        names=acc.plan.team,
        actions={a.id: a.title for a in acc.plan.actions},
        people={s.id: s.name for s in acc.plan.stakeholders},
        as_of=acc.as_of,
        fmt=view.fmt,
        labels=view.labels,
        line_link=(lambda line: _line_link(acc, line, view)) if view.source else None,
        verdicts=view.verdicts,
        shared=frozenset(shared_starts(file)) if view.internal else frozenset(),
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
