"""What good can I do today? Open tasks and actions with a due date, per owner, grouped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from kamsite.core import series
from kamsite.core.model import Every, Task
from kamsite.core.progress import FINISHED, AccountProgress
from kamsite.core.vocabulary import ActionStatus, ItemKind, TaskKind

GROUPS = ("overdue", "today", "next")
CONTACT_ANCHOR = "contact"  # the id of the client-contact line of an account page


def task_anchor(line: int) -> str:
    """The id of a task's line on its account page."""
    return f"L{line}"


def action_anchor(action_id: str) -> str:
    """The id of an action's row on its account page."""
    return f"action-{action_id}"


@dataclass(frozen=True)
class Item:
    """One open, dated task or action of an account, or a client contact that is due."""

    kind: ItemKind
    account_id: str
    account: str
    owner: str  # handle
    text: str  # the task's text or the action's title
    due: date
    action_id: str | None = None
    action: str | None = None  # the action's title
    line: int | None = None  # the task's line in its plan
    last_contact: date | None = None  # for a contact: the last one (None: none yet)
    blocked: bool = False  # a blocked action, or a task of one: waiting on something, not just late
    every: Every | None = None  # a recurring task: `due` is its next open occurrence
    first_due: date | None = None  # a recurring task's first occurrence, which its steps count from

    @property
    def anchor(self) -> str:
        """The id of the item's place on its account page: its task, its action, or the contact line."""
        if self.kind == ItemKind.TASK:
            return task_anchor(self.line or 0)
        if self.kind == ItemKind.ACTION:
            return action_anchor(self.action_id or "")
        return CONTACT_ANCHOR

    @property
    def key(self) -> tuple[date, str, str, int]:
        return (self.due, self.account, self.text, self.line or 0)


def group_of(due: date, as_of: date, days: int = 7) -> str | None:
    """overdue (due < as_of), today (due = as_of), next (within `days`), else None."""
    if due < as_of:
        return "overdue"
    if due == as_of:
        return "today"
    return "next" if due <= as_of + timedelta(days=days) else None


def open_items(acc: AccountProgress, tasks: Iterable[Task]) -> list[Item]:
    """Open (not done, not dropped) actions, and open tasks of open actions, that have a due date
    (a recurring task's: its next open occurrence); a task ticked with a done: date after as_of
    is still open."""
    plan = acc.plan
    if acc.closed:  # a closed plan has nothing left to do today
        return []
    titles = {a.action.id: a.action.title for a in acc.actions}
    finished = {a.action.id for a in acc.actions if a.status in FINISHED}
    blocked = {a.action.id for a in acc.actions if a.status == ActionStatus.BLOCKED}
    items = [
        Item(
            ItemKind.ACTION,
            plan.id,
            plan.account,
            a.owner,
            a.action.title,
            a.action.due,
            a.action.id,
            a.action.title,
            blocked=a.action.id in blocked,
        )
        for a in acc.actions
        if a.action.due and a.status not in FINISHED
    ]
    dated = ((t, series.next_due(t, acc.as_of)) for t in tasks if t.action not in finished)
    items += [
        Item(
            ItemKind.TASK,
            plan.id,
            plan.account,
            t.owner,
            t.text,
            due,
            t.action,
            titles.get(t.action) if t.action else None,
            t.line,
            blocked=t.action in blocked,
            every=t.every,
            first_due=t.due if t.every else None,
        )
        for t, due in dated
        if due
    ]
    return sorted(items + _contact(acc, tasks), key=lambda i: i.key)


def _contact(acc: AccountProgress, tasks: Iterable[Task]) -> list[Item]:
    """The client contact the cadence asks for, as an item of the account owner dated
    last_contact + N (or period.start + N), unless an open contact task due on or before
    as_of + N (a visit already booked) stands for it. Like any dated item it is in Today when
    overdue, due today or within the next days."""
    if not acc.contact_every:
        return []
    plan = acc.plan
    due = (acc.last_contact or plan.period.start) + timedelta(days=acc.contact_every)
    booked = acc.as_of + timedelta(days=acc.contact_every)
    if any(_due_by(t, acc.as_of, booked) for t in tasks if t.kind == TaskKind.CONTACT):
        return []
    return [
        Item(
            ItemKind.CONTACT,
            plan.id,
            plan.account,
            plan.owner,
            plan.account,
            due,
            last_contact=acc.last_contact,
        )
    ]


def _due_by(task: Task, as_of: date, day: date) -> bool:
    """An open task whose next occurrence is due on or before `day`."""
    due = series.next_due(task, as_of)
    return due is not None and due <= day


def agenda(items: Iterable[Item], as_of: date, days: int = 7) -> dict[str, dict[str, list[Item]]]:
    """{owner: {group: items}} for the items that fall in one of the three groups."""
    out: dict[str, dict[str, list[Item]]] = {}
    for item in sorted(items, key=lambda i: i.key):
        group = group_of(item.due, as_of, days)
        if group:
            out.setdefault(item.owner, {g: [] for g in GROUPS})[group].append(item)
    return dict(sorted(out.items()))
