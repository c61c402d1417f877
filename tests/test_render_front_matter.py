"""A plan's front matter written from the model (render/front_matter.py; reading it is
core/frontmatter.py's, test_core_frontmatter.py), and the plans `kamsite next` and `kamsite new --from`
derive from a plan with every field set: each field is carried, or reset on purpose."""

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from kamsite.core.model import Action, Goal, Milestone, Plan, Stakeholder, Unit
from kamsite.core.parse import parse_plan
from kamsite.render.front_matter import front_matter
from kamsite.shell.cli import main

from .conftest import make_plan, revenue_goal

# A plan with every field of the model set, in some carried item, to a value other than its default.
FULL: dict[str, Any] = {
    "account": "Acme",
    "id": "acme-2027",
    "owner": "ana",
    "team": {"ana": "Ana Souza", "bruno": "Bruno Lima"},
    "period": {"start": "2027-01-01", "end": "2027-12-31"},
    "follows": "acme-2026",
    "formerly": ["Acme Old Name"],
    "currency": "BRL",
    "tags": ["south", "health"],
    "contact_every": 21,
    "stakeholders": [
        {
            "id": "cfo",
            "name": "Mariana Costa",
            "role": "CFO",
            "influence": "high",
            "stance": "champion",
            "owner": "bruno",
        },
        {"id": "buyer", "name": "Paulo Reis"},
    ],
    "goals": [
        {
            **revenue_goal(actuals={"2027-06-30": 2700000, "2027-12-31": 2900000}),
            "measure_every": 30,
        },
        {
            "id": "beds",
            "title": "Hospitals served",
            "unit": {"one": "hospital", "other": "hospitais"},
            "baseline": 4,
            "target": 6,
            "actuals": {"2027-12-31": 5},
            "measure_every": 60,
            "internal": True,
        },
        {
            "id": "share",
            "title": "Market share",
            "unit": "%",
            "baseline": 34,
            "hold": {"min": 33, "max": 37},
            "weight": 2,
            "actuals": {"2027-12-31": 36},
        },
    ],
    "milestones": [
        {
            "id": "q1",
            "title": "Renew the contract",
            "quarter": "Q1",
            "goals": ["revenue"],
            "checkpoint": {"revenue": 2600000},
            "done": "2027-03-20",
        },
        {
            "id": "q2-margin",
            "title": "Recover last year's margin",
            "quarter": "Q2",
            "goals": ["beds"],
            "checkpoint": {"beds": 5},
            "internal": True,
        },
        {"id": "gone", "title": "Given up", "quarter": "Q3", "status": "dropped"},
    ],
    "actions": [
        {
            "id": "workshop",
            "title": "Roadmap workshop",
            "milestone": "q1",
            "owner": "bruno",
            "due": "2027-02-15",
            "status": "done",
            "done": "2027-02-10",
        },
        {
            "id": "squeeze",
            "title": "Squeeze the client on price",
            "milestone": "q1",
            "due": "2027-03-10",
            "status": "doing",
            "internal": True,
        },
        {"id": "margin-study", "title": "Margin study", "milestone": "q2-margin", "due": "2027-05-20"},
        {"id": "left", "title": "Left behind", "milestone": "q1", "status": "dropped"},
        {"id": "orphan", "title": "Orphan", "milestone": "gone"},
    ],
}
BODY = """\
## Our commitment to Acme {.client #promise}
- [ ] Monthly report to Acme due:2027-02-05
## Roadmap workshop {#workshop}
- [x] Book the room done:2027-01-20
- [ ] Send the agenda @bruno due:2027-02-01
## Price {#squeeze}
- [ ] Call the buyer about the price due:2027-03-01
## Notes {.internal}
- [ ] Ask finance for the margin report due:2027-04-01
- [ ] 📞 Lunch with the CFO with:cfo,buyer due:2027-04-10
"""
EARLIER = {
    "account": "Acme",
    "id": "acme-2026",
    "owner": "ana",
    "team": {"ana": "Ana Souza"},
    "period": {"start": "2026-01-01", "end": "2026-12-31"},
}
ITEMS = {"goals": Goal, "milestones": Milestone, "actions": Action, "stakeholders": Stakeholder}

