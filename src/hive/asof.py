"""A center as it stood on a date: what a review (or a report) as of a past day may read.

:class:`AsOf` wraps the command's ledger: ``all`` and ``where`` return only
records that count (not void) and whose declared date (the field made with
``as_of=True``) is on or before the date. Everything else (``get``, ``find``,
``center``, ``settings``...) is the ledger's own. A criterion that reads
through its review context therefore never sees a record from after the
review's date, whichever plugin declared it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from hive.ledger import Ledger

T = TypeVar("T")


class AsOf:
    """The ledger's records as of ``as_of`` (see the module docstring)."""

    def __init__(self, ledger: Ledger, as_of: dt.date):
        self._ledger = ledger
        self.as_of = as_of

    def _dated(self, model: type, records: list[Any]) -> list[Any]:
        field = self._ledger.registry.by_model[model].date_field if model in self._ledger.registry.by_model else None
        if field is None:
            return records
        as_of = self.as_of
        return [r for r in records if (getattr(r, field) is None or _day(getattr(r, field)) <= as_of)]

    def all(self, model: type[T], *, include_void: bool = False) -> list[T]:
        return self._dated(model, self._ledger.all(model, include_void=include_void))

    def where(self, model: type[T], *, include_void: bool = False, **equals: Any) -> list[T]:
        return self._dated(model, self._ledger.where(model, include_void=include_void, **equals))

    def values(self, model: type, *fields: str, **equals: Any) -> list[tuple[Any, ...]]:
        registry = self._ledger.registry
        field = registry.by_model[model].date_field if model in registry.by_model else None
        if field is None:
            return self._ledger.values(model, *fields, **equals)
        as_of = self.as_of
        rows = self._ledger.values(model, *fields, field, **equals)
        return [row[:-1] for row in rows if row[-1] is None or row[-1] <= as_of]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ledger, name)


def _day(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
