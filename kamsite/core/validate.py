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
from kamsite.core.model import MODELS, Goal, Plan, PlanFile, Task
from kamsite.core.said import Said
from kamsite.core.vocabulary import ActionStatus, TaskKind

Add = Callable[[Loc, str], None]
_OUTSIDE = "{day} is outside the period {start} to {end}"
_UNKNOWN = {
    "handle": "unknown handle '{value}'.",
    "goal": "unknown goal '{value}'.",
    "milestone": "unknown milestone '{value}'.",
}

_MAPPING = Said("must be a mapping of keys to values")
_TYPE_MESSAGES = {
    "missing": Said("is required"),
    "string_type": Said("must be text: put it in quotes"),
    "list_type": Said("must be a list"),
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
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


def checked_schema(front: FrontMatter, path: str) -> tuple[Plan | None, list[Problem], Checked | None]:
    """The plan (None on any shape error), its problems, and the parts that passed."""
    if not isinstance(front.data, dict):
        return None, [Problem(path, 2, "front matter", _MAPPING)], None
    try:
        plan = Plan.model_validate(front.data)
        return plan, [], Checked(plan)
    except ValidationError as exc:
        errors = exc.errors()
        return None, [_problem(err, front, path) for err in errors], _partial(front.data, errors)


_OPTIONAL = ("currency", "tags", "follows", "formerly", "contact_every")
# an item's fields whose absence no rule remarks on: a wrong one is left out, the item kept
_SPARE = frozenset({"due", "done", "status", "actuals", "tags", "measure_every", "weight", "checkpoint"})
_KINDS = ("goals", "milestones", "actions", "stakeholders")


def _partial(data: dict[str, Any], errors: Any) -> Checked | None:
    """The plan without what has shape errors, or None when what is left cannot be checked on
    its own (a bad team, owner or period would make every other rule misfire). An item keeps its
    other fields when only optional ones are wrong (an impossible due date does not hide an
    unknown owner in the same action), else it is left out whole."""
    return _without_bad_fields(data, errors) or _without_bad_items(data, errors)


def _without_bad_fields(data: dict[str, Any], errors: Any) -> Checked | None:
    """Every item, each without its wrong fields; None unless every error is a field of an item
    and the plan is valid without them."""
    data = copy.copy(data)
    for kind in _KINDS:
        if isinstance(data.get(kind), list):
            data[kind] = [copy.copy(item) for item in data[kind]]
    for err in errors:
        loc = err["loc"]
        if not (len(loc) > 2 and loc[0] in _KINDS and isinstance(loc[1], int) and isinstance(loc[2], str)):
            return None
        item = data[str(loc[0])][loc[1]]
        if not isinstance(item, dict) or loc[2] not in _SPARE:
            return None
        item.pop(loc[2], None)
    try:
        plan = Plan.model_validate(data)
    except ValidationError:
        return None
    index = {kind: list(range(len(getattr(plan, kind)))) for kind in _KINDS}
    return Checked(plan, index, frozenset())


def _without_bad_items(data: dict[str, Any], errors: Any) -> Checked | None:
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
    message: str
    if kind == "extra_forbidden":
        model = MODELS.get(".".join(str(p) for p in loc[:-1] if not isinstance(p, int)), Plan)
        message = Said("unknown key.") + suggest(str(loc[-1]), model.model_fields)
    elif kind in ("literal_error", "enum"):  # a word not in a vocabulary
        *choices, last = re.findall(r"'[^']*'", err["ctx"]["expected"]) or [err["ctx"]["expected"]]
        message = (
            Said("must be one of {choices} or {last}", choices=", ".join(choices), last=last)
            if choices
            else Said("must be {last}", last=last)
        )
    elif kind == "value_error":
        said = err["ctx"]["error"].args[0] if err["ctx"]["error"].args else ""
        message = said if isinstance(said, str) else str(err["ctx"]["error"])
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
        _aim(i, goal, add)
        for day in goal.actuals:
            if not checked.plan.period.start <= day <= checked.plan.period.end:
                add(
                    ("goals", i, "actuals", day.isoformat()),
                    Said(_OUTSIDE, day=day, start=checked.plan.period.start, end=checked.plan.period.end),
                )
    _checkpoints(checked, front, add)
    for i, action in checked.items("actions"):
        if action.done and action.status not in (None, ActionStatus.DONE):
            add(
                ("actions", i, "status"),
                Said(
                    "is '{status}' but the action has a done date ({done}):"
                    " set status to done or remove the date",
                    status=action.status,
                    done=action.done,
                ),
            )
    for i, ms in checked.items("milestones"):
        if ms.done and ms.status == "dropped":
            add(
                ("milestones", i, "status"),
                Said(
                    "is 'dropped' but the milestone has a done date ({done}): keep one of them", done=ms.done
                ),
            )
    return problems


def _aim(i: int, goal: Goal, add: Add) -> None:
    """A goal moves to a target or holds a band: one of the two, each sound."""
    if goal.hold is None:
        if goal.target is None:
            add(
                ("goals", i, "target"),
                Said(
                    "is required: a goal moves to a target (target: 3000000) or holds a band"
                    " (hold: {{min: 35}})"
                ),
            )
        elif goal.target == goal.baseline:
            add(
                ("goals", i, "target"),
                Said("must differ from baseline (both {value})", value=_num(goal.target)),
            )
        return
    low, high = goal.hold.min, goal.hold.max
    if goal.target is not None:
        add(
            ("goals", i, "hold"),
            Said(
                "a goal holds a band or moves to a target, not both: remove target ({target}) or hold",
                target=_num(goal.target),
            ),
        )
    if low is None and high is None:
        add(
            ("goals", i, "hold"),
            Said("give min, max or both: hold: {{min: 35}} keeps the value at or above 35"),
        )
    elif low is not None and high is not None and low > high:
        add(
            ("goals", i, "hold", "min"),
            Said(
                "{min} is above max ({max}): the band runs from min up to max",
                min=_num(low),
                max=_num(high),
            ),
        )


def _period(checked: Checked, add: Add) -> None:
    start, end = checked.plan.period.start, checked.plan.period.end
    if end <= start:
        add(("period", "end"), Said("must be after period.start ({start})", start=start))
        return
    for i, ms in checked.items("milestones"):
        q_start = quarters.quarter_start(start, ms.quarter)
        if quarters.short_remainder(start, end, ms.quarter):
            add(
                ("milestones", i, "quarter"),
                Said(
                    "{quarter} would start on {start}, less than a month before the period ends ({end}):"
                    " those days belong to {last}",
                    quarter=ms.quarter,
                    start=q_start,
                    end=end,
                    last=f"Q{quarters.quarter_number(ms.quarter) - 1}",
                ),
            )
        elif q_start > end:
            add(
                ("milestones", i, "quarter"),
                Said(
                    "{quarter} starts on {start}, after the period ends ({end})",
                    quarter=ms.quarter,
                    start=q_start,
                    end=end,
                ),
            )


def _unique(checked: Checked, front: FrontMatter, add: Add) -> None:
    for kind in _KINDS:
        seen: dict[str, int] = {}
        for i, item in checked.items(kind):
            if item.id in seen:
                first = front.line((kind, seen[item.id], "id"))
                add(
                    (kind, i, "id"),
                    Said("duplicate id '{id}' (first used at line {line})", id=item.id, line=first),
                )
            seen.setdefault(item.id, i)


def _references(checked: Checked, add: Add) -> None:
    plan = checked.plan
    handles = plan.team.keys()
    goals = {g.id for g in plan.goals}
    milestones = {m.id for m in plan.milestones}

    def ref(loc: Loc, value: str, known: Iterable[str], what: str) -> None:
        if value not in known and value not in checked.left_out:
            add(loc, Said(_UNKNOWN[what], value=value) + suggest(value, known))

    handle, goal, milestone = "handle", "goal", "milestone"
    ref(("owner",), plan.owner, handles, handle)
    for i, ms in checked.items("milestones"):
        for j, gid in enumerate(ms.goals):
            ref(("milestones", i, "goals", j), gid, goals, goal)
        for gid in ms.checkpoint:
            ref(("milestones", i, "checkpoint", gid), gid, goals, goal)
    for i, action in checked.items("actions"):
        ref(("actions", i, "milestone"), action.milestone, milestones, milestone)
        if action.owner is not None:
            ref(("actions", i, "owner"), action.owner, handles, handle)
    for i, person in checked.items("stakeholders"):
        if person.owner is not None:
            ref(("stakeholders", i, "owner"), person.owner, handles, handle)


def _checkpoints(checked: Checked, front: FrontMatter, add: Add) -> None:
    """A checkpoint lies between baseline and target; one per goal and quarter (a dropped
    milestone's counts nowhere); the quarter that ends with the period expects the target itself."""
    plan = checked.plan
    goals = {g.id: g for g in plan.goals}
    seen: dict[tuple[str, str], int] = {}
    for i, ms in checked.items("milestones"):
        due = quarters.milestone_due(plan.period.start, plan.period.end, ms.quarter)
        for gid, value in ms.checkpoint.items():
            goal, loc = goals.get(gid), ("milestones", i, "checkpoint", gid)
            if goal is None:
                continue
            if goal.hold is not None or goal.target is None:
                if goal.hold is not None:
                    add(
                        loc,
                        Said(
                            "'{goal}' is a goal to hold (a band to keep, not a path to a target):"
                            " remove its checkpoint",
                            goal=gid,
                        ),
                    )
                continue
            low, high = sorted((goal.baseline, goal.target))
            if (gid, ms.quarter) in seen and ms.status != "dropped":
                first = front.line(("milestones", seen[(gid, ms.quarter)], "checkpoint", gid))
                add(
                    loc,
                    Said(
                        "a second checkpoint for '{goal}' in {quarter} (the first is at line {line}):"
                        " keep one per goal and quarter",
                        goal=gid,
                        quarter=ms.quarter,
                        line=first,
                    ),
                )
            elif not low <= value <= high:
                add(
                    loc,
                    Said(
                        "{value} is outside the goal's range, from its baseline ({baseline}) to its"
                        " target ({target}): check for a misplaced digit",
                        value=_num(value),
                        baseline=_num(goal.baseline),
                        target=_num(goal.target),
                    ),
                )
            elif due == plan.period.end and value != goal.target:
                add(
                    loc,
                    Said(
                        "{value} differs from the goal's target ({target}), which is what {quarter}"
                        " ends with (the period's end): write the target or remove the checkpoint",
                        value=_num(value),
                        target=_num(goal.target),
                        quarter=ms.quarter,
                    ),
                )
            if ms.status != "dropped":
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
            message = Said(_OUTSIDE, day=action.due, start=start, end=end)
        elif action.due > due:
            message = Said(
                "{day} is after its milestone '{milestone}' is due ({due}, the end of {quarter}):"
                " move the date or the action",
                day=action.due,
                milestone=ms.id,
                due=due,
                quarter=ms.quarter,
            )
        else:
            continue
        found.append(Problem(path, front.line(loc), field_path(loc), message))
    for task in tasks:
        if task.met and task.kind != TaskKind.CONTACT:
            found.append(
                Problem(
                    path,
                    task.line,
                    "task.with",
                    Said(
                        "with: names the people a client contact met, and this task is not one:"
                        " add kind:contact (or 📞), or remove with:"
                    ),
                )
            )
        if task.done and task.done_on is None and task.kind != TaskKind.TASK:
            found.append(
                Problem(
                    path,
                    task.line,
                    "task.done",
                    Said(
                        "a {kind} ticked without a done: date never counts: add the day"
                        " it was done (done:YYYY-MM-DD)",
                        kind=task.kind,
                    ),
                )
            )
    return found


_THOUSANDS = re.compile(r"(?<![\w.])[-+]?[1-9]\d{0,2}\.\d{3}(?![\w.])")


def decimal_comma_warnings(plan: Plan, front: FrontMatter, text: str, path: str) -> list[Problem]:
    """Numbers such as 2.500, which YAML reads as two and a half, while a writer used to
    decimal commas (pt-BR) meant 2500: shown on sites in such a language."""
    places: list[tuple[Loc, float]] = []
    for i, goal in enumerate(plan.goals):
        places += [(("goals", i, "baseline"), goal.baseline)]
        places += [(("goals", i, "target"), v) for v in (goal.target,) if v is not None]
        if goal.hold is not None:
            places += [(("goals", i, "hold", k), v) for k, v in goal.hold if v is not None]
        places += [(("goals", i, "weight"), v) for v in (goal.weight,) if v is not None]
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
                    Said(
                        "{written} is read as {value} (decimals take a point in a plan):"
                        " did you mean {whole}?",
                        written=written[0],
                        value=_num(value),
                        whole=whole,
                    ),
                )
            )
    return found


def as_of_warnings(file: PlanFile, as_of: date) -> list[Problem]:
    """Warnings that depend on the day: a milestone whose quarter has started with nothing to do."""
    plan = file.plan
    with_actions = {a.milestone for a in plan.actions if a.status != ActionStatus.DROPPED}
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
                    Said(
                        "'{milestone}': {quarter} has started ({as_of}) and the milestone has no"
                        " non-dropped actions, no done date, and is not dropped: add its actions,"
                        " a done date, or status: dropped",
                        milestone=ms.id,
                        quarter=ms.quarter,
                        as_of=as_of,
                    ),
                )
            )
    return found


def _num(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)
