"""Plain-text outputs of the command line: the agenda for a terminal, the recent report as Markdown."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import partial

from kamsite.core.agenda import GROUPS, Item
from kamsite.core.recent import KINDS, Recent
from kamsite.core.review import QuarterReview
from kamsite.render import explain
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels
from kamsite.render.next_plan import Start
from kamsite.render.pages.recent_report import (
    counts,
    done_title,
    nothing_done,
    signed,
    span,
    step_title,
)

COLORS = {"overdue": "\033[31m", "today": "\033[33m", "next": ""}
RESET = "\033[0m"
ICONS = {"task": "☐", "action": "◆", "contact": "☎"}
# Unicode's direction overrides and isolates reorder what a terminal shows ("Trojan Source")
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def visible(text: str) -> str:
    """Plan text as a terminal or a CI log may show it: every control character (escape sequences,
    carriage returns, line breaks, direction overrides) written out as `\\x1b`, `\\u202e`, so no
    plan can recolour, rewrite, hide or add lines in someone's terminal."""
    return "".join(_shown(c) for c in text)


def _shown(char: str) -> str:
    if unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in BIDI:
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    return char


def no_command(line: str) -> str:
    """A line never starts with `::`, which GitHub Actions reads as a workflow command (`::error`,
    `::add-mask::`) even after leading spaces: the first colon is written out as `\\x3a`."""
    stripped = line.lstrip()
    if not stripped.startswith("::"):
        return line
    return line[: len(line) - len(stripped)] + "\\x3a" + stripped[1:]


def one_line(text: str) -> str:
    """Plan text on one line of a terminal or a CI log: line breaks shown too, no workflow command."""
    return no_command(visible(text))


def safe(text: str) -> str:
    """Text for a terminal or a CI log, line by line: controls visible, no workflow commands."""
    return "\n".join(no_command(visible(line)) for line in text.split("\n"))


def agenda_text(
    grouped: Mapping[str, Mapping[str, Sequence[Item]]],
    names: Mapping[str, str],
    as_of: date,
    days: int,
    fmt: Formats,
    labels: Labels,
    color: bool = False,
) -> str:
    """Owners, then overdue / today / next days, one aligned line per item (plan text made safe)."""
    lines = [f"{labels['today.title']} · {fmt.date(as_of)}", ""]
    if not grouped:
        return "\n".join([*lines, labels["today.nothing"]]) + "\n"
    items = [i for groups in grouped.values() for g in groups.values() for i in g]
    width = max(len(fmt.date(i.due)) for i in items)
    account_width = max(len(visible(i.account)) for i in items)
    for owner, groups in grouped.items():
        lines.append(no_command(visible(f"{names.get(owner, owner)} (@{owner})")))
        for group in GROUPS:
            paint = COLORS[group] if color else ""
            title = labels("today.group." + group, days=days, count=days)
            lines.append(f"  {paint}{title}{RESET if paint else ''}")
            for item in groups[group]:
                icon = ICONS.get(item.kind, "◆")
                action = f"  ↳ {visible(item.action)}" if item.kind == "task" and item.action else ""
                action += f"  ↻ {explain.rhythm(item.every, labels)}" if item.every else ""
                lines.append(
                    f"    {paint}{fmt.date(item.due):<{width}}{RESET if paint else ''}  "
                    f"{visible(item.account):<{account_width}}  {icon} "
                    f"{visible(explain.item(item, as_of, labels))}{action}"
                )
            if not groups[group]:
                lines.append(f"    {labels['today.nothing_here']}")
        lines.append("")
    return "\n".join(lines)


def recent_markdown(
    account: str,
    report: Recent,
    names: Mapping[str, str],
    fmt: Formats,
    labels: Labels,
    verdicts: bool = True,
) -> str:
    """The recent-work report as Markdown that reads as plain text, to paste into an e-mail as
    it is: headings and lists only (no table, no HTML, no backslash escapes, no relative link),
    plan text made safe; without `verdicts` (the client's version) the next steps do not say
    how late they are."""
    opening = " ".join(filter(None, [span(report, fmt, labels), counts(report, labels)]))
    out = [f"# {labels('recent.title', account=visible(account))}", "", opening]
    out += ["", *_goal_lines(report, fmt, labels), f"## {labels['recent.done']}", ""]
    if not report.done:
        out += [nothing_done(report, labels), ""]
    for kind in KINDS:
        items = [d for d in report.done if d.kind == kind]
        if items:
            out += [f"### {labels['recent.kind.' + kind]} ({len(items)})", ""]
            for d in items:
                who = f" ({names.get(d.owner, d.owner)})" if d.owner else ""
                out.append(f"- {fmt.date(d.day)}: {visible(done_title(d, account, labels) + who)}")
            out.append("")
    return safe("\n".join(out + _next_steps(report, names, fmt, labels, verdicts)))


