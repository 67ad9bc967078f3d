"""Reading records as people ask for them: one record's document, filtered listings, search across types.

Every listing, ``show`` and ``find`` of every record type goes through here,
so masking of personal fields, void records and date ranges behave the same
for the core's records and every plugin's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from hive.converter import unstructure
from hive.fields import DAY, PHONE, REF, TEXT, TEXTS
from hive.frozen import frozen
from hive.i18n import _
from hive.validate import mask

if TYPE_CHECKING:
    from hive.contract import RecordType
    from hive.ledger import Ledger


def masked(value: Any) -> Any:
    """A personal value as shown without ``--show-personal``: the whole value hidden but its shape."""
    if value in (None, "", []):
        return value
    if isinstance(value, list):
        return [masked(v) for v in value]
    return mask(str(value))


def document(ledger: Ledger, record_type: RecordType, record: Any, *, show_personal: bool = False) -> dict[str, Any]:
    """The record as a JSON-ready dict (the ``--json`` form), personal fields masked unless asked.

    A void record carries ``void: {reason, date, operator, id}``.
    """
    doc = unstructure(record)
    if not show_personal:
        for name in record_type.personal_fields:
            if name in doc:
                doc[name] = masked(doc[name])
    marker = ledger.void_of(record.id)
    if marker is not None:
        doc["void"] = {
            "id": marker.id,
            "reason": marker.reason,
            "date": marker.date.isoformat(),
            "operator": marker.operator,
        }
    return doc


def shown_value(ledger: Ledger, record_type: RecordType, name: str, value: Any, *, show_personal: bool) -> str:
    """A field's value as a table cell: dates ISO, choices and flags translated, references with names."""
    spec = record_type.field(name)
    if spec is not None and spec.personal and not show_personal:
        value = masked(value)
    if value is None or value == "":
        return ""
    if spec is None:
        return str(value)
    if spec.kind == "choice":
        return record_type.text(spec.choices.get(value, value)) or str(value)
    if spec.kind == "flag":
        return _("yes") if value else ""
    if spec.kind == REF:
        ids = value if isinstance(value, list) else [value]
        return ", ".join(_ref_name(ledger, spec, ref) for ref in ids)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _ref_name(ledger: Ledger, spec: Any, ref: str) -> str:
    from hive.resolve import title_of

    table = spec.target_table(ledger.registry)
    target = ledger.registry.by_name.get(table) if table else None
    if target is None:
        found_type = ledger.type_of_id(ref)
        if found_type is None:
            return ref
        target = found_type
    found = ledger.find(target.model, ref)
    if found is None:
        return ref
    title = title_of(ledger, target, found)
    return ref if title == ref else f"{ref} {title}"


@frozen
class Filter:
    """What a listing asks for: references equal to ids, a date range, text, a limit."""

    equals: dict[str, str] = attrs.field(factory=dict)  # field -> record id (already resolved)
    start: dt.date | None = None
    end: dt.date | None = None
    search: str = ""
    limit: int | None = None
    include_void: bool = False


def listing(ledger: Ledger, record_type: RecordType, wanted: Filter) -> list[Any]:
    """The records of ``record_type`` that ``wanted`` selects, oldest first (the newest ``limit`` of them)."""
    model = record_type.model
    scalar = {k: v for k, v in wanted.equals.items() if not _is_many(record_type, k)}
    records = (
        ledger.where(model, include_void=wanted.include_void, **scalar)
        if scalar
        else ledger.all(model, include_void=wanted.include_void)
    )
    for name, value in wanted.equals.items():
        if name not in scalar:
            records = [r for r in records if value in (getattr(r, name) or [])]
    date_field = record_type.date_field
    if date_field and (wanted.start or wanted.end):
        records = [r for r in records if _within(getattr(r, date_field), wanted.start, wanted.end)]
    if wanted.search:
        records = [r for r in records if matches(ledger, record_type, r, wanted.search)]
    if wanted.limit is not None:
        records = records[-wanted.limit :]
    return records


