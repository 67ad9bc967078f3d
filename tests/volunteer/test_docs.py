"""docs/volunteer.md: every ```console block runs, in order, and prints what the page shows.

A block holds ``$ hive ...`` lines, each followed by its output (stdout, then
stderr); ``$ export NAME=VALUE`` sets an environment variable for the rest of
the page. A ```text block right after a line ending in "`NAME.csv`:" is written
to that file first. Blocks marked ```text are illustrations and are not run.
"""

from __future__ import annotations

import re
from pathlib import Path

import hive_volunteer
import pytest

from hive.plugins import PluginInfo
from hive.testing import HiveRunner, run_console

PAGE = Path(__file__).parents[2] / "docs" / "volunteer.md"
CSV_FILE = re.compile(r"`([\w.-]+\.csv)`:\n\n```text\n(.*?)^```$", re.M | re.S)


def files(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in CSV_FILE.finditer(text)}


def run_page(text: str, folder: Path, monkeypatch: pytest.MonkeyPatch):
    """Yield (command, expected lines, actual lines) for each step of the page."""
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HIVE_LANG", "en")
    for name, content in files(text).items():
        (folder / name).write_text(content, encoding="utf-8")
    runner = HiveRunner(Path("hive.json"), entry_points=False)
    runner.plugins.register(hive_volunteer.plugin, "volunteer", PluginInfo("volunteer", bundled=True))
    yield from run_console(text, runner, monkeypatch)


def test_the_page_prints_what_it_shows(tmp_path, monkeypatch):
    text = PAGE.read_text(encoding="utf-8")
    count = 0
    for command, expected, actual in run_page(text, tmp_path, monkeypatch):
        count += 1
        if actual is not None:
            assert actual == expected, f"$ {command}"
    assert count > 30


@pytest.mark.parametrize(
    "command",
    [
        "add",
        "list",
        "team add",
        "team join",
        "team list",
        "log",
        "records",
        "approve",
        "reject",
        "hours",
        "certificate",
        "certificate list",
        "certificate reprint",
        "certificate void",
        "report",
        "import",
    ],
)
def test_every_command_is_in_the_reference(command):
    text = PAGE.read_text(encoding="utf-8")
    reference = text[text.index("## Every command") : text.index("## The `--json` documents")]
    assert f"`hive volunteer {command}" in reference
