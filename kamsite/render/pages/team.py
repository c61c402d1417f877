"""People: each person's open work across accounts, overdue first, and what they finished."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kamsite.core.agenda import Item
from kamsite.core.recent import Done
from kamsite.render import charts
from kamsite.render.escape import EMPTY, Html, md
from kamsite.render.icons import icon
from kamsite.render.pages.common import View, counted, details, front, link, person_dir, raw, table
from kamsite.render.pages.today import item_html

INDEX = "people/"


def people_index(
    names: Mapping[str, str], items: Sequence[Item], accounts: Mapping[str, list[str]], view: View
) -> str:
    """Everyone in any plan's team, with their open and overdue counts."""
    labels = view.labels
    rows = []
    for handle, name in sorted(names.items(), key=lambda kv: (kv[1].lower(), kv[0])):
        mine = [i for i in items if i.owner == handle]
        late = sum(i.due < view.as_of for i in mine)
        rows.append(
            (
                link(view.href(INDEX, person_dir(handle)), name),
                ", ".join(accounts.get(handle, [])),
                str(len(mine)),
                str(late),
            )
        )
    head = [labels[k] for k in ("people.name", "people.accounts", "people.open", "today.group.overdue")]
    title = labels["people.title"]
    listing = table("", head, rows)
    return front(title) + f"# {md(title)}\n\n" + raw(Html('<div class="ks-scroll">{}</div>').format(listing))


def person_page(
    handle: str, name: str, items: Sequence[Item], done: Sequence[tuple[str, Done]], view: View
) -> str:
    """One person's page. `done` pairs each recent completion with its account name."""
    labels, fmt = view.labels, view.fmt
    here = person_dir(handle)
    ordered = sorted(items, key=lambda i: (i.due >= view.as_of, i.key))
    lis = Html("").join(item_html(i, view, here) for i in ordered)
    none = Html('<p class="ks-empty">{}</p>').format(labels["site.none"])
    open_ = Html('<ul class="ks-open">{}</ul>').format(lis) if lis else none
    finished = Html("").join(
        Html('<li><span class="ks-chip ks-chip-done">{}{}</span> {} · {}</li>').format(
            icon("done", labels["task.done"]), fmt.date(d.day), d.title, account
        )
        for account, d in done
    ) or Html('<li class="ks-empty">{}</li>').format(labels["site.none"])
    late = sum(i.due < view.as_of for i in items)
    alert = (
        Html('<p class="ks-person-alert" role="status">{}{} · {}</p>').format(
            icon("alert"), counted(view, "people.overdue", late), link("#open", labels["people.see_open"])
        )
        if late
        else EMPTY
    )
    return (
        front(name, searchable=False)
        + f"# {md(name)}\n\n"
        + raw(
            Html('<div class="ks-person-page">{}<p>{}</p></div>').format(
                alert, link("calendar.ics", labels["site.calendar"])
            )
        )
        + f"## {md(labels['people.open'])} {{#open}}\n\n"
        + raw(Html('<div class="ks-person-open">{}{}</div>').format(_workload(items, view), open_))
        + f"## {md(labels('people.done', days=view.recent_days))} {{#done}}\n\n"
        + raw(Html('<div class="ks-person-done"><ul>{}</ul></div>').format(finished))
    )


def _workload(items: Sequence[Item], view: View) -> Html:
    if not items:
        return EMPTY
    labels = view.labels
    accounts = sorted({i.account for i in items})
    rows = [
        (
            a,
            sum(i.due < view.as_of for i in items if i.account == a),
            sum(i.due >= view.as_of for i in items if i.account == a),
        )
        for a in accounts
    ]
    head = (labels["portfolio.account"], labels["today.group.overdue"], labels["people.open"])
    data = details(
        labels, table(labels["people.workload"], head, [(a, str(late), str(rest)) for a, late, rest in rows])
    )
    return charts.chart_html(charts.workload(rows, view.fmt, labels), labels["people.workload"], data)
