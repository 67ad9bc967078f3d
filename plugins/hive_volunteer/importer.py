"""Import service records from a CSV file: all rows or none.

The file has a header row naming its columns: ``person,date,hours,activity``
and optionally ``team,org,place`` (any order). Every row is checked by the
same rules as ``hive volunteer log``, and against the rows before it (the
24 h day). Names are resolved through indexes built once, so a file of
100,000 rows is checked in seconds, then added in one commit.

The file is read one row at a time (:func:`open_rows`), never whole, and a
file longer than the center's ``volunteer.import_max_rows`` (100,000 unless
set) is refused at the first row past it: memory stays bounded by the rows
a center allows (see docs/safety.md for the figures).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from hive import validate
from hive.errors import HiveError, InvalidInput
from hive.ledger import Ledger
from hive.models import DISSOLVED, Organization, Person
from hive.people import people_index
from hive_volunteer import _
from hive_volunteer.models import APPROVED, PENDING, ServiceRecord, Team
from hive_volunteer.records import day_hours, day_problem, fmt, volunteers_by_person

REQUIRED = ("person", "date", "hours", "activity")
OPTIONAL = ("team", "org", "place")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_HOURS = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$", re.ASCII)  # float() also takes 1_0, 1e1, nan and ٣
EARLIEST = dt.date(1900, 1, 1)

Row = tuple[int, list[str]]  # (line number in the file, fields)
Progress = Callable[[Iterable[Row]], Iterable[Row]]


class RowError(Exception):
    """One row's problem; collected, never shown alone."""


@contextlib.contextmanager
def open_rows(path: Path, *, limit: int) -> Iterator[tuple[dict[str, int], Iterator[Row]]]:
    """The columns (name -> position) and the rows, read one at a time while they are checked.

    The file is streamed, never held whole: a row is read, checked and kept
    only as the record it describes. More than ``limit`` rows (the setting
    ``volunteer.import_max_rows``) is refused as soon as the row after the
    limit is read. File-level problems (not UTF-8, not CSV, no header, no
    rows) raise :class:`InvalidInput`, also when they are found half-way.
    """
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InvalidInput(_("cannot read {file}: {problem}").format(file=path.name, problem=exc.strerror)) from None
    with handle:
        reader = csv.reader(handle)
        header = _guarded(path, lambda: next(reader, None))
        if header is None:
            raise InvalidInput(_("{file} is empty: expected a header row").format(file=path.name))
        yield _columns(path, header), _rows(path, reader, limit)


def _guarded(path: Path, step: Callable[[], Any]) -> Any:
    try:
        return step()
    except UnicodeDecodeError:
        raise InvalidInput(_("{file} is not UTF-8 text").format(file=path.name)) from None
    except csv.Error as exc:
        raise InvalidInput(
            _("{file} is not a readable CSV file: {problem}").format(file=path.name, problem=exc)
        ) from None


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, name in enumerate(header):
        key = name.strip().lower()
        if key not in REQUIRED and key not in OPTIONAL:
            raise InvalidInput(
                _("{file}, line 1: unknown column '{column}' (expected {columns})").format(
                    file=path.name, column=name, columns=",".join(REQUIRED + OPTIONAL)
                )
            )
        if key in columns:
            raise InvalidInput(_("{file}, line 1: column '{column}' appears twice").format(file=path.name, column=key))
        columns[key] = position
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InvalidInput(
            _("{file}, line 1: missing column(s) {columns}").format(file=path.name, columns=",".join(missing))
        )
    return columns


def _rows(path: Path, reader: Any, limit: int) -> Iterator[Row]:
    count = 0
    while True:
        fields = _guarded(path, lambda: next(reader, None))
        if fields is None:
            break
        if not any(f.strip() for f in fields):
            continue
        count += 1
        if count > limit:
            raise InvalidInput(
                _(
                    "{file} has more than {limit} rows; split it, or raise the limit with 'hive settings set volunteer.import_max_rows N'"
                ).format(file=path.name, limit=limit)
            )
        yield reader.line_num, fields
    if not count:
        raise InvalidInput(_("{file} has no service records below its header").format(file=path.name))


