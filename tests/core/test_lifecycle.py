"""Moving organizations: advance with and without --force, suspend, dissolve, reinstate, history; and the demo."""

from __future__ import annotations

import json


def test_advance_to_the_next_stage_when_ready(hive, club):
    x = hive.new_id("advance", club, "--to", "backbone_training", "--reason", "骨干已确定", "--date", "2026-02-01")
    assert x.startswith("x")
    (move,) = hive.json("history", club)
    assert move == {
        "id": x,
        "date": "2026-02-01",
        "from_stage": "intake",
        "to_stage": "backbone_training",
        "status": "active",
        "operator": "tester",
        "reason": "骨干已确定",
        "forced": False,
    }
    shown = hive.json("org", "show", club)
    assert shown["stage"] == "backbone_training" and shown["stage_since"] == "2026-02-01"


def test_advance_when_not_ready_needs_force(hive, club):
    hive.ok("advance", club, "--to", "backbone_training", "--reason", "ok")
    result = hive.fails("advance", club, "--to", "registration", "--reason", "想早点备案")
    assert "is not ready to leave backbone training" in result.stderr
    assert "backbone 王芳 has 0.0 of 8.0 training hours" in result.stderr
    assert "use --force" in result.stderr
    hive.ok("advance", club, "--to", "registration", "--reason", "已在街道备案", "--force")
    assert [m["forced"] for m in hive.json("history", club)] == [False, True]


def test_advance_checks_readiness_as_of_its_date(hive, club):
    """A member who joined after --date does not count for a move dated then."""
    hive.ok("member", "add", club, "张伟", "--backbone")  # already a member: now a backbone too
    late = hive.new_id("person", "add", "赵磊")
    hive.ok("settings", "set", "core.intake.min_members", "4")
    hive.ok("member", "add", club, late, "--since", "2026-03-01")
    result = hive.fails("advance", club, "--to", "backbone_training", "--reason", "x", "--date", "2026-02-28")
    assert "has 3 of 4 members" in result.stderr
    hive.ok("advance", club, "--to", "backbone_training", "--reason", "x", "--date", "2026-03-01")


def test_force_can_go_back(hive, club):
    hive.ok("advance", club, "--to", "diagnosis", "--reason", "并入", "--force", "--date", "2026-02-01")
    hive.ok("advance", club, "--to", "capacity_training", "--reason", "诊断未过，回炉培训", "--force")
    history = hive.json("history", club)
    assert [(h["from_stage"], h["to_stage"]) for h in history] == [
        ("intake", "diagnosis"),
        ("diagnosis", "capacity_training"),
    ]
    assert (
        "already at stage capacity training"
        in hive.fails("advance", club, "--to", "capacity_training", "--reason", "x", "--force").stderr
    )


def test_a_move_cannot_predate_the_current_stage(hive, club):
    hive.ok("advance", club, "--to", "backbone_training", "--reason", "x", "--date", "2026-03-01")
    result = hive.fails("advance", club, "--to", "registration", "--reason", "x", "--force", "--date", "2026-02-28")
    assert "before the organization entered its stage" in result.stderr
    assert (
        "in the future"
        in hive.fails(
            "advance", club, "--to", "registration", "--reason", "x", "--force", "--date", "2026-07-01"
        ).stderr
    )


def test_suspend_reinstate_dissolve(hive, club):
    hive.new_id("suspend", club, "--reason", "骨干外出务工", "--date", "2026-03-01")
    assert "already suspended" in hive.fails("suspend", club, "--reason", "x").stderr
    assert "reinstate it first" in hive.fails("advance", club, "--to", "backbone_training", "--reason", "x").stderr
    hive.ok("record", "training", club, "--date", "2026-03-02", "--hours", "2", "--topic", "x")  # records still kept
    hive.new_id("reinstate", club, "--reason", "骨干回来了", "--date", "2026-04-01")
    assert "already active" in hive.fails("reinstate", club, "--reason", "x").stderr
    hive.new_id("dissolve", club, "--reason", "成员解散")
    history = hive.json("history", club)
    assert [(h["status"], h["from_stage"], h["to_stage"]) for h in history] == [
        ("suspended", "intake", "intake"),
        ("active", "intake", "intake"),
        ("dissolved", "intake", "intake"),
    ]
    orgs = hive.json("org", "list", "--status", "dissolved")
    assert [o["id"] for o in orgs] == [club]
    assert hive.json("org", "list", "--status", "active") == []
    text = hive.ok("history", club)
    assert "阅翼成长阅读俱乐部" in text and "骨干外出务工" in text and "dissolved" in text


