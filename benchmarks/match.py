"""How long ``hive resource match`` takes to solve, by the size of the pool.

A plain script (no assertions): it prints, for each size, the candidate pairs
the solvers weighed and the seconds spent (median of a few runs), then the
first size at which matching is no longer interactive (over 5 seconds).

    python benchmarks/match.py                 # 250 ... 8,000 needs and as many resources
    python benchmarks/match.py --sizes 2000    # just 2,000 x 2,000
    python benchmarks/match.py --cli           # also time the whole command on a 2,000 x 2,000 center

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


def time_cli(size: int, seed: int) -> float:
    """The whole ``hive resource match --json`` on a center file holding the pool, as a user runs it."""
    from hive_resource.demo import _synthetic

    from hive import clock
    from hive.center import create_center
    from hive.ledger import Ledger
    from hive.plugins import load
    from hive.store import Store

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hive.json"
        create_center(path, "基准中心", community="海珠社区", operator="bench")
        env = dict(os.environ, HIVE_DB=str(path), HIVE_TODAY="2026-06-30", HIVE_LANG="en")
        subprocess.run(["hive", "plugins", "enable", "resource"], env=env, check=True, capture_output=True)
        plugins = load()
        store = Store.open(path, write=True)
        try:
            ledger = Ledger(store, operator="bench", today=clock.today(), registry=plugins.registry)
            _synthetic(ledger, {"resources": size, "needs": size}, random.Random(seed))
            ledger.commit()
        finally:
            store.close()
        started = time.perf_counter()
        subprocess.run(["hive", "resource", "match", "--json"], env=env, check=True, capture_output=True)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[250, 500, 1000, 2000, 4000, 8000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", action="store_true", help="also time the whole command at 2,000 x 2,000")
    args = parser.parse_args()

    print(f"{'needs x resources':>18}  {'pairs':>9}  {'allocations':>11}  {'unmatched':>9}  {'seconds':>8}")
    slow = None
    for size in args.sizes:
        seconds, pairs, allocations, unmatched = time_match(size, args.seed, args.repeat if size <= 2000 else 1)
        print(f"{size:>8,} x {size:<7,}  {pairs:>9,}  {allocations:>11,}  {unmatched:>9,}  {seconds:>8.2f}")
        sys.stdout.flush()
        if seconds > INTERACTIVE:
            slow = size
            break
    if slow:
        print(f"no longer interactive (over {INTERACTIVE:.0f} s) at {slow:,} x {slow:,}")
    else:
        print(f"interactive (under {INTERACTIVE:.0f} s) up to {args.sizes[-1]:,} x {args.sizes[-1]:,}")
    if args.cli:
        print(f"hive resource match --json, 2,000 x 2,000 center: {time_cli(2000, args.seed):.2f} s")


if __name__ == "__main__":
    main()