# The fields each command sets on purpose; every other field must come through as written.
NEXT_RESETS: dict[type[BaseModel], set[str]] = {
    Plan: {"id", "period", "follows"},
    Goal: {"baseline", "target", "actuals"},  # from the last actual, with a target to review
    Milestone: {"checkpoint", "done", "status"},
    Action: {"due", "status", "done"},  # due moved with the period
    Stakeholder: set(),  # the same client's people
}
FROM_RESETS: dict[type[BaseModel], set[str]] = {
    # another account's plan: its own name, people (the team's and the client's) and history
    Plan: {"account", "id", "owner", "team", "period", "follows", "formerly", "stakeholders"},
    Goal: {"actuals"},
    Milestone: {"done", "status"},
    Action: {"due", "status", "done"},
}


def full_plans(root: Path) -> Path:
    """A plans folder with FULL (as plans/acme-2027.md) and the plan it follows."""
    plans = root / "plans"
    plans.mkdir()
    for data, body in ((FULL, BODY), (EARLIER, "")):
        text = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body
        (plans / f"{data['id']}.md").write_text(text, encoding="utf-8")
    return plans


def written(path: Path) -> Plan:
    return parse_plan(path.read_text(encoding="utf-8"), str(path)).plan


def shown(value: Any) -> Any:
    """A value as compared: a unit with both its forms (as a str it compares only one)."""
    return value.written() if isinstance(value, Unit) else value


def assert_carried(old: Plan, new: Plan, resets: dict[type[BaseModel], set[str]]) -> None:
    """Every field of the plan and of each item `new` kept is as in `old`, unless reset on purpose;
    and each field compared is set in `old` (not its default), so that the comparison can fail."""
    pairs: list[tuple[type[BaseModel], list[tuple[Any, Any]]]] = [(Plan, [(old, new)])]
    for kind, model in ITEMS.items():
        if kind in resets[Plan]:  # none of them is carried
            assert getattr(new, kind) == [], kind
            continue
        by_id = {item.id: item for item in getattr(old, kind)}
        pairs.append((model, [(by_id[item.id], item) for item in getattr(new, kind)]))
    for model, kept in pairs:
        for name, info in model.model_fields.items():
            if name in resets[model] or (model is Plan and name in ITEMS):
                continue
            default = shown(info.get_default(call_default_factory=True))
            assert any(shown(getattr(a, name)) != default for a, _ in kept), (
                f"FULL sets no {model.__name__}.{name}: set it, or list it as reset"
            )
            for a, b in kept:
                assert shown(getattr(b, name)) == shown(getattr(a, name)), (
                    f"{model.__name__}.{name} of {a.id}"
                )


def test_the_front_matter_reads_in_order_with_both_unit_forms_and_whole_numbers():
    """Numbers read as floats are written as the plan writer would (3000000, not 3000000.0)."""
    plan = make_plan(
        goals=[
            {**revenue_goal(), "internal": True, "actuals": {"2027-03-31": 2600000.5}},
            {
                "id": "beds",
                "title": "Beds",
                "unit": {"one": "hospital", "other": "hospitais"},
                "baseline": 1,
                "target": 3,
            },
        ],
        contact_every=14,
        currency="BRL",
    ).plan
    assert front_matter(plan) == (
        "account: Acme\nid: acme\nowner: ana\nteam:\n  ana: Ana Souza\n  bruno: Bruno Lima\n"
        "period:\n  start: 2027-01-01\n  end: 2027-12-31\ncurrency: BRL\ncontact_every: 14\n"
        "goals:\n  - id: revenue\n    title: Revenue\n    unit: BRL\n    baseline: 2500000\n"
        "    target: 3000000\n    actuals:\n      2027-03-31: 2600000.5\n    internal: true\n"
        "  - id: beds\n    title: Beds\n    unit:\n      one: hospital\n      other: hospitais\n"
        "    baseline: 1\n    target: 3\n"
        "milestones: []\nactions: []\n"
    )


def test_a_plan_written_from_the_model_reads_back_as_the_same_plan(tmp_path):
    plan = written(full_plans(tmp_path) / "acme-2027.md")
    again = parse_plan(f"---\n{front_matter(plan)}---\n", "plans/acme-2027.md").plan
    assert again == plan
    assert [shown(g.unit) for g in again.goals] == ["BRL", {"one": "hospital", "other": "hospitais"}, "%"]


