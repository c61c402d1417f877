"""iCalendar files: all-day events with UIDs that stay the same from build to build."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    summary: str
    description: str = ""


# Every way a reader might break a line: CR, LF, CRLF, and the Unicode line and paragraph breaks.
_BREAK = re.compile("\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # Unicode's control characters (Cc) but the line feed


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): a line break becomes the escape `\\n`, a tab a space, and
    every other control character is dropped, so no text can end a line and start a property
    or an event of its own, whichever characters a reader splits lines on."""
    value = _BREAK.sub("\n", value).replace("\t", " ")
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets; continuation lines start with a space (RFC 5545)."""
    if len(line) <= 18 or len(line.encode("utf-8")) <= 75:  # 18 characters are at most 72 octets
        return [line]
    parts, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            parts.append(current)
            current = " " + char
        else:
            current += char
    return [*parts, current]


def stable_uid(*parts: str) -> str:
    """A UID from what identifies an item (not its date), so an edit updates the event."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{digest}@kamsite"


def calendar(name: str, events: Iterable[Event], stamp: date) -> str:
    """A VCALENDAR; DTSTAMP is the build's as_of so that builds are reproducible."""
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//kamsite//kamsite//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    body = [_vevent(event, stamp) for event in sorted(events, key=lambda e: (e.day, e.uid))]
    return _lines(head) + "".join(body) + "END:VCALENDAR\r\n"


def _vevent(event: Event, stamp: date) -> str:
    return _lines(
        [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_text(event.summary)}",
            *([f"DESCRIPTION:{_text(event.description)}"] if event.description else []),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    )


def _lines(lines: list[str]) -> str:
    """Content lines, folded, each ending with CRLF."""
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
