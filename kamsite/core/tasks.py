"""The body's checklists: task items, their metadata tokens and the section they sit in."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from kamsite.core import sections
from kamsite.core.errors import Problem, suggest
from kamsite.core.model import Task, parse_date
from kamsite.core.said import Said
from kamsite.core.vocabulary import TaskKind

# One metadata token of a task line; the group's name says which kind it is. A token starts at
# the start of the text or after a space and ends at a space; trailing punctuation stays text,
# so "joao@acme.com.br", "https://crm/x#etapa", "C#" and "pedido #123" are plain text.
_END = r"(?=[.,;:!?)]*(?:\s|$))"
TOKEN = re.compile(
    r"(?<!\S)(?:"
    rf"(?:due:\s?|📅\ufe0f?\s*)(?P<due>\S+?){_END}"
    rf"|(?:done:\s?|✅\ufe0f?\s*)(?P<done>\S+?){_END}"
    rf"|kind:(?P<kind>\S+?){_END}"
    rf"|(?P<phone>📞)\ufe0f?{_END}"
    rf"|with:(?P<met>\S+?){_END}"
    rf"|@(?P<owner>\S+?){_END}"
    rf"|#(?P<action>[a-z][a-z0-9-]*){_END}"
    r")"
)
KINDS = (TaskKind.CONTACT, TaskKind.REPORT)  # the kinds a task may write (task is the default)


@dataclass(frozen=True)
class Context:
    """What task lines may refer to: the plan's handles and actions."""

    owner: str
    handles: frozenset[str]
    action_owners: Mapping[str, str]  # action id -> its owner handle
    milestones: frozenset[str] = frozenset()  # ids a task tag must not name
    goals: frozenset[str] = frozenset()
    stakeholders: frozenset[str] = frozenset()  # ids a `with:` token may name


def parse_tasks(
    reading: sections.Reading, offset: int, path: str, ctx: Context
) -> tuple[list[Task], list[Problem]]:
    """Every task of the body; `offset` is the file line of the body's first line.

    An .internal heading that opens no section is a problem too: a wrong guess would show
    internal text to a client, so the plan fails closed.
    """
    tasks: list[Task] = []
    problems = [
        Problem(
            path,
            h.line + offset,
            "heading",
            Said(
                "the class .internal works only on a '#' heading at the "
                "start of a line (not in a quote or a list, not underlined): move it there"
            ),
        )
        for h in reading.misplaced
    ] + [
        Problem(
            path,
            h.line + offset,
            "heading",
            Said(
                "a .client section cannot be inside an .internal one, nor an .internal section"
                " inside a .client one: say once who may read it"
            ),
        )
        for h in reading.crossed
    ]
    for item in reading.tasks:
        section_action = next((h.id for h in reversed(item.section) if h.id in ctx.action_owners), None)
        task, found = _task(
            item.text, item.checked, item.start + offset, section_action, item.internal, path, ctx
        )
        tasks.append(task)
        problems.extend(found)
    return tasks, problems


def section_warnings(reading: sections.Reading, offset: int, path: str, ctx: Context) -> list[Problem]:
    """A heading {#id} whose own tasks belong to no action because the id names none."""
    warned = []
    for h in reading.headings:
        if h.id is None or h.id in ctx.action_owners:
            continue
        if any(_innermost_id(item) == h and not _tagged(item.text) for item in reading.tasks):
            warned.append(
                Problem(
                    path,
                    h.line + offset,
                    "heading",
                    Said("'#{id}' names no action, so the tasks under it belong to none.", id=h.id)
                    + suggest(h.id, ctx.action_owners),
                )
            )
    return warned


def _innermost_id(item: sections.TaskItem) -> sections.Heading | None:
    return next((h for h in reversed(item.section) if h.id), None)


def _tagged(text: str) -> bool:
    return any(m.lastgroup == "action" for m in TOKEN.finditer(text))


