"""Writing a report to a file: .html, .xlsx or .pdf, through the store's one atomic write path."""

from __future__ import annotations

from pathlib import Path

from hive import i18n
from hive.report import Report


def render(report: Report, fmt: str) -> bytes:
    """The bytes of ``report`` as ``fmt`` (``html``, ``xlsx`` or ``pdf``), in the current language."""
    if fmt == "xlsx":
        from hive.report import workbook

        return workbook.render(report)
    from hive.report import page

    html = page.render(report)
    if fmt == "pdf":
        from hive.report import browser

        return browser.pdf(html, chinese=i18n.language() == "zh_CN")
    return html.encode("utf-8")


def write(report: Report, path: Path, fmt: str) -> None:
    from hive.store import write_atomically

    write_atomically(path, render(report, fmt))
