"""Periods as people type them: months, quarters, years, in Chinese too, with full-width digits."""

from __future__ import annotations

import datetime as dt

import pytest

from hive.errors import InvalidInput
from hive.reporting import MONTH, QUARTER, SPAN, YEAR, Period, parse_day, parse_period, span

D = dt.date


@pytest.mark.parametrize(
    "text, start, end, kind",
    [
        ("2026-11", D(2026, 11, 1), D(2026, 11, 30), MONTH),
        ("2026-2", D(2026, 2, 1), D(2026, 2, 28), MONTH),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), MONTH),
        ("2026/12", D(2026, 12, 1), D(2026, 12, 31), MONTH),
        ("2026年11月", D(2026, 11, 1), D(2026, 11, 30), MONTH),
        ("２０２６年１１月", D(2026, 11, 1), D(2026, 11, 30), MONTH),
        ("2026Q4", D(2026, 10, 1), D(2026, 12, 31), QUARTER),
        ("2026-q1", D(2026, 1, 1), D(2026, 3, 31), QUARTER),
        ("２０２６Ｑ２", D(2026, 4, 1), D(2026, 6, 30), QUARTER),
        ("2026年第4季度", D(2026, 10, 1), D(2026, 12, 31), QUARTER),
        ("2026年第四季度", D(2026, 10, 1), D(2026, 12, 31), QUARTER),
        ("2026年3季度", D(2026, 7, 1), D(2026, 9, 30), QUARTER),
        ("2026", D(2026, 1, 1), D(2026, 12, 31), YEAR),
        ("2026年", D(2026, 1, 1), D(2026, 12, 31), YEAR),
        ("２０２６年度", D(2026, 1, 1), D(2026, 12, 31), YEAR),
        (" 2026 ", D(2026, 1, 1), D(2026, 12, 31), YEAR),
    ],
)
def test_periods_are_read_in_every_form(text, start, end, kind):
    period = parse_period(text)
    assert (period.start, period.end, period.kind) == (start, end, kind)


@pytest.mark.parametrize("text", ["2026-13", "2026-0", "2026Q5", "2026年第5季度", "Nov 2026", "", "26", "2026-11-05"])
def test_anything_else_is_refused_naming_the_option(text):
    with pytest.raises(InvalidInput, match="--period"):
        parse_period(text)


def test_previous_period_and_year_to_date():
    nov = parse_period("2026-11")
    assert nov.previous == Period.month(2026, 10)
    assert Period.month(2026, 1).previous == Period.month(2025, 12)
    assert parse_period("2026Q1").previous == Period.quarter(2025, 4)
    assert parse_period("2026").previous == Period.year(2025)
    assert (nov.year_to_date.start, nov.year_to_date.end) == (D(2026, 1, 1), D(2026, 11, 30))
    ten_days = span(D(2026, 11, 11), D(2026, 11, 20))
    assert ten_days.kind == SPAN
    assert (ten_days.previous.start, ten_days.previous.end) == (D(2026, 11, 1), D(2026, 11, 10))


def test_a_span_that_is_a_calendar_period_is_named_as_one():
    assert span(D(2026, 10, 1), D(2026, 12, 31)) == Period.quarter(2026, 4)
    assert span(D(2026, 2, 1), D(2026, 2, 28)).code == "2026-02"
    with pytest.raises(InvalidInput, match="--from"):
        span(D(2026, 2, 2), D(2026, 2, 1))


def test_days_in_chinese_and_full_width():
    assert parse_day("2026年11月5日", "--from") == D(2026, 11, 5)
    assert parse_day("２０２６-１１-０５", "--from") == D(2026, 11, 5)
    with pytest.raises(InvalidInput, match="--to"):
        parse_day("2026-02-30", "--to")


def test_last_twelve_months_end_with_the_period():
    months = parse_period("2026Q1").last_months(12)
    assert [m.code for m in (months[0], months[-1])] == ["2025-04", "2026-03"]
    assert len({m.code for m in months}) == 12


@pytest.mark.parametrize(
    "text, first, last",
    [("2026年第四季度", D(2026, 10, 1), D(2026, 12, 31)), ("２０２６年度", D(2026, 1, 1), D(2026, 12, 31))],
)
def test_the_words_of_a_form_are_read_where_every_period_is(text, first, last):
    """``hive.inputs.parse_period`` (the records' --period filter too) reads 第四季度 and 年度 itself."""
    from hive import inputs

    assert inputs.parse_period(text) == (first, last)
