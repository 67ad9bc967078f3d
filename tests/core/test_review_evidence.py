"""``review --json`` shows each criterion's evidence: the figures it measured, passed or failed."""

from __future__ import annotations


def test_the_backbone_hours_a_review_measured_are_in_the_json(hive, at_stage, verdict):
    org = at_stage("backbone_training")
    backbones = [p["id"] for p in hive.json("person", "list") if p["name"] in ("王芳", "李娜")]
    hive.ok("record", "training", org, "--date", "2026-02-10", "--hours", "9", "--topic", "议事规则", "--attendee", "王芳")
    row = verdict(org)
    hours = row["evidence"]["core.backbones_trained"]["backbone_hours"]
    assert set(hours) == set(backbones)
    assert sorted(hours.values()) == [0.0, 9.0]
    assert row["verdict"] == "not_ready"


def test_a_passed_criterion_shows_what_it_counted(hive, club, verdict):
    row = verdict(club)
    assert row["verdict"] == "ready"
    assert row["evidence"] == {"core.members": {"members": 3, "backbones": 2}}
    hive.ok("member", "leave", club, "张伟", "--date", "2026-03-01")
    assert verdict(club)["evidence"] == {"core.members": {"members": 2, "backbones": 2}}
