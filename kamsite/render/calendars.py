"""Calendar events for open dated tasks and actions, and milestones at their quarter's end."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from kamsite.core.agenda import Item
from kamsite.core.model import Every
from kamsite.core.progress import AccountProgress
from kamsite.core.vocabulary import StepUnit
from kamsite.render.ics import Event, stable_uid


def item_events(items: Iterable[Item], names: Mapping[str, str]) -> list[Event]:
    """One event per item; a task's UID comes from its account, action and text."""
    events, seen = [], set()
    for item in items:
        parts = [item.kind, item.account_id, item.action_id or ""]
        parts += [item.text] if item.kind == "task" else []
        uid, n = stable_uid(*parts), 1
        while uid in seen:  # the same task text twice under one action
            n += 1
            uid = stable_uid(*parts, str(n))
        seen.add(uid)
        icon = {"task": "☐", "action": "◆"}.get(item.kind, "☎")
        context = f"{item.action} · " if item.kind == "task" and item.action else ""
        owner = names.get(item.owner, item.owner)
        what = "" if item.kind == "contact" else f"{item.text} · "
        summary = f"{icon} {what}{item.account}"
        rule = recurrence(item.every, item.first_due or item.due, item.due) if item.every else ""
        events.append(Event(uid, item.due, summary, f"{context}{item.account} · {owner}", rule))
    return events


FREQ = {StepUnit.DAY: "DAILY", StepUnit.WEEK: "WEEKLY", StepUnit.MONTH: "MONTHLY"}


def recurrence(every: Every, first: date, start: date) -> str:
    """The RRULE of a recurring task's event, which starts on its next open occurrence (`start`)
    and repeats up to the period's end, as the plan counts its steps from the `first` due date:
    a month step from the 29th-31st is that day or, in a shorter month, the month's last one
    (the largest of the days 28 to 31 the month has); no rule when nothing follows `start`."""
    if every.until is None or every.step(start, 1) > every.until:  # no later occurrence
        return ""
    rule = f"FREQ={FREQ[every.unit]};INTERVAL={every.count};UNTIL={every.until:%Y%m%d}"
    if every.unit == StepUnit.MONTH and first.day > 28:
        days = ",".join(str(d) for d in range(28, first.day + 1))
        rule += f";BYMONTHDAY={days};BYSETPOS=-1"
    return rule


def milestone_events(acc: AccountProgress) -> list[Event]:
    plan = acc.plan
    return [
        Event(
            stable_uid("milestone", plan.id, m.milestone.id),
            m.due,
            f"★ {m.milestone.title} ({m.milestone.quarter}) · {plan.account}",
            plan.account,
        )
        for m in acc.milestones
        if m.status != "dropped"  # an objective given up at a review is on no calendar
    ]
