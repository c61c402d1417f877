"""Calendar text with control characters: no reader, however it splits lines, sees an extra event."""

import re
from datetime import date

import icalendar
import pytest

from kamsite.render.ics import Event, calendar

from .conftest import BASE, mkdocs_build, write_project

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

INJECTION = "END:VEVENT{0}BEGIN:VEVENT{0}UID:evil@x{0}DTSTART;VALUE=DATE:20270101{0}SUMMARY:Injected{0}"
BREAKS = ["\r", "\n", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
CONTROLS = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)])


def reader_lines(text: str) -> list[str]:
    """The lines a careless reader sees: split at any line break Python knows (CR alone included)."""
    return text.splitlines()


@pytest.mark.parametrize("brk", BREAKS, ids=[f"U+{ord(b):04X}" if len(b) == 1 else "CRLF" for b in BREAKS])
def test_a_line_break_in_a_title_cannot_start_an_event(brk):
    title = "Call" + brk + INJECTION.format(brk) + "end"
    text = calendar(
        "Acme" + brk + "X-INJECTED:1", [Event("a@kamsite", date(2027, 3, 10), title, title)], date(2027, 1, 1)
    )
    assert [line for line in reader_lines(text) if line.startswith("BEGIN:VEVENT")] == ["BEGIN:VEVENT"]
    assert not any(
        line.startswith(("UID:evil", "X-INJECTED", "SUMMARY:Injected")) for line in reader_lines(text)
    )
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["a@kamsite"]
    assert str(events[0]["SUMMARY"]) == "Call\n" + INJECTION.format("\n") + "end"


def test_every_control_character_is_dropped_and_the_file_is_plain_rfc_5545():
    title = f"A{CONTROLS}B"
    text = calendar(title, [Event("a@kamsite", date(2027, 3, 10), title)], date(2027, 1, 1))
    body = text.replace("\r\n", "")  # RFC 5545 content lines end in CRLF, and only there
    assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f\x80-\x9f]", body), repr(body)
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    # the tab is a space; LF, VT, FF, CR, the separators 1C-1E and NEL are line breaks; the rest go
    assert str(event["SUMMARY"]) == "A " + "\n" * 8 + "B"


def test_a_built_calendar_has_exactly_the_expected_events(tmp_path):
    # a plan may not hold control characters (format v2), but line breaks are text: LF, U+2028, U+2029
    hostile = "Act\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:evil\\nSUMMARY:Injected\\u2028BEGIN:VEVENT\\u2029x"
    plan = BASE.replace("    title: Act\n", f'    title: "{hostile}"\n    due: 2027-03-10\n')
    site = mkdocs_build(write_project(tmp_path, {"acme": plan}))
    text = (site / "accounts/acme/calendar.ics").read_text(encoding="utf-8")
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries == [
        "◆ Act\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:Injected\nBEGIN:VEVENT\nx · Acme",
        "★ Q1 deal (Q1) · Acme",
    ]
    assert sum(line.startswith("BEGIN:VEVENT") for line in reader_lines(text)) == 2
