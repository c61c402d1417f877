"""Recurring tasks (`every:`): a series' occurrences and completions, and where it stands on a day.

Occurrence k of a series is due k steps after its first `due:` (a month step from the 29th-31st
lands on a shorter month's last day: 31 Jan, 28 Feb, 31 Mar), up to the period's end. The k-th
completion in date order completes the k-th occurrence; the first occurrence without one is the
next, and it is the task's due date for Today, overdue and calendars. `[x]` ends a series.

A plain task reads here as a series of one: its one occurrence is its due date, its one
completion its done date, so every output asks these functions and never which kind it has.
Counts are computed, not walked: a daily series over a long period costs what a monthly one does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from kamsite.core.model import Every, Task
from kamsite.core.vocabulary import StepUnit


def steps_by(first: date, every: Every, day: date) -> int:
    """How many of the steps counted from `first` (first included) fall on or before `day`."""
    if day < first:
        return 0
    if every.unit == StepUnit.MONTH:  # k whole steps lie in earlier months; the k-th may be later
        k = ((day.year - first.year) * 12 + day.month - first.month) // every.count
        return k + (every.step(first, k) <= day)
    return (day - first).days // (every.count * (7 if every.unit == StepUnit.WEEK else 1)) + 1


def length(first: date, every: Every | None) -> int:
    """How many occurrences a task due on `first` has: one, or a series' up to the period's end
    (at least its first)."""
    if every is None or every.until is None:
        return 1
    return max(1, steps_by(first, every, every.until))


def occurrences(task: Task) -> Iterator[date]:
    """The due dates of the task's occurrences in order: its due date, then (a series) one step
    more each, while on or before the period's end (the first one always)."""
    if task.due is not None:
        for k in range(length(task.due, task.every)):
            yield _at(task.due, task.every, k)


def done_days(task: Task, as_of: date) -> tuple[date, ...]:
    """The days it was done on, on or before as_of, in date order: each completion of a series
    (open or ended), or a ticked task's done date."""
    if task.every is not None:
        return tuple(d for d in task.completions if d <= as_of)
    return (task.done_on,) if task.done and task.done_on and task.done_on <= as_of else ()


def ended(task: Task, as_of: date) -> bool:
    """Ticked, and by as_of (a done date after as_of has not happened yet): a series' `[x]`
    counts once its latest completion has happened."""
    return task.done and (task.done_on is None or task.done_on <= as_of)


@dataclass(frozen=True)
class Standing:
    """A task as of one day."""

    done: tuple[date, ...]  # its completions so far, in date order
    due_so_far: int  # occurrences due on or before as_of
    next: date | None  # the next open occurrence; None when ended or none is left
    ended: bool
    last_done_due: date | None  # the due date of the last completed occurrence

    @property
    def caught_up(self) -> bool:
        """An occurrence is due by now and every one due by now is completed (progress counts
        an open series so: done)."""
        return self.due_so_far > 0 and len(self.done) >= self.due_so_far


def standing(task: Task, as_of: date) -> Standing:
    done, is_ended, first = done_days(task, as_of), ended(task, as_of), task.due
    if first is None:
        return Standing(done, 0, None, is_ended, None)
    total = length(first, task.every)
    completed = min(len(done) if task.every is not None else int(is_ended), total)
    by_now = steps_by(first, task.every, as_of) if task.every else int(first <= as_of)
    following = _at(first, task.every, completed) if not is_ended and completed < total else None
    last_done_due = _at(first, task.every, completed - 1) if completed else None
    return Standing(done, min(by_now, total), following, is_ended, last_done_due)


def next_due(task: Task, as_of: date) -> date | None:
    """Its next open occurrence as of as_of: the date Today, overdue and calendars go by."""
    return standing(task, as_of).next


def counts_done(task: Task, as_of: date) -> bool:
    """Done, for an action's progress: a plain task ticked by as_of; a series ended by as_of, or
    caught up (an occurrence due by as_of, and every one due by then completed)."""
    if task.every is None:
        return ended(task, as_of)
    found = standing(task, as_of)
    return found.ended or found.caught_up


def _at(first: date, every: Every | None, k: int) -> date:
    return first if every is None else every.step(first, k)
