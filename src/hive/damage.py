"""What is wrong with a stored record that does not read as its model, in words that quote no value.

cattrs and the date parser put the offending value in their messages
(``Invalid isoformat string: '13812345678'``): in a damaged ``phone`` or
``id_number`` that is personal data, and it must never reach a message.
:func:`describe` finds the fields at fault by structuring each one on its
own, and names them with the type they should hold.
"""

from __future__ import annotations

from typing import Any

import attrs

from hive.i18n import _


def describe(doc: Any, model: type, exc: Exception | None = None) -> str:
    """Why ``doc`` does not read as ``model``: missing, unknown and ill-typed fields, by name only."""
    from hive.converter import converter

    if not isinstance(doc, dict):
        return _("not a record (a mapping of fields)")
    fields = {f.name: f for f in attrs.fields(model)}
    parts = []
    missing = [name for name, f in fields.items() if f.default is attrs.NOTHING and _key(f) not in doc]
    if missing:
        parts.append(_("missing field(s): {fields}").format(fields=", ".join(missing)))
    unknown = sorted(set(doc) - {_key(f) for f in fields.values()})
    if unknown:
        parts.append(_("unknown field(s): {fields}").format(fields=", ".join(map(str, unknown))))
    conv = converter()
    for name, f in fields.items():
        if _key(f) not in doc or f.type is None:
            continue
        try:
            conv.structure(doc[_key(f)], f.type)
        except Exception:
            parts.append(_("field '{field}' does not hold {expected}").format(field=name, expected=_type_words(f.type)))
    if parts:
        return "; ".join(parts)
    return type(exc).__name__ if exc is not None else _("does not read as a record")


def _key(field: attrs.Attribute) -> str:
    return field.name  # the converter stores attributes under their own names


def _type_words(kind: Any) -> str:
    import datetime as dt
    import types
    import typing

    args = [a for a in typing.get_args(kind) if a is not type(None)]
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        kind = args[0] if len(args) == 1 else kind
    origin = typing.get_origin(kind) or kind
    words = {
        dt.datetime: _("a date and time"),
        dt.date: _("a date (YYYY-MM-DD)"),
        bool: _("yes or no (true/false)"),
        int: _("a whole number"),
        float: _("a number"),
        str: _("text"),
        list: _("a list"),
        tuple: _("a list"),
        dict: _("a mapping"),
    }
    for known, word in words.items():
        if origin is known:
            return word
    return _("a value of type {type}").format(type=getattr(kind, "__name__", str(kind)))
