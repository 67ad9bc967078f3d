"""benchmarks/match.py runs and prints its figures (no timing is asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "match.py"


def test_the_benchmark_prints_a_row_per_size_and_a_verdict():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--sizes", "20", "40", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = result.stdout.strip().splitlines()
    assert "needs x resources" in lines[0]
    assert lines[1].split()[0] == "20" and lines[2].split()[0] == "40"
    assert "interactive" in lines[-1]
