"""The report as an Excel workbook (openpyxl): a cover sheet, then one sheet per section.

Headers are in the current language, figures are numbers (not text), and the
cover has the blank sign-off fields a filed summary table needs: 填报人,
审核人/负责人, 填报日期, 单位盖章.
"""

from __future__ import annotations

import datetime as dt
import io

from hive.i18n import _
from hive.patterns import LazyPattern
from hive.report import Report
from hive.reporting import Section

_BAD_SHEET = LazyPattern(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    base = _BAD_SHEET.sub(" ", title).strip()[:28] or "sheet"
    name, number = base, 2
    while name.lower() in taken:
        name, number = f"{base[:26]} {number}", number + 1
    taken.add(name.lower())
    return name


def render(report: Report) -> bytes:
    """The workbook's bytes (an .xlsx file)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    bold = Font(bold=True)
    heading = Font(bold=True, size=14)
    fill = PatternFill("solid", fgColor="F2E6E4")
    thin = Side(style="thin", color="777777")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    book = Workbook()
    made = dt.datetime.combine(report.made, dt.time())
    book.properties.created = book.properties.modified = made
    book.properties.creator = "hive"
    cover = book.active
    taken: set[str] = set()
    cover.title = sheet_name(_("Cover"), taken)
    period = report.period
    cover.append([_("{center}: report of {period}").format(center=report.center, period=period.title)])
    cover["A1"].font = heading
    cover.append([])
    for label, value in (
        (_("center"), report.center),
        (_("district"), report.district),
        (_("community"), report.community),
        (_("period"), period.title),
        (_("first day"), period.start),
        (_("last day"), period.end),
        (_("made on"), report.made),
        (_("provisional"), _("yes: the period is not over yet") if report.provisional else _("no")),
    ):
        cover.append([label, value])
        cover.cell(cover.max_row, 1).font = bold
        if isinstance(value, dt.date):
            cover.cell(cover.max_row, 2).number_format = "yyyy-mm-dd"
    sign_off(cover, bold, box)

    for section in report.sections:
        _section_sheet(
            book.create_sheet(sheet_name(section.title, taken)), section, bold, heading, fill, box, Alignment
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sign_off(cover, bold, box) -> None:
    """The blank sign-off fields a filed summary table needs (填报人, 审核人/负责人, 填报日期, 单位盖章), at the end of ``cover``."""
    cover.append([])
    cover.append([_("Sign-off")])
    cover.cell(cover.max_row, 1).font = bold
    for label in (_("Prepared by"), _("Reviewed by / person in charge"), _("Date filed"), _("Seal of the unit")):
        cover.append([label, None])
        row = cover.max_row
        cover.cell(row, 1).font = bold
        for col in (1, 2):
            cover.cell(row, col).border = box
        cover.row_dimensions[row].height = 60 if label == _("Seal of the unit") else 28
    cover.column_dimensions["A"].width = 28
    cover.column_dimensions["B"].width = 48


def _section_sheet(sheet, section: Section, bold, heading, fill, box, alignment) -> None:
    sheet.append([section.title])
    sheet["A1"].font = heading
    if section.note:
        sheet.append([section.note])
    sheet.append([])
    header = [_("figure"), _("this period"), _("previous period"), _("year to date"), _("unit")]
    sheet.append(header)
    style_header(sheet, len(header), bold, fill, box)
    for f in section.figures:
        sheet.append([f.label, f.value, f.previous, f.year_to_date, f.unit or None])
        box_row(sheet, len(header), box)
    widths = [len(h) for h in header]
    for table in section.tables:
        sheet.append([])
        sheet.append([table.title])
        sheet.cell(sheet.max_row, 1).font = bold
        if not table.rows:
            sheet.append([_("none in this period")])
            continue
        sheet.append([c.label for c in table.columns])
        style_header(sheet, len(table.columns), bold, fill, box)
        for row in table.rows:
            sheet.append([_value(row.get(c.key), c.numeric) for c in table.columns])
            box_row(sheet, len(table.columns), box)
        for index, c in enumerate(table.columns):
            longest = max([len(str(c.label))] + [len(str(r.get(c.key, ""))) for r in table.rows[:200]])
            if index < len(widths):
                widths[index] = max(widths[index], longest)
            else:
                widths.append(longest)
    widths[0] = max(widths[0], *(len(f.label) for f in section.figures)) if section.figures else widths[0]
    from openpyxl.utils import get_column_letter

    for index, size in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, size * 1.6 + 2))


def _value(value, numeric: bool):
    if numeric or isinstance(value, int | float) or value is None:
        return value
    return str(value)


def style_header(sheet, width: int, bold, fill, box) -> None:
    row = sheet.max_row
    for col in range(1, width + 1):
        cell = sheet.cell(row, col)
        cell.font, cell.fill, cell.border = bold, fill, box


def box_row(sheet, width: int, box) -> None:
    row = sheet.max_row
    for col in range(1, width + 1):
        sheet.cell(row, col).border = box
