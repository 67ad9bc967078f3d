"""Entering a record from what a person typed: an option, a spreadsheet row, a web form.

:func:`build` turns typed values (text keyed by field name or label) into a
record of a declared type, resolving references by id or unique name, and
:func:`add_record` validates it with :mod:`hive.rules` and adds it. The
command line's generated ``add``, the spreadsheet import and the web forms
all enter records here, so they accept and refuse the same things.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from hive.corrections import field_named, typed_value
from hive.errors import InvalidInput
from hive.i18n import _
from hive.rules import require_valid

if TYPE_CHECKING:
    from hive.contract import RecordType
    from hive.fields import FieldSpec
    from hive.ledger import Ledger


def build(ledger: Ledger, record_type: RecordType, typed: Mapping[str, Any]) -> Any:
    """A new record (id ``""``) of ``record_type`` from ``typed`` values; not yet validated as a whole.

    A required date that places the record in time (``as_of``) defaults to today.
    """
    return builder(ledger, record_type)(typed)


def builder(ledger: Ledger, record_type: RecordType) -> Callable[[Mapping[str, Any]], Any]:
    """:func:`build` for many rows of one type (an import): fields, defaults and settings worked out once,
    and each distinct typed value parsed and resolved once (a sheet repeats its dates, names and choices).

    Only for as long as the ledger does not change: a resolved reference is remembered.
    """
    fields = attrs.fields_dict(record_type.model)
    specs = record_type.fields
    by_name = {s.name: s for s in specs}
    settings = {s.name: ledger.settings[s.setting] for s in specs if s.setting}
    needed = [s for s in specs if fields[s.name].default is attrs.NOTHING]
    parsed: dict[tuple[str, type, Any], Any] = {}

    def value_of(spec: FieldSpec, raw: Any) -> Any:
        try:
            key = (spec.name, type(raw), raw)
            found = parsed.get(key, parsed)
        except TypeError:  # a list typed for a many-field: not remembered
            return typed_value(ledger, record_type, spec, raw)
        if found is parsed:
            found = parsed[key] = typed_value(ledger, record_type, spec, raw)
        return list(found) if isinstance(found, list) else found  # no two records share a list

    def make(typed: Mapping[str, Any]) -> Any:
        values: dict[str, Any] = {}
        for key, raw in typed.items():
            spec = by_name.get(key) or field_named(record_type, key)
            values[spec.name] = value_of(spec, raw)
        for name, setting in settings.items():
            if values.get(name) in (None, ""):
                values[name] = setting or values.get(name, "")
        for spec in needed:
            if spec.name in values:
                continue
            if spec.kind == "day" and spec.as_of:
                values[spec.name] = ledger.today
                continue
            raise InvalidInput(_("missing {field}").format(field=spec.shown_label(record_type)))
        return record_type.model(id="", **values)

    return make


def add_record(ledger: Ledger, type_name: str, typed: Mapping[str, Any], *, action: str | None = None) -> Any:
    """Validate and add a record of table ``type_name`` from typed values; returns it with its id."""
    record_type = ledger.record_type(type_name)
    record = require_valid(ledger, record_type, build(ledger, record_type, typed))
    return ledger.add(record, action=action or f"add {record_type.name}")
