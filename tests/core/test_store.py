"""The center file: init, missing and damaged files, schema, atomic writes, two writers, the event log."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from hive.cli import cli


def run(*args: str, env: dict[str, str] | None = None):
    """``hive`` as a user runs it: no test App, options and environment only."""
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


# -- init -------------------------------------------------------------------------------------


def test_init_creates_a_readable_center(tmp_path):
    path = tmp_path / "c.json"
    result = run("--db", str(path), "init", "益田社区党群服务中心", "--district", "福田区", "--community", "益田社区")
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert "益田社区党群服务中心" in text  # UTF-8, Chinese not escaped
    data = json.loads(text)
    assert data["_hive"]["1"]["schema"] == 1
    assert data["center"]["1"]["plugins"] == []  # a new center starts with no plugin enabled
    assert data["center"]["1"]["created"] == "2026-06-30"


def test_init_refuses_to_overwrite(hive):
    result = hive.fails("init", "另一个中心")
    assert "already exists" in result.stderr and str(hive.db) in result.stderr


def test_init_in_a_missing_folder_creates_nothing(tmp_path):
    path = tmp_path / "typo" / "c.json"
    result = run("--db", str(path), "init", "中心")
    assert result.exit_code != 0 and "does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_hive_db_environment_variable(tmp_path):
    path = tmp_path / "env.json"
    assert run("init", "中心", env={"HIVE_DB": str(path)}).exit_code == 0
    assert run("org", "add", "读书会", env={"HIVE_DB": str(path)}).stdout.strip() == "o1"
    assert "读书会" in path.read_text(encoding="utf-8")


# -- no center, damaged files ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("org", "list"), ("org", "add", "读书会"), ("review",), ("settings", "set", "core.intake.min_members", "2")],
)
def test_no_center_points_to_init_and_creates_nothing(tmp_path, args):
    path = tmp_path / "missing.json"
    result = run("--db", str(path), *args)
    assert result.exit_code != 0
    assert result.stderr.strip().splitlines() == [
        f"hive: no center at {path}: create one with 'hive init NAME' or point --db at one"
    ]
    assert list(tmp_path.iterdir()) == []  # no file, no lock file


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"  \n", "the file is empty"),
        (b'{"center": {"1": {"name": "x"}', "not valid JSON at line 1"),
        (b"\xff\xfe garbage", "not valid JSON"),
        (b'{"_default": {}}', "not a hive center file"),
        (b"[1, 2]", "not a hive center file"),
    ],
)
def test_a_damaged_file_is_reported_with_its_path_and_left_untouched(tmp_path, content, expected):
    path = tmp_path / "c.json"
    path.write_bytes(content)
    for args in [("org", "list"), ("org", "add", "读书会"), ("init", "中心"), ("demo",)]:
        result = run("--db", str(path), *args)
        assert result.exit_code != 0, args
        (line,) = result.stderr.strip().splitlines()
        assert str(path) in line
        if args[0] not in ("init", "demo"):
            assert expected in line
        assert path.read_bytes() == content


def test_a_damaged_record_is_reported(hive):
    data = json.loads(hive.db.read_text(encoding="utf-8"))
    data["organizations"] = {"1": {"id": "o1", "name": "读书会", "joined": "2026-13-45"}}
    hive.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = hive.fails("org", "list")
    assert "record 1 of 'organizations' is damaged" in result.stderr and str(hive.db) in result.stderr


def test_a_damaged_record_key_is_reported(hive):
    data = json.loads(hive.db.read_text(encoding="utf-8"))
    data["organizations"] = {"x1": {"id": "o1", "name": "读书会", "joined": "2026-01-05"}}
    hive.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "record x1 of 'organizations' is damaged" in hive.fails("org", "list").stderr


def test_a_newer_schema_is_refused(hive):
    data = json.loads(hive.db.read_text(encoding="utf-8"))
    data["_hive"]["1"]["schema"] = 2
    hive.db.write_text(json.dumps(data), encoding="utf-8")
    result = hive.fails("org", "add", "读书会")
    assert "newer hive (schema 2, this hive knows 1)" in result.stderr


# -- the event log -----------------------------------------------------------------------------


def test_event_log_records_the_operator(tmp_path, monkeypatch):
    import getpass

    path = str(tmp_path / "c.json")
    monkeypatch.setattr(getpass, "getuser", lambda: "os-login")
    assert run("--db", path, "init", "中心").exit_code == 0
    run("--db", path, "--operator", "李社工", "org", "add", "读书会")
    run("--db", path, "person", "add", "王芳", env={"HIVE_OPERATOR": "王社工"})
    run("--db", path, "--operator", "张社工", "person", "add", "李娜", env={"HIVE_OPERATOR": "王社工"})
    events = json.loads(run("--db", path, "events", "--json").stdout)
    assert [(e["operator"], e["action"], e["record"]) for e in events] == [
        ("os-login", "init", ""),
        ("李社工", "org add", "o1"),
        ("王社工", "person add", "p1"),
        ("张社工", "person add", "p2"),
    ]
    assert all(e["at"].endswith("+08:00") for e in events)  # the center's clock (core.timezone, Asia/Shanghai)


def test_event_log_of_a_stage_change(hive, club):
    hive.ok("--operator", "陈社工", "advance", club, "--to", "backbone_training", "--reason", "骨干已确定")
    last = hive.json("events")[-2:]
    assert [(e["operator"], e["action"]) for e in last] == [("陈社工", "advance"), ("陈社工", "advance")]
    assert hive.json("history", club)[0]["operator"] == "陈社工"


# -- atomic writes -----------------------------------------------------------------------------


def test_a_failed_replace_leaves_the_old_file(hive, club, monkeypatch):
    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    result = hive.fails("org", "add", "艺舞人生艺术团")
    assert "disk full" in result.stderr and "previous file is intact" in result.stderr
    monkeypatch.undo()
    assert [p.name for p in hive.db.parent.iterdir() if p.name.endswith(".hive-tmp")] == []
    assert [o["name"] for o in hive.json("org", "list")] == ["阅翼成长阅读俱乐部"]


KILLED_WRITER = """
import os, sys, time
from hive import store
db, ready = sys.argv[1], sys.argv[2]
real_fsync = os.fsync
def slow_fsync(fd):
    real_fsync(fd)
    open(ready, "w").close()         # the new bytes are in the temp file: tell the parent
    time.sleep(30)                   # and wait to be killed before os.replace
