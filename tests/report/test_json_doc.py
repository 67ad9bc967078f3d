"""docs/cli-json.md documents every key of ``hive report --json``, every section's figures, tables and charts, and only those.

Checked on the demo center (every bundled plugin enabled) for a month, a
quarter and two years, so that the listings have rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).parents[2] / "docs" / "cli-json.md"
PERIODS = ("2026-11", "2026Q3", "2026", "2025")


def _doc_part() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text[text.index("## The report: `hive report --json`") :]


def documented_document() -> set[str]:
    part = _doc_part()
    first = part[: part.index("\n### ")]
    return set(re.findall(r"^\| `([^`]+)` \|", first, re.M))


def documented_sections() -> dict[str, dict[str, set[str] | None]]:
    """``{"pipeline": {"figures.entered": None, "tables.entered": {"date", ...}, "charts...": None}}``."""
    found: dict[str, dict[str, set[str] | None]] = {}
    current = None
    for line in _doc_part().splitlines():
        heading = re.match(r"^### `(\w+)` \(", line)
        if heading:
            current = found.setdefault(heading.group(1), {})
            continue
        row = re.match(r"^\| `((?:figures|tables|charts)\.[^`]+)` \| ([^|]*)\|", line)
        if row and current is not None:
            keys = set(re.findall(r"`([^`]+)`", row.group(2)))
            current[row.group(1)] = keys if row.group(1).startswith("tables.") else None
    return found


def generic_paths(document: dict) -> set[str]:
    """The document's key paths with section, figure, table and chart keys replaced by SECTION, FIGURE, TABLE, CHART."""
    paths = {f"center.{k}" for k in document["center"]} | {"made", "provisional", "sections"}
    for key, value in document["period"].items():
        if isinstance(value, dict):
            paths |= {f"period.{key}.{k}" for k in value}
        else:
            paths.add(f"period.{key}")
    for section in document["sections"].values():
        base = "sections.SECTION"
        paths |= {f"{base}.{k}" for k in section}
        for figure in section["figures"].values():
            paths |= {f"{base}.figures.FIGURE.{k}" for k in figure}
        for table in section["tables"].values():
            paths |= {f"{base}.tables.TABLE.{k}" for k in table}
            for column in table["columns"]:
                paths |= {f"{base}.tables.TABLE.columns[].{k}" for k in column}
        for chart in section["charts"].values():
            paths |= {f"{base}.charts.CHART.{k}" for k in chart}
            for bar in chart["bars"]:
                paths |= {f"{base}.charts.CHART.bars[].{k}" for k in bar}
    return paths


@pytest.fixture(scope="module")
def reports(demo_db):
    from hive.testing import HiveRunner

    mp = pytest.MonkeyPatch()
    mp.setenv("HIVE_TODAY", "2026-12-02")
    mp.setenv("HIVE_LANG", "en")
    try:
        runner = HiveRunner(demo_db)
        return [runner.json("report", "--period", p) for p in PERIODS]
    finally:
        mp.undo()


def test_the_document_keys_are_documented(reports):
    actual = set().union(*(generic_paths(doc) for doc in reports))
    assert actual == documented_document()


def test_every_section_figure_table_and_chart_is_documented(reports):
    documented = documented_sections()
    assert set(reports[0]["sections"]) == set(documented)
    for key, expected in documented.items():
        sections = [doc["sections"][key] for doc in reports]
        actual = {f"figures.{f}" for f in sections[0]["figures"]}
        actual |= {f"tables.{t}" for t in sections[0]["tables"]} | {f"charts.{c}" for c in sections[0]["charts"]}
        assert actual == set(expected), key
        for table in sections[0]["tables"]:
            rows = [row for s in sections for row in s["tables"][table]["rows"]]
            keys = set().union(*rows) if rows else set()
            columns = {c["key"] for c in sections[0]["tables"][table]["columns"]}
            assert columns <= expected[f"tables.{table}"], (key, table)
            if rows:
                assert keys == expected[f"tables.{table}"], (key, table)


def test_figure_values_have_the_documented_types(reports):
    text = _doc_part()
    for doc in reports:
        for key, section in doc["sections"].items():
            for name, figure in section["figures"].items():
                row = re.search(rf"^\| `figures\.{name}` \| (\w+) \|", text[text.index(f"### `{key}`") :], re.M)
                kind = {"int": int, "float": float}[row.group(1)]
                assert type(figure["value"]) is kind, (key, name, figure["value"])
