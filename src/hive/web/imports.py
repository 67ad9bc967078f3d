"""Imports: upload an ``.xlsx`` or ``.csv`` sheet, see every row with its problems, confirm, or fix and try again.

The pages call exactly what ``hive sheet import`` calls:
:func:`hive.sheets.importing.import_sheet` (first as a dry run on the
center as committed, then for real inside :meth:`WebRequest.writing`, all
rows or none), :func:`hive.sheets.importing.write_errors` for the copy of
the sheet with each row's problems, :func:`hive.sheets.writing.template_bytes`
for an empty template. The uploaded file waits in a private folder of the
server until it is imported or replaced; the session remembers which one.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hive.errors import HiveError, InvalidInput, NotFound
from hive.i18n import _
from hive.web.extend import WebPage
from hive.web.request import WebRequest

MAX_BYTES = 50 * 1024 * 1024  # larger sheets: ``hive sheet import`` on the command line
PREVIEW_ROWS = 200  # rows shown in the preview (every row with a problem is shown too, up to as many again)
SESSION_KEY = "import"
_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".tsv")  # .xls: the engine says how to save it anew


def _folder(site) -> Path:
    """The server's private folder for uploads (removed when the server stops)."""
    folder = getattr(site, "uploads", None)
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="hive-uploads-"))
        os.chmod(folder, 0o700)
        atexit.register(shutil.rmtree, folder, True)
        site.uploads = folder
    return folder


def _types(ledger) -> list:
    from hive.sheets.columns import sheet_types

    return sheet_types(ledger)


def _type(ledger, name: str):
    found = next((t for t in _types(ledger) if t.name == name), None)
    if found is None:
        raise NotFound(_("no record type '{table}'").format(table=name))
    return found


def _safe_name(name: str) -> str:
    """The uploaded file's own name, without folders (messages name it, the kind is read from its bytes)."""
    base = Path(name.replace("\\", "/")).name.strip() or "sheet.csv"
    if base.startswith("."):
        base = "sheet" + base
    return base[:120]


def _pending(request: WebRequest) -> tuple[dict, Path]:
    """The upload this session is working on, and where it waits; NotFound when there is none."""
    pending = request.raw.session.get(SESSION_KEY)
    folder = getattr(request.site, "uploads", None)
    if pending and folder is not None:
        path = Path(folder) / pending["token"] / pending["file"]
        if path.is_file():
            return pending, path
    raise NotFound(_("no sheet is waiting to be imported; upload it again"))


def _forget(request: WebRequest) -> None:
    pending = request.raw.session.pop(SESSION_KEY, None)
    folder = getattr(request.site, "uploads", None)
    if pending and folder is not None:
        shutil.rmtree(Path(folder) / pending["token"], ignore_errors=True)


def upload_page(request: WebRequest, *, error: str = "", status: int = 200, chosen: str = ""):
    ledger = request.ledger
    pending = request.raw.session.get(SESSION_KEY) or {}
    return request.render(
        "imports.html",
        status=status,
        types=_types(ledger),
        chosen=chosen or request.query.get("type", "") or pending.get("type", "people"),
        error=error,
        preview=None,
    )


