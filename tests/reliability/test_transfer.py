"""``hive backup``, ``hive export``, ``hive import`` and schema migrations."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys

import pytest
from click.testing import CliRunner

from hive import store
from hive.cli import cli

PHONE = "13812345678"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def center(hive):
    hive.ok("org", "add", "阅翼成长阅读俱乐部", "--joined", "2026-01-05")
    hive.ok("person", "add", "王芳", "--phone", PHONE)
    hive.ok("member", "add", "o1", "王芳", "--backbone", "--since", "2026-01-05")
    hive.ok("record", "training", "o1", "--date", "2026-02-01", "--hours", "2.5", "--topic", "骨干", "--attendee", "p1")
    return hive


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory):
    """A demo center with every bundled plugin enabled, and its full export."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.json"
    env = {"HIVE_TODAY": "2026-06-30", "HIVE_LANG": "en"}
    assert CliRunner().invoke(cli, ["--db", str(db), "demo"], env=env).exit_code == 0
    result = CliRunner().invoke(cli, ["--db", str(db), "export", "--show-personal"], env=env)
    assert result.exit_code == 0
    return db, result.stdout_bytes


# -- backup ---------------------------------------------------------------------------------------


def test_backup_default_name_has_a_timestamp_and_sits_next_to_the_file(center):
    out = center.ok("backup").strip()
    assert re.fullmatch(re.escape(str(center.db.parent)) + r"/hive\.backup-\d{8}T\d{6}\+0800\.json", out)
    assert open(out, "rb").read() == center.db.read_bytes()
    second = center.ok("backup").strip()  # same second: a new name, never the first one overwritten
    assert second != out and os.path.exists(out)


def test_backup_to_a_path_or_a_folder_and_never_over_a_file(center, tmp_path):
    dest = tmp_path / "copies"
    dest.mkdir()
    assert center.ok("backup", str(dest / "a.json")).strip() == str(dest / "a.json")
    assert center.ok("backup", str(dest)).strip().startswith(str(dest / "hive.backup-"))
    before = (dest / "a.json").read_bytes()
    center.ok("org", "add", "艺舞人生艺术团")
    result = center.fails("backup", str(dest / "a.json"))
    assert result.stderr == f"hive: {dest / 'a.json'} already exists; it is left as it is\n"
    assert (dest / "a.json").read_bytes() == before
    assert center.fails("backup", str(center.db)).exit_code == 4  # not even over the center itself


def test_a_backup_is_a_working_center_with_the_same_mode(center, tmp_path):
    os.chmod(center.db, 0o600)
    dest = tmp_path / "b.json"
    center.ok("backup", str(dest))
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600  # personal data stays as private as it was
    assert run("--db", str(dest), "org", "list", "--json").exit_code == 0


