"""A center file read table by table (hive.store): a table is parsed when a command first asks for it.

What must hold: a reading command never parses the tables it does not need;
a writing command still refuses a damaged file whichever table is damaged,
and writes the tables it did not read byte for byte; a file whose layout
fools the scan reads as it always did; one command reads one version of the
file even when a writer replaces it meanwhile.
"""

from __future__ import annotations

import json

import orjson
import pytest

from hive import store as file_store
from hive.errors import BadFile
from hive.rows import Rows


@pytest.fixture
def served(hive):
    hive.enable("volunteer")
    for name in ("王芳", "李娜"):
        hive.ok("person", "add", name)
        hive.ok("volunteer", "add", name)
    for day in ("2026-05-04", "2026-05-05", "2026-05-06"):
        hive.ok("volunteer", "log", "王芳", "--date", day, "--hours", "2", "--activity", "探访长者")
    hive.ok("org", "add", "阅翼成长阅读俱乐部")
    return hive


def entry(raw: bytes, name: str) -> bytes:
    """The table's entry as it stands in the file."""
    start, _value, end = file_store.table_layout(raw)[name]
    return raw[start:end]


def spoil_records(hive, old: bytes, new: bytes) -> bytes:
    """Replace ``old`` by ``new`` once inside the service records, keeping hive's layout elsewhere."""
    raw = hive.db.read_bytes()
    start, _value, end = file_store.table_layout(raw)["volunteer_records"]
    table = raw[start:end]
    assert old in table
    damaged = raw[:start] + table.replace(old, new, 1) + raw[end:]
    hive.db.write_bytes(damaged)
    return damaged


def test_the_layout_finds_every_table_where_the_parse_puts_it(served):
    raw = served.db.read_bytes()
    layout = file_store.table_layout(raw)
    data = orjson.loads(raw)
    assert list(layout) == list(data)
    for name, (_start, value, end) in layout.items():
        assert orjson.loads(raw[value:end]) == data[name]


def test_a_reading_open_parses_only_the_tables_asked_for(served):
    store = file_store.Store.open(served.db, write=False)
    try:
        assert len(store.documents("people")) == 2
        data = store._db.storage.data  # (the store's own view: snapshot() would read every table)
        assert data["volunteer_records"] is file_store.UNREAD
        assert data["people"] is not file_store.UNREAD
        assert store.tables() == sorted(name for name in orjson.loads(served.db.read_bytes()) if name != "_hive")
    finally:
        store.close()


def test_a_damaged_table_fails_the_commands_that_read_it_and_every_write(served):
    damaged = spoil_records(served, b'"hours": 2.0', b'"hours": 2.0.0')
    assert "阅翼成长阅读俱乐部" in served.ok("org", "list")  # never reads the service records
    line = served.fails("volunteer", "records").stderr.strip()
    expected_line = damaged[: damaged.index(b"2.0.0")].count(b"\n") + 1  # the line of the whole file, as before
    assert f"not valid JSON at line {expected_line}" in line and str(served.db) in line
    result = served.fails("org", "add", "新组织")  # a write refuses a damaged file, whichever table
    assert "not valid JSON" in result.stderr and result.exit_code != 70
    assert served.db.read_bytes() == damaged


def test_a_record_held_twice_in_a_table_the_write_does_not_read_is_refused(served):
    first = b'\n    "1": {'
    raw = served.db.read_bytes()
    start, _value, end = file_store.table_layout(raw)["volunteer_records"]
    records = raw[start:end]
    at = records.index(first)
    one = records[at : records.index(b"\n    }", at) + 6]  # record "1", a copy of which a bad merge left
    damaged = raw[:start] + records[:at] + one + b"," + records[at:] + raw[end:]
    served.db.write_bytes(damaged)
    assert "阅翼成长阅读俱乐部" in served.ok("org", "list")
    result = served.fails("org", "add", "新组织")
    assert "table 'volunteer_records' holds record 1 twice" in result.stderr
    assert served.db.read_bytes() == damaged


