"""This hive against an earlier one on the same center: did a change slow the reading commands?

    git worktree add /tmp/hive-before COMMIT && python -m venv /tmp/venv-before
    /tmp/venv-before/bin/pip install /tmp/hive-before
    python benchmarks/versions.py --before /tmp/venv-before/bin/hive [--size large] [--runs 3]

Issue 13's check: declaring validators on the models (the record layer) must
keep ``review --json`` and ``org list`` at the large size within 10% of the
hive before it (commit 38c005a, the last one without the record layer). The
center is built by the earlier hive, so both read the same file; each review
runs on a fresh copy (it stores a review per organization). The two run in
turn, so a busy machine slows both alike; the ratio is now / before.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from timing import CACHE, SEED, TODAY, hive_command, interleaved, megabytes, print_table, run, seconds

TARGET = 1.10
COMMANDS = {"review --json": ["review", "--json"], "org list": ["org", "list"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the hive executable of the earlier version")
    parser.add_argument("--size", default="large")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    now, before = hive_command(), [options.before]
    CACHE.mkdir(parents=True, exist_ok=True)
    center = CACHE / f"versions-{options.size}-seed{SEED}-{TODAY}.json"
    if not center.exists():
        print(f"building the {options.size} center with the earlier hive ...", file=sys.stderr, flush=True)
        run([*before, "demo", "--size", options.size, "--seed", str(SEED), "--db", str(center), "--json"])
    copies = {label: CACHE / f"versions-{label}.json" for label in ("now", "before")}

    rows = []
    for name, args in COMMANDS.items():
        writes = args[0] == "review"

        def fresh(label: str) -> None:
            if writes:
                shutil.copyfile(center, copies[label])

        target = {label: (copies[label] if writes else center) for label in copies}
        found = interleaved(
            {
                "now": ([*now, "--db", str(target["now"]), *args], None),
                "before": ([*before, "--db", str(target["before"]), *args], None),
            },
            options.runs,
            before=fresh,
        )
        ratio = found["now"] / found["before"]
        verdict = "ok" if ratio <= TARGET else f"over {TARGET:.2f}"
        rows.append([name, seconds(found["now"]), seconds(found["before"]), f"{ratio:.2f}", verdict])
    print(f"{options.size} center, {megabytes(center)} MB, {options.runs} runs each, medians")
    print_table(["command", "now", "before", "now / before", f"target <= {TARGET:.2f}"], rows)


if __name__ == "__main__":
    main()
