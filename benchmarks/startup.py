"""Start-up: ``hive --help`` and ``hive org list``, against importing hive's dependencies.

    python benchmarks/startup.py [--runs 21]

Target: ratio <= 1.2 (hive adds almost nothing to the import of click,
pluggy, attrs, cattrs and tinydb; plugin code is imported only when a command
needs it). ``org list`` runs on a tiny center (3 organizations) and on the
small synthetic one (2.3 MB: its parse is in the figure, not in the baseline).
Measure an installed hive (``pip install .``): an editable install's import
finder adds about 17 ms to every command.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from timing import environment, hive_command, interleaved, print_table, run, seconds, synthetic

BASELINE = [sys.executable, "-c", "import click, pluggy, attrs, cattrs, tinydb"]
TARGET = 1.2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    hive = hive_command()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "tiny.json")
        env = environment(HIVE_DB=db)
        run([*hive, "init", "益田社区党群服务中心"], env=env)
        for name in ("阅翼成长阅读俱乐部", "艺舞人生艺术团", "多彩多意书画院"):
            run([*hive, "org", "add", name], env=env)
        cases = {
            "baseline": (BASELINE, None),
            "hive --help": ([*hive, "--help"], env),
            "hive org list (tiny center)": ([*hive, "org", "list"], env),
            "hive org list (small center)": ([*hive, "--db", str(synthetic("small")), "org", "list"], env),
            # the same help without the entry-point scan and the plugins' command modules
            "hive --help, HIVE_NO_PLUGINS=1": ([*hive, "--help"], {**env, "HIVE_NO_PLUGINS": "1"}),
        }
        interleaved(cases, 2)  # warm the file cache and the bytecode cache
        found = interleaved(cases, args.runs)
        baseline = found.pop("baseline")
        rows = []
        for label, took in found.items():
            ratio = took / baseline
            verdict = "ok" if ratio <= TARGET else f"over {TARGET}"
            rows.append([label, seconds(took), seconds(baseline), f"{ratio:.2f}", verdict])
    print(
        f"start-up, median of {args.runs} interleaved runs; baseline: python -c 'import click, pluggy, attrs, cattrs, tinydb'"
    )
    print_table(["command", "hive", "baseline", "ratio", f"target <= {TARGET}"], rows)


if __name__ == "__main__":
    main()
