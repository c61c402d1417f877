"""The home page: every account at a glance, and the plans that need fixing."""

from __future__ import annotations

from collections.abc import Sequence

from kamsite.core.progress import AccountProgress
from kamsite.render import charts
from kamsite.render.escape import h, md
from kamsite.render.pages.common import View, account_dir, badge, details, front, raw, table


def portfolio(accounts: Sequence[AccountProgress], invalid: Sequence[tuple[str, str]], view: View) -> str:
    """The home page: every account at a glance. `invalid` lists (account id, file path)."""
    labels, fmt = view.labels, view.fmt
    intro = labels("portfolio.intro", count=len(accounts), date=fmt.date(view.as_of))
    chart = ""
    if any(a.goals for a in accounts):
        fig = charts.portfolio(list(accounts), fmt, labels)
        rows = [(h(f"{a.plan.account} · {g.goal.title}"), h(fmt.percent(g.progress)),
                 h(fmt.percent(g.expected)), badge("goal", g.status, labels))
                for a in accounts for g in a.goals]
        head = (h(labels["portfolio.account"]), h(labels["goal.progress"]),
                h(labels["goal.expected"]), h(labels["portfolio.health"]))
        data = details(labels, table(h(labels["portfolio.chart"]), head, rows))
        chart = charts.chart_html(fig, labels["portfolio.chart"], data) + "\n"
    parts = [
        front(labels["portfolio.title"]), f"# {md(labels['portfolio.title'])}\n\n",
        raw(f'<div class="ks-portfolio">\n<p>{h(intro)}</p>\n{chart}'
            f"{_portfolio_table(accounts, view)}\n</div>"),
    ]
    if invalid:
        links = "".join(
            f'<li><a href="{h(view.href("", account_dir(aid)))}">{h(path)}</a></li>'
            for aid, path in invalid
        )
        parts.append(f"## {md(labels['portfolio.invalid'])}\n\n" + raw(
            f"<div class=\"ks-invalid\"><p>{h(labels['portfolio.invalid_intro'])}</p><ul>{links}</ul></div>"))
    return "".join(parts)

def _portfolio_table(accounts: Sequence[AccountProgress], view: View) -> str:
    labels, fmt = view.labels, view.fmt
    rows = []
    for acc in accounts:
        plan = acc.plan
        goals = "<br>".join(
            f"{h(g.goal.title)}: {h(fmt.percent(g.progress))} / {h(fmt.percent(g.expected))} "
            f"{badge('goal', g.status, labels)}" for g in acc.goals
        ) or "—"
        nxt = acc.next_milestone()
        next_text = f"{h(nxt.milestone.title)} ({h(fmt.date(nxt.due))})" if nxt else "—"
        link = f'<a href="{h(view.href("", account_dir(plan.id)))}">{h(plan.account)}</a>'
        health = f'{badge("health", acc.health, labels)}'
        rows.append((link, h(plan.team.get(plan.owner, plan.owner)), health, goals, next_text,
                     str(acc.overdue)))
    head = [h(labels[k]) for k in ("portfolio.account", "portfolio.owner", "portfolio.health",
                                   "portfolio.goals", "portfolio.next_milestone", "portfolio.overdue")]
    return '<div class="ks-scroll">' + table("", head, rows, "ks-accounts") + "</div>"


def client_home(account_id: str, name: str, view: View) -> str:
    """The home page of a client site: straight on to the account's dashboard."""
    target = h(view.href("", account_dir(account_id)))
    return (
        front(name) + f"# {md(name)}\n\n"
        + raw(f'<div class="ks-client-home"><meta http-equiv="refresh" content="0; url={target}">'
              f'<p><a href="{target}">{h(view.labels["client.open"])}</a></p></div>')
    )
