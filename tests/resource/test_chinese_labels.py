"""Chinese org show: the resource section's keys are labelled in Chinese; --json keeps them."""

from __future__ import annotations


def test_org_show_resource_section_in_chinese(pool):
    org = pool.hive.new_id("org", "add", "阅翼成长阅读俱乐部")
    pool.need("materials", 20, "items", org=org)
    section = pool.hive.ok("--lang", "zh_CN", "org", "show", org).split("[资源]")[1]
    for key in ("needs", "open_needs", "fulfilled_allocations"):
        assert key not in section
    assert "未满足需求: 1" in section
    assert pool.hive.json("org", "show", org)["resource"] == {"needs": 1, "open_needs": 1, "fulfilled_allocations": 0}
