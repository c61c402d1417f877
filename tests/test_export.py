"""The JSON export matches the plan format's example, key for key."""

import json

from kamsite.core.parse import parse_plan
from kamsite.core.progress import compute
from kamsite.render.export import accounts_json, actions_csv, fraction, goals_csv, number, tasks_csv
from kamsite.render.formats import Formats

from .conftest import BASE, D, format_example


def test_the_export_of_the_format_example():
    file = format_example()
    doc = json.loads(accounts_json([(compute(file, D("2027-05-15")), file.tasks)], D("2027-05-15")))
    assert doc["as_of"] == "2027-05-15"
    (acc,) = doc["accounts"]
    assert {k: acc[k] for k in ("id", "account", "owner", "health")} == {
        "id": "acme",
        "account": "Acme",
        "owner": "ana",
        "health": "at_risk",
    }
    (goal,) = acc["goals"]
    assert {
        k: goal[k] for k in ("id", "baseline", "target", "current", "progress", "expected", "status")
    } == {
        "id": "revenue",
        "baseline": 2500000,
        "target": 3000000,
        "current": 2610000,
        "progress": 0.22,
        "expected": 0.3309,
        "status": "on_track",
    }  # v2: 4 decimals, judged on 03-31
    (milestone,) = acc["milestones"]
    assert {k: milestone[k] for k in ("id", "quarter", "due", "status", "progress")} == {
        "id": "q1-renewal",
        "quarter": "Q1",
        "due": "2027-03-31",
        "status": "done",
        "progress": 1.0,
    }
    (action,) = acc["actions"]
    assert {k: action[k] for k in ("id", "milestone", "owner", "due", "status", "progress", "overdue")} == {
        "id": "exec-workshop",
        "milestone": "q1-renewal",
        "owner": "bruno",
        "due": "2027-02-15",
        "status": "doing",
        "progress": 0.3333,
        "overdue": True,
    }
    first, second, third = acc["tasks"]
    assert first == {
        "text": "Agendar reunião com o CFO",
        "kind": "task",
        "action": "exec-workshop",
        "owner": "bruno",
        "due": "2027-01-10",
        "done": True,
        "done_on": "2027-01-09",
        "line": first["line"],
    }
    assert [t["line"] for t in acc["tasks"]] == [first["line"], first["line"] + 1, first["line"] + 3]
    assert second["done_on"] is None and second["owner"] == "bruno"
    assert (third["action"], third["owner"]) == ("exec-workshop", "ana")


# -- version 2 --------------------------------------------------------------------------


def test_the_export_has_the_v2_keys_and_a_task_done_later_is_not_done():
    file = format_example()
    doc = json.loads(accounts_json([(compute(file, D("2027-01-05")), file.tasks)], D("2027-01-05")))
    (acc,) = doc["accounts"]
    assert {k: acc[k] for k in ("closed", "follows", "last_contact", "contact_overdue", "health_causes")} == {
        "closed": False,
        "follows": None,
        "last_contact": None,
        "contact_overdue": False,
        "health_causes": [],
    }
    assert {k: acc["goals"][0][k] for k in ("measured_on", "stale")} == {"measured_on": None, "stale": False}
    first = acc["tasks"][0]  # ticked with done:2027-01-09, after as_of
    assert (first["kind"], first["done"], first["done_on"]) == ("task", False, "2027-01-09")


def test_health_causes_name_what_set_the_health():
    file = format_example()
    (acc,) = json.loads(accounts_json([(compute(file, D("2027-05-15")), file.tasks)], D("2027-05-15")))[
        "accounts"
    ]
    lines = [t["line"] for t in acc["tasks"] if not t["done"]]
    assert acc["health_causes"] == ["action_overdue:exec-workshop", *(f"task_overdue:{n}" for n in lines)]


def test_fractions_are_rounded_half_away_from_zero_to_4_decimals():
    assert (fraction(0.00005), fraction(-0.00005), fraction(1 / 3), fraction(0.12345)) == (
        0.0001,
        -0.0001,
        0.3333,
        0.1235,
    )


def records(text="Plain", action_title='=HYPERLINK("http://x")'):
    file = parse_plan(
        BASE.replace("    title: Act", f"    title: '{action_title}'") + f"- [ ] {text} due:2027-02-01\n",
        "plans/acme.md",
    )
    return [(compute(file, D("2027-03-01")), file.tasks)]


def test_csv_cells_a_spreadsheet_would_run_as_formulas_get_a_leading_quote():
    out = actions_csv(records(action_title='=HYPERLINK("http://x")'))
    assert '\'=HYPERLINK(""http://x"")' in out
    tasks = tasks_csv(records(text="-2+3 @bruno"))
    assert ",'-2+3," in tasks


def test_csv_numbers_stay_numbers_even_when_negative():
    lead = BASE.replace("    baseline: 100", "    baseline: 100\n    actuals:\n      2027-02-01: 88.5")
    file = parse_plan(lead, "plans/acme.md")
    out = goals_csv([(compute(file, D("2027-03-01")), file.tasks)])
    row = out.splitlines()[1].split(",")
    assert row[5:10] == ["100", "200", "88.5", "-0.115", row[9]]


def test_csv_is_utf8_with_a_bom_and_pt_br_writes_semicolons_and_decimal_commas():
    lead = BASE.replace("    baseline: 100", "    baseline: 100\n    actuals:\n      2027-02-01: 88.5")
    file = parse_plan(lead.replace("account: Acme", "account: Açaí, Ltda."), "plans/acme.md")
    records = [(compute(file, D("2027-03-01")), file.tasks)]
    en, pt = goals_csv(records), goals_csv(records, Formats("pt_BR"))
    assert en.startswith("\ufeffaccount_id,account,id,") and pt.startswith("\ufeffaccount_id;account;id;")
    assert pt.splitlines()[1].split(";")[1:8] == [
        "Açaí, Ltda.",
        "revenue",
        "Revenue",
        "BRL",
        "100",
        "200",
        "88,5",
    ]


# -- version 3 --------------------------------------------------------------------------


def test_a_closed_plans_actions_are_exported_as_not_overdue():
    file = format_example()
    doc = json.loads(accounts_json([(compute(file, D("2028-01-01")), file.tasks)], D("2028-01-01")))
    (acc,) = doc["accounts"]
    assert (acc["closed"], [a["overdue"] for a in acc["actions"]]) == (True, [False])


def test_the_export_never_writes_minus_zero():
    """A progress a hair below zero rounds to 0.0, not -0.0."""
    assert json.dumps([fraction(-0.00004), fraction(-0.0), number(-0.0), number(-0.0004)]) == (
        "[0.0, 0.0, 0, -0.0004]"
    )
