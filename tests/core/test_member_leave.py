"""``hive member leave``: members and backbones who leave stop counting from that day."""

from __future__ import annotations


def test_a_member_who_left_before_the_date_does_not_count(hive, club):
    assert hive.json("review", club)[0]["verdict"] == "ready"  # 3 members, 2 backbones
    hive.ok("member", "leave", club, "张伟", "--date", "2026-05-01", "--reason", "搬离社区")
    (row,) = hive.json("review", club)
    assert row["failed"] == [{"criterion": "core.members", "reason": "has 2 of 3 members"}]
    assert hive.json("review", club, "--as-of", "2026-04-30")[0]["verdict"] == "ready"  # the day before: still there
    assert hive.json("review", club, "--as-of", "2026-05-01")[0]["verdict"] == "not_ready"  # from that day on: not
    shown = {m["name"]: m for m in hive.json("org", "show", club)["members"]}
    assert shown["张伟"]["left"] == "2026-05-01" and shown["张伟"]["leave_reason"] == "搬离社区"
    out = hive.ok("org", "show", club)
    assert "members: 2" in out and "left on 2026-05-01 (搬离社区)" in out


def test_a_backbone_who_stops_being_one_stays_a_member(hive, club):
    hive.ok("settings", "set", "core.intake.min_backbones", "2")
    hive.ok("member", "leave", club, "王芳", "--backbone-only", "--date", "2026年6月1日")
    (row,) = hive.json("review", club)
    assert row["failed"] == [{"criterion": "core.members", "reason": "has 1 of 2 backbones"}]
    assert hive.json("review", club, "--as-of", "2026-05-31")[0]["verdict"] == "ready"
    assert hive.json("org", "show", club)["members"][0]["backbone_until"] == "2026-06-01"


def test_leaving_is_checked(hive, club):
    assert "is not after they joined" in hive.fails("member", "leave", club, "张伟", "--date", "2026-01-05").stderr
    assert "in the future" in hive.fails("member", "leave", club, "张伟", "--date", "2026-07-01").stderr
    assert "not a backbone" in hive.fails("member", "leave", club, "张伟", "--backbone-only").stderr
    hive.ok("member", "leave", club, "张伟")
    assert "is not a member" in hive.fails("member", "leave", club, "张伟").stderr
    assert "成员" in hive.fails("--lang", "zh_CN", "member", "leave", club, "张伟").stderr
    hive.ok("member", "add", club, "张伟")  # may join again: a new membership
