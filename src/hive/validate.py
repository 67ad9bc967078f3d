"""Checks on what users type. Each failure names the field and the value."""

from __future__ import annotations

import math

from hive.errors import InvalidInput
from hive.i18n import _
from hive.patterns import LazyPattern

MAX_TEXT = 200
_CONTROL = LazyPattern(r"[\x00-\x1f\x7f]")
_PHONE = LazyPattern(r"^\+?[0-9][0-9 -]{4,19}$")


def fail(field: str, value: object, problem: str) -> InvalidInput:
    return InvalidInput(_("invalid {field} '{value}': {problem}").format(field=field, value=value, problem=problem))


def text(field: str, value: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    """A name or short text: trimmed, no control characters, not too long."""
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise fail(field, value, _("must not be empty"))
    if _CONTROL.search(cleaned):
        raise fail(field, value.encode("unicode_escape").decode(), _("contains control characters"))
    if len(cleaned) > limit:
        raise fail(field, cleaned[:20] + "…", _("longer than {limit} characters").format(limit=limit))
    return cleaned


def hours(field: str, value: float, *, maximum: float = 24.0) -> float:
    """Hours kept to the hundredth; what rounds to 0 is refused, not stored as 0."""
    if not math.isfinite(value) or round(value, 2) <= 0 or value > maximum:
        raise fail(field, value, _("must be more than 0 and at most {max}").format(max=maximum))
    return round(value, 2)


def phone(value: str) -> str:
    cleaned = value.strip()
    if not _PHONE.match(cleaned):
        # Never echo a would-be phone number back in full: it is personal data.
        raise InvalidInput(_("invalid --phone: expected 5 to 20 digits, optionally with +, spaces or dashes"))
    return cleaned


def mask(value: str | None, keep_start: int = 3, keep_end: int = 4) -> str:
    """``13812345678`` -> ``138****5678``; short values keep less."""
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        keep_start, keep_end = 0, min(2, len(value) // 3)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[len(value) - keep_end :]
