"""Memory: peak RSS of ``hive review --json`` at large, against the file's size and ``json.load`` of it.

    python benchmarks/memory.py [--size large]

No target in the issue; the figure to watch is RSS per megabyte of file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

from timing import CACHE, environment, hive_command, print_table, synthetic

BASELINE = "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))"


def peak_rss(args: list[str]) -> int:
    """Peak resident set size of one process, in bytes (Linux reports kilobytes)."""
    process = subprocess.Popen(args, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        sys.exit(f"{' '.join(args)} failed: {process.stderr.read().decode(errors='replace').strip()}")
    return usage.ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large")
    args = parser.parse_args()
    center = synthetic(args.size)
    work = CACHE / f"memory-{args.size}.json"
    shutil.copyfile(center, work)
    try:
        hive = peak_rss([*hive_command(), "--db", str(work), "review", "--json"])
    finally:
        work.unlink()
    baseline = peak_rss([sys.executable, "-c", BASELINE, str(center)])
    file_size = center.stat().st_size

    def mb(n: int) -> str:
        return f"{n / 1e6:.0f} MB"

    print(f"peak RSS, {args.size} center ({mb(file_size)} file)")
    print_table(
        ["process", "peak RSS", "x file size"],
        [
            ["hive review --json", mb(hive), f"{hive / file_size:.1f}"],
            ["json.load", mb(baseline), f"{baseline / file_size:.1f}"],
        ],
    )
    print(f"hive / json.load: {hive / baseline:.2f}")


if __name__ == "__main__":
    main()
