"""The recent-work report: what we did for the client lately, ready to print or send."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from functools import partial

from kamsite.core.recent import KINDS, Done, Recent
from kamsite.core.vocabulary import DoneKind
from kamsite.render import charts, explain
from kamsite.render.escape import Html, md, plain
from kamsite.render.formats import Formats, is_currency
from kamsite.render.icons import icon
from kamsite.render.labels import Labels
from kamsite.render.pages.common import View, details, front, raw, table


def recent_page(
    account: str, report: Recent, names: Mapping[str, str], view: View, left_out: int | None = None
) -> str:
    """The report as the client receives it; `left_out` (the team's site only) is how many of the
    plan's items it leaves out as internal, said under the title."""
    labels, fmt = view.labels, view.fmt
    title = labels("recent.title", account=account)
    parts = [
        front(title, searchable=False),
        f"# {md(title)}\n\n",
        _team_note(left_out, labels),
        _opening(span(report, fmt, labels), counts(report, labels)),
        f"## {md(labels['recent.goals'])} {{#goals}}\n\n",
        _goals(report, view),
        f"## {md(labels['recent.done'])} {{#done}}\n\n",
        _done(account, report, names, view),
        f"## {md(labels['recent.next'])} {{#next}}\n\n",
        _next(report, names, view),
        f"## {md(labels['recent.weekly_title'])} {{#weekly}}\n\n",
        _weekly(report, view),
    ]
    return "".join(parts)


def span(report: Recent, fmt: Formats, labels: Labels) -> str:
    """The days the report covers, its first sentence."""
    start, end = fmt.date(report.as_of - timedelta(days=report.days - 1)), fmt.date(report.as_of)
    return labels("recent.span", days=report.days, count=report.days, start=start, end=end)


def _opening(span: str, counts: str) -> str:
    """The period, then how many contacts and reports were done, when any was."""
    said = Html('\n<p class="ks-counts">{}</p>').format(counts) if counts else ""
    return raw(Html('<div class="ks-recent">\n<p class="ks-asof">{}</p>{}\n</div>').format(span, said))


def _team_note(left_out: int | None, labels: Labels) -> str:
    if left_out is None:
        return ""
    said = labels("recent.team_note_left", count=left_out) if left_out else labels["recent.team_note"]
    return raw(Html('<p class="ks-team-note">{}{}</p>').format(icon("lock"), said))


def _goals(report: Recent, view: View) -> str:
    labels, fmt = view.labels, view.fmt
    then = fmt.date(report.as_of - timedelta(days=report.days))
    rows = [
        (
            c.goal.title,
            fmt.number(c.then, c.goal.unit, c.goal.marks),  # never rounded onto its target
            fmt.number(c.now, c.goal.unit, c.goal.marks),
            change(c.now - c.then, c.goal.unit, view),
            explain.aim(c.goal, labels, partial(fmt.number, unit=c.goal.unit)),  # a target, or a band
        )
        for c in report.goals
    ]
    head = (
        labels["recent.goal"],
        labels("recent.then", date=then),
        labels("recent.now", date=fmt.date(report.as_of)),
        labels["recent.change"],
        labels["recent.target"],
    )
    if not rows:
        return raw(Html('<p class="ks-empty">{}</p>').format(labels["site.none"]))
    return raw(Html('<div class="ks-scroll">{}</div>').format(table("", head, rows)))


def _done(account: str, report: Recent, names: Mapping[str, str], view: View) -> str:
    labels, fmt = view.labels, view.fmt
    blocks = []
    for kind in KINDS:
        items = [d for d in report.done if d.kind == kind]
        if not items:
            continue
        lis = Html("").join(
            Html('<li><span class="ks-chip ks-chip-done">{}{}</span> {}{}</li>').format(
                icon("done", labels["task.done"]),
                fmt.date(d.day),
                done_title(d, account, labels),
                Html(' <span class="ks-chip">{}{}</span>').format(
                    icon("account", labels["task.owner"]), names.get(d.owner, d.owner)
                )
                if d.owner
                else "",
            )
            for d in items
        )
        heading = labels["recent.kind." + kind]
        blocks.append(Html("<h3>{} ({})</h3><ul>{}</ul>").format(heading, len(items), lis))
    if not blocks:
        nothing = nothing_done(report, labels)
        return raw(Html('<div class="ks-done"><p class="ks-empty">{}</p></div>').format(nothing))
    return raw(Html('<div class="ks-done">{}</div>').format(Html("").join(blocks)))


def change(delta: float, unit: str, view: View) -> str:
    """A signed change in the goal's unit: '+0,9 p.p.' for a percentage, '+R$ 110 mil' for money
    (compact, as in a summary), '−2 hospitais'; '0' when nothing moved."""
    return signed(delta, unit, view.fmt, view.labels)


def signed(delta: float, unit: str, fmt: Formats, labels: Labels) -> str:
    """`change` for the terminal's reports, which have no page View."""
    size = round(abs(delta), 1 if unit == "%" else 2)
    if size == 0:
        return fmt.number(0, unit)
    sign = "+" if delta > 0 else "\u2212"
    if unit == "%":
        return sign + labels("recent.points", value=fmt.points(size / 100))
    return sign + (fmt.compact(size, unit) if is_currency(unit) else fmt.number(size, unit))


def _weekly(report: Recent, view: View) -> str:
    """Completions per week over the report's own window, nothing from before it."""
    labels, fmt = view.labels, view.fmt
    weeks = report.weekly
    title = labels("recent.weekly_span", count=len(weeks))
    rows = [(fmt.date(start), str(count)) for start, count in weeks]
    head = (labels["recent.week"], labels["recent.completions"])
    data = details(labels, table(title, head, rows))
    fig = charts.weekly(weeks, fmt, labels)
    return raw(charts.chart_html(fig, title, data))


def counts(report: Recent, labels: Labels) -> str:
    """How many client contacts and reports were done in the window, in words: only what was
    done ("" when neither was), so a report never opens with "0 contacts and 0 reports"."""
    done = [("recent.contacts", report.contacts), ("recent.reports", report.reports)]
    said = [labels(key, count=count) for key, count in done if count]
    if len(said) == 2:
        return labels("recent.counts", contacts=said[0], reports=said[1])
    return labels("recent.counts_single", what=said[0]) if said else ""


def nothing_done(report: Recent, labels: Labels) -> str:
    """What the report says when nothing was completed: where the work under way is, if any."""
    return labels["recent.nothing_next" if report.next else "recent.nothing"]


def done_title(done: Done, account: str, labels: Labels) -> str:
    """What a completion is called in the report: a task's words as a reader sees them (no
    Markdown marks, no relative links), and a client contact known by its day only as a contact
    with the client, without a word of what was written about it."""
    if done.untold:
        return labels("recent.contact_untold", account=account)
    return plain(done.title) if done.kind == DoneKind.TASK else done.title


def step_title(kind: DoneKind, title: str) -> str:
    """A next step's words: a task's as a reader sees them (see `done_title`)."""
    return plain(title) if kind == DoneKind.TASK else title


def _next(report: Recent, names: Mapping[str, str], view: View) -> str:
    """Open work due by the end of the next window, the overdue first, with how late it is."""
    labels, fmt = view.labels, view.fmt
    last = fmt.date(report.as_of + timedelta(days=report.days))
    if not report.next:
        return raw(Html('<p class="ks-empty">{}</p>').format(labels("recent.next.none", date=last)))
    intro = labels("recent.next.intro" if view.verdicts else "recent.next.intro_client", date=last)
    rows = [
        (
            labels["recent.kind_one." + s.kind],
            step_title(s.kind, s.title),
            fmt.date(s.due),
            names.get(s.owner, s.owner) if s.owner else "—",
            *([_late(s.late, labels)] if view.verdicts else []),  # delays are the team's verdict
        )
        for s in report.next
    ]
    columns = ("kind", "item", "due", "owner", *(("late",) if view.verdicts else ()))
    head = [labels["recent.next." + k] for k in columns]
    return raw(
        Html('<div class="ks-next"><p>{}</p>{}</div>').format(intro, table("", head, rows, "ks-next-steps"))
    )


def _late(days: int, labels: Labels) -> Html | str:
    if not days:
        return "—"
    return Html('<span class="ks-late">{}{}</span>').format(icon("alert"), labels("today.late", count=days))
