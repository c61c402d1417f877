"""The recent-work report: what was done in the window, goals then and now, weekly counts."""

from datetime import date

from kamsite.core import recent
from kamsite.core.progress import compute
from kamsite.shell import loader

from .conftest import EXAMPLE
from .test_compute import D, action, plan


def test_the_example_report_of_acme():
    (acme,) = [p for p in loader.load(EXAMPLE / "plans").plans if p.id == "acme"]
    report = recent.recent(compute(acme, date(2027, 5, 15)), acme.tasks, days=30)
    assert [(d.kind, d.title, d.day.isoformat()) for d in report.done] == [
        ("task", "Ligar para o comprador sobre o pedido de maio", "2027-05-05"),
        ("task", "Reservar capacidade na fábrica 2", "2027-04-27"),
    ]
    assert [(c.goal.id, c.then, c.now) for c in report.goals] == [
        ("revenue", 2610000, 2610000),
        ("share-x", 28.5, 29.4),
    ]


def test_an_action_is_dated_by_its_last_task_and_a_milestone_by_its_last_action():
    body = "## A {#a}\n- [x] one done:2027-05-02\n- [x] two done:2027-05-09\n- [x] undated\n"
    file = plan(
        milestones=[{"id": "m1", "title": "M1", "quarter": "Q2"}],
        actions=[action("a", milestone="m1")],
        body=body,
    )
    report = recent.recent(compute(file, D("2027-05-15")), file.tasks, days=30)
    assert [(d.kind, d.title, d.day.isoformat()) for d in report.done] == [
        ("milestone", "M1", "2027-05-09"),
        ("action", "A", "2027-05-09"),
        ("task", "two", "2027-05-09"),
        ("task", "one", "2027-05-02"),
    ]


def test_the_window_excludes_its_first_day_and_the_future():
    body = "- [x] edge done:2027-04-15\n- [x] inside done:2027-04-16\n- [x] future done:2027-05-16\n"
    file = plan(body=body)
    report = recent.recent(compute(file, D("2027-05-15")), file.tasks, days=30)
    assert [d.title for d in report.done] == ["inside"]


def test_weekly_completions_end_on_as_of():
    body = "- [x] a done:2027-05-15\n- [x] b done:2027-05-09\n- [x] c done:2027-05-08\n"
    file = plan(body=body)
    weeks = recent.recent(compute(file, D("2027-05-15")), file.tasks).weekly
    assert len(weeks) == 12
    assert weeks[-1] == (D("2027-05-09"), 2)
    assert weeks[-2] == (D("2027-05-02"), 1)
    assert sum(count for _, count in weeks) == 3
