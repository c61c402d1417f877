"""Today: each owner's overdue, today and next-days items, re-evaluated in the browser."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from kamsite.core.agenda import GROUPS, Item, group_of
from kamsite.render import explain
from kamsite.render.escape import EMPTY, Html, md
from kamsite.render.icons import icon
from kamsite.render.pages.common import View, account_dir, badge, front, line_link, link, raw

LOOKAHEAD = 30  # days past the window kept (hidden) so a page viewed days later stays true
HERE = "today/"


def today_page(items: Sequence[Item], names: Mapping[str, str], view: View) -> str:
    labels, fmt = view.labels, view.fmt
    horizon = view.as_of + timedelta(days=view.today_days + LOOKAHEAD)
    kept = [i for i in items if i.due <= horizon]
    owners = sorted({i.owner for i in kept}, key=lambda o: (names.get(o, o).lower(), o))
    options = Html("").join(Html('<option value="{}">{}</option>').format(o, names.get(o, o)) for o in owners)
    dates = (
        labels("today.built", date=fmt.date(view.as_of))
        if not view.pinned
        else labels("today.pinned", date=fmt.date(view.as_of))
    )
    owned: dict[str, list[Item]] = {}  # by owner, in one pass
    for item in kept:
        owned.setdefault(item.owner, []).append(item)
    sections = Html("").join(_owner(o, owned[o], names, view) for o in owners)
    late = {f"data-late-{form}": labels[f"today.late.{form}"] for form in ("one", "other")}
    empty = EMPTY if owners else Html('<p class="ks-empty">{}</p>').format(labels["today.nothing"])
    return (
        front(labels["today.title"], searchable=False)
        + f"# {md(labels['today.title'])}\n\n"
        + raw(
            Html(
                '<div class="ks-today" data-pinned="{}" data-built="{}" data-days="{}" data-locale="{}"'
                ' data-late-one="{}" data-late-other="{}">\n'
                '<p class="ks-dates"><span class="ks-built">{}</span>'
                '<span class="ks-viewed" data-label="{}"></span></p>\n'
                '<p><label for="ks-owner">{}</label> <select id="ks-owner" class="ks-owner-filter">'
                '<option value="">{}</option>{}</select></p>\n{}{}\n</div>'
            ).format(
                str(view.pinned).lower(),
                view.as_of.isoformat(),
                view.today_days,
                fmt.locale.replace("_", "-"),
                late["data-late-one"],
                late["data-late-other"],
                dates,
                labels["today.viewed"],
                labels["today.owner"],
                labels["today.everyone"],
                options,
                sections,
                empty,
            )
        )
    )


def _owner(owner: str, items: Sequence[Item], names: Mapping[str, str], view: View) -> Html:
    labels = view.labels
    groups = []
    for group in (*GROUPS, "later"):
        mine = [i for i in items if (group_of(i.due, view.as_of, view.today_days) or "later") == group]
        hidden = Html(" hidden") if group == "later" or not mine else EMPTY  # no empty groups
        lis = Html("").join(item_html(i, view, HERE) for i in mine)
        title = labels("today.group." + group, days=view.today_days)
        groups.append(
            Html(
                '<div class="ks-group ks-group-{group}" data-group="{group}"{hidden}>'
                '<h3>{title} <span class="ks-count">({count})</span></h3>'
                '<ul data-group="{group}">{lis}</ul></div>'
            ).format(group=group, hidden=hidden, title=title, count=len(mine), lis=lis)
        )
    shown = any(group_of(i.due, view.as_of, view.today_days) for i in items)
    nothing = Html('<p class="ks-empty ks-person-empty"{}>{}</p>').format(
        EMPTY if not shown else Html(" hidden"), labels("today.person_nothing", days=view.today_days)
    )
    return Html(
        '<section class="ks-person" data-owner="{}"><h2 id="owner-{}">{}</h2>{}{}</section>\n'
    ).format(owner, owner, names.get(owner, owner), Html("").join(groups), nothing)


def item_html(item: Item, view: View, here: str) -> Html:
    """One agenda line: what, which account and action, when, with a link to its place."""
    source = view.source
    at = None  # the line of the plan file the item links to, if the site has edit links
    if source and item.kind == "task":
        at = item.line
    elif source and item.kind == "action":
        at = source.actions.get((item.account_id, item.action_id or ""))
    url = source.line(item.account_id, at) if source else None
    return _item_html(item, view, here, url, at)


def _item_html(item: Item, view: View, here: str, url: str | None, at: int | None) -> Html:
    labels, fmt = view.labels, view.fmt
    line = line_link(url, at, labels)
    page = view.href(here, account_dir(item.account_id))
    kind = labels["today.kind." + item.kind]
    subtask = icon("subtask", labels["task.action"])
    action = (
        Html(' · <span class="ks-chip">{}{}</span>').format(subtask, item.action)
        if item.kind == "task" and item.action
        else EMPTY
    )
    return Html(
        '<li class="ks-item" data-due="{}"><span class="ks-kind ks-kind-{}">{}{}</span> '
        '{} · {}{} · <span class="ks-chip ks-chip-due">{}{}</span>{}{}</li>'
    ).format(
        item.due.isoformat(),
        item.kind,
        icon(item.kind),
        kind,
        link(f"{page}#{item.anchor}", explain.item(item, view.as_of, labels)),
        link(page, item.account),
        action,
        icon("calendar", labels["task.due"]),
        fmt.date(item.due),
        marks(item, view),
        line,
    )


def marks(item: Item, view: View) -> Html:
    """What an open item's due date does not say: blocked (waiting on something, not only
    late), and how many days late."""
    days_late = (view.as_of - item.due).days
    late = (
        Html(' <span class="ks-late">{}{}</span>').format(
            icon("alert"), view.labels("today.late", count=days_late)
        )
        if days_late > 0
        else EMPTY
    )
    return (Html(" ") + badge("action", "blocked", view.labels) if item.blocked else EMPTY) + late
