"""The home page as triage: counts that say where to look, accounts worst first with the
reason for their health and their overdue items, filters, and the plans that need fixing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kamsite.core.agenda import Item
from kamsite.core.portfolio import Invalid, active_and_closed, next_periods
from kamsite.core.progress import AccountProgress, cause_counts
from kamsite.render import bars, explain
from kamsite.render.escape import EMPTY, Html, md
from kamsite.render.formats import Formats
from kamsite.render.icons import icon
from kamsite.render.labels import Labels
from kamsite.render.pages.common import (
    View,
    account_dir,
    badge,
    details,
    explained,
    front,
    goal_badge,
    link,
    raw,
    table,
    weighted_mark,
)

# worst first; a health without a rank (a new one) sorts between at risk and on track
HEALTH_RANK = {"off_track": 0, "at_risk": 1, "unmeasured": 2, "on_track": 3, "closed": 4}
UNRANKED = 2.5
SHOWN_OVERDUE = 3  # overdue items linked by name in an account's row; the rest are counted


def triage_order(accounts: Sequence[AccountProgress]) -> list[AccountProgress]:
    """Accounts worst health first; within a health, the roll-up furthest behind its expected
    progress first (accounts without goals last); then by name."""
    return sorted(
        accounts,
        key=lambda a: (
            HEALTH_RANK.get(a.health, UNRANKED),
            _behind(a),
            a.plan.account.casefold(),
            a.plan.id,
        ),
    )


def _behind(acc: AccountProgress) -> float:
    """The roll-up's progress less its expected progress (no goals: nothing to be behind on)."""
    if acc.progress is None or acc.expected is None:
        return float("inf")
    return acc.progress - acc.expected


def portfolio(
    accounts: Sequence[AccountProgress],
    invalid: Sequence[Invalid],
    view: View,
    open_items: Mapping[str, Sequence[Item]] | None = None,
) -> str:
    """The home page. `open_items` (by account id) are the open dated tasks and actions.
    Closed plans, and earlier plans of a chain, leave the active list; closed ones are listed
    apart with their final results."""
    labels, fmt = view.labels, view.fmt
    active, closed = active_and_closed(accounts)
    ordered = triage_order(active)
    waiting = next_periods(accounts)
    overdue = {
        a.plan.id: [i for i in (open_items or {}).get(a.plan.id, ()) if i.due < view.as_of] for a in ordered
    }
    intro = labels("portfolio.intro", count=len(active), date=fmt.date(view.as_of))
    chart = EMPTY
    if any(a.goals for a in ordered):
        rows = [
            (
                Html("{}{}").format(a.plan.account, weighted_mark(a, labels)),
                _percent(a.progress, fmt),
                _percent(a.expected, fmt),
                badge("health", a.health, labels),
            )
            for a in ordered
        ]
        head = (
            labels["portfolio.account"],
            labels["goal.progress"],
            labels["goal.expected"],
            labels["portfolio.health"],
        )
        data = details(labels, table(labels["portfolio.chart"], head, rows))
        legend = bars.legend(bars.portfolio_legend(list(dict.fromkeys(a.health for a in ordered)), labels))
        bar_rows, scale = bars.portfolio(ordered, fmt, labels)
        chart = bars.chart(labels["portfolio.chart"], bar_rows, scale, legend + data, target=100) + Html("\n")
    return "".join(
        [
            front(labels["portfolio.title"], toc=False),
            f"# {md(labels['portfolio.title'])}\n\n",
            raw(
                Html('<div class="ks-portfolio">\n<p>{}</p>\n{}{}{}{}\n</div>').format(
                    intro,
                    _tiles(ordered, overdue, invalid, labels),
                    _filters(ordered, labels),
                    chart,
                    _portfolio_table(ordered, overdue, invalid, view, waiting),
                )
            ),
            _closed_section(closed, accounts, view),
        ]
    )


