"""What changed since a review: a plan then and now, compared item by item. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kamsite.core.model import Goal, Hold
from kamsite.core.progress import AccountProgress, GoalProgress
from kamsite.core.vocabulary import ActionStatus, ChangeKind, MilestoneStatus

Value = float | date | str | Hold | None  # a goal's aim is its target, or the band it holds
# Changes to what the plan promises, as opposed to progress made against it.
PLAN_KINDS = (
    ChangeKind.GOAL_ADDED,
    ChangeKind.GOAL_REMOVED,
    ChangeKind.TARGET_MOVED,
    ChangeKind.MILESTONE_ADDED,
    ChangeKind.MILESTONE_REMOVED,
    ChangeKind.MILESTONE_MOVED,
    ChangeKind.ACTION_ADDED,
    ChangeKind.ACTION_REMOVED,
    ChangeKind.ACTION_DROPPED,
    ChangeKind.DUE_MOVED,
)


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    title: str
    then: Value = None
    now: Value = None
    unit: str = ""  # the goal's unit, for targets and bands


@dataclass(frozen=True)
class GoalDelta:
    then: GoalProgress
    now: GoalProgress


@dataclass(frozen=True)
class AccountChanges:
    now: AccountProgress
    then_as_of: date
    is_new: bool  # the plan did not exist at the revision
    goals: tuple[GoalDelta, ...]
    changes: tuple[Change, ...]


def compare(then: AccountProgress | None, now: AccountProgress, then_as_of: date) -> AccountChanges:
    if then is None:
        return AccountChanges(now, then_as_of, True, (), ())
    old_goals = {g.goal.id: g for g in then.goals}
    goals = tuple(GoalDelta(old_goals[g.goal.id], g) for g in now.goals if g.goal.id in old_goals)
    changes = _goals(then, now) + _milestones(then, now) + _actions(then, now) + _tasks(then, now)
    return AccountChanges(now, then_as_of, False, goals, tuple(changes))


def aim(goal: Goal) -> float | Hold | None:
    """What the goal promises: its target, or the band it holds."""
    return goal.hold if goal.hold is not None else goal.target


def _goals(then: AccountProgress, now: AccountProgress) -> list[Change]:
    old = {g.goal.id: g.goal for g in then.goals}
    new = {g.goal.id: g.goal for g in now.goals}
    out = [
        Change(ChangeKind.GOAL_ADDED, g.title, now=aim(g), unit=g.unit)
        for i, g in new.items()
        if i not in old
    ]
    out += [
        Change(ChangeKind.GOAL_REMOVED, g.title, then=aim(g), unit=g.unit)
        for i, g in old.items()
        if i not in new
    ]
    out += [
        Change(ChangeKind.TARGET_MOVED, g.title, aim(old[i]), aim(g), g.unit)
        for i, g in new.items()
        if i in old and aim(old[i]) != aim(g)
    ]
    return out


def _milestones(then: AccountProgress, now: AccountProgress) -> list[Change]:
    old = {m.milestone.id: m for m in then.milestones}
    new = {m.milestone.id for m in now.milestones}
    out = [
        Change(ChangeKind.MILESTONE_ADDED, m.milestone.title, now=m.milestone.quarter)
        for m in now.milestones
        if m.milestone.id not in old
    ]
    out += [
        Change(ChangeKind.MILESTONE_REMOVED, m.milestone.title, then=m.milestone.quarter)
        for i, m in old.items()
        if i not in new
    ]
    for m in now.milestones:
        before = old.get(m.milestone.id)
        was = before.status if before else None
        if m.status == MilestoneStatus.DONE and was != MilestoneStatus.DONE:
            out.append(
                Change(ChangeKind.MILESTONE_REACHED, m.milestone.title, was, m.milestone.done or m.due)
            )
        elif m.status == MilestoneStatus.MISSED and was != MilestoneStatus.MISSED:
            out.append(Change(ChangeKind.MILESTONE_SLIPPED, m.milestone.title, was, m.due))
        if before and before.milestone.quarter != m.milestone.quarter:
            out.append(
                Change(
                    ChangeKind.MILESTONE_MOVED,
                    m.milestone.title,
                    before.milestone.quarter,
                    m.milestone.quarter,
                )
            )
    return out


def _actions(then: AccountProgress, now: AccountProgress) -> list[Change]:
    old = {a.action.id: a for a in then.actions}
    new = {a.action.id for a in now.actions}
    out = [
        Change(ChangeKind.ACTION_REMOVED, a.action.title, then=a.action.due)
        for i, a in old.items()
        if i not in new
    ]
    for a in now.actions:
        before = old.get(a.action.id)
        if before is None:
            out.append(Change(ChangeKind.ACTION_ADDED, a.action.title, now=a.action.due))
            continue
        if a.status == ActionStatus.DONE and before.status != ActionStatus.DONE:
            out.append(Change(ChangeKind.ACTION_FINISHED, a.action.title, before.status, a.action.done))
        if a.status == ActionStatus.DROPPED and before.status != ActionStatus.DROPPED:
            out.append(Change(ChangeKind.ACTION_DROPPED, a.action.title, before.status))
        if a.action.due != before.action.due:
            out.append(Change(ChangeKind.DUE_MOVED, a.action.title, before.action.due, a.action.due))
    return out


def _tasks(then: AccountProgress, now: AccountProgress) -> list[Change]:
    done_then = {(t.action, t.text) for t in then.file.tasks if t.done}
    return [
        Change(ChangeKind.TASK_COMPLETED, t.text, now=t.done_on)
        for t in now.file.tasks
        if t.done and (t.action, t.text) not in done_then
    ]
