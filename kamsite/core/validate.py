"""Turn front matter values into a typed Plan, reporting every problem with its line."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from kamsite.core import quarters
from kamsite.core.errors import Problem, field_path, suggest
from kamsite.core.frontmatter import FrontMatter, Loc
from kamsite.core.model import MODELS, Plan, PlanFile, Task

Add = Callable[[Loc, str], None]

_TYPE_MESSAGES = {
    "missing": "is required",
    "string_type": "must be text: put it in quotes",
    "list_type": "must be a list",
    "dict_type": "must be a mapping of keys to values",
    "model_type": "must be a mapping of keys to values",
    "model_attributes_type": "must be a mapping of keys to values",
}


@dataclass(frozen=True)
class Checked:
    """The parts of a plan that passed the schema, for the rules across fields.

    When some goals, milestones or actions have shape errors, the rest are still checked:
    `index` gives each kept item's place in the file, `left_out` the ids of those left out
    (references to them are not reported again).
    """

    plan: Plan
    index: Mapping[str, Sequence[int]] = field(default_factory=dict)  # kind -> file index of each kept item
    left_out: frozenset[str] = frozenset()

    def items(self, kind: str) -> Iterator[tuple[int, Any]]:
        """(index in the file, item) for the goals, milestones or actions that were kept."""
        index = self.index.get(kind)
        for j, item in enumerate(getattr(self.plan, kind)):
            yield (index[j] if index else j), item


def schema(front: FrontMatter, path: str) -> tuple[Plan | None, list[Problem]]:
    """Check the shape and types of the front matter (all problems at once)."""
    plan, problems, _ = checked_schema(front, path)
    return plan, problems


def checked_schema(front: FrontMatter, path: str) -> tuple[Plan | None, list[Problem], Checked | None]:
    """The plan (None on any shape error), its problems, and the parts that passed."""
    if not isinstance(front.data, dict):
        return None, [Problem(path, 2, "front matter", "must be a mapping of keys to values")], None
    try:
        plan = Plan.model_validate(front.data)
        return plan, [], Checked(plan)
    except ValidationError as exc:
        errors = exc.errors()
        return None, [_problem(err, front, path) for err in errors], _partial(front.data, errors)


_OPTIONAL = ("currency", "tags", "follows", "contact_every")
_KINDS = ("goals", "milestones", "actions")


def _partial(data: dict[str, Any], errors: Any) -> Checked | None:
    """The plan without the items that have shape errors, or None when what is left cannot be
    checked on its own (a bad team, owner or period would make every other rule misfire)."""
    data = copy.copy(data)
    bad: dict[str, set[int]] = {kind: set() for kind in _KINDS}
    for err in errors:
        loc = err["loc"]
        top = loc[0] if loc else ""
        if top in _KINDS and len(loc) > 1 and isinstance(loc[1], int):
            bad[str(top)].add(loc[1])
        elif top in _KINDS:
            data[str(top)] = []
        elif top == "account":
            data["account"] = "?"
        elif top == "id":
            data["id"] = "plan"
        elif top == "team" and len(loc) > 1 and isinstance(data.get("team"), dict):
            data["team"] = {k: v for k, v in data["team"].items() if k != loc[1]}
        elif top in _OPTIONAL or (top not in Plan.model_fields and len(loc) == 1):
            data.pop(str(top), None)
        else:
            return None
    index: dict[str, list[int]] = {}
    left_out: set[str] = set()
    for kind in _KINDS:
        found = data.get(kind)
        items: list[Any] = found if isinstance(found, list) else []
        index[kind] = [i for i in range(len(items)) if i not in bad[kind]]
        left_out |= {
            items[i].get("id")
            for i in bad[kind]
            if isinstance(items[i], dict) and isinstance(items[i].get("id"), str)
        }
        data[kind] = [items[i] for i in index[kind]]
    try:
        plan = Plan.model_validate(data)
    except ValidationError:
        return None
    return Checked(plan, index, frozenset(left_out))


def _problem(err: Any, front: FrontMatter, path: str) -> Problem:
    loc: Loc = tuple(p for p in err["loc"] if p != "[key]")
    kind = err["type"]
    if kind == "extra_forbidden":
        model = MODELS.get(str(loc[0]) if len(loc) > 1 else "", Plan)
        message = "unknown key." + suggest(str(loc[-1]), model.model_fields)
    elif kind == "literal_error":
        expected = err["ctx"]["expected"]
        message = f"must be one of {expected}" if " or " in expected else f"must be {expected}"
    elif kind == "value_error":
        message = str(err["ctx"]["error"])
    else:
        message = _TYPE_MESSAGES.get(kind, err["msg"][0].lower() + err["msg"][1:])
    return Problem(path, front.line(loc), field_path(loc), message)


def semantics(plan: Plan | Checked, front: FrontMatter, path: str) -> list[Problem]:
    """Rules across fields: references, uniqueness, dates and checkpoints within the period."""
    checked = plan if isinstance(plan, Checked) else Checked(plan)
    problems: list[Problem] = []

    def add(loc: Loc, message: str) -> None:
        problems.append(Problem(path, front.line(loc), field_path(loc), message))

    _period(checked, add)
    _unique(checked, front, add)
    _references(checked, add)
    for i, goal in checked.items("goals"):
        if goal.target == goal.baseline:
            add(("goals", i, "target"), f"must differ from baseline (both {_num(goal.target)})")
        for day in goal.actuals:
            if not checked.plan.period.start <= day <= checked.plan.period.end:
                add(
                    ("goals", i, "actuals", day.isoformat()),
                    f"{day} is outside the period {checked.plan.period.start} to {checked.plan.period.end}",
                )
    _checkpoints(checked, front, add)
    for i, action in checked.items("actions"):
        if action.done and action.status not in (None, "done"):
            add(
                ("actions", i, "status"),
                f"is '{action.status}' but the action has a done date"
                f" ({action.done}): set status to done or remove the date",
            )
    for i, ms in checked.items("milestones"):
        if ms.done and ms.status == "dropped":
            add(
                ("milestones", i, "status"),
                f"is 'dropped' but the milestone has a done date ({ms.done}): keep one of them",
            )
    return problems


def _period(checked: Checked, add: Add) -> None:
    start, end = checked.plan.period.start, checked.plan.period.end
    if end <= start:
        add(("period", "end"), f"must be after period.start ({start})")
        return
    for i, ms in checked.items("milestones"):
        q_start = quarters.quarter_start(start, ms.quarter)
        if q_start > end:
            add(
                ("milestones", i, "quarter"),
                f"{ms.quarter} starts on {q_start}, after the period ends ({end})",
            )


def _unique(checked: Checked, front: FrontMatter, add: Add) -> None:
    for kind in _KINDS:
        seen: dict[str, int] = {}
        for i, item in checked.items(kind):
            if item.id in seen:
                first = front.line((kind, seen[item.id], "id"))
                add((kind, i, "id"), f"duplicate id '{item.id}' (first used at line {first})")
            seen.setdefault(item.id, i)


def _references(checked: Checked, add: Add) -> None:
    plan = checked.plan
    handles = plan.team.keys()
    goals = {g.id for g in plan.goals}
    milestones = {m.id for m in plan.milestones}

    def ref(loc: Loc, value: str, known: Iterable[str], what: str) -> None:
        if value not in known and value not in checked.left_out:
            add(loc, f"unknown {what} '{value}'." + suggest(value, known))

    ref(("owner",), plan.owner, handles, "handle")
    for i, ms in checked.items("milestones"):
        for j, gid in enumerate(ms.goals):
            ref(("milestones", i, "goals", j), gid, goals, "goal")
        for gid in ms.checkpoint:
            ref(("milestones", i, "checkpoint", gid), gid, goals, "goal")
    for i, action in checked.items("actions"):
        ref(("actions", i, "milestone"), action.milestone, milestones, "milestone")
        if action.owner is not None:
            ref(("actions", i, "owner"), action.owner, handles, "handle")


def _checkpoints(checked: Checked, front: FrontMatter, add: Add) -> None:
    """A checkpoint lies between baseline and target; one per goal and quarter; the quarter that
    ends with the period expects the target itself."""
    plan = checked.plan
    goals = {g.id: g for g in plan.goals}
    seen: dict[tuple[str, str], int] = {}
    for i, ms in checked.items("milestones"):
        due = quarters.milestone_due(plan.period.start, plan.period.end, ms.quarter)
        for gid, value in ms.checkpoint.items():
            goal, loc = goals.get(gid), ("milestones", i, "checkpoint", gid)
            if goal is None:
                continue
            low, high = sorted((goal.baseline, goal.target))
            if (gid, ms.quarter) in seen:
                first = front.line(("milestones", seen[(gid, ms.quarter)], "checkpoint", gid))
                add(
                    loc,
                    f"a second checkpoint for '{gid}' in {ms.quarter} (the first is at line"
                    f" {first}): keep one per goal and quarter",
                )
            elif not low <= value <= high:
                add(
                    loc,
                    f"{_num(value)} is outside the goal's range, from its baseline"
                    f" ({_num(goal.baseline)}) to its target ({_num(goal.target)}): check for a"
                    " misplaced digit",
                )
            elif due == plan.period.end and value != goal.target:
                add(
                    loc,
                    f"{_num(value)} differs from the goal's target ({_num(goal.target)}), which"
                    f" is what {ms.quarter} ends with (the period's end): write the target or remove"
                    " the checkpoint",
                )
            seen.setdefault((gid, ms.quarter), i)


def warnings(plan: Plan, front: FrontMatter, path: str, tasks: Sequence[Task] = ()) -> list[Problem]:
    """What is probably a mistake but does not stop the plan: dates that do not fit, tasks that
    would never count."""
    found: list[Problem] = []
    start, end = plan.period.start, plan.period.end
    milestones = {m.id: m for m in plan.milestones}
    for i, action in enumerate(plan.actions):
        ms = milestones.get(action.milestone)
        if action.due is None or ms is None:
            continue
        due = quarters.milestone_due(start, end, ms.quarter)
        loc: Loc = ("actions", i, "due")
        if not start <= action.due <= end:
            message = f"{action.due} is outside the period {start} to {end}"
        elif action.due > due:
            message = (
                f"{action.due} is after its milestone '{ms.id}' is due ({due}, the end of"
                f" {ms.quarter}): move the date or the action"
            )
        else:
            continue
        found.append(Problem(path, front.line(loc), field_path(loc), message))
    for task in tasks:
        if task.done and task.done_on is None and task.kind != "task":
            found.append(
                Problem(
                    path,
                    task.line,
                    "task.done",
                    f"a {task.kind} ticked without a"
                    " done: date never counts: add the day it was done (done:YYYY-MM-DD)",
                )
            )
    return found


_THOUSANDS = re.compile(r"(?<![\w.])[-+]?[1-9]\d{0,2}\.\d{3}(?![\w.])")


def decimal_comma_warnings(plan: Plan, front: FrontMatter, text: str, path: str) -> list[Problem]:
    """Numbers such as 2.500, which YAML reads as two and a half, while a writer used to
    decimal commas (pt-BR) meant 2500: shown on sites in such a language."""
    places: list[tuple[Loc, float]] = []
    for i, goal in enumerate(plan.goals):
        places += [(("goals", i, "baseline"), goal.baseline), (("goals", i, "target"), goal.target)]
        places += [(("goals", i, "actuals", d.isoformat()), v) for d, v in goal.actuals.items()]
    for i, ms in enumerate(plan.milestones):
        places += [(("milestones", i, "checkpoint", g), v) for g, v in ms.checkpoint.items()]
    lines = text.split("\n")
    found = []
    for loc, value in places:
        line = front.lines.get(loc)
        written = [w for w in _THOUSANDS.findall(lines[line - 1]) if float(w) == value] if line else []
        if written:
            whole = written[0].replace(".", "")
            found.append(
                Problem(
                    path,
                    line or 1,
                    field_path(loc),
                    f"{written[0]} is read as {_num(value)}"
                    f" (decimals take a point in a plan): did you mean {whole}?",
                )
            )
    return found


def as_of_warnings(file: PlanFile, as_of: date) -> list[Problem]:
    """Warnings that depend on the day: a milestone whose quarter has started with nothing to do."""
    plan = file.plan
    with_actions = {a.milestone for a in plan.actions}
    found = []
    for i, ms in enumerate(plan.milestones):
        started = quarters.quarter_start(plan.period.start, ms.quarter) <= as_of
        if started and not ms.done and ms.status != "dropped" and ms.id not in with_actions:
            loc: Loc = ("milestones", i, "id")
            line = file.lines.get(loc, file.lines.get(("milestones", i), 1))
            found.append(
                Problem(
                    file.path,
                    line,
                    field_path(loc),
                    f"'{ms.id}': {ms.quarter} has"
                    f" started ({as_of}) and the milestone has no actions and no done"
                    " date: add its actions, a done date, or status: dropped",
                )
            )
    return found


def _num(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)
