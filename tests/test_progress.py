"""Progress, statuses and health (core/progress.py): the formulas of the plan format, with
hand-computed numbers."""

import pytest
import yaml

from kamsite.core import agenda, recent, review
from kamsite.core.parse import parse_plan
from kamsite.core.progress import Settings, compute, compute_all
from kamsite.core.quarters import milestone_due, quarters_of

from .conftest import D, action, format_example, make_plan, revenue_goal

plan, revenue = make_plan, revenue_goal  # the suite's shared builders


def at(file, as_of, **settings):
    return compute(file, D(as_of), Settings(**settings))


# -- the example of the plan format, as_of 2027-05-15 ---------------------------------


def test_the_format_example_goal():
    (goal,) = at(format_example(), "2027-05-15").goals
    assert goal.current == 2610000  # the 2027-06-30 actual is after as_of
    assert goal.progress == pytest.approx(0.22)
    # between (03-31, 2.6M) and (12-31, 3M): 2.6M + 0.4M * 45/275
    assert goal.expected_value == pytest.approx(2600000 + 400000 * 45 / 275)
    assert goal.expected == pytest.approx((2600000 + 400000 * 45 / 275 - 2500000) / 500000)
    # v2: judged on its measurement's day, 2027-03-31, where the checkpoint expects 0.20
    assert (goal.measured_on, goal.judged) == (D("2027-03-31"), pytest.approx(0.2))
    assert goal.status == "on_track"  # 0.22 >= 0.20 - 0.10 (v1 compared with 0.331 and said at risk)


def test_the_format_example_action_milestone_and_health():
    acc = at(format_example(), "2027-05-15")
    (action,) = acc.actions
    assert (action.status, action.progress, action.overdue) == ("doing", pytest.approx(1 / 3), True)
    (milestone,) = acc.milestones
    assert (milestone.status, milestone.progress, milestone.due) == ("done", 1.0, D("2027-03-31"))
    assert acc.health == "at_risk"
    # v2: the goal is on track; two open tasks are overdue by more than 7 days
    assert acc.reasons == (
        ("action_overdue", "exec-workshop"),
        ("task_overdue", "38"),
        ("task_overdue", "40"),
    )


# -- goals ------------------------------------------------------------------------------


def lead_time(actual):
    return {
        "id": "lead",
        "title": "Lead time",
        "unit": "days",
        "baseline": 12,
        "target": 7,
        "actuals": {D("2027-07-02"): actual},
    }


@pytest.mark.parametrize(
    ("actual", "progress", "status"),
    [(9.5, 0.5, "on_track"), (10.5, 0.3, "at_risk"), (12.5, -0.1, "off_track"), (6, 1.2, "achieved")],
)
def test_a_decreasing_goal(actual, progress, status):
    (goal,) = at(plan(goals=[lead_time(actual)]), "2027-07-02").goals
    # 2027-07-02 is day 182 of the 364 from Jan 1 to Dec 31: expected value 12 - 5 * 182/364
    assert goal.expected == pytest.approx(0.5)
    assert goal.progress == pytest.approx(progress)  # not clamped
    assert goal.status == status


def test_checkpoints_shape_the_expected_path():
    milestones = [{"id": "q2", "title": "Q2", "quarter": "Q2", "checkpoint": {"g": 80}}]
    goal = {"id": "g", "title": "G", "baseline": 0, "target": 100}
    file = plan(goals=[goal], milestones=milestones)
    assert at(file, "2027-06-30").goals[0].expected == pytest.approx(0.8)
    # Jan 1 -> Jun 30 is 180 days; Mar 31 is day 89
    assert at(file, "2027-03-31").goals[0].expected == pytest.approx(0.8 * 89 / 180)
    # Jun 30 -> Dec 31 is 184 days; Sep 30 is day 92
    assert at(file, "2027-09-30").goals[0].expected == pytest.approx(0.8 + 0.2 * 92 / 184)


