"""Shared set-up for the reliability tests: a fixed "today", no stray environment, child processes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).parent / "driver.py"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIVE_LANG", "en")


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child ``hive`` process: this one's (HIVE_TODAY...) plus ``extra``."""
    env = dict(os.environ)
    env.update(extra)
    return env


def start_driver(db: Path, tag: str, count: int, kinds: str, **env: str) -> subprocess.Popen[str]:
    """Start ``driver.py`` (see its docstring) writing to ``db``; its stdout is a pipe of ACK/FAIL lines."""
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(db), tag, str(count), kinds],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(**env),
    )


def parse_lines(text: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """``(acks, failures)`` from a driver's output: acks as (kind, label, id)."""
    acks, failures = [], []
    for line in text.splitlines():
        if line.startswith("ACK "):
            _ack, kind, label, record_id = line.split(" ", 3)
            acks.append((kind, label, record_id))
        elif line.startswith("FAIL "):
            failures.append(line)
    return acks, failures


LABEL = re.compile(r"^[A-Z]\d+-[a-z]+-\d+$")  # what driver.py writes: <TAG>-<kind>-<n>


def labels_in(db: Path) -> dict[str, str]:
    """``{label: record id}`` of every record in the file (parsed as plain JSON) that holds a driver's label."""
    data = json.loads(db.read_text(encoding="utf-8"))
    found = {}
    for table, docs in data.items():
        if table == "events":
            continue
        for doc in docs.values():
            for value in doc.values():
                if isinstance(value, str) and LABEL.match(value):
                    found[value] = doc["id"]
    return found


class Helpers:
    """The helpers above, for test modules (``--import-mode=importlib`` cannot import conftest)."""

    child_env = staticmethod(child_env)
    start_driver = staticmethod(start_driver)
    parse_lines = staticmethod(parse_lines)
    labels_in = staticmethod(labels_in)


@pytest.fixture
def rel() -> type[Helpers]:
    return Helpers
