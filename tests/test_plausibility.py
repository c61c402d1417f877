"""Plausibility warnings (format v3 §9.19): each limit is allowed, one step past it warns; the
warnings fail --strict; Brazilian numbers and handles with accents are errors that show the fix."""

import pytest

from kamsite.core.errors import PlanError
from kamsite.core.parse import parse_plan
from kamsite.render.labels import Labels
from kamsite.shell.cli import main

from .conftest import BASE, make_plan, problems, revenue_goal


def warned(file) -> list[str]:
    return [str(w) for w in file.warnings]


def goal_with(actuals: dict[str, float], **goal) -> list[str]:
    base = {"id": "revenue", "title": "Revenue", "baseline": 100, "target": 200, **goal}
    return warned(make_plan(goals=[{**base, "actuals": actuals}]))


# -- an actual far along the way, or far behind it ---------------------------------------------


def test_an_actual_at_300_percent_of_the_way_is_allowed_and_one_past_it_warns():
    assert goal_with({"2027-03-31": 400}) == []  # (400 - 100) / (200 - 100) = 300%
    assert goal_with({"2027-03-31": 400.5}) == [
        "plans/acme.md:16: goals[0].actuals.2027-03-31: 400.5 is 300.5% of the way from the baseline"
        " (100) to the target (200), more than 300%: check for a misplaced digit"
    ]


def test_an_actual_at_minus_200_percent_is_allowed_and_one_below_it_warns():
    assert goal_with({"2027-03-31": -100}) == []  # (-100 - 100) / 100 = -200%
    assert goal_with({"2027-03-31": -101}) == [
        "plans/acme.md:16: goals[0].actuals.2027-03-31: -101 is -201% of the way from the baseline"
        " (100) to the target (200), below -200%: check for a misplaced digit"
    ]


def test_the_way_is_measured_towards_a_target_below_the_baseline():
    """A goal to reduce: 300% of the way from 100 down to 90 is 70."""
    assert goal_with({"2027-03-31": 70}, target=90) == []
    assert len(goal_with({"2027-03-31": 69}, target=90)) == 1


def test_a_goal_to_hold_has_no_way_to_go_so_only_its_jumps_warn():
    hold = {"target": None, "hold": {"min": 30}}
    goal = {"id": "share", "title": "Share", "baseline": 35, **hold}
    assert warned(make_plan(goals=[{**goal, "actuals": {"2027-03-31": 3500}}])) == []
    found = warned(make_plan(goals=[{**goal, "actuals": {"2027-03-31": 35, "2027-06-30": 351}}]))
    assert [w.split(": ", 2)[2] for w in found] == [
        "351 is more than 10 times the previous actual (35): check for a misplaced digit"
    ]


# -- an actual far from the one before ----------------------------------------------------------


def jumps(first: float, second: float) -> list[str]:
    """The warnings of a goal far from its target (its progress never warns) with two actuals."""
    return goal_with({"2027-03-31": first, "2027-06-30": second}, baseline=0, target=1000000)


def test_an_actual_10_times_the_previous_is_allowed_and_more_warns():
    assert jumps(150, 1500) == []
    assert jumps(150, 1500.5) == [
        "plans/acme.md:17: goals[0].actuals.2027-06-30: 1500.5 is more than 10 times the previous actual"
        " (150): check for a misplaced digit"
    ]


def test_an_actual_a_tenth_of_the_previous_is_allowed_and_less_warns():
    assert jumps(1500, 150) == []
    assert jumps(1500, 149.5) == [
        "plans/acme.md:17: goals[0].actuals.2027-06-30: 149.5 is less than a tenth of the previous actual"
        " (1500): check for a misplaced digit"
    ]


def test_the_previous_actual_is_the_one_before_by_date_and_never_zero():
    """Actuals are compared in date order, whatever their order in the file; a zero is no scale."""
    text = BASE.replace(
        "    target: 200\n",
        "    target: 1000000\n    actuals:\n      2027-06-30: 5000\n      2027-03-31: 400\n",
    )
    assert warned(parse_plan(text, "plans/acme.md")) == [
        "plans/acme.md:15: goals[0].actuals.2027-06-30: 5000 is more than 10 times the previous actual"
        " (400): check for a misplaced digit"
    ]
    assert jumps(0, 5000) == []


def test_an_actual_that_breaks_both_rules_warns_once():
    """A zero too many: 26,000,000 after 2,600,000 is both far past the target and 10x the last."""
    goal = revenue_goal(actuals={"2027-03-31": 2600000, "2027-06-30": 26000000})
    assert [w.split(": ", 2)[2] for w in warned(make_plan(goals=[goal]))] == [
        "26000000 is 4700% of the way from the baseline (2500000) to the target (3000000), more than"
        " 300%: check for a misplaced digit"
    ]


# -- done dates a year away --------------------------------------------------------------------


def tasks(line: str) -> list[str]:
    return warned(parse_plan(BASE + line + "\n", "plans/acme.md"))


def test_a_done_date_366_days_from_its_due_date_is_allowed_and_one_more_warns():
    assert tasks("- [x] Call due:2027-02-01 done:2028-02-02") == []  # 366 days
    assert tasks("- [x] Call due:2027-02-01 done:2028-02-03") == [
        "plans/acme.md:25: task.done: 2028-02-03 is 367 days from its due date (2027-02-01): check the year"
    ]
    assert tasks("- [x] Call due:2028-02-03 done:2027-02-01") == [
        "plans/acme.md:25: task.done: 2027-02-01 is 367 days from its due date (2028-02-03): check the year"
    ]


