"""The calendar periods of the regular schedule, checked on any day."""

from __future__ import annotations

import datetime as dt

from hive_party import periods
from hypothesis import given
from hypothesis import strategies as st

DAYS = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
FREQUENCIES = st.sampled_from(["monthly", "quarterly", "yearly"])


@given(DAYS, FREQUENCIES)
def test_every_day_falls_in_exactly_one_period_of_its_year(day, frequency):
    found = [(label, start, end) for label, start, end in periods.of_year(day.year, frequency) if start <= day <= end]
    assert len(found) == 1
    assert found[0][0] == periods.label(day, frequency)


@given(st.integers(1950, 2100), FREQUENCIES)
def test_the_periods_of_a_year_cover_it_without_gaps(year, frequency):
    found = periods.of_year(year, frequency)
    assert found[0][1] == dt.date(year, 1, 1) and found[-1][2] == dt.date(year, 12, 31)
    for (_l, _s, end), (_l2, start, _e) in zip(found, found[1:], strict=False):
        assert start == end + dt.timedelta(days=1)
    assert len(found) == {"monthly": 12, "quarterly": 4, "yearly": 1}[frequency]


@given(DAYS, st.integers(-240, 240))
def test_add_months(day, months):
    moved = periods.add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == day.day or (moved.day < day.day and (moved + dt.timedelta(days=1)).day == 1)


def test_labels():
    day = dt.date(2026, 2, 28)
    assert [periods.label(day, f) for f in ("monthly", "quarterly", "yearly")] == ["2026-02", "2026-Q1", "2026"]
    assert periods.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert periods.add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