@pytest.mark.parametrize(
    ("as_of", "expected", "current"),
    [("2026-11-30", 0.0, 2500000), ("2027-12-31", 1.0, 2900000), ("2028-02-01", 1.0, 2900000)],
)
def test_expected_is_0_before_the_period_and_1_at_and_after_its_end(as_of, expected, current):
    file = plan(goals=[revenue(actuals={D("2027-12-15"): 2900000})])
    (goal,) = at(file, as_of).goals
    assert (goal.expected, goal.current) == (expected, current)


def test_the_margins_are_settings():
    file = plan(goals=[lead_time(10.5)])  # progress 0.3 against 0.5 expected
    assert at(file, "2027-07-02").goals[0].status == "at_risk"
    assert at(file, "2027-07-02", on_track_margin=0.25, at_risk_margin=0.3).goals[0].status == "on_track"
    assert at(file, "2027-07-02", on_track_margin=0.01, at_risk_margin=0.02).goals[0].status == "off_track"


# -- fiscal years and quarters ----------------------------------------------------------


def test_a_fiscal_year_milestone_is_due_at_its_quarter_end():
    file = plan(
        period=("2027-04-01", "2028-03-31"),
        goals=[{"id": "v", "title": "Volume", "baseline": 1200, "target": 1500}],
        milestones=[{"id": "m", "title": "M", "quarter": "Q3", "checkpoint": {"v": 1400}}],
    )
    acc = at(file, "2027-11-15")
    assert (acc.milestones[0].due, acc.milestones[0].status) == (D("2027-12-31"), "in_progress")
    # Apr 1 -> Dec 31 is 274 days; Nov 15 is day 228: 1200 + 200 * 228/274
    assert acc.goals[0].expected == pytest.approx((200 * 228 / 274) / 300)


def test_a_remainder_shorter_than_a_month_belongs_to_the_last_full_quarter():
    """2028-02-29 to 2029-02-28: Q5 would start on 2029-02-28, so that day is Q4's."""
    leap = (D("2028-02-29"), D("2029-02-28"))
    assert quarters_of(*leap) == ["Q1", "Q2", "Q3", "Q4"]
    assert (milestone_due(*leap, "Q3"), milestone_due(*leap, "Q4")) == (D("2028-11-28"), D("2029-02-28"))
    file = plan(period=("2028-02-29", "2029-02-28"), milestones=[{"id": "m", "title": "M", "quarter": "Q4"}])
    assert at(file, "2029-02-28").milestones[0].status == "in_progress"
    assert review.quarters_of(file, D("2029-02-28"))[-1] == ("Q4", D("2028-11-29"), D("2029-02-28"))


# -- actions ----------------------------------------------------------------------------

MS = [{"id": "m1", "title": "M1", "quarter": "Q1"}, {"id": "m2", "title": "M2", "quarter": "Q2"}]


def test_action_status_from_tasks_done_date_or_as_written():
    body = (
        "## A {#all}\n- [x] one\n- [x] two\n## S {#some}\n- [x] one\n- [ ] two\n- [ ] three\n"
        "## N {#none}\n- [ ] one\n"
    )
    actions = [
        action("all"),
        action("some"),
        action("none"),
        action("empty"),
        action("dated", done=D("2027-02-01")),
        action("later", done=D("2027-09-01")),
        action("written", status="blocked", due=D("2027-02-01")),
    ]
    acc = at(plan(milestones=MS, actions=actions, body=body), "2027-03-01")
    got = {a.action.id: (a.status, round(a.progress, 3), a.overdue) for a in acc.actions}
    assert got == {
        "all": ("done", 1.0, False),
        "some": ("doing", 0.333, False),
        "none": ("todo", 0.0, False),
        "empty": ("todo", 0.0, False),
        "dated": ("done", 1.0, False),
        "later": ("todo", 0.0, False),
        "written": ("blocked", 0.0, True),
    }


