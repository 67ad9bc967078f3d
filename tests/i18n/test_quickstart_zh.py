"""docs/zh/quickstart.md: every ```console block is run, in order, and must print what the quick start shows.

A block holds ``$ hive ...`` lines, each followed by its output (stdout, then
stderr); ``$ export NAME=VALUE`` sets an environment variable for the rest of
the page.
"""

from __future__ import annotations

from pathlib import Path

from hive.testing import HiveRunner, console_steps, run_console

QUICKSTART = Path(__file__).parents[2] / "docs" / "zh" / "quickstart.md"


def test_the_quick_start_prints_what_it_shows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("HIVE_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "HIVE_DB", "HIVE_OPERATOR"):
        monkeypatch.delenv(var, raising=False)
    runner = HiveRunner(Path("hive.json"), entry_points=False)
    text = QUICKSTART.read_text(encoding="utf-8")
    assert len(console_steps(text)) >= 20
    for command, expected, actual in run_console(text, runner, monkeypatch):
        if actual is not None:
            assert actual == expected, f"$ {command}"
    assert "阶段评估（截至 2026-01-05）" in text  # the page shows hive in Chinese
