"""The plan as typed values: the front matter schema (pydantic) and the tasks of the body."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
)

from kamsite.core import sections
from kamsite.core.currencies import CODES
from kamsite.core.errors import Problem
from kamsite.core.quarters import add_months
from kamsite.core.said import Said
from kamsite.core.vocabulary import ActionStatus, GoalKind, Influence, Stance, StepUnit, TaskKind
from kamsite.core.yaml_words import MOST_DIGITS, significant_digits

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only (\d also matches other scripts)
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)  # the dates a plan may use
LARGEST = 10**15  # the largest magnitude of a plan's numbers
MOST_DAYS = 36500  # the longest interval a plan counts in days (a cadence, a measuring rhythm)
# C0 and C1 control characters (and DEL), except tab and line feed: invisible in an editor
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONTROL_SAID = "contains an invisible control character ({code}): delete it"


def slug_of(text: str) -> str:
    """`text` made a safe id: lower case, accents removed, anything else turned into '-'
    ('São Paulo Ltda' -> 'sao-paulo-ltda', 'joão' -> 'joao'); '' when nothing is left."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        near = slug_of(value)  # 'joão' -> 'joao', 'Acme 2026' -> 'acme-2026'
        raise ValueError(
            Said(
                "'{value}' is not a safe id: use lowercase letters, digits and '-',"
                " starting with a letter or digit, as in '{near}'",
                value=value,
                near=near,
            )
            if near
            else Said(
                "'{value}' is not a safe id: use lowercase letters, digits and '-',"
                " starting with a letter or digit",
                value=value,
            )
        )
    return value


def parse_date(value: Any) -> date:
    """A date from YAML or a task token; the ValueError text is shown to users."""
    if isinstance(value, date):
        day = value
    elif not isinstance(value, str) or not DATE.fullmatch(value):
        raise ValueError(Said("'{value}' is not a date: write it as YYYY-MM-DD", value=value))
    else:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError(Said("'{value}' is an impossible date", value=value)) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            Said(
                "'{value}' is outside the dates a plan may use ({first} to {last})",
                value=value,
                first=FIRST_DAY,
                last=LAST_DAY,
            )
        )
    return day


# a number as a Brazilian writes it: thousands between points, decimals after a comma
BRAZILIAN = re.compile(r"[-+]?(?:[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+,[0-9]+)")


