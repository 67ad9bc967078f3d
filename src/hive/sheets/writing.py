"""Writing sheets that open correctly in Excel and WPS: exports, templates and error copies.

* ``.xlsx`` (openpyxl, write-only for exports): headers in the run's
  language, dates as date cells (``yyyy-mm-dd``), ID, phone and other text
  columns formatted as text (``@``) so Excel never turns an ID number into
  ``4.40304E+17``;
* ``.csv``: UTF-8 with a BOM (what Excel needs to read Chinese), dates ISO;
* every text cell neutralized (:func:`hive.cells.neutralize`): a name
  beginning with ``=``, ``+``, ``-``, ``@``, tab or CR is never run as a
  formula; an import gives the text back.

Payloads are built in memory as bytes and written by the one door,
:func:`hive.outputs.write_output`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hive import cells
from hive.fields import CHOICE, CREDIT_CODE, DAY, FLAG, HOURS, NUMBER, PHONE, REF, RESIDENT_ID, TEXT, TEXTS
from hive.i18n import _
from hive.sheets import columns as cols

if TYPE_CHECKING:
    from hive.contract import RecordType
    from hive.fields import FieldSpec
    from hive.ledger import Ledger

DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
TEMPLATE_ROWS = 500  # rows of a template formatted (text columns as text, drop-down lists)


def is_xlsx(path: Path | str) -> bool:
    return Path(path).suffix.lower() in (".xlsx", ".xlsm")


def _width(header: str) -> float:
    import unicodedata

    return max(16.0, sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in header) + 4.0)


def sheet_bytes(
    path: Path | str,
    title: str,
    header: list[str],
    rows: Iterable[list[Any]],
    *,
    text_columns: set[int],
) -> bytes:
    """A one-sheet file for ``path``'s suffix (``.xlsx``, else CSV): ``header`` then ``rows``, cells neutralized."""
    if is_xlsx(path):
        return _xlsx_bytes(title, header, rows, text_columns)
    return _csv_bytes(header, rows)


