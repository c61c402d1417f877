"""From the text of a plan file to a valid PlanFile, or a PlanError listing every problem."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from kamsite.core import frontmatter, tasks, validate
from kamsite.core.errors import PlanError, Problem
from kamsite.core.model import PlanFile


def parse_plan(text: str, path: str) -> PlanFile:
    """Parse and validate one plan. `path` is used in messages and for the default id."""
    front = frontmatter.read(text, path)
    problems = list(front.problems)
    plan = None
    if front.data is not None:
        if isinstance(front.data, dict) and "id" not in front.data:
            front.data["id"] = PurePath(path).stem
            front.lines[("id",)] = 1
        plan, found = validate.schema(front, path)
        seen = {(p.line, p.field) for p in problems}  # a bad YAML tag is reported once
        problems += [p for p in found if (p.line, p.field) not in seen]
    if plan is not None and not problems:
        problems += validate.semantics(plan, front, path)
    context = _context(plan.model_dump() if plan else front.data)
    found_tasks, task_problems = tasks.parse_tasks(front.body, front.body_start, path, context)
    problems += task_problems
    if problems or plan is None:
        raise PlanError(problems or [Problem(path, 1, "", "cannot be read as a plan")])
    warnings = tasks.section_warnings(front.body, front.body_start, path, context)
    return PlanFile(path, plan, tuple(found_tasks), front.body, front.body_start, tuple(warnings))


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
    return tasks.Context(owner=owner, handles=handles, action_owners=owners)
