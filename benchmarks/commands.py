"""Everyday commands on the synthetic centers: what a user waits for, beside parsing the same file.

    python benchmarks/commands.py [--sizes small,medium,center] [--runs 3]

A center is one JSON file read whole by every command and rewritten whole by
every command that changes it. Two tables, each ratio taken in the same run,
the runs interleaved:

* every everyday command / ``orjson.loads`` of the file in a fresh Python
  (the parse is the floor of a reading command; target <= 2.0 at ``center``);
* the writing commands / the rewrite floor: a fresh Python that parses the
  file, adds one record, encodes it as hive does (orjson, indented), writes a
  temporary file, fsyncs it, renames it over the center and fsyncs the folder
  (target for ``volunteer log`` at ``center``: <= 1.3).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys

from timing import CACHE, hive_command, interleaved, megabytes, print_table, seconds, synthetic

PARSE = "import orjson, sys; orjson.loads(open(sys.argv[1], 'rb').read())"
REWRITE = """
import os, sys, orjson
path = sys.argv[1]
data = orjson.loads(open(path, 'rb').read())
table = data["people"]
number = max(map(int, table)) + 1
table[str(number)] = {"id": f"p{number}", "name": "x", "phone": None, "added": "2026-06-30"}
payload = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
tmp = path + ".floor-tmp"
with open(tmp, "wb") as out:
    out.write(payload)
    out.flush()
    os.fsync(out.fileno())
os.replace(tmp, path)
folder = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
os.fsync(folder)
os.close(folder)
"""
TARGET, WRITE_TARGET = 2.0, 1.3


def a_volunteer(center) -> tuple[str, str]:
    """The person id of the center's busiest volunteer, and a day that person has no record on."""
    data = json.loads(center.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    days: dict[str, set[str]] = {}
    for r in data["volunteer_records"].values():
        counts[r["person"]] = counts.get(r["person"], 0) + 1
        days.setdefault(r["person"], set()).add(r["date"])
    person = max(counts, key=lambda p: (counts[p], p))
    free = next(d for d in ("2026-06-29", "2026-06-28", "2026-06-27", "2026-06-26") if d not in days[person])
    return person, free


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,center")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    reading, writing = [], []
    for size in args.sizes.split(","):
        center = synthetic(size)
        work, floor_work = CACHE / f"commands-{size}.json", CACHE / f"floor-{size}.json"
        person, free_day = a_volunteer(center)
        log = ["volunteer", "log", person, "--hours", "2", "--activity", "社区清洁", "--date", free_day]
        commands = {
            "org list": ["org", "list"],
            "org show o1": ["org", "show", "o1"],
            f"person show {person}": ["person", "show", person],
            "review --json": ["review", "--json"],
            f"volunteer hours {person}": ["volunteer", "hours", person],
            f"volunteer records --person {person}": ["volunteer", "records", "--person", person],
            "volunteer report": ["volunteer", "report"],
            "volunteer list": ["volunteer", "list"],
            "volunteer team list": ["volunteer", "team", "list"],
            "party coverage": ["party", "coverage"],
            "person add (writes)": ["person", "add", "测试居民"],
            "volunteer log (writes)": log,
        }

        def fresh(label: str, center=center, work=work, floor_work=floor_work) -> None:
            if label == "rewrite floor":
                shutil.copyfile(center, floor_work)
            elif label not in ("orjson.loads",):
                shutil.copyfile(center, work)

        cases = {
            "orjson.loads": ([sys.executable, "-c", PARSE, str(center)], None),
            "rewrite floor": ([sys.executable, "-c", REWRITE, str(floor_work)], None),
        }
        for label, command in commands.items():
            cases[label] = ([*hive_command(), "--db", str(work), *command], None)
        interleaved(cases, 1, before=fresh)  # warm the file cache and the bytecode cache
        found = interleaved(cases, args.runs, before=fresh)
        for path in (work, floor_work):
            path.unlink(missing_ok=True)
        parse, floor = found.pop("orjson.loads"), found.pop("rewrite floor")
        for label, took in found.items():
            ratio = took / parse
            reading.append([size, megabytes(center), label, seconds(took), seconds(parse), f"{ratio:.2f}"])
            if "(writes)" in label:
                writing.append([size, label, seconds(took), seconds(floor), f"{took / floor:.2f}"])
    print(f"everyday commands, median of {args.runs} interleaved runs; baseline: orjson.loads of the same file")
    print_table(["size", "MB", "command", "hive", "orjson.loads", "ratio"], reading)
    print()
    print("writing commands; baseline: the rewrite floor (parse, add one record, encode, write, fsync, rename)")
    print_table(["size", "command", "hive", "rewrite floor", "ratio"], writing)
    print(
        f"targets: every command at center <= {TARGET} x orjson.loads; volunteer log at center <= {WRITE_TARGET} x floor"
    )


if __name__ == "__main__":
    main()
