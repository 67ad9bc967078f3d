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