class _Resolver:
    """Indexes built once: people by id and name, volunteers, teams and organizations by id and name."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self.people = {p.id: p for p in ledger.all(Person)}
        self.people_by_name = people_index(ledger)
        self.volunteers = volunteers_by_person(ledger)
        self.teams = {t.id: t for t in ledger.all(Team)}
        self.teams_by_name: dict[str, Team] = {}
        for t in ledger.all(Team):
            self.teams_by_name.setdefault(t.name, t)
        self.orgs = {o.id: o for o in ledger.all(Organization)}
        self.orgs_by_name: dict[str, Organization] = {}
        for o in ledger.all(Organization):
            self.orgs_by_name.setdefault(o.name, o)

    def person(self, ref: str) -> Person:
        if not ref:
            raise RowError(_("person is empty"))
        found = self.people.get(ref)
        if found is None:
            named = self.people_by_name.get(ref, [])
            if len(named) > 1:
                raise RowError(
                    _("person name '{name}' is ambiguous ({ids}); use an id").format(
                        name=ref, ids=", ".join(p.id for p in named)
                    )
                )
            if not named:
                raise RowError(_("no person '{ref}' (give an id or an exact, unique name)").format(ref=ref))
            found = named[0]
        if found.id not in self.volunteers:
            raise RowError(_("{id} ({name}) is not a registered volunteer").format(id=found.id, name=found.name))
        return found

    def team(self, ref: str) -> Team | None:
        if not ref:
            return None
        found = self.teams.get(ref) or self.teams_by_name.get(ref)
        if found is None:
            raise RowError(_("no volunteer team '{ref}' (give an id or the exact name)").format(ref=ref))
        return found

    def org(self, ref: str) -> Organization | None:
        if not ref:
            return None
        found = self.orgs.get(ref) or self.orgs_by_name.get(ref)
        if found is None:
            raise RowError(_("no organization '{ref}' (give an id or the exact name)").format(ref=ref))
        if found.status == DISSOLVED:
            raise RowError(_("organization {id} ({name}) is dissolved").format(id=found.id, name=found.name))
        return found


def _date(text: str, today: dt.date) -> dt.date:
    text = unicodedata.normalize("NFKC", text).strip()  # ２０２６-06-01 from an input method
    if _ISO_DATE.match(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None:
            if day > today:
                raise RowError(_("date {date} is in the future").format(date=text))
            if day < EARLIEST:
                raise RowError(
                    _("date {date} is before {earliest}; check the year").format(
                        date=text, earliest=EARLIEST.isoformat()
                    )
                )
            return day
    raise RowError(_("date '{value}' is not a date as YYYY-MM-DD").format(value=text))


def _hours(text: str) -> float:
    plain = unicodedata.normalize("NFKC", text).strip()  # full-width digits, as an input method types them
    if not _HOURS.match(plain):
        raise RowError(_("hours '{value}' is not a number").format(value=text))
    try:
        value = float(plain)
    except ValueError:
        raise RowError(_("hours '{value}' is not a number").format(value=text)) from None
    if not math.isfinite(value) or round(value, 2) <= 0 or value > 24:
        raise RowError(_("hours '{value}' must be more than 0 and at most 24").format(value=text))
    return round(value, 2)


def _text(field: str, value: str, required: bool) -> str:
    try:
        return validate.text(field, value, required=required)
    except HiveError as exc:
        raise RowError(str(exc)) from None


def check(
    ledger: Ledger,
    columns: dict[str, int],
    rows: Iterable[Row],
    *,
    approved: bool = False,
    progress: Progress | None = None,
) -> tuple[list[ServiceRecord], list[tuple[int, str]]]:
    """The records the rows describe, and every bad row as (line, reason). Reads only."""
    resolve = _Resolver(ledger)
    today = ledger.today
    day = day_hours(ledger)
    added: dict[tuple[str, dt.date], float] = defaultdict(float)
    status = APPROVED if approved else PENDING
    decided_by = ledger.operator if approved else None
    decided_on = today if approved else None
    width = len(columns)
    get: dict[str, Any] = {name: columns.get(name) for name in REQUIRED + OPTIONAL}
    records: list[ServiceRecord] = []
    errors: list[tuple[int, str]] = []
    for line, fields in progress(rows) if progress else rows:
        try:
            if len(fields) != width:
                raise RowError(_("expected {expected} fields, got {count}").format(expected=width, count=len(fields)))

            def field(name: str, fields: list[str] = fields) -> str:
                position = get[name]
                return fields[position].strip() if position is not None else ""

            person = resolve.person(field("person"))
            date = _date(field("date"), today)
            hours = _hours(field("hours"))
            activity = _text("activity", field("activity"), True)
            place = _text("place", field("place"), False)
            team = resolve.team(field("team"))
            org = resolve.org(field("org"))
            team_id, org_id = team.id if team else None, org.id if org else None
            if team is not None and team.org:
                owner = resolve.orgs.get(team.org)
                if owner is not None and owner.status == DISSOLVED:
                    raise RowError(_("organization {id} ({name}) is dissolved").format(id=owner.id, name=owner.name))
                if org is not None and org.id != team.org:
                    raise RowError(
                        _("team {team} belongs to organization {owner}, not {org}").format(
                            team=team.id, owner=team.org, org=org.id
                        )
                    )
                org_id = team.org
            key = (person.id, date)
            problem = day_problem(day.get(key, 0.0) + added[key], hours)
            if problem:
                raise RowError(problem)
            added[key] += hours
            records.append(
                ServiceRecord(
                    id="",
                    person=person.id,
                    date=date,
                    hours=hours,
                    activity=activity,
                    recorder=ledger.operator,
                    team=team_id,
                    org=org_id,
                    place=place,
                    status=status,
                    decided_by=decided_by,
                    decided_on=decided_on,
                )
            )
        except RowError as exc:
            errors.append((line, str(exc)))
    return records, errors


def total_hours(records: list[ServiceRecord]) -> str:
    return fmt(sum(r.hours for r in records))