def test_backup_waits_for_the_writer_lock(center, tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time,filelock; l=filelock.FileLock(sys.argv[1]+'.lock'); l.acquire(); print('HELD', flush=True); time.sleep(60)",
            str(center.db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "HELD"
        result = center.fails("backup", str(tmp_path / "b.json"), env={"HIVE_BUSY_TIMEOUT": "0.2"})
        assert "center is busy" in result.stderr
        assert not (tmp_path / "b.json").exists()
    finally:
        holder.kill()
        holder.wait(10)


# -- export ---------------------------------------------------------------------------------------


def test_export_masks_personal_data_unless_asked(center):
    masked = json.loads(center.ok("export"))
    assert masked["personal"] == "masked"
    assert masked["collections"]["people"][0]["phone"] == "***"  # the whole value (issue 12, item 10)
    full = json.loads(center.ok("export", "--show-personal"))
    assert full["personal"] == "included"
    assert full["collections"]["people"][0]["phone"] == PHONE
    assert PHONE not in center.ok("export")


def test_export_document_shape(center):
    doc = json.loads(center.ok("export", "--show-personal"))
    assert doc["format"] == "hive-export" and doc["format_version"] == 1 and doc["schema"] == 1
    assert doc["center"]["name"] == "测试中心"
    assert [r["id"] for r in doc["collections"]["memberships"]] == ["m1"]
    assert doc["collections"]["trainings"][0]["hours"] == 2.5
    assert set(doc["collections"]) == {"changes", "events", "memberships", "organizations", "people", "trainings"}


def test_export_is_deterministic_and_written_atomically_to_out(center, tmp_path):
    out = tmp_path / "export.json"
    assert center.ok("export", "--show-personal", "--out", str(out)).strip() == str(out)
    assert out.read_bytes() == center("export", "--show-personal").stdout_bytes
    assert center("export").stdout_bytes == center("export").stdout_bytes
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(store.TEMP_SUFFIX)]


def test_export_never_writes_over_the_center(center):
    result = center.fails("export", "--out", str(center.db))
    assert "is the center file itself" in result.stderr


def test_a_masked_export_leaves_out_tables_it_cannot_mask(center):
    data = json.loads(center.db.read_text(encoding="utf-8"))
    data["mystery_records"] = {"1": {"id": "mr1", "secret": "身份证 440300199001011234"}}
    center.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    masked = json.loads(center.ok("export"))
    assert "mystery_records" not in masked["collections"] and masked["omitted"] == ["mystery_records"]
    full = json.loads(center.ok("export", "--show-personal"))
    assert full["collections"]["mystery_records"] == [{"id": "mr1", "secret": "身份证 440300199001011234"}]


# -- import ---------------------------------------------------------------------------------------


def test_export_import_export_is_byte_identical_with_every_plugin(demo_export, tmp_path):
    db, exported = demo_export
    doc = json.loads(exported)
    assert {"volunteer", "party", "resource"} <= set(doc["center"]["plugins"])
    assert any(not t.startswith(("organizations", "people")) and "_" in t for t in doc["collections"])
    (tmp_path / "e.json").write_bytes(exported)
    new = tmp_path / "restored.json"
    result = run("import", str(tmp_path / "e.json"), "--db", str(new))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == str(new)
    again = run("--db", str(new), "export", "--show-personal")
    assert again.stdout_bytes == exported
    # the restored file holds exactly the original's records
    assert json.loads(new.read_bytes()) == json.loads(db.read_bytes())


def test_import_refuses_to_overwrite(center, tmp_path):
    exported = tmp_path / "e.json"
    center.ok("export", "--show-personal", "--out", str(exported))
    result = center.fails("import", str(exported), "--db", str(center.db))
    assert "already exists; hive import never overwrites a file" in result.stderr
    assert center.fails("import", str(exported)).exit_code == 4  # the global --db: the same center


def test_import_refuses_a_masked_export(center, tmp_path):
    exported = tmp_path / "masked.json"
    center.ok("export", "--out", str(exported))
    new = tmp_path / "new.json"
    result = center.fails("import", str(exported), "--db", str(new))
    assert result.stderr == (
        f"hive: {exported} is a masked export (personal data hidden) and cannot restore a center; "
        "export again with 'hive export --show-personal'\n"
    )
    assert not new.exists() and not os.path.exists(f"{new}.lock")


def _doc(center):
    return json.loads(center.ok("export", "--show-personal"))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: "not json", "not valid JSON at line 1"),
        (lambda d: [], "not a hive export"),
        (lambda d: {**d, "format": "other"}, "not a hive export"),
        (lambda d: {**d, "format_version": 2}, "newer hive (export format 2, this hive reads 1)"),
        (lambda d: {**d, "schema": 99}, "newer hive (schema 99, this hive knows 1)"),
        (lambda d: {**d, "personal": "maybe"}, "'personal' must be"),
        (lambda d: {**d, "collections": []}, "'collections' is missing or not a mapping"),
        (lambda d: {**d, "collections": {**d["collections"], "people": {"1": {}}}}, "not a list of records"),
        (lambda d: {**d, "collections": {**d["collections"], "center": []}}, "cannot be a collection name"),
        (
            lambda d: {**d, "collections": {**d["collections"], "people": d["collections"]["people"] * 2}},
            "two records of 'people' have the number 1",
        ),
        (
            lambda d: {**d, "collections": {**d["collections"], "people": [{"name": "王芳"}]}},
            "a record of 'people' has no valid id",
        ),
        (
            lambda d: {**d, "collections": {**d["collections"], "people": []}},
            "problem(s), nothing imported; the first: memberships m1: person: no record p1 in people",
        ),
        (lambda d: {k: v for k, v in d.items() if k != "center"}, "the center record is missing"),
    ],
)
def test_import_validates_the_document_first(center, tmp_path, change, expected):
    source = tmp_path / "e.json"
    changed = change(_doc(center))
    source.write_text(changed if isinstance(changed, str) else json.dumps(changed, ensure_ascii=False), "utf-8")
    new = tmp_path / "new.json"
    result = center.fails("import", str(source), "--db", str(new))
    assert str(source) in result.stderr and expected in result.stderr
    assert not new.exists() and not os.path.exists(f"{new}.lock")


def test_import_of_a_missing_file(center, tmp_path):
    assert center.fails("import", str(tmp_path / "nope.json"), "--db", str(tmp_path / "n.json")).exit_code == 3


# -- schema migrations ----------------------------------------------------------------------------


def rename_kind_to_category(data):
    for doc in data.get("organizations", {}).values():
        doc["category"] = doc.pop("kind")
    return data


@pytest.fixture
def schema_2(monkeypatch):
    """A hive that knows schema 2, reached from schema 1 by a step that renames a field."""
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store.MIGRATIONS, 1, rename_kind_to_category)


