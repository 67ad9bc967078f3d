"""Stage review: ``hive review --json`` over every organization, against ``json.load`` of the same file.

    python benchmarks/review.py [--sizes small,medium,center,large] [--runs 3]

Targets: ratio <= 2.0 at large, and linear growth: the large / medium time
ratio within 1.2x of their file-size ratio. Each run reviews a fresh copy of
the synthetic center (``hive demo --size``; built once, cached in
$HIVE_BENCH_DIR), since a review stores a Review per organization and writes
the file. ``--phases`` also times the steps of one large review in-process.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time

from timing import CACHE, environment, hive_command, interleaved, megabytes, print_table, seconds, synthetic

TARGET_RATIO = 2.0
TARGET_GROWTH = 1.2
BASELINE = "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))"


def measure(size: str, runs: int) -> dict:
    center = synthetic(size)
    work = CACHE / f"review-{size}.json"

    def fresh(label: str) -> None:
        if label == "hive":
            shutil.copyfile(center, work)

    found = interleaved(
        {
            "hive": ([*hive_command(), "--db", str(work), "review", "--json"], None),
            "baseline": ([sys.executable, "-c", BASELINE, str(center)], None),
        },
        runs,
        before=fresh,
    )
    fresh("hive")
    reviewed = len(json.loads(_output([*hive_command(), "--db", str(work), "review", "--json"])))
    work.unlink()
    return {
        "size": size,
        "bytes": center.stat().st_size,
        "mb": megabytes(center),
        "orgs": reviewed,
        "hive": found["hive"],
        "baseline": found["baseline"],
    }


def _output(args: list[str]) -> str:
    import subprocess

    return subprocess.run(args, env=environment(), capture_output=True, check=True, text=True).stdout


def phases(size: str) -> None:
    """Where one review's time goes, measured in this process (engine calls, not the CLI)."""
    import hive.plugins
    from hive.ledger import Ledger
    from hive.lifecycle import run_review
    from hive.store import Store

    center = synthetic(size)
    work = CACHE / f"phases-{size}.json"
    shutil.copyfile(center, work)
    plugins = hive.plugins.load()
    marks = [("start", time.perf_counter())]
    store = Store.open(work, write=True)
    marks.append(("read and parse the file", time.perf_counter()))
    try:
        ledger = Ledger(store, operator="bench", registry=plugins.registry)
        results = run_review(ledger, plugins)
        marks.append(
            (f"structure the records, check {len(results)} organizations, store the reviews", time.perf_counter())
        )
        ledger.commit()
        marks.append(("write the file (encode, fsync, rename)", time.perf_counter()))
    finally:
        store.close()
        work.unlink()
    print(f"\nphases of one {size} review (in-process, {megabytes(center)} MB):")
    rows = [[label, seconds(t - marks[i][1])] for i, (label, t) in enumerate(marks[1:])]
    print_table(["phase", "time"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,center,large")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phases", action="store_true")
    args = parser.parse_args()
    found = [measure(size, args.runs) for size in args.sizes.split(",")]
    rows = []
    for m in found:
        ratio = m["hive"] / m["baseline"]
        rows.append([m["size"], m["mb"], m["orgs"], seconds(m["hive"]), seconds(m["baseline"]), f"{ratio:.2f}"])
    print(
        f"review --json of every organization, median of {args.runs} interleaved runs; baseline: json.load of the same file"
    )
    print_table(["size", "MB", "reviewed", "hive", "json.load", "ratio"], rows)
    by_size = {m["size"]: m for m in found}
    if "large" in by_size:
        ratio = by_size["large"]["hive"] / by_size["large"]["baseline"]
        print(f"large ratio {ratio:.2f} (target <= {TARGET_RATIO}): {'ok' if ratio <= TARGET_RATIO else 'over'}")
    if "medium" in by_size and "large" in by_size:
        medium, large = by_size["medium"], by_size["large"]
        size_ratio = large["bytes"] / medium["bytes"]
        time_ratio = large["hive"] / medium["hive"]
        growth = time_ratio / size_ratio
        print(
            f"growth medium -> large: time x{time_ratio:.1f} for size x{size_ratio:.1f}, "
            f"{growth:.2f} (target <= {TARGET_GROWTH}): {'ok' if growth <= TARGET_GROWTH else 'over'}"
        )
    if args.phases:
        phases("large" if "large" in by_size else found[-1]["size"])


if __name__ == "__main__":
    main()