def test_a_write_keeps_the_tables_it_did_not_read_byte_for_byte(served):
    before = served.db.read_bytes()
    served.ok("org", "add", "新组织")
    after = served.db.read_bytes()
    assert entry(after, "volunteer_records") == entry(before, "volunteer_records")
    assert entry(after, "organizations") != entry(before, "organizations")
    assert json.loads(after)["volunteer_records"] == json.loads(before)["volunteer_records"]


def test_a_large_table_is_parsed_in_pieces_as_one(served, monkeypatch):
    for day in range(10, 28):
        served.ok("volunteer", "log", "李娜", "--date", f"2026-05-{day}", "--hours", "1.5", "--activity", "x" * day)
    raw = served.db.read_bytes()
    whole = orjson.loads(raw)["volunteer_records"]
    _start, value, end = file_store.table_layout(raw)["volunteer_records"]
    source = file_store.FileBytes(served.db)
    try:
        for piece in (1, 50, 300, 1000, len(raw)):  # shorter than a record, about one, several, all
            monkeypatch.setattr(file_store, "PARSE_PIECE", piece)
            parsed, exact = file_store._parse_value(source, value, end, check=True)
            assert parsed == whole and list(parsed) == list(whole) and exact, piece
    finally:
        source.close()
    monkeypatch.setattr(file_store, "PARSE_PIECE", 200)
    assert len(served.json("volunteer", "records")) == 21
    served.ok("volunteer", "log", "王芳", "--date", "2026-06-01", "--hours", "1", "--activity", "y")
    assert len(json.loads(served.db.read_bytes())["volunteer_records"]) == 22


def test_a_field_held_twice_in_a_table_read_in_pieces_is_kept_by_an_add_and_refused_by_an_edit(served):
    # Read in pieces, a table's records are counted, not encoded again: a key held twice inside a
    # record is looked for only before the table is encoded again. Added to, it is written as it was.
    damaged = spoil_records(served, b'"activity": "\xe6\x8e\xa2', b'"activity": "x",\n      "activity": "\xe6\x8e\xa2')
    served.ok("volunteer", "log", "李娜", "--date", "2026-05-07", "--hours", "1", "--activity", "读书会")
    after = served.db.read_bytes()
    assert entry(after, "volunteer_records").startswith(entry(damaged, "volunteer_records")[:-4])  # kept as it was
    assert len(json.loads(after)["volunteer_records"]) == 4
    result = served.fails("edit", "vr1", "hours=3")  # encoding it again would lose the first copy
    assert "record 1 of 'volunteer_records' holds the key 'activity' twice" in result.stderr
    assert served.db.read_bytes() == after
    assert "holds the key 'activity' twice" in served("check").stderr


def test_a_second_commit_of_one_store_checks_a_counted_table_before_encoding_it(served):
    spoil_records(served, b'"activity": "\xe6\x8e\xa2', b'"activity": "x",\n      "activity": "\xe6\x8e\xa2')
    store = file_store.Store.open(served.db, write=True)
    try:
        records = store.documents("volunteer_records")
        assert "volunteer_records" in store._counted  # read in pieces (HIVE_PARSE_PIECE): counted
        store.insert("volunteer_records", [(len(records) + 1, dict(records["1"], id=f"vr{len(records) + 1}"))])
        store.commit()  # added to: written as it was read
        store.insert("people", [(99, {"id": "p99", "name": "新居民", "phone": None, "added": "2026-06-30"})])
        with pytest.raises(BadFile, match="holds the key 'activity' twice"):
            store.commit()  # the old bytes are gone from the new file: encoded again, so checked first
    finally:
        store.close()


@pytest.mark.parametrize("piece", [300, 10**9])
def test_a_record_held_twice_is_found_whether_its_copies_share_a_piece_or_not(served, monkeypatch, tmp_path, piece):
    raw = served.db.read_bytes()
    start, value, end = file_store.table_layout(raw)["volunteer_records"]
    records = raw[start:end]
    at = records.index(b'\n    "1": {')
    one = records[at : records.index(b"\n    }", at) + 6]
    closing = records.rindex(b"\n  }")
    spoiled = raw[:start] + records[:closing] + b"," + one + records[closing:] + raw[end:]  # "1" again, last
    path = tmp_path / "spoiled.json"
    path.write_bytes(spoiled)
    monkeypatch.setattr(file_store, "PARSE_PIECE", piece)
    source = file_store.FileBytes(path)
    try:
        _start, value, end = file_store.table_layout(spoiled)["volunteer_records"]
        parsed, exact = file_store._parse_value(source, value, end, check=True)
        assert not exact  # (held as rows, the two copies are both kept; as a dict, the last)
        assert set(parsed) == {"1", "2", "3"} and len(parsed) == (4 if type(parsed) is Rows else 3)
    finally:
        source.close()


