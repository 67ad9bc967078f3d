"""The periodic report (台账): sections from the core and every enabled plugin, for one period.

Other code (the command line, the web workspace) calls :func:`build_report`
for the report as data, :func:`report_document` for its JSON-ready form
(documented in docs/cli-json.md), :func:`hive.report.page.render` for the
print-ready HTML page and :func:`hive.report.workbook.render` for the Excel
workbook; :func:`write` writes any of them to a file.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from hive.errors import Conflict, InvalidInput
from hive.frozen import frozen
from hive.i18n import _
from hive.reporting import Period, Section

if TYPE_CHECKING:
    from hive.ledger import Ledger
    from hive.plugins import Plugins

HOOK = "hive_report_sections"
FORMATS = ("html", "xlsx", "pdf")


@frozen
class Report:
    """A report as data: the center, the period, the day it was made, and its sections in order."""

    center: str
    district: str
    community: str
    period: Period
    made: dt.date
    provisional: bool  # the period is not over yet: its figures may still change
    sections: list[Section]

    def section(self, key: str) -> Section:
        for found in self.sections:
            if found.key == key:
                return found
        raise KeyError(key)


def check_period(period: Period, today: dt.date) -> None:
    """Refuse a period that begins after ``today``: one clear line."""
    if period.start > today:
        raise InvalidInput(
            _("invalid --period '{period}': it has not begun yet (today is {today})").format(
                period=period.code, today=today.isoformat()
            )
        )


def choose_period(period: str | None, start: str | None, end: str | None, today: dt.date) -> Period:
    """The period asked for as typed: ``--period``, or ``--from``/``--to`` (``--to`` defaults to today).

    Neither: the last calendar month that has ended. Both: refused.
    """
    from hive.reporting import parse_day, parse_period, span

    if period and (start or end):
        raise InvalidInput(_("give either --period or --from/--to, not both"))
    if period:
        return parse_period(period)
    if end and not start:
        raise InvalidInput(_("invalid --to: give --from too"))
    if start:
        return span(parse_day(start, "--from"), parse_day(end, "--to") if end else today)
    last = today.replace(day=1) - dt.timedelta(days=1)
    return Period.month(last.year, last.month)


def build_report(ledger: Ledger, plugins: Plugins, period: Period) -> Report:
    """The report of ``period``: the sections of the core first, then each enabled plugin's, by plugin name."""
    check_period(period, ledger.today)
    found: list[tuple[str, Section]] = []
    for plugin, sections in plugins.call(HOOK, ledger.center.plugins, ledger=ledger, period=period):
        found.extend((plugin, section) for section in sections)
    found.sort(key=lambda pair: (pair[0] != "core", pair[0]))  # stable: a plugin's own order is kept
    owners: dict[str, str] = {}
    sections = []
    for plugin, section in found:
        if section.key in owners:
            raise Conflict(
                _("report section '{key}' is contributed twice (plugins '{a}' and '{b}')").format(
                    key=section.key, a=owners[section.key], b=plugin
                )
            )
        owners[section.key] = plugin
        sections.append(attrs.evolve(section, plugin=plugin))
    center = ledger.center
    return Report(
        center=center.name,
        district=center.district,
        community=center.community,
        period=period,
        made=ledger.today,
        provisional=period.end >= ledger.today,
        sections=sections,
    )


def _span(period: Period) -> dict[str, str]:
    return {"code": period.code, "from": period.start.isoformat(), "to": period.end.isoformat()}


def section_document(section: Section) -> dict[str, Any]:
    return {
        "plugin": section.plugin,
        "title": section.title,
        "note": section.note,
        "figures": {
            f.key: {
                "label": f.label,
                "value": f.value,
                "previous": f.previous,
                "year_to_date": f.year_to_date,
                "unit": f.unit,
            }
            for f in section.figures
        },
        "tables": {
            t.key: {
                "title": t.title,
                "columns": [{"key": c.key, "label": c.label, "numeric": c.numeric} for c in t.columns],
                "rows": t.rows,
            }
            for t in section.tables
        },
        "charts": {
            c.key: {"title": c.title, "unit": c.unit, "bars": [{"label": b.label, "value": b.value} for b in c.bars]}
            for c in section.charts
        },
    }


def report_document(report: Report) -> dict[str, Any]:
    """The report as one JSON-ready document, keyed in English (docs/cli-json.md)."""
    period = report.period
    return {
        "center": {"name": report.center, "district": report.district, "community": report.community},
        "period": {
            **_span(period),
            "kind": period.kind,
            "title": period.title,
            "previous": _span(period.previous),
            "year_to_date": _span(period.year_to_date),
        },
        "made": report.made.isoformat(),
        "provisional": report.provisional,
        "sections": {s.key: section_document(s) for s in report.sections},
    }


def output_format(path: str) -> str:
    """``html``, ``xlsx`` or ``pdf`` from the name of the file asked for; anything else is refused."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix == "htm":
        suffix = "html"
    if suffix not in FORMATS:
        raise InvalidInput(_("invalid --out '{path}': name a .html, .xlsx or .pdf file").format(path=path))
    return suffix


__all__ = [
    "Report",
    "build_report",
    "check_period",
    "choose_period",
    "output_format",
    "report_document",
    "section_document",
]