def test_next_carries_every_field_but_those_it_resets_on_purpose(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plans = full_plans(tmp_path)
    assert main(["next", "acme-2027", "--plans-dir", str(plans)]) == 0
    old, new = written(plans / "acme-2027.md"), written(plans / "acme-2028.md")
    assert_carried(old, new, NEXT_RESETS)
    assert (new.id, new.follows, new.period.start, new.period.end) == (
        "acme-2028",
        "acme-2027",
        date(2028, 1, 1),
        date(2028, 12, 31),
    )
    assert [(g.id, g.baseline, g.target, g.actuals) for g in new.goals] == [
        ("revenue", 2900000, 3500000, {}),  # x1.2, to two significant digits (3 000 000 has one)
        ("beds", 5, 8, {}),  # x1.5 from the last actual, to whole hospitals
        ("share", 36, None, {}),  # a goal to hold keeps its band (and weight) from its last actual
    ]
    assert [(m.id, m.checkpoint, m.done, m.status) for m in new.milestones] == [
        ("q1", {}, None, None),
        ("q2-margin", {}, None, None),
    ]
    assert [(a.id, a.due, a.status, a.done) for a in new.actions] == [
        ("workshop", date(2028, 2, 15), None, None),
        ("squeeze", date(2028, 3, 10), None, None),
        ("margin-study", date(2028, 5, 20), None, None),
    ]
    assert (plans / "acme-2028.md").read_text(encoding="utf-8").count("  # review: x1.") == 2


def test_new_from_carries_every_field_but_those_it_resets_on_purpose(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plans = full_plans(tmp_path)
    args = ["new", "delta", "--account", "Delta", "--owner", "dani", "--name", "Dani Reis"]
    assert main([*args, "--from", "acme-2027", "--start", "2028-01-01", "--plans-dir", str(plans)]) == 0
    old, new = written(plans / "acme-2027.md"), written(plans / "delta.md")
    assert_carried(old, new, FROM_RESETS)
    assert (new.account, new.id, new.owner, new.follows, new.period.start, new.period.end) == (
        "Delta",
        "delta",
        "dani",
        None,
        date(2028, 1, 1),
        date(2028, 12, 31),
    )
    assert new.team == {**old.team, "dani": "Dani Reis"}
    assert [(g.id, g.actuals) for g in new.goals] == [("revenue", {}), ("beds", {}), ("share", {})]
    assert [(m.id, m.done, m.status) for m in new.milestones] == [
        ("q1", None, None),
        ("q2-margin", None, None),
    ]
    assert [(a.id, a.due, a.status, a.done) for a in new.actions] == [
        ("workshop", date(2028, 2, 15), None, None),
        ("squeeze", date(2028, 3, 10), None, None),
        ("margin-study", date(2028, 5, 20), None, None),
    ]


def test_new_from_shares_nothing_of_another_clients_plan_and_next_keeps_what_was_shared(
    tmp_path, monkeypatch
):
    """A commitment written for Acme is not shown on Delta's site until the team decides."""
    monkeypatch.chdir(tmp_path)
    plans = full_plans(tmp_path)
    args = ["new", "delta", "--account", "Delta", "--owner", "dani", "--name", "Dani Reis"]
    assert main([*args, "--from", "acme-2027", "--start", "2028-01-01", "--plans-dir", str(plans)]) == 0
    text = (plans / "delta.md").read_text(encoding="utf-8")
    assert "## Our commitment to Acme {#promise}\n" in text and ".client" not in text
    assert "- [ ] 📞 Lunch with the CFO due:2028-04-10\n" in text  # Acme's people are not Delta's
    assert "Mariana" not in text and "with:" not in text
    assert main(["next", "acme-2027", "--plans-dir", str(plans)]) == 0
    following = (plans / "acme-2028.md").read_text(encoding="utf-8")
    assert "## Our commitment to Acme {.client #promise}\n" in following
    assert "- [ ] 📞 Lunch with the CFO with:cfo,buyer due:2027-04-10\n" in following  # still owed
