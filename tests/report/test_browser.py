"""The report as a real browser shows and prints it: headless Chromium from the system packages.

Each screenshot and each printed page (the PDF, turned into images with
pdftoppm) is checked to carry ink. Skipped only where Chromium is absent
locally; CI installs it with fonts-noto-cjk and poppler-utils (.ci/run).
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from hive.report import browser
from tests.report.pixels import ink

needs_chromium = pytest.mark.skipif(
    browser.find() is None and not os.environ.get("CI"), reason="Chromium is not installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def pages(demo_db, tmp_path_factory):
    """The demo center's November 2026 report as .html and .pdf, in English and in Chinese."""
    from hive.testing import HiveRunner

    out = tmp_path_factory.mktemp("pages")
    mp = pytest.MonkeyPatch()
    mp.setenv("HIVE_TODAY", "2026-12-02")
    try:
        runner = HiveRunner(demo_db)
        for lang in ("en", "zh_CN"):
            for suffix in ("html", "pdf") if browser.find() else ("html",):
                runner.ok("--lang", lang, "report", "--period", "2026-11", "--out", str(out / f"nov-{lang}.{suffix}"))
    finally:
        mp.undo()
    return out


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_page_renders_in_chromium(pages, lang):
    html = (pages / f"nov-{lang}.html").read_text(encoding="utf-8")
    shot = browser.screenshot(html, width=900, height=1200)
    assert 0.01 < ink(shot) < 0.6, "the screenshot is blank or a solid block"
    if lang == "zh_CN":
        assert "孵化进程" in html and "单位盖章" in html


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_printed_page_has_content(pages, lang, tmp_path):
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install poppler-utils (.ci/run)")
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    pdf = pages / f"nov-{lang}.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    images = sorted(tmp_path.glob("page-*.png"))
    sections = (pages / f"nov-{lang}.html").read_text(encoding="utf-8").count('<section class="part"')
    assert len(images) >= sections + 2  # the cover, a page at least per section, the sign-off
    for image in images:
        assert ink(image, step=1) > 0.002, f"{image.name} is blank"


@needs_chromium
def test_a_chinese_font_is_there_for_the_pdf():
    """Without one, Chromium draws Chinese as empty boxes; ``hive report --out F.pdf`` then refuses in Chinese."""
    assert browser.cjk_font_installed() is not False, "install fonts-noto-cjk"
