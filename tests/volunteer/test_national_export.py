"""hive volunteer export --national: approved records in the national system's bulk-upload columns."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl

ID_A = "440304199001011233"


def test_approved_records_with_real_names_and_ids_and_the_ones_left_out(vol, served, tmp_path: Path):
    wang = vol.new_id("person", "add", "王芳", "--phone", "13812345678")
    vol.ok("volunteer", "add", wang, "--id-number", ID_A)
    li = vol.new_id("person", "add", "李娜")
    vol.ok("volunteer", "add", li)
    served(wang, 2.5, "2026-06-01", "--place", "海珠社区")
    served(li, 3, "2026-06-02")
    served(wang, 1, "2026-06-03", approve=False)  # pending: not exported
    out = tmp_path / "national.xlsx"
    result = vol("volunteer", "export", "--national", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "李娜" in result.stderr and ID_A not in result.output
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:6] == ("姓名", "证件类型", "证件号码", "手机号码", "服务日期", "服务时长（小时）")
    assert len(rows) == 2
    name, id_type, number, phone, date, hours, activity, place, organization, record = rows[1]
    assert (name, id_type, number, phone) == ("王芳", "居民身份证", ID_A, "13812345678")
    assert date == dt.datetime(2026, 6, 1) and hours == 2.5 and activity == "探访长者" and place == "海珠社区"
    assert organization == "测试中心"
    document = vol.json("volunteer", "export", "--national", "--out", str(out))
    assert document["rows"] == 1 and [r["person"] for r in document["refused"]] == [li]


def test_a_center_s_own_mapping(vol, served, tmp_path: Path):
    wang = vol.new_id("person", "add", "王芳")
    vol.ok("volunteer", "add", wang, "--id-number", ID_A)
    served(wang, 2, "2026-06-01")
    mapping = tmp_path / "district.json"
    mapping.write_text(json.dumps({"mapping": "nanshan-2026", "columns": [
        {"header": "志愿者姓名", "value": "name"}, {"header": "身份证号", "value": "id_number"},
        {"header": "时长", "value": "hours"}, {"header": "来源", "value": "text", "text": "hive"}]}), encoding="utf-8")
    out = tmp_path / "district.xlsx"
    vol.ok("settings", "set", "volunteer.national_mapping", str(mapping))
    vol.ok("volunteer", "export", "--national", "--out", str(out))
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows == [("志愿者姓名", "身份证号", "时长", "来源"), ("王芳", ID_A, 2, "hive")]
    mapping.write_text(json.dumps({"columns": [{"header": "x", "value": "salary"}]}), encoding="utf-8")
    result = vol.fails("volunteer", "export", "--national", "--out", str(out), "--mapping", str(mapping))
    assert "salary" in result.stderr
