"""The report's figures on a center built by hand, where every figure is known: a month, a quarter, a year."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.report.conftest import value


@pytest.fixture
def center(hive):
    """Three organizations with a little history in 2026; today is 2026-06-30 (tests/conftest.py)."""
    hive.enable("volunteer")
    a = hive.org("读书会", members=3, backbones=1, joined="2026-01-10")
    b = hive.org("舞蹈队", members=1, joined="2026-04-05")
    c = hive.org("太极队", members=1, joined="2025-12-01")
    hive.ok(
        "record",
        "training",
        a,
        "--date",
        "2026-02-10",
        "--hours",
        "4",
        "--topic",
        "章程",
        "--attendee",
        "读书会成员1",
        "--attendee",
        "读书会成员2",
    )
    hive.ok(
        "record", "training", a, "--date", "2026-05-03", "--hours", "3", "--topic", "财务", "--attendee", "读书会成员1"
    )
    hive.ok(
        "record", "training", b, "--date", "2026-05-20", "--hours", "2", "--topic", "排练", "--attendee", "舞蹈队成员1"
    )
    hive.ok("advance", a, "--to", "backbone_training", "--force", "--reason", "x", "--date", "2026-03-01")
    hive.ok("advance", a, "--to", "registration", "--force", "--reason", "x", "--date", "2026-05-15")
    hive.ok("record", "registration", a, "--filing-no", "福备-0516", "--date", "2026-05-16")
    hive.ok("suspend", c, "--reason", "停办", "--date", "2026-05-10")
    hive.ok("reinstate", c, "--reason", "恢复", "--date", "2026-06-01")
    hive.ok("dissolve", b, "--reason", "解散", "--date", "2026-06-20")
    hive.ok("volunteer", "add", "读书会成员1")
    hive.ok("volunteer", "add", "读书会成员2")
    r1 = hive.new_id(
        "volunteer", "log", "读书会成员1", "--date", "2026-05-04", "--hours", "2", "--activity", "导读", "--org", a
    )
    r2 = hive.new_id(
        "volunteer", "log", "读书会成员2", "--date", "2026-05-20", "--hours", "3", "--activity", "整理图书"
    )
    hive.new_id("volunteer", "log", "读书会成员1", "--date", "2026-06-01", "--hours", "1.5", "--activity", "导读")
    r4 = hive.new_id("volunteer", "log", "读书会成员2", "--date", "2026-04-10", "--hours", "1", "--activity", "x")
    hive.ok("volunteer", "approve", r1, r2)
    hive.ok("volunteer", "reject", r4, "--reason", "重复")
    hive.ok("settings", "set", "volunteer.star_hours", "2,4.5")
    return {"a": a, "b": b, "c": c}


def report(hive, *args):
    return json.loads(hive.ok("report", *args, "--json"))


def test_a_month(hive, center):
    doc = report(hive, "--period", "2026-05")
    assert doc["period"] | {"title": None} == doc["period"] | {
        "code": "2026-05",
        "kind": "month",
        "from": "2026-05-01",
        "to": "2026-05-31",
        "title": None,
    }
    assert doc["provisional"] is False
    pipeline = doc["sections"]["pipeline"]["figures"]
    assert {k: (f["value"], f["previous"], f["year_to_date"]) for k, f in pipeline.items()} == {
        "organizations_start": (3, 2, None),
        "organizations_end": (3, 3, None),
        "suspended_end": (1, 0, None),
        "entered": (0, 1, 2),
        "moved_on": (1, 0, 2),
        "graduated": (0, 0, 0),
        "suspended": (1, 0, 1),
        "reinstated": (0, 0, 0),
        "dissolved": (0, 0, 0),
    }
    tables = doc["sections"]["pipeline"]["tables"]
    assert [(r["name"], r["from_stage"], r["to_stage"], r["date"]) for r in tables["moved_on"]["rows"]] == [
        ("读书会", "backbone_training", "registration", "2026-05-15")
    ]
    assert [r["name"] for r in tables["suspended"]["rows"]] == ["太极队"]
    stages = {r["stage"]: (r["start"], r["end"]) for r in tables["stages"]["rows"]}
    assert stages["intake"] == (2, 2) and stages["backbone_training"] == (1, 0) and stages["registration"] == (0, 1)
    trainings = doc["sections"]["trainings"]["figures"]
    assert {k: (f["value"], f["previous"], f["year_to_date"]) for k, f in trainings.items()} == {
        "sessions": (2, 0, 3),
        "hours": (5.0, 0, 9.0),
        "attendees": (2, 0, 3),
        "backbones_trained": (1, 0, 1),
    }
    assert value(doc, "registrations", "filed") == 1 and value(doc, "registrations", "registered") == 0
    assert doc["sections"]["registrations"]["tables"]["registrations"]["rows"][0]["filing_no"] == "福备-0516"
    volunteers = doc["sections"]["volunteers"]["figures"]
    assert (volunteers["person_times"]["value"], volunteers["approved_hours"]["value"]) == (2, 5.0)
    assert (volunteers["active"]["value"], volunteers["pending_records"]["value"]) == (2, 0)
    assert volunteers["approved_hours"]["previous"] == 0  # April's record was rejected
    assert (volunteers["stars_reached"]["value"], volunteers["stars_reached"]["previous"]) == (2, 0)
    stars = doc["sections"]["volunteers"]["tables"]["stars_reached"]["rows"]
    assert {(r["name"], r["stars_before"], r["stars"]) for r in stars} == {("读书会成员1", 0, 1), ("读书会成员2", 0, 1)}
    by_org = doc["sections"]["volunteers"]["tables"]["by_organization"]["rows"]
    assert {(r["name"], r["hours"]) for r in by_org} == {("读书会", 2.0), ("测试中心", 3.0)}


def test_a_quarter_not_over_is_provisional(hive, center):
    doc = report(hive, "--period", "2026年第2季度")
    assert (doc["period"]["code"], doc["provisional"]) == ("2026Q2", True)
    figures = doc["sections"]["pipeline"]["figures"]
    assert {k: figures[k]["value"] for k in ("entered", "moved_on", "suspended", "reinstated", "dissolved")} == {
        "entered": 1,
        "moved_on": 1,
        "suspended": 1,
        "reinstated": 1,
        "dissolved": 1,
    }
    assert figures["organizations_end"]["value"] == 2  # the dance troupe is dissolved
    assert [r["name"] for r in doc["sections"]["pipeline"]["tables"]["entered"]["rows"]] == ["舞蹈队"]
    assert value(doc, "volunteers", "pending_hours") == 1.5
    assert "provisional" in hive.ok("report", "--period", "2026Q2").splitlines()[0]


def test_a_year(hive, center):
    doc = report(hive, "--period", "2026")
    assert value(doc, "pipeline", "entered") == 2
    assert doc["sections"]["pipeline"]["figures"]["entered"]["previous"] == 1  # 太极队, December 2025
    assert value(doc, "trainings", "sessions") == 3 and value(doc, "trainings", "hours") == 9.0
    assert value(doc, "volunteers", "registered") == 2 and value(doc, "volunteers", "new") == 2


def test_from_to_and_the_default_period(hive, center):
    doc = report(hive, "--from", "2026年5月1日", "--to", "2026-05-31")
    assert doc["period"]["code"] == "2026-05"  # a whole month is named as one
    assert report(hive)["period"]["code"] == "2026-05"  # the last month that has ended (today is 2026-06-30)
    doc = report(hive, "--from", "2026-05-10", "--to", "2026-05-20")
    assert doc["period"]["kind"] == "span" and value(doc, "pipeline", "moved_on") == 1
    assert doc["period"]["previous"] == {"code": "2026-04-29..2026-05-09", "from": "2026-04-29", "to": "2026-05-09"}


@pytest.mark.parametrize(
    "args, words",
    [
        (("--period", "2026-07"), "has not begun"),
        (("--period", "2027"), "has not begun"),
        (("--period", "2026-13"), "--period"),
        (("--period", "2026-05", "--from", "2026-05-01"), "not both"),
        (("--to", "2026-05-01"), "--from"),
        (("--from", "2026-05-31", "--to", "2026-05-01"), "after"),
        (("--period", "2026-05", "--out", "report.docx"), ".html, .xlsx or .pdf"),
    ],
)
def test_bad_periods_and_files_are_one_clear_line(hive, center, args, words):
    result = hive.fails("report", *args)
    assert words in result.stderr


def test_the_report_never_writes_onto_the_center(hive, center, tmp_path):
    link = tmp_path / "center.html"
    link.symlink_to(hive.db)
    result = hive.fails("report", "--period", "2026-05", "--out", str(link))
    assert "center file" in result.stderr
    result = hive.fails("report", "--period", "2026-05", "--out", str(tmp_path / "missing" / "may.html"))
    assert "does not exist" in result.stderr


def test_the_workbook_has_numbers_and_a_cover_to_sign(hive, center, tmp_path):
    out = tmp_path / "may.xlsx"
    hive.ok("--lang", "zh_CN", "report", "--period", "2026-05", "--out", str(out))
    book = openpyxl.load_workbook(out)
    cover = book.worksheets[0]
    labels = [row[0] for row in cover.iter_rows(values_only=True) if row and row[0]]
    for field in ("填报人", "审核人/负责人", "填报日期", "单位盖章"):
        assert field in labels
        row = next(r for r in cover.iter_rows(values_only=True) if r[0] == field)
        assert row[1] is None  # left blank to be signed
    assert "测试中心" in str(cover["A1"].value) and "2026年5月" in str(cover["A1"].value)
    assert len(book.worksheets) == 1 + len(report(hive, "--period", "2026-05")["sections"])
    pipeline = book.worksheets[1]
    assert pipeline.title == "孵化进程"
    rows = list(pipeline.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "指标")
    assert header[:4] == ("指标", "本期", "上期", "本年累计")
    moved = next(r for r in rows if r[0] == "进入下一阶段")
    assert moved[1:4] == (1, 0, 2) and all(isinstance(v, int) for v in moved[1:4])
    hours = next(r for r in book["培训"].iter_rows(values_only=True) if r[0] == "培训时长")
    assert hours[1] == 5 and isinstance(hours[1], float | int)


def test_the_page_is_self_contained_and_signed_off(hive, center, tmp_path):
    out = tmp_path / "may.html"
    hive.ok("--lang", "zh_CN", "report", "--period", "2026-05", "--out", str(out))
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page and "@import" not in page and "url(" not in page
    for field in ("填报人", "审核人/负责人", "填报日期", "单位盖章"):
        assert field in page
    assert page.index("单位盖章") > page.index("孵化进程")  # the sign-off closes the report
    assert page.count("<svg") >= 2  # organizations by stage, hours by month
    assert "page-break-before: always" in page and "@page { size: A4" in page
    en = tmp_path / "may-en.html"
    hive.ok("report", "--period", "2026-05", "--out", str(en))
    assert "Incubation pipeline" in en.read_text(encoding="utf-8") and "Seal of the unit" in en.read_text(
        encoding="utf-8"
    )


def test_void_records_never_count(hive, center):
    training = hive.new_id(
        "record",
        "training",
        center["a"],
        "--date",
        "2026-05-25",
        "--hours",
        "6",
        "--topic",
        "录错了",
        "--attendee",
        "读书会成员3",
    )
    service = hive.new_id(
        "volunteer", "log", "读书会成员1", "--date", "2026-05-26", "--hours", "4", "--activity", "录错了"
    )
    hive.ok("volunteer", "approve", service)
    counted = report(hive, "--period", "2026-05")
    assert value(counted, "trainings", "sessions") == 3 and value(counted, "volunteers", "approved_hours") == 9.0
    hive.ok("void", training, service, "--reason", "录错")
    doc = report(hive, "--period", "2026-05")
    assert (value(doc, "trainings", "sessions"), value(doc, "trainings", "hours")) == (2, 5.0)
    assert (value(doc, "volunteers", "person_times"), value(doc, "volunteers", "approved_hours")) == (2, 5.0)
    assert training not in {row["id"] for row in doc["sections"]["trainings"]["tables"]["sessions"]["rows"]}
