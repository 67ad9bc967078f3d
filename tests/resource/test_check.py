"""``hive check`` on the resource pool: references edited by hand to nothing, over-allocation, closed allocations."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def pooled(hive, pool):
    """rs1 (1000 yuan) gave 600 to o1's need rn1 (ra1, fulfilled); slot rs2 went to the center's rn2 (ra2, cancelled)."""
    hive.ok("org", "add", "阅翼成长阅读俱乐部", "--joined", "2025-01-05")
    pool.resource("funds", 1000, "yuan")
    pool.resource("venue", 5, "hours")
    pool.need("funds", 600, "yuan", org="o1")
    pool.need("venue", 2, "hours")
    assert pool.pairs("--apply") == {("rn1", "rs1", 600.0), ("rn2", "rs2", 2.0)}
    hive.ok("resource", "fulfil", "ra1")
    hive.ok("resource", "cancel", "ra2", "--reason", "场地维修")
    return hive


def test_a_clean_pool_passes(pooled):
    assert pooled.problems() == []


@pytest.mark.parametrize(
    ("table", "number", "changes", "expected"),
    [
        ("resource_resources", "1", {"provider": "rp9"}, ("rs1", "provider: no record rp9 in resource_providers")),
        ("resource_needs", "1", {"org": "o7"}, ("rn1", "org: no record o7 in organizations")),
        ("resource_allocations", "1", {"need": "rn8"}, ("ra1", "need: no record rn8 in resource_needs")),
        (
            "resource_allocations",
            "1",
            {"resource": "rs8"},
            ("ra1", "resource: no record rs8 in resource_resources"),
        ),
        ("resource_allocations", "1", {"status": "lost"}, ("ra1", "status: 'lost' is not one of: open, fulfilled, cancelled")),
        ("resource_allocations", "1", {"closed": None}, ("ra1", "is fulfilled but has no closed date")),
        ("resource_allocations", "2", {"closed": None}, ("ra2", "is cancelled but has no closed date")),
        ("resource_allocations", "2", {"reason": " "}, ("ra2", "is cancelled but gives no reason")),
        (
            "resource_allocations",
            "2",
            {"status": "open", "reason": ""},
            ("ra2", "is open but has a closed date (2026-06-30)"),
        ),
        (
            "resource_resources",
            "1",
            {"quantity": 599.99},
            ("rs1", "quantity: open and fulfilled allocations take 600 of its 599.99"),
        ),
        (
            "resource_needs",
            "1",
            {"quantity": 500},
            ("rn1", "quantity: open and fulfilled allocations give it 600 of the 500 it needs"),
        ),
    ],
)
def test_damage_edited_by_hand_is_named(pooled, table, number, changes, expected):
    pooled.edit_file(lambda d: d[table][number].update(changes))
    record, problem = expected
    assert pooled.problems() == [("error", table, record, problem)]
    result = pooled("check")
    assert result.exit_code == 1
    assert record in result.stdout and problem in result.stdout


def test_a_resource_used_up_exactly_is_fine(pooled):
    pooled.edit_file(lambda d: d["resource_resources"]["1"].update(quantity=600))
    pooled.edit_file(lambda d: d["resource_needs"]["1"].update(quantity=600))
    assert pooled.problems() == []


def test_a_need_of_the_center_names_no_organization(pooled):
    assert json.loads(pooled.db.read_text(encoding="utf-8"))["resource_needs"]["2"]["org"] is None
    assert pooled.problems() == []


def test_a_slot_taken_by_two_allocations(pooled):
    def two_takers(d):
        open_again = dict(d["resource_allocations"]["2"], status="open", closed=None, reason="")
        d["resource_allocations"]["2"] = open_again
        d["resource_allocations"]["3"] = dict(open_again, id="ra3", quantity=0.5)
        d["resource_needs"]["2"]["quantity"] = 2.5

    pooled.edit_file(two_takers)
    assert pooled.problems() == [
        ("error", "resource_resources", "rs2", "a slot goes whole to one need, but allocations ra2, ra3 all take it")
    ]


def test_messages_are_translated(pooled, monkeypatch):
    pooled.edit_file(lambda d: d["resource_allocations"]["1"].update(closed=None))
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    result = pooled("check", "--json")
    assert result.exit_code == 1
    assert [p["problem"] for p in json.loads(result.stdout)["problems"]] == ["状态为已落实，但没有结束日期"]


def test_the_demo_center_passes(tmp_path):
    from click.testing import CliRunner

    from hive.cli import cli

    db = str(tmp_path / "demo.json")
    assert CliRunner().invoke(cli, ["--db", db, "demo"]).exit_code == 0
    result = CliRunner().invoke(cli, ["--db", db, "check", "--json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 0 and report["problems"] == []
    assert report["records"]["resource_allocations"] > 0
