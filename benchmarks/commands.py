"""Everyday commands on the synthetic centers: what a user waits for, beside ``json.load`` of the same file.

    python benchmarks/commands.py [--sizes small,medium,center,large] [--runs 3]

A center is one JSON file read whole by every command and rewritten whole by
every command that changes it, so each command costs at least one load (and a
writing one a save) of the file: this shows by how much more.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from timing import CACHE, hive_command, interleaved, megabytes, print_table, seconds, synthetic

BASELINE = "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))"
COMMANDS = {
    "org list": ["org", "list"],
    "org show o1": ["org", "show", "o1"],
    "person add (writes)": ["person", "add", "测试居民"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,center,large")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for size in args.sizes.split(","):
        center = synthetic(size)
        work = CACHE / f"commands-{size}.json"

        def fresh(label: str, center=center, work=work) -> None:
            if label != "json.load":
                shutil.copyfile(center, work)

        cases = {"json.load": ([sys.executable, "-c", BASELINE, str(center)], None)}
        for label, command in COMMANDS.items():
            cases[label] = ([*hive_command(), "--db", str(work), *command], None)
        found = interleaved(cases, args.runs, before=fresh)
        work.unlink()
        baseline = found.pop("json.load")
        for label, took in found.items():
            rows.append([size, megabytes(center), label, seconds(took), seconds(baseline), f"{took / baseline:.2f}"])
    print(f"everyday commands, median of {args.runs} interleaved runs; baseline: json.load of the same file")
    print_table(["size", "MB", "command", "hive", "json.load", "ratio"], rows)


if __name__ == "__main__":
    main()
