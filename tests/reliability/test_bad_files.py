"""Bad center files: every command says which file and what is wrong, in one line, and overwrites nothing.

Empty, truncated, not JSON, JSON of the wrong shape, a newer schema, damaged
records; and a file edited by hand with a dangling reference, which reads
fine but fails ``hive check``.
"""

from __future__ import annotations

import json

import pytest

COMMANDS = [
    ("org", "list"),
    ("org", "add", "艺舞人生艺术团"),
    ("person", "add", "李娜"),
    ("settings", "set", "core.busy_timeout", "1"),
    ("export", "--show-personal"),
    ("backup",),
    ("init", "新中心"),
]
RECORD_LEVEL = {"no-center-record", "damaged-center-record"}  # the file reads; a record does not


@pytest.fixture
def valid(hive) -> bytes:
    hive.ok("org", "add", "阅翼成长阅读俱乐部")
    hive.ok("person", "add", "王芳", "--phone", "13812345678")
    hive.ok("member", "add", "o1", "王芳", "--backbone")
    return hive.db.read_bytes()


def reshape(change):
    def apply(raw: bytes) -> bytes:
        data = json.loads(raw)
        change(data)
        return json.dumps(data, ensure_ascii=False).encode()

    return apply


CASES = {
    "empty": (lambda raw: b"", "the file is empty"),
    "blank": (lambda raw: b"\n\n  \n", "the file is empty"),
    "truncated": (lambda raw: raw[: len(raw) // 2], "not valid JSON"),
    "truncated-by-one": (lambda raw: raw.rstrip()[:-1], "not valid JSON"),
    "not-json": (lambda raw: b"hive center\n", "not valid JSON at line 1"),
    "binary": (lambda raw: bytes(range(256)), "not valid JSON"),
    "a-list": (lambda raw: b"[1, 2, 3]", "not a hive center file"),
    "no-schema": (reshape(lambda d: d.pop("_hive")), "not a hive center file"),
    "schema-not-a-number": (reshape(lambda d: d["_hive"]["1"].update(schema="1")), "not a hive center file"),
    "newer-schema": (reshape(lambda d: d["_hive"]["1"].update(schema=2)), "newer hive (schema 2, this hive knows 1)"),
    "table-not-a-mapping": (reshape(lambda d: d.update(people=[1, 2])), "table 'people' is damaged"),
    "record-not-a-mapping": (reshape(lambda d: d["people"].update({"1": "王芳"})), "table 'people' is damaged"),
    "no-center-record": (reshape(lambda d: d.pop("center")), "the center record is missing"),
    "damaged-center-record": (reshape(lambda d: d["center"]["1"].pop("name")), "the center record is damaged"),
}


def folder_listing(hive) -> set[str]:
    return {p.name for p in hive.db.parent.iterdir() if not p.name.endswith(".lock")}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_file_is_named_with_its_problem_and_left_untouched(hive, valid, case):
    spoil, expected = CASES[case]
    content = spoil(valid)
    hive.db.write_bytes(content)
    listing = folder_listing(hive)
    for args in COMMANDS:
        if case in RECORD_LEVEL and args == ("backup",):
            continue  # a backup copies any file that reads as a center, damaged records and all (see below)
        result = hive.fails(*args)  # one line, non-zero, bytes unchanged
        line = result.stderr.strip()
        assert str(hive.db) in line, (args, line)
        if args[0] != "init":
            assert expected in line, (args, line)
        assert result.exit_code != 70, line  # never an internal error
    assert hive.db.read_bytes() == content
    assert folder_listing(hive) == listing  # no backup, no temp file, no new file


def test_a_backup_rescues_a_file_whose_records_are_damaged(hive, valid, tmp_path):
    data = json.loads(valid)
    data["people"]["1"]["added"] = "yesterday"
    hive.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    hive.ok("backup", str(tmp_path / "rescued.json"))
    assert (tmp_path / "rescued.json").read_bytes() == hive.db.read_bytes()


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["people"]["1"].update(added="yesterday"),
        lambda d: d["organizations"]["1"].update(joined=20260105),
        lambda d: d["memberships"]["1"].update(unexpected="field"),
    ],
    ids=["bad-date", "number-for-date", "stray-field"],
)
def test_a_damaged_record_is_named_by_reading_and_writing_commands_and_by_check(hive, valid, change):
    data = json.loads(valid)
    change(data)
    hive.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = hive.db.read_bytes()
    for args in [("org", "show", "o1"), ("member", "add", "o1", "王芳"), ("export",)]:
        result = hive.fails(*args)
        assert str(hive.db) in result.stderr and "is damaged" in result.stderr, (args, result.stderr)
    result = hive("check")
    assert result.exit_code == 1 and "does not read as a record" in result.stdout
    assert hive.db.read_bytes() == before


def test_a_dangling_reference_edited_by_hand(hive, valid, tmp_path):
    hive.ok("advance", "o1", "--to", "backbone_training", "--force", "--reason", "x")
    data = json.loads(hive.db.read_bytes())
    data["memberships"]["1"]["person"] = "p42"
    hive.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = hive.db.read_bytes()
    result = hive("check")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{hive.db}: ")
    assert "memberships" in result.stdout and "no record p42 in people" in result.stdout
    assert hive.db.read_bytes() == before
    # the review stumbles on it: one line naming the file and sending the user to hive check
    result = hive.fails("review")
    assert result.stderr == f"hive: {hive.db}: no people with id 'p42', yet a record refers to it; run 'hive check'\n"
    # a full export still rescues the data; importing it names the problem and writes nothing
    exported = tmp_path / "e.json"
    hive.ok("export", "--show-personal", "--out", str(exported))
    result = hive.fails("import", str(exported), "--db", str(tmp_path / "new.json"))
    assert "memberships m1: person: no record p42 in people" in result.stderr
    assert not (tmp_path / "new.json").exists()


def test_a_folder_where_the_file_should_be(hive, tmp_path):
    folder = tmp_path / "center.json"
    folder.mkdir()
    result = hive.fails("--db", str(folder), "org", "list")
    assert result.stderr == f"hive: {folder} is a folder, not a center file\n"