def test_dropped_actions_count_nowhere():
    actions = [action("kept", done=D("2027-02-01")), action("gone", status="dropped", due=D("2027-01-15"))]
    acc = at(plan(milestones=MS, actions=actions), "2027-03-01")
    gone = acc.actions[1]
    assert (gone.status, gone.overdue) == ("dropped", False)
    assert (acc.milestones[0].status, acc.milestones[0].actions) == ("done", ("kept",))
    assert (acc.health, acc.reasons) == ("unmeasured", (("no_goals", ""),))  # v2: no goals, never green


# -- milestones and health ------------------------------------------------------------


def test_milestone_statuses_and_progress():
    actions = [action("a", due=D("2027-02-01")), action("b", milestone="m2")]
    body = "## A {#a}\n- [x] one\n- [ ] two\n"
    acc = at(
        plan(
            milestones=[*MS, {"id": "m3", "title": "M3", "quarter": "Q3", "done": D("2027-04-10")}],
            actions=actions,
            body=body,
        ),
        "2027-04-15",
    )
    got = {m.milestone.id: (m.status, m.progress) for m in acc.milestones}
    assert got == {"m1": ("missed", 0.5), "m2": ("in_progress", 0.0), "m3": ("done", 1.0)}
    assert acc.health == "off_track"
    assert acc.reasons == (("milestone_missed", "m1"), ("action_overdue", "a"))
    before = at(plan(milestones=MS), "2026-12-01")
    assert [m.status for m in before.milestones] == ["upcoming", "upcoming"]


def test_a_milestone_with_a_future_done_date_is_not_done_yet():
    file = plan(milestones=[{"id": "m", "title": "M", "quarter": "Q2", "done": D("2027-06-01")}])
    assert at(file, "2027-05-01").milestones[0].status == "in_progress"
    assert at(file, "2027-06-01").milestones[0].status == "done"


# -- version 2 --------------------------------------------------------------------------


def share(actual, checkpoint=40):
    """A goal from 0 to 100 whose Q2 checkpoint expects `checkpoint` on 2027-06-30, measured that day."""
    return plan(
        goals=[{"id": "g", "title": "G", "baseline": 0, "target": 1, "actuals": {D("2027-06-30"): actual}}],
        milestones=[{"id": "q2", "title": "Q2", "quarter": "Q2", "checkpoint": {"g": checkpoint}}],
    )


def test_a_progress_exactly_at_expected_minus_the_margin_is_on_track():
    """0.30 >= 0.40 - 0.10 holds (in binary floating point 0.4 - 0.1 is 0.30000000000000004)."""
    assert 0.3 < 0.4 - 0.1
    file = plan(
        goals=[{"id": "g", "title": "G", "baseline": 0, "target": 1, "actuals": {D("2027-06-30"): 0.3}}],
        milestones=[{"id": "q2", "title": "Q2", "quarter": "Q2", "checkpoint": {"g": 0.4}}],
    )
    (goal,) = at(file, "2027-07-01").goals
    assert (goal.judged, goal.status) == (pytest.approx(0.4), "on_track")


def test_a_progress_exactly_at_expected_minus_the_risk_margin_is_at_risk():
    """0.15 >= 0.40 - 0.25 holds (in floating point 0.4 - 0.25 is 0.15000000000000002)."""
    assert 0.15 < 0.4 - 0.25
    file = plan(
        goals=[{"id": "g", "title": "G", "baseline": 0, "target": 1, "actuals": {D("2027-06-30"): 0.15}}],
        milestones=[{"id": "q2", "title": "Q2", "quarter": "Q2", "checkpoint": {"g": 0.4}}],
    )
    assert at(file, "2027-07-01").goals[0].status == "at_risk"
    assert at(file, "2027-07-01", at_risk_margin=0.24).goals[0].status == "off_track"


