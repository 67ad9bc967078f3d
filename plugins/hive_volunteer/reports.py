"""Approved hours by person, team or organization over a period."""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from hive.errors import InvalidInput
from hive.models import Organization, Person
from hive_volunteer import _, pgettext
from hive_volunteer.models import APPROVED, ServiceRecord, Team

if TYPE_CHECKING:
    from hive.ledger import Ledger

BY = ("person", "team", "org")
CSV_COLUMNS = ("id", "name", "hours", "records", "volunteers")


def report(ledger: Ledger, *, by: str, start: dt.date | None, end: dt.date | None) -> dict[str, Any]:
    if start and end and start > end:
        raise InvalidInput(
            _("invalid period: --from {start} is after --to {end}").format(start=start.isoformat(), end=end.isoformat())
        )
    from hive.ledger import Between

    names = dict(ledger.values({"person": Person, "team": Team, "org": Organization}[by], "id", "name"))
    hours: dict[str, float] = defaultdict(float)
    records: dict[str, int] = defaultdict(int)
    people: dict[str, set[str]] = defaultdict(set)
    period = {"date": Between(start, end)} if start or end else {}
    # the period's approved records only, read as (key, hours, person) without building objects
    for key, worked, person in ledger.values(ServiceRecord, by, "hours", "person", **period, status=APPROVED):
        key = key or ""
        hours[key] += worked
        records[key] += 1
        people[key].add(person)
    rows = [
        {
            "id": key or None,
            "name": names.get(key, "?") if key else (_("(no team)") if by == "team" else _("(the center)")),
            "hours": round(hours[key], 2),
            "records": records[key],
            "volunteers": len(people[key]),
        }
        for key in hours
    ]
    rows.sort(key=lambda row: (-row["hours"], row["id"] or ""))
    return {
        "by": by,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "rows": rows,
        "hours": round(sum(hours.values()), 2),
        "records": sum(records.values()),
        "volunteers": len(set().union(*people.values())) if people else 0,
    }


def write_csv(document: dict[str, Any], path: Path, *, center: Path) -> None:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese names correctly.

    Written with :func:`hive.outputs.write_output`: atomically, never onto
    ``center`` (the file the report is read from) and never more open than it.
    Text cells go through :func:`hive.cells.neutralize` (a name starting with
    ``=`` is not run as a formula).
    """
    import csv
    import io

    from hive import cells
    from hive.outputs import write_output

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in document["rows"]:
        writer.writerow(cells.row([row["id"] or "", row["name"], row["hours"], row["records"], row["volunteers"]]))
    write_output(path, buffer.getvalue().encode("utf-8-sig"), center=center)


def hive_demo_tour(ledger: Ledger) -> str:
    """What ``hive demo`` shows of the volunteers: the teams, and the star levels of the most active."""
    from hive.cli.output import table
    from hive_volunteer.records import team_documents, volunteer_documents

    center = ledger.center.name
    teams = team_documents(ledger)
    top = sorted(volunteer_documents(ledger, team_ref=None, show_personal=False), key=lambda d: -d["approved_hours"])
    lines = [_("Volunteer teams (hive volunteer team list):")]
    lines.append(
        table(
            [_("id"), _("name"), _("run by"), _("members"), _("approved hours")],
            [(t["id"], t["name"], t["org_name"] or center, len(t["members"]), t["approved_hours"]) for t in teams],
        )
    )
    lines.append("")
    lines.append(_("Star levels of the most active volunteers (hive volunteer hours PERSON):"))
    lines.append(
        table(
            [pgettext("person", "name"), _("approved hours"), _("stars")],
            [(d["name"], d["approved_hours"], "★" * d["stars"] or "-") for d in top[:5]],
        )
    )
    return "\n".join(lines)
