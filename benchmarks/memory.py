"""Memory: peak RSS of ``hive review --json``, against the file's size and ``orjson.loads`` of it.

    python benchmarks/memory.py [--size large]

Target: peak RSS of ``review --json`` at large <= 4 x the file's size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

from timing import CACHE, environment, hive_command, print_table, synthetic

BASELINE = "import orjson, sys; orjson.loads(open(sys.argv[1], 'rb').read())"


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
            ["orjson.loads", mb(baseline), f"{baseline / file_size:.1f}"],
        ],
    )
    print(f"hive / orjson.loads: {hive / baseline:.2f}; target: hive <= 4.0 x file size")


if __name__ == "__main__":
    main()