def test_a_goal_is_judged_against_what_was_expected_when_it_was_measured():
    file = plan(
        goals=[revenue(actuals={D("2027-03-31"): 2600000})],
        milestones=[{"id": "q1", "title": "Q1", "quarter": "Q1", "checkpoint": {"revenue": 2600000}}],
    )
    (goal,) = at(file, "2027-05-10").goals  # expected 0.27 today, but 0.20 on 03-31
    assert (goal.measured_on, goal.status, goal.stale) == (D("2027-03-31"), "on_track", False)
    assert goal.expected > goal.judged == pytest.approx(0.2)


def test_without_a_measurement_the_expected_progress_is_0():
    (goal,) = at(plan(goals=[revenue()]), "2027-02-14").goals
    assert (goal.measured_on, goal.judged, goal.status) == (None, 0.0, "on_track")


def test_a_goal_not_measured_for_longer_than_measure_every_is_stale_and_puts_the_account_at_risk():
    """The default measure_every is a quarter: 92 days."""
    file = plan(goals=[revenue(actuals={D("2027-01-31"): 2550000})])
    fresh, stale = at(file, "2027-05-03"), at(file, "2027-05-04")  # 92 and 93 days
    assert (fresh.goals[0].stale, fresh.health) == (False, "on_track")
    assert (stale.goals[0].stale, stale.goals[0].unmeasured_days) == (True, 93)
    assert (stale.health, stale.reasons) == ("at_risk", (("goal_stale", "revenue"),))
    assert at(file, "2027-05-04", stale_days=100).goals[0].stale is False
    monthly = plan(goals=[revenue(measure_every=30, actuals={D("2027-01-31"): 2550000})])
    assert at(monthly, "2027-03-03").goals[0].stale is True
    assert at(plan(goals=[revenue()]), "2027-04-04").goals[0].stale is True  # 93 days from the start


def test_an_achieved_goal_is_never_stale():
    file = plan(goals=[revenue(actuals={D("2027-01-31"): 3000000})])
    (goal,) = at(file, "2027-09-30").goals
    assert (goal.status, goal.stale, goal.unmeasured_days) == ("achieved", False, 242)


def test_a_closed_plans_actions_are_not_overdue():
    file = plan(milestones=MS, actions=[action("late", due=D("2027-12-01"))])
    assert at(file, "2027-12-31").actions[0].overdue is True
    assert (at(file, "2028-01-01").actions[0].overdue, at(file, "2028-01-01").overdue) == (False, 0)


def test_a_closed_plan_has_achieved_or_missed_goals_and_health_closed():
    file = plan(
        goals=[
            revenue(actuals={D("2027-12-31"): 2900000}),
            revenue(id="other", actuals={D("2027-12-31"): 3100000}),
        ],
        actions=[action("late", due=D("2027-12-01"))],
        milestones=MS,
    )
    acc = at(file, "2028-01-01")
    assert [(g.status, g.stale) for g in acc.goals] == [("missed", False), ("achieved", False)]
    assert (acc.closed, acc.health, acc.reasons) == (True, "closed", (("plan_closed", "2027-12-31"),))
    assert at(file, "2027-12-31").closed is False


def test_a_dropped_milestone_is_never_missed_and_its_checkpoint_counts_nowhere():
    file = plan(
        goals=[{"id": "g", "title": "G", "baseline": 0, "target": 100, "measure_every": 365}],
        milestones=[{"id": "m", "title": "M", "quarter": "Q1", "status": "dropped", "checkpoint": {"g": 90}}],
    )
    acc = at(file, "2027-05-01")
    assert (acc.milestones[0].status, acc.health) == ("dropped", "on_track")
    assert acc.goals[0].path == ((D("2027-01-01"), 0), (D("2027-12-31"), 100))


