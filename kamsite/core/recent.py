"""What have you done for me lately? Work done in the last N days, and goals then vs now."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from kamsite.core import series
from kamsite.core.model import Goal, PlanFile, Task
from kamsite.core.progress import FINISHED, AccountProgress, ActionProgress, as_of_tasks
from kamsite.core.vocabulary import ActionStatus, DoneKind, MilestoneStatus, TaskKind

KINDS = list(DoneKind)  # on the same day, the bigger result comes first


@dataclass(frozen=True)
class Done:
    kind: DoneKind
    title: str
    day: date
    owner: str | None = None  # handle
    action: str | None = None  # action id, for tasks
    # a client contact the reader knows by its day only (written in a section they may not read,
    # §9.5): no title, no owner; the report names it in its own words
    untold: bool = False


@dataclass(frozen=True)
class GoalChange:
    goal: Goal
    then: float  # value N days before as_of
    now: float  # value on as_of


@dataclass(frozen=True)
class Step:
    """An open milestone, action or task due within the next days, or overdue and still open."""

    kind: DoneKind
    title: str
    due: date
    late: int = 0  # days overdue (0: not overdue)
    owner: str | None = None  # handle
    action: str | None = None  # action id, for tasks
    line: int | None = None  # the task's line in the plan


@dataclass(frozen=True)
class Recent:
    as_of: date
    days: int
    done: tuple[Done, ...]  # in the window, newest first
    goals: tuple[GoalChange, ...]
    weekly: tuple[tuple[date, int], ...]  # (week start, completions) over the window, oldest first
    next: tuple[Step, ...] = ()  # next steps: by due date, so the overdue ones come first
    contacts: int = 0  # client contacts done in the window
    reports: int = 0  # reports sent to the client in the window


def action_day(a: ActionProgress, tasks: Iterable[Task], as_of: date) -> date | None:
    """Its done date; else, when all its tasks are done, the latest of their days."""
    if a.action.done and a.status_from != "tasks":
        return a.action.done
    own = [t for t in tasks if t.action == a.action.id]
    if own and all(series.counts_done(t, as_of) for t in own):
        return max((d for t in own for d in series.done_days(t, as_of)), default=None)
    return None


def value_on(goal: Goal, day: date) -> float:
    """The latest actual on or before `day`, else the baseline."""
    past = [d for d in goal.actuals if d <= day]
    return goal.actuals[max(past)] if past else goal.baseline


def completions(acc: AccountProgress, tasks: tuple[Task, ...]) -> list[Done]:
    """Every dated completion of the account on or before as_of: newest first, milestones first."""
    tasks = as_of_tasks(tasks, acc.as_of)
    found = [
        Done(DoneKind.TASK, t.text, day, t.owner, t.action)
        for t in tasks
        for day in series.done_days(t, acc.as_of)  # each completion of a recurring task
    ]
    days: dict[str, date] = {}
    for a in acc.actions:
        day = action_day(a, tasks, acc.as_of) if a.status == ActionStatus.DONE else None
        if day:
            days[a.action.id] = day
            found.append(Done(DoneKind.ACTION, a.action.title, day, a.owner))
    for m in acc.milestones:
        day = m.milestone.done or max((days[i] for i in m.actions if i in days), default=None)
        if m.status == MilestoneStatus.DONE and day:
            found.append(Done(DoneKind.MILESTONE, m.milestone.title, day))
    return newest_first(d for d in found if d.day <= acc.as_of)


def untold(file: PlanFile) -> list[Done]:
    """The client contacts this view knows by their day only (§9.5), as completions."""
    return [Done(DoneKind.TASK, "", day, untold=True) for day in file.contact_days]


def newest_first(done: Iterable[Done]) -> list[Done]:
    """Newest first; on the same day milestones, then actions, then tasks, by title."""
    return sorted(done, key=lambda d: (-d.day.toordinal(), KINDS.index(d.kind), d.title))


def weekly(done: Iterable[Done], as_of: date, days: int) -> tuple[tuple[date, int], ...]:
    """Completions in the window of `days` days ending on as_of, per 7-day week, the last week
    ending on as_of; the first week starts on the window's first day when the window is not
    whole weeks, so a chart counts what the report lists and nothing before it."""
    shown = [d.day for d in done if in_window(d.day, as_of, days)]
    first = as_of - timedelta(days=days - 1)
    ends = [as_of - timedelta(days=7 * k) for k in reversed(range(math.ceil(days / 7)))]
    weeks = [(max(end - timedelta(days=6), first), end) for end in ends]
    return tuple((start, sum(start <= d <= end for d in shown)) for start, end in weeks)


def in_window(day: date, as_of: date, days: int) -> bool:
    """The recent window of the site, the people pages and the command line: the `days` days
    ending on as_of (as_of - days < day <= as_of)."""
    return as_of - timedelta(days=days) < day <= as_of


def next_steps(acc: AccountProgress, tasks: Iterable[Task], days: int = 30) -> tuple[Step, ...]:
    """Open milestones, actions and tasks due in [as_of, as_of + days], and the overdue ones
    (due before as_of, still open) with how late they are; done and dropped ones are left out,
    and so are the open tasks of a finished action."""
    as_of, last = acc.as_of, acc.as_of + timedelta(days=days)

    def step(
        kind: DoneKind, title: str, due: date, owner: str | None = None, task: Task | None = None
    ) -> Step:
        action, line = (task.action, task.line) if task else (None, None)
        return Step(kind, title, due, max(0, (as_of - due).days), owner, action, line)

    found = [
        step(DoneKind.MILESTONE, m.milestone.title, m.due)
        for m in acc.milestones
        if m.status not in (MilestoneStatus.DONE, MilestoneStatus.DROPPED) and m.due <= last
    ]
    found += [
        step(DoneKind.ACTION, a.action.title, a.action.due, a.owner)
        for a in acc.actions
        if a.action.due and a.status not in FINISHED and a.action.due <= last
    ]
    finished = {a.action.id for a in acc.actions if a.status in FINISHED}
    dated = ((t, series.next_due(t, as_of)) for t in tasks if t.action not in finished)
    found += [step(DoneKind.TASK, t.text, due, t.owner, t) for t, due in dated if due and due <= last]
    return tuple(sorted(found, key=lambda s: (s.due, KINDS.index(s.kind), s.title)))


def done_kind(tasks: Iterable[Task], kind: TaskKind, as_of: date, days: int) -> int:
    """How many tasks of a kind (client contacts, reports) were done in the window; each
    completion of a recurring one counts."""
    return sum(
        in_window(day, as_of, days) for t in tasks if t.kind == kind for day in series.done_days(t, as_of)
    )


def recent(acc: AccountProgress, tasks: tuple[Task, ...], days: int = 30) -> Recent:
    """What was done in the recent window, each goal then (at its start) vs now, the next
    steps, and how many client contacts and reports were done. A client contact the view knows
    by its day only is listed as such and counted once, so the count and the list agree."""
    everything = completions(acc, tasks)
    first = acc.as_of - timedelta(days=days)
    window = tuple(
        newest_first(d for d in [*everything, *untold(acc.file)] if in_window(d.day, acc.as_of, days))
    )
    goals = tuple(GoalChange(g.goal, value_on(g.goal, first), g.current) for g in acc.goals)
    return Recent(
        acc.as_of,
        days,
        window,
        goals,
        weekly(window, acc.as_of, days),
        next_steps(acc, tasks, days),
        done_kind(tasks, TaskKind.CONTACT, acc.as_of, days) + sum(d.untold for d in window),
        done_kind(tasks, TaskKind.REPORT, acc.as_of, days),
    )
