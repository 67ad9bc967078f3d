"""The district report as a file: JSON, CSV (for a spreadsheet) or an HTML page to print."""

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
    raise InvalidInput(_("--out {path}: the file must end in .json, .csv or .html").format(path=path))


def write(path: Path, document: dict[str, Any]) -> None:
    write_atomically(path, render(path, document))
