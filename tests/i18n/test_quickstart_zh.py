"""docs/zh/quickstart.md: every ```console block is run, in order, and must print what the quick start shows.

A block holds ``$ hive ...`` lines, each followed by its output (stdout, then
stderr); ``$ export NAME=VALUE`` sets an environment variable for the rest of
the page.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from hive.testing import HiveRunner

QUICKSTART = Path(__file__).parents[2] / "docs" / "zh" / "quickstart.md"
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)


def steps(text: str) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for block in BLOCK.findall(text):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            else:
                assert found, f"output before any command: {line!r}"
                found[-1][1].append(line)
    return found


def test_the_quick_start_prints_what_it_shows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("HIVE_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "HIVE_DB", "HIVE_OPERATOR"):
        monkeypatch.delenv(var, raising=False)
    runner = HiveRunner(Path("hive.json"), entry_points=False)
    text = QUICKSTART.read_text(encoding="utf-8")
    ran = steps(text)
    assert len(ran) >= 20
    for command, expected in ran:
        words = shlex.split(command)
        if words[0] == "export":
            name, _, value = words[1].partition("=")
            monkeypatch.setenv(name, value)
            if name == "HIVE_OPERATOR":
                runner.operator = value
            continue
        assert words[0] == "hive", command
        result = runner(*words[1:])
        actual = (result.stdout + result.stderr).rstrip("\n").splitlines()
        assert actual == expected, f"$ {command}"
    assert "阶段评估（截至 2026-01-05）" in text  # the page shows hive in Chinese
