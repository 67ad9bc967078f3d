"""docs/user-guide.md: every ```console block is run, in order, and must print what the guide shows.

A block holds ``$ hive ...`` lines, each followed by the output it prints
(stdout, then stderr). ``$ export NAME=VALUE`` sets an environment variable
for the rest of the guide. Blocks marked ```text are illustrations and are not run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hive.testing import CONSOLE_BLOCK, HiveRunner, run_console

GUIDE = Path(__file__).parents[2] / "docs" / "user-guide.md"


@pytest.fixture
def guide_env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HIVE_LANG", "en")
    return monkeypatch


def test_the_walkthrough_prints_what_the_guide_shows(guide_env):
    text = GUIDE.read_text(encoding="utf-8")
    assert len(CONSOLE_BLOCK.findall(text)) >= 15
    for command, expected, actual in run_console(text, HiveRunner(Path("hive.json"), entry_points=False), guide_env):
        if actual is not None:
            assert actual == expected, f"$ {command}"


def test_every_core_command_is_in_the_reference():
    from hive.cli import CORE_COMMANDS

    text = GUIDE.read_text(encoding="utf-8")
    reference = text[text.index("## Every core command") : text.index("## When something goes wrong")]
    for name in CORE_COMMANDS:
        assert f"`hive {name}" in reference, name
