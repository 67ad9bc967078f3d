"""The columns of a record type's sheet: headers that name fields, values as cells, cells as typed text.

A sheet has one column per declared field (:attr:`RecordType.fields`), in
the model's order, after an ``id`` column in exports. A header names its
field by the field's name or its label in English or Chinese, whatever the
language of the run (``姓名``, ``name``, ``Name``), spaces and full-width
characters ignored, a trailing ``*`` (the template's mark of a required
column) too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from hive import cells, i18n
from hive.fields import (
    CHOICE,
    CREDIT_CODE,
    DAY,
    FLAG,
    HOURS,
    NUMBER,
    PHONE,
    REF,
    RESIDENT_ID,
    TEXT,
    TEXTS,
    FieldSpec,
)
from hive.i18n import N_, _
from hive.inputs import InputProblem, code_key, plain
from hive.patterns import LazyPattern

if TYPE_CHECKING:
    from hive.contract import RecordType
    from hive.ledger import Ledger

#: Kinds whose cells are text even when they look like numbers (Excel would drop a leading 0 or round them).
TEXT_KINDS = (PHONE, RESIDENT_ID, CREDIT_CODE, TEXT, TEXTS, REF)
#: The header of the column ``--errors`` adds; ignored when the sheet is imported again.
ERRORS_HEADER = N_("problems (hive)")
ID_HEADER = N_("id")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MANGLED = LazyPattern(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)
_SERIAL = LazyPattern(r"^\d{4,6}(\.0+)?$")
_REF_CELL = LazyPattern(r"^([A-Za-z]+\d+)(?:\s+(.*))?$", re.DOTALL)


@contextmanager
def language(tag: str) -> Iterator[None]:
    """Run a block in another language (to know a label's Chinese whatever the run's language).

    :func:`hive.i18n.speaking`: it outranks the process's language and a web request's own.
    """
    with i18n.speaking(tag):
        yield


def sheet_types(ledger: Ledger) -> list[RecordType]:
    """The record types a sheet can hold: enabled, not history (stage changes, reviews, the audit log).

    In the order they can be imported: a type after every type it refers to (people before the
    organizations that name their responsible person), else in the order they were declared.
    """
    found = [t for t in ledger.registry.collections if ledger.enabled(t.owner) and t.editable and t.voidable]
    return by_references(found, ledger.registry)


def by_references(record_types: list[RecordType], registry: Any) -> list[RecordType]:
    """``record_types`` with each after the ones its references point at (a stable topological order).

    A cycle (two types referring to each other) keeps their declared order.
    """
    names = {t.name for t in record_types}
    needs = {
        t.name: {
            target
            for spec in t.fields
            if spec.kind == REF and (target := spec.target_table(registry)) in names and target != t.name
        }
        for t in record_types
    }
    ordered: list[RecordType] = []
    placed: set[str] = set()
    waiting = list(record_types)
    while waiting:
        ready = next((t for t in waiting if needs[t.name] <= placed), waiting[0])  # waiting[0]: a cycle
        ordered.append(ready)
        placed.add(ready.name)
        waiting.remove(ready)
    return ordered


def header(record_type: RecordType, spec: FieldSpec) -> str:
    """The header of ``spec``'s column in the run's language."""
    return spec.shown_label(record_type)


def header_keys(record_type: RecordType, spec: FieldSpec) -> set[str]:
    """Every header that names ``spec``: its name, its label in English and in Chinese, compared by code_key."""
    keys = {code_key(spec.name), code_key(spec.name.replace("_", " "))}
    if spec.label:
        keys.add(code_key(spec.label))
        for tag in ("en", "zh_CN"):
            with language(tag):
                keys.add(code_key(spec.shown_label(record_type)))
    return keys


def _header_key(text: Any) -> str:
    cleaned = plain("" if text is None else str(text))
    cleaned = re.sub(r"\s*[*＊]$", "", cleaned)
    cleaned = re.sub(r"\s*[(（](必填|required)[)）]$", "", cleaned, flags=re.IGNORECASE)
    return code_key(cleaned)


def plain_header(text: Any) -> str:
    """A header as messages name it."""
    return plain("" if text is None else str(text))


def _ignored_keys() -> set[str]:
    keys = set()
    for tag in ("en", "zh_CN"):
        with language(tag):
            keys.update({code_key(_(ERRORS_HEADER)), code_key(_(ID_HEADER))})
    return keys


#: Headers people write for a field whose label reads otherwise (``姓名`` for a person's name, ``手机`` for a phone).
#: Each names the fields it may mean, first match wins; a header naming a field by its label always comes first.
ALIASES: dict[str, tuple[str, ...]] = {
    "姓名": ("name", "person"),
    "名字": ("name", "person"),
    "名称": ("name",),
    "手机": ("phone",),
    "手机号": ("phone",),
    "手机号码": ("phone",),
    "联系电话": ("phone", "contact"),
    "身份证": ("id_number",),
    "身份证号": ("id_number",),
    "身份证号码": ("id_number",),
    "公民身份号码": ("id_number",),
    "证件号码": ("id_number",),
    "服务日期": ("date",),
    "服务时长": ("hours",),
    "时长": ("hours",),
    "小时": ("hours",),
    "服务内容": ("activity", "topic"),
    "活动": ("activity",),
    "组织": ("org",),
    "社会组织": ("org",),
}


def match_headers(record_type: RecordType, headers: list[Any]) -> tuple[dict[int, FieldSpec], list[str], list[str]]:
    """Column position -> field; the headers that name no field; the headers that name one field twice."""
    by_key: dict[str, FieldSpec] = {}
    for spec in record_type.fields:
        for key in header_keys(record_type, spec):
            by_key.setdefault(key, spec)
    for alias, names in ALIASES.items():
        spec = next((s for name in names for s in record_type.fields if s.name == name), None)
        if spec is not None:
            by_key.setdefault(code_key(alias), spec)
    ignored = _ignored_keys()
    columns: dict[int, FieldSpec] = {}
    unknown: list[str] = []
    twice: list[str] = []
    for position, text in enumerate(headers):
        key = _header_key(text)
        if not key or key in ignored:
            continue
        spec = by_key.get(key)
        if spec is None:
            unknown.append(plain(str(text)))
        elif spec.name in {s.name for s in columns.values()}:
            twice.append(plain(str(text)))
        else:
            columns[position] = spec
    return columns, unknown, twice


# -- a stored value as a cell ------------------------------------------------------------------------
def cell_value(
    ledger: Ledger, record_type: RecordType, spec: FieldSpec, value: Any, *, show_personal: bool, names: Callable
) -> Any:
    """What an export writes for ``value``: a date, a number, or text (personal masked unless asked).

    Text is neutralized against formula injection where the sheet is written (:mod:`hive.sheets.writing`).
    """
    from hive.views import masked

    if spec.name in record_type.personal_fields and not show_personal:
        value = masked(value)
        if isinstance(value, list):
            return "、".join(str(v) for v in value)
        return value
    if value is None or value == "" or value == []:
        return None
    kind = spec.kind
    if kind == DAY and isinstance(value, dt.date):
        return value
    if kind in (HOURS, NUMBER) and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if kind == CHOICE:
        return record_type.text(spec.choices.get(value, value)) or str(value)
    if kind == FLAG:
        return _("yes") if value else _("no")
    if kind == REF:
        ids = value if isinstance(value, list) else [value]
        return "、".join(names(spec, ref) for ref in ids)
    if kind == TEXTS and isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return value
    from hive.converter import unstructure

    return json.dumps(unstructure(value), ensure_ascii=False, sort_keys=True)


def ref_namer(ledger: Ledger) -> Callable[[FieldSpec, str], str]:
    """``p3 张三``: a reference as an export writes it (the id, then the name people know)."""
    from hive.resolve import title_of

    cache: dict[str, str] = {}

    def name(spec: FieldSpec, ref: str) -> str:
        found = cache.get(ref)
        if found is not None:
            return found
        table = spec.target_table(ledger.registry)
        target = ledger.registry.by_name.get(table) if table and table != "*" else ledger.type_of_id(ref)
        record = ledger.find(target.model, ref) if target is not None else None
        title = title_of(ledger, target, record) if record is not None else ref
        cache[ref] = found = ref if title in (ref, "") else f"{ref} {title}"
        return found

    return name


# -- a cell as typed text ------------------------------------------------------------------------------
class CellProblem(InputProblem):
    """A cell that cannot be a value of its field; the message says why."""


def typed_cell(ledger: Ledger, record_type: RecordType, spec: FieldSpec, raw: Any) -> Any:
    """What the record layer's :func:`hive.entry.build` is given for a cell: its text, a date, a number.

    Undoes the export's neutralization, reads Excel date serials, refuses an
    ID number Excel turned into a number (``4.40304E+17``), takes the id of
    an exported reference (``p3 张三`` -> ``p3``, checking the name).
    """
    if raw is None:
        return None
    kind = spec.kind
    if isinstance(raw, dt.datetime):
        raw = raw.date() if raw.time() == dt.time() or kind == DAY else raw
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        if kind == DAY:
            return _serial_date(raw)
        if kind in (RESIDENT_ID, CREDIT_CODE) or (kind == PHONE and raw >= 1e15):
            raise CellProblem(
                _(
                    "the spreadsheet turned this number into {shown}; format the column as text and type it again"
                ).format(shown=f"{raw:.5E}")
            )
        if kind in (HOURS, NUMBER):
            return raw
        return str(int(raw)) if float(raw).is_integer() else str(raw)
    if isinstance(raw, dt.date):
        return raw if kind == DAY else raw.isoformat()
    text = cells.restore(str(raw))
    cleaned = plain(text)
    if not cleaned:
        return None
    if kind in (RESIDENT_ID, PHONE, CREDIT_CODE) and _MANGLED.match(cleaned):
        raise CellProblem(
            _(
                "'{shown}' is what a spreadsheet shows for a long number it rounded; "
                "format the column as text and type the number again"
            ).format(shown=cleaned)
        )
    if kind == DAY and _SERIAL.match(cleaned):
        return _serial_date(float(cleaned))
    if kind == REF:
        return _ref_text(ledger, record_type, spec, cleaned)
    if kind == CHOICE or kind == FLAG:
        return cleaned
    if spec.kind == "other":
        return _structured(spec, record_type, cleaned)
    return text.strip() if kind == TEXT else cleaned


def _serial_date(number: float) -> dt.date:
    if not 1 <= number < 2958466:
        raise CellProblem(_("'{value}' is not a date (for example 2026-03-02 or 2026年3月2日)").format(value=number))
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


def _ref_text(ledger: Ledger, record_type: RecordType, spec: FieldSpec, cleaned: str) -> Any:
    parts = [p.strip() for p in re.split(r"[,，、;；]", cleaned) if p.strip()] if spec.many else [cleaned]
    table = spec.target_table(ledger.registry)
    target = ledger.registry.by_name.get(table) if table and table != "*" else None
    out = []
    for part in parts:
        found = _REF_CELL.match(part)
        if target is not None and found and found.group(1).startswith(target.prefix):
            record = ledger.find(target.model, found.group(1))
            name = (found.group(2) or "").strip()
            if record is not None:
                from hive.resolve import title_of

                title = title_of(ledger, target, record)
                if name and title not in (name, record.id):
                    raise CellProblem(
                        _("{id} is '{title}' in this center, not '{name}'").format(id=record.id, title=title, name=name)
                    )
                out.append(record.id)
                continue
            if name:
                out.append(name)
                continue
        out.append(part)
    return out if spec.many else out[0]


def _structured(spec: FieldSpec, record_type: RecordType, cleaned: str) -> Any:
    import attrs

    from hive.converter import structure

    field = attrs.fields_dict(attrs.resolve_types(record_type.model))[spec.name]
    try:
        return structure(json.loads(cleaned), field.type)
    except Exception:  # noqa: BLE001 - any JSON or structure problem is the same for a person
        raise CellProblem(_("expected the form an export writes (JSON)")) from None
