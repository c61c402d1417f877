"""The whole generated site as {address: content}, independent of the site engine."""

from __future__ import annotations

from . import export, pages
from .compute import AccountProgress, compute
from .loader import Portfolio
from .model import PlanFile, Task
from .pages import View, account_dir


def audience_tasks(file: PlanFile, view: View) -> tuple[Task, ...]:
    """The tasks the build's readers may see: internal ones only for the team."""
    return file.tasks if view.internal else tuple(t for t in file.tasks if not t.internal)


def accounts(portfolio: Portfolio, view: View) -> list[AccountProgress]:
    return [compute(plan, view.as_of, view.settings) for plan in portfolio.plans]


def generate(portfolio: Portfolio, view: View) -> dict[str, str]:
    """Markdown pages (keys ending in .md) and data files of the site, by address."""
    computed = accounts(portfolio, view)
    invalid = [(bad.id, bad.path) for bad in portfolio.invalid]
    files = {"index.md": pages.portfolio(computed, invalid, view)}
    for acc in computed:
        files[account_dir(acc.plan.id) + "index.md"] = pages.dashboard(acc, view)
    for bad in portfolio.invalid:
        files[account_dir(bad.id) + "index.md"] = pages.invalid_page(bad.name, bad.path, bad.problems, view)
    records = [(acc, audience_tasks(acc.file, view)) for acc in computed]
    files["api/accounts.json"] = export.accounts_json(records, view.as_of)
    return files
