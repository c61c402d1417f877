"""People: each person's open work across accounts, overdue first, and what they finished."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from kamsite.core.agenda import Item
from kamsite.core.progress import AccountProgress
from kamsite.core.recent import Done
from kamsite.core.stakeholders import Relationship
from kamsite.render import bars
from kamsite.render.escape import EMPTY, Html, md
from kamsite.render.icons import icon
from kamsite.render.pages.common import View, details, front, link, person_dir, raw, table
from kamsite.render.pages.relationships import person_section
from kamsite.render.pages.today import item_html

INDEX = "people/"


def people_index(
    names: Mapping[str, str],
    items: Sequence[Item],
    accounts: Mapping[str, list[str]],
    view: View,
    contacts: Mapping[str, Mapping[str, int]] | None = None,
) -> str:
    """Everyone in any plan's team, with their open and overdue counts and the client contacts
    they made in the recent window (`contacts`: {handle: {account: count}})."""
    labels = view.labels
    contacts = contacts or {}
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
                str(sum(contacts.get(handle, {}).values())),
            )
        )
    head = [labels[k] for k in ("people.name", "people.accounts", "people.open", "today.group.overdue")]
    head.append(labels("people.contacts_column", days=view.recent_days))
    title = labels["people.title"]
    listing = table("", head, rows)
    return front(title) + f"# {md(title)}\n\n" + raw(Html('<div class="ks-scroll">{}</div>').format(listing))


def person_page(
    handle: str,
    name: str,
    items: Sequence[Item],
    done: Sequence[tuple[str, Done]],
    view: View,
    contacts: Mapping[str, int] | None = None,
    relations: Sequence[tuple[AccountProgress, Relationship]] = (),
) -> str:
    """One person's page. `done` pairs each recent completion with its account name;
    `contacts` counts the client contacts they made in the recent window, by account;
    `relations` are the client's people they keep, in the running plans."""
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
            icon("alert"), view.labels("people.overdue", count=late), link("#open", labels["people.see_open"])
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
        + _contacts(contacts or {}, view)
        + person_section(relations, view, here)
        + f"## {md(labels('people.done', days=view.recent_days))} {{#done}}\n\n"
        + raw(Html('<div class="ks-person-done"><ul>{}</ul></div>').format(finished))
    )


def _workload(items: Sequence[Item], view: View) -> Html:
    if not items:
        return EMPTY
    labels = view.labels
    late: Counter[str] = Counter(i.account for i in items if i.due < view.as_of)
    rest: Counter[str] = Counter(i.account for i in items if i.due >= view.as_of)
    rows = [
        (a, late[a], rest[a]) for a in sorted({i.account for i in items})
    ]  # one pass, not one per account
    head = (labels["portfolio.account"], labels["today.group.overdue"], labels["people.open"])
    data = details(
        labels, table(labels["people.workload"], head, [(a, str(late), str(rest)) for a, late, rest in rows])
    )
    bar_rows, scale = bars.workload(rows, view.fmt, labels)
    legend = bars.legend(bars.workload_legend(labels))
    return bars.chart(labels["people.workload"], bar_rows, scale, legend + data)


def _contacts(counts: Mapping[str, int], view: View) -> str:
    """How many client contacts the person made in the recent window: the total, then per
    account (a KAM manager sees who keeps the clients warm)."""
    labels, days = view.labels, view.recent_days
    total = sum(counts.values())
    summary = Html("<p>{}{}</p>").format(
        icon("contact"),
        (
            labels("people.contacts_total", count=total, days=days)
            if total
            else labels("people.contacts_none", days=days)
        ),
    )
    listing = EMPTY
    if counts:
        rows = [(a, str(n)) for a, n in sorted(counts.items(), key=lambda kv: kv[0].casefold())]
        rows.append(
            (
                Html("<strong>{}</strong>").format(labels["people.total"]),
                Html("<strong>{}</strong>").format(total),
            )
        )
        head = (labels["portfolio.account"], labels["people.contacts_count"])
        listing = Html('<div class="ks-scroll">{}</div>').format(table("", head, rows, "ks-contacts"))
    return f"## {md(labels('people.contacts', days=days))} {{#contacts}}\n\n" + raw(
        Html('<div class="ks-person-contacts">{}{}</div>').format(summary, listing)
    )
