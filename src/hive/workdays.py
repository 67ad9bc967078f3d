"""Working days (工作日): weekdays that are not public holidays, plus the weekends worked in lieu (调休).

Deadlines of practice are counted in working days: an application is
answered within 5 working days, a change is filed within 7. Which days
are holidays is a center setting (``core.holidays``, dates), and so are the
weekend days worked in their place (``core.working_weekends``): the State
Council's calendar changes every year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hive.frozen import frozen


@frozen
class Calendar:
    """Which days are working days."""

    holidays: frozenset[dt.date] = frozenset()
    working_weekends: frozenset[dt.date] = frozenset()

    @classmethod
    def of(cls, holidays: Iterable[dt.date | str] = (), working_weekends: Iterable[dt.date | str] = ()) -> Calendar:
        return cls(frozenset(map(_day, holidays)), frozenset(map(_day, working_weekends)))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_weekends:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` itself is not counted)."""
        day = start
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            counted += self.is_working_day(day)
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count


def _day(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def of_settings(settings) -> Calendar:
    """The calendar a center's settings describe (``core.holidays``, ``core.working_weekends``)."""
    return Calendar.of(settings["core.holidays"], settings["core.working_weekends"])