def test_a_done_date_366_days_before_the_period_is_allowed_and_one_more_warns():
    assert tasks("- [x] Call done:2025-12-31") == []  # 2027-01-01 - 366 days
    assert tasks("- [x] Call done:2025-12-30") == [
        "plans/acme.md:25: task.done: 2025-12-30 is more than 366 days before the period starts"
        " (2027-01-01): check the year"
    ]


def test_an_action_and_a_milestone_done_a_year_away_warn_at_their_line():
    text = BASE.replace("    owner: bruno\n", "    owner: bruno\n    due: 2027-02-01\n    done: 2028-02-03\n")
    text = text.replace("    goals: [revenue]\n", "    goals: [revenue]\n    done: 2025-12-30\n")
    assert warned(parse_plan(text, "plans/acme.md")) == [
        "plans/acme.md:26: actions[0].done: 2028-02-03 is 367 days from its due date (2027-02-01): check"
        " the year",
        "plans/acme.md:19: milestones[0].done: 2025-12-30 is more than 366 days before the period starts"
        " (2027-01-01): check the year",
    ]


def test_a_plausibility_warning_fails_a_strict_check(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.md").write_text(BASE + "- [x] Call due:2027-02-01 done:2028-02-03\n")
    assert main(["check", "plans", "--as-of", "2027-02-01"]) == 0
    assert capsys.readouterr().out.startswith("warning: plans/acme.md:25: task.done: 2028-02-03 is 367")
    assert main(["check", "plans", "--as-of", "2027-02-01", "--strict"]) == 1


def test_each_warning_has_its_portuguese_words():
    file = parse_plan(BASE + "- [x] Call due:2027-02-01 done:2028-02-03\n", "plans/acme.md")
    assert [Labels("pt_BR").problem(w) for w in file.warnings] == [
        "plans/acme.md:25: task.done: 2028-02-03 fica a 367 dias do prazo (2027-02-01): confira o ano"
    ]


# -- numbers written with Brazilian separators, handles with accents ---------------------------


@pytest.mark.parametrize(
    ("written", "plain"),
    [("12.000.000", "12000000"), ("23,5", "23.5"), ("1.234,56", "1234.56"), ("-2.500,5", "-2500.5")],
)
def test_a_number_with_brazilian_separators_is_an_error_that_shows_how_to_write_it(written, plain):
    assert problems(BASE.replace("    baseline: 100", f"    baseline: {written}")) == [
        f"plans/acme.md:12: goals[0].baseline: '{written}' is not a number: write it as {plain} (a plan"
        " writes no thousands separators, and a point before the decimals)"
    ]


def test_a_brazilian_number_in_an_actual_is_an_error_in_portuguese_too():
    text = BASE.replace("    target: 200\n", "    target: 200\n    actuals:\n      2027-03-31: 23,5\n")
    with pytest.raises(PlanError) as raised:
        parse_plan(text, "plans/acme.md")
    assert [Labels("pt_BR").problem(p) for p in raised.value.problems] == [
        "plans/acme.md:15: goals[0].actuals.2027-03-31: '23,5' não é um número: escreva 23.5 (num plano,"
        " números não levam separador de milhar, e os decimais vêm depois de um ponto)"
    ]


def test_2_500_is_still_a_number_read_as_two_and_a_half():
    """One point and three digits is a valid YAML number: sites in pt-BR warn (v2), not an error."""
    assert problems(BASE.replace("    baseline: 100", "    baseline: 2.500")) == []


def test_a_handle_with_accents_is_refused_with_its_slug_suggested():
    text = BASE.replace("  bruno: Bruno Lima\n", "  bruno: Bruno Lima\n  joão: João Reis\n")
    assert problems(text) == [
        "plans/acme.md:7: team.joão: 'joão' is not a safe id: use lowercase letters, digits and '-',"
        " starting with a letter or digit, as in 'joao'"
    ]
    assert problems(BASE.replace("owner: ana", "owner: anã")) == [
        "plans/acme.md:3: owner: 'anã' is not a safe id: use lowercase letters, digits and '-', starting"
        " with a letter or digit, as in 'ana'"
    ]


def test_a_task_owner_with_accents_is_told_the_handle_it_resembles():
    text = BASE.replace("  bruno: Bruno Lima\n", "  bruno: Bruno Lima\n  joao: João Reis\n")
    assert problems(text + "- [ ] Call @joão\n") == [
        "plans/acme.md:26: task.owner: unknown handle '@joão'. Did you mean 'joao'?"
    ]


@pytest.mark.parametrize(("before", "after"), [(-2.0, 3.0), (12.0, 0.0), (-5.0, 40.0)])
def test_crossing_or_reaching_zero_is_no_slipped_digit(before, after):
    """Compared by size, both non-zero: a margin from -2 to 3, complaints down to 0."""
    from kamsite.core.plausibility import _jump

    assert _jump(after, before) is None
    assert _jump(-before * 1000, before) is not None  # a real jump across zero still warns
