"""The quarterly review: for each quarter that has started, what the plan promised and what happened.

Each quarter is judged as it stood at its last day (or as_of, for the quarter under way): the
goals against their checkpoint or expected value, the quarter's milestones, the work finished
in it, and — given the plan as it was at the quarter's start and end — what changed in the plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from kamsite.core import quarters, series
from kamsite.core.changes import PLAN_KINDS, Change, compare
from kamsite.core.model import Goal, PlanFile
from kamsite.core.progress import GoalProgress, MilestoneProgress, Settings, compute
from kamsite.core.recent import Done, completions, untold
from kamsite.core.vocabulary import GoalStatus, TaskKind


@dataclass(frozen=True)
class GoalThen:
    state: GoalProgress  # the goal as it stood on the quarter's judging day (`until`)
    reference: float  # the quarter's checkpoint for this goal, else the expected value that day
    from_checkpoint: bool

    @property
    def goal(self) -> Goal:
        return self.state.goal

    @property
    def value(self) -> float:
        """The latest actual on or before the quarter's last day (or as_of)."""
        return self.state.current

    @property
    def progress(self) -> float:
        return self.state.progress

    @property
    def status(self) -> GoalStatus:
        """Judged at that actual's date, as every goal status is."""
        return self.state.status


@dataclass(frozen=True)
class QuarterReview:
    quarter: str  # Q1..Q8
    start: date
    end: date  # the quarter's last day (or period.end)
    until: date  # min(end, as_of): the day the quarter is judged on
    goals: tuple[GoalThen, ...]
    milestones: tuple[MilestoneProgress, ...]
    done: tuple[Done, ...]  # finished in the quarter, newest first
    contacts: int  # client contacts done in the quarter
    reports: int  # reports delivered in the quarter
    changes: tuple[Change, ...] | None  # None: the plan's history is not available


def quarters_of(file: PlanFile, as_of: date) -> list[tuple[str, date, date]]:
    """(quarter, first day, last day) of each quarter of the period that has started, in order."""
    period = file.plan.period
    found = []
    for quarter in quarters.quarters_of(period.start, period.end):
        start = quarters.quarter_start(period.start, quarter)
        if start > as_of:
            break
        found.append((quarter, start, quarters.milestone_due(period.start, period.end, quarter)))
    return found


def snapshot_days(file: PlanFile, as_of: date) -> list[date]:
    """The days whose committed text the review compares: the eve of each started quarter, and
    the day each is judged on."""
    days = set()
    for _, start, end in quarters_of(file, as_of):
        days |= {start - timedelta(days=1), min(end, as_of)}
    return sorted(days)


def review(
    file: PlanFile,
    as_of: date,
    settings: Settings,
    history: Mapping[str, tuple[PlanFile | None, PlanFile | None]] | None = None,
) -> tuple[QuarterReview, ...]:
    """Every started quarter, latest first. `history` maps a quarter to the plan as it was on
    the eve of its first day and on the day it is judged (None where the file did not exist or
    did not validate); without it, or for a quarter it leaves out, the reviews say that the
    changes are unknown."""
    reviews = []
    for quarter, start, end in quarters_of(file, as_of):
        until = min(end, as_of)
        then = history.get(quarter) if history is not None else None
        changes = _changes(then, start, until, settings) if then is not None else None
        quarter_review = _quarter(file, quarter, start, end, until, settings, changes, as_of > end)
        reviews.append(quarter_review)
    return tuple(reversed(reviews))


def _quarter(
    file: PlanFile,
    quarter: str,
    start: date,
    end: date,
    until: date,
    settings: Settings,
    changes: tuple[Change, ...] | None,
    ended: bool,
) -> QuarterReview:
    acc = compute(file, until, settings)
    checkpoints = {
        g: v for m in file.plan.milestones if m.quarter == quarter for g, v in m.checkpoint.items()
    }
    goals = tuple(
        GoalThen(g, checkpoints.get(g.goal.id, g.expected_value), g.goal.id in checkpoints) for g in acc.goals
    )
    # an ended quarter's milestones as they stood when it was over: one not done by its last
    # day is missed in its quarter's review (on that day itself it was not late yet)
    closing = compute(file, end + timedelta(days=1), settings) if ended else acc
    milestones = tuple(m for m in closing.milestones if m.milestone.quarter == quarter)
    # a contact the reader may not read still happened (core.audience): listed by its day
    done = tuple(d for d in [*completions(acc, file.tasks), *untold(file)] if start <= d.day <= until)
    # each completion in the quarter (a recurring task's every one), by the kind of its task
    finished = [t.kind for t in file.tasks for day in series.done_days(t, until) if start <= day]
    contacts = finished.count(TaskKind.CONTACT) + sum(d.untold for d in done)
    reports = finished.count(TaskKind.REPORT)
    return QuarterReview(quarter, start, end, until, goals, milestones, done, contacts, reports, changes)


def _changes(
    then: tuple[PlanFile | None, PlanFile | None] | None, start: date, until: date, settings: Settings
) -> tuple[Change, ...]:
    """What changed in the plan between the quarter's first and last day, compared by id."""
    if then is None or then[1] is None:
        return ()
    before = compute(then[0], start, settings) if then[0] else None
    diff = compare(before, compute(then[1], until, settings), start)
    return () if diff.is_new else tuple(c for c in diff.changes if c.kind in PLAN_KINDS)
