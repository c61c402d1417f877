"""Progress and status of a plan as of one date: the formulas of the plan format, pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kamsite.core import quarters
from kamsite.core.model import Action, Goal, Milestone, Plan, PlanFile, Task


@dataclass(frozen=True)
class Settings:
    """The two status margins, as fractions of the goal (0.10 = 10 points)."""

    on_track_margin: float = 0.10
    at_risk_margin: float = 0.25


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    current: float
    current_on: date | None  # date of the actual used; None when it is the baseline
    progress: float
    expected: float
    expected_value: float
    status: str  # achieved | on_track | at_risk | off_track
    path: tuple[tuple[date, float], ...]  # the expected path: start, checkpoints, end


@dataclass(frozen=True)
class ActionProgress:
    action: Action
    owner: str
    status: str  # todo | doing | done | blocked | dropped
    status_from: str  # written | done_date | tasks
    progress: float
    overdue: bool
    tasks_done: int
    tasks_total: int


@dataclass(frozen=True)
class MilestoneProgress:
    milestone: Milestone
    start: date
    due: date
    status: str  # done | missed | in_progress | upcoming
    status_from: str  # done_date | actions | due | quarter
    progress: float
    actions: tuple[str, ...]  # ids of its non-dropped actions


@dataclass(frozen=True)
class AccountProgress:
    file: PlanFile
    as_of: date
    goals: tuple[GoalProgress, ...]
    milestones: tuple[MilestoneProgress, ...]
    actions: tuple[ActionProgress, ...]
    health: str  # on_track | at_risk | off_track
    reasons: tuple[tuple[str, str], ...]  # (kind, id) behind the health, worst first

    @property
    def plan(self) -> Plan:
        return self.file.plan

    @property
    def overdue(self) -> int:
        return sum(a.overdue for a in self.actions)

    def next_milestone(self) -> MilestoneProgress | None:
        open_ = [m for m in self.milestones if m.status in ("in_progress", "upcoming")]
        return min(open_, key=lambda m: m.due, default=None)


def compute(file: PlanFile, as_of: date, settings: Settings | None = None) -> AccountProgress:
    settings = settings or Settings()
    plan = file.plan
    goals = tuple(goal_progress(g, plan, as_of, settings) for g in plan.goals)
    actions = tuple(action_progress(a, plan, file.tasks, as_of) for a in plan.actions)
    milestones = tuple(milestone_progress(m, plan, actions, as_of) for m in plan.milestones)
    health, reasons = account_health(goals, milestones, actions)
    return AccountProgress(file, as_of, goals, milestones, actions, health, reasons)


def goal_progress(goal: Goal, plan: Plan, as_of: date, settings: Settings) -> GoalProgress:
    span = goal.target - goal.baseline
    past = [day for day in goal.actuals if day <= as_of]
    current_on = max(past, default=None)
    current = goal.actuals[current_on] if current_on else goal.baseline
    path = expected_path(goal, plan)
    expected_value = interpolate(path, as_of)
    progress = (current - goal.baseline) / span
    expected = (expected_value - goal.baseline) / span
    if as_of < plan.period.start:
        expected = 0.0
    elif as_of >= plan.period.end:
        expected = 1.0
    status = goal_status(progress, expected, settings)
    return GoalProgress(goal, current, current_on, progress, expected, expected_value, status, path)


def goal_status(progress: float, expected: float, settings: Settings) -> str:
    if progress >= 1:
        return "achieved"
    if progress >= expected - settings.on_track_margin:
        return "on_track"
    if progress >= expected - settings.at_risk_margin:
        return "at_risk"
    return "off_track"


def expected_path(goal: Goal, plan: Plan) -> tuple[tuple[date, float], ...]:
    """(period.start, baseline), each checkpoint at its quarter's end, (period.end, target)."""
    checkpoints = [
        (quarters.quarter_end(plan.period.start, m.quarter), m.checkpoint[goal.id])
        for m in plan.milestones
        if goal.id in m.checkpoint
    ]
    points = [(plan.period.start, goal.baseline), *checkpoints, (plan.period.end, goal.target)]
    return tuple(sorted(points, key=lambda p: p[0]))


def interpolate(points: tuple[tuple[date, float], ...], day: date) -> float:
    """Linear interpolation by days; flat before the first point and after the last."""
    if day <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in zip(points, points[1:], strict=False):
        if d0 <= day < d1:
            return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
    return points[-1][1]


def action_progress(action: Action, plan: Plan, tasks: tuple[Task, ...], as_of: date) -> ActionProgress:
    own = [t for t in tasks if t.action == action.id]
    done = sum(t.done for t in own)
    if action.status:
        status, source = action.status, "written"
    elif action.done and action.done <= as_of:
        status, source = "done", "done_date"
    else:
        source = "tasks"
        status = "done" if own and done == len(own) else "doing" if done else "todo"
    progress = 1.0 if status == "done" else _mean([float(t.done) for t in own])
    overdue = bool(action.due and action.due < as_of and status not in ("done", "dropped"))
    owner = action.owner or plan.owner
    return ActionProgress(action, owner, status, source, progress, overdue, done, len(own))


def milestone_progress(
    ms: Milestone, plan: Plan, actions: tuple[ActionProgress, ...], as_of: date
) -> MilestoneProgress:
    start = quarters.quarter_start(plan.period.start, ms.quarter)
    due = quarters.quarter_end(plan.period.start, ms.quarter)
    own = [a for a in actions if a.action.milestone == ms.id and a.status != "dropped"]
    if ms.done and ms.done <= as_of:
        status, source = "done", "done_date"
    elif own and all(a.status == "done" for a in own):
        status, source = "done", "actions"
    elif due < as_of:
        status, source = "missed", "due"
    else:
        status, source = ("in_progress" if start <= as_of else "upcoming"), "quarter"
    progress = 1.0 if status == "done" else _mean([a.progress for a in own])
    ids = tuple(a.action.id for a in own)
    return MilestoneProgress(ms, start, due, status, source, progress, ids)


def account_health(
    goals: tuple[GoalProgress, ...],
    milestones: tuple[MilestoneProgress, ...],
    actions: tuple[ActionProgress, ...],
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The health and the items that set it, worst first."""
    reasons = (
        [("goal_off_track", g.goal.id) for g in goals if g.status == "off_track"]
        + [("milestone_missed", m.milestone.id) for m in milestones if m.status == "missed"]
        + [("goal_at_risk", g.goal.id) for g in goals if g.status == "at_risk"]
        + [("action_overdue", a.action.id) for a in actions if a.overdue]
    )
    kinds = {kind for kind, _ in reasons}
    if kinds & {"goal_off_track", "milestone_missed"}:
        health = "off_track"
    elif reasons:
        health = "at_risk"
    else:
        health = "on_track"
    return health, tuple(reasons)


def _mean(values: list[float]) -> float:
    """The mean, or 0 for nothing (an action without tasks, a milestone without actions)."""
    return sum(values) / len(values) if values else 0.0
