"""Party members: recording them, listing them, and keeping them out of sight elsewhere."""

from __future__ import annotations

import json


def test_add_and_list(party, people):
    (wang,) = people("王芳")
    assert party.new_id("party", "member", "add", "王芳", "--joined", "2010-07-01", "--reported") == "pm1"
    (row,) = party.json("party", "member", "list")
    assert row == {
        "id": "pm1",
        "person": wang,
        "name": "王芳",
        "joined": "2010-07-01",
        "full": True,
        "branch": None,
        "branch_name": None,
        "reported": True,
        "left": None,
        "attended": 0,
        "expected": 0,
        "absent": 0,
    }
    assert "王芳" in party.ok("party", "member", "list")


def test_full_member_after_twelve_months_of_probation(party, people):
    people("王芳", "李娜")
    party.ok("party", "member", "add", "王芳", "--joined", "2025-06-30")  # exactly 12 months before today
    party.ok("party", "member", "add", "李娜", "--joined", "2025-07-01")  # one day short
    assert [r["full"] for r in party.json("party", "member", "list")] == [True, False]
    party.ok("settings", "set", "party.probation_months", "0")
    assert [r["full"] for r in party.json("party", "member", "list")] == [True, True]


def test_refusals(party, people):
    people("王芳")
    party.ok("party", "member", "add", "王芳", "--joined", "2010-07-01")
    again = party.fails("party", "member", "add", "王芳", "--joined", "2011-01-01").stderr
    assert "person: already recorded as a party member (pm1)" in again and "王芳" not in again
    assert "no person 'p9'" in party.fails("party", "member", "add", "p9", "--joined", "2011-01-01").stderr
    people("李娜")
    assert "is in the future" in party.fails("party", "member", "add", "李娜", "--joined", "2026-07-01").stderr
    party.fails("party", "member", "add", "李娜")  # --joined is required
    party.fails("party", "member", "add", "李娜", "--joined", "2026-02-30")


def test_branch_recorded_here_or_elsewhere(party, people, org_with):
    org = org_with("阅翼成长阅读俱乐部")
    people("王芳", "李娜", "张伟")
    branch = party.new_id("party", "branch", "add", "阅翼党支部", "--org", org)
    party.ok("party", "member", "add", "王芳", "--joined", "2010-07-01", "--branch", "阅翼党支部")
    party.ok("party", "member", "add", "李娜", "--joined", "2010-07-01", "--branch", "益田社区党委")
    rows = party.json("party", "member", "list")
    assert [(r["branch"], r["branch_name"]) for r in rows] == [(branch, "阅翼党支部"), ("益田社区党委", "益田社区党委")]
    assert (
        "branch: no record pb7 in party_branches"
        in party.fails("party", "member", "add", "张伟", "--joined", "2010-07-01", "--branch", "pb7").stderr
    )


def test_not_enabled(hive):
    hive.ok("person", "add", "王芳")
    assert (
        "run 'hive plugins enable party'"
        in hive.fails("party", "member", "add", "王芳", "--joined", "2010-07-01").stderr
    )
    assert "run 'hive plugins enable party'" in hive.fails("party", "coverage").stderr


def test_person_show_only_with_show_personal(party, people, org_with):
    org = org_with("阅翼成长阅读俱乐部", "王芳")
    party.ok("party", "member", "add", "王芳", "--joined", "2010-07-01", "--branch", "益田社区党委")
    shown = party.json("person", "show", "王芳")
    assert "party" not in shown
    assert "党" not in party.ok("person", "show", "王芳") and "party" not in party.ok("person", "show", "王芳")
    details = party.json("person", "show", "王芳", "--show-personal")["party"]
    assert details == {
        "party_member": True,
        "joined": "2010-07-01",
        "full": True,
        "branch": "益田社区党委",
        "reported": False,
    }
    # someone who is not a party member has no section, even with --show-personal
    people("李娜")
    assert "party" not in party.json("person", "show", "李娜", "--show-personal")
    # an instructor's assignments are part of the profile, with --show-personal only
    party.ok("settings", "set", "party.instructor_may_be_probationary", "yes")
    party.ok("party", "member", "add", "李娜", "--joined", "2026-06-01")
    party.ok("party", "instructor", "assign", org, "李娜")
    assert party.json("person", "show", "李娜", "--show-personal")["party"]["instructor_of"] == [org]
    assert "party" not in party.json("person", "show", "李娜")


def test_org_show_counts_only(party, org_with):
    org = org_with("阅翼成长阅读俱乐部", "王芳", "李娜")
    party.ok("party", "member", "add", "王芳", "--joined", "2010-07-01")
    section = party.json("org", "show", org)["party"]
    assert section == {"party_members": 1, "branch": None, "instructor_assigned": False, "coverage": "needs_instructor"}
    text = party.ok("org", "show", org)
    assert "party_members: 1" in text


def test_export_masks_who_is_a_party_member(party, people):
    (wang,) = people("王芳")
    party.ok("party", "member", "add", "王芳", "--joined", "2010-07-01", "--branch", "益田社区党委", "--reported")
    party.ok(
        "party", "activity", "add", "--kind", "theme_day", "--date", "2026-03-10", "--topic", "学习", "--attendee", wang
    )
    masked = json.loads(party.ok("export"))["collections"]
    (member,) = masked["party_members"]
    assert member["person"] != wang and member["branch"] != "益田社区党委" and member["reported"] != True  # noqa: E712
    assert masked["party_activities"][0]["attendees"] != [wang]
    full = json.loads(party.ok("export", "--show-personal"))["collections"]
    assert full["party_members"][0]["person"] == wang
