"""What good can I do today? Open tasks and actions with a due date, per owner, grouped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from kamsite.core.model import Task
from kamsite.core.progress import FINISHED, AccountProgress, done_by
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
    """Open (not done, not dropped) actions, and open tasks of open actions, that have a due date;
    a task ticked with a done: date after as_of is still open."""
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
    items += [
        Item(
            ItemKind.TASK,
            plan.id,
            plan.account,
            t.owner,
            t.text,
            t.due,
            t.action,
            titles.get(t.action) if t.action else None,
            t.line,
            blocked=t.action in blocked,
        )
        for t in tasks
        if t.due and not done_by(t, acc.as_of) and t.action not in finished
    ]
    return sorted(items + _contact(acc, tasks), key=lambda i: i.key)


def _contact(acc: AccountProgress, tasks: Iterable[Task]) -> list[Item]:
    """A due or overdue client contact, as an item of the account owner, unless an open
    contact task due by then already stands for it."""
    if not acc.contact_every or not (acc.contact_due or acc.contact_overdue):
        return []
    plan = acc.plan
    due = (acc.last_contact or plan.period.start) + timedelta(days=acc.contact_every)
    if any(
        t.kind == TaskKind.CONTACT and t.due and t.due <= due and not done_by(t, acc.as_of) for t in tasks
    ):
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


def agenda(items: Iterable[Item], as_of: date, days: int = 7) -> dict[str, dict[str, list[Item]]]:
    """{owner: {group: items}} for the items that fall in one of the three groups."""
    out: dict[str, dict[str, list[Item]]] = {}
    for item in sorted(items, key=lambda i: i.key):
        group = group_of(item.due, as_of, days)
        if group:
            out.setdefault(item.owner, {g: [] for g in GROUPS})[group].append(item)
    return dict(sorted(out.items()))