def test_a_dropped_milestones_checkpoint_is_not_on_the_expected_path_beside_a_kept_one():
    file = plan(
        goals=[{"id": "g", "title": "G", "baseline": 0, "target": 100}],
        milestones=[
            {"id": "old", "title": "Old", "quarter": "Q2", "status": "dropped", "checkpoint": {"g": 80}},
            {"id": "new", "title": "New", "quarter": "Q2", "checkpoint": {"g": 40}},
        ],
    )
    assert at(file, "2027-05-01").goals[0].path == (
        (D("2027-01-01"), 0),
        (D("2027-06-30"), 40),
        (D("2027-12-31"), 100),
    )


def test_the_open_actions_of_a_dropped_milestone_count_as_dropped():
    """Not overdue, not in Today, not in progress; a done one stays done."""
    body = "## Gone {#gone}\n- [ ] leftover due:2027-02-01\n## Kept {#kept}\n- [ ] real due:2027-02-01\n"
    file = plan(
        milestones=[{"id": "m1", "title": "M1", "quarter": "Q1", "status": "dropped"}, *MS[1:]],
        actions=[
            action("gone", due=D("2027-02-01")),
            action("finished", done=D("2027-01-20")),
            action("kept", milestone="m2", due=D("2027-02-01")),
        ],
        body=body,
    )
    acc = at(file, "2027-03-01")
    gone, finished, kept = acc.actions
    assert (gone.status, gone.status_from, gone.overdue) == ("dropped", "milestone", False)
    assert (finished.status, kept.status, kept.overdue) == ("done", "todo", True)
    assert [i.text for i in agenda.open_items(acc, file.tasks)] == ["Kept", "real"]
    assert [t.text for t in acc.overdue_tasks] == ["real"]
    assert (acc.overdue, acc.milestones[0].actions, acc.reasons[0]) == (
        1,
        ("finished",),
        ("action_overdue", "kept"),
    )


def test_a_milestone_is_due_at_the_period_end_when_its_quarter_runs_past_it():
    file = plan(period=("2027-01-01", "2027-11-30"), milestones=[{"id": "m", "title": "M", "quarter": "Q4"}])
    assert at(file, "2027-11-01").milestones[0].due == D("2027-11-30")


def test_a_task_done_after_as_of_has_not_happened_yet():
    body = "## A {#a}\n- [x] one due:2027-05-01 done:2027-05-20\n"
    file = plan(milestones=MS, actions=[action("a")], body=body)
    acc = at(file, "2027-05-15")
    assert (acc.actions[0].status, acc.actions[0].tasks_done) == ("todo", 0)
    assert [i.text for i in agenda.open_items(acc, file.tasks)] == ["one"]
    assert recent.completions(acc, file.tasks) == []
    later = at(file, "2027-05-20")
    assert later.actions[0].status == "done" and agenda.open_items(later, file.tasks) == []


def test_an_action_written_done_with_a_later_done_date_takes_the_status_of_its_tasks():
    body = "## A {#a}\n- [x] one done:2027-05-01\n- [ ] two\n"
    file = plan(milestones=MS, actions=[action("a", status="done", done=D("2027-06-01"))], body=body)
    assert at(file, "2027-05-15").actions[0].status == "doing"
    assert at(file, "2027-06-01").actions[0].status == "done"


def test_open_tasks_of_a_done_action_are_not_overdue_and_not_in_today():
    body = "## A {#a}\n- [ ] leftover due:2027-02-01\n## B {#b}\n- [ ] real due:2027-02-01\n"
    file = plan(milestones=MS, actions=[action("a", status="done"), action("b")], body=body)
    acc = at(file, "2027-03-01")
    assert [i.text for i in agenda.open_items(acc, file.tasks)] == ["real"]
    assert [t.text for t in acc.overdue_tasks] == ["real"]


def test_a_task_overdue_by_more_than_the_grace_days_puts_the_account_at_risk():
    goal = {"id": "g", "title": "G", "baseline": 0, "target": 100, "measure_every": 365}
    file = plan(goals=[goal], body="- [ ] Send the report due:2027-03-01\n")
    assert at(file, "2027-03-08").health == "on_track"  # 7 days late
    acc = at(file, "2027-03-09")
    assert (acc.health, acc.reasons) == ("at_risk", (("task_overdue", str(file.tasks[0].line)),))
    assert at(file, "2027-03-09", task_grace_days=10).health == "on_track"