def _number(value: Any) -> float:
    if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?", value):
        plain = value.replace("_", "")
        raise ValueError(
            Said("'{value}' is not a number: write it without separators ({plain})", value=value, plain=plain)
        )
    if isinstance(value, str) and BRAZILIAN.fullmatch(value):
        plain = value.replace(".", "").replace(",", ".")
        raise ValueError(
            Said(
                "'{value}' is not a number: write it as {plain} (a plan writes no thousands"
                " separators, and a point before the decimals)",
                value=value,
                plain=plain,
            )
        )
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(Said("'{value}' is not a number", value=value))
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(Said("'{value}' is not a finite number", value=value))
    shown = str(value).replace("E+", "e").replace("E", "e")
    shown = shown if len(shown) <= 24 else shown[:20] + "…"
    if not -LARGEST <= value <= LARGEST:
        raise ValueError(
            Said("'{value}' is too large: a plan's numbers lie between -10^15 and 10^15", value=shown)
        )
    digits = significant_digits(str(value)) if isinstance(value, Decimal) else 0  # as written
    if digits > MOST_DIGITS:
        raise ValueError(
            Said(
                "'{value}' has {count} significant digits: a plan's numbers have at most {most}"
                " significant digits",
                value=shown,
                count=digits,
                most=MOST_DIGITS,
            )
        )
    return float(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(Said("'{value}' is not text: put it in quotes", value=value))
    if not value.strip():
        raise ValueError(Said("must not be empty"))
    control = CONTROL.search(value)
    if control:
        raise ValueError(Said(CONTROL_SAID, code=f"U+{ord(control.group()):04X}"))
    return value


def _currency(value: str) -> str:
    if value not in CODES:
        raise ValueError(
            Said("'{value}' is not an ISO 4217 currency code such as BRL, EUR or USD", value=value)
        )
    return value


def _days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MOST_DAYS:
        raise ValueError(
            Said("'{value}' is not a number of days: write a whole number from 1 to 36500", value=value)
        )
    return value


class Unit(str):
    """A goal's unit as it reads after a number other than one ("hospitais", "BRL", "%"), with
    `one`, its form after exactly one ("1 hospital"); a unit written as one word has one form."""

    one: str

    def __new__(cls, other: str = "", one: str | None = None) -> Unit:
        unit = super().__new__(cls, other)
        unit.one = other if one is None else one
        return unit

    def written(self) -> str | dict[str, str]:
        """The unit as a plan writes it: a word, or {one, other} when its forms differ."""
        return str(self) if self.one == self else {"one": self.one, "other": str(self)}


def _positive(value: float) -> float:
    if value <= 0:
        raise ValueError(
            Said(
                "'{value}' is not a weight: write a number above 0 (a goal without weight counts 1)",
                value=int(value) if value.is_integer() else value,
            )
        )
    return value


def _unit(value: Any) -> Unit:
    if isinstance(value, Unit):
        return value
    if isinstance(value, Mapping):
        extra = sorted(str(k) for k in value if k not in ("one", "other"))
        if extra or not {"one", "other"} <= value.keys():
            raise ValueError(
                Said("must be a word, or both forms of one: {{one: hospital, other: hospitais}}")
            )
        return Unit(_text(value["other"]), _text(value["one"]))
    return Unit(_text(value))


# Each rule above as the front matter's JSON schema says it to editors (render/schema.py), beside
# the check it mirrors. Patterns are ECMA-262 and Python regexes alike.
TEXT_SCHEMA = {"type": "string", "pattern": r"\S", "not": {"pattern": CONTROL.pattern}}  # not blank
SLUG_SCHEMA = {"type": "string", "pattern": f"^{SLUG.pattern}$"}
# FIRST_DAY and LAST_DAY open and close centuries, so the years between are a pattern
_CENTURIES = "|".join(str(c) for c in range(FIRST_DAY.year // 100, LAST_DAY.year // 100 + 1))
DAY_SCHEMA = {
    "type": "string",
    "format": "date",
    "pattern": f"^({_CENTURIES})[0-9]{{2}}" + DATE.pattern.removeprefix("[0-9]{4}") + "$",
}
NUMBER_SCHEMA = {"type": "number", "minimum": -LARGEST, "maximum": LARGEST}
DAYS_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MOST_DAYS}
UNIT_SCHEMA = {
    "anyOf": [
        TEXT_SCHEMA,
        {
            "type": "object",
            "required": ["one", "other"],
            "properties": {"one": TEXT_SCHEMA, "other": TEXT_SCHEMA},
            "additionalProperties": False,
        },
    ],
    "description": 'a currency code, "%", a word, or {one: hospital, other: hospitais}',
}
Text = Annotated[str, BeforeValidator(_text), WithJsonSchema(TEXT_SCHEMA)]
Slug = Annotated[str, BeforeValidator(_text), AfterValidator(_slug), WithJsonSchema(SLUG_SCHEMA)]
Day = Annotated[date, BeforeValidator(parse_date), WithJsonSchema(DAY_SCHEMA)]
Number = Annotated[float, BeforeValidator(_number), WithJsonSchema(NUMBER_SCHEMA)]
Days = Annotated[int, BeforeValidator(_days), WithJsonSchema(DAYS_SCHEMA)]
Weight = Annotated[
    float,
    BeforeValidator(_number),
    AfterValidator(_positive),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": LARGEST, "description": "default 1"}),
]
Currency = Annotated[
    str, BeforeValidator(_text), AfterValidator(_currency), WithJsonSchema({"enum": sorted(CODES)})
]


def _words(vocabulary: type[StrEnum]) -> WithJsonSchema:
    """A vocabulary in the JSON schema: a plain enum of its words, as a plan writes them."""
    return WithJsonSchema({"enum": [w.value for w in vocabulary], "type": "string"})


# A word of a vocabulary, read from the plan's text (strict would ask for the enum itself).
ActionStatusWord = Annotated[ActionStatus, Field(strict=False), _words(ActionStatus)]
InfluenceWord = Annotated[Influence, Field(strict=False), _words(Influence)]
StanceWord = Annotated[Stance, Field(strict=False), _words(Stance)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Period(_Model):
    start: Day
    end: Day


class Hold(_Model):
    """The band a goal to hold keeps its value in, ends included; one end may be open."""

    # editors hear "give min, max or both" from the JSON schema: a number at one end at least
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [{"required": [end], "properties": {end: {"type": "number"}}} for end in ("min", "max")]
        }
    )

    min: Number | None = None
    max: Number | None = None

    def holds(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Goal(_Model):
    """A goal moves a value from its baseline to its `target`, or holds it inside `hold` (one of
    the two; the rules across fields say so with the line)."""

    # editors hear the same rule from the JSON schema (a key written null is not written)
    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["target"], "properties": {"target": {"type": "number"}}},
                {"required": ["hold"], "properties": {"hold": {"type": "object"}}},
            ]
        }
    )

    id: Slug
    title: Text
    unit: Annotated[Unit, PlainValidator(_unit), WithJsonSchema(UNIT_SCHEMA)] = Field(default_factory=Unit)
    baseline: Number
    target: Number | None = None
    hold: Hold | None = None
    weight: Weight | None = None  # its share of the account's roll-up; None: not written (counts 1)
    actuals: dict[Day, Number] = Field(default_factory=dict)
    measure_every: Days | None = None  # days between measurements; default: the site's stale_days
    internal: bool = False  # True: left out of client builds

    @property
    def kind(self) -> GoalKind:
        return GoalKind.HOLD if self.hold is not None else GoalKind.MOVE

    @property
    def moves_to(self) -> float:
        """The target of a goal to move; a goal to hold has none (a ValueError: a bug to fix)."""
        if self.target is None:
            raise ValueError(f"goal '{self.id}' holds a band: it has no target")
        return self.target

    @property
    def marks(self) -> tuple[float, ...]:
        """The values its status turns on: its target, or its band's ends."""
        if self.hold is None:
            return (self.moves_to,)
        return tuple(end for end in (self.hold.min, self.hold.max) if end is not None)

    @property
    def numbers(self) -> list[float]:
        """Every number the plan writes for this goal: its precision is the team's."""
        band = [self.hold.min, self.hold.max] if self.hold else []
        written = [self.baseline, self.target, *band, *self.actuals.values()]
        return [n for n in written if n is not None]

    @property
    def share(self) -> float:
        """Its weight in the account's roll-up (1 when none is written)."""
        return 1.0 if self.weight is None else self.weight


