"""The one error family users see: a problem at a place in a plan file, or a wrong setting."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from kamsite.core.said import Said


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a plan, located as precisely as the input allows."""

    path: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # dotted field path such as "goals[0].target"; "" when none applies
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class KamsiteError(Exception):
    """Anything that stops kamsite, told in a message for the user (never a traceback).

    Plan, history, configuration and build errors derive from it: the plugin wraps it once into
    MkDocs' error, the command line prints it once and exits with status 1.
    """


class PlanError(KamsiteError):
    """A plan file could not be read into a valid plan; carries every problem found, and the
    warnings that could be told without a valid plan (so they come in the same run)."""

    def __init__(self, problems: Iterable[Problem], warnings: Iterable[Problem] = ()) -> None:
        self.problems = sorted(problems)
        self.warnings = tuple(sorted(warnings))
        super().__init__("\n".join(str(p) for p in self.problems))


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ' Did you mean ...?' hint for a misspelt name, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return Said(" Did you mean '{name}'?", name=close[0]) if close else ""


def field_path(loc: Iterable[str | int]) -> str:
    """('goals', 0, 'target') -> 'goals[0].target'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
