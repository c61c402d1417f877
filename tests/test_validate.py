"""Every validation rule of the plan format: its message and the line it points at."""

from datetime import date

import pytest

from kamsite.core import validate
from kamsite.core.errors import PlanError
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
        (
            "    unit: BRL",
            "    units: BRL",
            "plans/acme.md:11: goals[0].units: unknown key. Did you mean 'unit'?",
        ),
        (
            "    baseline: 100",
            "    baseline: lots",
            "plans/acme.md:12: goals[0].baseline: 'lots' is not a number",
        ),
        (
            "    title: Revenue",
            "    title: 2027",
            "plans/acme.md:10: goals[0].title: '2027' is not text: put it in quotes",
        ),
        (
            "    goals: [revenue]",
            "    goals: revenue",
            "plans/acme.md:18: milestones[0].goals: must be a list",
        ),
        (
            "period: {start: 2027-01-01, end: 2027-12-31}",
            "period: {start: 2027-02-30, end: 2027-12-31}",
            "plans/acme.md:7: period.start: '2027-02-30' is an impossible date",
        ),
        (
            "period: {start: 2027-01-01, end: 2027-12-31}",
            "period: {start: 2027-01-01, end: next year}",
            "plans/acme.md:7: period.end: 'next year' is not a date: write it as YYYY-MM-DD",
        ),
        (
            "    target: 200",
            "    target: 100",
            "plans/acme.md:13: goals[0].target: must differ from baseline (both 100)",
        ),
        (
            "    target: 200",
            "    target: .inf",
            "plans/acme.md:13: goals[0].target: 'inf' is not a finite number",
        ),
        (
            "    baseline: 100",
            "    baseline: .nan",
            "plans/acme.md:12: goals[0].baseline: 'nan' is not a finite number",
        ),
        (
            "    quarter: Q1",
            "    quarter: Q9",
            "plans/acme.md:17: milestones[0].quarter: must be one of 'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6',"
            " 'Q7' or 'Q8'",
        ),
        (
            "    quarter: Q1",
            "    quarter: Q5",  # v2: Q5..Q8 exist, but must start within the period
            "plans/acme.md:17: milestones[0].quarter: Q5 starts on 2028-01-01, after the period ends (2027-12-31)",
        ),
        (
            "period: {start: 2027-01-01, end: 2027-12-31}\ngoals:",
            "period: {start: 2027-01-01, end: 2027-02-28}\ngoals:",
            "",
        ),  # v2: a quarter cut short by the period's end is allowed (due: the end)
        (
            "period: {start: 2027-01-01, end: 2027-12-31}",
            "period: {start: 2027-12-31, end: 2027-01-01}",
            "plans/acme.md:7: period.end: must be after period.start (2027-12-31)",
        ),
        (
            "    target: 200\n",
            "    target: 200\n    actuals:\n      2028-01-05: 150\n",
            "plans/acme.md:15: goals[0].actuals.2028-01-05: 2028-01-05 is outside the period 2027-01-01 to 2027-12-31",
        ),
        (
            "    goals: [revenue]",
            "    goals: [revenu]",
            "plans/acme.md:18: milestones[0].goals[0]: unknown goal 'revenu'. Did you mean 'revenue'?",
        ),
        (
            "    goals: [revenue]",
            "    checkpoint: {profit: 5}",
            "plans/acme.md:18: milestones[0].checkpoint.profit: unknown goal 'profit'.",
        ),
        (
            "    milestone: q1",
            "    milestone: q2",
            "plans/acme.md:22: actions[0].milestone: unknown milestone 'q2'.",
        ),
        (
            "    owner: bruno",
            "    owner: bruna",
            "plans/acme.md:23: actions[0].owner: unknown handle 'bruna'. Did you mean 'bruno'?",
        ),
        ("owner: ana", "owner: carla", "plans/acme.md:3: owner: unknown handle 'carla'."),
        (
            "  - id: act",
            "  - id: Act 1",
            "plans/acme.md:20: actions[0].id: 'Act 1' is not a safe id: use lowercase letters, digits"
            " and '-', starting with a letter or digit, as in 'act-1'",
        ),
        (
            "account: Acme\n",
            "account: Acme\nid: ../etc\n",
            "plans/acme.md:3: id: '../etc' is not a safe id: use lowercase letters, digits and '-',"
            " starting with a letter or digit, as in 'etc'",
        ),
        (
            "account: Acme\n",
            "account: Acme\ncurrency: reais\n",
            "plans/acme.md:3: currency: 'reais' is not an ISO 4217 currency code such as BRL, EUR or USD",
        ),
        (
            "    owner: bruno\n",
            "    owner: bruno\n    status: doing\n    done: 2027-02-01\n",
            "plans/acme.md:24: actions[0].status: is 'doing' but the action has a done date (2027-02-01):"
            " set status to done or remove the date",
        ),
        (
            "    owner: bruno\n",
            "    owner: bruno\n    status: finished\n",
            "plans/acme.md:24: actions[0].status: must be one of 'todo', 'doing', 'done', 'blocked' or 'dropped'",
        ),
        # -- version 2 --------------------------------------------------------------------------
        (
            "period: {start: 2027-01-01, end: 2027-12-31}",
            "period: {start: 1899-12-31, end: 2027-12-31}",
            "plans/acme.md:7: period.start: '1899-12-31' is outside the dates a plan may use"
            " (1900-01-01 to 2199-12-31)",
        ),
        (
            "period: {start: 2027-01-01, end: 2027-12-31}",
            "period: {start: 2027-01-01, end: 2200-01-01}",
            "plans/acme.md:7: period.end: '2200-01-01' is outside the dates a plan may use"
            " (1900-01-01 to 2199-12-31)",
        ),
        ("period: {start: 2027-01-01, end: 2027-12-31}", "period: {start: 1900-01-01, end: 2199-12-31}", ""),
        (
            "    target: 200",
            "    target: 1e26",
            "plans/acme.md:13: goals[0].target: '1e26' is too large: a plan's numbers lie between -10^15 and 10^15",
        ),
        (
            "    target: 200",
            "    target: 1000000000000001",
            "plans/acme.md:13: goals[0].target: '1000000000000001' is too large: a plan's numbers lie between"
            " -10^15 and 10^15",
        ),
        (
            "    baseline: 100",
            "    baseline: -1000000000000000.5",
            "plans/acme.md:12: goals[0].baseline: '-1000000000000000.5' is too large: a plan's numbers lie"
            " between -10^15 and 10^15",
        ),
        (
            "    target: 200",
            "    target: " + "9" * 400,
            "plans/acme.md:13: goals[0].target: '99999999999999999999…' is too large: a plan's numbers lie"
            " between -10^15 and 10^15",
        ),
        ("    target: 200", "    target: 1e15", ""),
        # -- version 3: at most 15 significant digits, counted as written ------------------------
        (
            "    target: 200",
            "    target: 1000000000000000",
            "plans/acme.md:13: goals[0].target: '1000000000000000' has 16 significant digits:"
            " a plan's numbers have at most 15 significant digits",
        ),
        (
            "    target: 200",
            "    target: 0.12345678901234567",
            "plans/acme.md:13: goals[0].target: '0.12345678901234567' has 17 significant digits:"
            " a plan's numbers have at most 15 significant digits",
        ),
        (
            "    baseline: 100",
            "    baseline: -12345.67890123456e3",
            "plans/acme.md:12: goals[0].baseline: '-12345678.90123456' has 16 significant digits:"
            " a plan's numbers have at most 15 significant digits",
        ),
        ("    target: 200", "    target: 123456789.012345", ""),
        ("    target: 200", "    target: 0000.00012345678901234500000", ""),
        ("    target: 200", "    target: 2500000.000000000000000", ""),
        ("    target: 200", "    target: 1.00000000000000000000e6", ""),
        ("    target: 200", "    target: 2.5e6", ""),
        ("    target: 200", "    target: 1e6", ""),
        (
            "    baseline: 100",
            "    baseline: 1_000",
            "plans/acme.md:12: goals[0].baseline: '1_000' is not a number: write it without separators (1000)",
        ),
        (
            "    baseline: 100",
            "    baseline: 12:30",
            "plans/acme.md:12: goals[0].baseline: '12:30' is not a number",
        ),
        (
            "    title: Revenue",
            '    title: "Reve\\anue"',
            "plans/acme.md:10: goals[0].title: contains an invisible control character (U+0007): delete it",
        ),
        (
            "    title: Revenue",
            "    title: Reve\x1bnue",
            "plans/acme.md:10: text: contains an invisible control character (U+001B): delete it",
        ),
        (
            "    title: Revenue",
            "    title: Reve\x9bnue",
            "plans/acme.md:10: text: contains an invisible control character (U+009B): delete it",
        ),
        ("    title: Revenue", "    title: Reve\tnue", ""),
        (
            "account: Acme\n",
            "account: Acme\ncurrency: ABC\n",
            "plans/acme.md:3: currency: 'ABC' is not an ISO 4217 currency code such as BRL, EUR or USD",
        ),
        ("account: Acme\n", "account: Acme\ncurrency: EUR\n", ""),
        (
            "    goals: [revenue]",
            "    checkpoint: {revenue: 2000}",
            "plans/acme.md:18: milestones[0].checkpoint.revenue: 2000 is outside the goal's range, from its"
            " baseline (100) to its target (200): check for a misplaced digit",
        ),
        (
            "    goals: [revenue]",
            "    checkpoint: {revenue: 99.5}",
            "plans/acme.md:18: milestones[0].checkpoint.revenue: 99.5 is outside the goal's range, from its"
            " baseline (100) to its target (200): check for a misplaced digit",
        ),
        ("    goals: [revenue]", "    checkpoint: {revenue: 100}", ""),
        (
            "    quarter: Q1\n    goals: [revenue]",
            "    quarter: Q4\n    checkpoint: {revenue: 150}",
            "plans/acme.md:18: milestones[0].checkpoint.revenue: 150 differs from the goal's target (200),"
            " which is what Q4 ends with (the period's end): write the target or remove the checkpoint",
        ),
        ("    quarter: Q1\n    goals: [revenue]", "    quarter: Q4\n    checkpoint: {revenue: 200}", ""),
        (
            "    goals: [revenue]",
            "    status: dropped\n    done: 2027-02-01",
            "plans/acme.md:18: milestones[0].status: is 'dropped' but the milestone has a done date"
            " (2027-02-01): keep one of them",
        ),
        (
            "    goals: [revenue]",
            "    status: finished",
            "plans/acme.md:18: milestones[0].status: must be 'dropped'",
        ),
        (
            "account: Acme\n",
            "account: Acme\ncontact_every: 0\n",
            "plans/acme.md:3: contact_every: '0' is not a number of days: write a whole number from 1 to 36500",
        ),
        (
            "    target: 200\n",
            "    target: 200\n    measure_every: 2.5\n",
            "plans/acme.md:14: goals[0].measure_every: '2.5' is not a number of days: write a whole number"
            " from 1 to 36500",
        ),
        (
            "account: Acme\n",
            "account: Acme\nfollows: Acme 2026\n",
            "plans/acme.md:3: follows: 'Acme 2026' is not a safe id: use lowercase letters, digits and '-',"
            " starting with a letter or digit, as in 'acme-2026'",
        ),
        (
            "    title: Revenue",
            "    title: Revenue: growth",
            "plans/acme.md:10: front matter: malformed YAML: a ':' followed by a space inside a value: put the"
            ' value in quotes, as in title: "Renewal: phase 2" (the YAML reader says: mapping values are'
            " not allowed in this context)",
        ),
        (
            "    title: Revenue",
            "    title: @revenue",
            "plans/acme.md:10: front matter: malformed YAML: a value cannot start with '@': put the value in"
            ' quotes, as in title: "Renewal: phase 2" (the YAML reader says: found character that cannot'
            " start any token)",
        ),
        (
            "    title: Revenue",
            "\ttitle: Revenue",
            "plans/acme.md:10: front matter: malformed YAML: a tab is used for indentation: indent with spaces"
            " (the YAML reader says: found a tab character that violates indentation)",
        ),
        (
            "    title: Revenue",
            '    title: "Revenue',
            "plans/acme.md:10: front matter: malformed YAML: a quoted value is not closed: add the closing"
            " quote (the YAML reader says: found unexpected end of stream)",
        ),
        (
            "    goals: [revenue]",
            "    goals: [revenue",
            "plans/acme.md:19: front matter: malformed YAML: a list in [ ] is not closed: add the ']', and"
            " quote values holding ',', '#' or ':', as in [\"Acme, Inc.\"] (the YAML reader says: did not find"
            " expected ',' or ']')",
        ),
        (
            "    title: Revenue",
            "   title: Revenue",
            "plans/acme.md:10: front matter: malformed YAML: this line does not line up with the lines above"
            " it: keys of one mapping, and the '-' of one list, start in the same column (and a value with"
            " quotes inside is quoted whole) (the YAML reader says: did not find expected '-' indicator)",
        ),
    ],
)
def test_each_rule_reports_its_line_field_and_message(old, new, expected):
    text = BASE.replace(old, new, 1)
    assert text != BASE
    assert problems(text) == ([expected] if expected else [])


