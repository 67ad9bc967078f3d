"""The server store: a center on PostgreSQL reads lazily, writes only what changed, and locks per center."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest


def test_each_center_numbers_its_own_records(district):
    a, b = district.center("海珠中心"), district.center("粤海中心")
    assert a.new_id("org", "add", "阅翼成长阅读俱乐部") == "o1"
    assert b.new_id("org", "add", "艺舞人生艺术团") == "o1"
    assert a.new_id("org", "add", "多彩多意书画院") == "o2"
    assert [o["name"] for o in a.json("org", "list")] == ["阅翼成长阅读俱乐部", "多彩多意书画院"]
    assert [o["name"] for o in b.json("org", "list")] == ["艺舞人生艺术团"]


def test_a_command_reads_only_the_collections_it_needs_and_writes_only_what_changed(district):
    from hive.ledger import Ledger
    from hive.models import Person
    from hive.people import add_person
    from hive.pgstore import ServerStore

    hive = district.center()
    for n in range(30):
        hive.ok("person", "add", f"居民{n}")
    rows = lambda: {  # noqa: E731
        (c, n): xmin for c, n, xmin in district.sql(
            "SELECT collection, number, xmin::text FROM hive_documents WHERE center = %s", (hive.center,)
        )
    }
    before = rows()
    store = ServerStore.open(hive.location, hive.center, write=True)
    try:
        ledger = Ledger(store, operator="tester")
        added = add_person(ledger, "王芳")
        ledger.commit()
        # the event log and the registry were never fetched: numbered by the server's max(number)
        assert store.documents("events")._all is None
        assert store.documents("people")._all is None
    finally:
        store.close()
    after = rows()
    assert added.id == "p31"
    changed = {key for key in after if before.get(key) != after[key]}
    assert all(key not in before for key in changed)  # new rows only: no stored row was rewritten
    assert {("people", 31), ("events", 32)} <= changed
    assert {table for table, _n in changed} <= {"people", "events", "changes"}  # (changes: the undo log)
    with hive.ledger() as ledger:
        assert ledger.where(Person, name="王芳")[0].id == "p31"


def test_where_on_an_indexed_field_fetches_only_the_candidates(district):
    from hive.ledger import Ledger
    from hive.models import Membership
    from hive.pgstore import ServerStore

    hive = district.center()
    org = hive.org("阅翼成长阅读俱乐部", members=3, backbones=1)
    hive.org("艺舞人生艺术团", members=2)
    store = ServerStore.open(hive.location, hive.center, write=False)
    try:
        ledger = Ledger(store, operator="tester")
        found = ledger.where(Membership, org=org)
        assert [m.org for m in found] == [org] * 3
        assert store.documents("memberships")._all is None  # not the whole table
    finally:
        store.close()


def test_a_writer_waits_for_its_center_only_and_readers_never_wait(district, monkeypatch):
    from hive.pgstore import ServerStore

    a, b = district.center(), district.center()
    held = ServerStore.open(a.location, a.center, write=True)  # a writer of A, mid-command
    try:
        monkeypatch.setenv("HIVE_BUSY_TIMEOUT", "0.3")
        started = time.monotonic()
        result = a("org", "add", "阅翼成长阅读俱乐部")
        assert result.exit_code == 7
        assert result.stderr.startswith("hive: center is busy: another hive command is writing center")
        assert len(result.stderr.strip().splitlines()) == 1
        assert time.monotonic() - started < 5
        started = time.monotonic()
        assert b.new_id("org", "add", "艺舞人生艺术团") == "o1"  # another center: no wait
        assert a.json("org", "list") == []  # a reader of A: no wait either
        assert time.monotonic() - started < 5
    finally:
        held.close()
    assert a.new_id("org", "add", "阅翼成长阅读俱乐部") == "o1"


def _run_writers(district, jobs, **env):
    children = [district.driver(code, tag, count, kinds, **env) for code, tag, count, kinds in jobs]
    acks, failures = {}, []
    try:
        for (code, *_rest), child in zip(jobs, children, strict=True):
            out, err = child.communicate(timeout=180)
            assert child.returncode == 0, err
            a, f = district.parse(out)
            acks.setdefault(code, []).extend(a)
            failures += f
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    return acks, failures


def test_four_writers_on_one_center_keep_every_record(district):
    hive = district.center()
    hive.ok("org", "add", "阅翼成长阅读俱乐部")
    hive.ok("person", "add", "王芳")
    jobs = [(hive.center, f"W{i}", 15, "org,person,training") for i in range(4)]
    acks, failures = _run_writers(district, jobs, HIVE_BUSY_TIMEOUT="60")
    assert failures == []
    mine = acks[hive.center]
    assert len(mine) == 60 and len({i for _k, _l, i in mine}) == 60  # no id handed out twice
    present = district.labels(hive.center)
    assert {label: i for _k, label, i in mine} == present
    assert hive.json("check")["ok"]


def test_two_centers_written_in_parallel_keep_their_own_records(district):
    a, b = district.center(), district.center()
    for hive in (a, b):
        hive.ok("org", "add", "阅翼成长阅读俱乐部")
        hive.ok("person", "add", "王芳")
    jobs = [(a.center, f"A{i}", 15, "org,person,training") for i in range(2)]
    jobs += [(b.center, f"B{i}", 15, "org,person,training") for i in range(2)]
    acks, failures = _run_writers(district, jobs, HIVE_BUSY_TIMEOUT="60")
    assert failures == []
    for hive, tag in ((a, "A"), (b, "B")):
        present = district.labels(hive.center)
        assert {label: i for _k, label, i in acks[hive.center]} == present
        assert all(label.startswith(tag) for label in present)  # nothing of the other center
        assert len(present) == 30
        assert hive.json("check")["ok"]


def test_sigkill_at_random_moments_loses_no_acknowledged_record(district, capsys):
    import random

    hive = district.center()
    hive.ok("org", "add", "阅翼成长阅读俱乐部")
    hive.ok("person", "add", "王芳")
    kinds = ("org", "person", "training", "status")
    rng = random.Random(20261202)
    total = 0
    for round_no in range(15):
        tag = f"K{round_no}"
        child = district.driver(hive.center, tag, 0, ",".join(kinds))
        try:
            assert child.stdout.readline().strip() == "READY"
            time.sleep(rng.uniform(0.05, 0.5))
            child.send_signal(signal.SIGKILL)
            out, err = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
        acks, failures = district.parse(out)
        assert failures == [], failures
        total += len(acks)
        report = hive.json("check")
        assert report["ok"], report["problems"]
        present = district.labels(hive.center)
        for _kind, label, record_id in acks:
            assert present.get(label) == record_id
        mine = {label for label in present if label.startswith(f"{tag}-")}
        assert mine == {f"{tag}-{kinds[n % 4]}-{n}" for n in range(len(mine))}  # no gap, nothing half-applied
        assert len(acks) <= len(mine) <= len(acks) + 1
    with capsys.disabled():
        print(f"\n[server kill test] 15 kills, {total} acknowledged writes")


def test_the_hive_script_against_a_server_center(district):
    hive = district.center()
    env = {"HIVE_CENTER": hive.center, "HIVE_LANG": "en", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "hive", "--db", hive.location, "org", "add", "阅翼成长阅读俱乐部"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "o1"
    missing = subprocess.run(
        [sys.executable, "-m", "hive", "--db", hive.location, "--center", "nowhere", "org", "list"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert missing.returncode == 5
    assert missing.stderr.startswith("hive: no center nowhere on ")
    assert len(missing.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("code", ["", "a b", "x" * 41, "中心"])
def test_a_bad_center_code_is_refused_in_one_line(district, code):
    from hive.testing import HiveRunner

    runner = HiveRunner(district.url, center=code or None)
    result = runner("org", "list")
    assert result.exit_code == 2
    assert "--center" in result.stderr and len(result.stderr.strip().splitlines()) == 1
