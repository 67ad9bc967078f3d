"""District roll-up: one row per center, a total, and who recorded activity in the period."""

from __future__ import annotations

import csv
import io
import json

import pytest

from hive.testing import HiveRunner

PERIOD = "2026-06"  # the tests' today is 2026-06-30


def _build(hive: HiveRunner) -> None:
    org = hive.new_id("org", "add", "阅翼成长阅读俱乐部", "--joined", "2026-06-02")
    hive.ok("record", "training", org, "--date", "2026-06-10", "--hours", "2", "--topic", "骨干培训")
    hive.ok("record", "training", org, "--date", "2026-05-10", "--hours", "3", "--topic", "上月培训")


def test_a_server_district_report(district, tmp_path):
    from hive.district import centers

    street = f"粤海街道{district._new_code()}"
    a = district.center("海珠中心", district=f"南山区{street}")
    b = district.center("粤海中心", district=f"南山区{street}")
    _build(a)
    report = HiveRunner(district.url).json("district", "report", "--period", PERIOD, "--street", street)
    rows = {r["code"]: r for r in report["centers"]}
    assert set(rows) == {a.center, b.center}
    assert rows[a.center]["figures"]["organizations"] == 1
    assert rows[a.center]["figures"]["organizations.intake"] == 1
    assert rows[a.center]["figures"]["trainings"] == 1
    assert rows[a.center]["figures"]["training_hours"] == 2
    assert rows[b.center]["figures"]["organizations"] == 0
    assert report["total"]["trainings"] == 1 and report["total"]["organizations"] == 1
    # A recorded an organization and a training dated in June; B nothing dated then
    assert report["completeness"]["reported"] == [a.center]
    assert report["completeness"]["not_reported"] == [b.center]
    assert report["completeness"]["rate"] == 0.5
    earlier = HiveRunner(district.url).json("district", "report", "--period", "2026年5月", "--street", street)
    assert earlier["completeness"]["reported"] == [a.center] and earlier["total"]["trainings"] == 1
    assert earlier["total"]["training_hours"] == 3
    assert {a.center, b.center} <= {c.code for c in centers(district.url)}


def test_a_folder_of_center_files_is_a_district(tmp_path):
    folder = tmp_path / "district"
    folder.mkdir()
    for code in ("A01", "B02", "C03"):
        hive = HiveRunner(folder / f"{code}.json")
        hive.ok("init", f"中心{code}", "--district", "南山区粤海街道")
        if code != "C03":
            _build(hive)
    (folder / "notes.json").write_text("{}")  # not a center: left out
    runner = HiveRunner(folder)
    listed = runner.json("district", "centers")
    assert [c["code"] for c in listed] == ["A01", "B02", "C03"]
    report = runner.json("district", "report", "--period", PERIOD)
    assert report["total"]["trainings"] == 2 and report["total"]["organizations"] == 2
    assert report["completeness"] == {
        "centers": 3,
        "reported": ["A01", "B02"],
        "not_reported": ["C03"],
        "rate": 0.6667,
    }
    text = runner.ok("district", "report", "--period", PERIOD)
    assert "2 of 3 centers recorded activity; not yet: C03" in text
    out = tmp_path / "report.csv"
    runner.ok("district", "report", "--period", PERIOD, "--out", str(out))
    table = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row[0] for row in table[1:]] == ["A01", "B02", "C03", "total"]
    page = tmp_path / "report.html"
    runner.ok("district", "report", "--period", PERIOD, "--out", str(page))
    assert "<table>" in page.read_text(encoding="utf-8")
    saved = tmp_path / "report.json"
    runner.ok("district", "report", "--period", PERIOD, "--out", str(saved))
    assert json.loads(saved.read_text(encoding="utf-8")) == report


def test_bad_period_and_not_a_district(tmp_path):
    runner = HiveRunner(tmp_path)
    result = runner.fails("district", "report", "--period", "2026-13")
    assert "invalid --period '2026-13'" in result.stderr
    runner = HiveRunner(tmp_path / "x.json")
    result = runner.fails("district", "centers")
    assert "a district is a server" in result.stderr


def test_the_roll_up_sums_the_report_sections_of_every_plugin(tmp_path):
    folder = tmp_path / "district"
    folder.mkdir()
    demo = HiveRunner(folder / "A01.json")
    demo.ok("demo", "--db", str(folder / "A01.json"))  # every bundled plugin enabled, with records
    (folder / "B02.json").write_bytes((folder / "A01.json").read_bytes())
    one = demo.json("report", "--period", PERIOD)
    report = HiveRunner(folder).json("district", "report", "--period", PERIOD)
    hours = report["centers"][0]["figures"]["volunteers.approved_hours"]
    assert hours > 0 and report["total"]["volunteers.approved_hours"] == 2 * hours
    assert hours == one["sections"]["volunteers"]["figures"]["approved_hours"]["value"]  # as hive report says
    rate = report["centers"][0]["figures"]["party.coverage_rate"]
    assert report["total"]["party.coverage_rate"] == rate  # a rate is the centers' mean, not a sum
    assert report["completeness"]["reported"] == ["A01", "B02"]


