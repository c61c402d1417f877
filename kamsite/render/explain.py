"""Every status explains itself: the arithmetic behind it, as a sentence in the reader's words."""

from __future__ import annotations

from kamsite.core.progress import AccountProgress, ActionProgress, GoalProgress, MilestoneProgress, Settings
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels


def goal(g: GoalProgress, settings: Settings, fmt: Formats, labels: Labels) -> str:
    gap = g.expected - g.progress
    values = {
        "progress": fmt.percent(g.progress), "expected": fmt.percent(g.expected),
        "gap": fmt.points(abs(gap)), "on": fmt.points(settings.on_track_margin),
        "risk": fmt.points(settings.at_risk_margin),
    }
    key = "ahead" if g.status == "on_track" and gap < 0 else g.status
    unit = g.goal.unit
    detail = labels(
        "goal.why.values", current=fmt.number(g.current, unit),
        baseline=fmt.number(g.goal.baseline, unit), target=fmt.number(g.goal.target, unit),
        expected_value=fmt.number(round(g.expected_value, 2), unit),
    )
    return f"{labels('goal.why.' + key, **values)}; {detail}"


def milestone(m: MilestoneProgress, as_of_text: str, fmt: Formats, labels: Labels) -> str:
    values = {
        "date": fmt.date(m.milestone.done), "count": len(m.actions), "due": fmt.date(m.due),
        "start": fmt.date(m.start), "quarter": m.milestone.quarter, "as_of": as_of_text,
    }
    key = m.status if m.status_from == "quarter" else m.status_from
    text = labels("milestone.why." + key, **values)
    if m.status != "done" and m.actions:
        text += "; " + labels("milestone.why.progress", progress=fmt.percent(m.progress),
                              count=len(m.actions))
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


def health(acc: AccountProgress, labels: Labels) -> str:
    if not acc.reasons:
        return labels("health.why.on_track")
    goals = {g.goal.id: g.goal.title for g in acc.goals}
    titles = {
        "goal_off_track": goals, "goal_at_risk": goals,
        "milestone_missed": {m.milestone.id: m.milestone.title for m in acc.milestones},
        "action_overdue": {a.action.id: a.action.title for a in acc.actions},
    }
    parts = [labels("health.why." + kind, name=titles[kind][item]) for kind, item in acc.reasons]
    return "; ".join(parts) + " " + labels("health.why.then." + acc.health)
