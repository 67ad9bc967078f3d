"""Providers, resources, needs, match --apply, fulfil and cancel, personal data and bad input."""

from __future__ import annotations

import json

import pytest


def test_match_without_apply_writes_nothing_and_gives_no_ids(pool, hive):
    pool.resource("funds", 100, "yuan")
    pool.need("funds", 60, "yuan")
    before = hive.db.read_bytes()
    document = pool.match()
    assert document["allocations"][0]["id"] is None
    assert hive.db.read_bytes() == before
    assert "nothing recorded" in hive.ok("resource", "match")


def test_apply_records_allocations_fulfil_and_cancel_use_their_ids(pool, hive):
    fund = pool.resource("funds", 100, "yuan")
    first = pool.need("funds", 60, "yuan")
    second = pool.need("funds", 40, "yuan")
    applied = pool.match("--apply")
    ids = {a["need"]: a["id"] for a in applied["allocations"]}
    assert set(ids) == {first, second} and all(i.startswith("ra") for i in ids.values())
    recorded = {a["id"]: a for a in hive.json("resource", "allocations")}
    assert {recorded[i]["status"] for i in ids.values()} == {"open"}
    # nothing is left: a second match proposes nothing, and the resource shows 0 left
    assert pool.match() == {"allocations": [], "unmatched": []}
    (row,) = hive.json("resource", "list")
    assert row["id"] == fund and row["remaining"] == 0.0

    assert hive.ok("resource", "fulfil", ids[first]).strip() == f"{ids[first]} fulfilled"
    hive.ok("resource", "cancel", ids[second], "--reason", "活动取消")
    recorded = {a["id"]: a for a in hive.json("resource", "allocations")}
    assert recorded[ids[first]]["status"] == "fulfilled" and recorded[ids[first]]["closed"] == "2026-06-30"
    assert recorded[ids[second]]["status"] == "cancelled" and recorded[ids[second]]["reason"] == "活动取消"
    # the cancelled quantity goes back to the pool and the need is open again
    (row,) = hive.json("resource", "list")
    assert row["remaining"] == 40.0
    needs = {n["id"]: n for n in hive.json("resource", "needs")}
    assert needs[first]["status"] == "fulfilled" and needs[second]["status"] == "open"
    assert [n["id"] for n in hive.json("resource", "needs", "--open")] == [second]
    assert pool.pairs() == set()  # the cancelled pair is remembered (issue 17)
    assert pool.pairs("--reconsider") == {(second, fund, 40.0)}
    # a closed allocation cannot be closed again
    assert "already fulfilled" in hive.fails("resource", "fulfil", ids[first]).stderr
    assert "already fulfilled" in hive.fails("resource", "cancel", ids[first], "--reason", "x").stderr
    assert "already cancelled" in hive.fails("resource", "fulfil", ids[second]).stderr
    hive.fails("resource", "fulfil", "ra99")


def test_a_need_partly_allocated_stays_open_for_the_rest(pool, hive):
    pool.resource("funds", 30, "yuan")
    need = pool.need("funds", 100, "yuan")
    assert pool.match("--apply")["unmatched"] == [{"need": need, "quantity": 70.0, "reason": "all_taken"}]
    (row,) = hive.json("resource", "needs", "--open")
    assert row["allocated"] == 30.0 and row["remaining"] == 70.0 and row["status"] == "open"
    pool.resource("funds", 100, "yuan")
    assert sum(a["quantity"] for a in pool.match()["allocations"]) == 70.0


def test_a_taken_slot_is_free_again_once_cancelled(pool, hive):
    room = pool.resource("venue", 10, "hours")
    need = pool.need("venue", 3, "hours")
    (allocation,) = pool.match("--apply")["allocations"]
    other = pool.need("venue", 3, "hours")
    assert pool.reasons() == {other: "all_taken"}
    hive.ok("resource", "cancel", allocation["id"], "--reason", "改期")
    (given,) = pool.match()["allocations"]  # the room again, whole, to the need it was not cancelled for
    assert given["resource"] == room and given["quantity"] == 3.0 and given["need"] == other
    (row,) = hive.json("resource", "list")
    assert row["remaining"] == 10.0