def test_a_plan_without_goals_is_unmeasured_never_on_track():
    assert (at(plan(), "2027-03-01").health, at(plan(), "2027-03-01").reasons) == (
        "unmeasured",
        (("no_goals", ""),),
    )


def test_an_accounts_roll_up_is_the_mean_of_its_goals_progress_and_expected():
    share = {"id": "share", "title": "Share", "baseline": 0, "target": 100, "actuals": {D("2027-06-30"): 10}}
    acc = at(plan(goals=[revenue(actuals={D("2027-06-30"): 3000000}), share]), "2027-06-30")
    assert [g.progress for g in acc.goals] == [1.0, 0.1] and acc.progress == pytest.approx(0.55)
    assert acc.expected == pytest.approx(180 / 364)  # both goals expect Jun 30 of a linear year
    assert (at(plan(), "2027-03-01").progress, at(plan(), "2027-03-01").expected) == (None, None)


def contact_plan(every=14, body="- [x] 📞 Call the buyer done:2027-05-01\n", **extra):
    front = {
        "account": "Acme",
        "owner": "ana",
        "team": {"ana": "Ana"},
        "period": {"start": D("2027-01-01"), "end": D("2027-12-31")},
        "goals": [{"id": "g", "title": "G", "baseline": 0, "target": 100, "measure_every": 365}],
        **extra,
    }
    if every:
        front["contact_every"] = every
    return parse_plan(
        "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body,
        f"plans/{extra.get('id', 'acme')}.md",
    )


def test_client_contact_is_overdue_after_contact_every_days():
    file = contact_plan()
    on_time, late = at(file, "2027-05-15"), at(file, "2027-05-16")
    assert (on_time.last_contact, on_time.contact_overdue, on_time.contact_due) == (
        D("2027-05-01"),
        False,
        True,
    )
    assert (late.contact_overdue, late.health, late.reasons) == (
        True,
        "at_risk",
        (("contact_overdue", "2027-05-01"),),
    )
    assert at(file, "2027-05-07").contact_due is False
    assert at(contact_plan(every=None), "2027-09-01").contact_overdue is False  # off by default
    assert at(contact_plan(every=None), "2027-09-01", contact_every=30).contact_overdue is True
    assert at(file, "2028-01-15").contact_overdue is False  # closed


def test_a_plan_that_follows_another_counts_contact_from_the_previous_plans_last_contact():
    old = contact_plan(id="acme-2027", body="- [x] 📞 Call done:2027-12-20\n")
    new = contact_plan(
        id="acme-2028",
        follows="acme-2027",
        body="",
        period={"start": D("2028-01-01"), "end": D("2028-12-31")},
    )
    _, acc = compute_all([old, new], D("2028-01-10"))
    assert (acc.last_contact, acc.contact_overdue) == (D("2027-12-20"), True)


# -- goals to hold (format v3 §9.1) ----------------------------------------------------------


def held_share(band, actuals=None, baseline=34, **extra):
    """A market share (%) to hold inside `band` ({min, max}), measured on the given days."""
    return {"id": "share", "title": "Share", "unit": "%", "baseline": baseline, "hold": band,
            "actuals": actuals or {}, **extra}  # fmt: skip


