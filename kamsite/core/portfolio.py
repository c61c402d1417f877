"""The portfolio: the valid plans, and the invalid ones with their problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from kamsite.core.errors import Problem
from kamsite.core.model import PlanFile


@dataclass(frozen=True)
class Invalid:
    """A plan file that did not validate; `id` and `name` are best guesses for its page."""

    path: str
    id: str
    name: str
    problems: tuple[Problem, ...]


@dataclass
class Portfolio:
    plans: list[PlanFile] = field(default_factory=list)
    invalid: list[Invalid] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for bad in self.invalid for p in bad.problems]
