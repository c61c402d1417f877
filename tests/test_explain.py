"""Every status explains the arithmetic behind it, in the reader's words."""

from datetime import date

from kamsite.core.progress import Settings, compute
from kamsite.render import explain
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels

from .conftest import make_plan, revenue_goal

EN, FMT = Labels("en"), Formats("en")


def account(as_of="2027-05-15", **plan):
    return compute(make_plan(**plan), date.fromisoformat(as_of))


def test_a_goal_names_its_progress_the_expectation_and_the_values():
    acc = account(goals=[revenue_goal(actuals={"2027-03-31": 2610000})])
    text = explain.goal(acc.goals[0], Settings(), FMT, EN)
    assert "22%" in text and "R$2,610,000" in text and "R$3,000,000" in text and "R$2,500,000" in text


def test_a_milestone_explains_why_it_is_missed():
    acc = account(milestones=[{"id": "q1", "title": "Q1 deal", "quarter": "Q1"}])
    text = explain.milestone(acc.milestones[0], FMT.date(acc.as_of), FMT, EN)
    assert acc.milestones[0].status == "missed"
    assert text == "due Mar 31, 2027 has passed and it was not reached → missed"


def test_an_action_counts_its_tasks_and_says_it_is_late():
    acc = account(
        milestones=[{"id": "q2", "title": "Q2", "quarter": "Q2"}],
        actions=[{"id": "act", "title": "Act", "milestone": "q2", "due": "2027-05-01"}],
        body="## Act {#act}\n- [x] one done:2027-04-01\n- [ ] two\n",
    )
    text = explain.action(acc.actions[0], FMT.date(acc.as_of), FMT, EN)
    assert "1 of 2" in text and "May 1, 2027" in text


def test_health_names_each_cause_by_its_title():
    acc = account(goals=[revenue_goal()], milestones=[{"id": "q1", "title": "Q1 deal", "quarter": "Q1"}])
    text = explain.health(acc, EN)
    assert "Q1 deal" in text and "Revenue" in text
