"""The party plugin's items of ``hive due``: activities of the regular schedule due this period.

For each kind of activity with a frequency (三会一课, the theme party day), the
period under way (this month, quarter or year) is due by its last day until one
such activity has been recorded in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt

from hive_party import _
from hive_party import periods as calendar
from hive_party.kinds import KINDS
from hive_party.models import Activity
from hive_party.settings import NONE, frequencies

if TYPE_CHECKING:
    from hive.ledger import Ledger


def hive_due(ledger: Ledger, today: dt.date, within: int) -> list:
    from hive.due import DueItem

    due = frequencies(ledger.settings)
    held = {
        (a.kind, calendar.label(a.date, due[a.kind]))
        for a in ledger.all(Activity)
        if due.get(a.kind, NONE) != NONE and a.date.year == today.year
    }
    found = []
    for kind, title in KINDS.items():
        if due[kind] == NONE:
            continue
        period = calendar.label(today, due[kind])
        if (kind, period) in held:
            continue
        end = next(end for label, _start, end in calendar.of_year(today.year, due[kind]) if label == period)
        found.append(
            DueItem(
                "party.activity",
                end,
                _("a {kind} for {period} (none recorded yet)").format(kind=_(title), period=period),
                key=f"party.activity:{kind}:{period}",
            )
        )
    return found
