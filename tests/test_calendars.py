"""Calendars: one event per open dated item and per milestone, with UIDs that survive edits."""

from datetime import date

import icalendar

from kamsite.core.agenda import open_items
from kamsite.core.progress import compute
from kamsite.render.calendars import item_events, milestone_events
from kamsite.render.ics import calendar

from .conftest import make_plan

MS = [{"id": "q2", "title": "Q2 deal", "quarter": "Q2"}]
ACTIONS = [{"id": "act", "title": "Act", "milestone": "q2", "owner": "bruno", "due": "2027-06-01"}]


def events_of(body):
    file = make_plan(milestones=MS, actions=ACTIONS, body=body)
    acc = compute(file, date(2027, 5, 15))
    return item_events(open_items(acc, file.tasks), file.plan.team) + milestone_events(acc)


def test_open_dated_tasks_actions_and_milestones_become_events():
    events = events_of("## Act {#act}\n- [ ] Call @ana due:2027-05-20\n- [x] Sent done:2027-05-01\n")
    assert sorted((e.day.isoformat(), e.summary) for e in events) == [
        ("2027-05-20", "☐ Call · Acme"),
        ("2027-06-01", "◆ Act · Acme"),
        ("2027-06-30", "★ Q2 deal (Q2) · Acme"),
    ]
    call = next(e for e in events if "Call" in e.summary)
    assert call.description == "Act · Acme · Ana Souza"


def test_a_uid_stays_when_the_line_or_the_date_moves():
    one = events_of("## Act {#act}\n- [ ] Call due:2027-05-20\n")
    two = events_of("## Act {#act}\n\nIntro.\n\n- [ ] Call due:2027-05-27\n")
    assert {e.uid for e in one} == {e.uid for e in two}


def test_an_action_keeps_its_uid_when_its_due_date_moves():
    """v3 §9.12: the UID comes from the account id and the action id, so moving a date moves the event."""

    def action_uid(due, account_id="acme"):
        actions = [{**ACTIONS[0], "due": due}]
        file = make_plan(milestones=MS, actions=actions, id=account_id)
        (event,) = item_events(open_items(compute(file, date(2027, 5, 15)), file.tasks), {})
        return event.uid

    assert action_uid("2027-06-01") == action_uid("2027-06-20") != action_uid("2027-06-01", "bravo")


def test_a_task_gets_a_new_uid_when_its_text_or_action_changes():
    (task,) = [e.uid for e in events_of("## Act {#act}\n- [ ] Call due:2027-05-20\n") if "Call" in e.summary]
    (other,) = [
        e.uid for e in events_of("## Act {#act}\n- [ ] Visit due:2027-05-20\n") if "Visit" in e.summary
    ]
    (loose,) = [e.uid for e in events_of("- [ ] Call due:2027-05-20\n") if "Call" in e.summary]
    assert len({task, other, loose}) == 3


def test_the_same_task_twice_gets_two_uids():
    events = events_of("## Act {#act}\n- [ ] Call due:2027-05-20\n- [ ] Call due:2027-05-21\n")
    assert len({e.uid for e in events}) == len(events) == 4


def test_the_file_parses_as_icalendar_with_exactly_these_events():
    events = events_of("## Act {#act}\n- [ ] Call; then, write\\ due:2027-05-20\n")
    text = calendar("Acme, S.A.", events, date(2027, 5, 15))
    cal = icalendar.Calendar.from_ical(text)
    parsed = sorted((str(v["SUMMARY"]), v["DTSTART"].dt) for v in cal.walk("VEVENT"))
    assert parsed == sorted((e.summary, e.day) for e in events)
    assert "☐ Call; then, write\\ · Acme" in [summary for summary, _ in parsed]
    assert "X-WR-CALNAME:Acme\\, S.A.\r\n" in text  # TEXT values escape commas (RFC 5545)


def test_a_dropped_milestone_is_on_no_calendar_and_a_short_quarter_ends_with_the_period():
    file = make_plan(
        period=("2027-01-01", "2027-11-30"),
        milestones=[
            {"id": "kept", "title": "Kept", "quarter": "Q4"},
            {"id": "gone", "title": "Gone", "quarter": "Q1", "status": "dropped"},
        ],
    )
    events = milestone_events(compute(file, date(2027, 5, 1)))
    assert [(e.summary.split(" (")[0], e.day) for e in events] == [("★ Kept", date(2027, 11, 30))]
