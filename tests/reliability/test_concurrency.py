"""Concurrency: several processes writing one center at once lose nothing; a long wait ends in "center is busy".

The writers are real processes (``driver.py``, the ``hive`` command line run
in a loop) started together against the same file.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter

import pytest

PROCESSES = 4
COMMANDS = 25
BUSY = "center is busy"

HOLD_LOCK = """
import sys, time, filelock
lock = filelock.FileLock(sys.argv[1] + ".lock")
lock.acquire()
print("HELD", flush=True)
time.sleep(60)
"""


def has_volunteer_log() -> bool:
    from hive.cli import cli

    with cli.make_context("hive", ["--help"], resilient_parsing=True) as ctx:
        group = cli.get_command(ctx, "volunteer")
        return group is not None and {"add", "log"} <= set(getattr(group, "commands", {}))


def prepare(hive, with_volunteer: bool) -> str:
    """o1 and p1 for the trainings (with the plugins: p1 a volunteer; party and resource enabled); returns the
    driver's kinds."""
    hive.ok("org", "add", "阅翼成长阅读俱乐部")
    hive.ok("person", "add", "王芳")
    kinds = "org,person,training"
    if with_volunteer:
        hive.enable("volunteer")
        hive.ok("volunteer", "add", "p1")
        hive.enable("party", "resource")
        kinds += ",volunteer,party,resource"
    return kinds


def run_writers(rel, db, kinds: str, **env: str):
    children = [rel.start_driver(db, f"W{i}", COMMANDS, kinds, **env) for i in range(PROCESSES)]
    acks, failures = [], []
    try:
        for child in children:
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
            a, f = rel.parse_lines(out)
            acks += a
            failures += f
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    return acks, failures


@pytest.mark.parametrize("with_volunteer", [False, True], ids=["core", "plugins"])
def test_four_processes_writing_at_once_keep_all_100_records(hive, rel, with_volunteer):
    if with_volunteer and not has_volunteer_log():
        pytest.skip("the volunteer plugin has no 'hive volunteer log' yet")
    kinds = prepare(hive, with_volunteer)
    acks, failures = run_writers(rel, hive.db, kinds, HIVE_BUSY_TIMEOUT="60")
    assert failures == []
    assert len(acks) == PROCESSES * COMMANDS == 100
    assert len({record_id for _k, _l, record_id in acks}) == 100  # no id handed out twice
    present = rel.labels_in(hive.db)
    for _kind, label, record_id in acks:
        assert present[label] == record_id
    assert Counter(kind for kind, _l, _i in acks) == Counter(
        kinds.split(",")[n % len(kinds.split(","))] for _w in range(PROCESSES) for n in range(COMMANDS)
    )
    assert hive.json("check")["ok"]


MIXED_WRITERS = 8
MIXED_COMMANDS = 12


def test_eight_processes_mixing_core_and_plugin_commands_keep_every_record(hive, rel, capsys):
    """8 writers at once, each starting the core and plugin kinds at a different one (issue 12)."""
    if not has_volunteer_log():
        pytest.skip("the volunteer plugin has no 'hive volunteer log' yet")
    kinds = prepare(hive, True).split(",")
    mixes = [",".join(kinds[i % len(kinds) :] + kinds[: i % len(kinds)]) for i in range(MIXED_WRITERS)]
    started = time.monotonic()
    children = [
        rel.start_driver(hive.db, f"M{i}", MIXED_COMMANDS, mix, HIVE_BUSY_TIMEOUT="120") for i, mix in enumerate(mixes)
    ]
    acks, failures = [], []
    try:
        for child in children:
            out, err = child.communicate(timeout=300)
            assert child.returncode == 0, err
            a, f = rel.parse_lines(out)
            acks += a
            failures += f
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    assert failures == []
    assert len(acks) == MIXED_WRITERS * MIXED_COMMANDS
    assert len({record_id for _k, _l, record_id in acks}) == len(acks)  # no id handed out twice
    present = rel.labels_in(hive.db)
    for _kind, label, record_id in acks:
        assert present[label] == record_id
    assert set(Counter(kind for kind, _l, _i in acks)) == set(kinds)  # core and plugin commands both ran
    assert hive.json("check")["ok"]
    with capsys.disabled():
        print(f"\n[mixed writers] {MIXED_WRITERS} x {MIXED_COMMANDS} writes in {time.monotonic() - started:.1f} s")