store.os.fsync = slow_fsync
from hive.cli import main
sys.argv = ["hive", "--db", db, "org", "add", "艺舞人生艺术团"]
main()
"""


def test_a_writer_killed_mid_write_leaves_the_old_file(hive, club, tmp_path):
    before = hive.db.read_bytes()
    ready = tmp_path / "ready"
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(hive.db), str(ready)])
    try:
        deadline = time.monotonic() + 20
        while not ready.exists():
            assert child.poll() is None, "the writer ended before it was killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert hive.db.read_bytes() == before
    assert any(p.name.endswith(".hive-tmp") for p in tmp_path.iterdir())  # the dead writer's temp file
    hive.ok("org", "add", "多彩多意书画院")  # the next writer cleans it up
    assert not any(p.name.endswith(".hive-tmp") for p in tmp_path.iterdir())
    assert [o["name"] for o in hive.json("org", "list")] == ["阅翼成长阅读俱乐部", "多彩多意书画院"]


# -- two writers at once ---------------------------------------------------------------------------


def _add_people(db: str, prefix: str, count: int, out) -> None:
    os.environ["HIVE_NO_PLUGINS"] = "1"
    ids = []
    for k in range(count):
        result = run("--db", db, "person", "add", f"{prefix}{k}")
        ids.append((result.exit_code, result.stdout.strip()))
    out.put(ids)


def test_two_processes_writing_at_once_lose_no_update(hive):
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    workers = [ctx.Process(target=_add_people, args=(str(hive.db), prefix, 15, out)) for prefix in ("甲", "乙")]
    for w in workers:
        w.start()
    results = [out.get(timeout=60) for _ in workers]
    for w in workers:
        w.join(10)
    assert all(code == 0 for r in results for code, _id in r)
    printed = sorted(i for r in results for _c, i in r)
    people = hive.json("person", "list")
    assert len(people) == 30 == len(set(printed))
    assert sorted(p["id"] for p in people) == printed
    assert {p["name"] for p in people} == {f"{x}{k}" for x in "甲乙" for k in range(15)}