def test_needs_and_listings(pool, hive):
    org = hive.new_id("org", "add", "阅翼成长阅读俱乐部")
    fund = pool.resource(
        "funds", 1000, "yuan", "--from", "2026-07-01", "--to", "2026-12-31", "--tag", "阅读", "--description", "公益金"
    )
    need = pool.need(
        "funds", 300, "yuan", "--by", "2026-08-01", "--priority", "4", "--tag", "阅读", org="阅翼成长阅读俱乐部"
    )
    (r,) = hive.json("resource", "list")
    v01 = {k: r[k] for k in r if k not in ("start", "end", "added", "any_need", "withdrawn", "withdraw_reason")}
    assert (r["start"], r["end"], r["added"], r["any_need"], r["withdrawn"]) == (
        "2026-07-01",
        "2026-12-31",
        "2026-06-30",
        False,
        None,
    )
    assert v01 == {
        "id": fund,
        "provider": pool.bank,
        "provider_name": "社区银行",
        "kind": "funds",
        "description": "公益金",
        "quantity": 1000.0,
        "unit": "yuan",
        "remaining": 1000.0,
        "from": "2026-07-01",
        "to": "2026-12-31",
        "community": "海珠社区",
        "tags": ["阅读"],
    }
    (n,) = hive.json("resource", "needs")
    assert n["id"] == need and n["org"] == org and n["org_name"] == "阅翼成长阅读俱乐部" and n["center"] is False
    assert (n["priority"], n["by"], n["status"], n["remaining"]) == (4, "2026-08-01", "open", 300.0)
    center_need = pool.need("materials", 5, "items")
    rows = {x["id"]: x for x in hive.json("resource", "needs")}
    assert rows[center_need]["center"] is True and rows[center_need]["org"] is None
    out = hive.ok("resource", "needs")
    assert "阅翼成长阅读俱乐部" in out and "the center" in out
    assert "公益金" in hive.ok("resource", "list")
    shown = hive.json("org", "show", org)
    assert shown["resource"] == {"needs": 1, "open_needs": 1, "fulfilled_allocations": 0}


def test_provider_contact_is_masked_unless_asked(pool, hive):
    (row,) = hive.json("resource", "provider", "list")
    assert row["contact"] == "138****5678" and row["kind"] == "bank" and row["outside"] is True
    assert "13812345678" not in hive.ok("resource", "provider", "list")
    (row,) = hive.json("resource", "provider", "list", "--show-personal")
    assert row["contact"] == "13812345678"
    result = hive.fails("resource", "provider", "add", "某医院", "--kind", "hospital", "--contact", "1" * 101)
    assert "1" * 20 not in result.stderr


@pytest.mark.parametrize(
    "args, problem",
    [
        (("--quantity", "0"), "more than 0"),
        (("--quantity", "-5"), "more than 0"),
        (("--quantity", "0.004"), "more than 0"),
        (("--quantity", "nan"), "quantity: 'nan' is not a number"),
        (("--quantity", "1e3"), "quantity: '1e3' is not a number"),
        (("--quantity", "10.005"), "at most two decimal places"),
        (("--quantity", "１０"), ""),  # full-width digits are read
        (("--quantity", "100000001"), "at most"),
        (("--quantity", "10", "--kind", "venue"), ""),
        (("--quantity", "2.5", "--unit", "items"), "whole"),
        (("--from", "2026-08-01", "--to", "2026-07-31"), "2026-07-31 is before the first day it is available"),
        (("--from", "2026-08-01", "--to", "2026-08-01"), ""),
        (("--to", "2026-06-29"), "available until: 2026-06-29 is in the past"),
        (("--to", "2026-06-30"), ""),
        (("--to", "2026-11-31"), "November has 30 days"),
        (("--kind", "资金"), ""),  # a kind by its Chinese label
        (("--unit", "元"), ""),
        (("--provider", "没有这个"), "no provider"),
        (("--kind", "money"), "money"),
        (("--unit", "kg"), "kg"),
        (("--tag", " "), "empty"),
    ],
)
def test_bad_resources_are_refused(pool, hive, args, problem):
    options = {"--provider": pool.bank, "--kind": "funds", "--quantity": "10", "--unit": "yuan"}
    rest = []
    pairs = list(zip(args[::2], args[1::2], strict=True))
    for key, value in pairs:
        if key in options:
            options[key] = value
        else:
            rest += [key, value]
    argv = [x for kv in options.items() for x in kv] + rest
    if problem == "":  # a sound resource: the boundary cases pass
        hive.new_id("resource", "add", *argv)
        return
    assert problem in hive.fails("resource", "add", *argv).stderr