def test_duplicate_ids_name_the_first_line():
    text = BASE.replace(
        "    owner: bruno\n", "    owner: bruno\n  - id: act\n    title: Again\n    milestone: q1\n"
    )
    assert problems(text) == ["plans/acme.md:24: actions[1].id: duplicate id 'act' (first used at line 20)"]


def test_all_problems_of_a_file_are_reported_at_once():
    text = (
        BASE.replace("account: Acme", "acount: Acme")
        .replace("    target: 200", "    target: x")
        .replace("  ana: Ana Souza\n", "  ana: Ana Souza\n  Bad Handle: Someone\n")
    )
    text += "- [ ] Call @nobody due:2027-13-01\n"
    assert problems(text) == [
        "plans/acme.md:2: account: is required",
        "plans/acme.md:2: acount: unknown key. Did you mean 'account'?",
        "plans/acme.md:6: team.Bad Handle: 'Bad Handle' is not a safe id: use lowercase letters,"
        " digits and '-', starting with a letter or digit, as in 'bad-handle'",
        "plans/acme.md:14: goals[0].target: 'x' is not a number",
        "plans/acme.md:26: task.due: '2027-13-01' is an impossible date",
        "plans/acme.md:26: task.owner: unknown handle '@nobody'.",
    ]


def test_a_front_matter_that_is_not_a_mapping_is_reported():
    assert problems("---\n- a\n- b\n---\n") == [
        "plans/acme.md:2: front matter: must be a mapping of keys to values"
    ]


