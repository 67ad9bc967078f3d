"""A district's centers compiled level by level (层层汇总): the list of centers and the roll-up report.

A district is either every center on a PostgreSQL server (``--db
postgresql://…``) or a folder of center files (``--db DIR``: each
``*.json`` file directly in it is a center, its code the file's stem).

:func:`report` opens each center for reading, one after the other, and
counts what happened in the period: one row of figures per center, a total
row that sums them, and the reporting completeness (DHIS2's "reporting
rate"): which centers recorded any activity in the period (an organization
joined, a training, a line in their event log) and which did not. A center that cannot be read is listed with
its problem and counts as not reporting; it never stops the report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from hive import location
from hive.errors import HiveError, InvalidInput, NotFound
from hive.i18n import N_, _

if TYPE_CHECKING:
    from hive.ledger import Ledger
    from hive.plugins import Plugins


@attrs.frozen
class CenterEntry:
    code: str
    name: str
    district: str = ""
    community: str = ""
    created: str | None = None
    plugins: tuple[str, ...] = ()


@attrs.frozen
class Month:
    """The period of a district report: one calendar month."""

    start: dt.date
    end: dt.date

    @property
    def code(self) -> str:
        return f"{self.start.year}-{self.start.month:02d}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


_MONTH = re.compile(r"^(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?$")


def parse_report_period(text: str) -> Any:
    """The period of ``--period``: hive.reporting's (a month, quarter or year) once it is there, else a month."""
    try:
        from hive.reporting import parse_period
    except ImportError:
        return parse_month(text)
    if _sections() is None:
        return parse_month(text)
    return parse_period(text)


def parse_month(text: str) -> Month:
    """``2026-11`` or ``2026年11月`` (full-width digits too) as a :class:`Month`."""
    import unicodedata

    found = _MONTH.match(unicodedata.normalize("NFKC", text).strip())
    if found:
        year, month = int(found.group(1)), int(found.group(2))
        if 1 <= month <= 12:
            start = dt.date(year, month, 1)
            after = dt.date(year + (month == 12), month % 12 + 1, 1)
            return Month(start, after - dt.timedelta(days=1))
    raise InvalidInput(
        _("invalid --period '{value}': a month as YYYY-MM (2026-11) or 2026年11月").format(value=text)
    )


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

#: The core's figures: (key, label). Stage figures are added per stage (``organizations.<stage>``).
CORE_FIGURES = (
    ("organizations", N_("organizations (active and suspended)")),
    ("organizations.new", N_("organizations joined in the period")),
    ("trainings", N_("trainings in the period")),
    ("training_hours", N_("training hours in the period")),
    ("events", N_("changes recorded in the period")),
)


#: The figures that count what happened in the period: a center with any of them above 0 has reported.
ACTIVITY = ("organizations.new", "trainings", "events")


def core_figures(ledger: Ledger, period: Any) -> Iterator[tuple[str, str, float]]:
    """The core's figures of one center for ``period``: (key, label, value)."""
    from hive.models import Event, Organization, Training
    from hive.stages import PIPELINE

    orgs = [o for o in ledger.all(Organization) if o.status != "dissolved"]
    yield "organizations", _(CORE_FIGURES[0][1]), len(orgs)
    for stage in PIPELINE:
        yield (
            f"organizations.{stage.id}",
            _("organizations at stage {stage}").format(stage=stage.title),
            sum(1 for o in orgs if o.stage == stage.id),
        )
    yield "organizations.new", _(CORE_FIGURES[1][1]), sum(1 for o in ledger.all(Organization) if o.joined in period)
    trainings = [t for t in ledger.all(Training) if t.date in period]
    yield "trainings", _(CORE_FIGURES[2][1]), len(trainings)
    yield "training_hours", _(CORE_FIGURES[3][1]), round(sum(t.hours for t in trainings), 2)
    events = sum(1 for e in ledger.all(Event) if e.at.date() in period)
    yield "events", _(CORE_FIGURES[4][1]), events


def _sections():
    """hive.report's section builder, once it is part of this hive (else the core's figures only)."""
    try:
        from hive.report import build_report
    except ImportError:
        return None
    return build_report


def _center_row(
    ledger: Ledger, period: Any, plugins: Plugins | None = None
) -> tuple[dict[str, float], dict[str, str], bool]:
    """One center's figures (key -> value), their labels, and whether it recorded activity in ``period``."""
    figures: dict[str, float] = {}
    labels: dict[str, str] = {}
    for key, label, value in core_figures(ledger, period):
        figures[key] = value
        labels[key] = label
    active = any(figures.get(key, 0) for key in ACTIVITY)
    build = _sections() if plugins is not None and not isinstance(period, Month) else None
    if build is not None:
        # the report's sections, as `hive report` shows them: each figure's value for the period
        for section in build(ledger, plugins, period).sections:
            for figure in section.figures:
                key = f"{section.key}.{figure.key}"
                if key in figures or not isinstance(figure.value, int | float):
                    continue
                figures[key] = figure.value
                labels[key] = _("{section}: {figure}").format(section=section.title, figure=figure.label)
                # a figure with a year to date counts what happened (a stock, such as members, has none)
                active = active or (figure.year_to_date is not None and figure.value > 0)
    return figures, labels, active


def _is_rate(key: str) -> bool:
    return key.endswith("rate")


def report(
    db: str | Path, period: Any, *, plugins: Plugins, operator: str, street: str | None = None
) -> dict[str, Any]:
    """The district roll-up for ``period`` as one JSON-ready document (see docs/district.md for its keys)."""
    from hive.ledger import Ledger

    chosen = [c for c in centers(db) if not street or street.strip() in c.district or street.strip() in c.community]
    if street and not chosen:
        raise NotFound(_("no center of the district is in street '{street}'").format(street=street))
    rows: list[dict[str, Any]] = []
    labels: dict[str, str] = {}
    total: dict[str, float] = {}
    for entry in chosen:
        row: dict[str, Any] = {"code": entry.code, "name": entry.name, "district": entry.district, "community": entry.community}
        where = db if location.is_server(db) else Path(db) / f"{entry.code}.json"
        try:
            store = location.open_store(where, entry.code, write=False)
            try:
                ledger = Ledger(store, operator=operator, registry=plugins.registry)
                figures, found_labels, active = _center_row(ledger, period, plugins)
            finally:
                store.close()
        except HiveError as exc:
            row.update(reported=False, problem=str(exc), figures={})
            rows.append(row)
            continue
        labels.update(found_labels)
        row.update(reported=active, figures=figures)
        for key, value in figures.items():
            total[key] = round(total.get(key, 0) + value, 2)
        rows.append(row)
    for key in total:
        if _is_rate(key):  # a percentage is not summed: the centers' mean
            values = [r["figures"][key] for r in rows if key in r["figures"]]
            total[key] = round(sum(values) / len(values), 1) if values else 0
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
