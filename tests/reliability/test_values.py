"""Values that break later commands are refused when set or imported, and reported by check (issue 12, item 9).

(Typed input, ``--hours 1_0``, ``٣``, ``0001-01-01`` on the command line, is
parsed by ``hive.inputs``; these tests cover what arrives another way: a
setting, an import, a hand edit.)
"""

from __future__ import annotations

import json

import pytest


def test_a_probation_of_a_million_months_is_refused_by_settings_set(hive):
    hive.enable("party")
    result = hive.fails("settings", "set", "party.probation_months", "1000000")
    assert result.stderr == (
        "hive: invalid value '1000000' for setting party.probation_months: expected a number from 0 to 24\n"
    )
    hive.ok("settings", "set", "party.probation_months", "24")


def test_a_stored_setting_out_of_bounds_is_reported_by_check(hive):
    hive.enable("party")
    hive.edit_file(lambda data: data["center"]["1"]["settings"].update({"party.probation_months": 1000000}))
    assert ("error", "center", "settings",
            "invalid value '1000000' for setting party.probation_months: expected a number from 0 to 24") in hive.problems()  # fmt: skip


def _export_with(hive, tmp_path, change) -> tuple:
    """A full export of the center, changed by ``change(document)``; returns (export path, new center path)."""
    export = tmp_path / "e.json"
    hive.ok("export", "--show-personal", "--out", str(export))
    document = json.loads(export.read_text(encoding="utf-8"))
    change(document)
    export.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return export, tmp_path / "restored.json"


@pytest.fixture
def volunteer(hive):
    hive.enable("volunteer")
    pid = hive.new_id("person", "add", "张三", "--phone", "13812345678")
    hive.ok("volunteer", "add", pid, "--id-number", "11010519491231002X")
    hive.new_id("volunteer", "log", pid, "--date", "2026-06-01", "--hours", "3", "--activity", "探访长者")
    return hive


def _row(document, table):
    return document["collections"][table][0]


@pytest.mark.parametrize(
    ("table", "field", "value", "problem"),
    [
        ("volunteer_records", "hours", -3.0, "hours: must be more than 0 and at most 24"),
        ("people", "phone", "not a phone at all!!", "phone: "),  # the field's rule words it (hive.fields)
        ("volunteers", "id_number", "12345", "expected 18 characters, got 5"),  # named by field or label
        ("people", "name", "张\x1b]0;pwned\x07三", "name: "),
        ("people", "added", "0001-01-01", "added: 0001-01-01 is before 1900-01-01"),
        ("volunteer_records", "date", "0001-06-01", "date: 0001-06-01 is before 1900-01-01"),
    ],
)
def test_import_refuses_and_check_reports_a_value_that_breaks_later_commands(
    volunteer, tmp_path, table, field, value, problem
):
    hive = volunteer
    export, restored = _export_with(hive, tmp_path, lambda doc: _row(doc, table).update({field: value}))
    result = hive.fails("import", str(export), "--db", str(restored))
    assert result.exit_code == 2 and "nothing imported" in result.stderr and problem in result.stderr
    assert not restored.exists()
    shown = str(value)
    if field in ("phone", "id_number", "name"):  # personal data, or an escape sequence: never in a message
        assert shown not in result.stderr
    hive.edit_file(lambda data: data[table]["1"].update({field: value}))  # the same value stored by hand
    found = [p for p in hive.problems() if p[1] == table and p[0] == "error"]
    assert any(problem in p[3] for p in found), found
    assert all(shown not in p[3] for p in found if field in ("phone", "id_number", "name"))


def test_control_characters_from_a_file_are_escaped_on_the_terminal(hive):
    hive.ok("person", "add", "张三")
    hive.edit_file(lambda data: data["people"]["1"].update(name="张\x1b]0;pwned\x07\r三"))
    out = hive.ok("person", "list")
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "张\\x1b]0;pwned\\x07\\r三" in out
    shown = json.loads(hive.ok("person", "list", "--json"))  # JSON escapes them itself, and keeps the value
    assert shown[0]["name"] == "张\x1b]0;pwned\x07\r三"


def test_a_clean_center_has_no_value_problems(volunteer):
    assert volunteer.problems() == []