# -- version 2: every problem in one run, warnings, default ids ---------------------------------


def test_a_shape_error_in_one_goal_does_not_hide_the_problems_of_the_rest():
    text = (
        BASE.replace("    target: 200", "    target: lots")
        .replace("    goals: [revenue]", "    goals: [revenue, profit]")
        .replace("    owner: bruno", "    owner: bruna")
    )
    assert problems(text) == [
        "plans/acme.md:13: goals[0].target: 'lots' is not a number",
        "plans/acme.md:18: milestones[0].goals[1]: unknown goal 'profit'.",
        "plans/acme.md:23: actions[0].owner: unknown handle 'bruna'. Did you mean 'bruno'?",
    ]


def test_a_shape_error_in_a_milestone_keeps_the_checks_of_the_other_milestones():
    text = BASE.replace(
        "    goals: [revenue]\n",
        "    goals: [revenue]\n  - id: q2\n    title: Q2\n"
        "    quarter: Q2\n    checkpoint: {revenue: 1500}\n  - id: q3\n    quarter: Q3\n",
    )
    assert problems(text) == [
        "plans/acme.md:22: milestones[1].checkpoint.revenue: 1500 is outside the goal's range, from its"
        " baseline (100) to its target (200): check for a misplaced digit",
        "plans/acme.md:23: milestones[2].title: is required",
    ]


