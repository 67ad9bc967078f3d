"""A district on one PostgreSQL server, beside the center file: single writes, a review, writers at once, a roll-up.

    python benchmarks/district.py [--sizes small,medium,large] [--runs 5] [--centers 100] [--report-size medium]

Starts a throwaway PostgreSQL cluster (tests/pg_cluster.py, fsync on) unless
``HIVE_BENCH_PG`` names a server, copies the synthetic centers up with
``hive copy``, then times whole ``hive`` processes, file and server
interleaved (medians):

1. a single ``person add`` and a single ``volunteer log`` at each size: file vs server, whole
   processes; then the write itself on the server, 10 of each in one process after its start-up;
2. ``review --json`` at the largest size: file vs server;
3. 8 writer processes (10 ``person add`` each) on 8 different server centers vs 8 on one center;
4. ``district report`` over N centers of ``--report-size`` on the server (the centers are
   copies of one synthetic center, made by the server itself) and over the same number of files.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import TODAY, environment, hive_command, print_table, run, seconds, synthetic

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
import pg_cluster  # noqa: E402


def hive(*args: str) -> list[str]:
    return [*hive_command(), *args]


def first_volunteer(path: Path) -> str:
    """The person id of the center's first volunteer (read once, untimed)."""
    import orjson

    data = orjson.loads(path.read_bytes())
    return next(iter(data["volunteers"].values()))["person"]


