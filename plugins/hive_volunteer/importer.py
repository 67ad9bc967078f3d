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

from typing import TYPE_CHECKING

import contextlib
import csv
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from hive.errors import HiveError, InvalidInput
from hive_volunteer import _
from hive_volunteer.models import ServiceRecord, counted, day_totals, fmt, warnings
from hive_volunteer.records import service_record

if TYPE_CHECKING:
    from hive.ledger import Ledger

REQUIRED = ("person", "date", "hours", "activity")
OPTIONAL = ("team", "org", "place")

Row = tuple[int, list[str]]  # (line number in the file, fields)
Progress = Callable[[Iterable[Row]], Iterable[Row]]


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


def check(
    ledger: Ledger,
    columns: dict[str, int],
    rows: Iterable[Row],
    *,
    approved: bool = False,
    progress: Progress | None = None,
) -> tuple[list[ServiceRecord], list[tuple[int, str]], list[tuple[int, str]]]:
    """The records the rows describe, every bad row as (line, reason), and warnings as (line, warning).

    Each row is entered as ``hive volunteer log`` enters one (:func:`service_record`); a row that
    passes counts in its day for the rows after it.
    """
    from hive.people import kept_birth_dates

    day_totals(ledger)  # every day's hours read once, then each row counts in its day
    judged: dict[Any, Any] = {}  # the rows are added together after the check: what was judged of a value stays
    width = len(columns)
    records: list[ServiceRecord] = []
    errors: list[tuple[int, str]] = []
    warned: list[tuple[int, str]] = []
    with kept_birth_dates(ledger):  # and so does a person's birth date
        for line, fields in progress(rows) if progress else rows:
            if len(fields) != width:
                errors.append(
                    (line, _("expected {expected} fields, got {count}").format(expected=width, count=len(fields)))
                )
                continue
            typed = {name: fields[position].strip() for name, position in columns.items()}
            try:
                record = service_record(
                    ledger, {k: v for k, v in typed.items() if v or k in REQUIRED}, approved=approved, memo=judged
                )
            except HiveError as exc:
                errors.append((line, str(exc)))
                continue
            counted(ledger, record)
            records.append(record)
            warned.extend((line, warning) for warning in warnings(ledger, record))
    return records, errors, warned


def total_hours(records: list[ServiceRecord]) -> str:
    return fmt(sum(r.hours for r in records))