def test_without_waiting_a_writer_fails_only_with_center_is_busy(hive, rel, capsys):
    kinds = prepare(hive, False)
    acks, failures = run_writers(rel, hive.db, kinds, HIVE_BUSY_TIMEOUT="0")
    for line in failures:  # FAIL <kind> <label> <code> <message>
        _fail, _kind, _label, code, message = line.split(" ", 4)
        assert code == "7" and message.startswith(f"hive: {BUSY}") and "\n" not in message
    assert len(acks) + len(failures) == 100
    present = rel.labels_in(hive.db)
    assert {label: i for _k, label, i in acks} == present  # every success is there, no failure is
    with capsys.disabled():
        print(f"\n[busy test] {len(acks)} writes succeeded, {len(failures)} refused as busy")


@pytest.fixture
def lock_held(hive):
    """Another process holds the center's lock for the length of the test."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(hive.db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "HELD"
        yield holder
    finally:
        holder.kill()
        holder.wait(10)


def timed_failure(hive, *args: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.monotonic()
    result = hive.fails(*args, env=env)
    assert result.exit_code == 7
    return time.monotonic() - start, result.stderr


def test_busy_timeout_from_the_environment(hive, lock_held):
    elapsed, stderr = timed_failure(hive, "org", "add", "艺舞人生艺术团", env={"HIVE_BUSY_TIMEOUT": "0.3"})
    assert stderr.startswith(f"hive: {BUSY}: another hive command holds {hive.db}")
    assert 0.3 <= elapsed < 3


def test_busy_timeout_is_a_center_setting_and_the_environment_wins(hive, rel):
    hive.ok("settings", "set", "core.busy_timeout", "0.4")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(hive.db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "HELD"
        elapsed, _stderr = timed_failure(hive, "org", "add", "艺舞人生艺术团")
        assert 0.4 <= elapsed < 3  # the center's 0.4 s, not the default 10 s
        elapsed, _stderr = timed_failure(hive, "org", "add", "艺舞人生艺术团", env={"HIVE_BUSY_TIMEOUT": "0"})
        assert elapsed < 0.4
        assert hive.ok("org", "list")  # reading needs no lock
    finally:
        holder.kill()
        holder.wait(10)


def test_a_writer_waits_for_the_lock_and_then_writes(hive, rel):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(hive.db)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "HELD"
    writer = subprocess.Popen(
        [sys.executable, "-m", "hive", "--db", str(hive.db), "org", "add", "艺舞人生艺术团"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=rel.child_env(HIVE_BUSY_TIMEOUT="20"),
    )
    time.sleep(0.3)
    assert writer.poll() is None  # waiting, not failed
    holder.kill()
    holder.wait(10)
    out, err = writer.communicate(timeout=20)
    assert writer.returncode == 0, err
    assert out.strip() == "o1"


def test_the_hive_script_says_center_is_busy_in_one_line(hive, rel, lock_held):
    before = hive.db.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "hive", "--db", str(hive.db), "person", "add", "李娜"],
        capture_output=True,
        text=True,
        env=rel.child_env(HIVE_BUSY_TIMEOUT="0.2"),
        timeout=30,
    )
    assert result.returncode == 7
    assert result.stderr.splitlines() == [f"hive: {BUSY}: another hive command holds {hive.db}; try again"]
    assert hive.db.read_bytes() == before


def test_a_busy_center_setting_that_makes_no_sense_falls_back_to_the_default():
    from hive.store import DEFAULT_BUSY_TIMEOUT, busy_timeout

    assert busy_timeout("2.5") == 2.5
    assert busy_timeout(0) == 0
    for nonsense in (-1, "abc", float("nan"), float("inf"), True, None, ""):
        assert busy_timeout(nonsense) == DEFAULT_BUSY_TIMEOUT
