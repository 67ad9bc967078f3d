"""docs/cli-json.md documents every key of every core --json document, and only those."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).parents[2] / "docs" / "cli-json.md"
# objects keyed by data (dimension names, criterion ids, figure keys), not by the contract
DYNAMIC = {"diagnoses[].scores", "evidence", "labels", "total", "centers[].figures"}
OPTIONAL = {"centers[].problem"}  # only for a center that could not be read


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
    # the lifecycle (issue 16): o1 applied, accepted, agreed and renewed, a role; o2 awaits its review; o3 has none
    hive.ok("org", "apply", club, "--initiator", "p1,p2", "--received", "2026-02-01")
    hive.ok("org", "decide", club, "--accept", "--reason", "ok", "--date", "2026-02-02")
    hive.ok("org", "agree", club, "--start", "2026-02-03", "--term", "6", "--space", "A3")
    hive.ok("org", "renew", club, "--term", "6", "--date", "2026-06-01")
    hive.ok("member", "role", club, "p2", "负责人", "--date", "2026-06-02")
    hive.new_id("org", "add", "second")
    hive.ok("org", "apply", "second", "--initiator", "张伟", "--received", "2026-06-29")
    hive.new_id("org", "add", "third")
    hive.ok("rubric", "load", "--example")
    leaves = "1.1=4 1.2=5 1.3=5 2.1=8 2.2=7 3.1=8 3.2=7 3.3=10 4.1=12 4.2=10 4.3=8 5.1=10 5.2=5".split()
    scores = [option for leaf in leaves for option in ("--score", leaf)]
    hive.ok(
        "assess",
        club,
        "--rubric",
        "grading-example",
        *scores,
        "--reason",
        "1.1=缺回执",
        "--assessor",
        "陈督导",
        "--date",
        "2026-06-10",
    )
    hive.ok("user", "add", "王芳", "--role", "staff", "--password-stdin", input="a long password\n")
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
    "hive due --json": ("due", "--within", "400d"),
    "hive rubric list --json": ("rubric", "list"),
    "hive rubric show RUBRIC --json": ("rubric", "show", "grading-example"),
    "hive assess show ID --json": ("assess", "show", "as1"),
    "hive org apply ORG --json": ("org", "apply", "o1", "--initiator", "张伟"),
    "hive org decide ORG --json": ("org", "decide", "o2", "--reject", "--reason", "x"),
    "hive org agree ORG --json": ("org", "agree", "o3", "--term", "12", "--virtual"),
    "hive org renew ORG --json": ("org", "renew", "o1", "--term", "6"),
    "hive org exit ORG --json": ("org", "exit", "o1", "--reason", "other"),
    "hive org graduate ORG --json": ("org", "graduate", "o1", "--force"),
    "hive org history ORG --json": ("org", "history", "o1"),
    "hive member role ORG PERSON ROLE --json": ("member", "role", "o1", "张伟", "backbone"),
    "hive member role ORG PERSON --json": ("member", "role", "o1", "李娜"),
    "hive user list --json": ("user", "list"),
    # over the runner's district: the folder of its center file, or its server
    "hive district centers --json": ("district", "centers"),
    "hive district report --json": ("district", "report", "--period", "2026-02"),
}


def _args(hive, command: tuple[str, ...]) -> tuple[str, ...]:
    if command[0] != "district":
        return command
    return ("--db", str(hive.location if hive.server else Path(hive.location).parent), *command)


def test_every_core_json_document_is_documented():
    assert set(documented()) == set(COMMANDS)


@pytest.mark.parametrize("section", sorted(COMMANDS))
def test_documented_keys_match_the_output(full_center, hive, section):
    actual = paths(hive.json(*_args(hive, COMMANDS[section])))
    assert actual <= documented()[section] and documented()[section] - OPTIONAL <= actual


def test_demo_prints_the_review_document(hive, tmp_path):
    rows = hive.json("--db", str(tmp_path / "demo.json"), "demo")
    assert paths(rows) <= documented()["hive review --json"]
