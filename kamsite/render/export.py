"""The data export: api/accounts.json, the same numbers the pages show."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date
from typing import Any

from kamsite.core.model import Goal, Task
from kamsite.core.progress import AccountProgress, done_by
from kamsite.render.formats import Formats, half_away

_EN = Formats("en")


def number(value: float) -> int | float:
    """Whole numbers as integers, as the plan author wrote them (so never -0.0)."""
    return int(value) if float(value).is_integer() else value


def fraction(value: float) -> float:
    """Progress fractions to 4 decimals, half away from zero (statuses were decided before);
    never -0.0 (adding 0.0 turns it into 0.0)."""
    return half_away(value, 4) + 0.0


def maybe(write: Callable[[float], int | float], value: float | None) -> int | float | None:
    """A number that may be absent (null in the export)."""
    return None if value is None else write(value)


def _band(goal: Goal) -> tuple[float | None, float | None]:
    """(min, max) of a goal to hold; (None, None) for a goal to move."""
    return (goal.hold.min, goal.hold.max) if goal.hold is not None else (None, None)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def account_record(
    acc: AccountProgress,
    tasks: Iterable[Task],
    names: bool = False,
    verdicts: bool = True,
    current: bool = True,
) -> dict[str, Any]:
    """One account of the export; with `names` (a client's export), owners are full names
    instead of handles, and nothing of the relationship map is written (no `stakeholders`);
    without `verdicts` (a client's, unless client_health), the team's judgements
    are null: health and its causes, overdue actions and an overdue contact. `current` says
    whether the plan is the one in front of its chain (core.portfolio.running)."""
    plan = acc.plan
    judged = (lambda value: value) if verdicts else (lambda value: None)

    def who(handle: str) -> str:
        return plan.team.get(handle, handle) if names else handle

    team = {} if names else {"stakeholders": _stakeholders(acc)}
    return {
        "id": plan.id,
        "account": plan.account,
        "owner": who(plan.owner),
        "health": judged(acc.health),
        "health_causes": judged(list(acc.causes)),
        "closed": acc.closed,
        "current": current,
        "follows": plan.follows,
        "last_contact": _day(acc.last_contact),
        "contact_overdue": judged(acc.contact_overdue),
        "progress": maybe(fraction, acc.progress),
        "expected": maybe(fraction, acc.expected),
        **team,
        "goals": [
            {
                "id": g.goal.id,
                "title": g.goal.title,
                "kind": g.goal.kind,
                "unit": g.goal.unit,
                "baseline": number(g.goal.baseline),
                "target": maybe(number, g.goal.target),
                "min": maybe(number, _band(g.goal)[0]),
                "max": maybe(number, _band(g.goal)[1]),
                "weight": number(g.goal.share),
                "current": number(g.current),
                "progress": fraction(g.progress),
                "expected": fraction(g.expected),
                "forecast": maybe(number, g.forecast),
                "forecast_progress": maybe(fraction, g.forecast_progress),
                "measured_on": _day(g.measured_on),
                "stale": g.stale,
                "status": g.status,
            }
            for g in acc.goals
        ],
        "milestones": [
            {
                "id": m.milestone.id,
                "title": m.milestone.title,
                "quarter": m.milestone.quarter,
                "due": _day(m.due),
                "status": m.status,
                "progress": fraction(m.progress),
            }
            for m in acc.milestones
        ],
        "actions": [
            {
                "id": a.action.id,
                "title": a.action.title,
                "milestone": a.action.milestone,
                "owner": who(a.owner),
                "due": _day(a.action.due),
                "status": a.status,
                "progress": fraction(a.progress),
                "overdue": judged(a.overdue),
            }
            for a in acc.actions
        ],
        "tasks": [
            {
                "text": t.text,
                "kind": t.kind,
                "action": t.action,
                "owner": who(t.owner),
                "due": _day(t.due),
                "done": done_by(t, acc.as_of),
                "done_on": _day(t.done_on),
                "line": t.line,
            }
            for t in tasks
        ],
    }


def _stakeholders(acc: AccountProgress) -> list[dict[str, Any]]:
    """The relationship map (team exports only): each stakeholder, when we last met them and,
    where the cadence applies (contact_every, high influence), whether that is overdue."""
    return [
        {
            "id": r.stakeholder.id,
            "name": r.stakeholder.name,
            "role": r.stakeholder.role,
            "influence": r.stakeholder.influence,
            "stance": r.stakeholder.stance,
            "owner": r.owner,
            "last_contact": _day(r.last_contact),
            "contact_overdue": r.contact_overdue,
        }
        for r in acc.stakeholders
    ]


def accounts_json(
    accounts: Iterable[tuple[AccountProgress, Iterable[Task]]],
    as_of: date,
    names: bool = False,
    verdicts: bool = True,
    current: Collection[str] | None = None,
) -> str:
    """The whole export; each account comes with the tasks of the build's audience. `current`
    holds the ids of the plans in front of their chains (None: every plan).

    Written as `json.dumps(doc, ensure_ascii=False, indent=1)` writes it, one account at a time."""
    parts = [
        _record_json(acc, tasks, names, verdicts, current is None or acc.plan.id in current)
        for acc, tasks in accounts
    ]
    listing = "[\n  " + ",\n  ".join(parts) + "\n ]" if parts else "[]"
    return '{\n "as_of": ' + json.dumps(as_of.isoformat()) + ',\n "accounts": ' + listing + "\n}\n"


def _record_json(
    acc: AccountProgress, tasks: Iterable[Task], names: bool, verdicts: bool, current: bool
) -> str:
    """One account of the export, indented as an item of the document's list."""

    record = account_record(acc, tasks, names, verdicts, current)
    return json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n  ")


Records = Sequence[tuple[AccountProgress, Iterable[Task]]]
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a text cell starting so (OWASP)


def _cell(value: object, decimal_mark: str) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading "'"; numbers stay
    numbers, written with the locale's decimal mark."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", decimal_mark)
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value
    return value


def _csv(
    head: list[str],
    records: Records,
    rows: Callable[[AccountProgress, Iterable[Task]], Iterable[Iterable[object]]],
    fmt: Formats,
) -> str:
    """UTF-8 with a byte-order mark; where decimals take a comma (pt-BR), ';' between fields,
    so a double-click opens the file right in that locale's spreadsheet."""
    mark = fmt.decimal_mark
    chunks = [_lines(rows(acc, tasks), mark) for acc, tasks in records]
    return "\ufeff" + _lines([head], mark) + "".join(chunks)


def _lines(rows: Iterable[Iterable[object]], mark: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if mark == "," else ",", lineterminator="\r\n")
    writer.writerows([_cell(v, mark) for v in row] for row in rows)
    return out.getvalue()


def _who(acc: AccountProgress, handle: str, names: bool) -> str:
    return acc.plan.team.get(handle, handle) if names else handle


def tasks_csv(records: Records, fmt: Formats = _EN, names: bool = False) -> str:
    """With `names` (client builds), owners are full names instead of handles."""
    head = ["account_id", "account", "text", "kind", "action", "owner", "due", "done", "done_on", "line"]

    def rows(acc: AccountProgress, tasks: Iterable[Task]) -> Iterable[Iterable[object]]:
        return [
            (
                acc.plan.id,
                acc.plan.account,
                t.text,
                t.kind,
                t.action,
                _who(acc, t.owner, names),
                _day(t.due),
                "yes" if done_by(t, acc.as_of) else "no",
                _day(t.done_on),
                t.line,
            )
            for t in tasks
        ]

    return _csv(head, records, rows, fmt)


def actions_csv(records: Records, fmt: Formats = _EN, names: bool = False, verdicts: bool = True) -> str:
    """Without `verdicts` (a client's export) the overdue column is empty."""
    head = [
        "account_id",
        "account",
        "id",
        "title",
        "milestone",
        "owner",
        "due",
        "status",
        "progress",
        "overdue",
    ]

    def rows(acc: AccountProgress, _: Iterable[Task]) -> Iterable[Iterable[object]]:
        return [
            (
                acc.plan.id,
                acc.plan.account,
                a.action.id,
                a.action.title,
                a.action.milestone,
                _who(acc, a.owner, names),
                _day(a.action.due),
                a.status,
                fraction(a.progress),
                ("yes" if a.overdue else "no") if verdicts else None,
            )
            for a in acc.actions
        ]

    return _csv(head, records, rows, fmt)


def goals_csv(records: Records, fmt: Formats = _EN) -> str:
    head = [
        "account_id",
        "account",
        "id",
        "title",
        "unit",
        "baseline",
        "target",
        "current",
        "progress",
        "expected",
        "measured_on",
        "stale",
        "status",
        "kind",
        "min",
        "max",
        "weight",
        "forecast",
        "forecast_progress",
    ]

    def rows(acc: AccountProgress, _: Iterable[Task]) -> Iterable[Iterable[object]]:
        return [
            (
                acc.plan.id,
                acc.plan.account,
                g.goal.id,
                g.goal.title,
                g.goal.unit,
                number(g.goal.baseline),
                maybe(number, g.goal.target),
                number(g.current),
                fraction(g.progress),
                fraction(g.expected),
                _day(g.measured_on),
                "yes" if g.stale else "no",
                g.status,
                g.goal.kind,
                maybe(number, _band(g.goal)[0]),
                maybe(number, _band(g.goal)[1]),
                number(g.goal.share),
                maybe(number, g.forecast),
                maybe(fraction, g.forecast_progress),
            )
            for g in acc.goals
        ]

    return _csv(head, records, rows, fmt)
