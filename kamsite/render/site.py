"""The whole generated site as {address: content}, independent of the site engine."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kamsite.core import agenda, changes, people, recent, review
from kamsite.core.audience import client_view, left_out, seen_pair
from kamsite.core.errors import PlanError, Problem
from kamsite.core.model import PlanFile, PlanHistory, Revision, Task
from kamsite.core.parse import parse_plan
from kamsite.core.portfolio import Portfolio, running, same_account
from kamsite.core.progress import AccountProgress, compute, compute_all
from kamsite.core.recent import Done
from kamsite.core.stakeholders import Relationship
from kamsite.render import calendars, export, schema
from kamsite.render.ics import Event, calendar
from kamsite.render.pages import changes_since as changes_pages
from kamsite.render.pages import dashboard, portfolio, today
from kamsite.render.pages import recent_report as recent_pages
from kamsite.render.pages import review as review_pages
from kamsite.render.pages import team as people_pages
from kamsite.render.pages.common import View, account_dir, person_dir

Audience = Callable[[PlanFile], PlanFile]  # the part of a plan its readers may see


@dataclass(frozen=True)
class AccountWork:
    """Everything one account's own pages are made from (with the View), and nothing else:
    the pages of two accounts can be made apart, in any order, in any process."""

    acc: AccountProgress
    events: tuple[Event, ...]  # its open dated work and milestones
    history: PlanHistory | None = None
    since_rev: str | None = None
    successor: str | None = None


# Makes the pages of each account, in the order given: {address: content}.
AccountMaker = Callable[[Sequence[AccountWork], View], Iterable[Mapping[str, str]]]


def _team(file: PlanFile) -> PlanFile:
    return file


@dataclass(frozen=True)
class Since:
    """The plans as they were at a revision, computed as of that day (or as_of, if earlier)."""

    rev: str
    revision: Revision
    as_of: date
    then: Mapping[str, AccountProgress]  # by account id


def load_since(rev: str, revision: Revision, texts: Mapping[str, str], view: View) -> Since:
    """Parse the plans of a revision (those that do not validate are left out) and compute them."""
    then_as_of = min(revision.day, view.as_of)
    then = {}
    for path, text in texts.items():
        try:
            file = parse_plan(text, f"{rev}:{path}")
        except PlanError:
            continue
        then[file.id] = compute(file, then_as_of, view.settings)
    return Since(rev, revision, then_as_of, then)


def warnings(plans: Portfolio, view: View) -> list[Problem]:
    """Everything a build warns about (a strict build fails): invalid plans, the plans'
    warnings, and names that differ between plans; not the attention items (`plans.attention`)."""
    found = plans.warnings(decimal_comma=view.fmt.decimal_mark == ",")
    return plans.problems + found + people.directory(plans.plans)[1]


def generate_client(
    file: PlanFile,
    view: View,
    history: PlanHistory | None = None,
    earlier: Sequence[PlanFile] = (),
    earlier_history: Mapping[str, PlanHistory] | None = None,
    changes: bool = False,
) -> dict[str, str]:
    """One client's site: its dashboard, recent report, quarterly review, calendar and export,
    and the pages of the account's `earlier` plans (those it follows, so "previous period"
    leads somewhere).

    Every file is made from the client's view of the plan (internal parts do not exist there),
    and people appear by their full names. With `changes` (the team shows clients the changes
    to their plan) the reviews list them, from `history` and, for the earlier plans,
    `earlier_history` by id.
    """
    client = client_view(file)
    chain = compute_all(
        _linked([client_view(f) for f in (*reversed(earlier), file)]), view.as_of, view.settings
    )
    acc = chain[-1]  # the client's contact cadence counts from the previous plan's last contact
    current = {a.plan.id for a in running(chain)}
    open_items = agenda.open_items(acc, client.tasks)
    events = calendars.item_events(open_items, client.plan.team) + calendars.milestone_events(acc)
    records = [(acc, client.tasks)]
    files: dict[str, str] = {}
    for before, after in zip(chain, chain[1:], strict=False):  # oldest first
        history_then = (earlier_history or {}).get(before.plan.id)
        files |= own_pages(before, view, history_then, client_view, changes, successor=after.plan.id)
    home = {"index.md": portfolio.client_home(file.id, file.plan.account, view)}
    return (
        files
        | home
        | own_pages(acc, view, history, client_view, changes, events=events)
        | {
            "calendar.ics": calendar(file.plan.account, events, view.as_of),
            "api/accounts.json": export.accounts_json(
                records, view.as_of, names=True, verdicts=view.verdicts, current=current
            ),
            "api/tasks.csv": export.tasks_csv(records, view.fmt, names=True),
            "api/actions.csv": export.actions_csv(records, view.fmt, names=True, verdicts=view.verdicts),
            "api/goals.csv": export.goals_csv(records, view.fmt),
            "api/accounts.schema.json": schema.to_json(schema.export_schema()),
        }
    )


def _linked(files: Sequence[PlanFile]) -> list[PlanFile]:
    """The plans of a client site, each keeping `follows` only when the plan it names is there
    too (a plan with problems is not), so "previous period" never leads nowhere."""
    ids = {f.id for f in files}
    return [
        f
        if f.plan.follows in ids or not f.plan.follows
        else replace(f, plan=f.plan.model_copy(update={"follows": None}))
        for f in files
    ]


def own_pages(
    acc: AccountProgress,
    view: View,
    history: PlanHistory | None,
    audience: Audience,
    changes: bool,
    *,
    since: str | None = None,
    successor: str | None = None,
    events: Sequence[Event] | None = None,
) -> dict[str, str]:
    """An account's own pages, on the team's site (`acc` the whole plan, `audience` the team)
    and on a client's (`acc` the client's view, for the account's plan or an earlier one): its
    dashboard, its recent report (always the client's version: on the team's site it says how
    many internal items it leaves out), its quarterly review and, given its `events`, its
    calendar."""
    base = account_dir(acc.plan.id)
    client = (
        acc
        if audience is client_view
        else compute(client_view(acc.file, prose=False), view.as_of, view.settings)
    )
    report = recent.recent(client, client.file.tasks, view.recent_days)
    left = None if audience is client_view else left_out(acc.file, client.file)
    pages = {
        base + "index.md": dashboard.dashboard(acc, view, history, since, successor),
        base + "recent/index.md": recent_pages.recent_page(
            acc.plan.account, report, acc.plan.team, view.client(), left
        ),
        base + "review/index.md": reviews(acc.file, view, history, audience, changes),
    }
    if events is not None:
        pages[base + "calendar.ics"] = calendar(acc.plan.account, events, view.as_of)
    return pages


def generate(
    plans: Portfolio,
    view: View,
    history: Mapping[str, PlanHistory] | None = None,
    since: Since | None = None,
    accounts: AccountMaker | None = None,
) -> dict[str, str]:
    """Markdown pages (keys ending in .md) and data files of the team site, by address.

    `history` (by account id) adds last updates and check-in dates; `since` adds the
    "what changed" pages. `accounts` makes each account's own pages (default: `account_pages`,
    one after the other); the pages that gather every account are always made here.
    """
    history = history or {}
    successors = {p.plan.follows: p.id for p in plans.plans if p.plan.follows}
    computed = compute_all(plans.plans, view.as_of, view.settings)
    names = people.directory(plans.plans)[0]
    records = [(acc, acc.file.tasks) for acc in computed]
    open_items = {acc.plan.id: agenda.open_items(acc, acc.file.tasks) for acc in computed}
    front = running(computed)  # the plan in front of each chain: Today and people pages show it
    items = [i for acc in front for i in open_items[acc.plan.id]]
    files: dict[str, str] = {
        "index.md": portfolio.portfolio(computed, plans.invalid, view, open_items),
        "today/index.md": today.today_page(items, names, view),
    }
    rev = since.rev if since else None
    works = [
        AccountWork(
            acc,
            tuple(_events(acc, open_items[acc.plan.id], names)),
            history.get(acc.plan.id),
            rev,
            successors.get(acc.plan.id),
        )
        for acc in computed
    ]
    made = accounts(works, view) if accounts else (account_pages(work, view) for work in works)
    # the pages gathering every account are made while the accounts' own pages are (elsewhere)
    gathered = _people(front, records, items, names, view, open_items)
    events = [event for work in works for event in work.events]
    gathered["calendar.ics"] = calendar(view.labels["site.title"], events, view.as_of)
    current = {acc.plan.id for acc in front}
    gathered["api/accounts.json"] = export.accounts_json(records, view.as_of, current=current)
    gathered["api/accounts.schema.json"] = schema.to_json(schema.export_schema())
    gathered["api/tasks.csv"] = export.tasks_csv(records, view.fmt)
    gathered["api/actions.csv"] = export.actions_csv(records, view.fmt)
    gathered["api/goals.csv"] = export.goals_csv(records, view.fmt)
    for pages in made:
        files.update(pages)
    if since:
        files.update(_changes(computed, since, view))
    for bad in plans.invalid:
        files[account_dir(bad.id) + "index.md"] = dashboard.invalid_page(
            bad.name, bad.path, bad.problems, view
        )
    files.update(gathered)  # in the order a site always had
    return files


def _events(acc: AccountProgress, items: Sequence[agenda.Item], names: Mapping[str, str]) -> list[Event]:
    """An account's calendar events: its open dated work and its milestones."""
    return calendars.item_events(items, names) + calendars.milestone_events(acc)


