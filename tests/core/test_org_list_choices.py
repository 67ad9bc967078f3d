"""``org list --stage/--status`` take a code or either language's label, like every other choice."""

from __future__ import annotations


def test_stage_and_status_by_code_or_label(hive, at_stage):
    org = at_stage("backbone_training")
    other = hive.new_id("org", "add", "便民服务队")
    for typed in ("backbone_training", "骨干培养", "Backbone Training"):
        assert [r["id"] for r in hive.json("org", "list", "--stage", typed)] == [org]
    hive.ok("suspend", other, "--reason", "骨干外出")
    for typed in ("suspended", "已暂停", "SUSPENDED"):
        assert [r["id"] for r in hive.json("org", "list", "--status", typed)] == [other]
    refused = hive.fails("org", "list", "--stage", "骨干")
    assert "'骨干' is not one of" in refused.stderr and "backbone_training" in refused.stderr


def test_application_by_code_or_label(hive):
    club = hive.new_id("org", "add", "便民服务队")
    for name in ("王芳", "李娜"):
        hive.ok("person", "add", name)
    hive.ok("org", "apply", club, "--initiator", "王芳,李娜", "--received", "2026-06-01", "--purpose", "便民")
    for typed in ("pending", "待初审", "Awaiting initial review"):
        assert [r["id"] for r in hive.json("org", "list", "--application", typed)] == [club]
    assert hive.json("org", "list", "--application", "通过") == []
    hive.ok("org", "decide", club, "--accept", "--reason", "材料齐全", "--date", "2026-06-05")
    for typed in ("accepted", "通过"):
        assert [r["id"] for r in hive.json("org", "list", "--application", typed)] == [club]
    assert "'待审' is not one of" in hive.fails("org", "list", "--application", "待审").stderr
