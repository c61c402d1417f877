"""Today: each owner's overdue, today and next-days items, re-evaluated in the browser."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from kamsite.core.agenda import GROUPS, Item, group_of
from kamsite.render.escape import h, md
from kamsite.render.pages.common import View, account_dir, front, link, raw

LOOKAHEAD = 30  # days past the window kept (hidden) so a page viewed days later stays true
HERE = "today/"


def today_page(items: Sequence[Item], names: Mapping[str, str], view: View) -> str:
    labels, fmt = view.labels, view.fmt
    horizon = view.as_of + timedelta(days=view.today_days + LOOKAHEAD)
    kept = [i for i in items if i.due <= horizon]
    owners = sorted({i.owner for i in kept}, key=lambda o: (names.get(o, o).lower(), o))
    options = "".join(f'<option value="{h(o)}">{h(names.get(o, o))}</option>' for o in owners)
    dates = labels("today.built", date=fmt.date(view.as_of)) if not view.pinned else labels(
        "today.pinned", date=fmt.date(view.as_of))
    sections = "".join(_owner(o, [i for i in kept if i.owner == o], names, view) for o in owners)
    empty = "" if owners else f'<p class="ks-empty">{h(labels["today.nothing"])}</p>'
    return (
        front(labels["today.title"], searchable=False) + f"# {md(labels['today.title'])}\n\n"
        + raw(f'<div class="ks-today" data-pinned="{str(view.pinned).lower()}" '
        f'data-built="{view.as_of.isoformat()}" data-days="{view.today_days}" '
        f'data-locale="{h(fmt.locale.replace("_", "-"))}">\n'
        f'<p class="ks-dates"><span class="ks-built">{h(dates)}</span>'
        f'<span class="ks-viewed" data-label="{h(labels["today.viewed"])}"></span></p>\n'
        f'<p><label for="ks-owner">{h(labels["today.owner"])}</label> '
        f'<select id="ks-owner" class="ks-owner-filter"><option value="">'
        f'{h(labels["today.everyone"])}</option>{options}</select></p>\n'
        f"{sections}{empty}\n</div>")
    )


def _owner(owner: str, items: Sequence[Item], names: Mapping[str, str], view: View) -> str:
    labels = view.labels
    groups = []
    for group in (*GROUPS, "later"):
        mine = [i for i in items if (group_of(i.due, view.as_of, view.today_days) or "later") == group]
        hidden = " hidden" if group == "later" else ""
        lis = "".join(item_html(i, view, HERE) for i in mine)
        title = labels("today.group." + group, days=view.today_days)
        groups.append(
            f'<div class="ks-group ks-group-{group}" data-group="{group}"{hidden}>'
            f'<h3>{h(title)} <span class="ks-count">({len(mine)})</span></h3>'
            f'<ul data-group="{group}">{lis}</ul>'
            f'<p class="ks-empty"{"" if not mine else " hidden"}>{h(labels["site.none"])}</p></div>'
        )
    return (f'<section class="ks-person" data-owner="{h(owner)}">'
            f'<h2 id="owner-{h(owner)}">{h(names.get(owner, owner))}</h2>{"".join(groups)}</section>\n')


def item_html(item: Item, view: View, here: str) -> str:
    """One agenda line: what, which account and action, when, with a link to its place."""
    labels, fmt = view.labels, view.fmt
    page = view.href(here, account_dir(item.account_id))
    anchor = f"#L{item.line}" if item.kind == "task" else f"#action-{item.action_id}"
    icon = "☐" if item.kind == "task" else "◆"
    kind = labels["today.kind." + item.kind]
    action = (f' · <span class="ks-chip">↳ {h(item.action)}</span>'
              if item.kind == "task" and item.action else "")
    return (
        f'<li class="ks-item" data-due="{item.due.isoformat()}">'
        f'<span class="ks-kind" title="{h(kind)}" aria-label="{h(kind)}">{icon}</span> '
        f'{link(page + anchor, item.text)} · {link(page, item.account)}{action} · '
        f'<span class="ks-chip ks-chip-due">📅 {h(fmt.date(item.due))}</span></li>'
    )
