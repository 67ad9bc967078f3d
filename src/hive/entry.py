"""Entering a record from what a person typed: an option, a spreadsheet row, a web form.

:func:`build` turns typed values (text keyed by field name or label) into a
record of a declared type, resolving references by id or unique name, and
:func:`add_record` validates it with :mod:`hive.rules` and adds it. The
command line's generated ``add``, the spreadsheet import and the web forms
all enter records here, so they accept and refuse the same things.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from hive.corrections import field_named, typed_value
from hive.errors import InvalidInput
from hive.i18n import _
from hive.rules import require_valid

if TYPE_CHECKING:
    from hive.contract import RecordType
    from hive.ledger import Ledger


def build(ledger: Ledger, record_type: RecordType, typed: Mapping[str, Any]) -> Any:
    """A new record (id ``""``) of ``record_type`` from ``typed`` values; not yet validated as a whole.

    A required date that places the record in time (``as_of``) defaults to today.
    """
    values: dict[str, Any] = {}
    for key, raw in typed.items():
        spec = field_named(record_type, key)
        values[spec.name] = typed_value(ledger, record_type, spec, raw)
    for spec in record_type.fields:
        if spec.setting and values.get(spec.name) in (None, ""):
            values[spec.name] = ledger.settings[spec.setting] or values.get(spec.name, "")
        if spec.name in values:
            continue
        field = attrs.fields_dict(record_type.model)[spec.name]
        if field.default is not attrs.NOTHING:
            continue
        if spec.kind == "day" and spec.as_of:
            values[spec.name] = ledger.today
            continue
        raise InvalidInput(_("missing {field}").format(field=spec.shown_label(record_type)))
    return record_type.model(id="", **values)


def add_record(ledger: Ledger, type_name: str, typed: Mapping[str, Any], *, action: str | None = None) -> Any:
    """Validate and add a record of table ``type_name`` from typed values; returns it with its id."""
    record_type = ledger.record_type(type_name)
    record = require_valid(ledger, record_type, build(ledger, record_type, typed))
    return ledger.add(record, action=action or f"add {record_type.name}")
