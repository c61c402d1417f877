"""The plan's own Markdown body as safe HTML: raw HTML shown as text, tasks as checkboxes
with readable chips instead of metadata tokens, heading {#id .class} attributes applied."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from markdown_it.token import Token

from kamsite.core.agenda import task_anchor
from kamsite.core.model import Every, Task
from kamsite.core.progress import done_by
from kamsite.core.sections import CHECKBOX, HEADING_ATTRS, MARKDOWN, heading_attrs, opens_section
from kamsite.core.series import standing
from kamsite.core.tasks import TOKEN
from kamsite.render import explain
from kamsite.render.escape import EMPTY, Html
from kamsite.render.formats import Formats
from kamsite.render.icons import icon
from kamsite.render.labels import Labels


@dataclass(frozen=True)
class BodyView:
    """What the body needs to know to show its tasks."""

    tasks: Mapping[int, Task]  # by file line
    names: Mapping[str, str]  # handle -> full name
    actions: Mapping[str, str]  # action id -> title
    as_of: date
    fmt: Formats
    labels: Labels
    line_link: Callable[[int], Html] | None = None  # a link to the task's line in the plan file
    verdicts: bool = True  # mark overdue tasks (the team's judgement; a client's only by choice)
    shared: frozenset[int] = frozenset()  # body lines of the headings to mark as shared with the client
    people: Mapping[str, str] = field(default_factory=dict)  # stakeholder id -> name (team pages)


def render(body: str, body_start: int, view: BodyView) -> str:
    """The body as HTML. A client's page is rendered from the client's view of the plan, whose
    internal sections are already gone (see core.audience): this function decides nothing."""
    md = MARKDOWN
    tokens = md.parse(body)
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            _heading(tok, tokens[i + 1], view)
        elif tok.type == "list_item_open" and tok.map and _is_task(tokens, i):
            task = view.tasks.get(tok.map[0] + body_start)
            if task:
                _task(tok, tokens[i + 2], task, view)
    html: str = md.renderer.render(tokens, md.options, {})
    return html


def internal_badge(labels: Labels) -> Html:
    """The mark of what stays with the team (an internal section, goal, milestone or action)."""
    return Html('<b class="ks-badge ks-internal-badge" data-search-exclude>{}{}</b>').format(
        icon("lock"), labels["site.internal"]
    )


def _is_task(tokens: list[Token], i: int) -> bool:
    return (
        tokens[i + 1].type == "paragraph_open"
        and tokens[i + 2].type == "inline"
        and bool(CHECKBOX.match(tokens[i + 2].content))
    )


def _heading(tok: Token, inline: Token, view: BodyView) -> None:
    labels = view.labels
    _, hid, classes = heading_attrs(inline.content)
    children = inline.children or []
    if children and children[-1].type == "text":
        children[-1].content = HEADING_ATTRS.sub("", children[-1].content)
    if hid:
        tok.attrSet("id", hid)
    if "internal" in classes and opens_section(tok):
        tok.attrSet("class", "ks-internal")
        children.append(_html(Html(" ") + internal_badge(labels)))
    elif tok.map and tok.map[0] in view.shared:
        tok.attrSet("class", "ks-shared")
        badge = Html(' <b class="ks-badge ks-shared-badge" data-search-exclude>{}{}</b>').format(
            icon("contact"), labels["site.shared"]
        )
        children.append(_html(badge))


def _task(item: Token, inline: Token, task: Task, view: BodyView) -> None:
    item.attrSet("class", "ks-task" + (" ks-task-done" if task.done else ""))
    item.attrSet("id", task_anchor(task.line))
    children = inline.children or []
    if children and children[0].type == "text":
        match = CHECKBOX.match(children[0].content)
        if match:
            children[0].content = children[0].content[match.end() :]
    box = Html('<input type="checkbox" class="ks-checkbox" disabled{} aria-label="{}"> ').format(
        Html(" checked") if task.done else "", task.text
    )
    out = [_html(box)]
    for child in children:
        out.extend(_chips(child, task, view) if child.type == "text" else [child])
    if view.line_link:
        out.append(_html(view.line_link(task.line)))
    inline.children = out


def _chips(child: Token, task: Task, view: BodyView) -> list[Token]:
    out, pos, text = [], 0, child.content
    for match in TOKEN.finditer(text):
        out.append(_text(text[pos : match.start()]))
        out.append(_html(_chip(match.lastgroup or "", match.group(match.lastgroup or ""), task, view)))
        pos = match.end()
    out.append(_text(text[pos:]))
    return [t for t in out if t.content]


def _chip(kind: str, value: str, task: Task, view: BodyView) -> Html:
    fmt, labels = view.fmt, view.labels
    if task.every is not None and kind in ("every", "due", "done"):
        return _series_chip(task, task.every, view) if kind == "every" else EMPTY  # one chip says all
    if kind == "due":
        late = (
            view.verdicts and task.due is not None and task.due < view.as_of and not done_by(task, view.as_of)
        )
        extra = f" · {labels['task.overdue']}" if late else ""
        cls = "ks-chip-due" + (" ks-overdue" if late else "")
        when = icon("calendar", labels["task.due"]) + f"{fmt.date(task.due)}{extra}"
        return _chip_html(cls, labels["task.due"], when)
    if kind == "done":
        when = icon("done", labels["task.done"]) + fmt.date(task.done_on)
        return _chip_html("ks-chip-done", labels["task.done"], when)
    if kind in ("kind", "phone"):
        name = labels[f"task.kind.{task.kind}"]
        return _chip_html(f"ks-chip-{task.kind}", labels["task.kind"], icon(task.kind) + name)
    if kind == "met":  # whom a contact met: the client's view has no such token left
        met = ", ".join(view.people.get(p, p) for p in task.met)
        return _chip_html("ks-chip-with", labels["task.with"], icon("people", labels["task.with"]) + met)
    if kind == "owner":
        return _chip_html(
            "ks-chip-owner",
            labels["task.owner"],
            icon("account", labels["task.owner"]) + view.names.get(value, value),
        )
    title = view.actions.get(value, value)
    return _chip_html(
        "ks-chip-action",
        labels["task.action"],
        icon("subtask", labels["task.action"]) + title,
        href=f"#{value}",
    )


def _series_chip(task: Task, every: Every, view: BodyView) -> Html:
    """A recurring task's one chip: its rhythm, how many occurrences are done of those due so far
    and the next, and the next one's date ("monthly · 4 of 5 delivered · next May 31"), marked
    overdue when it is late; or, once ended with [x], that it ended."""
    labels, fmt = view.labels, view.fmt
    found = standing(task, view.as_of)
    done = len(found.done)
    total = done if found.ended else max(found.due_so_far, done + (found.next is not None))
    parts = [explain.rhythm(every, labels), labels(f"task.every.done.{task.kind}", done=done, total=total)]
    if found.ended:
        parts.append(labels["task.every.ended"])
    elif found.next is not None:
        parts.append(labels("task.every.next", date=fmt.day_month(found.next)))
    late = view.verdicts and found.next is not None and found.next < view.as_of
    if late:
        parts.append(labels["task.overdue"])
    cls = "ks-chip-every" + (" ks-overdue" if late else "")
    return _chip_html(cls, labels["task.every"], icon("repeat", labels["task.every"]) + " · ".join(parts))


def _chip_html(cls: str, title: str, content: str | Html, href: str | None = None) -> Html:
    if href:
        link = Html('<a class="ks-chip {}" href="{}" title="{}">{}</a>')
        return link.format(Html(cls), href, title, content)
    return Html('<span class="ks-chip {}" title="{}">{}</span>').format(Html(cls), title, content)


def _html(content: Html) -> Token:
    return Token("html_inline", "", 0, content=str(content))


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)
