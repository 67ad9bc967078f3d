"""The graduation criterion, the demo, and the Chinese messages."""

from __future__ import annotations

import json

import pytest

CRITERION = "resource.mobilises"


@pytest.fixture
def supervised(hive, pool):
    org = hive.new_id("org", "add", "阅翼成长阅读俱乐部", "--joined", "2026-01-05")
    hive.ok("advance", org, "--to", "supervision", "--force", "--reason", "set-up", "--date", "2026-02-01")
    return org


def review(hive, org, *args):
    (row,) = hive.json("review", org, *args)
    failed = {f["criterion"]: f["reason"] for f in row["failed"]}
    return failed


def test_graduation_needs_an_allocation_fulfilled_from_outside(hive, pool, supervised):
    assert review(hive, supervised)[CRITERION] == "0 of 1 allocations fulfilled from outside providers"
    fund = pool.resource("funds", 500, "yuan")
    pool.need("funds", 200, "yuan", org=supervised)
    (allocation,) = pool.match("--apply")["allocations"]
    assert CRITERION in review(hive, supervised)  # open, not yet delivered
    hive.ok("resource", "fulfil", allocation["id"])
    assert CRITERION not in review(hive, supervised)
    # reviewed as of before the delivery, it did not count yet
    assert CRITERION in review(hive, supervised, "--as-of", "2026-06-29")
    assert fund


def test_the_centers_own_resources_and_cancelled_allocations_do_not_count(hive, pool, supervised):
    own = hive.new_id("resource", "provider", "add", "本中心", "--kind", "center")
    pool.resource("venue", 3, "hours", provider=own)
    pool.resource("funds", 100, "yuan")
    pool.need("venue", 3, "hours", org=supervised)
    pool.need("funds", 100, "yuan", org=supervised)
    allocations = {a["resource"]: a["id"] for a in pool.match("--apply")["allocations"]}
    ids = list(allocations.values())
    hive.ok("resource", "fulfil", ids[0])  # the center's room
    hive.ok("resource", "cancel", ids[1], "--reason", "不需要了")
    assert CRITERION in review(hive, supervised)
    (provider,) = [p for p in hive.json("resource", "provider", "list") if p["id"] == own]
    assert provider["outside"] is False


def test_the_threshold_is_a_setting(hive, pool, supervised):
    hive.ok("settings", "set", "resource.supervision.min_fulfilled", "0")
    assert CRITERION not in review(hive, supervised)


def test_the_demo_has_a_pool_and_something_to_match(hive, tmp_path):
    path = tmp_path / "demo.json"
    hive.ok("--db", str(path), "demo")
    providers = hive.json("--db", str(path), "resource", "provider", "list")
    assert {"bank", "hospital", "foundation", "enterprise", "government"} <= {p["kind"] for p in providers}
    assert all("*" in p["contact"] for p in providers if p["contact"])
    document = hive.json("--db", str(path), "resource", "match")
    assert document["allocations"] and document["unmatched"]
    statuses = {a["status"] for a in hive.json("--db", str(path), "resource", "allocations")}
    assert statuses == {"open", "fulfilled", "cancelled"}
    rows = {r["name"]: r for r in hive.json("--db", str(path), "review")}
    assert CRITERION in rows["阅翼成长阅读俱乐部"]["passed"]  # its books came from an enterprise


def test_a_synthetic_center_has_about_the_counts(hive, tmp_path):
    path = tmp_path / "small.json"
    hive.ok("demo", "--size", "small", "--db", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["resource_resources"]) == 20 and len(data["resource_needs"]) == 20
    document = hive.json("--db", str(path), "resource", "match")
    assert document["allocations"]


def test_messages_in_chinese(hive, pool):
    pool.need("venue", 3, "hours")
    out = hive.ok("--lang", "zh_CN", "resource", "match")
    assert "没有该种类" in out
    assert "场地" in hive.ok("--lang", "zh_CN", "resource", "needs")
    # the JSON keeps its codes
    assert pool.reasons() == {"rn1": "no_resource_of_kind"}
