"""The figures a district compiles from its centers (层层汇总), declared so that a server can compute them itself.

The core and each plugin declare their district figures through the
``hive_district_figures`` hook (:mod:`hive.hookspecs`):

* an :class:`Aggregate` counts or sums one collection's records, by their
  stored fields: those dated in the period (a flow: joined, trained, served)
  or on or before its last day (a stock: registered volunteers). On a server
  it is one SQL aggregate over the ``jsonb`` documents of every center at once
  (:func:`hive.pgstore.district_aggregates`); over a center file it is the same
  test on the file's stored documents (:func:`evaluate`), nothing structured;
* a :class:`Computed` figure is a function of one center's ledger and the
  period, for what no aggregate says (party coverage); it is run center by
  center, and should read only the few small collections it needs.

Void records never count. A figure whose key is ``<section>.<figure>`` must
equal that figure of the center's ``hive report`` (the tests check it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from hive.frozen import frozen

if TYPE_CHECKING:
    from hive.ledger import Ledger
    from hive.reporting import Period

#: How an :class:`Aggregate` adds its records up: it counts them,
COUNT = "count"
#: it sums a number field of them,
SUM = "sum"
#: or it counts the distinct values of a field (people active, organizations supervised).
DISTINCT = "distinct"
VOIDS = "voids"


@frozen
class Aggregate:
    """A count, sum or distinct count of the records of ``collection`` that pass every test.

    ``dated``: the field (a date, or a timestamp whose day is its first ten characters) that
    must lie in the period, or, with ``upto``, on or before the period's last day (a stock);
    ``equals``/``unequal``: stored field values the record must have or not have;
    ``present``: fields that must be non-empty. ``field`` is what ``sum`` adds up (a number)
    or ``distinct`` counts (a value). ``label`` is translated when the figure is shown.
    """

    key: str
    label: str
    collection: str
    how: str = COUNT
    field: str | None = None
    dated: str | None = None
    upto: bool = False
    equals: Mapping[str, Any] = attrs.field(factory=dict)
    unequal: Mapping[str, Any] = attrs.field(factory=dict)
    present: tuple[str, ...] = ()

    @property
    def activity(self) -> bool:
        """Whether the figure counts what happened in the period (a center with it above 0 has reported)."""
        return self.dated is not None and not self.upto


@frozen
class Computed:
    """A figure computed from one center's ledger: ``compute(ledger, period)`` gives its value."""

    key: str
    label: str
    compute: Callable[[Ledger, Period], float]
    activity: bool = False


Figure = Aggregate | Computed


def _day(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) else None


def passes(doc: Mapping[str, Any], figure: Aggregate, first: str, last: str) -> bool:
    """Whether a stored document counts for ``figure`` in the period from ``first`` to ``last`` (ISO days)."""
    if figure.dated is not None:
        day = _day(doc.get(figure.dated))
        if day is None or day > last or (not figure.upto and day < first):
            return False
    for name, value in figure.equals.items():
        if doc.get(name) != value:
            return False
    for name, value in figure.unequal.items():
        if doc.get(name) == value:
            return False
    return all(doc.get(name) not in (None, "") for name in figure.present)


def evaluate(
    documents: Callable[[str], Mapping[str, Mapping[str, Any]]], figures: Iterable[Aggregate], period: Period
) -> dict[str, float]:
    """The aggregates of one center from its stored documents (``documents(collection)``), void ones left out."""
    first, last = period.start.isoformat(), period.end.isoformat()
    voided = {doc.get("record") for doc in documents(VOIDS).values()}
    by_collection: dict[str, list[Aggregate]] = {}
    for figure in figures:
        by_collection.setdefault(figure.collection, []).append(figure)
    found: dict[str, float] = {}
    for collection, wanted in by_collection.items():
        counts = [0] * len(wanted)
        sums = [0.0] * len(wanted)
        seen: list[set[Any]] = [set() for _ in wanted]
        for doc in documents(collection).values():
            if voided and doc.get("id") in voided:
                continue
            for n, figure in enumerate(wanted):
                if not passes(doc, figure, first, last):
                    continue
                if figure.how == SUM:
                    value = doc.get(figure.field)
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        sums[n] += value
                elif figure.how == DISTINCT:
                    value = doc.get(figure.field)
                    if value is not None:
                        seen[n].add(value if not isinstance(value, list) else tuple(value))
                else:
                    counts[n] += 1
        for n, figure in enumerate(wanted):
            found[figure.key] = shaped(figure, counts[n], sums[n], len(seen[n]))
    return found


def shaped(figure: Aggregate, count: int, total: float, distinct: int) -> float:
    """The figure's value as the report gives it: a whole count, or a sum rounded to hundredths."""
    if figure.how == SUM:
        return round(float(total), 2)
    return distinct if figure.how == DISTINCT else count


def declared(plugins: Any) -> list[tuple[str, Figure]]:
    """(plugin, figure) for every district figure of the core and every loaded plugin, the core's first."""
    found: list[tuple[str, Figure]] = []
    keys: dict[str, str] = {}
    from hive.errors import Conflict
    from hive.i18n import _

    pairs = plugins.call("hive_district_figures")
    pairs.sort(key=lambda pair: (pair[0] != "core", pair[0]))
    for plugin, figures in pairs:
        for figure in figures:
            if figure.key in keys:
                raise Conflict(
                    _("district figure '{key}' is declared twice (plugins '{a}' and '{b}')").format(
                        key=figure.key, a=keys[figure.key], b=plugin
                    )
                )
            keys[figure.key] = plugin
            found.append((plugin, figure))
    return found


__all__ = ["COUNT", "DISTINCT", "SUM", "Aggregate", "Computed", "declared", "evaluate"]
