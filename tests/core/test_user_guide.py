"""docs/user-guide.md: every ```console block is run, in order, and must print what the guide shows.

A block holds ``$ hive ...`` lines, each followed by the output it prints
(stdout, then stderr). ``$ export NAME=VALUE`` sets an environment variable
for the rest of the guide. Blocks marked ```text are illustrations and are not run.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from hive.testing import HiveRunner

GUIDE = Path(__file__).parents[2] / "docs" / "user-guide.md"
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)


def console_blocks(text: str) -> list[list[tuple[str, list[str]]]]:
    """Each block as a list of (command line, expected output lines)."""
    blocks = []
    for match in BLOCK.finditer(text):
        steps: list[tuple[str, list[str]]] = []
        for line in match.group(1).splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                assert steps, f"output before any command in block: {line!r}"
                steps[-1][1].append(line)
        blocks.append(steps)
    return blocks


def run_guide(text: str, monkeypatch: pytest.MonkeyPatch):
    """Run every block; yields (command, expected lines, actual lines)."""
    runner = HiveRunner(Path("hive.json"), entry_points=False)
    for steps in console_blocks(text):
        for command, expected in steps:
            words = shlex.split(command)
            if words[0] == "export":
                name, _, value = words[1].partition("=")
                monkeypatch.setenv(name, value)
                if name == "HIVE_OPERATOR":
                    runner.operator = value
                yield command, expected, []
                continue
            assert words[0] == "hive", command
            result = runner(*words[1:])
            yield command, expected, (result.stdout + result.stderr).rstrip("\n").splitlines()


@pytest.fixture
def guide_env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HIVE_LANG", "en")
    return monkeypatch


def test_the_walkthrough_prints_what_the_guide_shows(guide_env):
    text = GUIDE.read_text(encoding="utf-8")
    assert len(console_blocks(text)) >= 15
    for command, expected, actual in run_guide(text, guide_env):
        assert actual == expected, f"$ {command}"


def test_every_core_command_is_in_the_reference():
    from hive.cli import CORE_COMMANDS

    text = GUIDE.read_text(encoding="utf-8")
    reference = text[text.index("## Every core command") : text.index("## When something goes wrong")]
    for name in CORE_COMMANDS:
        assert f"`hive {name}" in reference, name
