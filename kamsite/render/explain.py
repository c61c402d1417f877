"""Every status explains itself: the arithmetic behind it, as a sentence in the reader's words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from kamsite.core.agenda import Item
from kamsite.core.model import Every, Goal, Hold, Task
from kamsite.core.progress import (
    AccountProgress,
    ActionProgress,
    CauseCounts,
    GoalProgress,
    MilestoneProgress,
    Settings,
)
from kamsite.core.vocabulary import GoalStatus
from kamsite.render.formats import Formats, digits_of, half_away
from kamsite.render.labels import Labels


def aim(goal: Goal, labels: Labels, shown: Callable[[float], str]) -> str:
    """What a goal promises, its numbers `shown` in its unit: its target ('R$ 3.000.000'), or
    the band it holds ('keep ≥ 35%', 'keep between 33% and 37%')."""
    return shown(goal.moves_to) if goal.hold is None else band(goal.hold, labels, shown)


def band(hold: Hold, labels: Labels, shown: Callable[[float], str]) -> str:
    """'keep ≥ 35%', 'keep ≤ 5%' or 'keep between 33% and 37%'."""
    ends = {k: shown(v) for k, v in hold if v is not None}  # min, max or both
    return labels("goal.hold.band" if len(ends) == 2 else "goal.hold." + next(iter(ends)), **ends)


def judgement(g: GoalProgress, as_of: date, fmt: Formats, labels: Labels, digits: int = 0) -> str:
    """A goal's number beside what its status was judged against: '22% · expected 20% on 31/03'
    (the expected progress on the day of the measurement, dated when that is not `as_of`),
    '96% of the target' (achieved or missed), '0% · not measured yet', or for a goal to hold its
    value and band ('34% · keep ≥ 35%'). No number is rounded onto or across its target."""
    unit = g.goal.unit
    if g.goal.hold is not None:
        current = fmt.number(g.current, unit, g.goal.marks)
        return labels(
            "goal.judged.hold", current=current, band=aim(g.goal, labels, lambda v: fmt.number(v, unit))
        )
    progress = fmt.percent(g.progress, digits, target=1)
    if g.status in (GoalStatus.ACHIEVED, GoalStatus.MISSED):
        return labels("goal.judged.final", progress=progress)
    if g.measured_on is None:
        return labels("goal.judged.none", progress=progress)
    expected = fmt.percent(g.judged, digits)
    if g.measured_on == as_of:
        return labels("goal.judged", progress=progress, expected=expected)
    day = g.measured_on
    when = fmt.day_month(day) if day.year == as_of.year else fmt.date(day)
    return labels("goal.judged.on", progress=progress, expected=expected, date=when)


def goal(g: GoalProgress, settings: Settings, fmt: Formats, labels: Labels) -> str:
    """The status of a goal: its progress against what was expected when it was measured; a
    goal to hold: its value against its band."""
    unit = g.goal.unit
    if g.goal.hold is not None:
        band = aim(g.goal, labels, lambda v: fmt.number(v, unit))
        parts = [labels("goal.why.hold." + g.status, current=fmt.number(g.current, unit), band=band)]
        if g.status not in ("achieved", "missed"):
            parts.append(
                labels("goal.why.measured", date=fmt.date(g.measured_on))
                if g.measured_on
                else labels("goal.why.hold.baseline", baseline=fmt.number(g.goal.baseline, unit))
            )
        if g.stale:
            parts.append(labels("goal.stale", days=g.unmeasured_days))
        return "; ".join(parts)
    gap = g.judged - g.progress
    values = {
        "progress": fmt.percent(g.progress),
        "expected": fmt.percent(g.judged),
        "gap": fmt.points(abs(gap)),
        "on": fmt.points(settings.on_track_margin),
        "risk": fmt.points(settings.at_risk_margin),
    }
    key = "ahead" if g.status == "on_track" and gap < 0 else g.status
    places = digits_of(g.goal.numbers, unit)
    detail = labels(
        "goal.why.values",
        current=fmt.number(g.current, unit),
        baseline=fmt.number(g.goal.baseline, unit),
        target=fmt.number(g.goal.moves_to, unit),
        expected_value=fmt.number(half_away(g.expected_value, places), unit),
    )
    parts = [labels("goal.why." + key, **values)]
    if g.status not in ("achieved", "missed"):
        parts.append(
            labels("goal.why.measured", date=fmt.date(g.measured_on))
            if g.measured_on
            else labels("goal.why.unmeasured")
        )
    if g.stale:
        parts.append(labels("goal.stale", days=g.unmeasured_days))
    return "; ".join([*parts, detail])


def milestone(m: MilestoneProgress, as_of_text: str, fmt: Formats, labels: Labels) -> str:
    values = {
        "date": fmt.date(m.milestone.done),
        "count": len(m.actions),
        "due": fmt.date(m.due),
        "start": fmt.date(m.start),
        "quarter": m.milestone.quarter,
        "as_of": as_of_text,
    }
    key = m.status if m.status_from == "quarter" else m.status_from
    text = labels("milestone.why." + key, **values)
    if m.status != "done" and m.actions:
        text += "; " + labels(
            "milestone.why.progress", progress=fmt.percent(m.progress), count=len(m.actions)
        )
    return text


def action(a: ActionProgress, as_of_text: str, fmt: Formats, labels: Labels) -> str:
    tasks = labels("action.why.tasks", done=a.tasks_done, total=a.tasks_total)
    if a.status_from == "tasks":
        parts = [tasks]
    else:
        parts = [labels("action.why." + a.status_from, date=fmt.date(a.action.done))]
        parts += [tasks] if a.tasks_total else []
    if a.overdue:
        parts.append(labels("action.why.overdue", due=fmt.date(a.action.due), as_of=as_of_text))
    return "; ".join(parts)


def health(acc: AccountProgress, labels: Labels, fmt: Formats | None = None) -> str:
    """The account's health and each of its causes, in words."""
    if not acc.reasons:
        return labels("health.why.on_track")
    parts = causes(acc, labels, fmt or Formats(labels.locale))
    return "; ".join(parts) + " " + labels("health.why.then." + acc.health)


