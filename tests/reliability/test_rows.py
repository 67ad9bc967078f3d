"""A large table held as rows (hive.rows): one tuple of values per record, the field names once.

What must hold: a table held as rows reads, answers and writes exactly as the dict it
replaces would (the same output, the same bytes after every kind of write); a table
whose records do not all have the same fields stays a dict; a damaged record is named
as before; the store's rows and the ledger's copy of them never see each other's changes.
The whole suite also runs with small pieces (``HIVE_PARSE_PIECE``, tests/conftest.py),
so its centers' larger tables are held as rows; these tests compare the two ways.
"""

from __future__ import annotations

import orjson
import pytest

from hive import clock
from hive import store as file_store
from hive.rows import Rows, rows_of

WHOLE = 10**9  # pieces larger than any test center: every table a dict


@pytest.fixture
def served(hive):
    hive.enable("volunteer")
    for name in ("王芳", "李娜", "张伟"):
        hive.ok("person", "add", name)
        hive.ok("volunteer", "add", name)
    for day in range(1, 21):
        hive.ok("volunteer", "log", ("王芳", "李娜")[day % 2], "--date", f"2026-05-{day:02}", "--hours", "2", "--activity", "探访长者")
    hive.ok("org", "add", "阅翼成长阅读俱乐部")
    return hive


def both_ways(hive, monkeypatch, *commands: tuple[str, ...]) -> tuple[bytes, list[str]]:
    """Run ``commands`` on a copy of the center with whole tables, then with rows; the file and outputs must agree."""
    start = hive.db.read_bytes()
    instant = clock.now()
    monkeypatch.setattr(clock, "now", lambda tz=None: instant.astimezone(tz) if tz else instant)  # (the log's times)
    results = []
    for piece in (WHOLE, 200):
        hive.db.write_bytes(start)
        monkeypatch.setattr(file_store, "PARSE_PIECE", piece)
        outputs = [hive.ok(*command) for command in commands]
        results.append((hive.db.read_bytes(), outputs))
    (dict_bytes, dict_out), (rows_bytes, rows_out) = results
    assert rows_out == dict_out
    assert rows_bytes == dict_bytes
    return rows_bytes, rows_out


def held(hive, table: str, piece: int = 200) -> object:
    old = file_store.PARSE_PIECE
    file_store.PARSE_PIECE = piece
    try:
        store = file_store.Store.open(hive.db, write=False)
        try:
            return store.documents(table)
        finally:
            store.close()
    finally:
        file_store.PARSE_PIECE = old


def test_a_large_table_is_held_as_rows_and_reads_as_its_dict(served):
    rows = held(served, "volunteer_records")
    whole = orjson.loads(served.db.read_bytes())["volunteer_records"]
    assert type(rows) is Rows and len(rows) == 20
    assert rows == whole and list(rows) == list(whole)
    assert [dict(d) for d in rows.values()] == list(whole.values())
    assert rows["7"] == whole["7"] and rows.get("21") is None and "0" not in rows and "07" not in rows
    assert rows.column("hours") == [2.0] * 20 and rows.column("nothing") is None
    assert type(held(served, "volunteer_records", WHOLE)) is dict
    size = len(served.db.read_bytes()) // 20  # at most 16 pieces of this size: parsed in pieces, kept as dicts
    assert type(held(served, "volunteer_records", size)) is dict


def test_reading_commands_answer_the_same_from_rows(served, monkeypatch):
    served.ok("org", "add", "第二个组织")
    both_ways(
        served,
        monkeypatch,
        ("volunteer", "records", "--json"),
        ("volunteer", "hours", "王芳"),
        ("volunteer", "records", "--person", "李娜"),
        ("review", "--json"),
        ("report", "--json"),
    )


def test_every_kind_of_write_gives_the_same_bytes_from_rows(served, monkeypatch):
    after, _out = both_ways(
        served,
        monkeypatch,
        ("volunteer", "log", "张伟", "--date", "2026-06-01", "--hours", "3", "--activity", "义诊"),  # appended
        ("edit", "vr3", "hours=4"),  # replaced
        ("undo",),  # taken out again
        ("void", "vr5", "--reason", "录错"),
        ("volunteer", "log", "张伟", "--date", "2026-06-02", "--hours", "1", "--activity", "x"),
    )
    records = orjson.loads(after)["volunteer_records"]
    assert len(records) == 22 and records["3"]["hours"] == 2.0  # (the undo took back the edit)