def _tiles(
    accounts: Sequence[AccountProgress],
    overdue: Mapping[str, Sequence[Item]],
    invalid: Sequence[Invalid],
    labels: Labels,
) -> Html:
    """Counts a manager reads first: accounts by health, overdue items, then the goals and
    contacts the accounts' health counts (each goal once, under its worst cause, as in the rows)."""
    healths = sorted({a.health for a in accounts}, key=lambda h: HEALTH_RANK.get(h, UNRANKED))
    tiles = [
        _tile(f"ks-status-{h}", str(sum(a.health == h for a in accounts)), labels.get(f"health.{h}", h))
        for h in healths
    ]
    counts = [cause_counts(a) for a in accounts]
    late = sum(len(v) for v in overdue.values())
    tiles.append(_tile(_alarm(late), str(late), labels["portfolio.tile.overdue"]))
    for part in ("goals_off_track", "goals_at_risk", "goals_stale"):
        goals = sum(getattr(c, part) for c in counts)
        tiles.append(_tile(_alarm(goals), str(goals), labels[f"portfolio.tile.{part}"]))
    if any(a.contact_every for a in accounts):  # only where a cadence is tracked
        calls = sum(c.contacts_overdue for c in counts)
        tiles.append(
            _tile(_alarm(calls), str(calls), labels["portfolio.tile.contacts_overdue"], CONTACT_FILTER)
        )
    if invalid:
        tiles.append(_tile("ks-status-off_track", str(len(invalid)), labels["portfolio.invalid"]))
    return Html('<ul class="ks-tiles">{}</ul>\n').format(Html("").join(tiles))


CONTACT_FILTER = ("contact", "overdue")  # the filter a tile's link sets: (select, value)


def _tile(cls: str, count: str, text: str, sets: tuple[str, str] | None = None) -> Html:
    """A count and what it counts; with `sets` and a count, a link that filters the accounts
    to those it counts (kamsite.js; the address keeps the filter, so it can be shared)."""
    inner = Html('<span class="ks-tile-count">{}</span> <span>{}</span>').format(count, text)
    if sets and count != "0":
        key, value = sets
        inner = Html(
            '<a class="ks-tile-link" href="?{0}={1}#accounts" data-filter-key="{0}" data-filter-value="{1}">'
            "{2}</a>"
        ).format(key, value, inner)
    return Html('<li class="ks-tile {}">{}</li>').format(Html(cls), inner)


def _alarm(count: int) -> str:
    return "ks-tile-alarm" if count else "ks-tile-calm"


def _filters(accounts: Sequence[AccountProgress], labels: Labels) -> Html:
    """Owner, tag and health selects; kamsite.js hides the rows (and chart rows) they exclude."""
    owners = sorted({(a.plan.team.get(a.plan.owner, a.plan.owner), a.plan.owner) for a in accounts})
    tags = sorted({t for a in accounts for t in a.plan.tags}, key=str.casefold)
    healths = sorted({a.health for a in accounts}, key=lambda h: HEALTH_RANK.get(h, UNRANKED))
    contact = (
        [("overdue", labels["portfolio.filter.contact_overdue"])]
        if any(a.contact_every for a in accounts)
        else []
    )
    choices: list[tuple[str, str, list[tuple[str, str]]]] = [
        ("owner", labels["portfolio.owner"], [(handle, name) for name, handle in owners]),
        ("tag", labels["portfolio.filter.tag"], [(t, t) for t in tags]),
        ("health", labels["portfolio.health"], [(h, labels.get(f"health.{h}", h)) for h in healths]),
        ("contact", labels["portfolio.filter.contact"], contact),
    ]
    selects = Html("").join(
        Html(
            '<label>{} <select class="ks-filter" data-filter="{}"><option value="">{}</option>{}</select>'
            "</label>"
        ).format(
            text,
            key,
            labels["portfolio.filter.all"],
            Html("").join(Html('<option value="{}">{}</option>').format(v, shown) for v, shown in options),
        )
        for key, text, options in choices
        if options
    )
    return Html(
        '<form class="ks-filters" role="search" aria-label="{}" data-search-exclude>{}'
        '<p class="ks-filter-none" hidden>{}</p></form>\n'
    ).format(labels["portfolio.filter.title"], selects, labels["portfolio.filter.none"])


def _percent(value: float | None, fmt: Formats) -> str:
    return "—" if value is None else fmt.percent(value)


def _overdue_cell(items: Sequence[Item], view: View) -> Html:
    """The overdue items of an account, each linked to its place on the account page."""
    if not items:
        return Html("0")
    links = Html(", ").join(link(_item_href(i, view), i.text) for i in items[:SHOWN_OVERDUE])
    more = (
        Html(" {}").format(view.labels("portfolio.more", count=len(items) - SHOWN_OVERDUE))
        if len(items) > SHOWN_OVERDUE
        else EMPTY
    )
    return Html('<strong class="ks-overdue-count">{}{}</strong> <span class="ks-why">{}{}</span>').format(
        icon("alert"), len(items), links, more
    )


