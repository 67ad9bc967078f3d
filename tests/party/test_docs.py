"""docs/party.md: every ```console block runs, in order, and prints what the page shows.

A block holds ``$ hive ...`` lines, each followed by its output (stdout, then
stderr); ``$ export NAME=VALUE`` sets an environment variable for the rest of
the page. Blocks marked ```text are illustrations and are not run.
"""

from __future__ import annotations

from pathlib import Path

import hive_party
import pytest

from hive.plugins import PluginInfo
from hive.testing import HiveRunner, console_steps, run_console

PAGE = Path(__file__).parents[2] / "docs" / "party.md"


def test_the_page_prints_what_it_shows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HIVE_LANG", "en")
    runner = HiveRunner(Path("hive.json"), entry_points=False)
    runner.plugins.register(hive_party.plugin, "party", PluginInfo("party", bundled=True))
    page = PAGE.read_text(encoding="utf-8")
    assert len(console_steps(page)) > 40
    for command, expected, actual in run_console(page, runner, monkeypatch):
        if actual is not None:
            assert actual == expected, f"$ {command}"


@pytest.mark.parametrize(
    "command",
    [
        "member add",
        "member list",
        "activity add",
        "activity list",
        "instructor assign",
        "branch add",
        "compliance",
        "coverage",
    ],
)
def test_every_command_is_in_the_reference(command):
    text = PAGE.read_text(encoding="utf-8")
    reference = text[text.index("## Every command") : text.index("## The `--json` documents")]
    assert f"`hive party {command}" in reference
