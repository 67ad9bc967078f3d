"""What a report is made of: the period it covers and the sections plugins contribute.

These are the types the ``hive_report_sections`` hook exchanges (see
:mod:`hive.hookspecs`). The module is light (attrs and the standard library)
so a plugin can import it at the top of its report module.

A :class:`Period` is a month, a quarter, a year or any span of days; it knows
its :attr:`~Period.previous` period (the month, quarter or year before, or as
many days just before a span) and its :attr:`~Period.year_to_date` (1 January
of its last day's year to its last day). :func:`parse_period` reads
``2026-11``, ``2026Q4``, ``2026`` and their Chinese forms (``2026年11月``,
``2026年第4季度``, ``2026年``), full-width digits too.

A :class:`Section` holds :class:`Figure` values (each with the same figure for
the previous period and the year to date where it makes sense), listings as
:class:`Table` and bar charts as :class:`Chart`. :class:`Tally` adds records up
for the period, the previous period and the year to date in one pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import attrs

from hive.errors import InvalidInput
from hive.frozen import frozen
from hive.i18n import _
from hive.inputs import MONTH_NAMES

MONTH, QUARTER, YEAR, SPAN = "month", "quarter", "year", "span"
KINDS = (MONTH, QUARTER, YEAR, SPAN)

Number = int | float


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


@frozen
class Period:
    """The days a report covers, from ``start`` to ``end`` (both included)."""

    start: dt.date
    end: dt.date
    kind: str = SPAN  # month, quarter, year or span

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(dt.date(year, month, 1), _month_end(year, month), MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        return cls(dt.date(year, first, 1), _month_end(year, first + 2), QUARTER)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), YEAR)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def previous(self) -> Period:
        """The month, quarter or year before; for a span, as many days just before it."""
        if self.kind == MONTH:
            before = self.start - dt.timedelta(days=1)
            return Period.month(before.year, before.month)
        if self.kind == QUARTER:
            before = self.start - dt.timedelta(days=1)
            return Period.quarter(before.year, (before.month - 1) // 3 + 1)
        if self.kind == YEAR:
            return Period.year(self.start.year - 1)
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end, SPAN)

    @property
    def year_to_date(self) -> Period:
        """From 1 January of the year of :attr:`end` to :attr:`end`."""
        return Period(dt.date(self.end.year, 1, 1), self.end, YEAR if self.kind == YEAR else SPAN)

    @property
    def code(self) -> str:
        """The period as typed on the command line: ``2026-11``, ``2026Q4``, ``2026``, ``2026-11-01..2026-11-15``."""
        if self.kind == MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == QUARTER:
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def title(self) -> str:
        """The period in words, in the current language: ``2026年11月``, ``November 2026``."""
        year = self.start.year
        if self.kind == MONTH:
            return _("{month_name} {year}").format(month_name=_(MONTH_NAMES[self.start.month - 1]), year=year)
        if self.kind == QUARTER:
            return _("{year} Q{quarter}").format(year=year, quarter=(self.start.month - 1) // 3 + 1)
        if self.kind == YEAR:
            return _("the year {year}").format(year=year)
        return _("{start} to {end}").format(start=self.start.isoformat(), end=self.end.isoformat())

    def months(self) -> list[Period]:
        """Every calendar month the period touches, first to last."""
        found, year, month = [], self.start.year, self.start.month
        while dt.date(year, month, 1) <= self.end:
            found.append(Period.month(year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found

    def last_months(self, count: int = 12) -> list[Period]:
        """The ``count`` calendar months ending with the month of :attr:`end`."""
        index = self.end.year * 12 + self.end.month - 1
        return [Period.month(i // 12, i % 12 + 1) for i in range(index - count + 1, index + 1)]


def parse_period(text: str, field: str = "--period") -> Period:
    """``2026-11``, ``2026Q4``, ``2026`` (and ``2026年11月``, ``2026年第4季度``, ``2026年``) as a :class:`Period`.

    Read by :func:`hive.inputs.parse_period` (full-width digits and the words
    on a form, ``第四季度``, ``2026年度``, too). A single day is not a report's
    period. Raises :class:`hive.errors.InvalidInput` naming ``field``.
    """
    from hive import inputs

    try:
        first, last = inputs.parse_period(str(text))
    except inputs.InputProblem:
        first = last = None
    period = span(first, last) if first is not None and last is not None and first.day == 1 else None
    if period is None or period.kind == SPAN:
        raise InvalidInput(
            _("invalid {field} '{value}': expected a month (2026-11), a quarter (2026Q4) or a year (2026)").format(
                field=field, value=text
            )
        )
    return period


def parse_day(text: str, field: str) -> dt.date:
    """A day as people type it (``2026-11-05``, ``2026年11月5日``, full-width digits), by :func:`hive.inputs.parse_date`."""
    from hive import inputs

    try:
        return inputs.parse_date(text)
    except inputs.InputProblem as problem:
        raise InvalidInput(_("invalid {field}: {problem}").format(field=field, problem=problem)) from None


def span(start: dt.date, end: dt.date) -> Period:
    """The days from ``start`` to ``end``; a whole calendar month, quarter or year is named as one."""
    if start > end:
        raise InvalidInput(
            _("invalid period: --from {start} is after --to {end}").format(start=start.isoformat(), end=end.isoformat())
        )
    for candidate in (
        Period.month(start.year, start.month),
        Period.quarter(start.year, (start.month - 1) // 3 + 1),
        Period.year(start.year),
    ):
        if (candidate.start, candidate.end) == (start, end):
            return candidate
    return Period(start, end, SPAN)


@frozen
class Figure:
    """One figure of a section: its value for the period, the previous period and the year to date.

    ``key`` is the stable English key of ``--json``; ``label`` the translated
    words shown on the page and in the workbook; ``unit`` a translated unit
    word (hours, yuan), or empty. ``previous`` and ``year_to_date`` are None
    where they make no sense (a count at the end of the period has no year to
    date).
    """

    key: str
    label: str
    value: Number
    previous: Number | None = None
    year_to_date: Number | None = None
    unit: str = ""


@frozen
class Column:
    """A column of a :class:`Table`: the key of its cells in each row, and its translated heading."""

    key: str
    label: str
    numeric: bool = False


@frozen
class Table:
    """A listing: rows of JSON-ready cells keyed by the columns' keys (ids, names, dates, numbers)."""

    key: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]] = attrs.field(factory=list)


