"""Who may see what: the client's view of a plan, the one rule every client output is made from.

A client build computes, renders and exports this view, never the full plan, so an internal
item cannot reach a client through a count, a calendar or a search index.
"""

from __future__ import annotations

from dataclasses import replace

from kamsite.core import sections
from kamsite.core.model import PlanFile


def client_view(file: PlanFile) -> PlanFile:
    """The plan without its internal parts.

    Left out: sections under an `.internal` heading (their lines emptied, so every other line
    keeps its number and a link reference defined there resolves nowhere), goals, milestones and
    actions marked `internal: true`, the actions of an internal milestone, and the tasks of
    everything left out (their lines emptied too).
    """
    plan = file.plan
    goals = [g for g in plan.goals if not g.internal]
    goal_ids = {g.id for g in goals}
    milestones = [
        m.model_copy(
            update={
                "goals": [g for g in m.goals if g in goal_ids],
                "checkpoint": {g: v for g, v in m.checkpoint.items() if g in goal_ids},
            }
        )
        for m in plan.milestones
        if not m.internal
    ]
    milestone_ids = {m.id for m in milestones}
    actions = [a for a in plan.actions if not a.internal and a.milestone in milestone_ids]
    action_ids = {a.id for a in actions}
    reading = sections.read(file.body)
    hidden = reading.internal_ranges()
    visible = {
        t.line - file.body_start
        for t in file.tasks
        if not t.internal and (t.action is None or t.action in action_ids)
    }
    hidden += [(item.start, item.end) for item in reading.tasks if item.start not in visible]
    kept = tuple(t for t in file.tasks if not sections.covers(hidden, t.line - file.body_start))
    view = plan.model_copy(update={"goals": goals, "milestones": milestones, "actions": actions})
    return replace(file, plan=view, tasks=kept, body=sections.blank(file.body, hidden), warnings=())
