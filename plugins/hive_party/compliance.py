"""Compliance with the regular schedule (三会一课 and the theme party day).

For a year, each kind of activity that is due (its frequency setting is not
``none``) is listed per period as ``held`` (at least one recorded in the
period) or ``missing``. Only periods that have ended by today can be
missing: a period still under way is listed once the activity is held in
it, and periods that have not begun are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections import Counter

from hive import validate
from hive.i18n import N_
from hive_party import _
from hive_party import periods as calendar
from hive_party.kinds import KINDS
from hive_party.models import Activity
from hive_party.settings import NONE, frequencies

if TYPE_CHECKING:
    from hive.ledger import Ledger

HELD = "held"
MISSING = "missing"
STATUS_TITLES = {HELD: N_("held"), MISSING: N_("missing")}


def rows(ledger: Ledger, year: int | None = None) -> list[dict]:
    """``party compliance --json``: ``{"kind", "period", "status", "count"}`` per due period."""
    today = ledger.today
    year = year or today.year
    if year > today.year:
        raise validate.fail("--year", year, _("is in the future"))
    due = frequencies(ledger.settings)
    held: Counter[tuple[str, str]] = Counter()
    for activity in ledger.all(Activity):
        frequency = due.get(activity.kind, NONE)
        if activity.date.year == year and frequency != NONE:
            held[activity.kind, calendar.label(activity.date, frequency)] += 1
    found = []
    for kind in KINDS:
        if due[kind] == NONE:
            continue
        for period, start, end in calendar.of_year(year, due[kind]):
            count = held[kind, period]
            if start > today or (not count and end >= today):
                continue  # not begun, or still under way: not missing yet
            found.append({"kind": kind, "period": period, "status": HELD if count else MISSING, "count": count})
    return found