@pytest.mark.parametrize(
    ("band", "value", "status", "progress"),
    [
        ({"min": 33, "max": 37}, 33, "on_track", 1.0),  # both ends belong to the band
        ({"min": 33, "max": 37}, 37, "on_track", 1.0),
        ({"min": 33, "max": 37}, 32.9, "off_track", 0.0),
        ({"min": 33, "max": 37}, 37.1, "off_track", 0.0),
        ({"min": 35}, 35, "on_track", 1.0),  # min only: at or above
        ({"min": 35}, 99, "on_track", 1.0),
        ({"min": 35}, 34.99, "off_track", 0.0),
        ({"max": 5}, 5, "on_track", 1.0),  # max only: at or below
        ({"max": 5}, -3, "on_track", 1.0),
        ({"max": 5}, 5.01, "off_track", 0.0),
    ],
)
def test_a_goal_to_hold_is_on_track_inside_its_band_ends_included_and_off_track_outside(
    band, value, status, progress
):
    acc = at(plan(goals=[held_share(band, {D("2027-04-30"): value})]), "2027-05-15")
    (goal,) = acc.goals
    assert (goal.status, goal.progress, goal.expected, goal.current) == (status, progress, 1.0, value)
    assert goal.forecast is None and goal.forecast_progress is None  # no pace to a band
    assert acc.health == ("on_track" if status == "on_track" else "off_track")


def test_a_goal_to_hold_without_an_actual_is_judged_on_its_baseline():
    inside, outside = (at(plan(goals=[held_share({"min": 35}, baseline=b)]), "2027-02-01") for b in (36, 34))
    assert [(a.goals[0].status, a.goals[0].measured_on) for a in (inside, outside)] == [
        ("on_track", None),
        ("off_track", None),
    ]


@pytest.mark.parametrize(
    ("actuals", "status"),
    [
        ({"2027-06-30": 30, "2027-12-31": 36}, "achieved"),  # the last actual decides
        ({"2027-06-30": 36, "2027-12-31": 30}, "missed"),  # inside all year, outside at the end
        ({"2027-06-30": 36, "2027-12-20": 37}, "achieved"),  # the band's end, before period.end
        ({}, "missed"),  # no actual: the baseline (34) is outside
    ],
)
def test_a_closed_plans_goal_to_hold_is_achieved_when_its_last_value_lies_in_the_band(actuals, status):
    file = plan(goals=[held_share({"min": 35, "max": 37}, {D(d): v for d, v in actuals.items()})])
    (goal,) = at(file, "2028-01-01").goals
    assert (goal.status, goal.stale, goal.forecast) == (status, False, None)


def test_a_goal_to_hold_not_measured_for_a_quarter_is_stale_even_inside_its_band():
    (goal,) = at(plan(goals=[held_share({"min": 35}, {D("2027-01-31"): 36})]), "2027-05-04").goals
    assert (goal.status, goal.stale) == ("on_track", True)


# -- weights and the account's roll-up (format v3 §9.2) ----------------------------------------


def test_the_roll_up_weighs_each_goal_and_holds_its_progress_to_0_through_1():
    goals = [
        revenue(weight=3, actuals={D("2027-07-02"): 3300000}),  # progress 1.6: counts 1
        {"id": "margin", "title": "Margin", "baseline": 0, "target": 100, "actuals": {D("2027-07-02"): 10}},
        held_share({"min": 35}, {D("2027-07-02"): 30}, weight=2),  # out of its band: progress 0
        {"id": "churn", "title": "Churn", "baseline": 10, "target": 5, "weight": 0.5,
         "actuals": {D("2027-07-02"): 11}},  # progress -0.2: counts 0
    ]  # fmt: skip
    acc = at(plan(goals=goals), "2027-07-02")
    assert [g.progress for g in acc.goals] == [pytest.approx(1.6), 0.1, 0.0, pytest.approx(-0.2)]
    assert acc.progress == pytest.approx((3 * 1 + 1 * 0.1 + 2 * 0 + 0.5 * 0) / 6.5)
    # the linear path of the three goals to move expects 182/364 on Jul 2; the band expects 1
    assert acc.expected == pytest.approx((4.5 * 182 / 364 + 2 * 1) / 6.5)
    assert acc.weighted is True