def _report_figures(one: dict) -> dict[str, float]:
    """Every figure of a ``hive report --json``, keyed ``<section>.<figure>``."""
    return {
        f"{key}.{figure}": found["value"]
        for key, section in one["sections"].items()
        for figure, found in section["figures"].items()
    }


def _approved(demo: HiveRunner, period: str) -> str:
    """The id of an approved service record of the period."""
    found = demo.json("list", "volunteer_records", "--from", period, "--to", period)
    return next(r["id"] for r in found if r["status"] == "approved")


def _agree(row: dict, one: dict) -> int:
    """Each district figure keyed after a report figure has that figure's value; returns how many were compared."""
    figures = _report_figures(one)
    shared = [key for key in row["figures"] if key in figures]
    assert {k: row["figures"][k] for k in shared} == {k: figures[k] for k in shared}
    return len(shared)


@pytest.mark.parametrize("period", ["2026-06", "2026Q2", "2025"])
def test_every_district_figure_is_the_report_figure_of_the_same_key(tmp_path, period):
    """Over a folder of files (the stored documents counted as they are) and on a server (SQL)."""
    folder = tmp_path / "district"
    folder.mkdir()
    demo = HiveRunner(folder / "A01.json")
    demo.ok("demo", "--db", str(folder / "A01.json"))
    demo.ok("void", _approved(demo, period), "--reason", "录错了")  # a void record never counts, in either
    one = demo.json("report", "--period", period)
    row = HiveRunner(folder).json("district", "report", "--period", period)["centers"][0]
    assert _agree(row, one) >= 30
    assert row["figures"]["trainings"] == one["sections"]["trainings"]["figures"]["sessions"]["value"]
    assert row["figures"]["organizations.new"] == one["sections"]["pipeline"]["figures"]["entered"]["value"]


def test_the_server_computes_the_same_figures(district, tmp_path):
    from hive.testing import HiveRunner as Runner

    path = tmp_path / "demo.json"
    demo = Runner(path)
    demo.ok("demo", "--db", str(path))
    demo.ok("void", _approved(demo, PERIOD), "--reason", "录错了")
    code = district._new_code()
    demo.ok("copy", str(path), district.url, "--center", code)
    for period in (PERIOD, "2026Q1", "2025"):
        one = demo.json("report", "--period", period)
        report = Runner(district.url).json("district", "report", "--period", period)
        row = next(r for r in report["centers"] if r["code"] == code)
        assert _agree(row, one) >= 30
        assert row["reported"] is True
        files = HiveRunner(tmp_path).json("district", "report", "--period", period)["centers"]
        assert next(r for r in files if r["code"] == "demo")["figures"] == row["figures"]


def test_the_district_workbook(tmp_path):
    import openpyxl

    folder = tmp_path / "district"
    folder.mkdir()
    for code in ("A01", "B02"):
        hive = HiveRunner(folder / f"{code}.json")
        hive.ok("init", f"中心{code}", "--district", "南山区粤海街道")
        if code == "A01":
            _build(hive)
    out = tmp_path / "district.xlsx"
    HiveRunner(folder).ok("district", "report", "--period", PERIOD, "--out", str(out))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Cover", "Centers", "Not reported"]
    cover = {row[0]: row[1] for row in book["Cover"].iter_rows(values_only=True) if row and row[0]}
    assert cover["period"] == PERIOD and cover["centers"] == 2 and cover["reporting rate"] == 0.5
    assert {"Prepared by", "Reviewed by / person in charge", "Date filed", "Seal of the unit"} <= set(cover)
    rows = list(book["Centers"].iter_rows(values_only=True))
    header = rows[0]
    trainings = header.index("trainings in the period")
    assert [r[0] for r in rows[1:]] == ["A01", "B02", "total"]
    assert rows[1][trainings] == 1 and isinstance(rows[1][trainings], int)  # a number, not text
    assert rows[3][header.index("training hours in the period")] == 2
    assert [r[0] for r in book["Not reported"].iter_rows(values_only=True)][1:] == ["B02"]


def test_a_period_not_begun_is_refused_before_any_center_is_read(tmp_path):
    result = HiveRunner(tmp_path).fails("district", "report", "--period", "2027")
    assert "has not begun yet" in result.stderr
