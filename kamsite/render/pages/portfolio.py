"""The home page: every account at a glance, and the plans that need fixing."""

from __future__ import annotations

from collections.abc import Sequence

from kamsite.core.progress import AccountProgress
from kamsite.render import charts
from kamsite.render.escape import EMPTY, Html, md
from kamsite.render.formats import Formats
from kamsite.render.pages.common import View, account_dir, badge, details, front, link, raw, table


def portfolio(accounts: Sequence[AccountProgress], invalid: Sequence[tuple[str, str]], view: View) -> str:
    """The home page: every account at a glance. `invalid` lists (account id, file path)."""
    labels, fmt = view.labels, view.fmt
    intro = labels("portfolio.intro", count=len(accounts), date=fmt.date(view.as_of))
    chart = EMPTY
    if any(a.goals for a in accounts):
        fig = charts.portfolio(list(accounts), fmt, labels)
        rows = [(a.plan.account, _mean_percent([g.progress for g in a.goals], fmt),
                 _mean_percent([g.expected for g in a.goals], fmt), badge("health", a.health, labels))
                for a in accounts]
        head = (labels["portfolio.account"], labels["goal.progress"], labels["goal.expected"],
                labels["portfolio.health"])
        data = details(labels, table(labels["portfolio.chart"], head, rows))
        legend = _legend(charts.portfolio_legend(list(dict.fromkeys(a.health for a in accounts)), labels))
        chart = charts.chart_html(fig, labels["portfolio.chart"], legend + data) + Html("\n")
    parts = [
        front(labels["portfolio.title"]), f"# {md(labels['portfolio.title'])}\n\n",
        raw(Html('<div class="ks-portfolio">\n<p>{}</p>\n{}{}\n</div>').format(
            intro, chart, _portfolio_table(accounts, view))),
    ]
    if invalid:
        links = Html("").join(
            Html("<li>{}</li>").format(link(view.href("", account_dir(aid)), path)) for aid, path in invalid)
        parts.append(f"## {md(labels['portfolio.invalid'])}\n\n" + raw(
            Html('<div class="ks-invalid"><p>{}</p><ul>{}</ul></div>').format(
                labels["portfolio.invalid_intro"], links)))
    return "".join(parts)

def _legend(entries: list[tuple[str, str, str]]) -> Html:
    items = Html("").join(
        Html('<li><span class="ks-swatch ks-swatch-{}" style="--ks-swatch:{}" aria-hidden="true">'
             '</span>{}</li>').format(shape, colour, text) for shape, colour, text in entries)
    return Html('<ul class="ks-legend">{}</ul>').format(items)


def _mean_percent(values: list[float], fmt: Formats) -> str:
    return fmt.percent(sum(values) / len(values)) if values else "—"


def _portfolio_table(accounts: Sequence[AccountProgress], view: View) -> Html:
    labels, fmt = view.labels, view.fmt
    rows = []
    for acc in accounts:
        plan = acc.plan
        goals = Html("<br>").join(
            Html("{}: {} / {} {}").format(g.goal.title, fmt.percent(g.progress), fmt.percent(g.expected),
                                          badge("goal", g.status, labels))
            for g in acc.goals
        ) or "—"
        nxt = acc.next_milestone()
        next_text = f"{nxt.milestone.title} ({fmt.date(nxt.due)})" if nxt else "—"
        rows.append((link(view.href("", account_dir(plan.id)), plan.account),
                     plan.team.get(plan.owner, plan.owner), badge("health", acc.health, labels), goals,
                     next_text, str(acc.overdue)))
    head = [labels[k] for k in ("portfolio.account", "portfolio.owner", "portfolio.health",
                                "portfolio.goals", "portfolio.next_milestone", "portfolio.overdue")]
    return Html('<div class="ks-scroll">{}</div>').format(table("", head, rows, "ks-accounts"))


def client_home(account_id: str, name: str, view: View) -> str:
    """The home page of a client site: straight on to the account's dashboard."""
    target = view.href("", account_dir(account_id))
    return front(name) + f"# {md(name)}\n\n" + raw(Html(
        '<div class="ks-client-home"><meta http-equiv="refresh" content="0; url={}">'
        '<p>{}</p></div>').format(target, link(target, view.labels["client.open"])))
