"""The body's checklists: task items, their metadata tokens and the section they sit in."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from kamsite.core import sections
from kamsite.core.errors import Problem, suggest
from kamsite.core.model import Task, parse_date

# One metadata token of a task line; the groups say which kind it is.
TOKEN = re.compile(
    r"(?:(?<!\S)(?:due:|📅\s*)(?P<due>\S+))"
    r"|(?:(?<!\S)(?:done:|✅\s*)(?P<done>\S+))"
    r"|(?:(?<!\S)@(?P<owner>[^\s.,;:!?()]+))"
    r"|(?:(?<!\S)#(?P<action>[^\s.,;:!?()#]+))"
)

@dataclass(frozen=True)
class Context:
    """What task lines may refer to: the plan's handles and actions."""

    owner: str
    handles: frozenset[str]
    action_owners: Mapping[str, str]  # action id -> its owner handle


def strip_tokens(text: str) -> str:
    """The task text without its metadata tokens."""
    return " ".join(TOKEN.sub(" ", text).split())


def parse_tasks(body: str, offset: int, path: str, ctx: Context) -> tuple[list[Task], list[Problem]]:
    """Every task of the body; `offset` is the file line of the body's first line.

    An .internal heading that opens no section is a problem too: a wrong guess would show
    internal text to a client, so the plan fails closed.
    """
    reading = sections.read(body)
    tasks: list[Task] = []
    problems = [
        Problem(path, h.line + offset, "heading", "the class .internal works only on a '#' heading at the "
                "start of a line (not in a quote or a list, not underlined): move it there")
        for h in reading.misplaced
    ]
    for item in reading.tasks:
        section_action = next((h.id for h in reversed(item.section) if h.id in ctx.action_owners), None)
        task, found = _task(item.text, item.checked, item.start + offset, section_action, item.internal,
                            path, ctx)
        tasks.append(task)
        problems.extend(found)
    return tasks, problems


def section_warnings(body: str, offset: int, path: str, ctx: Context) -> list[Problem]:
    """A heading {#id} whose own tasks belong to no action because the id names none."""
    reading = sections.read(body)
    warned = []
    for h in reading.headings:
        if h.id is None or h.id in ctx.action_owners:
            continue
        if any(_innermost_id(item) == h and not _tagged(item.text) for item in reading.tasks):
            warned.append(Problem(path, h.line + offset, "heading", f"'#{h.id}' names no action, so the "
                                  "tasks under it belong to none." + suggest(h.id, ctx.action_owners)))
    return warned


def _innermost_id(item: sections.TaskItem) -> sections.Heading | None:
    return next((h for h in reversed(item.section) if h.id), None)


def _tagged(text: str) -> bool:
    return any(m.lastgroup == "action" for m in TOKEN.finditer(text))


def _task(
    text: str, checked: bool, line: int, section_action: str | None, internal: bool,
    path: str, ctx: Context,
) -> tuple[Task, list[Problem]]:
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(path, line, field, message))

    due = done_on = owner = action = None
    for match in TOKEN.finditer(text):
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind in ("due", "done"):
            day = _date(value, kind, problem)
            due, done_on = (day, done_on) if kind == "due" else (due, day)
        elif kind == "owner":
            if value not in ctx.handles:
                problem("task.owner", f"unknown handle '@{value}'." + suggest(value, ctx.handles))
            owner = value
        elif kind == "action":
            if value not in ctx.action_owners:
                hint = suggest(value, ctx.action_owners)
                problem("task.action", f"unknown action '#{value}'." + hint)
            action = value
    if done_on and not checked:
        problem("task.done", "an open task has a done date: tick it ([x]) or remove the date")
    action = action if action in ctx.action_owners else section_action
    default_owner = ctx.action_owners.get(action, ctx.owner) if action else ctx.owner
    task = Task(
        text=strip_tokens(text), done=checked, line=line,
        owner=owner if owner in ctx.handles else default_owner, action=action,
        due=due, done_on=done_on, internal=internal,
    )
    return task, problems


def _date(value: str, kind: str, problem: Callable[[str, str], None]) -> date | None:
    try:
        return parse_date(value)
    except ValueError as exc:
        problem(f"task.{kind}", str(exc))
        return None