def test_two_checkpoints_for_one_goal_in_one_quarter_are_an_error():
    text = BASE.replace(
        "    goals: [revenue]\n",
        "    checkpoint: {revenue: 150}\n  - id: q1b\n"
        "    title: Also Q1\n    quarter: Q1\n    checkpoint: {revenue: 160}\n",
    )
    assert problems(text) == [
        "plans/acme.md:22: milestones[1].checkpoint.revenue: a second checkpoint for 'revenue' in Q1"
        " (the first is at line 18): keep one per goal and quarter",
    ]


def test_the_default_id_is_the_file_stem_made_a_slug():
    assert parse_plan(BASE, "plans/sul/São Paulo Ltda.md").id == "sao-paulo-ltda"
    assert parse_plan(BASE, "plans/ACME_2027.md").id == "acme-2027"


D = date.fromisoformat


def warnings_of(text: str) -> list[str]:
    return [str(w) for w in parse_plan(text, "plans/acme.md").warnings]


def test_an_action_due_after_its_milestones_quarter_is_a_warning():
    text = BASE.replace("    owner: bruno\n", "    owner: bruno\n    due: 2027-04-05\n")
    assert warnings_of(text) == [
        "plans/acme.md:24: actions[0].due: 2027-04-05 is after its milestone 'q1' is due (2027-03-31,"
        " the end of Q1): move the date or the action"
    ]
    assert warnings_of(text.replace("2027-04-05", "2027-03-31")) == []


