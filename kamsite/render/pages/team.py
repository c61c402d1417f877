"""People: each person's open work across accounts, overdue first, and what they finished."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kamsite.core.agenda import Item
from kamsite.core.recent import Done
from kamsite.render import charts
from kamsite.render.escape import h, md
from kamsite.render.pages.common import View, details, front, link, person_dir, raw, table
from kamsite.render.pages.today import item_html

INDEX = "people/"


def people_index(names: Mapping[str, str], items: Sequence[Item], accounts: Mapping[str, list[str]],
                 view: View) -> str:
    """Everyone in any plan's team, with their open and overdue counts."""
    labels = view.labels
    rows = []
    for handle, name in sorted(names.items(), key=lambda kv: (kv[1].lower(), kv[0])):
        mine = [i for i in items if i.owner == handle]
        late = sum(i.due < view.as_of for i in mine)
        rows.append((link(view.href(INDEX, person_dir(handle)), name),
                     h(", ".join(accounts.get(handle, []))), str(len(mine)), str(late)))
    head = [h(labels[k]) for k in ("people.name", "people.accounts", "people.open", "today.group.overdue")]
    title = labels["people.title"]
    listing = table("", head, rows)
    return front(title) + f"# {md(title)}\n\n" + raw(f'<div class="ks-scroll">{listing}</div>')


def person_page(handle: str, name: str, items: Sequence[Item], done: Sequence[tuple[str, Done]],
                view: View) -> str:
    """One person's page. `done` pairs each recent completion with its account name."""
    labels, fmt = view.labels, view.fmt
    here = person_dir(handle)
    ordered = sorted(items, key=lambda i: (i.due >= view.as_of, i.key))
    lis = "".join(item_html(i, view, here) for i in ordered)
    none = f'<p class="ks-empty">{h(labels["site.none"])}</p>'
    open_ = f'<ul class="ks-open">{lis}</ul>' if lis else none
    finished = "".join(
        f'<li><span class="ks-chip">✅ {h(fmt.date(d.day))}</span> {h(d.title)} · {h(account)}</li>'
        for account, d in done
    ) or f'<li class="ks-empty">{h(labels["site.none"])}</li>'
    return (
        front(name, searchable=False) + f"# {md(name)}\n\n"
        + raw(f'<div class="ks-person-page"><p>{link("calendar.ics", labels["site.calendar"])}</p></div>')
        + f"## {md(labels['people.open'])} {{#open}}\n\n"
        + raw(f'<div class="ks-person-open">{_workload(items, view)}{open_}</div>')
        + f"## {md(labels('people.done', days=view.recent_days))} {{#done}}\n\n"
        + raw(f'<div class="ks-person-done"><ul>{finished}</ul></div>')
    )


def _workload(items: Sequence[Item], view: View) -> str:
    if not items:
        return ""
    labels = view.labels
    accounts = sorted({i.account for i in items})
    rows = [(a, sum(i.due < view.as_of for i in items if i.account == a),
             sum(i.due >= view.as_of for i in items if i.account == a)) for a in accounts]
    head = (h(labels["portfolio.account"]), h(labels["today.group.overdue"]), h(labels["people.open"]))
    data = details(labels, table(h(labels["people.workload"]), head,
                                 [(h(a), str(late), str(rest)) for a, late, rest in rows]))
    return charts.chart_html(charts.workload(rows, view.fmt, labels), labels["people.workload"], data)
