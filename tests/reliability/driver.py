"""A child process for the kill and concurrency tests: runs writing commands in a loop, in-process.

    python driver.py DB TAG COUNT KIND[,KIND...]

DB is a center file, or a server URL with the center's code in ``HIVE_CENTER``.

Each command is the real ``hive`` command line (``cli.main``), run in this
process so that a loop of them costs milliseconds, not a Python start-up
each. After a command succeeds the driver prints ``ACK <kind> <label> <id>``
(flushed): the parent counts that record as acknowledged. A failed command
prints ``FAIL <kind> <label> <exit code> <error line>``. ``READY`` is printed
once the imports are done. COUNT 0 means forever (until killed).

Kinds: ``org`` (org add), ``person`` (person add with a phone), ``training``
(record training on o1 with attendee p1), ``volunteer`` (volunteer log for p1),
``status`` (suspend o1, or reinstate it when it is suspended: an organization
and its transition change in one commit), ``party`` (party activity add with
attendee p1 and org o1), ``resource`` (resource provider add). Labels are
``<TAG>-<kind>-<n>``: the organization's or person's name, the training's
topic, the volunteer activity, the transition's reason, the party activity's
topic, the provider's name.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import sys


def command(kind: str, label: str, suspended: bool = False) -> list[str]:
    if kind == "org":
        return ["org", "add", label, "--kind", "读书会"]
    if kind == "person":
        return ["person", "add", label, "--phone", "13812345678"]
    if kind == "training":
        return [
            "record",
            "training",
            "o1",
            "--date",
            "2026-06-01",
            "--hours",
            "1.5",
            "--topic",
            label,
            "--attendee",
            "p1",
        ]
    if kind == "volunteer":  # a day of June per command: a volunteer's day holds at most 24 h
        day = f"2026-06-{1 + int(label.rsplit('-', 1)[1]) % 28:02d}"
        return ["volunteer", "log", "p1", "--date", day, "--hours", "1", "--activity", label]
    if kind == "party":
        return ["party", "activity", "add", "--kind", "theme_day", "--date", "2026-06-01", "--topic", label,
                "--attendee", "p1", "--org", "o1"]  # fmt: skip
    if kind == "resource":
        return ["resource", "provider", "add", label, "--kind", "enterprise", "--contact", "13812345678"]
    if kind == "status":
        return ["reinstate" if suspended else "suspend", "o1", "--reason", label]
    raise SystemExit(f"unknown kind {kind}")


def o1_suspended(db: str) -> bool:
    if db.startswith("postgresql://"):  # a server center (its code in HIVE_CENTER)
        import os

        from hive.location import open_store

        with open_store(db, os.environ["HIVE_CENTER"], write=False) as store:
            return store.documents("organizations")["1"]["status"] == "suspended"
    import json

    with open(db, encoding="utf-8") as f:
        return json.load(f)["organizations"]["1"]["status"] == "suspended"


def main() -> None:
    db, tag, count, kinds = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(",")
    import importlib

    from hive.cli import cli

    # Import what the commands will (done lazily by the first one otherwise), so that a kill
    # soon after READY lands among writes, not in start-up.
    for module in ("hive.cli.org", "hive.cli.person", "hive.cli.record", "hive.cli.lifecycle", "hive.lifecycle"):
        importlib.import_module(module)

    suspended = o1_suspended(db) if "status" in kinds else False
    print("READY", flush=True)
    numbers = itertools.count() if count == 0 else range(count)
    for n in numbers:
        kind = kinds[n % len(kinds)]
        label = f"{tag}-{kind}-{n}"
        out, err = io.StringIO(), io.StringIO()
        code = 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli.main(["--db", db, *command(kind, label, suspended)], standalone_mode=False)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        if code == 0:
            suspended = not suspended if kind == "status" else suspended
            print(f"ACK {kind} {label} {out.getvalue().strip().splitlines()[-1]}", flush=True)
        else:
            print(f"FAIL {kind} {label} {code} {err.getvalue().strip()}", flush=True)


if __name__ == "__main__":
    main()
