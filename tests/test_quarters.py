"""Quarters (core/quarters.py): 3-month blocks from the period's start, the last one ending on
the period's end."""

from kamsite.core.quarters import add_months, milestone_due, quarter_end, quarter_start, quarters_of

from .conftest import D


def test_quarters_count_from_a_fiscal_year_start():
    start = D("2027-04-01")
    assert quarter_start(start, "Q1") == D("2027-04-01")
    assert quarter_end(start, "Q1") == D("2027-06-30")
    assert quarter_end(start, "Q4") == D("2028-03-31")
    assert add_months(D("2027-01-31"), 1) == D("2027-02-28")


def test_a_remainder_of_a_whole_month_is_a_quarter_of_its_own():
    assert quarters_of(D("2027-01-01"), D("2028-01-31"))[-1] == "Q5"
    assert milestone_due(D("2027-01-01"), D("2028-01-31"), "Q4") == D("2027-12-31")
    assert quarters_of(D("2027-01-01"), D("2028-01-30"))[-1] == "Q4"
    assert milestone_due(D("2027-01-01"), D("2028-01-30"), "Q4") == D("2028-01-30")
    assert quarters_of(D("2027-01-01"), D("2027-12-31")) == ["Q1", "Q2", "Q3", "Q4"]