def sql(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--centers", type=int, default=100)
    parser.add_argument("--report-size", default="medium")
    args = parser.parse_args()
    sizes = args.sizes.split(",")

    folder = Path(tempfile.mkdtemp(prefix="hive-bench-district-"))
    url = os.environ.get("HIVE_BENCH_PG")
    started_cluster = url is None
    if url is None:
        url = pg_cluster.start(folder / "pg", fsync=True)
    env = environment(HIVE_BUSY_TIMEOUT="120")
    try:
        print(f"server: {'a throwaway cluster, fsync on' if started_cluster else 'HIVE_BENCH_PG'}; HIVE_TODAY={TODAY}")
        files: dict[str, Path] = {}
        for size in sizes:
            source = synthetic(size)
            files[size] = folder / f"{size}.json"
            shutil.copyfile(source, files[size])
            took = run(hive("copy", str(files[size]), url, "--center", f"S-{size}"), env=env)
            print(f"hive copy {size} ({files[size].stat().st_size / 1e6:.0f} MB) up to the server: {seconds(took)}")

        # The copies leave the server flushing and its statistics stale: time it in its steady state.
        sql(url, "ANALYZE hive_documents")
        sql(url, "CHECKPOINT")

        # 1. single writes, file vs server, interleaved
        rows = []
        day = iter(range(10_000))
        for size in sizes:
            person = first_volunteer(files[size])
            for label, command in (
                ("person add", lambda: ["person", "add", "新居民"]),
                (
                    "volunteer log",
                    lambda: [
                        "volunteer", "log", person, "--date", f"2026-0{1 + next(day) % 5}-{1 + next(day) % 28:02d}",
                        "--hours", "0.5", "--activity", "测速",
                    ],  # fmt: skip
                ),
            ):
                times = {"file": [], "server": []}
                for _ in range(args.runs):
                    times["file"].append(run(hive("--db", str(files[size]), *command()), env=env))
                    times["server"].append(run(hive("--db", url, "--center", f"S-{size}", *command()), env=env))
                f, s = statistics.median(times["file"]), statistics.median(times["server"])
                rows.append([label, size, seconds(f), seconds(s), f"{f / s:.1f}x"])
        print()
        print_table(["command", "size", "file", "server", "file / server"], rows)

        # 1b. the write itself: 10 writes in one process (no interpreter start-up, imports or plugin
        # loading in the figure), per write, at each size on the server
        in_process = (
            "import sys, time\nfrom hive.cli import cli\n"
            "url, code, person = sys.argv[1:4]\n"
            "def once(args):\n"
            "    try:\n        cli.main(['--db', url, '--center', code, *args], standalone_mode=False)\n"
            "    except SystemExit as e:\n        assert not e.code, e.code\n"
            "once(['org', 'list'])  # imports and plugins loaded before the clock starts\n"
            "once(['plugins', 'list'])\n"
            "for label, make in (('person add', lambda i: ['person', 'add', f'计时居民{i}']),\n"
            "                    ('volunteer log', lambda i: ['volunteer', 'log', person, '--date', f'2026-06-{1 + i:02d}',\n"
            "                                                 '--hours', '0.5', '--activity', '计时'])):\n"
            "    begun = time.perf_counter()\n"
            "    for i in range(10):\n        once(make(i))\n"
            "    print('TIMING', label, (time.perf_counter() - begun) / 10)\n"
        )
        rows = []
        for size in sizes:
            done = subprocess.run(
                [sys.executable, "-c", in_process, url, f"S-{size}", first_volunteer(files[size])],
                env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                sys.exit(f"the in-process writes failed: {done.stderr.strip()}")
            for line in done.stdout.splitlines():
                if not line.startswith("TIMING "):
                    continue  # the commands' own output
                label, _sep, took = line.removeprefix("TIMING ").rpartition(" ")
                rows.append([label, size, seconds(float(took))])
        print()
        print("the write itself on the server: 10 in one process after start-up, per write (goal <= 50 ms, flat)")
        print_table(["command", "size", "per write"], rows)

        # 2. review --json at the largest size
        size = sizes[-1]
        times = {"file": [], "server": []}
        for _ in range(max(1, args.runs // 2)):
            times["file"].append(run(hive("--db", str(files[size]), "review", "--json"), env=env))
            times["server"].append(run(hive("--db", url, "--center", f"S-{size}", "review", "--json"), env=env))
        f, s = statistics.median(times["file"]), statistics.median(times["server"])
        print()
        print_table(["command", "size", "file", "server", "server / file"], [["review --json", size, seconds(f), seconds(s), f"{s / f:.2f}x"]])

        # 3. 8 writers on 8 centers vs 8 on one
        for n in range(8):
            run(hive("--db", url, "--center", f"W{n}", "init", f"写入中心{n}"), env=env)
        script = (
            "import sys\nfrom hive.cli import cli\n"
            "for i in range(10):\n"
            "    try:\n        cli.main(['--db', sys.argv[1], '--center', sys.argv[2], 'person', 'add', f'居民{i}'], standalone_mode=False)\n"
            "    except SystemExit as e:\n        assert not e.code, e.code\n"
        )

        def writers(codes: list[str]) -> float:
            begun = time.perf_counter()
            children = [
                subprocess.Popen([sys.executable, "-c", script, url, code], env=env, stdout=subprocess.DEVNULL)
                for code in codes
            ]
            for child in children:
                if child.wait() != 0:
                    sys.exit("a writer failed")
            return time.perf_counter() - begun

        spread = statistics.median(writers([f"W{n}" for n in range(8)]) for _ in range(3))
        one = statistics.median(writers(["W0"] * 8) for _ in range(3))
        print()
        print_table(
            ["8 processes x 10 person add", "wall", "per write"],
            [["8 different centers", seconds(spread), seconds(spread / 80)], ["one center", seconds(one), seconds(one / 80)]],
        )

        # 4. district report over N centers
        report_size = args.report_size
        source = synthetic(report_size)
        base = f"R-{report_size}"
        run(hive("copy", str(source), url, "--center", base), env=env)
        begun = time.perf_counter()
        for n in range(1, args.centers):
            sql(
                url,
                f"INSERT INTO hive_documents SELECT '{base}-{n:03d}', collection, number, doc"
                f" FROM hive_documents WHERE center = '{base}'",
            )
        made = time.perf_counter() - begun
        district_files = folder / "district"
        district_files.mkdir()
        for n in range(args.centers):
            os.link(source, district_files / f"{n:03d}.json") if n else shutil.copyfile(source, district_files / f"{n:03d}.json")
        # only the report's centers: a street named by the copies' district
        out_server = folder / "server-report.json"
        server_took = run(hive("--db", url, "district", "report", "--period", "2026-06", "--out", str(out_server)), env=env)
        out_files = folder / "files-report.json"
        files_took = run(hive("--db", str(district_files), "district", "report", "--period", "2026-06", "--out", str(out_files)), env=env)
        counted = json.loads(out_server.read_text(encoding="utf-8"))["completeness"]["centers"]
        print()
        print(f"{args.centers - 1} copies of the {report_size} center made on the server in {seconds(made)}")
        print_table(
            ["district report --period 2026-06", "centers", "wall"],
            [
                ["server (every center on it)", str(counted), seconds(server_took)],
                [f"folder of {args.centers} {report_size} files", str(args.centers), seconds(files_took)],
            ],
        )
    finally:
        if started_cluster:
            pg_cluster.stop(folder / "pg")
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
