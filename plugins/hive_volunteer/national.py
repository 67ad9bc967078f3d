"""Service records in the national volunteer information system's bulk-upload columns.

民政部令第67号 (志愿服务记录与证明出具办法, in force 2021-02-01) asks that
service records kept in another system be entered into the national
volunteer information system, which keys volunteers by their resident ID
number. :func:`national_rows` gives the center's approved service records
in the columns of a *mapping*: a versioned JSON file (``national-v1.json``
next to this module, documented in docs/volunteer.md) that a center may
replace with its district's own template (setting
``volunteer.national_mapping`` or ``--mapping FILE``).

Records whose volunteer has no valid resident ID number (on the volunteer
profile or the person) are left out and listed, since the national system
would refuse them. The file holds real-name data by design: it is what the
upload asks for; messages never quote an ID number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs

from hive.codes import birth_date, resident_id_problem
from hive.errors import InvalidInput
from hive.fields import normalize_id
from hive.models import Organization, Person
from hive_volunteer import _
from hive_volunteer.models import APPROVED, ServiceRecord, Team
from hive_volunteer.records import volunteers_by_person

if TYPE_CHECKING:
    from hive.ledger import Ledger

BUNDLED = Path(__file__).with_name("national-v1.json")
VALUES = (
    "name", "id_type", "id_number", "phone", "gender", "birth_date", "date", "hours", "activity", "place",
    "organization", "team", "record", "volunteer", "text",
)
TEXT_VALUES = ("id_number", "phone", "record", "volunteer")
ID_TYPE = "居民身份证"


@attrs.frozen
class Mapping:
    name: str
    sheet: str
    columns: list[dict[str, str]]
    source: str


def load_mapping(path: Path | str | None = None) -> Mapping:
    """The mapping at ``path`` (the bundled national-v1 when None), checked column by column."""
    source = Path(path) if path else BUNDLED
    try:
        document = json.loads(source.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InvalidInput(_("mapping {file} does not exist").format(file=source)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(_("mapping {file} is not a readable JSON file: {problem}").format(file=source, problem=exc)) from None
    columns = document.get("columns") if isinstance(document, dict) else None
    if not isinstance(columns, list) or not columns:
        raise InvalidInput(_("mapping {file}: expected a list of columns").format(file=source))
    for number, column in enumerate(columns, start=1):
        if not isinstance(column, dict) or not isinstance(column.get("header"), str) or not column["header"].strip():
            raise InvalidInput(_("mapping {file}, column {n}: expected a header").format(file=source, n=number))
        if column.get("value") not in VALUES:
            raise InvalidInput(
                _("mapping {file}, column {n}: value '{value}' is not one of: {values}").format(
                    file=source, n=number, value=column.get("value"), values=", ".join(VALUES)
                )
            )
    return Mapping(str(document.get("mapping") or source.stem), str(document.get("sheet") or "Sheet1"), columns, str(source))


def national_rows(
    ledger: Ledger, mapping: Mapping, *, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[list[str], list[list[Any]], list[dict[str, str]]]:
    """The header, the rows (one per approved service record in the period) and the records left out, with why."""
    volunteers = volunteers_by_person(ledger)
    people = {p.id: p for p in ledger.all(Person)}
    orgs = {o.id: o.name for o in ledger.all(Organization)}
    teams = {t.id: t.name for t in ledger.all(Team)}
    center = ledger.center.name
    header = [c["header"].strip() for c in mapping.columns]
    rows: list[list[Any]] = []
    refused: list[dict[str, str]] = []
    records = sorted(ledger.where(ServiceRecord, status=APPROVED), key=lambda r: (r.date, r.id))
    for record in records:
        if (start and record.date < start) or (end and record.date > end):
            continue
        person = people.get(record.person)
        volunteer = volunteers.get(record.person)
        number = normalize_id((volunteer.id_number if volunteer else None) or (person.id_number if person else None) or "")
        name = person.name if person else record.person
        if not number:
            refused.append({"record": record.id, "person": record.person, "name": name, "reason": _("no ID number")})
            continue
        problem = resident_id_problem(number, ledger.today)
        if problem:
            refused.append({"record": record.id, "person": record.person, "name": name,
                            "reason": _("the ID number is not valid: {problem}").format(problem=problem)})
            continue
        born = birth_date(number)
        values = {
            "name": name,
            "id_type": ID_TYPE,
            "id_number": number,
            "phone": (person.phone if person else None) or "",
            "gender": "男" if int(number[16]) % 2 else "女",
            "birth_date": born,
            "date": record.date,
            "hours": record.hours,
            "activity": record.activity,
            "place": record.place,
            "organization": orgs.get(record.org or "") or teams.get(record.team or "") or center,
            "team": teams.get(record.team or "", ""),
            "record": record.id,
            "volunteer": volunteer.id if volunteer else "",
        }
        rows.append([c.get("text", "") if c["value"] == "text" else values[c["value"]] for c in mapping.columns])
    return header, rows, refused


def text_columns(mapping: Mapping) -> set[int]:
    return {i for i, c in enumerate(mapping.columns) if c["value"] in TEXT_VALUES}
