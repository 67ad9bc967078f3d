"""Reports: pick a period, see the report, open its print page, download it as .html, .xlsx or .pdf.

The same functions as ``hive report``: :func:`hive.report.choose_period`,
:func:`hive.report.build_report`, :func:`hive.report.page.render` (the
print page) and :func:`hive.report.files.render` (the file's bytes). The
PDF, printed by Chromium, is made after the page's turn with the center is
over, so a slow print never holds up other pages.
"""

from __future__ import annotations

import base64
import hashlib
import re

from hive import i18n
from hive.errors import HiveError
from hive.i18n import _
from hive.web.extend import WebPage
from hive.web.request import WebRequest

_MEDIA = {
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _asked(request: WebRequest) -> dict[str, str]:
    return {k: request.query.get(k, "").strip() for k in ("period", "from", "to")}


def _report(request: WebRequest):
    from hive import report as reports

    asked = _asked(request)
    ledger = request.ledger
    chosen = reports.choose_period(asked["period"] or None, asked["from"] or None, asked["to"] or None, ledger.today)
    return reports.build_report(ledger, request.plugins, chosen)


def _query(asked: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in asked.items() if v})


def reports_page(request: WebRequest):
    from hive.report.svg import bar_chart

    asked = _asked(request)
    error, built, charts = "", None, {}
    status = 200
    try:
        built = _report(request)
    except HiveError as exc:
        error, status = str(exc), request.status_for(exc)
    if built is not None:
        # The report's own charts (SVG made and escaped by hive.report.svg), keyed by section and chart.
        from markupsafe import Markup

        charts = {(s.key, c.key): Markup(bar_chart(c)) for s in built.sections for c in s.charts}
    return request.render(
        "reports.html",
        status=status,
        report=built,
        charts=charts,
        asked=asked,
        query=_query(asked),
        error=error,
    )


def _style_hash() -> str:
    from hive.report.page import STYLE

    digest = hashlib.sha256(STYLE.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def print_page(request: WebRequest):
    """The report's own print-ready page, exactly as ``hive report --out FILE.html`` writes it."""
    from starlette.responses import HTMLResponse

    from hive.report import page

    built = _report(request)
    policy = f"default-src 'self'; style-src {_style_hash()}; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
    return HTMLResponse(page.render(built), headers={"content-security-policy": policy})


class _Later:
    """An answer whose bytes are made when it is sent, off the page's turn (Chromium printing a PDF)."""

    def __init__(self, make, media_type: str, filename: str):
        self.make, self.media_type, self.filename = make, media_type, filename

    async def __call__(self, scope, receive, send):
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import PlainTextResponse, Response

        try:
            body = await run_in_threadpool(self.make)
            answer = Response(
                body, media_type=self.media_type,
                headers={"content-disposition": f'attachment; filename="{self.filename}"'},
            )
        except HiveError as exc:
            answer = PlainTextResponse(str(exc), status_code=500)
        await answer(scope, receive, send)


def download(request: WebRequest):
    """The report as a file: ``?format=html|xlsx|pdf`` with the period asked for (``hive report --out``)."""
    from hive.errors import InvalidInput
    from hive.report import files

    fmt = request.query.get("format", "html")
    if fmt not in _MEDIA:
        raise InvalidInput(_("invalid format '{format}': expected html, xlsx or pdf").format(format=fmt[:10]))
    built = _report(request)
    name = "report-" + re.sub(r"[^0-9A-Za-z.-]+", "_", built.period.code) + "." + fmt
    if fmt == "pdf":
        from hive.report import browser

        if browser.find() is None:
            browser.pdf("", chinese=False)  # raises the one line that says what to install
        lang = i18n.language()

        def make() -> bytes:
            with i18n.speaking(lang):
                return files.render(built, fmt)

        return _Later(make, _MEDIA[fmt], name)
    from starlette.responses import Response

    return Response(
        files.render(built, fmt), media_type=_MEDIA[fmt],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


PAGES = [
    WebPage("/reports", reports_page, name="reports"),
    WebPage("/reports/print", print_page, name="reports_print"),
    WebPage("/reports/file", download, name="reports_file"),
]
