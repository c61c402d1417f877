"""Progress and status of a plan as of one date: the formulas of the plan format, pure.

Statuses are decided on exact values: numbers and margins are read as the decimals written
and the arithmetic is done in fractions, so 0.30 >= 0.40 - 0.10 holds. The floats kept in
the results are for display only. Anything dated after as_of has not happened yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction

from kamsite.core import quarters, series
from kamsite.core.model import Action, Goal, Hold, Milestone, Plan, PlanFile, Task
from kamsite.core.stakeholders import Relationship, relationships
from kamsite.core.vocabulary import ActionStatus, CauseKind, GoalStatus, Health, MilestoneStatus, TaskKind

Cause = tuple[CauseKind, str]  # what sets an account's health, and the id of the item (or a day, a line)


@dataclass(frozen=True)
class Settings:
    """The status margins (fractions of the goal: 0.10 = 10 points) and the day counts."""

    on_track_margin: float = 0.10
    at_risk_margin: float = 0.25
    stale_days: int = 92  # a goal not measured for longer (a quarter) is stale, unless it sets measure_every
    task_grace_days: int = 7  # a task overdue by more days puts the account at risk
    contact_every: int | None = None  # client contact cadence for plans that set none; None: off


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    current: float
    current_on: date | None  # date of the actual used (measured_on); None when it is the baseline
    progress: float
    expected: float  # expected progress on as_of (for the charts)
    expected_value: float
    status: GoalStatus  # closed plans: achieved | missed
    path: tuple[tuple[date, float], ...]  # the expected path: start, checkpoints, end
    judged: float = 0.0  # expected progress on measured_on: what the status compares with
    stale: bool = False  # not measured for longer than measure_every
    unmeasured_days: int = 0  # days since measured_on (or period.start)
    # the value at period.end if it keeps the pace since period.start (a move goal measured after
    # period.start, on a running plan; else None): a fact to show, never a status input
    forecast: float | None = None
    forecast_progress: float | None = None

    @property
    def measured_on(self) -> date | None:
        return self.current_on


@dataclass(frozen=True)
class ActionProgress:
    action: Action
    owner: str
    status: ActionStatus
    status_from: str  # written | done_date | tasks | milestone (dropped with its milestone)
    progress: float
    overdue: bool
    tasks_done: int
    tasks_total: int


@dataclass(frozen=True)
class MilestoneProgress:
    milestone: Milestone
    start: date
    due: date
    status: MilestoneStatus
    status_from: str  # done_date | actions | due | quarter | written
    progress: float
    actions: tuple[str, ...]  # ids of its non-dropped actions


@dataclass(frozen=True)
class AccountProgress:
    file: PlanFile
    as_of: date
    goals: tuple[GoalProgress, ...]
    milestones: tuple[MilestoneProgress, ...]
    actions: tuple[ActionProgress, ...]
    health: Health
    reasons: tuple[Cause, ...]  # behind the health, worst first
    closed: bool = False  # as_of is after period.end
    last_contact: date | None = None  # latest done client contact on or before as_of
    contact_overdue: bool = False
    contact_due: bool = False  # the next contact falls within the next 7 days (as_of + 7 included)
    overdue_tasks: tuple[Task, ...] = ()  # open tasks overdue by more than task_grace_days
    contact_every: int | None = None  # the client contact cadence in days; None: not tracked
    stakeholders: tuple[Relationship, ...] = ()  # the relationship map (team views only)

    @property
    def plan(self) -> Plan:
        return self.file.plan

    @property
    def overdue(self) -> int:
        return sum(a.overdue for a in self.actions)

    @property
    def days_without_contact(self) -> int:
        """Days from the last client contact (or the period's start when there is none) to as_of."""
        return (self.as_of - (self.last_contact or self.plan.period.start)).days

    @property
    def causes(self) -> tuple[str, ...]:
        """The health's causes as 'kind:id' strings, as the export writes them."""
        return tuple(f"{kind}:{item}" if item else kind for kind, item in self.reasons)

    @property
    def progress(self) -> float | None:
        """The account's roll-up: its goals' progress, each held to 0..1, weighted (None: no goals)."""
        return roll_up([(g.goal.share, g.progress) for g in self.goals])

    @property
    def expected(self) -> float | None:
        """The same roll-up of its goals' expected progress: the roll-up's marker (None: no goals)."""
        return roll_up([(g.goal.share, g.expected) for g in self.goals])

    @property
    def weighted(self) -> bool:
        """Whether a goal's weight is written, so the roll-up is not a plain mean."""
        return any(g.goal.weight is not None for g in self.goals)

    @property
    def next_milestone(self) -> MilestoneProgress | None:
        """The open (in progress or upcoming) milestone due first."""
        open_ = [m for m in self.milestones if m.status in OPEN]
        return min(open_, key=lambda m: m.due, default=None)


def roll_up(weighted: Sequence[tuple[float, float]]) -> float | None:
    """Σ w·min(max(x, 0), 1) / Σ w over (weight, fraction) pairs (None for nothing): a goal far
    past its target or behind its baseline counts as 100% or 0%, never more nor less."""
    if not weighted:
        return None
    total = sum((exact(w) for w, _ in weighted), Fraction(0))
    held = sum((exact(w) * min(max(exact(x), Fraction(0)), Fraction(1)) for w, x in weighted), Fraction(0))
    return float(held / total)


FINISHED = (ActionStatus.DONE, ActionStatus.DROPPED)  # an action with nothing left to do
OPEN = (MilestoneStatus.IN_PROGRESS, MilestoneStatus.UPCOMING)  # a milestone still to reach


def exact(value: float) -> Fraction:
    """A number as the decimal it was written as: 0.1 -> 1/10, not the nearest binary float."""
    return Fraction(repr(float(value)))


def done_by(task: Task, as_of: date) -> bool:
    """Whether the task is done as of as_of: a done: date after as_of has not happened yet."""
    return task.done and (task.done_on is None or task.done_on <= as_of)


def as_of_tasks(tasks: Iterable[Task], as_of: date) -> tuple[Task, ...]:
    """The tasks as they stand on as_of: those ticked with a later done: date are open."""
    return tuple(t if done_by(t, as_of) or not t.done else replace(t, done=False) for t in tasks)


def compute(
    file: PlanFile, as_of: date, settings: Settings | None = None, previous: AccountProgress | None = None
) -> AccountProgress:
    """The plan's numbers and statuses as of `as_of`; `previous` is the plan this one follows, as
    of the same day: its last client contacts count while this plan has none of its own."""
    settings = settings or Settings()
    plan = file.plan
    tasks = as_of_tasks(file.tasks, as_of)
    closed = as_of > plan.period.end
    goals = tuple(goal_progress(g, plan, as_of, settings) for g in plan.goals)
    gone = {m.id for m in plan.milestones if m.status == "dropped"}
    actions = tuple(action_progress(a, plan, tasks, as_of, a.milestone in gone) for a in plan.actions)
    milestones = tuple(milestone_progress(m, plan, actions, as_of) for m in plan.milestones)
    finished = {a.action.id for a in actions if a.status in FINISHED}
    grace = as_of - timedelta(days=settings.task_grace_days)
    late = overdue_tasks(tasks, as_of, grace, finished)
    last = max(
        (d for d in (last_contact(tasks, as_of), *file.contact_days) if d and d <= as_of), default=None
    )
    last = last or (previous.last_contact if previous else None)
    every = plan.contact_every or settings.contact_every
    since = (as_of - (last or plan.period.start)).days
    contact_overdue = bool(every and not closed and since > every)
    contact_due = bool(every and not closed and not contact_overdue and since + 7 >= every)
    acc = AccountProgress(
        file,
        as_of,
        goals,
        milestones,
        actions,
        Health.UNMEASURED,  # until account_health below judges the account
        (),
        closed,
        last,
        contact_overdue,
        contact_due,
        late,
        every,
        relationships(plan, tasks, as_of, every, previous.stakeholders if previous else ()),
    )
    health, reasons = account_health(acc)
    return replace(acc, health=health, reasons=reasons)


def compute_all(
    files: Sequence[PlanFile],
    as_of: date,
    settings: Settings | None = None,
    one_plan: Callable[[PlanFile, date, Settings | None, AccountProgress | None], AccountProgress]
    | None = None,
) -> list[AccountProgress]:
    """Every plan, each one following another carrying that one's last client contacts;
    `one_plan` computes each one (default: `compute`)."""
    one_plan = one_plan or compute
    by_id = {f.id: f for f in files}
    done: dict[str, AccountProgress] = {}

    def one(file: PlanFile, seen: frozenset[str]) -> AccountProgress:
        if file.id not in done:
            before = by_id.get(file.plan.follows or "")
            previous = one(before, seen | {file.id}) if before and before.id not in seen else None
            done[file.id] = one_plan(file, as_of, settings, previous)
        return done[file.id]

    return [one(f, frozenset()) for f in files]


def overdue_tasks(tasks: Iterable[Task], as_of: date, before: date, finished: set[str]) -> tuple[Task, ...]:
    """The open tasks of open actions whose next occurrence is due before `before`, each with
    that occurrence as its due date (a series is late by its oldest open occurrence)."""
    late = ((t, series.next_due(t, as_of)) for t in tasks if t.action not in finished)
    return tuple(t if t.due == due else replace(t, due=due) for t, due in late if due and due < before)


def last_contact(tasks: Iterable[Task], as_of: date) -> date | None:
    """The latest day a client contact was done on, on or before as_of (each completion of a
    recurring contact counts)."""
    days = (d for t in tasks if t.kind == TaskKind.CONTACT for d in series.done_days(t, as_of))
    return max(days, default=None)


def goal_progress(goal: Goal, plan: Plan, as_of: date, settings: Settings) -> GoalProgress:
    past = [day for day in goal.actuals if day <= as_of]
    current_on = max(past, default=None)
    current = goal.actuals[current_on] if current_on else goal.baseline
    closed = as_of > plan.period.end
    if goal.hold is not None:
        found = _held(goal, goal.hold, current, current_on, closed)
    else:
        found = _moved(goal, plan, as_of, current, current_on, settings)
    days = (as_of - (current_on or plan.period.start)).days
    fresh = closed or found.status == GoalStatus.ACHIEVED  # nothing left to measure
    stale = not fresh and days > (goal.measure_every or settings.stale_days)
    return replace(found, stale=stale, unmeasured_days=max(days, 0))


def _moved(
    goal: Goal, plan: Plan, as_of: date, current: float, current_on: date | None, settings: Settings
) -> GoalProgress:
    """A goal to move: its progress from baseline to target against the expected path."""
    path = expected_path(goal, plan)
    progress = _progress(goal, current)
    expected = expected_progress(goal, plan, path, as_of)
    judged = expected_progress(goal, plan, path, current_on) if current_on else Fraction(0)
    closed = as_of > plan.period.end
    forecast = None if closed else pace_forecast(goal, plan, current, current_on)
    return GoalProgress(
        goal,
        current,
        current_on,
        float(progress),
        float(expected),
        float(interpolate(path, as_of)),
        goal_status(progress, judged, settings, closed),
        path,
        float(judged),
        forecast=None if forecast is None else float(forecast),
        forecast_progress=None if forecast is None else float(_progress(goal, forecast)),
    )


def _held(goal: Goal, band: Hold, current: float, current_on: date | None, closed: bool) -> GoalProgress:
    """A goal to hold: inside its band (ends included) it is on track with progress 1, outside
    off track with 0; expected is 1. On a closed plan the last value (actuals lie in the period,
    so it is the last one on or before period.end, else the baseline) decides achieved or missed."""
    inside = band.holds(current)
    if closed:
        status = GoalStatus.ACHIEVED if inside else GoalStatus.MISSED
    else:
        status = GoalStatus.ON_TRACK if inside else GoalStatus.OFF_TRACK
    # the expected value: the band's nearest value to the current one (itself when inside)
    low, high = band.min, band.max
    nearest = max(current, low) if low is not None else current
    nearest = min(nearest, high) if high is not None else nearest
    return GoalProgress(goal, current, current_on, float(inside), 1.0, nearest, status, (), 1.0)


def pace_forecast(goal: Goal, plan: Plan, current: float, current_on: date | None) -> Fraction | None:
    """current + (current - baseline) x (period.end - measured_on) / (measured_on - period.start),
    in days: where the goal ends if it keeps the pace it had since period.start (None without an
    actual after period.start)."""
    start, end = plan.period.start, plan.period.end
    if current_on is None or current_on <= start:
        return None
    pace = Fraction((end - current_on).days, (current_on - start).days)
    return exact(current) + (exact(current) - exact(goal.baseline)) * pace


def _progress(goal: Goal, value: float | Fraction) -> Fraction:
    """The fraction of the way from baseline to target (a goal to move)."""
    baseline = exact(goal.baseline)
    value = value if isinstance(value, Fraction) else exact(value)
    return (value - baseline) / (exact(goal.moves_to) - baseline)


def expected_progress(goal: Goal, plan: Plan, path: tuple[tuple[date, float], ...], day: date) -> Fraction:
    """The expected progress on `day`: 0 before the period, 1 from its end on."""
    if day < plan.period.start:
        return Fraction(0)
    if day >= plan.period.end:
        return Fraction(1)
    return _progress(goal, float(interpolate(path, day)))


def goal_status(
    progress: float | Fraction, expected: float | Fraction, settings: Settings, closed: bool = False
) -> GoalStatus:
    """The status of a progress judged against an expected progress, decided exactly."""
    progress, expected = Fraction(progress), Fraction(expected)
    if progress >= 1:
        return GoalStatus.ACHIEVED
    if closed:
        return GoalStatus.MISSED
    if progress >= expected - exact(settings.on_track_margin):
        return GoalStatus.ON_TRACK
    if progress >= expected - exact(settings.at_risk_margin):
        return GoalStatus.AT_RISK
    return GoalStatus.OFF_TRACK


def expected_path(goal: Goal, plan: Plan) -> tuple[tuple[date, float], ...]:
    """(period.start, baseline), each checkpoint at its milestone's due date, (period.end, target);
    dropped milestones count nowhere."""
    checkpoints = [
        (quarters.milestone_due(plan.period.start, plan.period.end, m.quarter), m.checkpoint[goal.id])
        for m in plan.milestones
        if goal.id in m.checkpoint and m.status != "dropped"
    ]
    if goal.target is None:  # a goal to hold has no path
        return ()
    points = [(plan.period.start, goal.baseline), *checkpoints, (plan.period.end, goal.target)]
    return tuple(sorted(points, key=lambda p: p[0]))


def interpolate(points: tuple[tuple[date, float], ...], day: date) -> Fraction:
    """Linear interpolation by days, exact; flat before the first point and after the last."""
    if day <= points[0][0]:
        return exact(points[0][1])
    for (d0, v0), (d1, v1) in zip(points, points[1:], strict=False):
        if d0 <= day < d1:
            return exact(v0) + (exact(v1) - exact(v0)) * Fraction((day - d0).days, (d1 - d0).days)
    return exact(points[-1][1])


def action_progress(
    action: Action, plan: Plan, tasks: tuple[Task, ...], as_of: date, dropped_milestone: bool = False
) -> ActionProgress:
    """`tasks` are the tasks as of as_of (see as_of_tasks); an action of a dropped milestone that
    is not done is dropped with it."""
    own = [t for t in tasks if t.action == action.id]
    done = sum(series.counts_done(t, as_of) for t in own)
    finished = action.done is not None and action.done <= as_of
    status: ActionStatus
    if action.status and (action.status != ActionStatus.DONE or action.done is None or finished):
        status, source = action.status, "written"
    elif finished:
        status, source = ActionStatus.DONE, "done_date"
    else:  # no status, or "done" with a done date still to come: its tasks decide
        source = "tasks"
        status = (
            ActionStatus.DONE
            if own and done == len(own)
            else ActionStatus.DOING
            if done
            else ActionStatus.TODO
        )
    if dropped_milestone and status != ActionStatus.DONE:
        status, source = ActionStatus.DROPPED, "milestone"
    progress = 1.0 if status == ActionStatus.DONE else float(Fraction(done, len(own))) if own else 0.0
    closed = as_of > plan.period.end  # a closed plan has nothing overdue
    overdue = bool(action.due and action.due < as_of and status not in FINISHED and not closed)
    owner = action.owner or plan.owner
    return ActionProgress(action, owner, status, source, progress, overdue, done, len(own))


def milestone_progress(
    ms: Milestone, plan: Plan, actions: tuple[ActionProgress, ...], as_of: date
) -> MilestoneProgress:
    start = quarters.quarter_start(plan.period.start, ms.quarter)
    due = quarters.milestone_due(plan.period.start, plan.period.end, ms.quarter)
    own = [a for a in actions if a.action.milestone == ms.id and a.status != ActionStatus.DROPPED]
    status: MilestoneStatus
    if ms.status == "dropped":  # the one status a plan writes for a milestone
        status, source = MilestoneStatus.DROPPED, "written"
    elif ms.done and ms.done <= as_of:
        status, source = MilestoneStatus.DONE, "done_date"
    elif own and all(a.status == ActionStatus.DONE for a in own):
        status, source = MilestoneStatus.DONE, "actions"
    elif due < as_of:
        status, source = MilestoneStatus.MISSED, "due"
    else:
        upcoming = start > as_of
        status, source = MilestoneStatus.UPCOMING if upcoming else MilestoneStatus.IN_PROGRESS, "quarter"
    progress = 1.0 if status == MilestoneStatus.DONE else _mean([exact(a.progress) for a in own])
    ids = tuple(a.action.id for a in own)
    return MilestoneProgress(ms, start, due, status, source, progress, ids)


def account_health(acc: AccountProgress) -> tuple[Health, tuple[Cause, ...]]:
    """The health and the items that set it, worst first."""
    if acc.closed:
        return Health.CLOSED, ((CauseKind.PLAN_CLOSED, acc.plan.period.end.isoformat()),)
    worst: list[Cause] = [
        (CauseKind.GOAL_OFF_TRACK, g.goal.id) for g in acc.goals if g.status == GoalStatus.OFF_TRACK
    ]
    worst += [
        (CauseKind.MILESTONE_MISSED, m.milestone.id)
        for m in acc.milestones
        if m.status == MilestoneStatus.MISSED
    ]
    last = acc.last_contact.isoformat() if acc.last_contact else ""
    risks: list[Cause] = (
        [(CauseKind.GOAL_AT_RISK, g.goal.id) for g in acc.goals if g.status == GoalStatus.AT_RISK]
        + [(CauseKind.GOAL_STALE, g.goal.id) for g in acc.goals if g.stale]
        + [(CauseKind.ACTION_OVERDUE, a.action.id) for a in acc.actions if a.overdue]
        + [(CauseKind.TASK_OVERDUE, str(t.line)) for t in acc.overdue_tasks]
        + [(CauseKind.CONTACT_OVERDUE, last)] * acc.contact_overdue
        + [(CauseKind.STAKEHOLDER_OVERDUE, r.stakeholder.id) for r in acc.stakeholders if r.contact_overdue]
    )
    if worst:
        return Health.OFF_TRACK, tuple(worst + risks)
    if risks:
        return Health.AT_RISK, tuple(risks)
    if not acc.goals:
        return Health.UNMEASURED, ((CauseKind.NO_GOALS, ""),)
    return Health.ON_TRACK, ()


@dataclass(frozen=True)
class CauseCounts:
    """An account's health causes counted by what they are: what the portfolio's row and its
    tiles say instead of every cause. Each goal counts once, under its worst cause (a goal off
    track and stale is off track; at risk and stale, at risk)."""

    goals_off_track: int = 0
    milestones_missed: int = 0
    goals_at_risk: int = 0
    goals_stale: int = 0  # stale and neither off track nor at risk
    items_overdue: int = 0  # overdue actions, and tasks overdue by more than task_grace_days
    contact_days: int | None = None  # the client contact is overdue: days without one
    stakeholders_overdue: int = 0  # stakeholders of high influence past the cadence

    @property
    def contacts_overdue(self) -> int:
        """The contacts the team owes: each stakeholder past the cadence, or one for the client
        when none is named (meeting a stakeholder is a client contact too, so a late client
        contact and a late stakeholder are one conversation, not two)."""
        return max(int(self.contact_days is not None), self.stakeholders_overdue)

    def __bool__(self) -> bool:
        return self != CauseCounts()


GOAL_CAUSES = (CauseKind.GOAL_OFF_TRACK, CauseKind.GOAL_AT_RISK, CauseKind.GOAL_STALE)


def cause_counts(acc: AccountProgress) -> CauseCounts:
    """The account's causes (`reasons`) counted by kind; a goal named by several causes counts
    under the worst one. A plan without goals or closed has nothing to count."""
    kinds = [kind for kind, _ in acc.reasons]
    goals: dict[str, CauseKind] = {}
    for kind, item in acc.reasons:  # worst first: a goal's first cause is its worst
        if kind in GOAL_CAUSES:
            goals.setdefault(item, kind)
    worst = list(goals.values())
    return CauseCounts(
        goals_off_track=worst.count(CauseKind.GOAL_OFF_TRACK),
        milestones_missed=kinds.count(CauseKind.MILESTONE_MISSED),
        goals_at_risk=worst.count(CauseKind.GOAL_AT_RISK),
        goals_stale=worst.count(CauseKind.GOAL_STALE),
        items_overdue=kinds.count(CauseKind.ACTION_OVERDUE) + kinds.count(CauseKind.TASK_OVERDUE),
        contact_days=acc.days_without_contact if CauseKind.CONTACT_OVERDUE in kinds else None,
        stakeholders_overdue=kinds.count(CauseKind.STAKEHOLDER_OVERDUE),
    )


def _mean(values: list[Fraction]) -> float:
    """The mean, or 0 for nothing (a milestone without actions)."""
    return float(sum(values, Fraction(0)) / len(values)) if values else 0.0