def test_without_weights_the_roll_up_is_the_plain_mean_and_says_it_is_not_weighted():
    margin = {
        "id": "margin",
        "title": "Margin",
        "baseline": 0,
        "target": 100,
        "actuals": {D("2027-07-02"): 10},
    }
    acc = at(plan(goals=[revenue(actuals={D("2027-07-02"): 3300000}), margin]), "2027-07-02")
    assert (acc.progress, acc.weighted) == (pytest.approx(0.55), False)
    one = at(plan(goals=[revenue(weight=1, actuals={D("2027-07-02"): 3300000}), margin]), "2027-07-02")
    assert (one.progress, one.weighted) == (pytest.approx(0.55), True)  # written, even as 1
    assert (at(plan(), "2027-03-01").progress, at(plan(), "2027-03-01").weighted) == (None, False)


def test_a_client_build_rolls_up_only_the_goals_the_client_sees():
    from kamsite.core.audience import client_view

    hidden = {"id": "margin", "title": "Margin", "baseline": 0, "target": 100, "weight": 9,
              "internal": True, "actuals": {D("2027-07-02"): 0}}  # fmt: skip
    file = plan(goals=[revenue(weight=2, actuals={D("2027-07-02"): 2750000}), hidden])
    assert at(file, "2027-07-02").progress == pytest.approx(2 * 0.5 / 11)
    client = compute(client_view(file), D("2027-07-02"))
    assert (client.progress, client.weighted, client.goals[0].goal.weight) == (0.5, True, 2)


# -- the pace forecast (format v3 §9.3) -------------------------------------------------------


def test_the_forecast_carries_the_pace_since_the_start_on_to_the_periods_end():
    """Jul 2 is 182 days after Jan 1 and 182 days before Dec 31: the pace doubles the gain."""
    up = revenue(actuals={D("2027-03-31"): 2550000, D("2027-07-02"): 2700000})
    down = {"id": "churn", "title": "Churn", "baseline": 10, "target": 5, "actuals": {D("2027-07-02"): 9}}
    acc = at(plan(goals=[up, down]), "2027-08-15")
    assert [(g.forecast, g.forecast_progress) for g in acc.goals] == [(2900000, 0.8), (8, 0.4)]


def test_the_forecast_counts_days_exactly():
    """Mar 31 is 89 days after Jan 1 and 275 before Dec 31: 2,610,000 + 110,000 x 275/89."""
    (goal,) = at(plan(goals=[revenue(actuals={D("2027-03-31"): 2610000})]), "2027-05-15").goals
    assert goal.forecast == 2610000 + 110000 * 275 / 89
    assert goal.forecast_progress == (110000 + 110000 * 275 / 89) / 500000  # 0.8998: "90%"


def test_the_forecast_is_never_a_status():
    """A goal far behind a checkpoint is off track even when its pace would pass the target."""
    checkpoint = {"id": "q1", "title": "Q1", "quarter": "Q1", "checkpoint": {"revenue": 2900000}}
    (goal,) = at(plan(goals=[revenue(actuals={D("2027-03-31"): 2750000})], milestones=[checkpoint]),
                 "2027-04-01").goals  # fmt: skip
    assert (goal.status, goal.forecast_progress > 1) == ("off_track", True)


@pytest.mark.parametrize(
    ("actuals", "as_of"),
    [
        ({}, "2027-05-15"),  # not measured: no pace
        ({"2027-01-01": 2600000}, "2027-05-15"),  # measured on period.start only: no days to pace by
        ({"2027-06-30": 2600000}, "2027-05-15"),  # measured after as_of: not yet
        ({"2027-06-30": 2600000}, "2028-01-01"),  # a closed plan has its result, not a pace
    ],
)
def test_the_forecast_is_null_without_an_actual_after_the_start_and_on_closed_plans(actuals, as_of):
    (goal,) = at(plan(goals=[revenue(actuals={D(d): v for d, v in actuals.items()})]), as_of).goals
    assert (goal.forecast, goal.forecast_progress) == (None, None)
