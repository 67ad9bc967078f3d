"""The district report as a file: JSON, CSV (for a spreadsheet), an Excel workbook or an HTML page to print."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path
from typing import Any

import orjson

from hive.errors import InvalidInput
from hive.i18n import _
from hive.store import write_atomically


def _table(document: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    keys = list(document["labels"])
    headers = [_("code"), _("name"), _("community"), _("reported"), *[document["labels"][k] for k in keys]]
    rows = [
        [r["code"], r["name"], r["community"], _("yes") if r["reported"] else _("no"), *[r["figures"].get(k, "") for k in keys]]
        for r in document["centers"]
    ]
    rows.append([_("total"), "", "", len(document["completeness"]["reported"]), *[document["total"].get(k, 0) for k in keys]])
    return headers, rows


def render(path: Path, document: dict[str, Any]) -> bytes:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"
    headers, rows = _table(document)
    if suffix == ".csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows(rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets spreadsheet programs read Chinese
    if suffix in (".html", ".htm"):
        title = _("District report {period}").format(period=document["period"])
        done = document["completeness"]
        cells = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
        note = _("{reported} of {count} centers recorded activity; not yet: {silent}").format(
            reported=len(done["reported"]), count=done["centers"], silent=", ".join(done["not_reported"]) or "-"
        )
        page = (
            f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{html.escape(title)}</title>'
            "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;"
            "padding:2px 6px}@media print{@page{size:A4 landscape}}</style>"
            f"<h1>{html.escape(title)}</h1><p>{html.escape(note)}</p>"
            f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table></html>\n"
        )
        return page.encode("utf-8")
    if suffix == ".xlsx":
        return workbook(document, headers, rows)
    raise InvalidInput(_("--out {path}: the file must end in .json, .csv, .xlsx or .html").format(path=path))


def workbook(document: dict[str, Any], headers: list[str], rows: list[list[Any]]) -> bytes:
    """The roll-up as an .xlsx file (openpyxl, as ``hive report --out .xlsx``): a cover, the centers, who has not reported.

    Figures are numbers; the cover has the blank sign-off fields of a filed summary table.
    """
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from hive.clock import today
    from hive.report.workbook import box_row, sheet_name, sign_off, style_header

    bold, heading = Font(bold=True), Font(bold=True, size=14)
    fill = PatternFill("solid", fgColor="F2E6E4")
    thin = Side(style="thin", color="777777")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    book = Workbook()
    made = today()
    book.properties.created = book.properties.modified = dt.datetime.combine(made, dt.time())
    book.properties.creator = "hive"
    taken: set[str] = set()
    done = document["completeness"]
    cover = book.active
    cover.title = sheet_name(_("Cover"), taken)
    cover.append([_("District report {period}").format(period=document["period"])])
    cover["A1"].font = heading
    cover.append([])
    for label, value in (
        (_("period"), document["period"]),
        (_("first day"), dt.date.fromisoformat(document["start"])),
        (_("last day"), dt.date.fromisoformat(document["end"])),
        (_("street"), document["street"] or "-"),
        (_("made on"), made),
        (_("centers"), done["centers"]),
        (_("centers that recorded activity"), len(done["reported"])),
        (_("reporting rate"), done["rate"]),
    ):
        cover.append([label, value])
        cover.cell(cover.max_row, 1).font = bold
        if isinstance(value, dt.date):
            cover.cell(cover.max_row, 2).number_format = "yyyy-mm-dd"
    cover.cell(cover.max_row, 2).number_format = "0.0%"
    sign_off(cover, bold, box)

    sheet = book.create_sheet(sheet_name(_("Centers"), taken))
    sheet.append(headers)
    style_header(sheet, len(headers), bold, fill, box)
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
        box_row(sheet, len(headers), box)
    sheet.freeze_panes = "C2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(40, max(10, len(str(header)) * 1.2 + 2))

    silent = book.create_sheet(sheet_name(_("Not reported"), taken))
    silent.append([_("code"), _("name"), _("problem")])
    style_header(silent, 3, bold, fill, box)
    for r in document["centers"]:
        if not r["reported"]:
            silent.append([r["code"], r["name"], r.get("problem") or None])
            box_row(silent, 3, box)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(path: Path, document: dict[str, Any]) -> None:
    write_atomically(path, render(path, document))
