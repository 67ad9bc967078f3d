"""Writing a report to a file: .html, .xlsx or .pdf, atomically, never onto the center."""

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


def write(report: Report, path: Path, fmt: str, *, center: Path | None = None) -> Path:
    """Write ``report`` to ``path`` through hive's one output door (:func:`hive.outputs.write_output`).

    ``center`` is the center file it was made from: the report never lands on it
    (nor on its lock or backups) and is never more readable than it.
    """
    from hive.outputs import write_output

    return write_output(path, render(report, fmt), center=center)