class Milestone(_Model):
    id: Slug
    title: Text
    quarter: Literal["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8"]
    goals: list[Slug] = Field(default_factory=list)
    checkpoint: dict[Slug, Number] = Field(default_factory=dict)
    done: Day | None = None
    status: Literal["dropped"] | None = None  # an objective given up at a review (MilestoneStatus.DROPPED)
    internal: bool = False  # True: left out of client builds, with its actions


class Action(_Model):
    id: Slug
    title: Text
    milestone: Slug
    owner: Slug | None = None
    due: Day | None = None
    status: ActionStatusWord | None = Field(None, title="Status")  # the title a Literal had
    done: Day | None = None
    internal: bool = False  # True: left out of client builds, with its tasks


class Stakeholder(_Model):
    """A person of the client's the team keeps a relationship with: the team's alone (no client
    build holds any field of it)."""

    id: Slug
    name: Text
    role: Text | None = None
    influence: InfluenceWord = Influence.MEDIUM
    stance: StanceWord = Stance.UNKNOWN
    owner: Slug | None = None  # who keeps the relationship; default: the account owner


class Plan(_Model):
    """The front matter of one account plan."""

    account: Text
    id: Slug
    owner: Slug
    team: dict[Slug, Text]
    period: Period
    currency: Currency | None = None
    tags: list[Text] = Field(default_factory=list)
    follows: Slug | None = None  # id of this account's previous plan
    formerly: list[Text] = Field(default_factory=list)  # the account's earlier names (a renamed client)
    contact_every: Days | None = None  # days between client contacts
    stakeholders: list[Stakeholder] = Field(default_factory=list)  # the relationship map
    goals: list[Goal] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)


