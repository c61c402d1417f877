"""The plan's JSON Schema and `kamsite check` agree on which front matters are plans (format v3 §9.13).

What agreement means here. `kamsite check` (parse_plan) reads a front matter in two layers: its
shape (keys, types, words, ids, dates, number ranges: what one field says on its own) and rules
across fields (dates in order, references between items, unique ids, checkpoints on the goal's
path). A JSON Schema can say the first layer and not the second. So, for front matters drawn at
random:

- every plan `kamsite check` accepts, the schema accepts (an editor never marks a valid plan wrong);
- every plan broken in one field, in a way the schema can say (an unknown key, a missing required
  key, a wrong type, a word outside its vocabulary, an id that is not a slug, a date that is not
  a plan's, a number beyond 10^15, a weight of 0 or below, blank text, a currency that is not
  ISO 4217, a goal with both or neither of target and hold, an empty band), both reject.

On these front matters the two verdicts are equal. The schema does not see rules across fields,
nor two things JSON cannot tell apart: a number written with more than 15 significant digits,
and 30.0 written for a whole number of days; no draw here breaks those.

Both read the same YAML text, the schema as an editor reads it: plain values, dates as text.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from random import Random
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from kamsite.core import frontmatter, quarters
from kamsite.render.schema import plan_schema

from .conftest import problems

Draft202012Validator.check_schema(plan_schema())
SCHEMA = Draft202012Validator(plan_schema(), format_checker=FormatChecker())
SAMPLE = 8  # broken copies of each drawn plan
RUNS = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

# -- valid plans --------------------------------------------------------------------------------

slugs = st.from_regex(r"[a-z][a-z0-9-]{0,7}", fullmatch=True)
texts = st.text(alphabet="abcdefgh ÁçãéZ-", min_size=1, max_size=10).filter(str.strip)
numbers = st.one_of(st.integers(-(10**9), 10**9), st.integers(-(10**8), 10**8).map(lambda n: n / 100))
days = st.integers(1, 36500)
words = {
    "action status": ["todo", "doing", "done", "blocked", "dropped"],
    "influence": ["high", "medium", "low"],
    "stance": ["champion", "supporter", "neutral", "critic", "unknown"],
}


def optional(draw: Any, record: dict[str, Any], key: str, values: Any, nullable: bool = True) -> None:
    """Leave `key` out, write it, or (when the model takes None) write it as null."""
    choice = draw(st.sampled_from(["absent", "value", "null"] if nullable else ["absent", "value"]))
    if choice == "value":
        record[key] = draw(values)
    elif choice == "null":
        record[key] = None


def ids(draw: Any, most: int, least: int = 0) -> list[str]:
    return draw(st.lists(slugs, min_size=least, max_size=most, unique=True))


@st.composite
def goal(draw: Any, gid: str, start: date, end: date) -> dict[str, Any]:
    item: dict[str, Any] = {"id": gid, "title": draw(texts), "baseline": draw(numbers)}
    if draw(st.booleans()):
        item["target"] = draw(numbers.filter(lambda n: n != item["baseline"]))
        optional(draw, item, "hold", st.none())
    else:
        low, high = sorted(draw(st.lists(numbers, min_size=2, max_size=2)))
        item["hold"] = draw(st.sampled_from([{"min": low}, {"max": high}, {"min": low, "max": high}]))
        if draw(st.booleans()):
            item["hold"][draw(st.sampled_from(["min", "max"]))] = None if len(item["hold"]) == 2 else low
        optional(draw, item, "target", st.none())
    optional(
        draw, item, "unit", st.one_of(texts, st.fixed_dictionaries({"one": texts, "other": texts})), False
    )
    optional(draw, item, "weight", st.integers(1, 40).map(lambda n: n / 4))
    optional(draw, item, "measure_every", days)
    optional(draw, item, "internal", st.booleans(), False)
    optional(draw, item, "actuals", st.dictionaries(st.dates(start, end), numbers, max_size=3), False)
    return item


@st.composite
def plans(draw: Any) -> dict[str, Any]:
    """A front matter `kamsite check` accepts, with every optional key left out, written or null."""
    handles = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    start = draw(st.dates(date(1900, 1, 1), date(2197, 1, 1)))
    end = start + timedelta(days=draw(st.integers(100, 730)))
    plan: dict[str, Any] = {"account": draw(texts)}
    optional(draw, plan, "id", slugs, False)
    plan |= {"owner": handles[0], "team": {h: draw(texts) for h in handles}, "period": {"start": start}}
    plan["period"]["end"] = end
    optional(draw, plan, "currency", st.sampled_from(["BRL", "EUR", "USD", "JPY"]))
    optional(draw, plan, "tags", st.lists(texts, max_size=2), False)
    optional(draw, plan, "follows", slugs)
    optional(draw, plan, "formerly", st.lists(texts, max_size=2), False)
    optional(draw, plan, "contact_every", days)
    dates, handle = st.dates(date(1900, 1, 1), date(2199, 12, 31)), st.sampled_from(handles)

    people = []
    for pid in ids(draw, 2):
        person: dict[str, Any] = {"id": pid, "name": draw(texts)}
        optional(draw, person, "role", texts)
        optional(draw, person, "influence", st.sampled_from(words["influence"]), False)
        optional(draw, person, "stance", st.sampled_from(words["stance"]), False)
        optional(draw, person, "owner", handle)
        people.append(person)

    goals = [draw(goal(gid, start, end)) for gid in ids(draw, 3, least=1)]
    moving = [g for g in goals if g.get("target") is not None]
    milestones, marked = [], set()  # marked: (goal, quarter) with a checkpoint
    for mid in ids(draw, 3):
        ms: dict[str, Any] = {"id": mid, "title": draw(texts)}
        ms["quarter"] = quarter = draw(st.sampled_from(quarters.quarters_of(start, end)))
        gids = st.lists(st.sampled_from([g["id"] for g in goals]), unique=True) if goals else st.just([])
        optional(draw, ms, "goals", gids, False)
        last = quarters.milestone_due(start, end, quarter) == end  # its checkpoint is the target
        free = [g for g in moving if (g["id"], quarter) not in marked]
        if free and draw(st.booleans()):
            picked = draw(st.lists(st.sampled_from(free), min_size=1, unique_by=lambda g: g["id"]))
            ms["checkpoint"] = {g["id"]: g["target"] if last else g["baseline"] for g in picked}
            marked |= {(g["id"], quarter) for g in picked}
        if draw(st.booleans()):
            optional(draw, ms, "done", dates)
        else:
            optional(draw, ms, "status", st.just("dropped"))
        optional(draw, ms, "internal", st.booleans(), False)
        milestones.append(ms)

    actions = []
    for aid in ids(draw, 3) if milestones else []:
        action: dict[str, Any] = {"id": aid, "title": draw(texts)}
        action["milestone"] = draw(st.sampled_from([m["id"] for m in milestones]))
        optional(draw, action, "owner", handle)
        optional(draw, action, "due", dates)
        optional(draw, action, "status", st.sampled_from(words["action status"]))
        if action.get("status") in (None, "done"):
            optional(draw, action, "done", dates)
        optional(draw, action, "internal", st.booleans(), False)
        actions.append(action)

    for key, items in (("stakeholders", people), ("goals", goals), ("milestones", milestones)):
        if items or draw(st.booleans()):
            plan[key] = items
    if actions or draw(st.booleans()):
        plan["actions"] = actions
    return plan


# -- one field broken, in a way a schema can say --------------------------------------------------

TEXT = [5, True, "", "   ", "a\x07b", ["a"], {"a": "b"}]
SLUG = ["Acme", "joão", "-x", "a b", "a_b", 5, ""]
NUMBER = ["many", True, [1], {"a": 1}, 10**16, -(10**16), 2.5e15]
DAY = ["2027/01/31", "31/12/2027", "2027-02-30", "2027-1-5", "1899-12-31", "2200-01-01", 20270131, True]
DAYS = [0, -5, 36501, "30", True, 2.5]
LIST = [{"a": 1}, "x", [5]]
WRONG: dict[str, list[Any]] = {
    "text": TEXT,
    "slug": SLUG,
    "number": NUMBER,
    "day": DAY,
    "days": DAYS,
    "bool": ["yes", "true", 1],
    "weight": [0, -1, -0.5, "2", True, 10**16],
    "quarter": ["Q0", "Q9", "q1", 1, "Q 1"],
    "milestone status": ["done", "Dropped", 5],
    "action status": ["finished", "Done", 1],
    "influence": ["huge", "High"],
    "stance": ["friend", ""],
    "currency": ["XYZ", "brl", "", 5],
    "team": [["ana"], {"Ana": "Ana Souza"}, {"ana": ""}, {"ana": 5}, "ana"],
    "texts": ["a", {"a": "b"}, [5], [""]],
    "slugs": ["revenue", [5], ["Revenue"]],
    "checkpoint": [{"Revenue": 5}, {"x": "5"}, {"x": None}, [5]],
    "actuals": [{"2027/03/31": 5}, {"2027-02-30": 5}, {"1899-12-31": 5}, {"2027-01-01": "5"}, [5]],
    "records": LIST,
    "period": ["2027", [1]],
    "hold": [{}, {"min": None}, {"min": None, "max": None}, [1, 2], "35", {"min": "35"}],
    "unit": ["", 5, {"one": "x"}, {"one": "a", "other": "b", "few": "c"}, ["a"]],
}
# record -> key -> (kind of value, whether null is a valid value)
FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "plan": {
        "account": ("text", False),
        "id": ("slug", False),
        "owner": ("slug", False),
        "team": ("team", False),
        "period": ("period", False),
        "currency": ("currency", True),
        "tags": ("texts", False),
        "follows": ("slug", True),
        "formerly": ("texts", False),
        "contact_every": ("days", True),
        "stakeholders": ("records", False),
        "goals": ("records", False),
        "milestones": ("records", False),
        "actions": ("records", False),
    },
    "period": {"start": ("day", False), "end": ("day", False)},
    "goal": {
        "id": ("slug", False),
        "title": ("text", False),
        "unit": ("unit", False),
        "baseline": ("number", False),
        "target": ("number", True),
        "hold": ("hold", True),
        "weight": ("weight", True),
        "actuals": ("actuals", False),
        "measure_every": ("days", True),
        "internal": ("bool", False),
    },
    "hold": {"min": ("number", True), "max": ("number", True)},
    "unit": {"one": ("text", False), "other": ("text", False)},
    "milestone": {
        "id": ("slug", False),
        "title": ("text", False),
        "quarter": ("quarter", False),
        "goals": ("slugs", False),
        "checkpoint": ("checkpoint", False),
        "done": ("day", True),
        "status": ("milestone status", True),
        "internal": ("bool", False),
    },
    "action": {
        "id": ("slug", False),
        "title": ("text", False),
        "milestone": ("slug", False),
        "owner": ("slug", True),
        "due": ("day", True),
        "status": ("action status", True),
        "done": ("day", True),
        "internal": ("bool", False),
    },
    "stakeholder": {
        "id": ("slug", False),
        "name": ("text", False),
        "role": ("text", True),
        "influence": ("influence", False),
        "stance": ("stance", False),
        "owner": ("slug", True),
    },
}
REQUIRED = {
    "plan": ["account", "owner", "team", "period"],
    "period": ["start", "end"],
    "goal": ["id", "title", "baseline", "target", "hold"],  # a goal without its target or band
    "hold": [],
    "unit": ["one", "other"],
    "milestone": ["id", "title", "quarter"],
    "action": ["id", "title", "milestone"],
    "stakeholder": ["id", "name"],
}
ITEMS = {"goals": "goal", "milestones": "milestone", "actions": "action", "stakeholders": "stakeholder"}

Path = tuple[str | int, ...]


def records(plan: dict[str, Any]) -> list[tuple[Path, str]]:
    """Where the plan's mappings are, and what each is."""
    found: list[tuple[Path, str]] = [((), "plan"), (("period",), "period")]
    for key, kind in ITEMS.items():
        for i, item in enumerate(plan.get(key, [])):
            found.append(((key, i), kind))
            found += [((key, i, k), k) for k in ("hold", "unit") if isinstance(item.get(k), dict)]
    return found


