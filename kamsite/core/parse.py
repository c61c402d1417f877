"""From the text of a plan file to a valid PlanFile, or a PlanError listing every problem."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Any

from kamsite.core import frontmatter, plausibility, sections, tasks, validate
from kamsite.core.errors import PlanError, Problem
from kamsite.core.model import CONTROL, CONTROL_SAID, PlanFile, parse_date, slug_of
from kamsite.core.said import Said


def parse_plan(text: str, path: str) -> PlanFile:
    """Parse and validate one plan. `path` is used in messages and for the default id."""
    text, problems = _controls(text, path)
    front = frontmatter.read(text, path)
    problems += front.problems
    plan = checked = None
    if front.data is not None:
        if isinstance(front.data, dict) and "id" not in front.data:
            front.data["id"] = default_id(path)
            front.lines[("id",)] = 1
        plan, found, checked = validate.checked_schema(front, path)
        seen = {(p.line, p.field) for p in problems}  # a bad YAML tag is reported once
        problems += [p for p in found if (p.line, p.field) not in seen]
    if checked is not None:  # the parts that passed the schema are checked across fields
        # a field already wrong is told once (its item is checked without it)
        wrong = {_item_field(p.field) for p in problems}
        problems += [p for p in validate.semantics(checked, front, path) if _item_field(p.field) not in wrong]
    context = _context(plan.model_dump() if plan else front.data)
    reading = sections.read(front.body)
    found_tasks, task_problems = tasks.parse_tasks(reading, front.body_start, path, context)
    if front.data is None:  # unreadable YAML: the team and the actions a task names are unknown
        task_problems = [
            p for p in task_problems if p.field not in ("task.owner", "task.action", "task.with")
        ]
    problems += task_problems
    sections_said = tasks.section_warnings(reading, front.body_start, path, context)
    if problems or plan is None:
        told = sections_said if front.data is not None else []  # without the actions, nothing to tell
        raise PlanError(problems or [Problem(path, 1, "", Said("cannot be read as a plan"))], told)
    warnings = validate.warnings(plan, front, path, found_tasks)
    warnings += plausibility.warnings(plan, front, path, found_tasks)
    warnings += sections_said
    commas = validate.decimal_comma_warnings(plan, front, text, path)
    return PlanFile(
        path,
        plan,
        tuple(found_tasks),
        front.body,
        front.body_start,
        reading,
        tuple(warnings),
        front.lines,
        tuple(commas),
    )


def default_id(path: str) -> str:
    """The file's stem made a slug: 'São Paulo Ltda.md' -> 'sao-paulo-ltda'."""
    return slug_of(PurePath(path).stem) or "plan"


def _controls(text: str, path: str) -> tuple[str, list[Problem]]:
    """Each line holding an invisible control character is a problem; the characters are
    replaced so that the rest of the file is still read and checked."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not CONTROL.search(text):
        return text, []
    problems = []
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        found = CONTROL.search(line)
        if found:
            message = Said(CONTROL_SAID, code=f"U+{ord(found.group()):04X}")
            problems.append(Problem(path, number, "text", message))
            lines[number - 1] = CONTROL.sub("\ufffd", line)
    return "\n".join(lines), problems


def _context(data: Any) -> tasks.Context:
    """What task lines may refer to, taken as far as the front matter allows."""
    data = data if isinstance(data, dict) else {}
    team = data.get("team")
    handles = frozenset(k for k in team if isinstance(k, str)) if isinstance(team, dict) else frozenset()
    owner = data.get("owner") if isinstance(data.get("owner"), str) else ""
    actions = data.get("actions") if isinstance(data.get("actions"), list) else []
    owners = {
        a["id"]: a.get("owner") or owner
        for a in actions
        if isinstance(a, dict) and isinstance(a.get("id"), str)
    }
    ids = {
        kind: frozenset(
            x["id"] for x in data.get(kind) or [] if isinstance(x, dict) and isinstance(x.get("id"), str)
        )
        if isinstance(data.get(kind), list)
        else frozenset()
        for kind in ("milestones", "goals", "stakeholders")
    }
    return tasks.Context(
        owner=owner,
        handles=handles,
        action_owners=owners,
        milestones=ids["milestones"],
        goals=ids["goals"],
        stakeholders=ids["stakeholders"],
        until=_period_end(data),
    )


def _period_end(data: dict[str, Any]) -> date | None:
    """The period's end, when the front matter gives a valid one (a recurring task's last day)."""
    period = data.get("period")
    try:
        return parse_date(period.get("end")) if isinstance(period, dict) else None
    except ValueError:
        return None


def _item_field(field: str) -> str:
    """'goals[0].hold.min' -> 'goals[0].hold': the field of an item a problem is about."""
    return ".".join(field.split(".")[:2])
