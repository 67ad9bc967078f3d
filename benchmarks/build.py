"""Synthetic centers: how long ``hive demo --size`` takes, how big the file is, and that it is reproducible.

    python benchmarks/build.py [--sizes small,medium,center,large]

For each size: the build's wall time and peak memory, the file's size and its
record counts; then each size is built a second time and compared byte for
byte with the first (same seed, same HIVE_TODAY).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import SEED, environment, hive_command, print_table, seconds


def build(size: str, path: Path) -> tuple[float, int, dict]:
    """Seconds, peak RSS in bytes, and the record counts of one build."""
    args = [*hive_command(), "demo", "--size", size, "--seed", str(SEED), "--db", str(path), "--json"]
    started = time.perf_counter()
    process = subprocess.Popen(args, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)  # the output is a few lines: the pipes cannot fill
    elapsed = time.perf_counter() - started
    if status != 0:
        sys.exit(f"{' '.join(args)} failed: {process.stderr.read().decode(errors='replace').strip()}")
    return elapsed, usage.ru_maxrss * 1024, json.loads(process.stdout.read())["records"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,center,large")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes.split(","):
            first, second = Path(folder) / f"{size}-a.json", Path(folder) / f"{size}-b.json"
            took, peak, records = build(size, first)
            build(size, second)
            same = first.read_bytes() == second.read_bytes()
            total = sum(n for table, n in records.items() if table not in ("center", "events"))
            rows.append(
                [
                    size,
                    seconds(took),
                    f"{first.stat().st_size / 1e6:.1f}",
                    f"{peak / 1e6:.0f}",
                    f"{total:,}",
                    "yes" if same else "NO",
                ]
            )
            for path in (first, second):
                os.unlink(path)
    print(f"hive demo --size SIZE --seed {SEED}, HIVE_TODAY={environment()['HIVE_TODAY']}")
    print_table(["size", "build", "MB", "peak RSS MB", "records", "same bytes twice"], rows)


if __name__ == "__main__":
    main()
