"""JSON Schemas (draft 2020-12) for the tools around kamsite: a plan's front matter and the export.

The front matter's schema is made from the same pydantic model that validates plans, so the two
cannot disagree. The export's schema describes api/accounts.json (format §5): the keys written
today are required, the keys of format v2 are described where an export may not carry them yet,
and any other key is allowed, since "keys may be added".
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from kamsite.core.model import Plan
from kamsite.core.vocabulary import (
    ActionStatus,
    GoalKind,
    GoalStatus,
    Health,
    Influence,
    MilestoneStatus,
    Stance,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
MAYBE_DAY = {"anyOf": [DAY, {"type": "null"}]}
FRACTION = {"type": "number", "description": "0 to 1 (more when exceeded), rounded to 4 decimals"}
TEXT = {"type": "string"}
NUMBER = {"type": "number"}
MAYBE_NUMBER = {"type": ["number", "null"]}
BOOLEAN = {"type": "boolean"}
MAYBE_TEXT = {"type": ["string", "null"]}


def words(vocabulary: type[StrEnum], nullable: bool = False) -> dict[str, Any]:
    """One word of a vocabulary (or null, if nullable) as an enum."""
    return {"enum": [w.value for w in vocabulary] + ([None] if nullable else [])}


class _Keys(GenerateJsonSchema):
    """Pydantic says a mapping's key pattern (the handles of `team`, the dates of `actuals`) as
    `patternProperties`, which lets a key that does not match through; the model refuses it, so
    the schema says the pattern of every key (`propertyNames`)."""

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        json_schema = super().dict_schema(schema)
        if "patternProperties" in json_schema:  # one pattern: the key type's
            ((pattern, values),) = json_schema.pop("patternProperties").items()
            json_schema["propertyNames"] = {**json_schema.get("propertyNames", {}), "pattern": pattern}
            json_schema["additionalProperties"] = values
        return json_schema


def plan_schema() -> dict[str, Any]:
    """The front matter of a plan file, as `kamsite check` accepts it and as an editor reads
    YAML (dates are text). `id` is optional: the loader gives a plan without one its file name."""
    model = Plan.model_json_schema(schema_generator=_Keys)
    model["required"] = [key for key in model["required"] if key != "id"]
    model["properties"]["id"] |= {"description": "optional; default: the file name, made an id"}
    return {
        "$schema": DRAFT,
        **model,
        "title": "kamsite plan front matter",
        "description": "The YAML between the '---' lines at the top of a plan file (plans/<id>.md).",
    }


def _record(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": "object", "required": list(required), "properties": {**required, **(optional or {})}}


def export_schema() -> dict[str, Any]:
    """api/accounts.json, the data export of a build."""
    goal = _record(
        {
            "id": TEXT,
            "title": TEXT,
            "unit": TEXT,
            "baseline": NUMBER,
            "target": {**MAYBE_NUMBER, "description": "null for a goal to hold"},
            "current": NUMBER,
            "progress": FRACTION,
            "expected": FRACTION,
            "status": words(GoalStatus),
        },
        {
            "measured_on": MAYBE_DAY,
            "stale": {"type": "boolean"},
            "kind": {**words(GoalKind), "description": "move: from baseline to target; hold: keep in a band"},
            "min": {**MAYBE_NUMBER, "description": "the band's lower end (a goal to hold), else null"},
            "max": {**MAYBE_NUMBER, "description": "the band's upper end (a goal to hold), else null"},
            "weight": {"type": "number", "exclusiveMinimum": 0, "description": "its share of the roll-up"},
            "forecast": {
                **MAYBE_NUMBER,
                "description": "the value at period.end at the pace since period.start (a move goal"
                " measured after period.start, on a running plan), else null",
            },
            "forecast_progress": {"anyOf": [FRACTION, {"type": "null"}]},
        },
    )
    milestone = _record(
        {
            "id": TEXT,
            "title": TEXT,
            "quarter": {"type": "string", "pattern": r"^Q[1-9]$"},
            "due": MAYBE_DAY,
            "status": words(MilestoneStatus),
            "progress": FRACTION,
        }
    )
    action = _record(
        {
            "id": TEXT,
            "title": TEXT,
            "milestone": TEXT,
            "owner": MAYBE_TEXT,
            "due": MAYBE_DAY,
            "status": words(ActionStatus),
            "progress": FRACTION,
            "overdue": {"type": ["boolean", "null"]},
        }
    )
    task = _record(
        {
            "text": TEXT,
            "action": MAYBE_TEXT,
            "owner": MAYBE_TEXT,
            "due": MAYBE_DAY,
            "done": BOOLEAN,
            "done_on": MAYBE_DAY,
            "line": {"type": "integer", "minimum": 1},
        },
        {
            "kind": MAYBE_TEXT,
            "every": {
                **MAYBE_TEXT,
                "pattern": "^[1-9][0-9]{0,2}[dwm]$",
                "description": "a recurring task's rhythm (1m: every month), else null; its due is"
                " then the next open occurrence (or, with none left, the last completed one's)",
            },
            "completions": {
                "type": "array",
                "items": DAY,
                "description": "the done dates written, in date order (a recurring task: one per"
                " completed occurrence; done_on is the latest)",
            },
        },
    )
    stakeholder = _record(
        {
            "id": TEXT,
            "name": TEXT,
            "role": MAYBE_TEXT,
            "influence": words(Influence),
            "stance": words(Stance),
            "owner": TEXT,
            "last_contact": MAYBE_DAY,
            "contact_overdue": {
                "type": ["boolean", "null"],
                "description": "null when no cadence applies (no contact_every, or not of high influence)",
            },
        }
    )
    account = _record(
        {
            "id": TEXT,
            "account": TEXT,
            "owner": TEXT,
            "health": words(Health, nullable=True),  # null: a client build without client_health
            "goals": {"type": "array", "items": goal},
            "milestones": {"type": "array", "items": milestone},
            "actions": {"type": "array", "items": action},
            "tasks": {"type": "array", "items": task},
        },
        {
            "closed": {"type": "boolean"},
            "current": {
                "type": "boolean",
                "description": "the plan in front of its chain of plans: not closed, the plan it"
                " follows closed (a plan waiting for its period to start is not current)",
            },
            "follows": MAYBE_TEXT,
            "health_causes": {"anyOf": [{"type": "array", "items": TEXT}, {"type": "null"}]},
            "last_contact": MAYBE_DAY,
            "contact_overdue": {"type": ["boolean", "null"]},
            "progress": {
                "anyOf": [FRACTION, {"type": "null"}],
                "description": "the roll-up: Σ weight × progress held to 0..1, over Σ weight; null"
                " without goals",
            },
            "expected": {"anyOf": [FRACTION, {"type": "null"}], "description": "the same over expected"},
            "stakeholders": {
                "type": "array",
                "items": stakeholder,
                "description": "the relationship map; team builds only (never in a client's export)",
            },
        },
    )
    return {
        "$schema": DRAFT,
        "title": "kamsite data export (api/accounts.json)",
        "description": "The numbers the pages show, as of one date. Owners are handles in team builds "
        "and full names in client builds. Keys may be added; these keys and meanings stay.",
        **_record({"as_of": DAY, "accounts": {"type": "array", "items": account}}),
    }


def to_json(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"
