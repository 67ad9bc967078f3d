"""Importing a sheet: every row through the record layer, all rows or none.

Each row becomes typed values (:func:`hive.sheets.columns.typed_cell`), then
a record through :func:`hive.entry.build` and every rule of
:func:`hive.rules.record_problems`, exactly as ``hive ... add`` would. A row
equal to a stored record on the type's natural key (``RecordType.key``;
every field when it declares none) is skipped and counted, so importing the
same sheet twice changes nothing; two rows of the file that are the same
record, or that give one unique value (an ID number) twice, are problems.

Nothing is written unless every row is good: the problems come back by
sheet, row and column (:class:`RowProblem`), and :func:`write_errors`
writes a copy of the sheet with each row's problems beside it.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from hive.errors import HiveError, InvalidInput
from hive.frozen import frozen
from hive.i18n import _
from hive.sheets import columns as cols
from hive.sheets.reading import Sheet, open_sheet

if TYPE_CHECKING:
    from hive.contract import RecordType
    from hive.fields import FieldSpec
    from hive.ledger import Ledger

Progress = Callable[[Sheet, Iterator[tuple[int, list[Any]]]], Iterator[tuple[int, list[Any]]]]


@frozen
class RowProblem:
    """One problem of one row: the sheet, the row number as the spreadsheet shows it, the column's header."""

    sheet: str
    row: int
    column: str
    problem: str

    def line(self) -> str:
        if self.column:
            return _("{sheet}, row {row}, column '{column}': {problem}").format(
                sheet=self.sheet, row=self.row, column=self.column, problem=self.problem
            )
        return _("{sheet}, row {row}: {problem}").format(sheet=self.sheet, row=self.row, problem=self.problem)

    def document(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "problem": self.problem}


@attrs.define
class Imported:
    """What an import found and did."""

    record_type: str
    file: str
    sheet: str
    rows: int = 0
    added: list[str] = attrs.field(factory=list)
    present: int = 0
    problems: list[RowProblem] = attrs.field(factory=list)
    notes: list[str] = attrs.field(factory=list)
    dry_run: bool = False
    would_add: int = 0

    def document(self) -> dict[str, Any]:
        return {
            "type": self.record_type,
            "file": self.file,
            "sheet": self.sheet,
            "rows": self.rows,
            "added": len(self.added),
            "ids": self.added,
            "already_present": self.present,
            "would_add": self.would_add,
            "dry_run": self.dry_run,
            "problems": [p.document() for p in self.problems],
            "notes": self.notes,
        }


def _hashable(value: Any) -> Any:
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if attrs.has(type(value)):
        return _hashable(attrs.asdict(value, recurse=True))
    return value


_PLAIN = frozenset({str, int, float, bool, dt.date})


def key_fields(record_type: RecordType) -> tuple[str, ...]:
    """The fields that make two records the same: the declared natural key, else every field."""
    names = {s.name for s in record_type.fields}
    declared = tuple(k for k in record_type.key if k in names)
    return declared or tuple(s.name for s in record_type.fields)


