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
        "every": None,  # v3: a plain task, not a recurring one
        "completions": ["2027-01-09"],
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


def hold_and_weights():
    """Revenue (weight 3) at 40% on Jul 2, its pace forecast 80%; a market share to keep at or
    above 35% (weight 1), at 36; as of Aug 15."""
    from .conftest import make_plan, revenue_goal

    share = {"id": "share", "title": "Share", "unit": "%", "baseline": 34, "hold": {"min": 35},
             "weight": 1, "actuals": {"2027-07-02": 36}}  # fmt: skip
    file = make_plan([revenue_goal(weight=3, actuals={"2027-07-02": 2700000}), share])
    return [(compute(file, D("2027-08-15")), file.tasks)]


def test_the_export_of_a_goal_to_hold_the_pace_forecast_and_the_weighted_roll_up():
    (acc,) = json.loads(accounts_json(hold_and_weights(), D("2027-08-15")))["accounts"]
    keys = ("kind", "target", "min", "max", "weight", "progress", "expected", "forecast", "forecast_progress")
    assert [{k: g[k] for k in ("id", *keys, "status")} for g in acc["goals"]] == [
        {"id": "revenue", "kind": "move", "target": 3000000, "min": None, "max": None, "weight": 3,
         "progress": 0.4, "expected": 0.6209, "forecast": 2900000, "forecast_progress": 0.8,
         "status": "on_track"},  # judged on Jul 2: 0.4 against 0.5 expected then
        {"id": "share", "kind": "hold", "target": None, "min": 35, "max": None, "weight": 1,
         "progress": 1.0, "expected": 1.0, "forecast": None, "forecast_progress": None,
         "status": "on_track"},
    ]  # fmt: skip
    # (3 x 0.4 + 1 x 1) / 4, and (3 x 226/364 + 1 x 1) / 4
    assert (acc["progress"], acc["expected"]) == (0.55, 0.7157)


def test_an_account_without_goals_exports_a_null_roll_up():
    from .conftest import make_plan

    file = make_plan()
    (acc,) = json.loads(accounts_json([(compute(file, D("2027-03-01")), file.tasks)], D("2027-03-01")))[
        "accounts"
    ]
    assert (acc["goals"], acc["progress"], acc["expected"]) == ([], None, None)


def test_the_export_of_goals_to_hold_and_weights_follows_its_schema():
    from jsonschema import Draft202012Validator

    from kamsite.render.schema import export_schema

    doc = json.loads(accounts_json(hold_and_weights(), D("2027-08-15")))
    check = Draft202012Validator(export_schema())
    assert list(check.iter_errors(doc)) == []
    doc["accounts"][0]["goals"][0]["weight"] = 0
    doc["accounts"][0]["goals"][1]["kind"] = "keep"
    assert sorted(e.message for e in check.iter_errors(doc)) == [
        "'keep' is not one of ['move', 'hold']",
        "0 is less than or equal to the minimum of 0",
    ]


def test_goals_csv_has_the_kind_the_band_the_weight_and_the_forecast():
    head, revenue, share = goals_csv(hold_and_weights()).removeprefix("\ufeff").splitlines()
    assert head.split(",")[-6:] == ["kind", "min", "max", "weight", "forecast", "forecast_progress"]
    assert revenue.split(",")[6] == "3000000" and revenue.split(",")[-6:] == [
        "move",
        "",
        "",
        "3",
        "2900000",
        "0.8",
    ]
    assert share.split(",")[6] == "" and share.split(",")[-6:] == ["hold", "35", "", "1", "", ""]
