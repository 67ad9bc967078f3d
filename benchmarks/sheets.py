"""Sheets: ``hive sheet import`` of service records from .xlsx and CSV, against the reader library's own read.

    python benchmarks/sheets.py [--rows 100000] [--memory-rows 1000000] [--runs 1]

For each format, the ratio of ``hive sheet import volunteer_records FILE``
(every row through the record layer, then one commit) to reading the same
file's rows with the reader alone (``openpyxl`` read-only ``iter_rows``;
``csv.reader``), both in a child process. Goal: <= 3x. Then the peak memory
(``ru_maxrss`` of the child) of importing ``--memory-rows`` rows of CSV
(goal: <= 1 GB; 0 skips it). Needs the volunteer plugin.

The center is a realistic one, built once (untimed) through the same
imports: ``--people`` residents (with phones), each registered as a
volunteer, so that every row's person is a reference to resolve and check.
Each import starts from a copy of it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import environment, hive_command, print_table, seconds

HEADER = ["person", "date", "hours", "activity", "recorder", "place", "status", "decided_by", "decided_on"]
ACTIVITIES = ("社区环境清洁", "长者探访", "四点半课堂辅导", "垃圾分类督导", "文明交通劝导", "社区义诊协助", "图书整理")
GOAL_RATIO, GOAL_BYTES = 3.0, 1 << 30
READ_XLSX = (
    "import openpyxl, sys\n"
    "book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
    "n = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))\n"
)
READ_CSV = "import csv, sys\nn = sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n"


PEOPLE = 5000


def rows(count: int):
    """Service records spread over the people, one a day each (no day passes 24 hours)."""
    people = PEOPLE
    first = dt.date(2021, 1, 1)
    for n in range(count):
        day = first + dt.timedelta(days=n // people)
        # approved, so naming who approved it and when (the volunteer plugin's rule)
        yield [f"p{n % people + 1}", day, 1 + n % 4 * 0.5,
               ACTIVITIES[n % len(ACTIVITIES)], "社工小李", "海珠社区", "approved", "社工小李", day]


def write_csv(path: Path, count: int, header: list[str] = HEADER, body=None) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in body if body is not None else rows(count):
            writer.writerow([v.isoformat() if isinstance(v, dt.date) else v for v in row])


def write_xlsx(path: Path, count: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("服务记录")
    sheet.append(HEADER)
    for row in rows(count):
        sheet.append(row)
    book.save(path)


def child(args: list[str]) -> tuple[float, int]:
    """Seconds and peak RSS (bytes) of a child process; exits on failure."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        sys.exit(f"{' '.join(args)} failed: {process.stderr.read().decode(errors='replace').strip()[-2000:]}")
    return elapsed, usage.ru_maxrss * 1024


def build_center(folder: Path, people: int) -> Path:
    """A center with ``people`` residents, each a volunteer, made by the same sheet imports (kept as a template)."""
    center = folder / "template.json"
    for args in (["init", "基准中心"], ["plugins", "enable", "volunteer"]):
        child([*hive_command(), "--db", str(center), *args])
    residents, volunteers = folder / "people.csv", folder / "volunteers.csv"
    write_csv(residents, people, ["姓名", "电话"], ([f"居民{n}", f"138{n:08d}"] for n in range(1, people + 1)))
    write_csv(volunteers, people, ["person", "registered"],
              ([f"p{n}", dt.date(2020, 1, 1)] for n in range(1, people + 1)))
    for kind, sheet in (("people", residents), ("volunteers", volunteers)):
        child([*hive_command(), "--db", str(center), "sheet", "import", kind, str(sheet)])
    return center


def hive_import(folder: Path, template: Path, sheet: Path) -> tuple[float, int]:
    center = folder / "center.json"
    for path in folder.glob("center.json*"):
        path.unlink()
    shutil.copyfile(template, center)
    return child([*hive_command(), "--db", str(center), "sheet", "import", "volunteer_records", str(sheet)])


def main() -> None:
    global PEOPLE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--memory-rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--people", type=int, default=PEOPLE)
    args = parser.parse_args()
    PEOPLE = args.people
    folder = Path(tempfile.mkdtemp(prefix="hive-sheets-bench-"))
    try:
        template = build_center(folder, args.people)
        print(f"center: {args.people:,} people, each a volunteer")
        table = []
        for kind, write, reader in (("xlsx", write_xlsx, READ_XLSX), ("csv", write_csv, READ_CSV)):
            sheet = folder / f"records.{kind}"
            write(sheet, args.rows)
            base = min(child([sys.executable, "-c", reader, str(sheet)])[0] for _ in range(args.runs))
            ours = min(hive_import(folder, template, sheet)[0] for _ in range(args.runs))
            ratio = ours / base
            table.append([f"{kind}, {args.rows:,} rows", seconds(base), seconds(ours), f"{ratio:.1f}x",
                          "yes" if ratio <= GOAL_RATIO else "no"])
        print_table(["import", "reader alone", "hive sheet import", "ratio", f"<= {GOAL_RATIO:g}x"], table)
        if args.memory_rows:
            sheet = folder / "million.csv"
            write_csv(sheet, args.memory_rows)
            elapsed, peak = hive_import(folder, template, sheet)
            print()
            print_table(
                ["CSV import", "time", "peak memory", "<= 1 GB"],
                [[f"{args.memory_rows:,} rows", seconds(elapsed), f"{peak / 2**20:,.0f} MB",
                  "yes" if peak <= GOAL_BYTES else "no"]],
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
