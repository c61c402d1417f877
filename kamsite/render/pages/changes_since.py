"""What changed since a review (a tag, a date or a commit): per account and for the portfolio."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial

from kamsite.core.changes import AccountChanges, Change
from kamsite.core.model import Hold
from kamsite.render import explain
from kamsite.render.escape import Html, md
from kamsite.render.pages.common import View, account_dir, badge, front, goal_badge, link, raw, table

STATUS_KINDS = {
    "milestone_reached": "milestone",
    "milestone_slipped": "milestone",
    "action_finished": "action",
    "action_dropped": "action",
}


def change_value(change: Change, value: object, view: View) -> str:
    if value is None:
        return "—"
    if isinstance(value, date):
        return view.fmt.date(value)
    if isinstance(value, float):
        return view.fmt.number(value, change.unit)
    if isinstance(value, Hold):  # the band of a goal to hold
        return explain.band(value, view.labels, partial(view.fmt.number, unit=change.unit))
    kind = STATUS_KINDS.get(change.kind)
    key = f"{kind}.status.{value}"
    return view.labels[key] if kind and key in view.labels else str(value)


def changes_table(changes: Sequence[Change], view: View) -> Html:
    """One row per change: what happened, to which item, its value then and now."""
    labels = view.labels
    rows = [
        (
            labels["changes.kind." + c.kind],
            c.title,
            change_value(c, c.then, view),
            change_value(c, c.now, view),
        )
        for c in changes
    ]
    head = [labels[k] for k in ("changes.what", "changes.item", "changes.then", "changes.now")]
    return table("", head, rows)


def account_changes(diff: AccountChanges, rev: str, rev_day: date, view: View) -> str:
    labels, fmt, plan = view.labels, view.fmt, diff.now.plan
    title = labels("changes.account_title", account=plan.account, rev=rev)
    intro = labels(
        "changes.intro",
        rev=rev,
        date=fmt.date(rev_day),
        then=fmt.date(diff.then_as_of),
        now=fmt.date(view.as_of),
    )
    parts = [front(title, searchable=False), f"# {md(title)}\n\n"]
    if diff.is_new:
        new = labels("changes.new", rev=rev)
        parts.append(raw(Html('<div class="ks-changes"><p>{}</p><p>{}</p></div>').format(intro, new)))
        return "".join(parts)
    parts.append(raw(Html('<div class="ks-changes"><p>{}</p></div>').format(intro)))
    parts.append(f"## {md(labels['changes.goals'])} {{#goals}}\n\n")
    rows = [
        (
            d.now.goal.title,
            explain.judgement(d.then, diff.then_as_of, fmt, labels),
            goal_badge(d.then.goal, d.then.status, labels),
            explain.judgement(d.now, diff.now.as_of, fmt, labels),
            goal_badge(d.now.goal, d.now.status, labels),
        )
        for d in diff.goals
    ]
    head = [
        labels[k]
        for k in (
            "recent.goal",
            "changes.progress_then",
            "changes.status_then",
            "changes.progress_now",
            "changes.status_now",
        )
    ]
    parts.append(raw(Html('<div class="ks-scroll">{}</div>').format(table("", head, rows))) if rows else "")
    parts.append(f"## {md(labels['changes.list'])} {{#changes}}\n\n")
    none = Html('<p class="ks-empty">{}</p>').format(labels["changes.none"])
    shown = changes_table(diff.changes, view) if diff.changes else none
    parts.append(raw(Html('<div class="ks-scroll">{}</div>').format(shown)))
    return "".join(parts)


def portfolio_changes(diffs: Sequence[AccountChanges], rev: str, rev_day: date, view: View) -> str:
    labels, fmt = view.labels, view.fmt
    title = labels("changes.title", rev=rev)
    rows = []
    for d in diffs:
        plan = d.now.plan
        here = view.href("changes/", account_dir(plan.id) + "changes/")
        count = labels("changes.new", rev=rev) if d.is_new else str(len(d.changes))
        goals = (
            Html("<br> ").join(
                f"{g.now.goal.title}: {fmt.percent(g.then.progress)} → {fmt.percent(g.now.progress)}"
                for g in d.goals
            )
            or "—"
        )
        rows.append((link(here, plan.account), badge("health", d.now.health, labels), goals, count))
    head = [labels[k] for k in ("portfolio.account", "portfolio.health", "changes.goals", "changes.count")]
    intro = labels("changes.portfolio_intro", rev=rev, date=fmt.date(rev_day), now=fmt.date(view.as_of))
    listing = table("", head, rows)
    return (
        front(title, searchable=False)
        + f"# {md(title)}\n\n"
        + raw(
            Html('<div class="ks-changes"><p>{}</p><div class="ks-scroll">{}</div></div>').format(
                intro, listing
            )
        )
    )