def _key(record: Any, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(_hashable(getattr(record, n)) for n in names)


def _drained(pending: deque[Any]) -> Iterator[Any]:
    """The records, each let go as the ledger takes its own copy (with its id)."""
    while pending:
        yield pending.popleft()


def _stored_keys(ledger: Ledger, record_type: RecordType, names: tuple[str, ...]) -> set[tuple[Any, ...]]:
    """The keys of the stored records that count: read as plain values when the key fields are plain."""
    from hive import fields as f

    plain = {f.TEXT, f.DAY, f.HOURS, f.NUMBER, f.CHOICE, f.FLAG, f.PHONE, f.RESIDENT_ID, f.CREDIT_CODE}
    specs = [record_type.field(n) for n in names]
    if all(s is not None and (s.kind in plain or (s.kind == f.REF and not s.many)) for s in specs):
        return set(ledger.values(record_type.model, *names))
    return {_key(r, names) for r in ledger.all(record_type.model)}


def _has_default(record_type: RecordType, spec: FieldSpec) -> bool:
    field = attrs.fields_dict(record_type.model)[spec.name]
    return field.default is not attrs.NOTHING or (spec.kind == "day" and spec.as_of)


def import_sheet(
    ledger: Ledger,
    record_type: RecordType,
    path: Path | str,
    *,
    sheet: str | None = None,
    strict: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Imported:
    """Read ``path`` into records of ``record_type`` and add them all (unless a row has a problem or ``dry_run``)."""
    from hive.entry import builder
    from hive.people import kept_birth_dates
    from hive.rules import record_problems

    path = Path(path)
    with open_sheet(path, sheet) as found, kept_birth_dates(ledger):  # no row is stored before the end
        result = Imported(record_type.name, str(path), found.name, notes=list(found.notes), dry_run=dry_run)
        columns, unknown, twice = cols.match_headers(record_type, found.header)
        known = ", ".join(f"{s.name} ({cols.header(record_type, s)})" for s in record_type.fields)
        if twice:
            raise InvalidInput(
                _("{sheet}, row {row}: two columns name the same field: {columns}").format(
                    sheet=found.name, row=found.header_row, columns=", ".join(twice)
                )
            )
        if unknown:
            if strict:
                raise InvalidInput(
                    _("{sheet}, row {row}: unknown columns {columns} (--strict); the columns of {kind}: {known}").format(
                        sheet=found.name, row=found.header_row, columns=", ".join(unknown), kind=record_type.title,
                        known=known,
                    )
                )
            result.notes.append(
                _("note: columns ignored (they name no field of {kind}): {columns}").format(
                    kind=record_type.title, columns=", ".join(unknown)
                )
            )
        given = {s.name for s in columns.values()}
        missing = [s for s in record_type.fields if s.name not in given and s.required and not _has_default(record_type, s)]
        if missing:
            raise InvalidInput(
                _("{sheet}, row {row}: missing columns {columns}; the columns of {kind}: {known}").format(
                    sheet=found.name,
                    row=found.header_row,
                    columns=", ".join(cols.header(record_type, s) for s in missing),
                    kind=record_type.title,
                    known=known,
                )
            )
        headers = {position: cols.plain_header(found.header[position]) for position in columns}
        names = key_fields(record_type)
        stored = _stored_keys(ledger, record_type, names)
        seen: dict[tuple[Any, ...], int] = {}
        unique_specs = [s for s in record_type.fields if s.unique_within and not s.many and s.name in given]
        unique_seen: dict[tuple[str, Any, Any], int] = {}
        defaults = {s.name for s in record_type.fields if _has_default(record_type, s)}
        nullable = _nullable(record_type)
        pending: deque[Any] = deque()
        rows: Iterable[tuple[int, list[Any]]] = found.rows
        if progress is not None:
            rows = progress(found, found.rows)
        by_name = {s.name: position for position, s in columns.items()}
        build = builder(ledger, record_type)
        memo: dict[Any, Any] = {}  # the record layer's judgments of values many rows share
        typed_cells: dict[tuple[int, type, Any], Any] = {}  # (column, cell) -> typed: a sheet repeats itself
        for number, cells in rows:
            result.rows += 1
            problems: list[RowProblem] = []
            typed: dict[str, Any] = {}
            for position, spec in columns.items():
                raw = cells[position] if position < len(cells) else None
                cell = (position, type(raw), raw)
                value = typed_cells.get(cell, typed_cells)
                if value is typed_cells:
                    try:
                        value = cols.typed_cell(ledger, record_type, spec, raw)
                    except cols.CellProblem as exc:
                        problems.append(RowProblem(found.name, number, headers[position], str(exc)))
                        continue
                    if not isinstance(value, list):
                        typed_cells[cell] = value
                if value is None and spec.name in defaults:
                    continue
                typed[spec.name] = value
            if problems:
                result.problems.extend(problems)
                continue
            try:
                record = build(typed)
            except HiveError as exc:
                result.problems.extend(_attribute(ledger, record_type, found.name, number, typed, headers, by_name, exc))
                continue
            empty = {n: None for n in nullable if typed.get(n, "") is None and getattr(record, n) == ""}
            if empty:  # an empty cell of a field that may be None (``org: str | None``) is None, not ""
                record = attrs.evolve(record, **empty)
            # A row equal to a stored record, or to an earlier row, is that record: it is not judged
            # again as a new one (its hours would count twice in its day).
            key = _key(record, names)
            if key in stored:
                result.present += 1
                continue
            if key in seen:
                result.problems.append(
                    RowProblem(found.name, number, "", _("the same {kind} as row {row}").format(
                        kind=record_type.title, row=seen[key]))
                )
                continue
            seen[key] = number
            findings = list(record_problems(ledger, record_type, record, memo=memo))
            if findings:
                for finding in findings:
                    position = by_name.get(finding.field)
                    result.problems.append(
                        RowProblem(found.name, number, headers.get(position, "") if position is not None else "",
                                   finding.problem)
                    )
                continue
            clash = _unique_clash(record, unique_specs, unique_seen, number)
            if clash is not None:
                spec, other = clash
                if spec.personal:
                    problem = _("the same value as row {row}").format(row=other)
                else:
                    problem = _("'{value}' is also on row {row}").format(value=getattr(record, spec.name), row=other)
                result.problems.append(RowProblem(found.name, number, headers[by_name[spec.name]], problem))
                continue
            pending.append(record)
            if record_type.accepted is not None:  # the rules of the rows after it know of it
                record_type.accepted(ledger, record)
    result.would_add = count = len(pending)
    if result.problems or dry_run or not pending:
        return result
    # What only the checks needed goes before the records are stored and written (the peak of memory).
    del stored, seen, unique_seen, memo, typed_cells, build
    ledger.memo.clear()  # (the rules' memos: a day's hours for each of a million rows' days)
    # Stored as documents only: the command asks nothing more of its rows (objects and documents of
    # a million rows at once were the import's peak of memory).
    result.added = ledger.store_many(
        _drained(pending), action=f"import {record_type.name}", detail=f"{path.name}: {count}"
    )
    return result


def _nullable(record_type: RecordType) -> set[str]:
    fields = attrs.fields_dict(attrs.resolve_types(record_type.model))
    return {s.name for s in record_type.fields if s.kind == "text" and "None" in str(fields[s.name].type)}


def _unique_clash(record: Any, specs: list[FieldSpec], seen: dict, number: int) -> tuple[FieldSpec, int] | None:
    for spec in specs:
        value = getattr(record, spec.name)
        if value in (None, "", []):
            continue
        scope = getattr(record, spec.unique_within) if isinstance(spec.unique_within, str) else None
        key = (spec.name, scope, _hashable(value))
        if key in seen:
            return spec, seen[key]
    for spec in specs:
        value = getattr(record, spec.name)
        if value in (None, "", []):
            continue
        scope = getattr(record, spec.unique_within) if isinstance(spec.unique_within, str) else None
        seen[(spec.name, scope, _hashable(value))] = number
    return None


def _attribute(
    ledger: Ledger,
    record_type: RecordType,
    sheet: str,
    number: int,
    typed: dict[str, Any],
    headers: dict[int, str],
    by_name: dict[str, int],
    exc: HiveError,
) -> list[RowProblem]:
    """The problems of a row :func:`build` refused, by column (each cell tried on its own)."""
    from hive.corrections import typed_value

    found: list[RowProblem] = []
    for name, raw in typed.items():
        spec = record_type.field(name)
        try:
            value = typed_value(ledger, record_type, spec, raw)
        except HiveError as cell_exc:
            found.append(RowProblem(sheet, number, headers[by_name[name]], str(cell_exc)))
            continue
        problem = spec.problem(value, ledger.today)
        if problem:
            label = spec.shown_label(record_type)
            found.append(RowProblem(sheet, number, headers[by_name[name]], f"{label}: {problem}"))
    return found or [RowProblem(sheet, number, "", str(exc))]


def problems_by_row(problems: Iterable[RowProblem]) -> dict[int, list[str]]:
    rows: dict[int, list[str]] = {}
    for problem in problems:
        text = f"{problem.column}: {problem.problem}" if problem.column else problem.problem
        rows.setdefault(problem.row, []).append(text)
    return rows


def write_errors(
    source: Path | str, problems: list[RowProblem], out: Path | str, *, sheet: str | None = None,
    center: Path | None = None,
) -> Path:
    """A copy of the sheet with a column of each row's problems (the last column), to fix and import again."""
    from hive.sheets.writing import sheet_bytes

    rows = problems_by_row(problems)
    out = Path(out)
    with open_sheet(source, sheet) as found:
        header = [*found.header, _(cols.ERRORS_HEADER)]

        def body() -> Iterator[list[Any]]:
            for number, cells in found.rows:
                yield [*cells, "; ".join(rows.get(number, []))]

        payload = sheet_bytes(out, found.name, header, body(), text_columns=set())
    from hive.outputs import write_output

    return write_output(out, payload, center=center)