def _preview(ledger, record_type, path: Path, sheet: str | None, result) -> dict[str, Any]:
    """The sheet's rows as shown: cells (personal ones masked), each cell's problems beside it, the row's others."""
    from hive.sheets import columns as cols
    from hive.sheets.reading import open_sheet
    from hive.views import masked

    bad: dict[int, list] = {}
    for problem in result.problems:
        bad.setdefault(problem.row, []).append(problem)
    last_bad = max(bad, default=0)
    rows: list[dict[str, Any]] = []
    shown_bad = 0
    with open_sheet(path, sheet) as found:
        columns, _unknown, _twice = cols.match_headers(record_type, found.header)
        headers = [cols.plain_header(h) for h in found.header]
        personal = {p for p, spec in columns.items() if spec.name in record_type.personal_fields}
        for number, cells in found.rows:
            problems = bad.get(number, [])
            full = len(rows) >= PREVIEW_ROWS
            if full and (number > last_bad or shown_bad >= PREVIEW_ROWS):
                break
            if full and not problems:
                continue
            shown_bad += bool(problems)
            row_cells = []
            for position in range(max(len(headers), len(cells))):
                raw = cells[position] if position < len(cells) else None
                text = _shown(raw)
                if position in personal and text:
                    text = masked(text)
                column = headers[position] if position < len(headers) else ""
                mine = [p.problem for p in problems if column and p.column == column]
                row_cells.append({"text": text, "problems": mine})
            columns_named = set(headers)
            others = [p.problem for p in problems if not p.column or p.column not in columns_named]
            rows.append({"number": number, "cells": row_cells, "others": others, "bad": bool(problems)})
        header_cells = [
            {"text": h, "field": columns[p].name if p in columns else "", "ignored": p not in columns}
            for p, h in enumerate(headers)
        ]
    return {
        "headers": header_cells,
        "rows": rows,
        "shown": len(rows),
        "bad_rows": len(bad),
        "hidden_bad": len(bad) - shown_bad,
    }


def _shown(raw: Any) -> str:
    """A cell as the spreadsheet shows it (a date without midnight, a whole number without ``.0``)."""
    import datetime as dt

    if raw is None:
        return ""
    if isinstance(raw, dt.datetime) and raw.time() == dt.time():
        return raw.date().isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _check(request: WebRequest, pending: dict, path: Path, *, status: int = 200, error: str = ""):
    """Run the import as a dry run on the center as committed and show the preview."""
    from hive.sheets.importing import import_sheet

    ledger = request.ledger
    record_type = _type(ledger, pending["type"])
    sheet = pending.get("sheet") or None
    try:
        result = import_sheet(ledger, record_type, path, sheet=sheet, dry_run=True)
    except InvalidInput as exc:  # a file hive cannot read, a missing column: one line, the upload dropped
        _forget(request)
        return upload_page(request, error=str(exc), status=400, chosen=record_type.name)
    preview = _preview(ledger, record_type, path, sheet, result)
    summary = ""
    if result.problems:
        summary = _("{file}: {count} of {rows} rows have problems; nothing was imported").format(
            file=pending["file"], count=preview["bad_rows"], rows=result.rows
        )
        status = max(status, 400)
    return request.render(
        "imports.html",
        status=status,
        types=_types(ledger),
        chosen=record_type.name,
        error=error,
        preview=preview,
        result=result,
        record_type=record_type,
        pending=pending,
        summary=summary,
    )


def upload(request: WebRequest):
    """Keep the uploaded sheet for this session and show what importing it would do."""
    ledger = request.ledger
    chosen = request.field("type")
    record_type = _type(ledger, chosen)
    given = request.form.get("file") if request.form is not None else None
    if given is None or isinstance(given, str) or not getattr(given, "filename", ""):
        return upload_page(request, error=_("choose a .xlsx or .csv file to upload"), status=400, chosen=chosen)
    name = _safe_name(given.filename)
    if not name.lower().endswith(_SUFFIXES):
        return upload_page(
            request,
            error=_("{file} is not a spreadsheet: upload a .xlsx or .csv file").format(file=name),
            status=400,
            chosen=chosen,
        )
    _forget(request)
    token = secrets.token_urlsafe(12)
    folder = _folder(request.site) / token
    folder.mkdir(mode=0o700)
    path = folder / name
    size = 0
    with path.open("wb") as out:
        given.file.seek(0)
        while chunk := given.file.read(1 << 20):
            size += len(chunk)
            if size > MAX_BYTES:
                break
            out.write(chunk)
    if size > MAX_BYTES:
        shutil.rmtree(folder, ignore_errors=True)
        return upload_page(
            request,
            error=_("{file} is larger than {mb} MB: import it with 'hive sheet import'").format(
                file=name, mb=MAX_BYTES >> 20
            ),
            status=400,
            chosen=chosen,
        )
    pending = {"token": token, "file": name, "type": record_type.name, "sheet": request.field("sheet").strip()}
    request.raw.session[SESSION_KEY] = pending
    return _check(request, pending, path)


