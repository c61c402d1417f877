"""The team across plans: one handle is one person, whatever plan names them."""

from __future__ import annotations

from collections.abc import Iterable

from kamsite.core.errors import Problem
from kamsite.core.model import PlanFile
from kamsite.core.said import Said


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
