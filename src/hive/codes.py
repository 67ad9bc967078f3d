"""Official identifiers and their check characters."""

from __future__ import annotations

import datetime as dt

from hive.i18n import _

# GB 32100-2015, the unified social credit code (统一社会信用代码): 18 characters
# from this 31-character alphabet (no I, O, S, V, Z); the last is a check character.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}


def uscc_check_character(first17: str) -> str:
    total = sum(_USCC_VALUE[ch] * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid unified social credit code, or None if it is."""
    if len(code) != 18:
        return _("expected 18 characters, got {count}").format(count=len(code))
    bad = [ch for ch in code if ch not in _USCC_VALUE]
    if bad:
        return _("character '{char}' is not allowed").format(char=bad[0])
    if not code[2:8].isdigit():
        return _("characters 3-8 must be the administrative division code (digits)")
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return _("check character does not match")
    return None


# GB 11643-1999, the resident identity card number (公民身份号码): 17 digits and a check character.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def birth_date(number: str) -> dt.date | None:
    """The date of birth an 18-character resident ID number holds, or None."""
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except (ValueError, IndexError):
        return None


def resident_id_problem(number: str, today: dt.date | None = None) -> str | None:
    """Why ``number`` is not a valid resident ID number, or None if it is. Never quotes the number."""
    if len(number) != 18:
        return _("expected 18 characters, got {count}").format(count=len(number))
    if not (number[:17].isascii() and number[:17].isdigit()) or number[17] not in "0123456789X":
        return _("expected 17 digits and a digit or X")
    if number[0] == "0":
        return _("the first 6 digits are not an administrative division code")
    born = birth_date(number)
    if born is None:
        return _("digits 7-14 are not a date of birth")
    if born > (today or dt.date.today()) or born.year < 1900:
        return _("digits 7-14 are not a possible date of birth")
    if number[17] != id_check_digit(number[:17]):
        return _("the check digit does not match (GB 11643)")
    return None