def _portfolio_table(
    accounts: Sequence[AccountProgress],
    overdue: Mapping[str, Sequence[Item]],
    invalid: Sequence[Invalid],
    view: View,
    waiting: Mapping[str, AccountProgress],
) -> Html:
    labels = view.labels
    rows: list[tuple[str | Html, ...]] = []
    attrs: list[dict[str, str]] = []
    for bad in invalid:  # in place, first: nothing about these accounts can be computed
        problem = explained(view.labels.problem(bad.problems[0]) if bad.problems else bad.path)
        rows.append(
            (
                link(view.href("", account_dir(bad.id)), bad.name),
                "—",
                Html('<span class="ks-badge ks-status-off_track">{}{}</span> {}').format(
                    icon("alert"), labels["portfolio.invalid_plan"], problem
                ),
                "—",
                "—",
                "—",
                "—",
            )
        )
        attrs.append(
            {
                "data-owner": "",
                "data-tags": "",
                "data-health": "invalid",
                "data-contact": "",
                "class": "ks-invalid-row",
            }
        )
    for acc in accounts:
        row, attr = _account_row(acc, overdue[acc.plan.id], view, waiting.get(acc.plan.id))
        rows.append(row)
        attrs.append(attr)
    head = [
        labels[k]
        for k in (
            "portfolio.account",
            "portfolio.owner",
            "portfolio.health",
            "portfolio.rollup",
            "portfolio.goals",
            "portfolio.next_milestone",
            "portfolio.overdue_items",
        )
    ]
    return Html('<div class="ks-scroll" id="accounts">{}</div>').format(
        table("", head, rows, "ks-accounts", attrs)
    )


def _account_row(
    acc: AccountProgress, overdue: Sequence[Item], view: View, waiting: AccountProgress | None = None
) -> tuple[tuple[str | Html, ...], dict[str, str]]:
    """An account's row of the table and its attributes (what the filters read); `waiting` is the
    plan for its next period, shown on the row until its turn comes."""
    labels, fmt = view.labels, view.fmt
    plan = acc.plan
    goals = (
        Html("<br> ").join(
            Html("{}: {} {}").format(
                g.goal.title,
                goal_badge(g.goal, g.status, labels),
                explain.judgement(g, acc.as_of, fmt, labels),
            )
            for g in acc.goals
        )
        or "—"
    )
    nxt = acc.next_milestone
    next_text = f"{nxt.milestone.title} ({fmt.date(nxt.due)})" if nxt else "—"
    counts = cause_counts(acc)
    why = explained(explain.summary(counts, labels) if counts else explain.health(acc, labels))
    health = Html("{} {} {}").format(badge("health", acc.health, labels), why, _next_step(acc, overdue, view))
    row = (
        Html("{}{}{}").format(
            link(view.href("", account_dir(plan.id)), plan.account),
            _contact_marker(acc, view),
            _next_period(waiting, view),
        ),
        plan.team.get(plan.owner, plan.owner),
        health,
        _roll_up(acc, view),
        goals,
        next_text,
        _overdue_cell(overdue, view),
    )
    attrs = {
        "data-id": plan.id,
        "data-owner": plan.owner,
        "data-tags": "\n".join(plan.tags),
        "data-health": acc.health,
        "data-contact": "overdue" if counts.contacts_overdue else "",
    }
    return row, attrs


def _next_step(acc: AccountProgress, overdue: Sequence[Item], view: View) -> Html:
    """The oldest overdue item (its text linked to its place on the account page, its owner,
    its date): where to start on an account whose health has causes."""
    if not overdue:
        return EMPTY
    first = min(overdue, key=lambda i: i.key)
    labels = view.labels
    text = labels(
        "portfolio.next_step",
        item="\x00",
        owner=acc.plan.team.get(first.owner, first.owner),
        date=view.fmt.date(first.due),
    )
    before, after = text.split("\x00")  # the link goes wherever the translated sentence puts it
    return Html('<span class="ks-why ks-next-step">{}{}{}</span>').format(
        before, link(_item_href(first, view), explain.item(first, view.as_of, labels)), after
    )


def _item_href(item: Item, view: View) -> str:
    """The address of an item's place on its account's page."""
    return f"{view.href('', account_dir(item.account_id))}#{item.anchor}"