def _safe(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        return cells.neutralize(value)
    return value


def _csv_bytes(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cells.neutralize(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    return _safe(value)


def _sheet_title(title: str) -> str:
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    return title[:31] or "Sheet1"


def _xlsx_bytes(title: str, header: list[str], rows: Iterable[list[Any]], text_columns: set[int]) -> bytes:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(title))
    for position, text in enumerate(header):
        dimension = sheet.column_dimensions[get_column_letter(position + 1)]
        dimension.width = _width(str(text))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=cells.neutralize(text))
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for row in rows:
        out = []
        for position, value in enumerate(row):
            value = _safe(value)
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATE_FORMAT
                out.append(cell)
            elif position in text_columns and value is not None:
                cell = WriteOnlyCell(sheet, value=str(value))
                cell.number_format = TEXT_FORMAT
                out.append(cell)
            else:
                out.append(value)
        sheet.append(out)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- exports ---------------------------------------------------------------------------------------------
def export_bytes(
    ledger: Ledger, record_type: RecordType, records: Iterable[Any], path: Path | str, *, show_personal: bool
) -> bytes:
    """The records as a sheet: an id column, then one column per declared field."""
    specs = record_type.fields
    header = [_(cols.ID_HEADER), *(cols.header(record_type, s) for s in specs)]
    text_columns = {0} | {i + 1 for i, s in enumerate(specs) if s.kind in cols.TEXT_KINDS or s.kind == CHOICE}
    names = cols.ref_namer(ledger)

    def body() -> Iterable[list[Any]]:
        for record in records:
            yield [
                record.id,
                *(
                    cols.cell_value(
                        ledger, record_type, s, getattr(record, s.name), show_personal=show_personal, names=names
                    )
                    for s in specs
                ),
            ]

    return sheet_bytes(path, record_type.title, header, body(), text_columns=text_columns)


# -- templates ---------------------------------------------------------------------------------------------
def describe_format(ledger: Ledger, record_type: RecordType, spec: FieldSpec) -> str:
    """What a person types in ``spec``'s column, in words."""
    kind = spec.kind
    if kind == DAY:
        return _("a date: 2026-11-08, 2026/11/8 or 2026年11月8日")
    if kind == HOURS:
        return _("hours: more than 0 and at most {max}").format(max=f"{spec.maximum or 24:g}")
    if kind == NUMBER:
        return _("a whole number") if spec.whole else _("a number")
    if kind == CHOICE:
        return _("one of the allowed values (a drop-down list)")
    if kind == FLAG:
        return _("yes or no")
    if kind == PHONE:
        return _("a phone number (digits, typed as text)")
    if kind == RESIDENT_ID:
        return _("an 18-character resident ID number, typed as text")
    if kind == CREDIT_CODE:
        return _("an 18-character unified social credit code")
    if kind == REF:
        table = spec.target_table(ledger.registry)
        target = ledger.registry.by_name.get(table) if table else None
        what = target.records_title if target is not None else (table or "")
        if spec.many:
            return _("ids or unique names of {records}, separated by 、 or commas").format(records=what)
        return _("the id or the unique name of one of the {records}").format(records=what)
    if kind == TEXTS:
        return _("several texts, separated by 、 or commas")
    if kind == TEXT:
        return _("text, at most {limit} characters").format(limit=spec.limit)
    return _("the form an export writes (JSON)")


def _choices(record_type: RecordType, spec: FieldSpec) -> list[str]:
    if spec.kind == CHOICE:
        return [record_type.text(label) or code for code, label in spec.choices.items()]
    if spec.kind == FLAG:
        return [_("yes"), _("no")]
    return []


def template_bytes(ledger: Ledger, record_type: RecordType) -> bytes:
    """An empty sheet to fill in: translated headers (``*`` on required ones), a sheet explaining each column,
    drop-down lists for choices, text formatting for ID and phone columns."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from hive.sheets.importing import _has_default

    specs = record_type.fields
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _sheet_title(record_type.title)
    help_sheet = book.create_sheet(_sheet_title(_("columns")))
    lists = book.create_sheet(_sheet_title(_("lists")))
    lists.sheet_state = "hidden"
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for position, spec in enumerate(specs, start=1):
        letter = get_column_letter(position)
        required = spec.required and not _has_default(record_type, spec)
        title = cols.header(record_type, spec) + (" *" if required else "")
        cell = sheet.cell(row=1, column=position, value=cells.neutralize(title))
        cell.font = bold
        if required:
            cell.fill = required_fill
        sheet.column_dimensions[letter].width = _width(title)
        number_format = (
            TEXT_FORMAT if spec.kind in cols.TEXT_KINDS else DATE_FORMAT if spec.kind == DAY else None
        )
        if number_format:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=position).number_format = number_format
        values = _choices(record_type, spec)
        if values:
            for index, value in enumerate(values, start=1):
                lists.cell(row=index, column=position, value=cells.neutralize(value))
            validation = DataValidation(
                type="list",
                formula1=f"'{lists.title}'!${letter}$1:${letter}${len(values)}",
                allow_blank=not required,
                showErrorMessage=True,
                errorTitle=_("not an allowed value"),
                error=_("choose one of the list"),
            )
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    help_header = [_("column"), _("field"), _("required"), _("format"), _("allowed values")]
    for position, text in enumerate(help_header, start=1):
        help_sheet.cell(row=1, column=position, value=text).font = bold
    for row, spec in enumerate(specs, start=2):
        required = spec.required and not _has_default(record_type, spec)
        meaning = record_type.text(spec.help) if spec.help else ""
        values = "、".join(_choices(record_type, spec))
        line = [
            cols.header(record_type, spec),
            spec.name + (f" — {meaning}" if meaning else ""),
            _("yes") if required else _("no"),
            describe_format(ledger, record_type, spec),
            values,
        ]
        for position, value in enumerate(line, start=1):
            cell = help_sheet.cell(row=row, column=position, value=cells.neutralize(value))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (18, 24, 8, 44, 40), strict=True):
        help_sheet.column_dimensions[letter].width = width
    for printed in (sheet, help_sheet):  # printed on landscape pages, as wide as the page, with grid lines
        printed.page_setup.orientation = "landscape"
        printed.page_setup.fitToWidth = 1
        printed.page_setup.fitToHeight = 0
        printed.sheet_properties.pageSetUpPr.fitToPage = True
        printed.print_options.gridLines = True
    sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

