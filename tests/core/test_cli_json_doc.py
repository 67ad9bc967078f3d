"""docs/cli-json.md documents every key of every core --json document, and only those."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).parents[2] / "docs" / "cli-json.md"
DYNAMIC = {"diagnoses[].scores", "evidence"}  # objects keyed by data (dimension names, criterion ids), not by the contract


def documented() -> dict[str, set[str]]:
    """``{"hive review --json": {"id", "failed", "failed[].criterion", ...}}`` from the doc's tables."""
    sections: dict[str, set[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## `(hive .+)`$", line)
        if heading:
            current = sections.setdefault(heading.group(1), set())
            continue
        if line.startswith("## "):  # a part documented and tested on its own (the report: tests/report)
            current = None
            continue
        row = re.match(r"^\| `([^`]+)` \|", line)
        if row and current is not None:
            current.add(row.group(1))
    return sections


def paths(value, prefix: str = "") -> set[str]:
    """Every key path of a document: ``failed``, ``failed[].criterion``, ``last_review.id``..."""
    found: set[str] = set()
    if isinstance(value, list):
        for item in value:
            found |= paths(item, prefix)
        return found
    if isinstance(value, dict) and prefix.rstrip(".") not in DYNAMIC:
        for key, child in value.items():
            path = prefix + key
            found.add(path)
            if isinstance(child, list):
                found |= paths(child, path + "[].")
            elif isinstance(child, dict):
                found |= paths(child, path + ".")
    return found


@pytest.fixture
def full_center(hive, club):
    """An organization with every kind of record, a forced move and a stored review."""
    hive.ok("record", "training", club, "--date", "2026-02-10", "--hours", "4", "--topic", "x", "--attendee", "王芳")
    hive.ok("record", "registration", club, "--filing-no", "F-1", "--date", "2026-02-11")
    hive.ok("record", "diagnosis", club, "--date", "2026-02-12", "--score", "治理结构=4")
    hive.ok("record", "supervision", club, "--date", "2026-02-13", "--supervisor", "陈督导")
    hive.ok("advance", club, "--to", "backbone_training", "--reason", "x", "--date", "2026-02-14")
    hive.ok("review", club)
    hive.ok("person", "add", "王芳", "--phone", "13812345678")  # p4: 王芳 registered twice
    return club


COMMANDS = {
    "hive review --json": ("review",),
    "hive org list --json": ("org", "list"),
    "hive org show ORG --json": ("org", "show", "o1"),
    "hive person list --json": ("person", "list"),
    "hive person show PERSON --json": ("person", "show", "p1"),
    "hive person duplicates --json": ("person", "duplicates"),
    "hive person duplicates --not A B --json": ("person", "duplicates", "--not", "p1", "p4"),
    "hive person merge KEEP OTHER --json": ("person", "merge", "p1", "p4"),
    "hive history ORG --json": ("history", "o1"),
    "hive plugins list --json": ("plugins", "list"),
    "hive plugins info NAME --json": ("plugins", "info", "party"),
    "hive settings list --json": ("settings", "list"),
    "hive events --json": ("events",),
}


def test_every_core_json_document_is_documented():
    assert set(documented()) == set(COMMANDS)


@pytest.mark.parametrize("section", sorted(COMMANDS))
def test_documented_keys_match_the_output(full_center, hive, section):
    actual = paths(hive.json(*COMMANDS[section]))
    assert actual == documented()[section]


def test_demo_prints_the_review_document(hive, tmp_path):
    rows = hive.json("--db", str(tmp_path / "demo.json"), "demo")
    assert paths(rows) <= documented()["hive review --json"]