def test_migration_keeps_the_old_file_before_writing_the_new_one(center, schema_2, monkeypatch):
    old = center.db.read_bytes()
    from hive.ledger import Ledger
    from hive.models import Person

    with store.opened(center.db, write=True) as opened:
        assert opened.schema == 2
        assert opened.documents("organizations")["1"]["category"] == ""
        ledger = Ledger(opened, operator="t")
        ledger.add(Person(id="", name="李娜"))
        ledger.commit()
    backup = center.db.with_name("hive.json.schema-1.backup")
    assert backup.read_bytes() == old
    data = json.loads(center.db.read_bytes())
    assert data["_hive"]["1"]["schema"] == 2 and "category" in data["organizations"]["1"]
    assert stat.S_IMODE(os.stat(backup).st_mode) == stat.S_IMODE(os.stat(center.db).st_mode)


def test_reading_an_old_file_migrates_in_memory_only(center, schema_2):
    before = center.db.read_bytes()
    with store.opened(center.db, write=False) as opened:
        assert "category" in opened.documents("organizations")["1"]
    assert center.db.read_bytes() == before
    assert not center.db.with_name("hive.json.schema-1.backup").exists()


def test_a_second_migration_attempt_keeps_one_backup(center, schema_2):
    for name in ("李娜", "张伟"):
        with store.opened(center.db, write=True) as opened:
            opened.insert("people", [(len(opened.documents("people")) + 1, {"id": "px", "name": name})])
            if name == "李娜":
                continue  # no commit: the migrated file is not written, nor its backup
            opened.commit()
    backups = sorted(p.name for p in center.db.parent.iterdir() if ".backup" in p.name)
    assert backups == ["hive.json.schema-1.backup"]


def test_a_failing_migration_step_writes_nothing(center, monkeypatch):
    def broken(data):
        raise KeyError("organizations")

    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store.MIGRATIONS, 1, broken)
    result = center.fails("org", "add", "艺舞人生艺术团")
    assert "updating from schema 1 failed: KeyError" in result.stderr and str(center.db) in result.stderr


def test_a_missing_migration_step_is_a_clear_error(center, monkeypatch):
    monkeypatch.setattr(store, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(store.MIGRATIONS, 1, rename_kind_to_category)
    result = center.fails("org", "list")
    assert "schema 1 cannot be brought up to date by this hive (no step from schema 2)" in result.stderr


def test_import_of_an_older_export_migrates_it(center, tmp_path, monkeypatch):
    exported = tmp_path / "e.json"
    center.ok("export", "--show-personal", "--out", str(exported))
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store.MIGRATIONS, 1, lambda data: data)
    new = tmp_path / "new.json"
    center.ok("import", str(exported), "--db", str(new))
    assert json.loads(new.read_bytes())["_hive"]["1"]["schema"] == 2


KILLED_IMPORT = """
import os, sys, time
db, source, ready = sys.argv[1], sys.argv[2], sys.argv[3]
real_fsync = os.fsync
def slow_fsync(fd):
    real_fsync(fd)
    open(ready, "w").close()  # the new center is in its temp file: tell the parent
    time.sleep(30)            # and wait to be killed before it gets its name
os.fsync = slow_fsync
from hive.cli import main
sys.argv = ["hive", "import", source, "--db", db]
main()
"""


def test_a_killed_import_leaves_no_half_center_and_can_be_run_again(center, tmp_path, rel):
    import signal
    import time

    exported = tmp_path / "e.json"
    center.ok("export", "--show-personal", "--out", str(exported))
    new, ready = tmp_path / "new.json", tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, str(new), str(exported), str(ready)], env=rel.child_env()
    )
    try:
        deadline = time.monotonic() + 20
        while not ready.exists():
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert not new.exists()  # never a half-restored center under the new name
    center.ok("import", str(exported), "--db", str(new))
    assert run("--db", str(new), "export", "--show-personal").stdout_bytes == exported.read_bytes()


def test_a_migration_step_returning_nonsense_writes_nothing(center, monkeypatch):
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store.MIGRATIONS, 1, lambda data: None)
    result = center.fails("org", "add", "艺舞人生艺术团")
    assert "updating from schema 1 failed: TypeError: the step returned NoneType" in result.stderr


def test_a_masked_export_of_the_demo_shows_no_phone_or_id_number(demo_export):
    db, full = demo_export
    masked = run("--db", str(db), "export").stdout
    phones_or_ids = re.compile(r"(?<!\d)(1[3-9]\d{9}|\d{17}[\dX])(?!\d)")
    assert phones_or_ids.search(full.decode())  # the demo has personal data...
    assert not phones_or_ids.search(masked)  # ...and the masked export shows none of it
    assert json.loads(masked)["personal"] == "masked"


def test_records_of_an_uninstalled_plugin_survive_export_and_import(center, tmp_path):
    data = json.loads(center.db.read_text(encoding="utf-8"))
    data["gone_records"] = {"1": {"id": "g1", "note": "甲"}, "3": {"id": "g3", "note": "乙"}}
    center.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    exported = tmp_path / "e.json"
    center.ok("export", "--show-personal", "--out", str(exported))
    new = tmp_path / "new.json"
    center.ok("import", str(exported), "--db", str(new))
    assert json.loads(new.read_bytes())["gone_records"] == data["gone_records"]
    assert run("--db", str(new), "export", "--show-personal").stdout_bytes == exported.read_bytes()