def _next_period(waiting: AccountProgress | None, view: View) -> Html:
    """The plan that follows the running one, below the account's name: it takes the row once
    the running plan's period is over."""
    if waiting is None:
        return EMPTY
    plan = waiting.plan
    text = view.labels("portfolio.next_period", link="\x00", date=view.fmt.date(plan.period.start))
    before, after = text.split("\x00")  # the link goes wherever the translated sentence puts it
    return Html('<br> <span class="ks-next-period ks-small">{}{}{}</span>').format(
        before, link(view.href("", account_dir(plan.id)), plan.id), after
    )


def _roll_up(acc: AccountProgress, view: View) -> Html | str:
    """The account's roll-up against its expected progress; says when weights shape it."""
    if acc.progress is None:
        return "—"
    return Html("{} / {}{}").format(
        view.fmt.percent(acc.progress), _percent(acc.expected, view.fmt), weighted_mark(acc, view.labels)
    )


def _contact_marker(acc: AccountProgress, view: View) -> Html:
    """Beside the account's name when nobody has contacted the client for longer than its
    cadence: an icon with its text alternative, and how long it has been."""
    if not acc.contact_overdue:
        return EMPTY
    labels = view.labels
    since = (
        labels("portfolio.contact_days", count=(view.as_of - acc.last_contact).days)
        if acc.last_contact
        else labels["portfolio.contact_none"]
    )
    return Html('<br> <span class="ks-contact-late">{} {}</span>').format(
        icon("contact", labels["portfolio.contact_overdue"]), since
    )


def _closed_section(
    closed: Sequence[AccountProgress], everyone: Sequence[AccountProgress], view: View
) -> str:
    """The plans whose period has ended, latest first, with their final results and the plan
    that follows each one."""
    if not closed:
        return ""
    labels, fmt = view.labels, view.fmt
    successors = {a.plan.follows: a for a in everyone if a.plan.follows}
    ordered = sorted(
        closed, key=lambda a: (-a.plan.period.end.toordinal(), a.plan.account.casefold(), a.plan.id)
    )
    rows = []
    for acc in ordered:
        plan, nxt = acc.plan, successors.get(acc.plan.id)
        rows.append(
            (
                link(view.href("", account_dir(plan.id)), plan.account),
                plan.team.get(plan.owner, plan.owner),
                f"{fmt.date(plan.period.start)} – {fmt.date(plan.period.end)}",
                _final_goals(acc, view),
                _final_milestones(acc, view),
                link(view.href("", account_dir(nxt.plan.id)), nxt.plan.id) if nxt else "—",
            )
        )
    head = [
        labels["portfolio.account"],
        labels["portfolio.owner"],
        labels["account.period"],
        labels["portfolio.closed.goals"],
        labels["account.milestones"],
        labels["portfolio.closed.next"],
    ]
    return f"\n## {md(labels['portfolio.closed'])} {{#closed}}\n\n" + raw(
        Html('<div class="ks-portfolio-closed"><p>{}</p><div class="ks-scroll">{}</div></div>').format(
            labels["portfolio.closed_intro"], table("", head, rows, "ks-closed")
        )
    )


def _final_goals(acc: AccountProgress, view: View) -> Html | str:
    """How many goals were achieved, then each goal's final progress and result."""
    if not acc.goals:
        return "—"
    labels, fmt = view.labels, view.fmt
    achieved = sum(g.status == "achieved" for g in acc.goals)
    each = Html("<br> ").join(
        Html("{}: {} {}").format(
            g.goal.title, fmt.percent(g.progress, target=1), goal_badge(g.goal, g.status, labels)
        )
        for g in acc.goals
    )
    summary = labels("portfolio.closed.achieved", achieved=achieved, total=len(acc.goals))
    return Html("<strong>{}</strong><br> {}").format(summary, each)


def _final_milestones(acc: AccountProgress, view: View) -> str:
    """Milestones done and missed (dropped ones count nowhere)."""
    counted = [m for m in acc.milestones if m.status != "dropped"]
    if not counted:
        return "—"
    done = sum(m.status == "done" for m in counted)
    return view.labels("portfolio.closed.milestones", done=done, missed=len(counted) - done)


def client_home(account_id: str, name: str, view: View) -> str:
    """The home page of a client site: straight on to the account's dashboard."""
    target = view.href("", account_dir(account_id))
    return (
        front(name)
        + f"# {md(name)}\n\n"
        + raw(
            Html(
                '<div class="ks-client-home"><meta http-equiv="refresh" content="0; url={}"><p>{}</p></div>'
            ).format(target, link(target, view.labels["client.open"]))
        )
    )
