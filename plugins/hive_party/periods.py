"""Calendar periods of the regular schedule: months, quarters, years."""

from __future__ import annotations

import datetime as dt

from hive_party.settings import MONTHLY, QUARTERLY, YEARLY

FREQUENCIES_WITH_PERIODS = (MONTHLY, QUARTERLY, YEARLY)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months``, clamped to the end of a shorter month (Jan 31 + 1 -> Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def label(day: dt.date, frequency: str) -> str:
    """The period ``day`` falls in: ``2026-02``, ``2026-Q1`` or ``2026``."""
    if frequency == MONTHLY:
        return f"{day.year}-{day.month:02d}"
    if frequency == QUARTERLY:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def of_year(year: int, frequency: str) -> list[tuple[str, dt.date, dt.date]]:
    """The periods of ``year`` at ``frequency``: (label, first day, last day)."""
    months = {MONTHLY: 1, QUARTERLY: 3, YEARLY: 12}[frequency]
    found = []
    for first_month in range(1, 13, months):
        start = dt.date(year, first_month, 1)
        end = add_months(start, months) - dt.timedelta(days=1)
        found.append((label(start, frequency), start, end))
    return found


__all__ = ["MONTHLY", "QUARTERLY", "YEARLY", "add_months", "label", "of_year"]
