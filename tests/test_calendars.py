"""Calendar events: milestones on their due dates."""

from kamsite.render.calendars import milestone_events

from .test_compute import D, at, plan


def test_a_dropped_milestone_is_on_no_calendar_and_a_short_quarter_ends_with_the_period():
    file = plan(period=("2027-01-01", "2027-11-30"),
                milestones=[{"id": "kept", "title": "Kept", "quarter": "Q4"},
                            {"id": "gone", "title": "Gone", "quarter": "Q1", "status": "dropped"}])
    events = milestone_events(at(file, "2027-05-01"))
    assert [(e.summary.split(" (")[0], e.day) for e in events] == [("★ Kept", D("2027-11-30"))]
