"""How long ``hive resource match`` takes to solve, by the size of the pool.

A plain script (no assertions): it prints, for each size, the candidate pairs
the solvers weighed and the seconds spent (median of a few runs), then the
first size at which matching is no longer interactive (over 5 seconds).

    python benchmarks/match.py                 # 250 ... 8,000 needs and as many resources, until one is over 5 s
    python benchmarks/match.py --sizes 2000    # just 2,000 x 2,000
    python benchmarks/match.py --cli 100 2000  # also the whole command against its floor at these sizes

The pools come from the same generator as ``hive demo --size``
(:func:`hive_resource.demo.synthetic_pool`), seeded, so runs are comparable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import environment, hive_command, interleaved, print_table, seconds

INTERACTIVE = 5.0  # seconds


def pool(size: int, seed: int):
    from hive_resource.demo import synthetic_pool

    from hive.demo import COMMUNITIES

    today = dt.date(2026, 6, 30)
    orgs = [f"o{k}" for k in range(1, max(2, size // 10) + 1)]
    _providers, resources, needs = synthetic_pool(
        random.Random(seed), today, resources=size, needs=size, orgs=orgs, communities=[f"{c}社区" for c in COMMUNITIES]
    )
    return today, resources, needs


def time_match(size: int, seed: int, repeat: int) -> tuple[float, int, int, int]:
    import scipy.optimize  # noqa: F401  (imported before timing: the figure is the matching, not the import)
    import scipy.sparse  # noqa: F401
    from hive_resource.matching import match
    from hive_resource.pool import Usage

    today, resources, needs = pool(size, seed)
    usage = Usage({}, {}, {}, {})
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = match(needs, resources, usage, today)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result.pairs, len(result.proposals), len(result.unmatched)


def center_with_pool(folder: Path, size: int, seed: int) -> Path:
    """A center file holding a synthetic pool of ``size`` needs and ``size`` resources."""
    from hive_resource.demo import _synthetic

    from hive import clock
    from hive.center import create_center
    from hive.ledger import Ledger
    from hive.plugins import load
    from hive.store import Store

    path = folder / f"pool-{size}.json"
    create_center(path, "基准中心", community="海珠社区", operator="bench")
    env = dict(os.environ, HIVE_DB=str(path), HIVE_TODAY="2026-06-30", HIVE_LANG="en")
    subprocess.run([*hive_command(), "plugins", "enable", "resource"], env=env, check=True, capture_output=True)
    plugins = load()
    store = Store.open(path, write=True)
    try:
        ledger = Ledger(store, operator="bench", today=clock.today(), registry=plugins.registry)
        _synthetic(ledger, {"resources": size, "needs": size}, random.Random(seed))
        ledger.commit()
    finally:
        store.close()
    return path


def solver_seconds(path: Path) -> float:
    """The solvers' own time (HiGHS, the assignment) on the cost matrices the command builds from ``path``."""
    import hive_resource.matching as matching
    from hive_resource.matching import solver_inputs

    from hive import clock
    from hive.ledger import Ledger
    from hive.plugins import load
    from hive.store import Store

    spent = [0.0]

    def timed(solve):
        def run(*args):
            started = time.perf_counter()
            try:
                return solve(*args)
            finally:
                spent[0] += time.perf_counter() - started

        return run

    plugins = load()
    store = Store.open(path, write=False)
    try:
        ledger = Ledger(store, operator="bench", today=clock.today(), registry=plugins.registry)
        inputs = solver_inputs(ledger)
        saved = matching._solve_divisible, matching._solve_whole
        matching._solve_divisible, matching._solve_whole = timed(saved[0]), timed(saved[1])
        try:
            matching.match(*inputs)
        finally:
            matching._solve_divisible, matching._solve_whole = saved
    finally:
        store.close()
    return spent[0]


SCIPY = [sys.executable, "-c", "import numpy, scipy.sparse, scipy.optimize"]


def floor_table(sizes: list[int], seed: int, runs: int) -> None:
    """The whole ``hive resource match --json`` against its floor: SciPy's import + the parse + the solvers."""
    print(f"\nhive resource match --json (whole process) against its floor, median of {runs} interleaved runs")
    print("floor = python -c 'import numpy, scipy.sparse, scipy.optimize' + orjson.loads of the file + the solvers'")
    print("own time on the same cost matrices (in-process)")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = center_with_pool(Path(folder), size, seed)
            env = environment(HIVE_DB=str(path))
            parse = [sys.executable, "-c", f"import orjson; orjson.loads(open({str(path)!r}, 'rb').read())"]
            found = interleaved(
                {
                    "hive": ([*hive_command(), "resource", "match", "--json"], env),
                    "scipy": (SCIPY, None),
                    "parse": (parse, None),
                },
                runs,
            )
            solve = statistics.median(solver_seconds(path) for _ in range(runs))
            floor = found["scipy"] + found["parse"] + solve
            rows.append(
                [
                    f"{size:,} x {size:,}",
                    seconds(found["hive"]),
                    seconds(found["scipy"]),
                    seconds(found["parse"]),
                    seconds(solve),
                    seconds(floor),
                    f"{found['hive'] / floor:.2f}",
                ]
            )
    print_table(["needs x resources", "hive", "scipy import", "parse", "solvers", "floor", "ratio"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[250, 500, 1000, 2000, 3000, 4000, 8000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--cli", type=int, nargs="*", help="also time the whole command against its floor at these sizes"
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    print(f"{'needs x resources':>18}  {'pairs':>9}  {'allocations':>11}  {'unmatched':>9}  {'seconds':>8}")
    slow = None
    for size in args.sizes:
        seconds_, pairs, allocations, unmatched = time_match(size, args.seed, args.repeat if size <= 2000 else 1)
        print(f"{size:>8,} x {size:<7,}  {pairs:>9,}  {allocations:>11,}  {unmatched:>9,}  {seconds_:>8.2f}")
        sys.stdout.flush()
        if seconds_ > INTERACTIVE:
            slow = size
            break
    if slow:
        print(f"no longer interactive (over {INTERACTIVE:.0f} s) at {slow:,} x {slow:,}")
    else:
        print(f"interactive (under {INTERACTIVE:.0f} s) up to {args.sizes[-1]:,} x {args.sizes[-1]:,}")
    if args.cli is not None:
        floor_table(args.cli or [100, 500, 2000], args.seed, args.runs)


if __name__ == "__main__":
    main()
