"""The resource plugin's items of ``hive due``: needs still unmatched after ``resource.unmatched_days`` days."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hive.due import DueItem
from hive_resource import _
from hive_resource.criteria import UNMATCHED_DAYS
from hive_resource.kinds import KINDS
from hive_resource.models import ACTIVE_ALLOCATION, Allocation, Need

if TYPE_CHECKING:
    from hive.ledger import Ledger


def hive_due(ledger: Ledger, today: dt.date, within: int) -> list[DueItem]:
    days = ledger.settings[UNMATCHED_DAYS]
    needs = ledger.all(Need)
    if days <= 0 or not needs:
        return []
    served = {a.need for a in ledger.all(Allocation) if a.status in ACTIVE_ALLOCATION}
    found = []
    for need in needs:
        if need.id in served or need.closed is not None:
            continue
        since = need.added or today
        found.append(
            DueItem(
                "resource.unmatched_need",
                since + dt.timedelta(days=days),
                _("need {id} ({description}) has found no resource since {date}: run 'hive resource match'").format(
                    id=need.id,
                    description=need.description or _(KINDS.get(need.kind, need.kind)),
                    date=since.isoformat(),
                ),
                org=need.org,
                record=need.id,
            )
        )
    return found
