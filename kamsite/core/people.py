"""The team across plans: one handle is one person, whatever plan names them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from kamsite.core import series
from kamsite.core.errors import Problem
from kamsite.core.model import PlanFile, Task
from kamsite.core.said import Said
from kamsite.core.vocabulary import TaskKind


def directory(plans: Iterable[PlanFile]) -> tuple[dict[str, str], list[Problem]]:
    """{handle: full name} over all plans (first plan wins), and a warning per disagreement."""
    names: dict[str, str] = {}
    first: dict[str, str] = {}
    warnings: list[Problem] = []
    for file in plans:
        for handle, name in file.plan.team.items():
            if handle not in names:
                names[handle], first[handle] = name, file.path
            elif names[handle] != name:
                message = Said(
                    "'{name}' differs from '{first}' in {path}:"
                    " one handle is one person, so use the same name",
                    name=name,
                    first=names[handle],
                    path=first[handle],
                )
                warnings.append(Problem(file.path, 0, f"team.{handle}", message))
    return dict(sorted(names.items())), warnings


def contacts(
    accounts: Iterable[tuple[str, Iterable[Task]]], as_of: date, days: int = 30
) -> dict[str, dict[str, int]]:
    """{handle: {account: client contacts made}} over the `days` days ending on `as_of`
    (as_of - days < done <= as_of): the done `kind:contact` tasks, each counted for its owner.
    `accounts` pairs an account's name with its tasks; plans of one account add up."""
    start = as_of - timedelta(days=days)
    found: dict[str, dict[str, int]] = {}
    for account, tasks in accounts:
        for task in (t for t in tasks if t.kind == TaskKind.CONTACT):
            made = [d for d in series.done_days(task, as_of) if d > start]
            if made:  # each completion of a recurring contact counts
                mine = found.setdefault(task.owner, {})
                mine[account] = mine.get(account, 0) + len(made)
    return found