def test_quantity_boundaries(pool, hive):
    pool.resource("funds", 100_000_000, "yuan")
    pool.resource("funds", 0.01, "yuan")
    pool.resource("venue", 100_000, "square_metres")
    assert (
        "at most 100000"
        in hive.fails(
            "resource", "add", "--provider", pool.bank, "--kind", "venue", "--quantity", "100001", "--unit", "hours"
        ).stderr
    )


def test_bad_needs_are_refused(pool, hive):
    org = hive.new_id("org", "add", "读书会")
    base = ["resource", "need", "add", "--kind", "funds", "--quantity", "10", "--unit", "yuan"]
    assert "--org ORG or --center" in hive.fails(*base).stderr
    assert "--org ORG or --center" in hive.fails(*base, "--org", org, "--center").stderr
    hive.fails(*base, "--org", "没有的组织")
    assert "priority: must be at least 1" in hive.fails(*base, "--center", "--priority", "0").stderr
    assert "priority: must be at most 5" in hive.fails(*base, "--center", "--priority", "6").stderr
    assert "priority: '2.5' is not a whole number" in hive.fails(*base, "--center", "--priority", "2.5").stderr
    for priority in ("1", "5"):
        hive.new_id(*base, "--center", "--priority", priority)
    assert "in the past" in hive.fails(*base, "--center", "--by", "2026-06-29").stderr
    hive.new_id(*base, "--center", "--by", "2026-06-30")
    hive.ok("dissolve", org, "--reason", "解散")
    assert "dissolved" in hive.fails(*base, "--org", org).stderr


def test_bad_providers_and_allocations(pool, hive):
    assert "name: rp1 already has '社区银行'" in hive.fails("resource", "provider", "add", "社区银行", "--kind", "bank").stderr
    hive.fails("resource", "provider", "add", "某店", "--kind", "shop")
    hive.fails("resource", "provider", "add", " ", "--kind", "other")
    assert "no allocation" in hive.fails("resource", "fulfil", "ra1").stderr
    pool.resource("funds", 10, "yuan")
    pool.need("funds", 10, "yuan")
    (allocation,) = pool.match("--apply")["allocations"]
    hive.fails("resource", "cancel", allocation["id"])  # --reason is required
    hive.fails("resource", "cancel", allocation["id"], "--reason", "  ")


def test_the_plugin_must_be_enabled(hive):
    assert "hive plugins enable resource" in hive.fails("resource", "list").stderr
    assert "hive plugins enable resource" in hive.fails("resource", "match").stderr


def test_resources_are_found_by_provider_name(pool, hive):
    rid = hive.new_id(
        "resource", "add", "--provider", "社区银行", "--kind", "funds", "--quantity", "5", "--unit", "yuan"
    )
    (row,) = hive.json("resource", "list")
    assert row["id"] == rid and row["provider"] == pool.bank


def test_events_are_logged(pool, hive):
    pool.resource("funds", 10, "yuan")
    pool.need("funds", 10, "yuan")
    pool.match("--apply")
    data = json.loads(hive.db.read_text(encoding="utf-8"))
    actions = [e["action"] for e in data["events"].values()]
    assert {"resource provider add", "resource add", "resource need add", "resource match"} <= set(actions)


def test_needs_of_suspended_or_dissolved_organizations_wait(pool, hive):
    org = hive.new_id("org", "add", "读书会")
    fund = pool.resource("funds", 100, "yuan")
    need = pool.need("funds", 100, "yuan", org=org)
    hive.ok("suspend", org, "--reason", "暂停活动")
    assert pool.match() == {
        "allocations": [],
        "unmatched": [{"need": need, "quantity": 100.0, "reason": "org_not_active"}],
    }
    assert "suspended or dissolved" in hive.ok("resource", "match")
    hive.ok("reinstate", org, "--reason", "恢复活动")
    assert pool.pairs() == {(need, fund, 100.0)}