def test_org_list_filters_by_stage(hive, club):
    other = hive.new_id("org", "add", "文化宣传队")
    hive.ok("advance", other, "--to", "registration", "--force", "--reason", "x")
    assert [o["id"] for o in hive.json("org", "list", "--stage", "registration")] == [other]
    assert [o["id"] for o in hive.json("org", "list", "--stage", "intake")] == [club]
    assert "registration" in hive.ok("org", "list")


def test_demo_builds_rebuilds_and_refuses_a_real_center(hive, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = hive.ok("demo")  # no --db: ./hive-demo.json, never $HIVE_DB nor the test's center
    demo = tmp_path / "hive-demo.json"
    assert "Stage review as of 2026-06-30" in out and "hive-demo.json" in out
    data = json.loads(demo.read_text(encoding="utf-8"))
    assert data["center"]["1"]["demo"] is True
    assert sorted(data["center"]["1"]["plugins"]) == ["party", "resource", "volunteer"]
    names = [o["name"] for o in data["organizations"].values()]
    assert "阅翼成长阅读俱乐部" in names and "四季阳光心理咨询团" in names
    stages = {o["stage"] for o in data["organizations"].values()}
    assert stages == {
        "intake",
        "backbone_training",
        "registration",
        "capacity_training",
        "diagnosis",
        "supervision",
        "graduated",
    }
    rows = hive.json("--db", str(demo), "review")
    assert {r["verdict"] for r in rows} == {"ready", "not_ready"}
    # rebuilding a demo file starts it afresh
    hive.ok("--db", str(demo), "org", "add", "临时组织")
    rows = hive.json("--db", str(demo), "demo")
    assert "临时组织" not in demo.read_text(encoding="utf-8")
    assert {r["verdict"] for r in rows} == {"ready", "not_ready"}
    # a real center is never replaced
    result = hive.fails("--db", str(hive.db), "demo")
    assert "not a demo" in result.stderr


def test_demo_review_reasons_are_specific(hive, tmp_path):
    rows = hive.json("--db", str(tmp_path / "d.json"), "demo")
    reasons = " | ".join(f["reason"] for r in rows for f in r["failed"])
    assert "training hours" in reasons and "below 2" in reasons and "no filing number" in reasons


def test_a_status_change_cannot_predate_the_last_one(hive, club):
    hive.ok("suspend", club, "--reason", "暂停", "--date", "2026-03-01")
    result = hive.fails("reinstate", club, "--reason", "恢复", "--date", "2026-02-28")
    assert "before the organization's last status change (2026-03-01)" in result.stderr
    hive.ok("reinstate", club, "--reason", "恢复", "--date", "2026-03-01")
    hive.fails("advance", club, "--to", "registration", "--force", "--reason", "x", "--date", "2026-02-15")


def test_review_as_of_before_a_reinstatement_is_refused(hive, club):
    hive.ok("suspend", club, "--reason", "暂停", "--date", "2026-03-01")
    hive.ok("reinstate", club, "--reason", "恢复", "--date", "2026-04-01")
    assert hive.json("review", "--as-of", "2026-03-15") == []
    assert "changed status on 2026-04-01" in hive.fails("review", club, "--as-of", "2026-03-15", "--apply").stderr
    (row,) = hive.json("review", "--as-of", "2026-04-01", "--apply")
    assert row["moved_to"] == "backbone_training"


def test_hive_alone_prints_its_help(hive):
    result = hive()
    assert result.exit_code == 0 and "Commands:" in result.stdout and result.stderr == ""
    result = hive("org")
    assert result.exit_code == 0 and "add" in result.stdout and result.stderr == ""
