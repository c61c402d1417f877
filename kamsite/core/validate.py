"""Turn front matter values into a typed Plan, reporting every problem with its line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError

from kamsite.core import quarters
from kamsite.core.errors import Problem, field_path, suggest
from kamsite.core.frontmatter import FrontMatter, Loc
from kamsite.core.model import MODELS, Plan

Add = Callable[[Loc, str], None]

_TYPE_MESSAGES = {
    "missing": "is required",
    "string_type": "must be text: put it in quotes",
    "list_type": "must be a list",
    "dict_type": "must be a mapping of keys to values",
    "model_type": "must be a mapping of keys to values",
    "model_attributes_type": "must be a mapping of keys to values",
}


def schema(front: FrontMatter, path: str) -> tuple[Plan | None, list[Problem]]:
    """Check the shape and types of the front matter (all problems at once)."""
    if not isinstance(front.data, dict):
        return None, [Problem(path, 2, "front matter", "must be a mapping of keys to values")]
    try:
        return Plan.model_validate(front.data), []
    except ValidationError as exc:
        return None, [_problem(err, front, path) for err in exc.errors()]


def _problem(err: Any, front: FrontMatter, path: str) -> Problem:
    loc: Loc = tuple(p for p in err["loc"] if p != "[key]")
    kind = err["type"]
    if kind == "extra_forbidden":
        model = MODELS.get(str(loc[0]) if len(loc) > 1 else "", Plan)
        message = "unknown key." + suggest(str(loc[-1]), model.model_fields)
    elif kind == "literal_error":
        message = f"must be one of {err['ctx']['expected']}"
    elif kind == "value_error":
        message = str(err["ctx"]["error"])
    else:
        message = _TYPE_MESSAGES.get(kind, err["msg"][0].lower() + err["msg"][1:])
    return Problem(path, front.line(loc), field_path(loc), message)


def semantics(plan: Plan, front: FrontMatter, path: str) -> list[Problem]:
    """Rules across fields: references, uniqueness, dates within the period."""
    problems: list[Problem] = []

    def add(loc: Loc, message: str) -> None:
        problems.append(Problem(path, front.line(loc), field_path(loc), message))

    _period(plan, add)
    _unique(plan, front, add)
    _references(plan, add)
    for i, goal in enumerate(plan.goals):
        if goal.target == goal.baseline:
            add(("goals", i, "target"), f"must differ from baseline (both {_num(goal.target)})")
        for day in goal.actuals:
            if not plan.period.start <= day <= plan.period.end:
                add(("goals", i, "actuals", day.isoformat()), f"{day} is outside the period"
                    f" {plan.period.start} to {plan.period.end}")
    for i, action in enumerate(plan.actions):
        if action.done and action.status not in (None, "done"):
            add(("actions", i, "status"), f"is '{action.status}' but the action has a done date"
                f" ({action.done}): set status to done or remove the date")
    return problems


def _period(plan: Plan, add: Add) -> None:
    start, end = plan.period.start, plan.period.end
    if end <= start:
        add(("period", "end"), f"must be after period.start ({start})")
        return
    for i, ms in enumerate(plan.milestones):
        q_end = quarters.quarter_end(start, ms.quarter)
        if q_end > end:
            add(("milestones", i, "quarter"), f"{ms.quarter} ends on {q_end}, after the period"
                f" ends ({end})")


def _unique(plan: Plan, front: FrontMatter, add: Add) -> None:
    for kind in ("goals", "milestones", "actions"):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(plan, kind)):
            if item.id in seen:
                first = front.line((kind, seen[item.id], "id"))
                add((kind, i, "id"), f"duplicate id '{item.id}' (first used at line {first})")
            seen.setdefault(item.id, i)


def _references(plan: Plan, add: Add) -> None:
    handles = plan.team.keys()
    goals = {g.id for g in plan.goals}
    milestones = {m.id for m in plan.milestones}

    def ref(loc: Loc, value: str, known: Iterable[str], what: str) -> None:
        if value not in known:
            add(loc, f"unknown {what} '{value}'." + suggest(value, known))

    ref(("owner",), plan.owner, handles, "handle")
    for i, ms in enumerate(plan.milestones):
        for j, gid in enumerate(ms.goals):
            ref(("milestones", i, "goals", j), gid, goals, "goal")
        for gid in ms.checkpoint:
            ref(("milestones", i, "checkpoint", gid), gid, goals, "goal")
    for i, action in enumerate(plan.actions):
        ref(("actions", i, "milestone"), action.milestone, milestones, "milestone")
        if action.owner is not None:
            ref(("actions", i, "owner"), action.owner, handles, "handle")


def _num(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)