def at(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def breakages(plan: dict[str, Any]) -> st.SearchStrategy[list[tuple[str, dict[str, Any]]]]:
    """Copies of the plan, each with one field broken: (what was broken, the broken front matter),
    drawn evenly from every way to break each of its fields."""
    ways: list[tuple[str, Path, Callable[[dict[str, Any]], None]]] = []
    for path, kind in records(plan):
        record, where = at(plan, path), ".".join(map(str, path)) or "front matter"
        ways.append((f"{where}: unknown key", path, lambda r: r.update(notes="x")))
        for key in record:
            if key + "s" not in FIELDS[kind]:
                ways.append(
                    (f"{where}.{key}: misspelt", path, lambda r, k=key: r.update({k + "s": r.pop(k)}))
                )
        for key in REQUIRED[kind]:
            if record.get(key) is not None:
                ways.append((f"{where}.{key}: left out", path, lambda r, k=key: r.pop(k)))
        if kind == "goal":
            both = {"hold": {"min": 1}} if record.get("target") is not None else {"target": 1}
            ways.append((f"{where}: target and hold", path, lambda r, b=both: r.update(b)))
        for key, (value_kind, nullable) in FIELDS[kind].items():
            for value in WRONG[value_kind] + ([] if nullable else [None]):
                ways.append((f"{where}.{key}: {value!r}", path, lambda r, k=key, v=value: r.update({k: v})))

    def broken(way: tuple[str, Path, Callable[[dict[str, Any]], None]]) -> tuple[str, dict[str, Any]]:
        what, path, change = way
        wrong = copy.deepcopy(plan)
        change(at(wrong, path))
        return what, wrong

    # a sample from a drawn seed: Hypothesis's own choices lean to the first ways of a list
    return st.integers(0, 2**32).map(lambda seed: [broken(w) for w in Random(seed).sample(ways, SAMPLE)])


# -- the two readers ------------------------------------------------------------------------------


def plan_text(data: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


def schema_errors(text: str) -> list[str]:
    """The schema's verdict on the front matter as an editor reads it: plain values, dates as text."""
    data = frontmatter.read(text, "plans/acme.md").data
    as_json = json.loads(json.dumps(data, default=lambda d: float(d) if isinstance(d, Decimal) else str(d)))
    return [f"{list(e.absolute_path)}: {e.message}" for e in SCHEMA.iter_errors(as_json)]


@RUNS
@given(plans())
def test_the_schema_accepts_every_plan_kamsite_check_accepts(plan):
    text = plan_text(plan)
    assert problems(text) == []  # a valid plan, as drawn
    assert schema_errors(text) == [], text


@RUNS
@given(plans().flatmap(breakages))
def test_the_schema_rejects_every_plan_broken_in_a_way_a_schema_can_say(broken):
    for what, plan in broken:
        text = plan_text(plan)
        assert problems(text) != [], what
        assert schema_errors(text) != [], what