def test_a_layout_that_fools_the_scan_reads_as_it_always_did(served):
    raw = served.db.read_bytes()
    # a hand edit: one person's record moved two spaces left, where only table names stand
    start, _value, end = file_store.table_layout(raw)["people"]
    people = raw[start:end]
    fooled = people.replace(b'\n    "2": {', b'\n  "2": {', 1)
    assert fooled != people
    served.db.write_bytes(raw[:start] + fooled + raw[end:])
    assert [p["name"] for p in served.json("person", "list")] == ["王芳", "李娜"]
    assert served.new_id("person", "add", "周八") == "p3"
    assert [p["name"] for p in served.json("person", "list")] == ["王芳", "李娜", "周八"]
    assert served.json("check")["ok"]


def test_a_reader_keeps_the_version_it_opened_while_a_writer_replaces_the_file(served):
    store = file_store.Store.open(served.db, write=False)
    try:
        served.ok("person", "add", "周八")  # renamed over the file while the reader is open
        served.ok("volunteer", "log", "李娜", "--date", "2026-05-09", "--hours", "1", "--activity", "z")
        assert [d["name"] for d in store.documents("people").values()] == ["王芳", "李娜"]
        assert len(store.documents("volunteer_records")) == 3
    finally:
        store.close()


def test_a_file_shortened_in_place_while_read_is_a_named_problem(served):
    source = file_store.FileBytes(served.db)
    try:
        size = source.size
        with open(served.db, "r+b") as f:  # another program truncating the file where it stands
            f.truncate(size // 2)
        with pytest.raises(BadFile, match="changed while hive was reading it"):
            source.read(0, size)
    finally:
        source.close()


def test_a_closed_store_still_reads_its_unread_tables_from_the_version_it_opened(served):
    store = file_store.Store.open(served.db, write=False)
    store.documents("center")
    store.close()  # a command may print from its ledger after closing it; the web keeps a ledger to serve
    served.ok("volunteer", "log", "李娜", "--date", "2026-05-09", "--hours", "1", "--activity", "z")
    assert len(store.documents("volunteer_records")) == 3
    assert [d["name"] for d in store.snapshot()["people"].values()] == ["王芳", "李娜"]


@pytest.mark.parametrize("kernel", ["copies", "cannot copy"])
def test_the_tables_not_read_are_copied_file_to_file(served, monkeypatch, kernel):
    import errno
    import os

    calls = []
    copy = os.copy_file_range

    def copy_or_refuse(*args, **kwargs):
        calls.append(args)
        if kernel == "cannot copy":  # another file system, an old kernel: read and written instead
            raise OSError(errno.EXDEV, "cross-device")
        return copy(*args, **kwargs)

    monkeypatch.setattr(os, "copy_file_range", copy_or_refuse)
    monkeypatch.setattr(file_store, "VERIFY_COMMITS", False)  # (the tests' check would join the pieces)
    before = served.db.read_bytes()
    served.ok("org", "add", "新组织")
    assert calls
    after = served.db.read_bytes()
    assert entry(after, "volunteer_records") == entry(before, "volunteer_records")
    assert orjson.loads(after)["organizations"]["2"]["name"] == "新组织"


def test_a_folder_refused_leaves_no_descriptor_to_close_twice(tmp_path):
    """The refused folder's descriptor was closed, then closed again when the object went: by then its
    number belonged to another file (a test's captured output, a server's socket)."""
    import gc
    import os

    try:
        file_store.FileBytes(tmp_path)
    except BadFile as exc:
        refused = exc  # the traceback keeps the half-made object alive, as a command's error report does
    other = os.open(tmp_path / "other.txt", os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        del refused
        gc.collect()
        os.write(other, b"still open")
    finally:
        os.close(other)
