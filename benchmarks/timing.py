"""What the benchmark scripts share: running hive as users do, timing it, building centers, printing tables.

Not a benchmark itself. Every figure is the wall-clock time of a whole
process (interpreter start-up included), the median of several runs, so that
hive and its baseline are measured the same way in the same run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Synthetic centers are dated relative to this day (and so are byte-identical run after run).
TODAY = os.environ.get("HIVE_TODAY", "2026-06-30")
SEED = int(os.environ.get("HIVE_BENCH_SEED", "1"))
CACHE = Path(os.environ.get("HIVE_BENCH_DIR", Path(tempfile.gettempdir()) / "hive-bench"))


def hive_command() -> list[str]:
    """The ``hive`` console script installed next to this Python (not a shell shim), else ``hive`` on PATH."""
    beside = Path(sys.executable).with_name("hive")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("hive")
    if found is None:
        sys.exit("hive is not installed: pip install -e .")
    return [found]


def environment(**extra: str) -> dict[str, str]:
    """The environment of every timed process, hive's and the baseline's alike."""
    env = dict(os.environ)
    env.update({"HIVE_TODAY": TODAY, "HIVE_LANG": "en"})
    env.pop("HIVE_DB", None)
    # Cached bytecode, as an installed program has it (a shell with PYTHONDONTWRITEBYTECODE would
    # recompile hive's sources on every run), kept out of the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    env.update(extra)
    return env


def run(args: list[str], *, env: dict[str, str] | None = None, stdout: int | None = subprocess.DEVNULL) -> float:
    """Seconds one process takes; raises when it fails."""
    started = time.perf_counter()
    done = subprocess.run(args, env=env or environment(), stdout=stdout, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode(errors='replace').strip()}")
    return elapsed


def interleaved(
    commands: dict[str, tuple[list[str], dict[str, str] | None]], runs: int, *, before=None
) -> dict[str, float]:
    """Median seconds of each command, run in turn ``runs`` times: a busy machine slows them all alike.

    ``commands`` maps a label to (arguments, environment or None); ``before(label)``
    is called, untimed, before each run.
    """
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _n in range(runs):
        for label, (args, env) in commands.items():
            if before is not None:
                before(label)
            times[label].append(run(args, env=env))
    return {label: statistics.median(found) for label, found in times.items()}


def synthetic(size: str, seed: int = SEED) -> Path:
    """A synthetic center of ``size`` (``hive demo --size``), built once and kept in the cache folder."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{size}-seed{seed}-{TODAY}.json"
    if not path.exists():
        print(f"building the {size} center (seed {seed}) in {path} ...", file=sys.stderr, flush=True)
        seconds = run([*hive_command(), "demo", "--size", size, "--seed", str(seed), "--db", str(path), "--json"])
        print(f"  built in {seconds:.1f} s, {megabytes(path)} MB", file=sys.stderr, flush=True)
    return path


def megabytes(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f}"


def print_table(headers: list[str], rows: list[list[object]]) -> None:
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("  ".join(cell.rjust(widths[i]) if i else cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