def reviews(
    file: PlanFile, view: View, history: PlanHistory | None, audience: Audience, changes: bool = True
) -> str:
    """The quarterly review page of a plan; the plan's past texts come from `history`; without
    `changes` the page lists no changes to the plan."""
    known = quarter_history(file, view.as_of, history, audience) if changes else None
    found = review.review(file, view.as_of, view.settings, known)
    return review_pages.review_page(file.plan.account, found, file.plan.team, view, changes)


def quarter_history(
    file: PlanFile,
    as_of: date,
    history: PlanHistory | None,
    audience: Audience,
) -> dict[str, tuple[PlanFile | None, PlanFile | None]] | None:
    """{quarter: the plan on its eve and on the day it is judged}, as `audience` may see it;
    None when the plan's history is not known. A snapshot is this plan's only when it has the
    plan's id and client (another plan once kept at the same path is not its past). A quarter
    with a snapshot git could not give (too large to be a plan) is left out: its changes are
    unknown."""
    if history is None or history.texts is None:
        return None
    texts = history.texts
    return {
        quarter: seen_pair(
            _parsed(texts[start - timedelta(days=1)], file),
            _parsed(texts[min(end, as_of)], file),
            audience,
        )
        for quarter, start, end in review.quarters_of(file, as_of)
        if start - timedelta(days=1) in texts and min(end, as_of) in texts
    }


