"""Dates as people type them: ``2026-11-08``, ``2026/11/8``, ``2026.11.8``, ``2026年11月8日``, full-width digits."""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


def parse(text: str) -> dt.date | None:
    """The date ``text`` names, or None when it names none (``2026-02-30`` names none)."""
    match = _DATE.match(str(text).strip().translate(_FULL_WIDTH))
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None
