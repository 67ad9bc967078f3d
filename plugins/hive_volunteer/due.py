"""The volunteer plugin's items of ``hive due``: service hours waiting for approval.

One item per team (and one for hours logged for no team): the records still
pending, due for a decision ``volunteer.approval_days`` days after the oldest
of them was served.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
from collections import defaultdict

from hive.due import DueItem
from hive_volunteer import ngettext
from hive_volunteer.models import PENDING, ServiceRecord, Team
from hive_volunteer.settings import APPROVAL_DAYS

if TYPE_CHECKING:
    from hive.ledger import Ledger


def hive_due(ledger: Ledger, today: dt.date, within: int) -> list[DueItem]:
    pending = ledger.where(ServiceRecord, status=PENDING)
    if not pending:
        return []
    days = dt.timedelta(days=ledger.settings[APPROVAL_DAYS])
    by_team: dict[str | None, list[ServiceRecord]] = defaultdict(list)
    for record in pending:
        by_team[record.team].append(record)
    found = []
    for team, records in by_team.items():
        oldest = min(r.date for r in records)
        hours = f"{sum(r.hours for r in records):g}"
        found_team = ledger.find(Team, team) if team else None
        name = found_team.name if found_team else None
        if name:
            title = ngettext(
                "approve {count} service record ({hours} h) of team {team}, of {date}",
                "approve {count} service records ({hours} h) of team {team}, the oldest of {date}",
                len(records),
            ).format(count=len(records), hours=hours, team=name, date=oldest.isoformat())
        else:
            title = ngettext(
                "approve {count} service record ({hours} h), of {date}",
                "approve {count} service records ({hours} h), the oldest of {date}",
                len(records),
            ).format(count=len(records), hours=hours, date=oldest.isoformat())
        found.append(
            DueItem(
                "volunteer.pending_hours",
                oldest + days,
                title,
                org=records[0].org if all(r.org == records[0].org for r in records) else None,
                record=team,
                key=f"volunteer.pending_hours:{team or 'center'}:{oldest.isoformat()}",
            )
        )
    return found
