"""Stage review: ``hive review --json`` over every organization, against ``orjson.loads`` of the same file.

    python benchmarks/review.py [--sizes small,medium,center,large] [--runs 3]

Targets: ratio <= 2.0 at medium (and at center), and linear growth: each
size's time ratio to the previous size within 1.2x of their file-size ratio
(small -> medium -> large). Each run reviews a fresh copy of
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
BASELINE = "import orjson, sys; orjson.loads(open(sys.argv[1], 'rb').read())"


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
        f"review --json of every organization, median of {args.runs} interleaved runs; "
        "baseline: orjson.loads of the same file"
    )
    print_table(["size", "MB", "reviewed", "hive", "orjson.loads", "ratio"], rows)
    by_size = {m["size"]: m for m in found}
    for size in ("medium", "center"):
        if size in by_size:
            ratio = by_size[size]["hive"] / by_size[size]["baseline"]
            verdict = "ok" if ratio <= TARGET_RATIO else "over"
            print(f"{size} ratio {ratio:.2f} (target <= {TARGET_RATIO}): {verdict}")
    chain = [s for s in ("small", "medium", "large") if s in by_size]
    for before, after in zip(chain, chain[1:], strict=False):
        a, b = by_size[before], by_size[after]
        size_ratio, time_ratio = b["bytes"] / a["bytes"], b["hive"] / a["hive"]
        growth = time_ratio / size_ratio
        print(
            f"growth {before} -> {after}: time x{time_ratio:.1f} for size x{size_ratio:.1f}, "
            f"{growth:.2f} (target <= {TARGET_GROWTH}): {'ok' if growth <= TARGET_GROWTH else 'over'}"
        )
    if args.phases:
        phases("large" if "large" in by_size else found[-1]["size"])


if __name__ == "__main__":
    main()
