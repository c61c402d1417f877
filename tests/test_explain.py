"""Every status explains the arithmetic behind it, in the reader's words."""

from dataclasses import replace
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


LATE = "## Act {#act}\n- [ ] Call Ana due:2027-05-01\n- [ ] Send deck due:2027-04-20\n- [ ] Visit due:2027-03-01\n"


def late_account():
    return account(
        milestones=[{"id": "q2", "title": "Q2", "quarter": "Q2"}],
        actions=[{"id": "act", "title": "Act", "milestone": "q2", "due": "2027-05-01"}],
        body=LATE,
    )


def test_each_overdue_task_is_its_own_cause_with_its_own_days():
    acc = late_account()
    assert explain.causes(acc, EN, FMT) == [
        "action “Act” is overdue",
        "task “Call Ana” is overdue by 14 days",
        "task “Send deck” is overdue by 25 days",
        "task “Visit” is overdue by 75 days",
    ]


class Counted(tuple):
    """A plan's overdue tasks that count how often they are looked through."""

    scans = 0

    def __iter__(self):
        Counted.scans += 1
        return super().__iter__()


def test_the_overdue_tasks_are_looked_through_once_per_account_not_once_per_cause():
    acc = late_account()
    acc = replace(acc, overdue_tasks=Counted(acc.overdue_tasks))
    Counted.scans = 0
    explain.health(acc, EN, FMT)
    assert Counted.scans == 1  # before: once per task cause, 100,000 tasks took minutes


def test_a_goal_to_hold_explains_itself_and_its_cause_in_the_bands_terms():
    share = {"id": "share", "title": "Share", "unit": "%", "baseline": 34, "hold": {"min": 35},
             "actuals": {"2027-04-30": 33.5}}  # fmt: skip
    acc = account(goals=[share])
    assert explain.goal(acc.goals[0], Settings(), FMT, EN) == (
        "33.5% is outside the band (keep ≥ 35%) → out of the band;"
        " judged on Apr 30, 2027, the date of the latest measurement"
    )
    assert explain.health(acc, EN) == "goal “Share” is out of its band → off track"
    assert explain.health(acc, Labels("pt_BR")).startswith("a meta “Share” está fora da faixa")