def test_an_action_due_outside_the_period_is_a_warning():
    text = BASE.replace("    owner: bruno\n", "    owner: bruno\n    due: 2026-12-31\n")
    assert warnings_of(text) == [
        "plans/acme.md:24: actions[0].due: 2026-12-31 is outside the period 2027-01-01 to 2027-12-31"
    ]


def test_a_milestone_without_actions_warns_once_its_quarter_has_started():
    """Dropped actions do not count as its actions."""
    text = BASE.replace(
        "    goals: [revenue]\n", "    goals: [revenue]\n  - id: q2\n    title: Q2\n    quarter: Q2\n"
    ).replace(
        "    owner: bruno\n---",
        "    owner: bruno\n  - id: gone\n    title: Gone\n    milestone: q2\n    status: dropped\n---",
    )
    file = parse_plan(text, "plans/acme.md")
    assert [a.id for a in file.plan.actions] == ["act", "gone"]
    assert validate.as_of_warnings(file, D("2027-03-31")) == []
    assert [str(w) for w in validate.as_of_warnings(file, D("2027-04-01"))] == [
        "plans/acme.md:19: milestones[1].id: 'q2': Q2 has started (2027-04-01) and the milestone has no"
        " non-dropped actions, no done date, and is not dropped: add its actions, a done date,"
        " or status: dropped"
    ]
    for extra in ("    done: 2027-04-01\n", "    status: dropped\n"):
        done = parse_plan(text.replace("    quarter: Q2\n", "    quarter: Q2\n" + extra), "plans/acme.md")
        assert validate.as_of_warnings(done, D("2027-05-01")) == []


def test_a_valid_plan_with_a_warning_still_passes():
    text = BASE.replace("    owner: bruno\n", "    owner: bruno\n    due: 2028-01-01\n")
    assert problems(text) == []


def test_a_number_like_2_500_warns_readers_who_write_decimals_with_a_comma():
    text = (
        BASE.replace("    baseline: 100", "    baseline: 2.500")
        .replace("    target: 200", "    target: 0.125")
        .replace("    goals: [revenue]", "    checkpoint: {revenue: 1.5}")
    )
    file = parse_plan(text, "plans/acme.md")
    assert file.warnings == ()
    assert [str(w) for w in file.comma_warnings] == [
        "plans/acme.md:12: goals[0].baseline: 2.500 is read as 2.5 (decimals take a point in a plan):"
        " did you mean 2500?"
    ]


def test_a_dropped_milestones_checkpoint_leaves_its_quarter_to_another():
    text = BASE.replace(
        "    goals: [revenue]\n",
        "    checkpoint: {revenue: 150}\n    status: dropped\n"
        "  - id: q1-new\n    title: Q1 again\n    quarter: Q1\n    checkpoint: {revenue: 120}\n",
    )
    assert problems(text) == []


def test_a_quarter_that_would_start_less_than_a_month_before_the_period_ends_does_not_exist():
    text = BASE.replace("2027-01-01, end: 2027-12-31", "2028-02-29, end: 2029-02-28").replace(
        "    quarter: Q1", "    quarter: Q5"
    )
    assert problems(text) == [
        "plans/acme.md:17: milestones[0].quarter: Q5 would start on 2029-02-28, less than a month before"
        " the period ends (2029-02-28): those days belong to Q4"
    ]
    assert problems(text.replace("quarter: Q5", "quarter: Q4")) == []


# -- goals to hold and weights (format v3 §9.1, §9.2) ------------------------------------------

