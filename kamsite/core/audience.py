"""Who may see what: the client's view of a plan, the one rule every client output is made from.

A client build computes, renders and exports this view, never the full plan, so an internal
item cannot reach a client through a count, a calendar or a search index.

The view is built from what may be shared, never by removing what may not: each kind of item
keeps the fields listed here (a field added to the model tomorrow stays with the team until
someone adds it), and the body keeps only the sections a client sees — a `.client` section, and
the section of an action the client sees — so prose is shared by choice, never by default.
Where those sections and their task items lie is read with markdown-it, the parser that renders
the body (core/sections.py, the one reading every output shares).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from pydantic import BaseModel

from kamsite.core import sections, series
from kamsite.core.model import LAST_DAY, Action, Goal, Milestone, Plan, PlanFile, Task
from kamsite.core.tasks import TOKEN
from kamsite.core.vocabulary import TaskKind

# The fields a client may see, kind by kind. Not here (the team's alone): tags, stakeholders (the
# relationship map), and whatever the model gains until someone decides it may be shared.
PLAN_SHARED = ("account", "id", "owner", "team", "period", "currency", "follows", "contact_every")
# a goal's weight is shared: the client's roll-up is weighted as the team's, and says so
GOAL_SHARED = ("id", "title", "unit", "baseline", "target", "hold", "weight", "actuals", "measure_every")
MILESTONE_SHARED = ("id", "title", "quarter", "goals", "checkpoint", "done", "status")
ACTION_SHARED = ("id", "title", "milestone", "owner", "due", "status", "done")
SHARED_CLASS = "client"  # a heading with {.client} shares its section

# a handle in text: not inside a word or an e-mail address (`x@ana.example`); `_@ana_` is one
HANDLE = re.compile(r"(?<![^\W_])(?<!@)@([a-z0-9][a-z0-9-]*)(?![^\W_]|-)")
# on a task's line, a handle after a space or at the start is the task's owner token (shown as
# a name chip); one after a mark such as `(` is text
IN_TASK = re.compile(r"(?<=[^\s\w@]|_)@([a-z0-9][a-z0-9-]*)(?![^\W_]|-)")


def client_view(file: PlanFile, prose: bool = True) -> PlanFile:
    """The plan as its client may see it; without its body when `prose` is false (a page that
    shows the plan's items and not its text: the recent report).

    Kept: the shared fields of the goals, milestones and actions not marked `internal: true` (an
    internal milestone takes its actions along), the body's `.client` sections and the sections
    of the actions kept, and the tasks inside those sections that belong to no hidden action.
    Every other body line is emptied, so each kept line keeps its number and a link reference
    defined in a hidden line resolves nowhere. A done client contact among the hidden tasks
    keeps its date only (`PlanFile.contact_days`): the client was there. Every `@handle` in
    the text the client reads becomes the person's name, and every `with:` token (whom a
    contact met: the team's relationship map) is gone from it.
    """
    plan = file.plan
    goals = [_shared(Goal, g, GOAL_SHARED) for g in plan.goals if not g.internal]
    goal_ids = {g.id for g in goals}
    milestones = [
        _shared(
            Milestone,
            m,
            MILESTONE_SHARED,
            goals=[g for g in m.goals if g in goal_ids],
            checkpoint={g: v for g, v in m.checkpoint.items() if g in goal_ids},
        )
        for m in plan.milestones
        if not m.internal
    ]
    action_ids = shown_actions(plan)
    actions = [_shared(Action, a, ACTION_SHARED) for a in plan.actions if a.id in action_ids]
    reading = file.reading
    shown = shared_ranges(reading, plan)
    lines = {t.line - file.body_start: t for t in file.tasks}
    gone = [
        (item.start, item.end)
        for item in reading.tasks
        if not sections.covers(shown, item.start) or _hidden_action(lines.get(item.start), action_ids)
    ]
    kept = [t for t in file.tasks if not sections.covers(gone, t.line - file.body_start)]
    hidden = [t for t in file.tasks if sections.covers(gone, t.line - file.body_start)]
    blank = _complement(shown, reading.lines) + gone
    names = plan.team
    # the people the client meets in this view: the account's owner and the owners of what it shows
    seen = {plan.owner, *(a.owner or plan.owner for a in actions), *(t.owner for t in kept)}
    view = _shared(
        Plan,
        plan,
        PLAN_SHARED,
        team={h: name for h, name in names.items() if h in seen},
        account=named(plan.account, names),
        goals=[g.model_copy(update={"title": named(g.title, names)}) for g in goals],
        milestones=[m.model_copy(update={"title": named(m.title, names)}) for m in milestones],
        actions=[a.model_copy(update={"title": named(a.title, names)}) for a in actions],
    )
    body = ""
    if prose:
        task_lines = {t.line - file.body_start for t in kept}
        body = _named_prose(without_met(sections.blank(file.body, blank)), task_lines, names)
    return replace(
        file,
        plan=view,
        tasks=tuple(replace(t, text=named(t.text, names), met=()) for t in kept),
        body=body,
        reading=sections.read(body),
        warnings=(),
        comma_warnings=(),
        lines={},
        contact_days=_contact_days(file.contact_days, hidden),
    )


def shared_starts(file: PlanFile) -> set[int]:
    """The body lines of the headings the team's page marks as shared with the client: each
    heading whose section the client reads, unless the heading above it is marked already."""
    reading = file.reading
    shown = {start for start, _ in shared_ranges(reading, file.plan)}
    marked: set[int] = set()
    stack: list[sections.Heading] = []
    for h in reading.headings:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        if h.line in shown and not (stack and stack[-1].line in shown):
            marked.add(h.line)
        stack.append(h)
    return marked


def shown_actions(plan: Plan) -> set[str]:
    """The ids of the actions a client sees: not internal, of a milestone that is not."""
    hidden = {m.id for m in plan.milestones if m.internal}
    return {a.id for a in plan.actions if not a.internal and a.milestone not in hidden}


def seen_pair(
    before: PlanFile | None, after: PlanFile | None, audience: Callable[[PlanFile], PlanFile]
) -> tuple[PlanFile | None, PlanFile | None]:
    """Two snapshots of one plan as `audience` sees them, compared later item by item: the
    earlier one without the items the later one hides from that audience, so an item made
    internal in between is neither shown nor listed as removed."""
    seen_after = audience(after) if after else None
    if before is None:
        return None, seen_after
    seen_before = audience(before)
    if after is None or seen_after is None:
        return seen_before, seen_after
    hidden = _ids(after.plan) - _ids(seen_after.plan)
    if not hidden:
        return seen_before, seen_after
    plan = seen_before.plan
    kept = plan.model_copy(
        update={
            kind: [item for item in getattr(plan, kind) if (kind, item.id) not in hidden]
            for kind in ("goals", "milestones", "actions")
        }
    )
    return replace(seen_before, plan=kept), seen_after


def left_out(file: PlanFile, seen: PlanFile) -> int:
    """How many goals, milestones, actions and tasks of `file` its view `seen` leaves out."""
    return len(_ids(file.plan) - _ids(seen.plan)) + len(file.tasks) - len(seen.tasks)


def _ids(plan: Plan) -> set[tuple[str, str]]:
    return {(kind, item.id) for kind in ("goals", "milestones", "actions") for item in getattr(plan, kind)}


def shared_ranges(reading: sections.Reading, plan: Plan) -> list[tuple[int, int]]:
    """Body line ranges [start, end) a client sees: each section whose heading has the class
    `.client` or names an action the client sees, with its sub-headings. A heading marked
    `.internal` or naming a hidden action hides its section, and nothing under it opens again.
    A heading that opens no section (underlined, in a quote or a list) ends what is shown: its
    writer may well have meant a new section, and a new section is not shared by default."""
    shown = shown_actions(plan)
    hidden = {a.id for a in plan.actions} - shown
    ranges: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []  # (level, "shown" | "hidden" | "closed": hidden for good)
    headings = reading.headings
    for i, h in enumerate(headings):
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        parent = stack[-1][1] if stack else "hidden"
        if parent == "closed" or "internal" in h.classes or h.id in hidden:
            state = "closed"
        elif h.id in shown or SHARED_CLASS in h.classes:
            state = "shown"
        else:
            state = parent
        stack.append((h.level, state))
        if state == "shown":
            end = headings[i + 1].line if i + 1 < len(headings) else reading.lines
            end = min((n for n in reading.closed if h.line < n < end), default=end)
            ranges.append((h.line, end))
    return ranges


def _complement(ranges: Sequence[tuple[int, int]], lines: int) -> list[tuple[int, int]]:
    out, pos = [], 0
    for start, end in sorted(ranges):
        if start > pos:
            out.append((pos, start))
        pos = max(pos, end)
    if pos < lines:
        out.append((pos, lines))
    return out


def _shared(kind: type[BaseModel], item: BaseModel, fields: Sequence[str], **changed: Any) -> Any:
    """A copy of `item` holding only `fields` (each other field at its default), then `changed`."""
    values = {name: getattr(item, name) for name in fields} | changed
    return kind.model_construct(**values)


def _contact_days(known: Sequence[date], hidden: Sequence[Task]) -> tuple[date, ...]:
    """The days of the done client contacts among the tasks a reader may not read (each
    completion of a recurring one)."""
    found = {d for t in hidden if t.kind == TaskKind.CONTACT for d in series.done_days(t, LAST_DAY)}
    return tuple(sorted({*known, *found}))


def without_met(text: str) -> str:
    """`text` without its `with:` tokens, wherever they stand (a task's continuation line, or
    prose that copied one): the ids of the client's people the team keeps track of."""
    if "with:" not in text:
        return text
    return "\n".join(_drop_met(line) for line in text.split("\n"))


def _drop_met(line: str) -> str:
    """The line without its `with:` tokens, each with one of the spaces around it (its
    indentation kept: a list item's continuation line stays one)."""
    for match in reversed([m for m in TOKEN.finditer(line) if m.lastgroup == "met"]):
        before, after = line[: match.start()], line[match.end() :]
        if before.endswith(" ") and (after.startswith(" ") or not after):
            before = before[:-1]
        line = before + after
    return line


def _hidden_action(task: Task | None, shown: set[str]) -> bool:
    return task is not None and task.action is not None and task.action not in shown


def named(text: str, names: Mapping[str, str], pattern: re.Pattern[str] = HANDLE) -> str:
    """`text` with each `@handle` of the team written as the person's name."""
    return pattern.sub(lambda m: names.get(m.group(1), m.group(0)), text) if "@" in text else text


def _named_prose(body: str, task_lines: set[int], names: Mapping[str, str]) -> str:
    """The body with handles as names; on a task's own line the owner token stays (it is shown
    as a name chip) and any other handle becomes a name."""
    if "@" not in body:
        return body
    lines = body.split("\n")
    return "\n".join(
        named(line, names, IN_TASK if n in task_lines else HANDLE) for n, line in enumerate(lines)
    )
