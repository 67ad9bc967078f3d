"""Evaluation rubrics and assessments: loading each file format, scoring from a sheet, bands and the criterion."""

from __future__ import annotations

import json

import pytest

ROWS = [  # code, parent, title, maximum, method
    ("1", "", "基础条件", "", ""),
    ("1.1", "1", "备案手续", "6", "查看回执"),
    ("1.2", "1", "章程", "4", "查阅章程"),
    ("2", "", "工作绩效", "10", ""),
    ("2.1", "2", "服务项目", "10", "查阅总结"),
]


def write_csv(path, rows=ROWS, encoding="gbk"):
    lines = ["编号,上级,指标,分值,评估方法"] + [",".join(r) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_xlsx(path, rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


@pytest.fixture
def small(hive, tmp_path):
    """A 20-point rubric loaded from a GBK CSV with Chinese headers; returns its name."""
    hive.ok("rubric", "load", write_csv(tmp_path / "毕业评估.csv"), "--bands", "优秀=18,合格=12")
    return "毕业评估"


def test_a_rubric_loads_from_each_file_format(hive, tmp_path):
    assert hive.new_id("rubric", "load", write_csv(tmp_path / "a.csv")).startswith("rb")
    write_xlsx(
        tmp_path / "b.xlsx",
        [
            ("code", "parent", "title", "maximum", "method"),
            *[(c, p or None, t, float(m) if m else None, me) for c, p, t, m, me in ROWS],
        ],
    )
    hive.ok("rubric", "load", tmp_path / "b.xlsx")
    (tmp_path / "c.json").write_text(
        json.dumps(
            {
                "name": "c",
                "title": "JSON 指标",
                "indicators": [
                    {"code": "1", "title": "基础", "children": [{"code": "1.1", "title": "章程", "maximum": 20}]}
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    hive.ok("rubric", "load", tmp_path / "c.json")
    hive.ok("rubric", "load", "--example")
    rows = {r["name"]: r for r in hive.json("rubric", "list")}
    assert set(rows) == {"a", "b", "c", "grading-example"}
    assert rows["a"]["maximum"] == rows["b"]["maximum"] == 20 and rows["a"]["scored"] == 3 and rows["a"]["levels"] == 2
    assert [b["minimum"] for b in rows["a"]["bands"]] == [18, 16, 14, 12, 10]  # 5A-1A at 90-50 %
    example = rows["grading-example"]
    assert example["example"] is True and example["maximum"] == 100
    assert [b["name"] for b in example["bands"]] == ["5A", "4A", "3A", "2A", "1A"]
    titles = [i["title"] for i in hive.json("rubric", "show", "grading-example")["indicators"] if i["level"] == 1]
    assert titles == ["基础条件", "党的建设", "内部治理", "工作绩效", "社会评价"]
    assert "(example)" in hive.ok("rubric", "list")


def test_a_bad_rubric_is_refused_naming_the_indicator(hive, tmp_path):
    bad = [*ROWS[:4], ("2.1", "2", "服务项目", "8", "")]  # 2 says 10, its indicators 8
    result = hive.fails("rubric", "load", write_csv(tmp_path / "x.csv", bad))
    assert "indicator 2: its maximum 10 is not the sum of its indicators' (8)" in result.stderr
    assert "parent 9" in hive.fails("rubric", "load", write_csv(tmp_path / "y.csv", [("1", "9", "a", "5", "")])).stderr
    deep = [
        ("1", "", "a", "", ""),
        ("2", "1", "b", "", ""),
        ("3", "2", "c", "", ""),
        ("4", "3", "d", "", ""),
        ("5", "4", "e", "5", ""),
    ]
    assert "more than 4 levels deep" in hive.fails("rubric", "load", write_csv(tmp_path / "z.csv", deep)).stderr
    (tmp_path / "w.yaml").write_text("indicators: [\n", encoding="utf-8")
    assert "not valid YAML" in hive.fails("rubric", "load", tmp_path / "w.yaml").stderr
    hive.ok("rubric", "load", write_csv(tmp_path / "v.csv"))
    assert "already exists" in hive.fails("rubric", "load", write_csv(tmp_path / "v.csv")).stderr


def test_an_assessment_from_the_command_line_totals_each_level(hive, club, small):
    aid = hive.new_id(
        "assess", club, "--rubric", small, "--score", "1.1=6/5", "--score", "1.2=4/4", "--score", "2.1=10/9",
        "--reason", "1.1=缺年检报告", "--reason", "2.1=总结不完整", "--assessor", "陈督导", "--assessor", "李社工",
        "--date", "2026年6月20日",
    )  # fmt: skip
    doc = hive.json("assess", "show", aid)
    assert (doc["total"], doc["self_total"], doc["maximum"], doc["band"]) == (18, 20, 20, "优秀")
    points = {i["code"]: (i["panel"], i["self"]) for i in doc["indicators"]}
    assert points == {"1": (9, 10), "1.1": (5, 6), "1.2": (4, 4), "2": (9, 10), "2.1": (9, 10)}
    assert doc["assessors"] == ["陈督导", "李社工"] and doc["date"] == "2026-06-20"
    assert "总结不完整" in hive.ok("assess", "show", aid)


def test_a_deduction_needs_a_reason_and_every_indicator_a_score(hive, club, small):
    args = ["assess", club, "--rubric", small, "--assessor", "陈督导"]
    result = hive.fails(*args, "--score", "1.1=5", "--score", "1.2=4", "--score", "2.1=10")
    assert "indicator 1.1: 1 points deducted without a reason" in result.stderr
    assert "no panel score for indicator(s) 2.1" in hive.fails(*args, "--score", "1.1=6", "--score", "1.2=4").stderr
    assert (
        "above its maximum 4" in hive.fails(*args, "--score", "1.1=6", "--score", "1.2=5", "--score", "2.1=10").stderr
    )
    assert (
        "assessors"
        in hive.fails(
            "assess", club, "--rubric", small, "--score", "1.1=6", "--score", "1.2=4", "--score", "2.1=10"
        ).stderr
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_assessment_from_a_filled_in_sheet(hive, club, small, tmp_path, kind):
    rows = [
        ("编号", "自评", "评审得分", "扣分原因"),
        ("1", "", "", ""),
        ("1.1", 6, 6, ""),
        ("1.2", 4, 2, "章程未备案"),
        ("2.1", 9, 4, "项目少"),
    ]
    if kind == "csv":
        sheet = tmp_path / "sheet.csv"
        sheet.write_text("\n".join(",".join(map(str, r)) for r in rows), encoding="utf-8-sig")
    else:
        sheet = write_xlsx(tmp_path / "sheet.xlsx", rows)
    aid = hive.new_id("assess", club, "--rubric", small, "--sheet", sheet, "--assessor", "陈督导")
    doc = hive.json("assess", "show", aid)
    assert doc["total"] == 12 and doc["band"] == "合格" and doc["self_total"] == 19  # 12: exactly the cut-off
    hive.ok("assess", club, "--rubric", small, "--sheet", sheet, "--score", "2.1=3", "--assessor", "陈督导")
    assert hive.json("assess", "show", "as2")["band"] is None  # 11: below every band


def test_the_score_sheet_is_printable_html_and_never_the_center(hive, club, small, tmp_path):
    out = tmp_path / "评分表.html"
    aid = hive.new_id(
        "assess", club, "--rubric", small, "--score", "1.1=6", "--score", "1.2=4", "--score", "2.1=10",
        "--assessor", "陈督导", "--html", out,
    )  # fmt: skip
    page = out.read_text(encoding="utf-8")
    assert "<table>" in page and "阅翼成长阅读俱乐部" in page and "陈督导" in page and "优秀" in page
    hive.fails("assess", "show", aid, "--html", hive.db)
    assert hive.ok("assess", "show", aid, "--html", tmp_path / "again.html").strip().endswith("again.html")


def test_the_assessment_criterion_at_its_boundary(hive, at_stage, small):
    org = at_stage("supervision", "2026-02-01")
    for day in ("2026-02-10", "2026-04-10", "2026-06-10"):
        hive.ok("record", "supervision", org, "--date", day, "--supervisor", "陈督导")

    def review(*extra):
        (row,) = hive.json("review", org, *extra)
        return row

    assert "core.assessment" in review()["passed"]  # off by default
    hive.ok("settings", "set", "core.assessment.rubric", small)
    hive.ok("settings", "set", "core.assessment.min_total", "15")
    assert review()["failed"] == [{"criterion": "core.assessment", "reason": f"no assessment with rubric {small}"}]
    base = ["assess", org, "--rubric", small, "--assessor", "陈督导", "--score", "1.1=6", "--score", "1.2=4"]
    hive.ok(*base, "--score", "2.1=5", "--reason", "2.1=少", "--date", "2026-06-01")  # 15: exactly enough
    assert review()["verdict"] == "ready"
    hive.ok(*base, "--score", "2.1=4", "--reason", "2.1=少", "--date", "2026-06-20")  # the latest: 14
    (failed,) = review()["failed"]
    assert failed["reason"] == f"latest assessment with rubric {small} (2026-06-20) scores 14 of 20, below 15"
    assert review("--as-of", "2026-06-19")["verdict"] == "ready"  # the 15 was the latest on the 19th
