"""The resident identity card number (公民身份号码, GB 11643-1999) and its check digit."""

from __future__ import annotations

import datetime as dt

from hive.errors import InvalidInput
from hive_volunteer import _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    return CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def problem(number: str, today: dt.date) -> str | None:
    """Why ``number`` is not a valid resident ID number, or None if it is. Never quotes the number."""
    if len(number) != 18:
        return _("expected 18 characters, got {count}").format(count=len(number))
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return _("expected 17 digits and a digit or X")
    if number[0] == "0":
        return _("the first 6 digits are not an administrative division code")
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return _("digits 7-14 are not a date of birth")
    if born > today or born.year < 1900:
        return _("digits 7-14 are not a possible date of birth")
    if number[17] != check_digit(number[:17]):
        return _("the check digit does not match (GB 11643)")
    return None


def clean(value: str, today: dt.date) -> str:
    """A valid ID number (upper-case X), or InvalidInput that names the option, not the number."""
    number = value.strip().upper()
    found = problem(number, today)
    if found:
        raise InvalidInput(_("invalid --id-number: {problem}").format(problem=found))
    return number
