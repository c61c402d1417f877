"""Calendar arithmetic of plan periods: quarters counted from the period's start."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (Jan 31 + 1 = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def quarter_number(quarter: str) -> int:
    return int(quarter[1])


def quarter_start(period_start: date, quarter: str) -> date:
    return add_months(period_start, 3 * (quarter_number(quarter) - 1))


def quarter_end(period_start: date, quarter: str) -> date:
    """The quarter's last day: the milestone's due date."""
    return add_months(period_start, 3 * quarter_number(quarter)) - timedelta(days=1)


def short_remainder(period_start: date, period_end: date, quarter: str) -> bool:
    """Whether `quarter` would start within the period but less than a month before its end:
    then it is no quarter, and those days belong to the quarter before it."""
    start = quarter_start(period_start, quarter)
    return quarter_number(quarter) > 1 and start <= period_end < add_months(start, 1) - timedelta(days=1)


def milestone_due(period_start: date, period_end: date, quarter: str) -> date:
    """A milestone's due date: its quarter's last day, or the period's end if that comes first
    or if what is left after the quarter is shorter than a month."""
    following = f"Q{quarter_number(quarter) + 1}"
    if short_remainder(period_start, period_end, following):
        return period_end
    return min(quarter_end(period_start, quarter), period_end)


def quarters_of(period_start: date, period_end: date) -> list[str]:
    """The quarters that start within the period: Q1, Q2, ... (at most Q8), without a last one
    shorter than a month (its days are the previous quarter's)."""
    return [
        f"Q{n}"
        for n in range(1, 9)
        if quarter_start(period_start, f"Q{n}") <= period_end
        and not short_remainder(period_start, period_end, f"Q{n}")
    ]
