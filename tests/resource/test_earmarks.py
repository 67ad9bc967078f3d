"""Tags restrict both ways: a tagged (earmarked) resource goes only to needs naming one of its tags, unless it is
open to any need (--any-need, or hive edit RS any_need=yes)."""

from __future__ import annotations


def test_an_earmarked_fund_never_goes_to_an_untagged_need(pool, hive):
    # The case: a charity fund for children in difficulty and the center's untagged general budget need.
    children = pool.resource("funds", 5000, "yuan", "--tag", "儿童", "--description", "困境儿童关爱基金")
    general = pool.need("funds", 3000, "yuan", "--description", "中心日常经费")
    assert pool.match() == {"allocations": [], "unmatched": [{"need": general, "quantity": 3000.0, "reason": "earmarked"}]}
    assert "earmarked" in hive.ok("resource", "match")
    # a need naming the tag takes it
    tagged = pool.need("funds", 2000, "yuan", "--tag", "儿童")
    assert pool.pairs() == {(tagged, children, 2000.0)}
    assert pool.reasons() == {general: "earmarked"}


def test_a_resource_open_to_any_need_serves_untagged_needs_too(pool, hive):
    room = pool.resource("venue", 10, "hours", "--tag", "室内", "--any-need")
    need = pool.need("venue", 4, "hours")
    assert pool.pairs() == {(need, room, 4.0)}
    (row,) = hive.json("resource", "list")
    assert row["any_need"] is True
    # relaxing it is per resource, and can be undone with an edit
    hive.ok("edit", room, "any_need=no")
    assert pool.reasons() == {need: "earmarked"}
    hive.ok("--lang", "zh_CN", "edit", room, "也可用于无相应标签的需求=是")
    assert pool.pairs() == {(need, room, 4.0)}


def test_an_untagged_resource_still_serves_every_need(pool):
    fund = pool.resource("funds", 100, "yuan")
    untagged = pool.need("funds", 40, "yuan")
    assert pool.pairs() == {(untagged, fund, 40.0)}
    tagged = pool.need("funds", 60, "yuan", "--tag", "儿童")
    assert pool.reasons() == {tagged: "no_matching_tags"}  # the need's tags must still be carried


def test_the_reason_in_chinese(pool, hive):
    pool.resource("funds", 5000, "yuan", "--tag", "儿童")
    pool.need("funds", 3000, "yuan")
    assert "专项" in hive.ok("--lang", "zh_CN", "resource", "match")


def test_the_demo_has_an_earmarked_fund(hive, tmp_path):
    path = str(tmp_path / "demo.json")
    hive.ok("--db", path, "demo")
    resources = {r["id"]: r for r in hive.json("--db", path, "resource", "list")}
    (fund,) = [r for r in resources.values() if r["description"] == "困境儿童关爱基金"]
    assert fund["tags"] == ["儿童"] and fund["any_need"] is False
    needs = {n["id"]: n for n in hive.json("--db", path, "resource", "needs")}
    given = [a for a in hive.json("--db", path, "resource", "match")["allocations"] if a["resource"] == fund["id"]]
    assert given and all("儿童" in needs[a["need"]]["tags"] for a in given)
    assert sum(a["quantity"] for a in given) < fund["remaining"]  # what is left of it waits for a tagged need
