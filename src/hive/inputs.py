"""What people type: dates, numbers and codes as they come from a keyboard or a spreadsheet.

Each parser takes text and returns a value, or raises :class:`InputProblem`
with the problem in words (the caller names the field). Full-width digits
and punctuation (what a Chinese input method gives) are read as their ASCII
forms; digits of other scripts, underscores and exponents are refused, since
``int()`` and ``float()`` would quietly accept them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from hive.i18n import N_, _
from hive.patterns import LazyPattern

EARLIEST = dt.date(1900, 1, 1)  # nothing a center keeps is older; year 1 is a typo

MONTH_NAMES = (  # translated where shown
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)

# 2026-03-02, 2026-3-2, 2026/3/2, 2026.3.2, 2026年3月2日 (after NFKC and trimming)
_DATE = LazyPattern(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$", re.ASCII)
_NUMBER = LazyPattern(r"^[+-]?(\d+(\.\d*)?|\.\d+)$", re.ASCII)


class InputProblem(ValueError):
    """Typed text that is not what was asked for; ``str()`` says why, in the user's language."""


def plain(text: str) -> str:
    """NFKC (full-width to ASCII), trimmed. Only digits 0-9 survive as digits."""
    return unicodedata.normalize("NFKC", str(text)).strip()


def parse_date(text: str | dt.date, *, earliest: dt.date = EARLIEST) -> dt.date:
    """A calendar date in any of the forms people type (see the module docstring)."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        value = text
    else:
        cleaned = plain(text)
        found = _DATE.match(cleaned)
        if not found:
            raise InputProblem(_("'{value}' is not a date (for example 2026-03-02 or 2026年3月2日)").format(value=text))
        year, month, day = (int(part) for part in found.groups())
        if not 1 <= month <= 12:
            raise InputProblem(_("{value}: there is no month {month}").format(value=cleaned, month=month))
        try:
            value = dt.date(year, month, day)
        except ValueError:
            import calendar

            days = calendar.monthrange(year, month)[1]
            raise InputProblem(
                _("{value}: {month} has {days} days").format(
                    value=f"{year:04d}-{month:02d}-{day:02d}", month=_(MONTH_NAMES[month - 1]), days=days
                )
            ) from None
    if value < earliest:
        raise InputProblem(
            _("{value} is before {earliest}; check the year").format(
                value=value.isoformat(), earliest=earliest.isoformat()
            )
        )
    return value


def parse_number(text: str | int | float, *, whole: bool = False) -> float | int:
    """A plain decimal number: ``12``, ``1.5``, ``１２`` (full width); never ``1_0``, ``1e1``, ``nan`` or ``٣``."""
    if isinstance(text, bool):
        raise InputProblem(_("'{value}' is not a number").format(value=text))
    if isinstance(text, int):
        return text
    if isinstance(text, float):
        if text != text or text in (float("inf"), float("-inf")):
            raise InputProblem(_("'{value}' is not a number").format(value=text))
        if whole and not text.is_integer():
            raise InputProblem(_("'{value}' is not a whole number").format(value=text))
        return int(text) if whole else text
    cleaned = plain(text).replace("，", ",")
    if not _NUMBER.match(cleaned):
        raise InputProblem(_("'{value}' is not a number").format(value=text))
    if whole:
        if "." in cleaned.rstrip("0").rstrip("."):
            raise InputProblem(_("'{value}' is not a whole number").format(value=text))
        return int(float(cleaned))
    return float(cleaned)


def code_key(text: str) -> str:
    """The form in which a typed code or label is compared: NFKC, trimmed, case-folded, ``-``/space as ``_``."""
    return re.sub(r"[\s\-]+", "_", plain(text).casefold())


_MONTH = LazyPattern(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$", re.ASCII)
_QUARTER = LazyPattern(r"^(\d{4})\s*(?:[-\s]?[Qq]|年第?)\s*([1-4])\s*(?:季度?)?$", re.ASCII)
_YEAR = LazyPattern(r"^(\d{4})\s*年?$", re.ASCII)
# the words of a form: 第四季度 for 第4季度, 2026年度 for 2026年
_QUARTER_WORDS = LazyPattern("第([一二三四])季度")
_NUMERALS = {"一": "1", "二": "2", "三": "3", "四": "4"}


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a day, month (``2026-11``, ``2026年11月``), quarter (``2026Q4``,
    ``2026年第4季度``, ``2026年第四季度``) or year (``2026``, ``2026年``, ``2026年度``)."""
    import calendar

    cleaned = _QUARTER_WORDS.sub(lambda found: f"第{_NUMERALS[found.group(1)]}季度", plain(text))
    if cleaned.endswith("年度"):
        cleaned = cleaned.removesuffix("度")
    found = _QUARTER.match(cleaned)
    if found:
        year, quarter = int(found.group(1)), int(found.group(2))
        first = dt.date(year, 3 * quarter - 2, 1)
        last_month = 3 * quarter
        return _bounded(first), dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    found = _MONTH.match(cleaned)
    if found:
        year, month = int(found.group(1)), int(found.group(2))
        if not 1 <= month <= 12:
            raise InputProblem(_("{value}: there is no month {month}").format(value=cleaned, month=month))
        return _bounded(dt.date(year, month, 1)), dt.date(year, month, calendar.monthrange(year, month)[1])
    found = _YEAR.match(cleaned)
    if found:
        year = int(found.group(1))
        return _bounded(dt.date(year, 1, 1)), dt.date(year, 12, 31)
    try:
        day = parse_date(cleaned)
    except InputProblem:
        raise InputProblem(
            _("'{value}' is not a date or a period (2026-03-02, 2026-11, 2026Q4 or 2026)").format(value=text)
        ) from None
    return day, day


def _bounded(first: dt.date) -> dt.date:
    if first < EARLIEST:
        raise InputProblem(
            _("{value} is before {earliest}; check the year").format(value=first.isoformat(), earliest=EARLIEST)
        )
    return first
