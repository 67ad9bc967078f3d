"""docs/plugin-tutorial.md stays true: its code is the example's code, and its commands run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
TUTORIAL = ROOT / "docs" / "plugin-tutorial.md"
EXAMPLE = ROOT / "examples" / "traffic-safety"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), flags=re.S)


def test_every_code_excerpt_is_the_examples_code():
    """Lines of the excerpts (except those abridged with ...) are lines of examples/traffic-safety."""
    source = {
        line.strip()
        for path in [*EXAMPLE.rglob("*.py"), EXAMPLE / "pyproject.toml"]
        for line in path.read_text(encoding="utf-8").splitlines()
    }
    blocks = python_blocks()
    assert len(blocks) >= 8
    stale = [
        line.strip()
        for block in blocks
        for line in block.splitlines()
        if line.strip() and "..." not in line and line.strip() not in source
    ]
    assert stale == [], "docs/plugin-tutorial.md quotes code that examples/traffic-safety no longer has"


def section(title: str) -> str:
    text = TUTORIAL.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


@pytest.fixture
def traffic(hive, monkeypatch):
    monkeypatch.syspath_prepend(str(EXAMPLE / "src"))
    monkeypatch.setenv("HIVE_TODAY", "2026-06-30")
    import hive_traffic_safety

    hive.plugins.register(hive_traffic_safety.plugin, "traffic")
    return hive


def test_the_use_it_commands_run(traffic):
    club = traffic.org("便民服务队", members=0, joined="2026-01-05")
    for name in ("陈刚", "王阿姨", "刘老师"):
        traffic.new_id("person", "add", name)
    traffic.ok("member", "add", club, "陈刚", "--since", "2026-01-05", "--backbone")
    commands = [line.strip() for line in section("9. Use it").splitlines() if line.startswith("    hive ")]
    assert len(commands) >= 7
    for command in commands:
        traffic.ok(*shlex.split(command)[1:])
    roles = [a["role"] for a in traffic.json("traffic", "attend", "list", "--session", "ts1")]
    assert roles == ["resident", "resident", "volunteer"]
    assert traffic.json("show", "ts1")["record"]["venue"] == "益田小学"