def test_after_an_undo_left_a_gap_records_are_found_by_their_keys(served, monkeypatch):
    served.ok("volunteer", "log", "张伟", "--date", "2026-06-01", "--hours", "3", "--activity", "义诊")
    served.ok("volunteer", "log", "张伟", "--date", "2026-06-02", "--hours", "3", "--activity", "义诊")
    served.ok("undo")  # vr22 out; its number is never given again
    monkeypatch.setattr(file_store, "PARSE_PIECE", 200)
    served.ok("edit", "vr21", "hours=5")
    assert orjson.loads(served.db.read_bytes())["volunteer_records"]["21"]["hours"] == 5.0
    served.ok("volunteer", "log", "张伟", "--date", "2026-06-03", "--hours", "1", "--activity", "y")
    records = orjson.loads(served.db.read_bytes())["volunteer_records"]
    assert list(records)[-2:] == ["21", "23"] and records["23"]["id"] == "vr23"


def test_a_table_whose_records_differ_in_fields_stays_a_dict(served, monkeypatch):
    raw = served.db.read_bytes()
    at = raw.index(b'\n    "4": {', file_store.table_layout(raw)["volunteer_records"][1])
    line = raw.index(b'\n      "place": ', at)  # a field with a default, left out (an older hive's record, say)
    served.db.write_bytes(raw[:line] + raw[raw.index(b"\n", line + 1) :])
    records = orjson.loads(served.db.read_bytes())["volunteer_records"]
    assert len(records["4"]) == len(records["5"]) - 1
    assert type(held(served, "volunteer_records")) is dict
    both_ways(
        served,
        monkeypatch,
        ("volunteer", "records", "--json"),
        ("volunteer", "log", "张伟", "--date", "2026-06-01", "--hours", "3", "--activity", "义诊"),
    )


def test_a_record_that_is_not_a_mapping_is_named_as_before(served, monkeypatch):
    raw = served.db.read_bytes()
    start, value, end = file_store.table_layout(raw)["volunteer_records"]
    at = raw.index(b'\n    "9": {', start)
    close = raw.index(b"\n    }", at) + 6
    served.db.write_bytes(raw[:at] + b'\n    "9": [1, 2]' + raw[close:])
    monkeypatch.setattr(file_store, "PARSE_PIECE", 200)
    line = served.fails("volunteer", "records").stderr.strip()
    assert "table 'volunteer_records' is damaged (not a mapping of records)" in line


def test_the_ledgers_copy_and_the_stores_rows_keep_apart(served):
    rows = held(served, "volunteer_records")
    assert type(rows) is Rows
    copy = rows.copy()
    assert copy.last_number() == 20 and rows._last == 20  # worked out once, for both
    assert "21" not in rows and rows._index is None  # a new number is known absent without an index
    doc = dict(copy["20"], id="vr21")
    assert rows.append("21", doc) and len(rows) == 21 and len(copy) == 20 and "21" not in copy
    assert not rows.append("22", {"id": "vr22"})  # other fields: the store makes the table a dict
    got = rows["21"]
    got["hours"] = 99.0  # a handed-out document is a new dict
    assert rows["21"]["hours"] == 2.0


def test_rows_of_takes_only_records_of_the_same_fields():
    assert rows_of([{"a": 1, "b": 2}, {"b": 3, "a": 4}]) == (("a", "b"), [(1, 2), (4, 3)])
    assert rows_of([{"a": 1, "b": 2}, {"a": 1}]) is None
    assert rows_of([{"a": 1, "b": 2}, {"a": 1, "c": 2}]) is None
    assert rows_of([{"a": 1, "b": 2}, [1, 2]]) is None
    assert rows_of([{"a": 1, "b": 2}, "ab"]) is None
    assert rows_of([{"a": 1}, {"a": 2}]) == (("a",), [(1,), (2,)])
    assert rows_of([{"a": 1}], ("b",)) is None
    assert rows_of([{}]) is None