def _goal_lines(report: Recent, fmt: Formats, labels: Labels) -> list[str]:
    """Each goal then and now, one line each: a list reads in an e-mail where a table does not."""
    if not report.goals:
        return []
    then, now = fmt.date(report.as_of - timedelta(days=report.days)), fmt.date(report.as_of)
    out = [f"## {labels['recent.goals']}", "", labels("recent.goals_intro", then=then, now=now), ""]
    for c in report.goals:
        unit = c.goal.unit
        out.append(
            "- "
            + labels(
                "recent.goal_line" if c.goal.hold is None else "recent.goal_line_hold",
                goal=visible(c.goal.title),
                then=fmt.number(c.then, unit, c.goal.marks),
                now=fmt.number(c.now, unit, c.goal.marks),
                change=signed(c.now - c.then, unit, fmt, labels),
                aim=explain.aim(c.goal, labels, partial(fmt.number, unit=unit)),  # a target, or a band
            )
        )
    return [*out, ""]


def _next_steps(
    report: Recent, names: Mapping[str, str], fmt: Formats, labels: Labels, verdicts: bool
) -> list[str]:
    """The report's next steps: open work due by the end of the next window, the overdue with
    how late they are when the reader is the team."""
    last = fmt.date(report.as_of + timedelta(days=report.days))
    out = [f"## {labels['recent.next']}", ""]
    if not report.next:
        out += [labels("recent.next.none", date=last)]
    for s in report.next:
        who = f" ({names.get(s.owner, s.owner)})" if s.owner else ""
        late = f" — {labels('today.late', count=s.late)}" if s.late and verdicts else ""
        kind = labels["recent.kind_one." + s.kind]
        out.append(f"- {fmt.date(s.due)}: {kind}: {visible(step_title(s.kind, s.title) + who)}{late}")
    return [*out, ""]


def review_markdown(
    account: str,
    reviews: Sequence[QuarterReview],
    names: Mapping[str, str],
    fmt: Formats,
    labels: Labels,
    changes: bool = True,
) -> str:
    """The quarterly reviews as Markdown, for an e-mail or a slide; without `changes` (the
    client's version, unless the team shows them) no list of the changes to the plan."""
    out = [f"# {labels('review.title', account=account)}", ""]
    for r in reviews:
        heading = labels("review.quarter", quarter=r.quarter, start=fmt.date(r.start), end=fmt.date(r.end))
        out += [f"## {heading}", "", f"### {labels['review.goals']}", ""]
        out += [
            f"- {g.goal.title}: {fmt.number(g.value, g.goal.unit, g.goal.marks)}"
            + (
                f" ({labels['review.checkpoint']}: {fmt.number(g.reference, g.goal.unit)})"
                if g.from_checkpoint
                else ""
            )
            + f" · {labels['goal.status.' + g.status]} ({explain.judgement(g.state, r.until, fmt, labels)})"
            for g in r.goals
        ] or [labels["site.none"]]
        out += ["", f"### {labels['review.milestones']}", ""]
        out += [
            f"- {m.milestone.title} ({fmt.date(m.due)}): {labels['milestone.status.' + m.status]}"
            for m in r.milestones
        ] or [labels["site.none"]]
        out += ["", f"### {labels['review.done']}", ""]
        out += [
            f"- {fmt.date(d.day)}: {labels['review.kind.' + d.kind]} · {done_title(d, account, labels)}"
            + (f" ({names.get(d.owner, d.owner)})" if d.owner else "")
            for d in r.done
        ] or [labels["recent.nothing"]]
        out += ["", labels("review.contacts", contacts=r.contacts, reports=r.reports), ""]
        if not changes:
            continue
        out += [f"### {labels['review.changes']}", ""]
        if r.changes is None:
            out.append(labels["review.no_history"])
        else:
            out += [f"- {labels['changes.kind.' + c.kind]}: {c.title}" for c in r.changes] or [
                labels["review.no_changes"]
            ]
        out.append("")
    return safe("\n".join(out))


def renewal_text(starts: Sequence[Start], plan: str, fmt: Formats, labels: Labels) -> str:
    """Where each goal of the next plan starts: the value, and the actual it is (or the old
    baseline), one line each for the terminal (plan text made safe)."""
    lines = []
    for s in starts:
        key = "cli.next.baseline" if s.on else "cli.next.baseline_kept"
        value = fmt.number(s.value, s.goal.unit)
        lines.append(labels(key, goal=s.goal.title, value=value, plan=plan, date=fmt.date(s.on)))
    return safe("\n".join(f"kamsite: {line}" for line in lines))
