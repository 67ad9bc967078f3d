"""Quantities in text output: '1 item', '2 items', '1.5 hours'; in Chinese '1 件' (no '1 items')."""

from __future__ import annotations


def test_one_item_is_singular_and_more_are_plural(pool):
    pool.resource("materials", 1, "items", "--description", "音响")
    pool.resource("manpower", 1, "hours", "--description", "讲座")
    pool.resource("manpower", 1.5, "hours", "--description", "义诊")
    pool.resource("materials", 2, "items", "--description", "图书")
    out = pool.hive.ok("resource", "list")
    assert "1 item " in out and "1 items" not in out
    assert "1 hour " in out and "1 hours" not in out
    assert "1.5 hours" in out and "2 items" in out
    zh = pool.hive.ok("--lang", "zh_CN", "resource", "list")
    assert "1 件" in zh and "2 件" in zh and "1 小时" in zh and "item" not in zh and "hour" not in zh


def test_allocations_list_shows_the_unit(pool):
    pool.resource("funds", 20000, "yuan")
    pool.need("funds", 8000, "yuan")
    pool.hive.ok("resource", "match", "--apply")
    row = pool.hive.ok("resource", "allocations").splitlines()[2]
    assert "8000 yuan" in row
    assert "8000 元" in pool.hive.ok("--lang", "zh_CN", "resource", "allocations")
    assert pool.hive.json("resource", "allocations")[0]["quantity"] == 8000.0
