"""A large table held as rows: one tuple of values per record, the field names once.

A parsed record is a dict of about a dozen fields: 632 bytes before its values. The
500,000 service records of a large center took 315 MB as dicts, a third of a review's
memory; as tuples of the same values, 72 MB. :class:`Rows` is the table as
:mod:`hive.store` hands it out, a read-only mapping of key to document like the dict
it replaces: a document is made again (a new dict) when it is asked for by key, and a
question about a field reads the field's column at C speed (:meth:`Rows.column`).

Only a table whose every record has the same fields is held as rows (see
:func:`rows_of`); the store keeps any other as the dict it parsed.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator, Mapping, Sequence, ValuesView
from typing import Any


class Rows(Mapping[str, dict[str, Any]]):
    """Records keyed by their numbers (str), each a tuple of its values in the order of :attr:`fields`.

    Read-only, but for :meth:`append` (the store adds the records a command inserts); a table
    changed otherwise becomes a dict again (:meth:`as_dict`). A document handed out is a new
    dict: changing it changes nothing stored.
    """

    __slots__ = ("fields", "keys_", "rows", "_index", "_last", "_pick", "_origin")

    def __init__(self, fields: tuple[str, ...], keys: list[str], rows: list[tuple[Any, ...]]):
        self.fields = fields
        self.keys_ = keys  # (not "keys": the mapping's method)
        self.rows = rows
        self._index: dict[str, int] | None = None  # key -> position, built when a key is not where its number says
        self._last: int | None = None  # the highest key number, once asked
        self._pick = operator.itemgetter(*fields) if len(fields) > 1 else None
        self._origin: Rows | None = None  # the table this is a copy of (see :meth:`last_number`)

    # -- the mapping -----------------------------------------------------------
    def __len__(self) -> int:
        return len(self.keys_)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_)

    def __contains__(self, key: object) -> bool:
        return self.position(key) is not None

    def __getitem__(self, key: str) -> dict[str, Any]:
        at = self.position(key)
        if at is None:
            raise KeyError(key)
        return dict(zip(self.fields, self.rows[at], strict=True))

    def get(self, key: str, default: Any = None) -> Any:
        at = self.position(key)
        return default if at is None else dict(zip(self.fields, self.rows[at], strict=True))

    def values(self) -> _Documents:  # type: ignore[override]
        return _Documents(self)

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:  # type: ignore[override]
        return zip(self.keys_, self.documents(), strict=True)

    def documents(self) -> Iterator[dict[str, Any]]:
        """Every document in order, each made as it is reached."""
        return map(dict, map(zip, itertools.repeat(self.fields), self.rows))

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return dict(zip(self.keys_, self.documents(), strict=True))

    def copy(self) -> Rows:
        """A copy that keeps its records while this one gains more (the ledger's view of what was stored)."""
        copied = Rows(self.fields, list(self.keys_), list(self.rows))
        copied._last, copied._origin = self._last, self
        return copied

    # -- keys --------------------------------------------------------------------
    def position(self, key: object) -> int | None:
        """Where the record ``key`` is, or None. Records are numbered from 1 in order, so the key usually says."""
        if type(key) is not str or not (key.isascii() and key.isdigit()):
            return None
        keys = self.keys_
        number = int(key)
        if 0 < number <= len(keys) and keys[number - 1] == key:
            return number - 1
        if number > self.last_number():  # (a record about to be added)
            return None
        if self._index is None:  # numbers left out (an undo took records out): a key's place is looked up
            self._index = dict(zip(keys, range(len(keys))))
        return self._index.get(key)

    def last_number(self) -> int:
        """The highest key number (0 for none): where the next record's number starts."""
        if self._last is None:
            origin = self._origin  # a copy of the store's table, as large as it: worked out once for both
            if origin is not None and origin._last is not None and len(origin) == len(self):
                self._last = origin._last
            else:
                self._last = max(map(int, self.keys_), default=0)
                if origin is not None and len(origin) == len(self):
                    origin._last = self._last
        return self._last

    def known_last(self, number: int) -> None:
        """Set the highest key number, found while the table was read."""
        self._last = number

    def append(self, key: str, doc: dict[str, Any]) -> bool:
        """Add a record after the others; False (nothing added) when its fields are not :attr:`fields`."""
        row = self.row_of(doc)
        if row is None:
            return False
        if self._index is not None:
            self._index[key] = len(self.keys_)
        self.keys_.append(key)
        self.rows.append(row)
        if self._last is not None:
            self._last = max(self._last, int(key))
        return True

    def row_of(self, doc: Any) -> tuple[Any, ...] | None:
        if type(doc) is not dict or len(doc) != len(self.fields):
            return None
        try:
            return self._pick(doc) if self._pick is not None else (doc[self.fields[0]],)
        except KeyError:
            return None

    # -- columns -----------------------------------------------------------------
    def column(self, name: str) -> list[Any] | None:
        """Field ``name`` of every record, in order; None when the records have no such field."""
        if name not in self.fields:
            return None
        return list(map(operator.itemgetter(self.fields.index(name)), self.rows))

    def picked(self, positions: list[int] | None, names: list[str]) -> list[Any] | None:
        """The fields ``names`` of the records at ``positions`` (all: None), as ``itemgetter(*names)``
        of each document would give them; None when a name is not a field of the records."""
        if not set(names) <= set(self.fields):
            return None
        getter = operator.itemgetter(*[self.fields.index(n) for n in names])
        rows = self.rows if positions is None else map(self.rows.__getitem__, positions)
        return list(map(getter, rows))

    def at(self, position: int) -> dict[str, Any]:
        """The document of the record at ``position`` (made anew)."""
        return dict(zip(self.fields, self.rows[position], strict=True))

    def by_position(self) -> Positions:
        return Positions(self)


class _Documents(ValuesView):
    """:meth:`Rows.values`: the documents in order, made as they are reached."""

    _mapping: Rows

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._mapping.documents()


def rows_of(documents: list[Any], fields: tuple[str, ...] | None = None) -> tuple[tuple[str, ...], list[tuple[Any, ...]]] | None:
    """The documents as rows, with their fields, when every one is a dict of the same fields; else None.

    The fields are ``fields`` (those of an earlier piece of the table) or the first document's.
    At C speed: one pass for the sizes, one picking the values (a document without one of the
    fields, or a value that is not a dict, stops it).
    """
    if not documents:
        return (fields, []) if fields else None
    if fields is None:
        if type(documents[0]) is not dict or not documents[0]:
            return None
        fields = tuple(documents[0])
    try:
        if set(map(len, documents)) != {len(fields)}:
            return None
        getter = operator.itemgetter(*fields)
        rows = list(map(getter, documents)) if len(fields) > 1 else [(v,) for v in map(getter, documents)]
    except (KeyError, TypeError):
        return None
    return fields, rows


class Positions(Sequence[dict[str, Any]]):
    """A :class:`Rows` table by position, as the list of its documents would be (made as asked)."""

    __slots__ = ("table",)

    def __init__(self, table: Rows):
        self.table = table

    def __len__(self) -> int:
        return len(self.table.rows)

    def __getitem__(self, position: int) -> dict[str, Any]:  # type: ignore[override]
        return self.table.at(position)

    def column(self, name: str) -> list[Any] | None:
        return self.table.column(name)

    def picked(self, positions: list[int] | None, names: list[str]) -> list[Any] | None:
        return self.table.picked(positions, names)
