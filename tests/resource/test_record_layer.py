"""What the record layer gives the pool from its declarations: show, list, edit, void, undo, find, check."""

from __future__ import annotations


def test_show_list_and_find_come_from_the_declarations(pool, hive):
    org = hive.new_id("org", "add", "阅翼成长阅读俱乐部")
    pool.resource("funds", 500, "yuan", "--description", "社区公益金")
    need = pool.need("funds", 200, "yuan", "--description", "读书会图书", org=org)
    shown = hive.json("show", need)
    assert shown["type"] == "resource_needs" and shown["record"]["org"] == org
    assert [e["action"] for e in shown["events"]] == ["resource need add"]
    assert "阅翼成长阅读俱乐部" in hive.ok("show", need)  # the reference by name
    assert [n["id"] for n in hive.json("resource", "need", "list", "--org", "阅翼成长阅读俱乐部")] == [need]
    assert hive.json("resource", "need", "list", "--search", "没有") == []
    assert set(hive.json("find", "公益金")) == {"resource_resources"}
    assert hive.json("resource", "provider", "show", pool.bank)["record"]["contact"] == "138****5678"
    assert hive.json("show", pool.bank, "--show-personal")["record"]["contact"] == "13812345678"


def test_an_edit_is_judged_like_an_add(pool, hive):
    fund = pool.resource("funds", 500, "yuan")
    pool.need("funds", 300, "yuan")
    pool.match("--apply")
    # the allocation takes 300: the resource may shrink to 300, not below
    assert "quantity: open and fulfilled allocations take 300 of its 299" in hive.fails("edit", fund, "quantity=299").stderr
    hive.ok("edit", fund, "quantity=300")
    assert "kind:" in hive.fails("edit", fund, "kind=money").stderr
    hive.ok("edit", fund, "description=公益金")
    assert hive.json("show", fund)["record"]["description"] == "公益金"
    assert "quantity cannot be edited here" in hive.fails("edit", "ra1", "quantity=10").stderr
    assert "status cannot be edited here" in hive.fails("edit", "ra1", "status=fulfilled").stderr
    assert hive.problems() == []


def test_void_gives_the_quantity_back_and_undo_takes_it_again(pool, hive):
    fund = pool.resource("funds", 500, "yuan")
    pool.need("funds", 300, "yuan")
    (allocation,) = pool.match("--apply")["allocations"]
    hive.ok("void", allocation["id"], "--reason", "记重了")
    (row,) = hive.json("resource", "list")
    assert row["id"] == fund and row["remaining"] == 500.0
    assert [a["id"] for a in hive.json("resource", "allocations")] == []
    hive.ok("undo")
    (row,) = hive.json("resource", "list")
    assert row["remaining"] == 200.0


def test_a_need_with_allocations_cannot_be_voided(pool, hive):
    pool.resource("funds", 500, "yuan")
    need = pool.need("funds", 300, "yuan")
    pool.match("--apply")
    assert "ra1" in hive.fails("void", need, "--reason", "记错了").stderr


def test_choices_are_typed_in_chinese(pool, hive):
    rid = hive.new_id(
        "resource", "add", "--provider", "社区银行", "--kind", "资金", "--quantity", "１０００", "--unit", "元"
    )
    (row,) = hive.json("resource", "list")
    assert (row["id"], row["kind"], row["unit"], row["quantity"]) == (rid, "funds", "yuan", 1000.0)
    hive.new_id("resource", "provider", "add", "区文体局", "--kind", "政府部门")
    assert {p["kind"] for p in hive.json("resource", "provider", "list")} == {"bank", "government"}
