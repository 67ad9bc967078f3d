"""A district's centers compiled level by level (层层汇总): the list of centers and the roll-up report.

A district is either every center on a PostgreSQL server (``--db
postgresql://…``) or a folder of center files (``--db DIR``: each
``*.json`` file directly in it is a center, its code the file's stem).

:func:`report` computes the figures the district needs (:mod:`hive.rollup`,
declared by the core and each plugin) for the period: one row of figures per
center, a total row that sums them, and the reporting completeness (DHIS2's
"reporting rate"): which centers recorded any activity in the period (an
organization joined, a training, a line in their event log) and which did
not. On a server the aggregates are SQL over every center at once; over a
folder, each file's stored documents are counted as they are, nothing
structured. A center that cannot be read is listed with its problem and
counts as not reporting; it never stops the report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hive import location
from hive.errors import HiveError, NotFound
from hive.frozen import frozen
from hive.i18n import _

if TYPE_CHECKING:
    from hive.ledger import Ledger
    from hive.plugins import Plugins


@frozen
class CenterEntry:
    code: str
    name: str
    district: str = ""
    community: str = ""
    created: str | None = None
    plugins: tuple[str, ...] = ()


def parse_report_period(text: str) -> Any:
    """The period of ``--period``: a month, a quarter or a year, as ``hive report`` reads it."""
    from hive.reporting import parse_period

    return parse_period(text)


# -- the centers of a district -------------------------------------------------------------------------


def _entry(code: str, doc: dict[str, Any]) -> CenterEntry:
    return CenterEntry(
        code=code,
        name=str(doc.get("name", "")),
        district=str(doc.get("district", "")),
        community=str(doc.get("community", "")),
        created=doc.get("created"),
        plugins=tuple(doc.get("plugins", ())),
    )


def _center_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.glob("*.json") if p.is_file() and ".backup-" not in p.name and not p.name.startswith(".")
    )


def centers(db: str | Path) -> list[CenterEntry]:
    """Every center of the district at ``db`` (a server URL or a folder of center files), by code."""
    if location.is_server(db):
        from hive.pgstore import center_documents

        return [_entry(code, doc) for code, doc in center_documents(str(db))]
    folder = Path(db)
    if not folder.is_dir():
        raise NotFound(
            _("{path} is not a district: give a server (postgresql://…) or a folder of center files").format(
                path=db
            )
        )
    found = []
    for path in _center_files(folder):
        try:
            store = location.open_store(path, None, write=False)
        except HiveError:
            continue  # not a center file (another JSON document): not part of the district
        try:
            found.append(_entry(path.stem, store.documents("center").get("1", {})))
        finally:
            store.close()
    return found


# -- the roll-up -------------------------------------------------------------------------------------------


SERVER_READERS = 4  # centers read at once from a server for the computed figures (each its own connection)


def _is_rate(key: str) -> bool:
    return key.endswith("rate")


def _computed_row(ledger: Ledger, period: Any, computed: list[tuple[str, Any]], enabled: set[str]) -> dict[str, float]:
    return {f.key: f.compute(ledger, period) for plugin, f in computed if plugin == "core" or plugin in enabled}


def _center_rows(
    db: str | Path, chosen: list[CenterEntry], period: Any, *, plugins: Plugins, operator: str
) -> dict[str, dict[str, float] | str]:
    """Each center's figures (key -> value), or the problem that kept it from being read."""
    from hive.ledger import Ledger
    from hive.rollup import Aggregate, declared, evaluate

    figures = declared(plugins)
    aggregates = [f for _p, f in figures if isinstance(f, Aggregate)]
    computed = [(p, f) for p, f in figures if not isinstance(f, Aggregate)]
    rows: dict[str, dict[str, float] | str] = {}
    server = location.is_server(db)
    if server:
        from hive.pgstore import district_aggregates

        found = district_aggregates(
            str(db), [c.code for c in chosen], aggregates, period.start.isoformat(), period.end.isoformat()
        )
        for entry in chosen:
            rows[entry.code] = {f.key: found[entry.code].get(f.key, 0) for f in aggregates}

    def read(entry: CenterEntry) -> dict[str, float] | str:
        where = db if server else Path(db) / f"{entry.code}.json"
        try:
            store = location.open_store(where, entry.code, write=False)
            try:
                row = rows.get(entry.code) or evaluate(store.documents, aggregates, period)
                if computed:
                    ledger = Ledger(store, operator=operator, registry=plugins.registry)
                    row.update(_computed_row(ledger, period, computed, set(entry.plugins)))
                return row
            finally:
                store.close()
        except HiveError as exc:
            return str(exc)

    todo = [entry for entry in chosen if not server or computed]
    if server and len(todo) > 1:  # each center's few reads wait on the server: several at once
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=SERVER_READERS) as pool:
            for entry, row in zip(todo, pool.map(read, todo), strict=True):
                rows[entry.code] = row
    else:
        for entry in todo:
            rows[entry.code] = read(entry)
    return rows


def report(
    db: str | Path, period: Any, *, plugins: Plugins, operator: str, street: str | None = None
) -> dict[str, Any]:
    """The district roll-up for ``period`` as one JSON-ready document (see docs/district.md for its keys)."""
    from hive.report import check_period
    from hive.rollup import declared

    check_period(period, _today())
    chosen = [c for c in centers(db) if not street or street.strip() in c.district or street.strip() in c.community]
    if street and not chosen:
        raise NotFound(_("no center of the district is in street '{street}'").format(street=street))
    figures = [f for _p, f in declared(plugins)]
    labels = {f.key: f.label for f in figures}
    activity = [f.key for f in figures if f.activity]
    found = _center_rows(db, chosen, period, plugins=plugins, operator=operator)
    rows: list[dict[str, Any]] = []
    total: dict[str, float] = {}
    for entry in chosen:
        row: dict[str, Any] = {"code": entry.code, "name": entry.name, "district": entry.district, "community": entry.community}
        values = found.get(entry.code, {})
        if isinstance(values, str):
            row.update(reported=False, problem=values, figures={})
            rows.append(row)
            continue
        row.update(reported=any(values.get(key, 0) for key in activity), figures=values)
        for key, value in values.items():
            total[key] = round(total.get(key, 0) + value, 2)
        rows.append(row)
    for key in total:
        if _is_rate(key):  # a percentage is not summed: the centers' mean
            shares = [r["figures"][key] for r in rows if key in r["figures"]]
            total[key] = round(sum(shares) / len(shares), 1) if shares else 0
    reported = [r["code"] for r in rows if r["reported"]]
    silent = [r["code"] for r in rows if not r["reported"]]
    return {
        "period": period.code,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "street": street or None,
        "labels": labels,
        "centers": rows,
        "total": total,
        "completeness": {
            "centers": len(rows),
            "reported": reported,
            "not_reported": silent,
            "rate": round(len(reported) / len(rows), 4) if rows else 0.0,
        },
    }


def _today() -> dt.date:
    from hive.clock import today

    return today()
