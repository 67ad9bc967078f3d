"""Output hygiene: spreadsheet cells neutralized, personal values never in messages (issue 12, items 10, 11)."""

from __future__ import annotations

import csv
import io

import pytest

from hive import cells


# -- item 11: CSV formula injection ---------------------------------------------------------------------

NAMES = ['=HYPERLINK("http://x","点击")', "+86 138", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "'=already quoted", "张三"]


def test_report_csv_cells_never_start_a_formula(hive, tmp_path):
    hive.enable("volunteer")
    for n, name in enumerate(NAMES):
        pid = hive.new_id("person", "add", f"x{n}")
        hive.edit_file(lambda data, pid=pid, name=name: data["people"][pid[1:]].update(name=name))
        hive.ok("volunteer", "add", pid)
        rid = hive.new_id("volunteer", "log", pid, "--date", "2026-06-01", "--hours", str(n + 1), "--activity", "探访")
        hive.ok("volunteer", "approve", rid)
    out = tmp_path / "hours.csv"
    hive.ok("volunteer", "report", "--csv", str(out))
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    names = [r[1] for r in rows[1:]]
    assert sorted(cells.restore(n) for n in names) == sorted(NAMES)  # nothing lost
    for cell in names:
        assert not cell.startswith(cells.TRIGGERS), cell
    assert "'=HYPERLINK(\"http://x\",\"点击\")" in names and "张三" in names
    assert [float(r[2]) for r in rows[1:]] == sorted((float(n + 1) for n in range(len(NAMES))), reverse=True)


@pytest.mark.parametrize("value", [*NAMES, "", "'s Club", "''=x", "plain"])
def test_neutralize_and_restore_give_back_the_value(value):
    assert cells.restore(cells.neutralize(value)) == value
    assert not str(cells.neutralize(value)).startswith(cells.TRIGGERS)


def test_numbers_are_not_text_cells():
    assert cells.neutralize(-3.5) == -3.5 and cells.neutralize(0) == 0 and cells.neutralize(None) is None


# -- item 10: personal data never in a message ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_an_unquoted_phone_is_not_echoed_by_clicks_extra_arguments_message(hive, lang):
    result = hive.fails("--lang", lang, "person", "add", "张三", "--phone", "+86", "138", "1234", "5678")
    assert result.exit_code == 2
    for digits in ("138", "1234", "5678"):
        assert digits not in result.stderr.replace("138 0000 0000", "")
    assert "3" in result.stderr


def test_a_single_extra_argument_is_counted_too(hive):
    result = hive.fails("person", "add", "张三", "李四")
    assert "1 unexpected extra argument (not shown" in result.stderr and "李四" not in result.stderr


def test_a_damaged_personal_field_is_not_echoed_by_check_or_by_other_commands(hive):
    hive.ok("person", "add", "张三", "--phone", "13812345678")
    hive.edit_file(lambda data: data["people"]["1"].update(added="13812345678"))
    report = hive("check", "--json")
    assert report.exit_code == 1
    text = report.stdout + report.stderr
    assert "13812345678" not in text
    assert "field 'added' does not hold a date (YYYY-MM-DD)" in text
    result = hive.fails("person", "list")
    assert "13812345678" not in result.stderr and "field 'added'" in result.stderr


def test_a_missing_and_an_unknown_field_are_named(hive):
    hive.ok("person", "add", "张三")
    hive.edit_file(lambda data: data["people"]["1"].pop("name") and data["people"]["1"].update(secret="x"))
    problems = [p for p in hive.problems() if p[1] == "people"]
    assert problems[0][3] == "does not read as a record: missing field(s): name; unknown field(s): secret"


def test_a_masked_export_masks_whole_values(hive):
    """v0.1 kept parts: a party member's ``joined`` came out as "201***7-01"."""
    import json

    hive.enable("party")
    pid = hive.new_id("person", "add", "张三", "--phone", "13812345678")
    hive.ok("party", "member", "add", pid, "--joined", "2017-07-01", "--branch", "社区第一支部")
    masked = json.loads(hive.ok("export"))
    (person,) = masked["collections"]["people"]
    (member,) = masked["collections"]["party_members"]
    assert person["phone"] == "***"
    assert member["joined"] == "***" and member["person"] == "***" and member["branch"] == "***"
    assert "2017" not in json.dumps(member) and "5678" not in json.dumps(person)