def _is_many(record_type: RecordType, name: str) -> bool:
    spec = record_type.field(name)
    return bool(spec and spec.many)


def _within(value: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    if value is None:
        return False
    return (start is None or value >= start) and (end is None or value <= end)


def matches(ledger: Ledger, record_type: RecordType, record: Any, text: str) -> bool:
    """``text`` is in one of the record's text fields (case-folded); for a phone, its last digits."""
    wanted = text.strip().casefold()
    if not wanted:
        return True
    for spec in record_type.fields:
        value = getattr(record, spec.name)
        if not value or not spec.search:
            continue
        if spec.kind == PHONE:
            if wanted.isdigit() and len(wanted) >= 4 and str(value).endswith(wanted):
                return True
            continue
        if spec.personal:
            continue
        if spec.kind == TEXT and wanted in str(value).casefold():
            return True
        if spec.kind == TEXTS and any(wanted in str(v).casefold() for v in value):
            return True
    return wanted == record.id.casefold()


def find(ledger: Ledger, text: str, *, limit: int = 20) -> list[tuple[RecordType, list[Any]]]:
    """Every record (that counts) whose name or text fields contain ``text``, grouped by type."""
    found = []
    wanted = text.strip().casefold()
    if not wanted:
        return found
    for record_type in ledger.registry.collections:
        if record_type.name in ("events", "changes", "voids") or not ledger.enabled(record_type.owner):
            continue
        searchable = [s.name for s in record_type.fields if s.kind in (TEXT, TEXTS, PHONE) and s.search]
        if not searchable:
            continue
        # Pick candidates from the raw documents, then judge them as records: no whole table is structured.
        hits = []
        for doc in ledger.documents(record_type.name).values():
            if any(_raw_hit(doc.get(name), wanted) for name in searchable) or doc.get("id") == text.strip():
                record = ledger.find(record_type.model, doc.get("id", ""))
                if record is not None and not ledger.is_void(record.id) and matches(ledger, record_type, record, text):
                    hits.append(record)
        if hits:
            found.append((record_type, hits[-limit:]))
    return found


def _raw_hit(value: Any, wanted: str) -> bool:
    if isinstance(value, str):
        return wanted in value.casefold() or (wanted.isdigit() and value.endswith(wanted))
    if isinstance(value, list):
        return any(isinstance(v, str) and wanted in v.casefold() for v in value)
    return False


def referring(ledger: Ledger, record_id: str, target_table: str) -> list[tuple[RecordType, list[Any]]]:
    """The records (that count) of every type whose references name ``record_id``, grouped by type."""
    registry = ledger.registry
    found = []
    for record_type in registry.collections:
        if record_type.name in ("events", "changes", "voids", "transitions", "reviews"):
            continue
        if not ledger.enabled(record_type.owner):
            continue
        refs = [s.name for s in record_type.fields if s.kind == REF and s.target_table(registry) == target_table]
        if not refs:
            continue
        records: list[Any] = []
        for name in refs:
            spec = record_type.field(name)
            if spec is not None and spec.many:
                records.extend(r for r in ledger.all(record_type.model) if record_id in getattr(r, name))
            else:
                records.extend(ledger.where(record_type.model, **{name: record_id}))
        if records:
            unique = list({r.id: r for r in records}.values())
            found.append((record_type, unique))
    return found


def columns(record_type: RecordType) -> list[str]:
    """The fields a table of these records shows: every declared field but long notes and history codes."""
    return [s.name for s in record_type.fields if s.kind != "other" and s.limit <= 200]


def rows(
    ledger: Ledger, record_type: RecordType, records: Iterable[Any], names: list[str], *, show_personal: bool
) -> list[list[str]]:
    return [
        [r.id + (" " + _("(void)") if ledger.is_void(r.id) else "")]
        + [shown_value(ledger, record_type, n, getattr(r, n), show_personal=show_personal) for n in names]
        for r in records
    ]


def date_fields(record_type: RecordType) -> list[str]:
    return [s.name for s in record_type.fields if s.kind == DAY]
