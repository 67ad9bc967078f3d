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


def holders(ledger) -> list:
    """Who holds activities: each party branch (the community party committee too), and the center (None)
    when no branch is recorded or some activity names none."""
    from hive_party.models import Branch

    branches = ledger.all(Branch)
    center = not branches or any(not a.branch for a in ledger.all(Activity))
    return [*branches, *([None] if center else [])]


def rows(ledger: Ledger, year: int | None = None, branch=None) -> list[dict]:
    """``party compliance --json``: ``{"kind", "period", "status", "count", "branch"}`` per holder and due period.

    Each branch is judged by its own activities from the period it was set up in; the center (``branch``
    null) by the activities that name no branch. ``branch`` (a Branch) keeps that one only.
    """
    today = ledger.today
    year = year or today.year
    if year > today.year:
        raise validate.fail("--year", year, _("is in the future"))
    due = frequencies(ledger.settings)
    held: Counter[tuple[str | None, str, str]] = Counter()
    for activity in ledger.all(Activity):
        frequency = due.get(activity.kind, NONE)
        if activity.date.year == year and frequency != NONE:
            held[activity.branch or None, activity.kind, calendar.label(activity.date, frequency)] += 1
    found = []
    for holder in [branch] if branch is not None else holders(ledger):
        key = holder.id if holder is not None else None
        for kind in KINDS:
            if due[kind] == NONE:
                continue
            for period, start, end in calendar.of_year(year, due[kind]):
                count = held[key, kind, period]
                if start > today or (not count and end >= today) or (holder is not None and end < holder.founded):
                    continue  # not begun, still under way, or before the branch: not missing
                found.append(
                    {
                        "kind": kind,
                        "period": period,
                        "status": HELD if count else MISSING,
                        "count": count,
                        "branch": key,
                        "branch_name": holder.name if holder is not None else None,
                    }
                )
    return found
