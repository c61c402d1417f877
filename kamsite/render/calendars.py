"""Calendar events for open dated tasks and actions, and milestones at their quarter's end."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kamsite.core.agenda import Item
from kamsite.core.progress import AccountProgress
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
        events.append(Event(uid, item.due, summary, f"{context}{item.account} · {owner}"))
    return events


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
