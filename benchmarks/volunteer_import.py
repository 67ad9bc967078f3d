"""Import: ``hive volunteer import`` of 100,000 service records, against ``json.dump`` of the same rows.

    python benchmarks/volunteer_import.py [--rows 100000] [--runs 3]

Target: ratio <= 5. The center is the small synthetic one (``hive demo --size
small``); the rows are spread over its volunteers, one a day each, so that no
day passes 24 hours. The baseline reads the same CSV with ``csv.DictReader``
and writes the rows with ``json.dump``: what any import has to do at least.
Needs the volunteer plugin (``hive volunteer import``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import shutil
import subprocess
import sys

from timing import CACHE, TODAY, environment, hive_command, interleaved, print_table, seconds, synthetic

TARGET = 5.0
BASELINE = (
    "import csv, json, sys\n"
    "rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8', newline='')))\n"
    "json.dump(rows, open(sys.argv[2], 'w', encoding='utf-8'), ensure_ascii=False)\n"
)
ACTIVITIES = ("社区环境清洁", "长者探访", "四点半课堂辅导", "垃圾分类督导", "文明交通劝导", "社区义诊协助", "图书整理")


def hive_output(*args: str) -> str:
    done = subprocess.run([*hive_command(), *args], env=environment(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"hive {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def volunteers(center) -> list[str]:
    """Person ids of the center's volunteers; registers some people as volunteers when it has none."""
    listed = json.loads(hive_output("--db", str(center), "volunteer", "list", "--json") or "[]")
    found = []
    for item in listed:
        for key in ("person", "person_id", "id"):
            value = item.get(key) if isinstance(item, dict) else None
            if isinstance(value, str) and value.startswith("p") and value[1:].isdigit():
                found.append(value)
                break
    if found:
        return sorted(set(found), key=lambda p: int(p[1:]))
    print("the center has no volunteers: registering 100 ...", file=sys.stderr)
    people = json.loads(center.read_text(encoding="utf-8"))["people"]
    ids = [doc["id"] for doc in list(people.values())[:100]]
    for pid in ids:
        hive_output("--db", str(center), "volunteer", "add", pid)
    return ids


def write_rows(path, people: list[str], count: int) -> None:
    rng = random.Random(1)
    today = dt.date.fromisoformat(TODAY)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["person", "date", "hours", "activity", "team", "org", "place"])
        for n in range(count):
            person = people[n % len(people)]
            day = today - dt.timedelta(days=1 + n // len(people))
            hours = rng.choice(("1", "1.5", "2", "2.5", "3"))
            writer.writerow([person, day.isoformat(), hours, rng.choice(ACTIVITIES), "", "", "社区党群服务中心"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    base = CACHE / "import-center.json"
    shutil.copyfile(synthetic("small"), base)
    people = volunteers(base)
    rows = CACHE / f"import-{args.rows}.csv"
    write_rows(rows, people, args.rows)
    work, dumped = CACHE / "import-work.json", CACHE / "import-dump.json"

    def fresh(label: str) -> None:
        if label == "hive":
            shutil.copyfile(base, work)

    found = interleaved(
        {
            "hive": ([*hive_command(), "--db", str(work), "volunteer", "import", str(rows)], None),
            "baseline": ([sys.executable, "-c", BASELINE, str(rows), str(dumped)], None),
        },
        args.runs,
        before=fresh,
    )
    hive, baseline = found["hive"], found["baseline"]
    before = len(json.loads(base.read_text(encoding="utf-8")).get("volunteer_records", {}))
    imported = len(json.loads(work.read_text(encoding="utf-8")).get("volunteer_records", {})) - before
    for path in (work, dumped):
        path.unlink()
    ratio = hive / baseline
    print(
        f"volunteer import of {args.rows:,} rows over {len(people)} volunteers, median of {args.runs} interleaved runs"
    )
    print("baseline: csv.DictReader + json.dump of the same rows")
    print_table(
        ["command", "hive", "baseline", "ratio", f"target <= {TARGET}"],
        [["volunteer import", seconds(hive), seconds(baseline), f"{ratio:.2f}", "ok" if ratio <= TARGET else "over"]],
    )
    print(f"records the import added to the center's volunteer_records table: {imported:,}")


if __name__ == "__main__":
    main()
