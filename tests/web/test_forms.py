"""The workspace's forms read dates and numbers exactly as the command line does (hive.inputs)."""

from __future__ import annotations

import datetime as dt

import pytest

from hive.errors import InvalidInput
from hive.web import forms


@pytest.mark.parametrize("typed", ["2026-03-02", "2026/3/2", "2026.3.2", "2026年3月2日", "２０２６－０３－０２"])
def test_dates_as_people_type_them(typed):
    assert forms.date("date", typed) == dt.date(2026, 3, 2)


def test_an_impossible_date_says_what_is_wrong():
    with pytest.raises(InvalidInput, match="^date: .*November has 30 days"):
        forms.date("date", "2026-11-31")


def test_an_empty_date_is_none_unless_required():
    assert forms.date("from", " ", required=False) is None
    with pytest.raises(InvalidInput, match="must not be empty"):
        forms.date("date", "")


@pytest.mark.parametrize(("typed", "value"), [("1.5", 1.5), ("１２", 12.0), ("3", 3.0)])
def test_numbers_as_people_type_them(typed, value):
    assert forms.number("hours", typed) == value


@pytest.mark.parametrize("typed", ["1_0", "1e1", "nan", "inf", "٣", ""])
def test_what_the_command_line_refuses_the_forms_refuse(typed):
    with pytest.raises(InvalidInput, match="^hours: "):
        forms.number("hours", typed)