MODELS: dict[str, type[BaseModel]] = {
    "": Plan,
    "period": Period,
    "goals": Goal,
    "goals.hold": Hold,
    "milestones": Milestone,
    "actions": Action,
    "stakeholders": Stakeholder,
}


@dataclass(frozen=True)
class Every:
    """A recurring task's rhythm (`every:1m`) and the last day an occurrence may fall on."""

    count: int  # 1 or more
    unit: StepUnit
    until: date | None = None  # the plan's period.end (None: the plan's period is unknown)

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    def step(self, first: date, k: int) -> date:
        """Occurrence k (0: the first), counted from the first: a month step from the 29th-31st
        lands on a shorter month's last day and comes back (31 Jan, 28 Feb, 31 Mar)."""
        if self.unit == StepUnit.MONTH:
            return add_months(first, k * self.count)
        return first + timedelta(days=k * self.count * (7 if self.unit == StepUnit.WEEK else 1))


@dataclass(frozen=True)
class Task:
    """One checklist item of the plan's body."""

    text: str  # without its metadata tokens
    done: bool
    line: int  # 1-based line in the plan file
    owner: str  # handle: written, else the action's owner, else the account owner
    action: str | None  # action id, or None for an account-level task
    due: date | None = None
    done_on: date | None = None
    internal: bool = False
    kind: TaskKind = TaskKind.TASK
    met: tuple[str, ...] = ()  # the stakeholders a contact met (`with:cfo,buyer`), by id
    every: Every | None = None  # a recurring task (a series); done_on is then its latest completion
    completions: tuple[date, ...] = ()  # a series' done dates as written, in date order


@dataclass(frozen=True)
class PlanFile:
    """A valid plan: its front matter, its tasks and its Markdown body."""

    path: str  # as shown in messages, e.g. "plans/acme.md"
    plan: Plan
    tasks: tuple[Task, ...]
    body: str
    body_start: int  # 1-based file line where the body begins
    # the body's sections and task items, read once (core/sections.py): every output reads the
    # body through it; a file made with another body is made with that body's reading
    reading: sections.Reading
    warnings: tuple[Problem, ...] = ()  # problems that do not stop the plan (they fail --strict)
    lines: Mapping[tuple[str | int, ...], int] = field(default_factory=dict)  # front matter value -> line
    comma_warnings: tuple[Problem, ...] = ()  # warnings for sites that write decimals with a comma
    # done client contacts whose text this view leaves out: their days still count (a client view)
    contact_days: tuple[date, ...] = ()

    @property
    def id(self) -> str:
        return self.plan.id


@dataclass(frozen=True)
class Revision:
    """A commit as the site shows it: when, and by whom."""

    day: date
    author: str


@dataclass(frozen=True)
class PlanHistory:
    """What git knows of a plan: its last change, when each goal actual was entered, and the
    plan's text as committed on the days the quarterly review compares (None: not known)."""

    updated: Revision | None = None
    entered: Mapping[str, Mapping[date, Revision]] = field(default_factory=dict)  # goal id -> day -> rev
    texts: Mapping[date, str | None] | None = None  # day -> the file's text then (None: no file yet)
