"""No write onto a structurally damaged file (issue 12, item 8; the "²" key of item 9).

JSON parsers keep the last of two equal keys. A second ``"people": {}`` left
by a bad merge read as "no people": the next ``person add`` dropped the six
existing people, handed out ``p1`` again and pointed their records at the
newcomer. The store now refuses such a file before any write, naming the
table and the key, and ``hive check`` reports it.
"""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def six(hive):
    for name in ("张三", "李四", "王五", "赵六", "孙七", "周八"):
        hive.ok("person", "add", name)
    return hive


def _with_a_second_table(hive, table: str, second: str) -> bytes:
    """The file as hive wrote it, with ``"table": second`` added at the end (what a bad merge leaves)."""
    text = hive.db.read_text(encoding="utf-8").rstrip()
    assert text.endswith("}")
    damaged = (text[:-1].rstrip() + f',\n  "{table}": {second}\n}}\n').encode()
    hive.db.write_bytes(damaged)
    return damaged


def test_a_table_held_twice_is_refused_before_any_write(six):
    damaged = _with_a_second_table(six, "people", "{}")
    result = six.fails("person", "add", "吴九")
    assert result.exit_code == 6
    assert result.stderr == (
        f"hive: {six.db}: the table 'people' appears twice (a bad merge?); keep one, the file is left untouched\n"
    )
    assert six.db.read_bytes() == damaged


def test_hive_check_reports_a_table_held_twice(six):
    _with_a_second_table(six, "people", "{}")
    result = six("check")
    assert result.exit_code == 6 and "the table 'people' appears twice" in result.stderr


def test_a_record_held_twice_names_its_table(six):
    text = six.db.read_text(encoding="utf-8")
    marker = '"people": {\n'
    at = text.index(marker) + len(marker)
    six.db.write_text(text[:at] + '    "1": {"id": "p1", "name": "x"},\n' + text[at:], encoding="utf-8")
    result = six.fails("person", "add", "吴九")
    assert "table 'people' holds record 1 twice" in result.stderr


def test_a_field_held_twice_names_its_record_and_table(six):
    six.edit_file(lambda data: None)  # re-written by hand: not hive's own layout any more
    text = six.db.read_text(encoding="utf-8")
    six.db.write_text(text.replace('"name": "李四"', '"name": "李四", "name": "李四四"', 1), encoding="utf-8")
    result = six.fails("person", "add", "吴九")
    assert "record 2 of 'people' holds the key 'name' twice" in result.stderr
    assert "李四" not in result.stderr  # the key is named, never the values


def test_reading_commands_still_read_a_file_hive_wrote(six):
    assert [p["name"] for p in six.json("person", "list")][:2] == ["张三", "李四"]
    assert six.json("check")["ok"]


def test_a_hand_edited_file_without_duplicates_is_written_normally(six):
    six.edit_file(lambda data: None)  # json.dumps, one line: the slow check runs and finds nothing
    assert six.new_id("person", "add", "吴九") == "p7"


def test_an_export_with_a_key_held_twice_is_not_imported(six, tmp_path):
    export = tmp_path / "e.json"
    six.ok("export", "--show-personal", "--out", str(export))
    text = export.read_text(encoding="utf-8")
    export.write_text(text.replace('"collections": {', '"collections": {"people": [],', 1), encoding="utf-8")
    result = six.fails("import", str(export), "--db", str(tmp_path / "new.json"))
    assert "the key 'people' appears twice in one place" in result.stderr
    assert not (tmp_path / "new.json").exists()


def test_a_record_key_that_is_not_an_ascii_number_is_a_named_problem(six):
    """'²'.isdigit() is true, and int('²') an internal error: now a BadFile naming table and key."""
    six.edit_file(lambda data: data["people"].update({"²": data["people"].pop("2")}))
    for args in (("person", "list"), ("check",), ("person", "add", "吴九")):
        result = six(*args)
        assert result.exit_code == 6, (args, result.stderr)
        assert result.stderr == (
            f"hive: {six.db}: record ² of 'people' is damaged: its key is not a number\n"
        )


def test_a_table_that_is_not_a_mapping_is_refused(six):
    six.edit_file(lambda data: data.update(people=[]))
    result = six.fails("person", "add", "吴九")
    assert "table 'people' is damaged" in result.stderr
    assert json.loads(six.db.read_text(encoding="utf-8"))["people"] == []
