"""What the record layer gives the party records from their declarations: show, list, edit, void, undo, find, masking."""

from __future__ import annotations

import subprocess
import sys


def test_who_is_a_party_member_is_masked_outside_party_commands(party, people):
    (wang,) = people("王芳")
    party.ok("party", "member", "add", "王芳", "--joined", "2010-07-01", "--branch", "益田社区党委", "--reported")
    shown = party.json("show", "pm1")["record"]
    assert shown["person"] != wang and shown["joined"] != "2010-07-01" and shown["branch"] != "益田社区党委"
    assert "王芳" not in party.ok("show", "pm1") and "王芳" not in party.ok("list", "party_members")
    assert party.json("show", "pm1", "--show-personal")["record"]["person"] == wang
    assert party.json("party", "member", "show", "pm1", "--show-personal")["record"]["joined"] == "2010-07-01"
    assert party.json("find", "益田") == {}  # a personal text is not searched
    refused = party.fails("list", "party_members", "--person", "王芳").stderr  # the rows found would tell
    assert "--show-personal" in refused and "王芳" not in refused
    assert [r["id"] for r in party.json("list", "party_members", "--person", "王芳", "--show-personal")] == ["pm1"]
    assert party.json("party", "member", "list")[0]["person"] == wang  # hive party commands show it


def test_attendees_are_masked_but_the_activity_is_not(party, people):
    (wang,) = people("王芳")
    party.ok("party", "activity", "add", "--kind", "主题党日", "--date", "2026年3月10日", "--topic", "学习", "--attendee", wang)
    (row,) = party.json("list", "party_activities")
    assert (row["kind"], row["date"], row["topic"]) == ("theme_day", "2026-03-10", "学习")
    assert row["attendees"] != [wang]
    assert set(party.json("find", "学习")) == {"party_activities"}


def test_an_edit_is_judged_like_an_add_and_undo_restores(party, people):
    people("王芳")
    party.ok("party", "member", "add", "王芳", "--joined", "2010-07-01")
    assert "is in the future" in party.fails("edit", "pm1", "joined=2027-01-01").stderr
    assert "person cannot be edited here" in party.fails("edit", "pm1", "person=p1").stderr
    assert "branch: no record pb7 in party_branches" in party.fails("edit", "pm1", "branch=pb7").stderr
    party.ok("edit", "pm1", "joined=2025-12-01")
    assert party.json("party", "member", "list")[0]["full"] is False
    party.ok("undo")
    assert party.json("party", "member", "list")[0]["joined"] == "2010-07-01"
    assert party.problems() == []


def test_a_void_activity_stops_counting_for_compliance(party):
    party.ok("party", "activity", "add", "--kind", "theme_day", "--date", "2026-01-10", "--topic", "学习")
    status = {(r["kind"], r["period"]): r["status"] for r in party.json("party", "compliance")}
    assert status["theme_day", "2026-01"] == "held"
    party.ok("void", "pa1", "--reason", "记错了日期")
    status = {(r["kind"], r["period"]): r["status"] for r in party.json("party", "compliance")}
    assert status["theme_day", "2026-01"] == "missing"
    assert party.json("party", "activity", "list") == []


def test_a_void_branch_covers_no_more(party, people, org_with):
    org = org_with("阅翼成长阅读俱乐部")
    people("王芳", "李娜", "张伟")
    party.ok("party", "branch", "add", "阅翼党支部", "--org", org)
    for name in ("王芳", "李娜", "张伟"):
        party.ok("party", "member", "add", name, "--joined", "2010-07-01", "--branch", "阅翼党支部")
    assert party.json("party", "member", "list")[0]["branch"] == "pb1"
    assert party.json("party", "coverage")[0]["status"] == "covered_by_branch"
    party.ok("void", "pb1", "--reason", "撤销")
    assert party.json("party", "coverage")[0]["status"] == "needs_instructor"
    assert party.problems() == []  # the member's branch still names the record, kept with its reason
    party.ok("undo")
    assert party.json("party", "coverage")[0]["status"] == "covered_by_branch"


def test_the_generated_and_the_own_verbs_share_one_group(party):
    verbs = party.ok("party", "member", "--help")
    assert all(verb in verbs for verb in ("add", "list", "show"))
    assert "两个覆盖" in party.ok("--lang", "zh_CN", "party", "--help")


def test_loading_the_plugin_does_not_import_its_commands():
    code = "import sys, hive_party; print('hive_party.commands' in sys.modules, 'hive.ledger' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