def preview_page(request: WebRequest):
    """The preview of the waiting upload again (after a change elsewhere, say)."""
    try:
        pending, path = _pending(request)
    except NotFound:
        return upload_page(request)
    return _check(request, pending, path)


def confirm(request: WebRequest):
    """Import the waiting sheet for real: the same function as ``hive sheet import``, all rows or none."""
    from hive.sheets.importing import import_sheet

    pending, path = _pending(request)
    try:
        with request.writing() as ledger:
            record_type = _type(ledger, pending["type"])
            result = import_sheet(ledger, record_type, path, sheet=pending.get("sheet") or None)
    except HiveError as exc:
        return _check(request, pending, path, status=request.status_for(exc), error=str(exc))
    if result.problems:  # the center changed since the preview: nothing was written
        return _check(request, pending, path, status=409)
    _forget(request)
    message = _("{count} {records} added").format(count=len(result.added), records=record_type.records_title)
    if result.present:
        message += "; " + _("{count} rows already present").format(count=result.present)
    return request.redirect(f"/records/{record_type.name}", message)


def cancel(request: WebRequest):
    _forget(request)
    return request.redirect("/imports", _("the uploaded sheet was dropped; nothing was imported"))


def _download(path: Path, name: str, media: str, folder: Path | None = None):
    from starlette.background import BackgroundTask
    from starlette.responses import FileResponse

    task = BackgroundTask(shutil.rmtree, folder, True) if folder is not None else None
    return FileResponse(path, media_type=media, filename=name, background=task)


_MEDIA = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv; charset=utf-8",
}


def errors_download(request: WebRequest):
    """The waiting sheet with each bad row's problems in a last column (``hive sheet import --errors``)."""
    from hive.sheets.importing import import_sheet, write_errors
    from hive.sheets.writing import is_xlsx

    pending, path = _pending(request)
    ledger = request.ledger
    record_type = _type(ledger, pending["type"])
    sheet = pending.get("sheet") or None
    result = import_sheet(ledger, record_type, path, sheet=sheet, dry_run=True)
    if not result.problems:
        return request.redirect("/imports/preview", _("every row is good: nothing to fix"))
    suffix = ".xlsx" if is_xlsx(path) else ".csv"
    folder = Path(tempfile.mkdtemp(prefix="errors-", dir=_folder(request.site)))
    name = f"{Path(pending['file']).stem}-errors{suffix}"
    out = write_errors(path, result.problems, folder / name, sheet=sheet)
    return _download(out, name, _MEDIA[suffix], folder)


def template_download(request: WebRequest):
    """An empty .xlsx sheet of a record type to fill in (``hive sheet template``)."""
    from starlette.responses import Response

    from hive.sheets.writing import template_bytes

    record_type = _type(request.ledger, request.query.get("type", ""))
    payload = template_bytes(request.ledger, record_type)
    name = f"{record_type.name}-template.xlsx"
    return Response(
        payload, media_type=_MEDIA[".xlsx"], headers={"content-disposition": f'attachment; filename="{name}"'}
    )


PAGES = [
    WebPage("/imports", upload_page, role="staff", name="imports"),
    WebPage("/imports", upload, methods=("POST",), role="staff", name="imports_upload"),
    WebPage("/imports/preview", preview_page, role="staff", name="imports_preview"),
    WebPage("/imports/confirm", confirm, methods=("POST",), role="staff", name="imports_confirm"),
    WebPage("/imports/cancel", cancel, methods=("POST",), role="staff", name="imports_cancel"),
    WebPage("/imports/errors", errors_download, role="staff", name="imports_errors"),
    WebPage("/imports/template", template_download, role="staff", name="imports_template"),
]
