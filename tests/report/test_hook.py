"""A plugin contributes report sections through ``hive_report_sections``, like the core does."""

from __future__ import annotations

import datetime as dt
import types

from hive import hookimpl
from hive.reporting import Bar, Chart, Column, Section, Table, Tally


def lending_plugin(loans: list[tuple[str, str]]):
    """A plugin counting books lent on the given days, with a listing and a chart."""

    @hookimpl
    def hive_report_sections(ledger, period):
        tally, rows = Tally(period), []
        for day_text, book in loans:
            day = dt.date.fromisoformat(day_text)
            tally.add(day, "loans")
            tally.distinct(day, "books", book)
            if day in period:
                rows.append({"date": day_text, "book": book})
        return [
            Section(
                "lending",
                "Library",
                figures=tally.figures([("loans", "books lent", ""), ("books", "distinct books", "")]),
                tables=[Table("loans", "Loans", [Column("date", "date"), Column("book", "book")], rows)],
                charts=[Chart("loans", "Loans", [Bar("all", len(rows))])],
            )
        ]

    return types.SimpleNamespace(hive_report_sections=hive_report_sections)


def test_a_plugins_section_follows_the_core_ones(hive_core, tmp_path):
    hive_core.register(
        lending_plugin([("2026-04-30", "城南旧事"), ("2026-05-02", "边城"), ("2026-05-09", "边城")]), "lending"
    )
    doc = hive_core.json("report", "--period", "2026-05")
    assert list(doc["sections"])[-1] == "lending"
    section = doc["sections"]["lending"]
    assert section["plugin"] == "lending"
    assert section["figures"]["loans"] == {
        "label": "books lent",
        "value": 2,
        "previous": 1,
        "year_to_date": 3,
        "unit": "",
    }
    assert section["figures"]["books"]["value"] == 1
    assert [r["book"] for r in section["tables"]["loans"]["rows"]] == ["边城", "边城"]
    out = tmp_path / "may.html"
    hive_core.ok("report", "--period", "2026-05", "--out", str(out))
    assert "Library" in out.read_text(encoding="utf-8")


def test_a_disabled_plugin_is_not_asked(hive_core):
    hive_core.register(lending_plugin([("2026-05-02", "边城")]), "lending", enable=False)
    assert "lending" not in hive_core.json("report", "--period", "2026-05")["sections"]


def test_a_section_key_taken_twice_is_one_clear_line(hive_core):
    twin = lending_plugin([])
    hive_core.register(lending_plugin([]), "lending")
    hive_core.register(twin, "lending2")
    result = hive_core.fails("report", "--period", "2026-05")
    assert "lending" in result.stderr and "twice" in result.stderr


def test_a_failing_plugin_is_named(hive_core):
    @hookimpl
    def hive_report_sections(ledger, period):
        raise ValueError("boom")

    hive_core.register(types.SimpleNamespace(hive_report_sections=hive_report_sections), "broken")
    result = hive_core.fails("report", "--period", "2026-05")
    assert "broken" in result.stderr and "hive_report_sections" in result.stderr
