"""The data export: api/accounts.json, the same numbers the pages show."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from .compute import AccountProgress
from .model import Task


def number(value: float) -> int | float:
    """Whole numbers as integers, as the plan author wrote them."""
    return int(value) if float(value).is_integer() else value


def fraction(value: float) -> float:
    """Progress fractions rounded as the pages show them (whole percent)."""
    return round(value, 2)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def account_record(acc: AccountProgress, tasks: Iterable[Task]) -> dict[str, Any]:
    plan = acc.plan
    return {
        "id": plan.id,
        "account": plan.account,
        "owner": plan.owner,
        "health": acc.health,
        "goals": [
            {"id": g.goal.id, "title": g.goal.title, "unit": g.goal.unit,
             "baseline": number(g.goal.baseline), "target": number(g.goal.target),
             "current": number(g.current), "progress": fraction(g.progress),
             "expected": fraction(g.expected), "status": g.status}
            for g in acc.goals
        ],
        "milestones": [
            {"id": m.milestone.id, "title": m.milestone.title, "quarter": m.milestone.quarter,
             "due": _day(m.due), "status": m.status, "progress": fraction(m.progress)}
            for m in acc.milestones
        ],
        "actions": [
            {"id": a.action.id, "title": a.action.title, "milestone": a.action.milestone,
             "owner": a.owner, "due": _day(a.action.due), "status": a.status,
             "progress": fraction(a.progress), "overdue": a.overdue}
            for a in acc.actions
        ],
        "tasks": [
            {"text": t.text, "action": t.action, "owner": t.owner, "due": _day(t.due),
             "done": t.done, "done_on": _day(t.done_on), "line": t.line}
            for t in tasks
        ],
    }


def accounts_json(accounts: Iterable[tuple[AccountProgress, Iterable[Task]]], as_of: date) -> str:
    """The whole export; each account comes with the tasks of the build's audience."""
    doc = {"as_of": as_of.isoformat(), "accounts": [account_record(a, t) for a, t in accounts]}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
