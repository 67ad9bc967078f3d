"""Kill test: SIGKILL a writer at random moments; every acknowledged record survives, nothing is half-written.

A child process (``driver.py``) runs org add / person add / record training /
suspend or reinstate in a loop against one center and prints each acknowledged id. The parent
kills it with SIGKILL after a random, seeded delay, 50 times. After each kill
the file must parse, pass ``hive check``, hold every record the child
acknowledged, and hold nothing else of that round except, at most, the one
command that had committed but not yet printed its id.
"""

from __future__ import annotations

import random
import signal
import time

from hive import store

KILLS = 50
KINDS = ("org", "person", "training", "status")


def expected_label(tag: str, n: int) -> str:
    return f"{tag}-{KINDS[n % len(KINDS)]}-{n}"


def test_sigkill_at_random_moments_loses_no_acknowledged_record(hive, rel, capsys):
    hive.ok("org", "add", "阅翼成长阅读俱乐部")  # o1 and p1: the trainings' organization and attendee
    hive.ok("person", "add", "王芳")
    rng = random.Random(20260630)
    temp_files_seen = 0
    total_acks = 0
    for round_no in range(KILLS):
        tag = f"R{round_no}"
        child = rel.start_driver(hive.db, tag, 0, ",".join(KINDS))
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "READY"
            time.sleep(rng.uniform(0.0, 0.08))
            child.send_signal(signal.SIGKILL)
            out, err = child.communicate(timeout=20)
        finally:
            if child.poll() is None:
                child.kill()
        assert child.returncode == -signal.SIGKILL, err
        acks, failures = rel.parse_lines(out)
        assert failures == [], failures
        total_acks += len(acks)
        temp_files_seen += any(p.name.endswith(".hive-tmp") for p in hive.db.parent.iterdir())

        # the file opens cleanly, as JSON and as a center
        report = hive.json("check")  # includes: o1's status is where its transitions end
        assert report["ok"], report["problems"]
        present = rel.labels_in(hive.db)
        # every acknowledged record is there, under the id the command printed
        for _kind, label, record_id in acks:
            assert present.get(label) == record_id, (label, record_id)
        # the round's records are exactly the first m commands: no gap, nothing half-written,
        # at most one committed command whose id was not printed yet
        mine = {label for label in present if label.startswith(f"{tag}-")}
        m = len(mine)
        assert mine == {expected_label(tag, n) for n in range(m)}
        assert len(acks) <= m <= len(acks) + 1

    counts = hive.json("check")["records"]  # a table no round wrote to is not listed (a busy machine, short rounds)
    assert sum(counts.get(table, 0) for table in ("organizations", "people", "trainings", "transitions")) >= (
        total_acks + 2
    )
    hive.ok("org", "add", "多彩多意书画院")  # the next writer gets the lock and cleans up
    # a writer killed between creating its temp and locking it leaves an empty one, which is
    # kept for store._EMPTY_TEMP_GRACE seconds in case its writer is alive: only those may stay
    left = [p for p in hive.db.parent.iterdir() if p.name.endswith(".hive-tmp")]
    assert all(p.stat().st_size == 0 and time.time() - p.stat().st_mtime < store._EMPTY_TEMP_GRACE for p in left), left
    with capsys.disabled():
        print(f"\n[kill test] {KILLS} kills, {total_acks} acknowledged writes, {temp_files_seen} kills mid-write")