def _task(
    text: str,
    checked: bool,
    line: int,
    section_action: str | None,
    internal: bool,
    path: str,
    ctx: Context,
) -> tuple[Task, list[Problem]]:
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(path, line, field, message))

    found: dict[str, Any] = {}
    words, end = [], 0  # the text between the tokens
    for match in TOKEN.finditer(text):
        words.append(text[end : match.start()])
        end = match.end()
        kind = match.lastgroup or ""
        field = _FIELDS[kind]
        if field in found:
            problem(f"task.{field}", Said(_REPEATS[field], token=match.group()))
            continue
        found[field] = _value(kind, match.group(kind), problem, ctx)
    due, done_on, owner, action = (found.get(k) for k in ("due", "done", "owner", "action"))
    met = found.get("with") or ()
    if done_on and not checked:
        problem("task.done", Said("an open task has a done date: tick it ([x]) or remove the date"))
    action = action if action in ctx.action_owners else section_action
    default_owner = ctx.action_owners.get(action, ctx.owner) if action else ctx.owner
    words.append(text[end:])
    task = Task(
        text=" ".join(" ".join(words).split()),  # the text without its tokens
        done=checked,
        line=line,
        owner=owner if owner in ctx.handles else default_owner,
        action=action,
        due=due,
        done_on=done_on,
        internal=internal,
        kind=found.get("kind") or TaskKind.TASK,
        met=met,
    )
    return task, problems


_FIELDS = {
    "due": "due",
    "done": "done",
    "kind": "kind",
    "phone": "kind",
    "owner": "owner",
    "action": "action",
    "met": "with",
}
_REPEATS = {
    "due": "'{token}' repeats the task's due date: keep one",
    "done": "'{token}' repeats the task's done date: keep one",
    "kind": "'{token}' repeats the task's kind: keep one",
    "owner": "'{token}' repeats the task's owner: keep one",
    "action": "'{token}' repeats the task's action: keep one",
    "with": "'{token}' repeats whom the task met: name them all in one, as in with:cfo,buyer",
}


def _value(kind: str, value: str, problem: Callable[[str, str], None], ctx: Context) -> Any:
    """The value of one token, or None (with a problem) when it is wrong."""
    if kind in ("due", "done"):
        return _date(value, kind, problem)
    if kind == "phone":
        return TaskKind.CONTACT
    if kind == "kind":
        if value not in KINDS:
            problem(
                "task.kind", Said("unknown kind '{value}': write kind:contact or kind:report", value=value)
            )
            return None
        return TaskKind(value)
    if kind == "met":
        return _met(value, problem, ctx)
    if kind == "owner":
        if value not in ctx.handles:
            problem(
                "task.owner", Said("unknown handle '@{value}'.", value=value) + suggest(value, ctx.handles)
            )
        return value
    if value in ctx.action_owners:
        return value
    if value in ctx.milestones or value in ctx.goals:
        names = (
            "'#{value}' names a milestone, not an action: tag the action the task belongs to"
            if value in ctx.milestones
            else "'#{value}' names a goal, not an action: tag the action the task belongs to"
        )
        problem("task.action", Said(names, value=value))
    else:
        problem(
            "task.action", Said("unknown action '#{value}'.", value=value) + suggest(value, ctx.action_owners)
        )
    return value


def _met(value: str, problem: Callable[[str, str], None], ctx: Context) -> tuple[str, ...]:
    """The stakeholder ids of `with:cfo,buyer`, each one once; an unknown id is a problem."""
    ids = tuple(dict.fromkeys(part for part in value.split(",") if part))
    for unknown in (i for i in ids if i not in ctx.stakeholders):
        problem(
            "task.with",
            Said("unknown stakeholder '{value}'.", value=unknown) + suggest(unknown, ctx.stakeholders),
        )
    return tuple(i for i in ids if i in ctx.stakeholders)


def _date(value: str, kind: str, problem: Callable[[str, str], None]) -> date | None:
    try:
        return parse_date(value)
    except ValueError as exc:
        problem(f"task.{kind}", exc.args[0])
        return None
