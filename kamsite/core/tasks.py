"""The body's checklists: task items, their metadata tokens and the heading they sit under."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from markdown_it import MarkdownIt

from kamsite.core.errors import Problem, suggest
from kamsite.core.model import Task, parse_date

CHECKBOX = re.compile(r"\[([ xX])\](?:\s+|$)")
HEADING_ATTRS = re.compile(r"\s*\{([^{}]*)\}\s*$")
# One metadata token of a task line; the groups say which kind it is.
TOKEN = re.compile(
    r"(?:(?<!\S)(?:due:|📅\s*)(?P<due>\S+))"
    r"|(?:(?<!\S)(?:done:|✅\s*)(?P<done>\S+))"
    r"|(?:(?<!\S)@(?P<owner>[^\s.,;:!?()]+))"
    r"|(?:(?<!\S)#(?P<action>[^\s.,;:!?()#]+))"
)
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