@frozen
class Bar:
    label: str
    value: Number


@frozen
class Chart:
    """A bar chart drawn on the page: one bar per label (a stage, a month, a branch)."""

    key: str
    title: str
    bars: list[Bar]
    unit: str = ""


@frozen
class Section:
    """A part of the report: a title, figures, listings and charts.

    ``key`` is stable and English (``pipeline``, ``volunteers``); ``plugin``
    is filled in by hive with the name of the plugin that contributed it.
    """

    key: str
    title: str
    figures: list[Figure] = attrs.field(factory=list)
    tables: list[Table] = attrs.field(factory=list)
    charts: list[Chart] = attrs.field(factory=list)
    note: str = ""
    plugin: str = ""

    def figure(self, key: str) -> Figure:
        for found in self.figures:
            if found.key == key:
                return found
        raise KeyError(key)

    def table(self, key: str) -> Table:
        for found in self.tables:
            if found.key == key:
                return found
        raise KeyError(key)


class Tally:
    """Counts and sums over the period, the previous period and the year to date, in one pass over records.

    It also keeps the rows of the records dated in the period, for their listing (:meth:`listing`,
    :meth:`table`). Records dated outside :attr:`reach` count nowhere: read only those
    (``ledger.where(Loan, date=Between(*tally.reach))``). ::

        tally = Tally(period, floats=["hours"])
        for record in ledger.where(Loan, date=Between(*tally.reach)):
            tally.add(record.date, "loans")
            tally.add(record.date, "hours", record.hours)
            tally.distinct(record.date, "readers", record.person)
            tally.listing(record.date, "loans", id=record.id, title=record.title)
        figures = tally.figures([("loans", _("books lent")), ("hours", _("hours"), _("hours"))])
        table = tally.table("loans", _("Books lent"), [Column("date", _("date")), Column("title", _("title"))])
    """

    def __init__(self, period: Period, *, floats: Iterable[str] = ()):
        self.spans = (period, period.previous, period.year_to_date)
        self.floats = frozenset(floats)  # sums of hours or amounts: always a float, 0.0 when nothing was added
        self._sums: tuple[dict[str, Number], ...] = ({}, {}, {})
        self._sets: tuple[dict[str, set[Hashable]], ...] = ({}, {}, {})
        self._bounds = tuple((s.start, s.end) for s in self.spans)
        self._rows: dict[str, list[dict[str, Any]]] = {}

    @property
    def reach(self) -> tuple[dt.date, dt.date]:
        """The first and last day any of the three spans covers: a record dated outside counts nowhere."""
        return min(s.start for s in self.spans), max(s.end for s in self.spans)

    def add(self, day: dt.date, key: str, amount: Number = 1) -> None:
        for (start, end), sums in zip(self._bounds, self._sums, strict=True):
            if start <= day <= end:
                sums[key] = sums.get(key, 0) + amount

    def distinct(self, day: dt.date, key: str, item: Hashable) -> None:
        for (start, end), sets in zip(self._bounds, self._sets, strict=True):
            if start <= day <= end:
                found = sets.get(key)
                if found is None:
                    sets[key] = {item}
                else:
                    found.add(item)

    def distinct_many(self, day: dt.date, key: str, items: Iterable[Hashable]) -> None:
        """:meth:`distinct` for several items of one day (records grouped by day first are much faster)."""
        for (start, end), sets in zip(self._bounds, self._sets, strict=True):
            if start <= day <= end:
                sets.setdefault(key, set()).update(items)

    def listing(self, day: dt.date, table: str, **cells: Any) -> None:
        """Keep a row of the listing ``table`` for a record of ``day``, when the day is in the period.

        The row's cells are ``date`` (the day, ISO) and ``cells`` (an ``id`` orders same-day rows).
        """
        start, end = self._bounds[0]
        if start <= day <= end:
            self._rows.setdefault(table, []).append({"date": day.isoformat(), **cells})

    def table(self, key: str, title: str, columns: list[Column]) -> Table:
        """The rows kept by :meth:`listing` for ``key`` as a :class:`Table`, by date, then id."""
        rows = sorted(self._rows.get(key, ()), key=lambda row: (row["date"], row.get("id", "")))
        return Table(key, title, columns, rows)

    def value(self, key: str, which: int = 0) -> Number:
        """The figure for the period (``which`` 0), the previous period (1) or the year to date (2)."""
        if key in self._sets[which] or any(key in s for s in self._sets):
            return len(self._sets[which].get(key, ()))
        found = self._sums[which].get(key, 0)
        if key in self.floats:
            return round(float(found), 2)
        return round(found, 2) if isinstance(found, float) else found

    def figures(self, spec: Sequence[tuple[str, ...]], *, year_to_date: bool = True) -> list[Figure]:
        """A :class:`Figure` for each ``(key, label)`` or ``(key, label, unit)``, with previous and year-to-date values."""
        found = []
        for key, label, *unit in spec:
            found.append(
                Figure(
                    key,
                    label,
                    self.value(key, 0),
                    self.value(key, 1),
                    self.value(key, 2) if year_to_date else None,
                    unit[0] if unit else "",
                )
            )
        return found


def stock(key: str, label: str, period: Period, count_on: Any, unit: str = "") -> Figure:
    """A figure counted on the last day of the period (``count_on(day)``), with the previous period's last day."""
    return Figure(key, label, count_on(period.end), count_on(period.previous.end), None, unit)


__all__ = [
    "Bar",
    "Chart",
    "Column",
    "Figure",
    "Period",
    "Section",
    "Table",
    "Tally",
    "parse_day",
    "parse_period",
    "span",
    "stock",
]
