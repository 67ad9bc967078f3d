"""The structural checks before a write: what they add to a command's reading of the center.

    python benchmarks/damage_checks.py [--size medium] [--runs 5]

A writing command (and ``hive check``) refuses a file that holds a key twice
(``hive.store.refuse_duplicate_keys``); every command refuses a record key
that is not an ASCII number. Measured in-process on the synthetic center of
``--size``, each against the same run's baseline, ``orjson.loads`` of the
file (what every command does anyway):

* the key check (in every command's parse);
* the duplicate check on a file hive wrote (one ``orjson.dumps`` and a compare);
* the duplicate check on a hand-edited file (the standard library's parser
  with ``object_pairs_hook``: what ``hive check`` or a write pays once after
  a person edited the file, never on a file hive wrote).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import orjson
from timing import print_table, seconds, synthetic

from hive import store


def median_seconds(step, runs: int) -> float:
    times = []
    for _n in range(runs):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="medium")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = synthetic(args.size)
    raw = path.read_bytes()
    data = orjson.loads(raw)
    edited = json.dumps(data, ensure_ascii=False).encode()  # the same content, as a text editor might save it
    edited_data = orjson.loads(edited)
    steps = {
        "orjson.loads (baseline)": lambda: orjson.loads(raw),
        "record keys are ASCII numbers": lambda: store._parse(path, raw),
        "no key twice, file hive wrote": lambda: store.refuse_duplicate_keys(path, raw, data),
        "no key twice, hand-edited file": lambda: store.refuse_duplicate_keys(path, edited, edited_data),
    }
    measured = {label: median_seconds(step, args.runs) for label, step in steps.items()}
    base = measured["orjson.loads (baseline)"]
    parse = measured["record keys are ASCII numbers"]
    print(f"{args.size} center: {len(raw) / 1e6:.1f} MB, {sum(len(t) for t in data.values())} records")
    print_table(
        ["step", "median", "x loads"],
        [
            ["orjson.loads (baseline)", seconds(base), "1.00"],
            ["_parse (loads + shape + key check)", seconds(parse), f"{parse / base:.2f}"],
            *[[label, seconds(measured[label]), f"{measured[label] / base:.2f}"] for label in list(steps)[2:]],
        ],
    )


if __name__ == "__main__":
    main()
