"""The reports page: a period, the report on the page, its print page and files, as hive report makes them."""

from __future__ import annotations

import io
import re


def test_the_page_shows_the_report_of_the_period_asked_for(web, center):
    from markupsafe import escape

    viewer = web("vic")  # reading a report needs no write
    page = viewer.get("/reports?period=2026-05")
    assert page.status_code == 200
    cli = center.json("report", "--period", "2026-05")
    for section in cli["sections"].values():
        assert escape(section["title"]) in page.text
        for figure in section["figures"].values():
            assert escape(figure["label"]) in page.text
    assert 'href="/reports/file?period=2026-05&amp;format=xlsx"' in page.text


def test_without_a_period_the_last_month_that_has_ended(web, center):
    page = web("vic").get("/reports")
    assert page.status_code == 200
    assert center.json("report")["period"]["title"] in page.text


def test_a_bad_period_is_one_line(web):
    page = web("vic").get("/reports?period=2026-13")
    assert page.status_code == 400
    assert len(re.findall(r'class="error"', page.text)) == 1
    assert "2026-13" in page.text
    assert web("vic").get("/reports?period=2026-05&from=2026-01-01").status_code == 400


def test_the_print_page_and_the_files_are_hive_reports_own(web, center, tmp_path):
    import openpyxl

    viewer = web("vic")
    printed = viewer.get("/reports/print?period=2026Q2")
    assert printed.status_code == 200
    center.ok("report", "--period", "2026Q2", "--out", str(tmp_path / "r.html"))
    assert printed.text == (tmp_path / "r.html").read_text(encoding="utf-8")
    # The page's own style sheet is allowed by its hash, nothing else inline.
    policy = printed.headers["content-security-policy"]
    assert "'sha256-" in policy and "unsafe-inline" not in policy
    html = viewer.get("/reports/file?period=2026Q2&format=html")
    assert html.headers["content-disposition"] == 'attachment; filename="report-2026Q2.html"'
    workbook = viewer.get("/reports/file?period=2026Q2&format=xlsx")
    assert workbook.status_code == 200
    center.ok("report", "--period", "2026Q2", "--out", str(tmp_path / "r.xlsx"))
    mine = openpyxl.load_workbook(io.BytesIO(workbook.content))
    theirs = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert mine.sheetnames == theirs.sheetnames
    for name in mine.sheetnames:
        assert [[c.value for c in r] for r in mine[name].iter_rows()] == [
            [c.value for c in r] for r in theirs[name].iter_rows()
        ]
    assert viewer.get("/reports/file?period=2026Q2&format=doc").status_code == 400


def test_a_pdf_is_printed_by_chromium(web):
    import pytest

    from hive.report import browser

    if browser.find() is None:
        pytest.skip("no Chromium")
    pdf = web("vic").get("/reports/file?period=2026-05&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"


def test_the_report_in_chinese(web):
    viewer = web("vic")
    viewer.client.post(
        "/language", data={"csrf": viewer.token, "lang": "zh_CN", "next": "/"}, headers={"Origin": "http://127.0.0.1:8470"}
    )
    page = viewer.get("/reports?period=2026-05")
    assert "报表" in page.text and "this period" not in page.text