COUNTED = (  # the parts of a health's summary, in the order of the causes (worst first)
    "goals_off_track",
    "milestones_missed",
    "goals_at_risk",
    "goals_stale",
    "items_overdue",
    "contact_days",
    "stakeholders_overdue",
)


def summary(counts: CauseCounts, labels: Labels) -> str:
    """The causes of a health in one line, counted: '1 goal off track · 5 overdue items · no
    contact for 32 days' (the dashboard names each one)."""
    parts = [(part, getattr(counts, part)) for part in COUNTED]
    return " · ".join(labels(f"health.count.{part}", count=n) for part, n in parts if n)


def causes(acc: AccountProgress, labels: Labels, fmt: Formats) -> list[str]:
    """Each cause of the health as a sentence; its items are looked up by id in dicts made once
    per account (a plan with 100,000 overdue tasks has as many causes)."""
    actions = {a.action.id: a.action.title for a in acc.actions}
    tasks = {str(t.line): t for t in acc.overdue_tasks}
    return [cause(acc, kind, item, labels, fmt, actions, tasks) for kind, item in acc.reasons]


def cause(
    acc: AccountProgress,
    kind: str,
    item: str,
    labels: Labels,
    fmt: Formats,
    actions: Mapping[str, str],
    tasks: Mapping[str, Task],
) -> str:
    """One cause of the health ('goal_stale', 'revenue') as a sentence; `actions` are the
    account's action titles by id, `tasks` its overdue tasks by line."""
    key = "health.why." + kind
    if kind in ("goal_off_track", "goal_at_risk", "goal_stale"):
        g = next(g for g in acc.goals if g.goal.id == item)
        if kind == "goal_off_track" and g.goal.hold is not None:
            key += ".hold"  # in the band's terms
        return labels(key, name=g.goal.title, days=g.unmeasured_days)
    if kind == "milestone_missed":
        return labels(key, name=next(m.milestone.title for m in acc.milestones if m.milestone.id == item))
    if kind == "action_overdue":
        return labels(key, name=actions[item])
    if kind == "task_overdue":
        task = tasks[item]
        return labels(key, name=task.text, days=(acc.as_of - task.due).days if task.due else 0)
    if kind == "contact_overdue":
        every = labels("account.contact.every", count=acc.contact_every or 0)
        return labels(key, days=acc.days_without_contact, every=every)
    if kind == "stakeholder_overdue":
        r = next(r for r in acc.stakeholders if r.stakeholder.id == item)
        person = r.stakeholder
        who = f"{person.name} ({person.role})" if person.role else person.name
        every = labels("account.contact.every", count=acc.contact_every or 0)
        return labels(key, who=who, days=r.since, every=every)
    if kind == "plan_closed":
        return labels(key, date=fmt.date(acc.plan.period.end))
    return labels(key)


def item(it: Item, as_of: date, labels: Labels) -> str:
    """What an agenda item asks for: its text, or for a client contact, how long it has been."""
    if it.kind != "contact":
        return it.text
    if it.last_contact is None:
        return labels("today.contact.none", account=it.account)
    days = (as_of - it.last_contact).days
    return labels("today.contact", account=it.account, days=days, count=days)


def rhythm(every: Every, labels: Labels) -> str:
    """A recurring task's rhythm in words: "monthly", "every 2 weeks"."""
    return labels(f"task.every.{every.unit}", count=every.count)
