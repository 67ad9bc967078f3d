"""Cancelled pairs are remembered, match --apply --only, need close, withdraw, fulfil --date, the match table."""

from __future__ import annotations

import pytest


@pytest.fixture
def cancelled(pool, hive):
    """rn1 took rs1 and that allocation (ra1) was cancelled; rs2 is a second fund."""
    first = pool.resource("funds", 100, "yuan")
    need = pool.need("funds", 100, "yuan")
    (allocation,) = pool.match("--apply")["allocations"]
    hive.ok("resource", "cancel", allocation["id"], "--reason", "对方不需要这笔资金")
    return first, need


def test_a_cancelled_pair_is_never_proposed_again(pool, hive, cancelled):
    fund, need = cancelled
    assert pool.match() == {
        "allocations": [],
        "unmatched": [{"need": need, "quantity": 100.0, "reason": "cancelled_before"}],
    }
    assert pool.match("--apply")["allocations"] == []  # and --apply records nothing
    assert [a["status"] for a in hive.json("resource", "allocations")] == ["cancelled"]
    # another resource is proposed: only the pair is remembered, not the need nor the resource
    other = pool.resource("funds", 100, "yuan")
    assert pool.pairs() == {(need, other, 100.0)}
    second = pool.need("funds", 50, "yuan", "--priority", "1")
    assert (second, fund, 50.0) in pool.pairs()


def test_reconsider_proposes_it_again(pool, hive, cancelled):
    fund, need = cancelled
    assert pool.pairs("--reconsider") == {(need, fund, 100.0)}
    (row,) = pool.match("--apply", "--reconsider")["allocations"]
    assert (row["need"], row["resource"], row["id"]) == (need, fund, "ra2")


def test_apply_only_some_needs(pool, hive):
    pool.resource("funds", 1000, "yuan")
    first = pool.need("funds", 100, "yuan")
    second = pool.need("funds", 200, "yuan")
    third = pool.need("funds", 300, "yuan")
    shown = pool.match("--only", second)
    assert [a["need"] for a in shown["allocations"]] == [second]
    assert [a["need"] for a in pool.match("--only", f"{third}，{second}")["allocations"]] == [second, third]
    applied = pool.match("--apply", "--only", first, "--only", third)
    assert {a["need"] for a in applied["allocations"]} == {first, third}
    assert {a["need"] for a in hive.json("resource", "allocations")} == {first, third}
    assert [a["need"] for a in pool.match()["allocations"]] == [second]  # the other stays proposed
    assert [a["need"] for a in pool.match("--apply", "--only", second)["allocations"]] == [second]


def test_only_refuses_a_need_without_a_proposal_and_records_nothing(pool, hive):
    pool.resource("funds", 100, "yuan")
    served = pool.need("funds", 100, "yuan")
    waiting = pool.need("venue", 2, "hours")
    result = hive.fails("resource", "match", "--apply", "--only", served, "--only", waiting)
    assert f"no allocation is proposed for {waiting}" in result.stderr
    assert "no need 'rn9'" in hive.fails("resource", "match", "--only", "rn9").stderr
    assert pool.match("--only", waiting)["allocations"] == []  # without --apply it only shows


def test_close_a_need(pool, hive):
    fund = pool.resource("funds", 100, "yuan")
    need = pool.need("funds", 60, "yuan")
    other = pool.need("funds", 40, "yuan", "--priority", "1")
    assert "--reason" in hive.fails("resource", "need", "close", need).stderr
    assert "reason for closing: must not be empty" in hive.fails("resource", "need", "close", need, "--reason", " ").stderr
    assert hive.ok("resource", "need", "close", need, "--reason", "活动取消，不再需要").strip() == f"{need} closed"
    rows = {n["id"]: n for n in hive.json("resource", "needs")}
    assert rows[need]["status"] == "closed" and rows[need]["closed"] == "2026-06-30"
    assert rows[need]["close_reason"] == "活动取消，不再需要"
    assert [n["id"] for n in hive.json("resource", "needs", "--open")] == [other]
    assert pool.pairs() == {(other, fund, 40.0)}  # a closed need is not matched
    assert "already closed" in hive.fails("resource", "need", "close", need, "--reason", "x").stderr
    assert need not in {i["record"] for i in hive.json("due", "--within", "400")}


def test_a_need_with_open_allocations_cannot_be_closed(pool, hive):
    pool.resource("funds", 100, "yuan")
    need = pool.need("funds", 60, "yuan")
    (allocation,) = pool.match("--apply")["allocations"]
    assert allocation["id"] in hive.fails("resource", "need", "close", need, "--reason", "不需要了").stderr
    hive.ok("resource", "fulfil", allocation["id"])
    hive.ok("resource", "need", "close", need, "--reason", "已足够")


def test_withdraw_a_resource(pool, hive):
    fund = pool.resource("funds", 100, "yuan")
    room = pool.resource("venue", 4, "hours")
    pool.need("venue", 3, "hours")
    (allocation,) = pool.match("--apply")["allocations"]
    need = pool.need("funds", 50, "yuan")
    assert allocation["id"] in hive.fails("resource", "withdraw", room, "--reason", "场地收回").stderr
    assert hive.ok("resource", "withdraw", fund, "--reason", "企业预算调整").strip() == f"{fund} withdrawn"
    rows = {r["id"]: r for r in hive.json("resource", "list")}
    assert rows[fund]["withdrawn"] == "2026-06-30" and rows[fund]["remaining"] == 0.0
    assert rows[fund]["withdraw_reason"] == "企业预算调整"
    assert pool.reasons() == {need: "no_resource_of_kind"}
    assert "already withdrawn" in hive.fails("resource", "withdraw", fund, "--reason", "x").stderr
    spare = pool.resource("materials", 5, "items")
    assert "reason for withdrawing: must not be empty" in hive.fails("resource", "withdraw", spare, "--reason", "").stderr


def test_fulfil_on_a_date_at_its_boundaries(pool, hive, monkeypatch):
    pool.resource("funds", 300, "yuan")
    for _ in range(3):
        pool.need("funds", 100, "yuan")
    ids = [a["id"] for a in pool.match("--apply")["allocations"]]  # made on 2026-06-30
    monkeypatch.setenv("HIVE_TODAY", "2026-07-10")
    assert "2026-06-29 is before the allocation was made (2026-06-30)" in hive.fails(
        "resource", "fulfil", ids[0], "--date", "2026-06-29"
    ).stderr
    hive.ok("resource", "fulfil", ids[0], "--date", "2026-06-30")  # the day it was made
    assert "2026-07-11 is in the future" in hive.fails("resource", "fulfil", ids[1], "--date", "2026-07-11").stderr
    hive.ok("resource", "fulfil", ids[1], "--date", "2026年7月10日")  # today, typed in Chinese
    hive.ok("resource", "fulfil", ids[2])
    closed = {a["id"]: a["closed"] for a in hive.json("resource", "allocations")}
    assert closed == {ids[0]: "2026-06-30", ids[1]: "2026-07-10", ids[2]: "2026-07-10"}


def test_the_match_table_shows_provider_and_description(pool, hive):
    pool.resource("funds", 100, "yuan", "--description", "社区公益金")
    pool.need("funds", 100, "yuan")
    (row,) = pool.match()["allocations"]
    assert (row["provider"], row["provider_name"], row["description"]) == (pool.bank, "社区银行", "社区公益金")
    table = hive.ok("resource", "match")
    assert "社区银行" in table and "社区公益金" in table and "provider" in table
