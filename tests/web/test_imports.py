"""The imports page: upload, a preview with each row's problems beside its cells, confirm; hive sheet import's path."""

from __future__ import annotations

import re

ORIGIN = {"Origin": "http://127.0.0.1:8470"}

GOOD = "姓名,手机\n韩梅梅,13912340001\n李雷,13912340002\n"
BAD = "姓名,手机,身份证号\n韩梅梅,13912340001,\n李雷,13912340002,110101199003070000\n"


def upload(visitor, text: str, *, kind: str = "people", name: str = "people.csv", headers=ORIGIN):
    return visitor.client.post(
        "/imports",
        data={"type": kind, "csrf": visitor.token},
        files={"file": (name, text.encode("utf-8"), "text/csv")},
        headers=headers,
        follow_redirects=False,
    )


def problems(html: str) -> list[str]:
    return re.findall(r'class="cell-problem">([^<]*)', html)


def test_a_sheet_with_a_bad_row_is_shown_with_the_problem_beside_its_cell_and_nothing_is_written(web, center):
    staff = web("sam")
    before = center.db.read_bytes()
    response = upload(staff, BAD)
    assert response.status_code == 400
    assert "people.csv: 1 of 2 rows have problems; nothing was imported" in response.text
    [cell] = re.findall(r'<td class="bad-cell">(.*?)</td>', response.text, re.S)
    assert "check digit" in cell and "110101199003070000" not in cell  # the cell's value masked, its problem beside it
    assert "110101199003070000" not in response.text
    assert "import-confirm" not in response.text
    assert center.db.read_bytes() == before
    sheet = staff.get("/imports/errors")
    assert sheet.status_code == 200 and "attachment" in sheet.headers["content-disposition"]
    assert sheet.text.splitlines()[0].endswith("problems (hive)") and "check digit" in sheet.text


def test_the_fixed_sheet_is_previewed_then_imported_by_the_logged_in_user(web, center):
    staff = web("sam")
    assert upload(staff, BAD).status_code == 400
    fixed = upload(staff, GOOD)
    assert fixed.status_code == 200 and problems(fixed.text) == []
    assert "dry run: 2 person records would be added" in fixed.text
    assert "韩梅梅" not in center.ok("person", "list")  # a preview writes nothing
    done = staff.post("/imports/confirm")
    assert done.status_code == 303 and done.headers["location"] == "/records/people"
    assert "2 person records added" in staff.get("/records/people").text
    assert {"韩梅梅", "李雷"} <= {p["name"] for p in center.json("person", "list")}
    event = center.json("events", "--limit", "1")[0]
    assert (event["operator"], event["action"]) == ("sam", "import people")
    # The same sheet again: every row is already present, as with hive sheet import.
    again = upload(staff, GOOD)
    assert "2 rows already present" in again.text
    assert staff.post("/imports/confirm").status_code == 303
    assert [p["name"] for p in center.json("person", "list")].count("李雷") == 1


def test_the_preview_and_the_command_line_agree(web, center, tmp_path):
    sheet = tmp_path / "people.csv"
    sheet.write_text(BAD, encoding="utf-8")
    cli = center("sheet", "import", "people", str(sheet))
    assert cli.exit_code != 0
    line = next(line for line in cli.stderr.splitlines() if "row 3" in line)
    page = upload(web("sam"), BAD).text
    assert line.rsplit(": ", 1)[1] in problems(page)[0]


def test_an_unreadable_file_or_a_missing_column_is_one_line_on_the_upload_page(web, center):
    staff = web("sam")
    before = center.db.read_bytes()
    missing = upload(staff, "手机\n13912340001\n")
    assert missing.status_code == 400 and "missing columns" in missing.text
    old = staff.client.post(
        "/imports", data={"type": "people", "csrf": staff.token},
        files={"file": ("old.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 64, "application/vnd.ms-excel")},
        headers=ORIGIN,
    )
    assert old.status_code == 400 and "Excel 97-2003" in old.text
    assert "not a spreadsheet" in upload(staff, "x", name="notes.docx").text
    assert staff.post("/imports/confirm").status_code == 404  # nothing waits after a refused upload
    assert center.db.read_bytes() == before


def test_a_change_made_meanwhile_is_seen_at_confirmation(web, center):
    staff = web("sam")
    assert upload(staff, GOOD).status_code == 200
    center.ok("person", "add", "李雷", "--phone", "13912340002")
    done = staff.post("/imports/confirm")
    assert done.status_code == 303
    assert [p["name"] for p in center.json("person", "list")].count("李雷") == 1


def test_an_xlsx_template_from_the_page_imports_back(web, center, tmp_path):
    import io

    import openpyxl

    staff = web("sam")
    template = staff.get("/imports/template?type=people")
    assert template.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(template.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    row = [None] * len(header)
    row[0] = "表格导入"
    sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    response = staff.client.post(
        "/imports", data={"type": "people", "csrf": staff.token},
        files={"file": ("people.xlsx", out.getvalue(), "application/octet-stream")}, headers=ORIGIN,
    )
    assert response.status_code == 200, problems(response.text)
    assert staff.post("/imports/confirm").status_code == 303
    assert "表格导入" in center.ok("person", "list")


def test_an_import_in_chinese(web, center):
    staff = web("sam")
    staff.client.post("/language", data={"csrf": staff.token, "lang": "zh_CN", "next": "/imports"}, headers=ORIGIN)
    page = upload(staff, BAD)
    assert "导入" in page.text and "nothing was imported" not in page.text
