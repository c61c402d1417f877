"""Plausibility: values a plan may hold but a writer rarely means (format v3 §9.19).

Each is a warning, so `--strict` fails on it: a misplaced digit in an actual, a year mistyped
in a `done:` date. They depend only on what was written, never on `as_of`. One warning per
value: the first rule it breaks (a digit too many makes an actual break both of its rules).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from fractions import Fraction

from kamsite.core import series
from kamsite.core.errors import Problem, field_path
from kamsite.core.frontmatter import FrontMatter, Loc
from kamsite.core.model import Goal, Plan, Task
from kamsite.core.progress import exact
from kamsite.core.said import Said

MOST_PROGRESS, LEAST_PROGRESS = Fraction(3), Fraction(-2)  # 300% and -200% of the way
STEP = Fraction(10)  # an actual more than 10x, or less than 1/10, of the previous one
YEAR = timedelta(days=366)  # a done date this far from its due date, or before the period
_BEYOND = (
    "{value} is {progress}% of the way from the baseline ({baseline}) to the target ({target}),"
    " more than 300%: check for a misplaced digit"
)
_BEHIND = (
    "{value} is {progress}% of the way from the baseline ({baseline}) to the target ({target}),"
    " below -200%: check for a misplaced digit"
)
_TIMES = "{value} is more than 10 times the previous actual ({previous}): check for a misplaced digit"
_TENTH = "{value} is less than a tenth of the previous actual ({previous}): check for a misplaced digit"
_BEFORE = "{done} is more than 366 days before the period starts ({start}): check the year"
_FROM_DUE = "{done} is {days} days from its due date ({due}): check the year"


def warnings(plan: Plan, front: FrontMatter, path: str, tasks: Sequence[Task] = ()) -> list[Problem]:
    """Every implausible actual and done date of the plan, at its line."""
    found = [
        Problem(path, front.line(loc), field_path(loc), message)
        for loc, message in (*_actuals(plan), *_done_dates(plan))
    ]
    for task in tasks:
        # each completion against its own occurrence's due date (a series' first due is months
        # before its later completions)
        dues: list[date | None] = [*series.occurrences(task)] or [None]
        for done, due in zip(task.completions or (task.done_on,), dues, strict=False):
            message = _done(done, due, plan.period.start)
            if message:
                found.append(Problem(path, task.line, "task.done", message))
                break
    return found


def _actuals(plan: Plan) -> Iterator[tuple[Loc, str]]:
    for i, goal in enumerate(plan.goals):
        previous: float | None = None
        for day in sorted(goal.actuals):
            value = goal.actuals[day]
            message = _far_along(goal, value) or _jump(value, previous)
            if message:
                yield ("goals", i, "actuals", day.isoformat()), message
            previous = value


def _far_along(goal: Goal, value: float) -> str | None:
    """An actual more than 300% of the way from the baseline to the target, or below -200%."""
    if goal.target is None:  # a goal to hold has no way to go
        return None
    baseline = exact(goal.baseline)
    progress = (exact(value) - baseline) / (exact(goal.target) - baseline)
    if LEAST_PROGRESS <= progress <= MOST_PROGRESS:
        return None
    values = {
        "value": _num(value),
        "progress": f"{float(progress * 100):.6g}",
        "baseline": _num(goal.baseline),
        "target": _num(goal.target),
    }
    return Said(_BEYOND, **values) if progress > MOST_PROGRESS else Said(_BEHIND, **values)


def _jump(value: float, previous: float | None) -> str | None:
    """An actual more than 10 times, or less than a tenth of, the previous actual, both non-zero,
    compared by size: a value crossing zero (a margin from -2 to 3) or reaching it (complaints
    down to 0) is no slipped digit."""
    if not previous or not value:
        return None
    ratio = abs(exact(value) / exact(previous))
    if 1 / STEP <= ratio <= STEP:
        return None
    values = {"value": _num(value), "previous": _num(previous)}
    return Said(_TIMES, **values) if ratio > STEP else Said(_TENTH, **values)


def _done_dates(plan: Plan) -> Iterator[tuple[Loc, str]]:
    start = plan.period.start
    for i, action in enumerate(plan.actions):
        message = _done(action.done, action.due, start)
        if message:
            yield ("actions", i, "done"), message
    for i, milestone in enumerate(plan.milestones):
        message = _done(milestone.done, None, start)
        if message:
            yield ("milestones", i, "done"), message


def _done(done: date | None, due: date | None, start: date) -> str | None:
    """A done date more than 366 days before the period starts, or from its due date."""
    if done is None:
        return None
    if done < start - YEAR:
        return Said(_BEFORE, done=done, start=start)
    if due is not None and abs(done - due) > YEAR:
        days = abs((done - due).days)
        return Said(_FROM_DUE, done=done, days=days, due=due)
    return None


def _num(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)
