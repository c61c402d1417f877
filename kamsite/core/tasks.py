"""The body's checklists: task items, their metadata tokens and the heading they sit under."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from markdown_it import MarkdownIt

from kamsite.core.errors import Problem, suggest
from kamsite.core.model import Task, parse_date

CHECKBOX = re.compile(r"\[([ xX])\](?:\s+|$)")
HEADING_ATTRS = re.compile(r"\s*\{([^{}]*)\}\s*$")
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
    rf"|@(?P<owner>\S+?){_END}"
    rf"|#(?P<action>[a-z][a-z0-9-]*){_END}"
    r")"
)
KINDS = ("contact", "report")
# Block structure only: task and heading text is read from the raw inline content, so the
# (costly) inline pass is skipped.
_PARSER = MarkdownIt("commonmark").disable(["inline", "text_join"])


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str | None
    classes: tuple[str, ...]
    line: int  # 1-based line in the body


@dataclass(frozen=True)
class Context:
    """What task lines may refer to: the plan's handles and actions."""

    owner: str
    handles: frozenset[str]
    action_owners: Mapping[str, str]  # action id -> its owner handle
    milestones: frozenset[str] = frozenset()  # ids a task tag must not name
    goals: frozenset[str] = frozenset()


def heading_attrs(text: str) -> tuple[str, str | None, tuple[str, ...]]:
    """'Title {#id .internal}' -> ('Title', 'id', ('internal',))."""
    match = HEADING_ATTRS.search(text)
    if not match:
        return text.strip(), None, ()
    parts = match.group(1).split()
    ids = [p[1:] for p in parts if p.startswith("#") and len(p) > 1]
    classes = tuple(p[1:] for p in parts if p.startswith(".") and len(p) > 1)
    return text[: match.start()].strip(), (ids[-1] if ids else None), classes


def strip_tokens(text: str) -> str:
    """The task text without its metadata tokens."""
    return " ".join(TOKEN.sub(" ", text).split())


def parse_tasks(body: str, offset: int, path: str, ctx: Context) -> tuple[list[Task], list[Problem]]:
    """Every task of the body; `offset` is the file line of the body's first line."""
    tasks: list[Task] = []
    problems: list[Problem] = []
    stack: list[Heading] = []
    for item in _walk(body):
        if isinstance(item, Heading):
            while stack and stack[-1].level >= item.level:
                stack.pop()
            stack.append(item)
            continue
        line, checked, text = item
        where = line + offset
        section_action = next(
            (h.id for h in reversed(stack) if h.id in ctx.action_owners), None
        )
        internal = any("internal" in h.classes for h in stack)
        task, found = _task(text, checked, where, section_action, internal, path, ctx)
        tasks.append(task)
        problems.extend(found)
    return tasks, problems


def headings(body: str) -> list[Heading]:
    return [item for item in _walk(body) if isinstance(item, Heading)]


def _walk(body: str) -> Iterator[Heading | tuple[int, bool, str]]:
    """Headings and task items of the body in order, with 0-based body lines."""
    tokens = _PARSER.parse(body)
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.map:
            title, hid, classes = heading_attrs(tokens[i + 1].content)
            yield Heading(int(tok.tag[1]), title, hid, classes, tok.map[0])
        elif (
            tok.type == "list_item_open"
            and tok.map
            and tokens[i + 1].type == "paragraph_open"
            and tokens[i + 2].type == "inline"
        ):
            match = CHECKBOX.match(tokens[i + 2].content)
            if match:
                rest = tokens[i + 2].content[match.end() :]
                yield tok.map[0], match.group(1) != " ", " ".join(rest.split())


def _task(
    text: str, checked: bool, line: int, section_action: str | None, internal: bool,
    path: str, ctx: Context,
) -> tuple[Task, list[Problem]]:
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(path, line, field, message))

    found: dict[str, Any] = {}
    for match in TOKEN.finditer(text):
        kind = match.lastgroup or ""
        field = _FIELDS[kind]
        if field in found:
            problem(f"task.{field}", f"'{match.group()}' repeats the task's {_NAMES[field]}: keep one")
            continue
        found[field] = _value(kind, match.group(kind), problem, ctx)
    due, done_on, owner, action = (found.get(k) for k in ("due", "done", "owner", "action"))
    if done_on and not checked:
        problem("task.done", "an open task has a done date: tick it ([x]) or remove the date")
    action = action if action in ctx.action_owners else section_action
    default_owner = ctx.action_owners.get(action, ctx.owner) if action else ctx.owner
    task = Task(
        text=strip_tokens(text), done=checked, line=line,
        owner=owner if owner in ctx.handles else default_owner, action=action,
        due=due, done_on=done_on, internal=internal, kind=found.get("kind") or "task",
    )
    return task, problems


_FIELDS = {"due": "due", "done": "done", "kind": "kind", "phone": "kind", "owner": "owner",
           "action": "action"}
_NAMES = {"due": "due date", "done": "done date", "kind": "kind", "owner": "owner", "action": "action"}


def _value(kind: str, value: str, problem: Callable[[str, str], None], ctx: Context) -> Any:
    """The value of one token, or None (with a problem) when it is wrong."""
    if kind in ("due", "done"):
        return _date(value, kind, problem)
    if kind == "phone":
        return "contact"
    if kind == "kind":
        if value not in KINDS:
            problem("task.kind", f"unknown kind '{value}': write kind:contact or kind:report")
            return None
        return value
    if kind == "owner":
        if value not in ctx.handles:
            problem("task.owner", f"unknown handle '@{value}'." + suggest(value, ctx.handles))
        return value
    if value in ctx.action_owners:
        return value
    if value in ctx.milestones or value in ctx.goals:
        what = "milestone" if value in ctx.milestones else "goal"
        problem("task.action", f"'#{value}' names a {what}, not an action: tag the action the task"
                " belongs to")
    else:
        problem("task.action", f"unknown action '#{value}'." + suggest(value, ctx.action_owners))
    return value


def _date(value: str, kind: str, problem: Callable[[str, str], None]) -> date | None:
    try:
        return parse_date(value)
    except ValueError as exc:
        problem(f"task.{kind}", str(exc))
        return None

