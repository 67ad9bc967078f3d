"""hive sheet: files made the way people make them (Excel on a Chinese PC, WPS, openpyxl), in and out."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest

# A valid resident ID number (check digit verified) and another one.
ID_A = "440304199001011233"
ID_B = "11010519491231002X"


def people(hive) -> list[dict]:
    return hive.json("list", "people", "--show-personal")


def test_gbk_csv_with_chinese_headers_excel_dates_and_an_extra_column(hive, tmp_path: Path):
    sheet = tmp_path / "花名册.csv"
    sheet.write_bytes("姓名,手机,登记日期,备注\n张三, 138 1234 5678 ,2026/3/8,老党员\n李四,１３９００００１１１１,2026/3/9,\n".encode("gbk"))
    result = hive("sheet", "import", "people", str(sheet))
    assert result.exit_code == 0, result.stderr
    assert "备注" in result.stderr  # the ignored column is named
    assert "2 person records added" in result.stdout
    found = people(hive)
    assert [(p["name"], p["phone"], p["added"]) for p in found] == [
        ("张三", "13812345678", "2026-03-08"),
        ("李四", "13900001111", "2026-03-09"),
    ]


def test_strict_refuses_an_unknown_column(hive, tmp_path: Path):
    sheet = tmp_path / "people.csv"
    sheet.write_text("name,备注\n张三,x\n", encoding="utf-8")
    result = hive.fails("sheet", "import", "people", str(sheet), "--strict")
    assert "备注" in result.stderr and "--strict" in result.stderr
    assert people(hive) == []


def test_utf8_bom_csv_trainings_by_names_and_excel_dates(hive, tmp_path: Path):
    org = hive.new_id("org", "add", "阅翼成长阅读俱乐部", "--joined", "2026-01-05")
    hive.ok("person", "add", "王芳")
    hive.ok("person", "add", "李娜")
    sheet = tmp_path / "培训.csv"
    sheet.write_text("组织,日期,时长,主题,参加者\n阅翼成长阅读俱乐部,2026/5/8,２.5,骨干培训,王芳、李娜\n", encoding="utf-8-sig")
    hive.ok("sheet", "import", "trainings", str(sheet))
    (training,) = hive.json("list", "trainings")
    assert training["org"] == org and training["date"] == "2026-05-08" and training["hours"] == 2.5
    assert training["attendees"] == ["p1", "p2"]
    # the same sheet again adds nothing
    out = hive.ok("sheet", "import", "trainings", str(sheet))
    assert "1 rows already present" in out
    assert len(hive.json("list", "trainings")) == 1


def test_utf16_csv_is_read(hive, tmp_path: Path):
    sheet = tmp_path / "people.txt"
    sheet.write_bytes("姓名\t电话\n王五\t13812345678\n".encode("utf-16"))
    hive.ok("sheet", "import", "people", str(sheet))
    assert [p["name"] for p in people(hive)] == ["王五"]


def _workbook(path: Path, rows: list[list], *, text_columns: tuple[int, ...] = ()) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    for row in rows:
        sheet.append(row)
    for column in text_columns:
        for cells in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            for cell in cells:
                cell.number_format = "@"
    book.save(path)
    return path


def test_xlsx_with_date_cells_and_text_ids(hive, tmp_path: Path):
    book = _workbook(
        tmp_path / "people.xlsx",
        [["姓名", "电话", "身份证号码", "登记日期"], ["赵六", "13812345678", ID_A, dt.datetime(2026, 4, 1)],
         ["钱七", 13900001111, ID_B.lower(), 46113]],
        text_columns=(2, 3),
    )
    hive.ok("sheet", "import", "people", str(book))
    found = people(hive)
    assert [(p["name"], p["phone"], p["id_number"], p["added"]) for p in found] == [
        ("赵六", "13812345678", ID_A, "2026-04-01"),
        ("钱七", "13900001111", ID_B, "2026-04-01"),  # 46113: Excel's serial number of 2026-04-01
    ]


@pytest.mark.parametrize("mangled", [440304199001011237, "4.40304E+17"])
def test_an_id_number_excel_turned_into_a_number_is_refused_saying_so(hive, tmp_path: Path, mangled):
    book = _workbook(tmp_path / "people.xlsx", [["姓名", "身份证号码"], ["赵六", mangled]])
    before = hive.db.read_bytes()
    result = hive("sheet", "import", "people", str(book))
    assert result.exit_code == 2 and "nothing was imported" in result.stderr
    assert hive.db.read_bytes() == before
    result = hive("sheet", "import", "people", str(book), "--json")
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["row"] == 2 and problem["column"] == "身份证号码"
    assert "4.40304E+17" in problem["problem"] and "text" in problem["problem"]
    assert ID_A not in result.output


def test_a_csv_named_xlsx_and_an_xlsx_named_csv_get_a_note(hive, tmp_path: Path):
    fake = tmp_path / "people.xlsx"
    fake.write_text("name\n张三\n", encoding="utf-8")
    result = hive("sheet", "import", "people", str(fake))
    assert result.exit_code == 0 and "CSV" in result.stderr
    real = _workbook(tmp_path / "people.csv", [["name"], ["李四"]])
    result = hive("sheet", "import", "people", str(real))
    assert result.exit_code == 0 and ".xlsx" in result.stderr
    assert [p["name"] for p in people(hive)] == ["张三", "李四"]


def test_old_xls_is_refused_with_what_to_do(hive, tmp_path: Path):
    old = tmp_path / "people.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    result = hive.fails("sheet", "import", "people", str(old))
    assert ".xlsx" in result.stderr


def test_formula_injection_name_is_neutralized_on_export_and_restored_on_import(hive, tmp_path: Path):
    evil = '=HYPERLINK("http://x.example","点击")'
    hive.ok("person", "add", evil)
    hive.ok("person", "add", "--", "-3 组")
    xlsx, csv_file = tmp_path / "people.xlsx", tmp_path / "people.csv"
    hive.ok("sheet", "export", "people", "--out", str(xlsx))
    hive.ok("sheet", "export", "people", "--out", str(csv_file))
    book = openpyxl.load_workbook(xlsx)
    names = [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert names == ["'" + evil, "'-3 组"]
    assert book.active.cell(row=2, column=2).data_type == "s"  # text, not a formula
    text = csv_file.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert [r[1] for r in rows[1:]] == ["'" + evil, "'-3 组"]
    # importing the export into the same center: the same people, already present
    for sheet in (xlsx, csv_file):
        out = hive.ok("sheet", "import", "people", str(sheet))
        assert "2 rows already present" in out
    assert [p["name"] for p in people(hive)] == [evil, "-3 组"]


def test_bad_rows_are_all_reported_nothing_written_and_the_errors_copy_reimports_once_fixed(hive, tmp_path: Path):
    hive.ok("org", "add", "阅翼成长阅读俱乐部", "--joined", "2026-01-05")
    sheet = tmp_path / "trainings.csv"
    sheet.write_text(
        "organization,date,hours,topic\n"
        "阅翼成长阅读俱乐部,2026-05-01,2,财务\n"
        "阅翼成长阅读俱乐部,2026-11-31,2,策划\n"
        "没有这个组织,2026-05-03,30,宣传\n"
        "阅翼成长阅读俱乐部,2026-05-01,2,财务\n",
        encoding="utf-8",
    )
    errors = tmp_path / "errors.xlsx"
    result = hive("sheet", "import", "trainings", str(sheet), "--errors", str(errors), "--json")
    assert result.exit_code != 0
    problems = json.loads(result.stdout)["problems"]
    where = {(p["row"], p["column"]) for p in problems}
    assert (3, "date") in where and (4, "organization") in where and (4, "hours") in where and (5, "") in where
    assert "November has 30 days" in result.stdout
    assert hive.json("list", "trainings") == []
    book = openpyxl.load_workbook(errors)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][-1] == "problems (hive)"
    assert rows[1][-1] in (None, "") and "date" in rows[2][-1] and "hours" in rows[3][-1]
    # the person fixes the rows in the errors copy (leaving the problems column) and imports it again
    fixed = book.active
    fixed.cell(row=3, column=2, value="2026-05-30")
    fixed.cell(row=4, column=1, value="阅翼成长阅读俱乐部")
    fixed.cell(row=4, column=3, value=3)
    fixed.delete_rows(5)
    book.save(errors)
    out = hive.ok("sheet", "import", "trainings", str(errors))
    assert "3 training records added" in out
    assert len(hive.json("list", "trainings")) == 3


def test_dry_run_writes_nothing(hive, tmp_path: Path):
    sheet = tmp_path / "people.csv"
    sheet.write_text("name\n张三\n", encoding="utf-8")
    before = hive.db.read_bytes()
    document = hive.json("sheet", "import", "people", str(sheet), "--dry-run")
    assert document["would_add"] == 1 and document["added"] == 0
    assert hive.db.read_bytes() == before


def test_the_same_id_number_twice_is_refused_naming_the_person(hive, tmp_path: Path):
    first = hive.new_id("person", "add", "赵六", "--id-number", ID_A)
    result = hive.fails("person", "add", "赵六六", "--id-number", ID_A[:6] + " " + ID_A[6:])
    assert first in result.stderr and ID_A not in result.stderr
    sheet = tmp_path / "people.csv"
    sheet.write_text(f"姓名,身份证号\n孙八,{ID_B}\n周九,{ID_B}\n吴十,{ID_A}\n", encoding="utf-8")
    result = hive("sheet", "import", "people", str(sheet), "--json")
    problems = json.loads(result.stdout)["problems"]
    assert {(p["row"], p["column"]) for p in problems} == {(3, "身份证号"), (4, "身份证号")}
    assert ID_A not in result.output and ID_B not in result.output


def test_the_same_credit_code_on_two_organizations_is_refused(hive):
    code = "53440305MJL0000017"
    hive.ok("org", "add", "甲", "--joined", "2026-01-05")
    hive.ok("org", "add", "乙", "--joined", "2026-01-05")
    hive.ok("edit", "o1", f"uscc={code}")
    result = hive.fails("edit", "o2", f"uscc={code}")
    assert "o1" in result.stderr


def test_template_has_headers_a_help_sheet_drop_downs_and_text_columns(hive, tmp_path: Path):
    out = tmp_path / "template.xlsx"
    hive.ok("sheet", "template", "organizations", "--out", str(out), env={"HIVE_LANG": "zh_CN"})
    book = openpyxl.load_workbook(out)
    first, explained = book.worksheets[0], book.worksheets[1]
    headers = [c.value for c in first[1]]
    assert headers[0] == "名称 *" and "统一社会信用代码" in headers
    assert explained.max_row == len(headers) + 1
    validations = first.data_validations.dataValidation
    assert any(v.type == "list" for v in validations)
    code_column = headers.index("统一社会信用代码") + 1
    assert first.cell(row=2, column=code_column).number_format == "@"
    # a filled template imports
    first.append(["书画院", dt.datetime(2026, 2, 1)])
    book.save(out)
    hive.ok("sheet", "import", "organizations", str(out))
    assert [o["name"] for o in hive.json("list", "organizations")] == ["书画院"]


def test_export_masks_personal_data_unless_asked(hive, tmp_path: Path):
    hive.ok("person", "add", "赵六", "--phone", "13812345678", "--id-number", ID_A)
    out = tmp_path / "people.xlsx"
    hive.ok("sheet", "export", "people", "--out", str(out))
    row = [c for c in next(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))]
    assert "13812345678" not in row and ID_A not in row
    hive.ok("sheet", "export", "people", "--out", str(out), "--show-personal")
    row = next(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert "13812345678" in row and ID_A in row


def test_unknown_type_names_the_types(hive, tmp_path: Path):
    result = hive.fails("sheet", "export", "nothing", "--out", str(tmp_path / "x.xlsx"))
    assert "people" in result.stderr


def test_a_day_over_24_hours_across_the_rows_of_one_sheet_is_refused(hive, tmp_path: Path):
    """The rows of an import are stored together at its end: each accepted row counts in its day for the next."""
    hive.enable("volunteer")
    hive.ok("person", "add", "王芳")
    hive.ok("volunteer", "add", "王芳")
    hive.ok("volunteer", "log", "王芳", "--date", "2026-05-08", "--hours", "4", "--activity", "早班")
    sheet = tmp_path / "签到表.csv"
    sheet.write_text("姓名,日期,时长,服务内容,recorder\n王芳,2026/5/8,13,探访,小李\n王芳,2026/5/8,13,清洁,小李\n",
                     encoding="utf-8-sig")
    before = hive.db.read_bytes()
    result = hive("sheet", "import", "volunteer_records", str(sheet))
    assert result.exit_code == 2 and "nothing was imported" in result.stderr
    assert "row 3" in result.stderr and "30.0 h" in result.stderr and "row 2:" not in result.stderr
    assert hive.db.read_bytes() == before
    # a full day imported once, then the same sheet again: already present, not a day of 44 hours
    full = tmp_path / "整天.csv"
    full.write_text("姓名,日期,时长,服务内容,recorder\n王芳,2026/5/8,10,探访,小李\n王芳,2026/5/8,10,清洁,小李\n",
                    encoding="utf-8-sig")
    assert "2 service records added" in hive.ok("sheet", "import", "volunteer_records", str(full))
    assert "2 rows already present" in hive.ok("sheet", "import", "volunteer_records", str(full))
    assert len(hive.json("volunteer", "records")) == 3
    hive.ok("undo")  # the plural named once, in either language ("service records", not "service record records")
    zh = hive.ok("sheet", "import", "volunteer_records", str(full), env={"HIVE_LANG": "zh_CN"})
    assert "已添加 2 条服务记录" in zh and "记录记录" not in zh