HOLD = "    hold: {min: 35}"  # in place of BASE's `    target: 200` (line 13)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    target: 200", HOLD, ""),
        ("    target: 200", "    hold: {max: 5}", ""),
        ("    target: 200", "    hold: {min: 35, max: 35}", ""),  # a band of one value
        (
            "    target: 200",
            "    target: 200\n" + HOLD,
            "plans/acme.md:14: goals[0].hold: a goal holds a band or moves to a target, not both:"
            " remove target (200) or hold",
        ),
        (
            "    target: 200\n",
            "",
            "plans/acme.md:9: goals[0].target: is required: a goal moves to a target (target: 3000000)"
            " or holds a band (hold: {min: 35})",
        ),
        (
            "    target: 200",
            "    hold: {min: 37, max: 33}",
            "plans/acme.md:13: goals[0].hold.min: 37 is above max (33): the band runs from min up to max",
        ),
        (
            "    target: 200",
            "    hold: {}",
            "plans/acme.md:13: goals[0].hold: give min, max or both: hold: {min: 35} keeps the value at"
            " or above 35",
        ),
        (
            "    target: 200",
            "    hold: {mn: 35}",
            "plans/acme.md:13: goals[0].hold.mn: unknown key. Did you mean 'min'?",
        ),
        (
            "    target: 200",
            "    hold: 35",
            "plans/acme.md:13: goals[0].hold: must be a mapping of keys to values",
        ),
        (
            "    target: 200",
            "    hold: {min: lots}",
            "plans/acme.md:13: goals[0].hold.min: 'lots' is not a number",
        ),
        ("    target: 200", "    target: 200\n    weight: 0.5", ""),
        (
            "    target: 200",
            "    target: 200\n    weight: 0",
            "plans/acme.md:14: goals[0].weight: '0' is not a weight: write a number above 0"
            " (a goal without weight counts 1)",
        ),
        (
            "    target: 200",
            "    target: 200\n    weight: -2.5",
            "plans/acme.md:14: goals[0].weight: '-2.5' is not a weight: write a number above 0"
            " (a goal without weight counts 1)",
        ),
        (
            "    target: 200",
            "    target: 200\n    weight: heavy",
            "plans/acme.md:14: goals[0].weight: 'heavy' is not a number",
        ),
    ],
)
def test_each_rule_of_goals_to_hold_and_weights(old, new, expected):
    text = BASE.replace(old, new, 1)
    assert text != BASE
    assert problems(text) == ([expected] if expected else [])


def test_a_goal_to_hold_takes_no_checkpoint():
    text = BASE.replace("    target: 200", HOLD).replace(
        "    goals: [revenue]", "    checkpoint: {revenue: 36}"
    )
    assert problems(text) == [
        "plans/acme.md:18: milestones[0].checkpoint.revenue: 'revenue' is a goal to hold (a band to keep,"
        " not a path to a target): remove its checkpoint"
    ]


def test_a_goal_to_hold_needs_no_band_around_its_baseline():
    """A team may start outside the band it must get back into: the status says so, not the check."""
    assert problems(BASE.replace("    target: 200", "    hold: {min: 150}")) == []


def test_a_band_end_like_2_500_warns_readers_who_write_decimals_with_a_comma():
    text = BASE.replace("    target: 200", "    hold: {min: 2.500}\n    weight: 1.500")
    file = parse_plan(text, "plans/acme.md")
    assert [str(w) for w in file.comma_warnings] == [
        "plans/acme.md:13: goals[0].hold.min: 2.500 is read as 2.5 (decimals take a point in a plan):"
        " did you mean 2500?",
        "plans/acme.md:14: goals[0].weight: 1.500 is read as 1.5 (decimals take a point in a plan):"
        " did you mean 1500?",
    ]


def test_a_wrong_field_does_not_hide_the_other_problems_of_its_item():
    """An impossible due date and an unknown owner in one action: both told in one run."""
    text = BASE.replace("    owner: bruno\n", "    owner: marcus\n    due: 2027-02-30\n")
    with pytest.raises(PlanError) as found:
        parse_plan(text, "plans/acme.md")
    fields = sorted(p.field for p in found.value.problems)
    assert fields == ["actions[0].due", "actions[0].owner"], found.value
