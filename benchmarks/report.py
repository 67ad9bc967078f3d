"""The annual report: ``hive report --period 2026 --json`` against ``hive review --json`` on the same center.

    python benchmarks/report.py [--sizes medium,large] [--runs 3] [--files]

Target: ratio <= 1.5 at large. The review runs on a fresh copy each time
(it stores a Review per organization and writes the file); the report only
reads. ``--files`` also times writing the report as .html and .xlsx.
"""

from __future__ import annotations

import argparse
import shutil

from timing import CACHE, hive_command, interleaved, megabytes, print_table, seconds, synthetic

TARGET_RATIO = 1.5
PERIOD = "2026"


def measure(size: str, runs: int, files: bool) -> dict:
    center = synthetic(size)
    work = CACHE / f"report-review-{size}.json"

    def fresh(label: str) -> None:
        if label == "review":
            shutil.copyfile(center, work)

    commands = {
        "report": ([*hive_command(), "--db", str(center), "report", "--period", PERIOD, "--json"], None),
        "review": ([*hive_command(), "--db", str(work), "review", "--json"], None),
    }
    if files:
        for suffix in ("html", "xlsx"):
            out = CACHE / f"report-{size}.{suffix}"
            commands[suffix] = (
                [*hive_command(), "--db", str(center), "report", "--period", PERIOD, "--out", str(out)],
                None,
            )
    found = interleaved(commands, runs, before=fresh)
    work.unlink(missing_ok=True)
    return {"size": size, "mb": megabytes(center), **found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="medium,large")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", action="store_true")
    args = parser.parse_args()
    found = [measure(size, args.runs, args.files) for size in args.sizes.split(",")]
    headers = ["size", "MB", "report --json", "review --json", "ratio"]
    if args.files:
        headers += ["--out .html", "--out .xlsx"]
    rows = []
    for m in found:
        row = [m["size"], m["mb"], seconds(m["report"]), seconds(m["review"]), f"{m['report'] / m['review']:.2f}"]
        if args.files:
            row += [seconds(m["html"]), seconds(m["xlsx"])]
        rows.append(row)
    print(f"hive report --period {PERIOD}, median of {args.runs} interleaved runs; baseline: hive review --json")
    print_table(headers, rows)
    by_size = {m["size"]: m for m in found}
    if "large" in by_size:
        ratio = by_size["large"]["report"] / by_size["large"]["review"]
        print(f"large ratio {ratio:.2f} (target <= {TARGET_RATIO}): {'ok' if ratio <= TARGET_RATIO else 'over'}")


if __name__ == "__main__":
    main()
