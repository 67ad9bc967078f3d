"""Headless Chromium from the system packages: the report's PDF (print-to-PDF) and screenshots.

Debian: ``apt-get install chromium fonts-noto-cjk``. Chromium runs with a
throw-away profile, no network services, no sandbox (it runs as root in
containers) and no GPU; the page it opens is a local file that loads nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from hive.errors import Conflict, WriteFailed
from hive.i18n import _

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--disable-dev-shm-usage",
)


def find() -> str | None:
    """The Chromium program: ``$HIVE_CHROMIUM``, else the first of :data:`NAMES` on the PATH; None when absent."""
    chosen = os.environ.get("HIVE_CHROMIUM")
    if chosen:
        return shutil.which(chosen)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def cjk_font_installed() -> bool | None:
    """Whether fontconfig knows a Chinese font (None when fc-list is not there to ask)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    result = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30)
    return bool(result.stdout.strip())


def _require() -> str:
    program = find()
    if program is None:
        raise Conflict(
            _(
                "a PDF needs Chromium (apt-get install chromium fonts-noto-cjk); "
                "or write the report as .html and print it to PDF from a browser"
            )
        )
    return program


def _run(program: str, args: list[str], page: Path, profile: str) -> None:
    command = [program, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
    try:
        result = subprocess.run(command, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise WriteFailed(_("Chromium did not finish within {seconds} seconds").format(seconds=TIMEOUT)) from None
    if result.returncode != 0:
        raise WriteFailed(_("Chromium failed (exit code {code})").format(code=result.returncode))


def pdf(html: str, *, chinese: bool) -> bytes:
    """``html`` printed to PDF (A4, the page's own print CSS, no header or footer lines)."""
    program = _require()
    if chinese and cjk_font_installed() is False:
        raise Conflict(
            _("no Chinese font is installed for Chromium (apt-get install fonts-noto-cjk); the PDF would show boxes")
        )
    with tempfile.TemporaryDirectory(prefix="hive-report-") as folder:
        page, out = Path(folder) / "report.html", Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        _run(program, ["--no-pdf-header-footer", f"--print-to-pdf={out}"], page, str(Path(folder) / "profile"))
        if not out.exists() or out.stat().st_size == 0:
            raise WriteFailed(_("Chromium wrote no PDF"))
        return out.read_bytes()


def screenshot(html: str, *, width: int = 900, height: int = 1270) -> bytes:
    """A PNG of the top ``width`` × ``height`` pixels of ``html`` as shown on a screen."""
    program = _require()
    with tempfile.TemporaryDirectory(prefix="hive-report-") as folder:
        page, out = Path(folder) / "report.html", Path(folder) / "shot.png"
        page.write_text(html, encoding="utf-8")
        _run(program, [f"--screenshot={out}", f"--window-size={width},{height}"], page, str(Path(folder) / "profile"))
        if not out.exists():
            raise WriteFailed(_("Chromium made no screenshot"))
        return out.read_bytes()
