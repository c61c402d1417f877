"""The quarterly review page: one section per started quarter, latest first, each printable alone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

from kamsite.core.recent import KINDS
from kamsite.core.review import GoalThen, QuarterReview
from kamsite.render import explain
from kamsite.render.escape import EMPTY, Html, md
from kamsite.render.pages.changes_since import changes_table
from kamsite.render.pages.common import View, badge, front, goal_badge, raw, table
from kamsite.render.pages.recent_report import done_title


def review_page(
    account: str,
    reviews: Sequence[QuarterReview],
    names: Mapping[str, str],
    view: View,
    changes: bool = True,
) -> str:
    """The review page; without `changes` (a client's, unless the team shows them) no quarter
    has a section on the changes made to the plan."""
    labels, fmt = view.labels, view.fmt
    title = labels("review.title", account=account)
    intro = labels("review.intro", as_of=fmt.date(view.as_of))
    parts = [
        front(title, searchable=False),
        f"# {md(title)}\n\n",
        raw(Html('<div class="ks-review-intro"><p class="ks-asof">{}</p></div>').format(intro)),
    ]
    if not reviews:
        parts.append(raw(Html('<p class="ks-empty">{}</p>').format(labels["review.none"])))
    for review in reviews:
        parts.append(_quarter(review, account, names, view, changes))
    return "".join(parts)


def _quarter(review: QuarterReview, account: str, names: Mapping[str, str], view: View, changes: bool) -> str:
    labels, fmt = view.labels, view.fmt
    anchor = review.quarter.lower()
    heading = labels(
        "review.quarter", quarter=review.quarter, start=fmt.date(review.start), end=fmt.date(review.end)
    )
    rhythm = labels[f"review.rhythm.{(int(review.quarter[1:]) - 1) % 4 + 1}"]
    body = Html(
        '<section class="ks-quarter-review" data-quarter="{q}"><p class="ks-rhythm">{rhythm} '
        '<button type="button" class="md-button ks-print-quarter" data-quarter="{q}">{print}</button></p>'
        "<h3>{goals}</h3>{goal_table}<h3>{milestones}</h3>{milestone_list}<h3>{done}</h3>{done_list}"
        "<p>{contacts}</p>{changes}</section>"
    ).format(
        q=anchor,
        rhythm=rhythm,
        print=labels["review.print"],
        goals=labels["review.goals"],
        goal_table=_goals(review, view),
        milestones=labels["review.milestones"],
        milestone_list=_milestones(review, view),
        done=labels["review.done"],
        done_list=_done(review, account, names, view),
        contacts=labels("review.contacts", contacts=review.contacts, reports=review.reports),
        changes=Html("<h3>{}</h3>{}").format(labels["review.changes"], _changes(review, view))
        if changes
        else EMPTY,
    )
    return f'## {md(heading)} {{#{anchor} data-quarter="{anchor}"}}\n\n' + raw(body)


def _goals(review: QuarterReview, view: View) -> Html:
    """Each goal on the quarter's judging day: its value, the quarter's checkpoint, its status
    and, beside it, what the status was judged against."""
    labels, fmt = view.labels, view.fmt
    if not review.goals:
        return Html('<p class="ks-empty">{}</p>').format(labels["site.none"])
    rows = [
        (
            g.goal.title,
            fmt.number(g.value, g.goal.unit, g.goal.marks),
            _checkpoint(g, view),
            explain.judgement(g.state, review.until, fmt, labels),
            goal_badge(g.goal, g.status, labels),
        )
        for g in review.goals
    ]
    head = (
        labels["recent.goal"],
        labels("review.value", date=fmt.date(review.until)),
        labels["review.checkpoint"],
        labels["goal.progress"],
        labels["action.status"],
    )
    return Html('<div class="ks-scroll">{}</div>').format(table("", head, rows))


def _checkpoint(g: GoalThen, view: View) -> str:
    """What the quarter promised for the goal: its checkpoint, or the band of a goal to hold."""
    if g.goal.hold is not None:
        return explain.aim(g.goal, view.labels, partial(view.fmt.number, unit=g.goal.unit))
    return view.fmt.number(g.reference, g.goal.unit) if g.from_checkpoint else "—"


def _milestones(review: QuarterReview, view: View) -> Html:
    labels, fmt = view.labels, view.fmt
    if not review.milestones:
        return Html('<p class="ks-empty">{}</p>').format(labels["site.none"])
    return Html("<ul>{}</ul>").format(
        Html("").join(
            Html("<li>{} {} ({})</li>").format(
                badge("milestone", m.status, labels), m.milestone.title, fmt.date(m.due)
            )
            for m in review.milestones
        )
    )


def _done(review: QuarterReview, account: str, names: Mapping[str, str], view: View) -> Html:
    labels, fmt = view.labels, view.fmt
    if not review.done:
        return Html('<p class="ks-empty">{}</p>').format(labels["recent.nothing"])
    ordered = sorted(review.done, key=lambda d: (KINDS.index(d.kind), -d.day.toordinal()))
    return Html("<ul>{}</ul>").format(
        Html("").join(
            Html('<li><span class="ks-chip">{}</span> {} · {}{}</li>').format(
                labels["review.kind." + d.kind],
                done_title(d, account, labels),
                fmt.date(d.day),
                Html(" · {}").format(names.get(d.owner, d.owner)) if d.owner else EMPTY,
            )
            for d in ordered
        )
    )


def _changes(review: QuarterReview, view: View) -> Html:
    labels = view.labels
    if review.changes is None:
        return Html('<p class="ks-empty">{}</p>').format(labels["review.no_history"])
    if not review.changes:
        return Html('<p class="ks-empty">{}</p>').format(labels["review.no_changes"])
    return Html('<p class="ks-small">{}</p><div class="ks-scroll">{}</div>').format(
        labels["review.changes_note"], changes_table(review.changes, view)
    )
