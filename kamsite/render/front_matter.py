"""A plan's front matter written from the model: the one place a plan value becomes YAML text."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import yaml

from kamsite.core.model import Plan, Unit

# The order a person reads a plan in; a field the model gains later follows these.
ORDER = (
    "account",
    "id",
    "owner",
    "team",
    "period",
    "follows",
    "currency",
    "tags",
    "contact_every",
    "stakeholders",
    "goals",
    "milestones",
    "actions",
)
SECTIONS = ("goals", "milestones", "actions")  # written even when empty: they show where the parts go


class _Dumper(yaml.SafeDumper):
    """Indents a list under its key (`goals:\\n  - id: …`), as the plan format writes it."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def front_matter(plan: Plan) -> str:
    """The plan's front matter as YAML (without the `---` lines).

    Every field that differs from its default is written, so a field is carried wherever a plan
    value is; defaults are left out (`internal: false`, an empty unit) to keep the text short.
    """
    data = _plain(plan.model_dump(exclude_defaults=True))
    data |= {key: data.get(key, []) for key in SECTIONS}
    ordered = {key: data.pop(key) for key in ORDER if key in data} | data
    # wide lines: a long title stays on its own line, as a person writes it
    return yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)


def _plain(value: Any) -> Any:
    """Values as a plan writes them: a unit in its written form, a status as its word, whole
    numbers without `.0`."""
    if isinstance(value, Unit):
        return value.written()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
