"""Reading the sheets people really have: .xlsx, and CSV as Excel and WPS save it on a Chinese PC.

The kind of a file is read from its bytes, not guessed from its name: an
``.xlsx`` workbook (a zip), CSV text in UTF-8 (with or without BOM),
GB18030 (which includes GBK and GB2312: what "CSV" means in Excel on a
Chinese Windows) or UTF-16 (Excel's "Unicode text"). A name that says
otherwise gets a note; an old binary ``.xls`` is refused with what to do.

Rows are streamed (:func:`open_sheet` yields them one by one), so a file
of a million rows is never held in memory as a whole.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from hive.errors import InvalidInput
from hive.frozen import frozen
from hive.i18n import _

XLSX, CSV = "xlsx", "csv"
_SAMPLE = 1 << 16


@frozen
class Sheet:
    """An open sheet: its name (a workbook's sheet, or the file's name), header row and rows still to read."""

    path: Path
    kind: str
    name: str
    header: list[Any]
    header_row: int
    rows: Iterator[tuple[int, list[Any]]]  # (row number as a spreadsheet shows it, cells)
    encoding: str | None = None
    notes: list[str] = attrs.field(factory=list)
    size: int | None = None  # rows in the sheet, when known beforehand (progress)


def detect(path: Path) -> tuple[str, str | None, list[str]]:
    """The kind of ``path`` from its bytes (xlsx or csv), the text encoding of a CSV, notes on a misleading name."""
    try:
        with path.open("rb") as handle:
            sample = handle.read(_SAMPLE)
    except FileNotFoundError:
        raise InvalidInput(_("{file} does not exist").format(file=path)) from None
    except IsADirectoryError:
        raise InvalidInput(_("{file} is a folder, not a spreadsheet").format(file=path)) from None
    except OSError as exc:
        raise InvalidInput(_("cannot read {file}: {problem}").format(file=path, problem=exc.strerror)) from None
    suffix = path.suffix.lower()
    notes: list[str] = []
    if sample.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvalidInput(
            _("{file} is an old Excel 97-2003 workbook (.xls); open it and save it as .xlsx or CSV").format(
                file=path.name
            )
        )
    if sample.startswith(b"PK\x03\x04"):
        if suffix not in (".xlsx", ".xlsm"):
            notes.append(_("note: {file} is an Excel workbook (.xlsx) although its name ends in '{suffix}'; read as a workbook").format(file=path.name, suffix=suffix or "-"))
        return XLSX, None, notes
    if not sample.strip():
        raise InvalidInput(_("{file} is empty: expected a header row").format(file=path.name))
    encoding = _encoding(sample)
    if encoding is None:
        raise InvalidInput(
            _("{file} is neither an .xlsx workbook nor CSV text in UTF-8, GBK or UTF-16").format(file=path.name)
        )
    if suffix in (".xlsx", ".xlsm", ".xls"):
        notes.append(_("note: {file} is CSV text although its name ends in '{suffix}'; read as CSV").format(file=path.name, suffix=suffix))
    return CSV, encoding, notes


def _encoding(sample: bytes) -> str | None:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    even, odd = sample[0::2], sample[1::2]
    if len(sample) >= 4 and odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if len(sample) >= 4 and even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    if b"\x00" in sample:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=len(sample) < _SAMPLE)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


@contextmanager
def open_sheet(path: Path | str, sheet: str | None = None) -> Iterator[Sheet]:
    """The sheet of ``path`` (a workbook's sheet ``sheet`` or its first), its header the first non-empty row."""
    path = Path(path)
    kind, encoding, notes = detect(path)
    if kind == XLSX:
        with _xlsx(path, sheet, notes) as found:
            yield found
    else:
        if sheet:
            notes.append(_("note: --sheet is for .xlsx workbooks; {file} is CSV with one sheet").format(file=path.name))
        with _csv(path, encoding, notes) as found:
            yield found


def _blank(cells: tuple[Any, ...] | list[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _header(path: Path, name: str, numbered: Iterator[tuple[int, list[Any]]]) -> tuple[int, list[Any]]:
    for number, cells in numbered:
        if not _blank(cells):
            return number, list(cells)
    raise InvalidInput(_("{file}: sheet '{sheet}' is empty: expected a header row").format(file=path.name, sheet=name))


@contextmanager
def _xlsx(path: Path, wanted: str | None, notes: list[str]) -> Iterator[Sheet]:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    handle = path.open("rb")  # a file, not a name: openpyxl would refuse a workbook named .csv
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        handle.close()
        raise InvalidInput(
            _("{file} is not a readable .xlsx workbook: {problem}").format(file=path.name, problem=exc)
        ) from None
    try:
        if wanted:
            if wanted not in book.sheetnames:
                raise InvalidInput(
                    _("{file} has no sheet '{sheet}'; its sheets: {sheets}").format(
                        file=path.name, sheet=wanted, sheets=", ".join(book.sheetnames)
                    )
                )
            sheet = book[wanted]
        else:
            sheet = book.worksheets[0]
        numbered = (
            (number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        header_row, header = _header(path, sheet.title, numbered)
        rows = ((n, c) for n, c in numbered if not _blank(c))
        size = sheet.max_row if isinstance(sheet.max_row, int) else None
        yield Sheet(path, XLSX, sheet.title, header, header_row, rows, None, notes, size)
    finally:
        book.close()
        handle.close()


@contextmanager
def _csv(path: Path, encoding: str, notes: list[str]) -> Iterator[Sheet]:
    handle = path.open(encoding=encoding, newline="")
    try:
        sample = handle.read(_SAMPLE)
        handle.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0] or sample, delimiters=",\t;")
            delimiter = dialect.delimiter
        except csv.Error:
            delimiter = ","
        reader = csv.reader(handle, delimiter=delimiter)
        numbered = _numbered(path, reader, encoding)
        header_row, header = _header(path, path.name, numbered)
        rows = ((n, c) for n, c in numbered if not _blank(c))
        yield Sheet(path, CSV, path.name, header, header_row, rows, encoding, notes, None)
    except UnicodeDecodeError:
        raise InvalidInput(_unreadable(path, encoding, 1)) from None
    finally:
        handle.close()


def _unreadable(path: Path, encoding: str, row: int) -> str:
    return _("{file}, row {row}: not {encoding} text like the rows before it; save the file again as CSV").format(
        file=path.name, row=row, encoding=encoding.upper().replace("-SIG", "")
    )


def _numbered(path: Path, reader: Any, encoding: str) -> Iterator[tuple[int, list[Any]]]:
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise InvalidInput(_unreadable(path, encoding, number + 1)) from None
        except csv.Error as exc:
            raise InvalidInput(
                _("{file}, row {row}: not readable as CSV: {problem}").format(file=path.name, row=number + 1, problem=exc)
            ) from None
        number += 1
        yield number, cells
