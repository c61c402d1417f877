"""Every validation rule of the plan format: its message and the line it points at."""

import pytest

from kamsite.core.parse import parse_plan

from .conftest import BASE, problems


def test_the_base_plan_is_valid_and_its_id_defaults_to_the_file_stem():
    assert problems(BASE) == []
    assert parse_plan(BASE, "plans/south/acme-sa.md").id == "acme-sa"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("account: Acme\n", "", "plans/acme.md:2: account: is required"),
        ("    title: Revenue\n", "", "plans/acme.md:9: goals[0].title: is required"),
        ("    milestone: q1\n", "", "plans/acme.md:20: actions[0].milestone: is required"),
        ("    unit: BRL", "    units: BRL",
         "plans/acme.md:11: goals[0].units: unknown key. Did you mean 'unit'?"),
        ("    baseline: 100", "    baseline: lots",
         "plans/acme.md:12: goals[0].baseline: 'lots' is not a number"),
        ("    title: Revenue", "    title: 2027",
         "plans/acme.md:10: goals[0].title: '2027' is not text: put it in quotes"),
        ("    goals: [revenue]", "    goals: revenue",
         "plans/acme.md:18: milestones[0].goals: must be a list"),
        ("period: {start: 2027-01-01, end: 2027-12-31}", "period: {start: 2027-02-30, end: 2027-12-31}",
         "plans/acme.md:7: period.start: '2027-02-30' is an impossible date"),
        ("period: {start: 2027-01-01, end: 2027-12-31}", "period: {start: 2027-01-01, end: next year}",
         "plans/acme.md:7: period.end: 'next year' is not a date: write it as YYYY-MM-DD"),
        ("    target: 200", "    target: 100",
         "plans/acme.md:13: goals[0].target: must differ from baseline (both 100)"),
        ("    target: 200", "    target: .inf",
         "plans/acme.md:13: goals[0].target: 'inf' is not a finite number"),
        ("    baseline: 100", "    baseline: .nan",
         "plans/acme.md:12: goals[0].baseline: 'nan' is not a finite number"),
        ("    quarter: Q1", "    quarter: Q5",
         "plans/acme.md:17: milestones[0].quarter: must be one of 'Q1', 'Q2', 'Q3' or 'Q4'"),
        ("period: {start: 2027-01-01, end: 2027-12-31}", "period: {start: 2027-01-01, end: 2027-02-28}",
         "plans/acme.md:17: milestones[0].quarter: Q1 ends on 2027-03-31, after the period ends (2027-02-28)"),
        ("period: {start: 2027-01-01, end: 2027-12-31}", "period: {start: 2027-12-31, end: 2027-01-01}",
         "plans/acme.md:7: period.end: must be after period.start (2027-12-31)"),
        ("    target: 200\n", "    target: 200\n    actuals:\n      2028-01-05: 150\n",
         "plans/acme.md:15: goals[0].actuals.2028-01-05: 2028-01-05 is outside the period 2027-01-01 to 2027-12-31"),
        ("    goals: [revenue]", "    goals: [revenu]",
         "plans/acme.md:18: milestones[0].goals[0]: unknown goal 'revenu'. Did you mean 'revenue'?"),
        ("    goals: [revenue]", "    checkpoint: {profit: 5}",
         "plans/acme.md:18: milestones[0].checkpoint.profit: unknown goal 'profit'."),
        ("    milestone: q1", "    milestone: q2",
         "plans/acme.md:22: actions[0].milestone: unknown milestone 'q2'."),
        ("    owner: bruno", "    owner: bruna",
         "plans/acme.md:23: actions[0].owner: unknown handle 'bruna'. Did you mean 'bruno'?"),
        ("owner: ana", "owner: carla", "plans/acme.md:3: owner: unknown handle 'carla'."),
        ("  - id: act", "  - id: Act 1",
         "plans/acme.md:20: actions[0].id: 'Act 1' is not a safe id: use lowercase letters, digits"
         " and '-', starting with a letter or digit"),
        ("account: Acme\n", "account: Acme\nid: ../etc\n",
         "plans/acme.md:3: id: '../etc' is not a safe id: use lowercase letters, digits and '-',"
         " starting with a letter or digit"),
        ("account: Acme\n", "account: Acme\ncurrency: reais\n",
         "plans/acme.md:3: currency: 'reais' is not an ISO 4217 currency code such as BRL, EUR or USD"),
        ("    owner: bruno\n", "    owner: bruno\n    status: doing\n    done: 2027-02-01\n",
         "plans/acme.md:24: actions[0].status: is 'doing' but the action has a done date (2027-02-01):"
         " set status to done or remove the date"),
        ("    owner: bruno\n", "    owner: bruno\n    status: finished\n",
         "plans/acme.md:24: actions[0].status: must be one of 'todo', 'doing', 'done', 'blocked' or 'dropped'"),
    ],
)
def test_each_rule_reports_its_line_field_and_message(old, new, expected):
    text = BASE.replace(old, new, 1)
    assert text != BASE
    assert problems(text) == [expected]


def test_duplicate_ids_name_the_first_line():
    text = BASE.replace("    owner: bruno\n", "    owner: bruno\n  - id: act\n    title: Again\n    milestone: q1\n")
    assert problems(text) == ["plans/acme.md:24: actions[1].id: duplicate id 'act' (first used at line 20)"]


def test_all_problems_of_a_file_are_reported_at_once():
    text = (BASE.replace("account: Acme", "acount: Acme")
            .replace("    target: 200", "    target: x")
            .replace("  ana: Ana Souza\n", "  ana: Ana Souza\n  Bad Handle: Someone\n"))
    text += "- [ ] Call @nobody due:2027-13-01\n"
    assert problems(text) == [
        "plans/acme.md:2: account: is required",
        "plans/acme.md:2: acount: unknown key. Did you mean 'account'?",
        "plans/acme.md:6: team.Bad Handle: 'Bad Handle' is not a safe id: use lowercase letters,"
        " digits and '-', starting with a letter or digit",
        "plans/acme.md:14: goals[0].target: 'x' is not a number",
        "plans/acme.md:26: task.due: '2027-13-01' is an impossible date",
        "plans/acme.md:26: task.owner: unknown handle '@nobody'.",
    ]


def test_a_front_matter_that_is_not_a_mapping_is_reported():
    assert problems("---\n- a\n- b\n---\n") == [
        "plans/acme.md:2: front matter: must be a mapping of keys to values"
    ]