def _parsed(text: str | None, now: PlanFile) -> PlanFile | None:
    """The plan `now` as it was written in `text`, if `text` is that plan: the same id, for the
    same client (another client's plan once kept at the same path is not its past)."""
    if text is None:
        return None
    try:
        file = parse_plan(text, now.path)
    except PlanError:
        return None
    return file if file.id == now.id and same_account(now, file) else None


def _changes(computed: Sequence[AccountProgress], since: Since, view: View) -> dict[str, str]:
    diffs = [changes.compare(since.then.get(a.plan.id), a, since.as_of) for a in computed]
    files = {"changes/index.md": changes_pages.portfolio_changes(diffs, since.rev, since.revision.day, view)}
    for diff in diffs:
        uri = account_dir(diff.now.plan.id) + "changes/index.md"
        files[uri] = changes_pages.account_changes(diff, since.rev, since.revision.day, view)
    return files


def account_pages(work: AccountWork, view: View) -> dict[str, str]:
    """The account's own pages and calendar on the team's site."""
    acc = work.acc
    return own_pages(
        acc,
        view,
        work.history,
        _team,
        True,
        since=work.since_rev,
        successor=work.successor,
        events=work.events,
    )


def _people(
    front: Sequence[AccountProgress],
    records: Sequence[tuple[AccountProgress, tuple[Task, ...]]],
    items: Sequence[agenda.Item],
    names: dict[str, str],
    view: View,
    every_item: Mapping[str, Sequence[agenda.Item]],
) -> dict[str, str]:
    """The people pages, from the plan in front of each chain (`front`, with its open `items`);
    what they finished and the contacts they made come from every plan (`records`), and each
    person's calendar holds their dated work in every plan (`every_item`, by account id)."""
    done = [
        (acc.plan.account, d)
        for acc, tasks in records
        for d in recent.completions(acc, tasks)
        if recent.in_window(d.day, view.as_of, view.recent_days)
    ]
    # the accounts a person works on now: closed plans are done, and one account is named once
    working: dict[str, dict[str, None]] = {h: {} for h in names}  # in one pass over the accounts
    for a in front:
        for h in a.plan.team:
            if h in working:
                working[h][a.plan.account] = None
    accounts = {h: list(found) for h, found in working.items()}
    contacts = people.contacts(((a.plan.account, t) for a, t in records), view.as_of, view.recent_days)
    files = {"people/index.md": people_pages.people_index(names, items, accounts, view, contacts)}
    owned: dict[str, list[agenda.Item]] = {}  # by owner, in one pass (a company has many people)
    for item in items:
        owned.setdefault(item.owner, []).append(item)
    dated: dict[str, list[agenda.Item]] = {}
    for item in (i for own in every_item.values() for i in own):
        dated.setdefault(item.owner, []).append(item)
    kept: dict[str, list[tuple[AccountProgress, Relationship]]] = {}
    for a in front:
        for r in a.stakeholders:
            kept.setdefault(r.owner, []).append((a, r))
    finishers: dict[str, list[tuple[str, Done]]] = {}
    for account, d in done:
        if d.owner is not None:
            finishers.setdefault(d.owner, []).append((account, d))
    for handle, name in names.items():
        mine = owned.get(handle, [])
        finished = sorted(finishers.get(handle, []), key=lambda p: p[1].day, reverse=True)
        files[person_dir(handle) + "index.md"] = people_pages.person_page(
            handle, name, mine, finished, view, contacts.get(handle, {}), kept.get(handle, [])
        )
        files[person_dir(handle) + "calendar.ics"] = calendar(
            name, calendars.item_events(dated.get(handle, []), names), view.as_of
        )
    return files
