"""The formulas of the plan format, with hand-computed numbers."""

from datetime import date

import pytest
import yaml

from kamsite.core.parse import parse_plan
from kamsite.core.progress import Settings, compute
from kamsite.core.quarters import add_months, quarter_end, quarter_start

D = date.fromisoformat


def plan(goals=(), milestones=(), actions=(), period=("2027-01-01", "2027-12-31"), body=""):
    front = {
        "account": "Acme", "owner": "ana", "team": {"ana": "Ana", "bruno": "Bruno"},
        "period": {"start": D(period[0]), "end": D(period[1])},
        "goals": list(goals), "milestones": list(milestones), "actions": list(actions),
    }
    text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n" + body
    return parse_plan(text, "plans/acme.md")


def revenue(**extra):
    return {"id": "revenue", "title": "Revenue", "unit": "BRL", "baseline": 2500000,
            "target": 3000000, **extra}


def at(file, as_of, **settings):
    return compute(file, D(as_of), Settings(**settings))


# -- the example of the plan format, as_of 2027-05-15 ---------------------------------

EXAMPLE_BODY = (
    "## Workshop de roadmap {#exec-workshop}\n"
    "- [x] Agendar reunião com o CFO @bruno due:2027-01-10 done:2027-01-09\n"
    "- [ ] Enviar pauta ao comprador due:2027-02-01\n"
    "## Outros\n"
    "- [ ] Relatório mensal de vendas @ana due:2027-01-31 #exec-workshop\n"
)


def example():
    return plan(
        goals=[revenue(actuals={D("2027-03-31"): 2610000, D("2027-06-30"): 2700000})],
        milestones=[{"id": "q1-renewal", "title": "Renovar", "quarter": "Q1",
                     "goals": ["revenue"], "checkpoint": {"revenue": 2600000},
                     "done": D("2027-03-20")}],
        actions=[{"id": "exec-workshop", "title": "Workshop", "milestone": "q1-renewal",
                  "owner": "bruno", "due": D("2027-02-15"), "status": "doing"}],
        body=EXAMPLE_BODY,
    )


def test_the_format_example_goal():
    (goal,) = at(example(), "2027-05-15").goals
    assert goal.current == 2610000  # the 2027-06-30 actual is after as_of
    assert goal.progress == pytest.approx(0.22)
    # between (03-31, 2.6M) and (12-31, 3M): 2.6M + 0.4M * 45/275
    assert goal.expected_value == pytest.approx(2600000 + 400000 * 45 / 275)
    assert goal.expected == pytest.approx((2600000 + 400000 * 45 / 275 - 2500000) / 500000)
    assert goal.status == "at_risk"  # 0.22 < 0.331 - 0.10, but >= 0.331 - 0.25


def test_the_format_example_action_milestone_and_health():
    acc = at(example(), "2027-05-15")
    (action,) = acc.actions
    assert (action.status, action.progress, action.overdue) == ("doing", pytest.approx(1 / 3), True)
    (milestone,) = acc.milestones
    assert (milestone.status, milestone.progress, milestone.due) == ("done", 1.0, D("2027-03-31"))
    assert acc.health == "at_risk"
    assert acc.reasons == (("goal_at_risk", "revenue"), ("action_overdue", "exec-workshop"))


# -- goals ------------------------------------------------------------------------------

def lead_time(actual):
    return {"id": "lead", "title": "Lead time", "unit": "days", "baseline": 12, "target": 7,
            "actuals": {D("2027-07-02"): actual}}


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
    (goal,) = at(example(), "2027-05-15", on_track_margin=0.2, at_risk_margin=0.3).goals
    assert goal.status == "on_track"
    (goal,) = at(example(), "2027-05-15", on_track_margin=0.01, at_risk_margin=0.02).goals
    assert goal.status == "off_track"


# -- fiscal years and quarters ----------------------------------------------------------

def test_quarters_count_from_a_fiscal_year_start():
    start = D("2027-04-01")
    assert quarter_start(start, "Q1") == D("2027-04-01")
    assert quarter_end(start, "Q1") == D("2027-06-30")
    assert quarter_end(start, "Q4") == D("2028-03-31")
    assert add_months(D("2027-01-31"), 1) == D("2027-02-28")


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


# -- actions ----------------------------------------------------------------------------

MS = [{"id": "m1", "title": "M1", "quarter": "Q1"}, {"id": "m2", "title": "M2", "quarter": "Q2"}]


def action(id, milestone="m1", **extra):
    return {"id": id, "title": id.title(), "milestone": milestone, **extra}


def test_action_status_from_tasks_done_date_or_as_written():
    body = (
        "## A {#all}\n- [x] one\n- [x] two\n## S {#some}\n- [x] one\n- [ ] two\n- [ ] three\n"
        "## N {#none}\n- [ ] one\n"
    )
    actions = [action("all"), action("some"), action("none"), action("empty"),
               action("dated", done=D("2027-02-01")), action("later", done=D("2027-09-01")),
               action("written", status="blocked", due=D("2027-02-01"))]
    acc = at(plan(milestones=MS, actions=actions, body=body), "2027-03-01")
    got = {a.action.id: (a.status, round(a.progress, 3), a.overdue) for a in acc.actions}
    assert got == {
        "all": ("done", 1.0, False), "some": ("doing", 0.333, False),
        "none": ("todo", 0.0, False), "empty": ("todo", 0.0, False),
        "dated": ("done", 1.0, False), "later": ("todo", 0.0, False),
        "written": ("blocked", 0.0, True),
    }


def test_dropped_actions_count_nowhere():
    actions = [action("kept", done=D("2027-02-01")), action("gone", status="dropped", due=D("2027-01-15"))]
    acc = at(plan(milestones=MS, actions=actions), "2027-03-01")
    gone = acc.actions[1]
    assert (gone.status, gone.overdue) == ("dropped", False)
    assert (acc.milestones[0].status, acc.milestones[0].actions) == ("done", ("kept",))
    assert acc.health == "on_track"


# -- milestones and health ------------------------------------------------------------

def test_milestone_statuses_and_progress():
    actions = [action("a", due=D("2027-02-01")), action("b", milestone="m2")]
    body = "## A {#a}\n- [x] one\n- [ ] two\n"
    acc = at(plan(milestones=[*MS, {"id": "m3", "title": "M3", "quarter": "Q3", "done": D("2027-04-10")}],
                  actions=actions, body=body), "2027-04-15")
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
