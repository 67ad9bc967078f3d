"""Issue 17's party-building rules, through the CLI, each way at its boundary.

Today is 2026-06-30.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def club(party, org_with):
    """o1 with 王芳, 李娜, 张伟 full party members of its branch pb1 (founded 2026-01-10); 赵磊 a resident."""
    org = org_with("阅翼成长阅读俱乐部", "王芳", "李娜", "张伟")
    party.ok("person", "add", "赵磊")
    party.ok("party", "branch", "add", "阅翼党支部", "--org", org, "--founded", "2026-01-10")
    for name in ("王芳", "李娜", "张伟"):
        party.ok("party", "member", "add", name, "--joined", "2010-07-01", "--branch", "阅翼党支部")
    return org


def test_joining_dates_from_the_founding_of_the_party(party, people):
    people("王芳", "李娜")
    refused = party.fails("party", "member", "add", "王芳", "--joined", "1921-06-30").stderr
    assert "before the Party was founded (1921-07-01)" in refused
    party.ok("party", "member", "add", "王芳", "--joined", "1921-07-01")


def test_joining_at_eighteen_by_the_resident_id_number(party):
    # born 1988-05-12 (the check character is right: the core refuses a wrong one)
    party.ok("person", "add", "李娜", "--id-number", "440305198805120023")
    refused = party.fails("party", "member", "add", "李娜", "--joined", "2006-05-11").stderr
    assert "before their 18th birthday" in refused and "440305" not in refused
    party.ok("party", "member", "add", "李娜", "--joined", "2006-05-12")
    assert "before their 18th birthday" in party.fails("edit", "pm1", "joined=2000-01-01").stderr


def test_joining_at_eighteen_by_a_volunteer_record_s_id_number(party):
    # the ID number given only when 赵磊 registered as a volunteer (born 1990-03-07): the party plugin
    # learns it through the record layer, without importing the volunteer plugin
    party.enable("volunteer")
    party.ok("person", "add", "赵磊")
    party.ok("volunteer", "add", "赵磊", "--id-number", "440305199003070014")
    refused = party.fails("party", "member", "add", "赵磊", "--joined", "2008-03-06")
    assert "before their 18th birthday" in refused.stderr and "440305" not in refused.stderr
    party.ok("party", "member", "add", "赵磊", "--joined", "2008-03-07")
    assert "before their 18th birthday" in party.fails("edit", "pm1", "joined=2007-12-31").stderr
    # without the plugin its records are not read; once enabled again, hive check sees the early join
    party.ok("plugins", "disable", "volunteer")
    party.ok("edit", "pm1", "joined=2007-12-31")
    party.ok("plugins", "enable", "volunteer")
    assert [p[:3] for p in party.problems() if "18th birthday" in p[3]] == [("error", "party_members", "pm1")]


def test_activities_of_a_branch_count_for_it_alone(party, club):
    party.ok("party", "activity", "add", "--kind", "theme_day", "--date", "2026-02-10", "--topic", "学习", "--branch", "阅翼党支部")
    party.ok("party", "activity", "add", "--kind", "theme_day", "--date", "2026-03-10", "--topic", "学习")
    rows = party.json("party", "compliance")
    mine = {r["period"]: r["status"] for r in rows if r["kind"] == "theme_day" and r["branch"] == "pb1"}
    center = {r["period"]: r["status"] for r in rows if r["kind"] == "theme_day" and r["branch"] is None}
    assert mine == {"2026-01": "missing", "2026-02": "held", "2026-03": "missing", "2026-04": "missing", "2026-05": "missing"}
    assert center["2026-02"] == "missing" and center["2026-03"] == "held"
    assert {r["branch"] for r in party.json("party", "compliance", "--branch", "阅翼党支部")} == {"pb1"}
    refused = party.fails(
        "party", "activity", "add", "--kind", "theme_day", "--date", "2026-01-09", "--topic", "学习", "--branch", "pb1"
    ).stderr
    assert "pb1 was set up on 2026-01-10, after 2026-01-09" in refused


def test_the_community_party_committee_holds_activities(party, club):
    party.fails("party", "branch", "add", "社区党委")  # neither an organization nor --committee
    committee = party.new_id("party", "branch", "add", "海珠社区党委", "--committee", "--founded", "2020-01-01")
    party.ok("party", "activity", "add", "--kind", "party_lesson", "--date", "2026-03-20", "--topic", "党课", "--branch", "海珠社区党委")
    rows = party.json("party", "compliance", "--branch", committee)
    assert {(r["period"], r["status"]) for r in rows if r["kind"] == "party_lesson"} == {("2026-Q1", "held")}
    assert party.json("party", "coverage")[0]["status"] == "covered_by_branch"  # the committee covers no one
    assert party.problems() == []


def test_attendance_and_absence(party, club):
    activity = party.new_id(
        "party", "activity", "add", "--kind", "theme_day", "--date", "2026-05-10", "--topic", "学习", "--branch", "pb1",
        "--attendee", "王芳",
    )  # fmt: skip
    assert party.ok("party", "attend", activity, "李娜").strip() == activity
    assert party.ok("party", "attend", activity, "张伟", "--absent", "--reason", "请假").strip() == "pab1"
    assert "张伟" not in party.ok("list", "party_absences")  # who missed it is personal data
    assert "recorded absent from pa1 (pab1)" in party.fails("party", "attend", activity, "张伟").stderr
    assert "attended pa1: not absent" in party.fails("party", "attend", activity, "王芳", "--absent").stderr
    assert "not a party member" in party.fails("party", "attend", activity, "赵磊", "--absent").stderr
    party.fails("party", "attend", activity, "赵磊", "--reason", "请假")  # a reason is for --absent
    counts = {m["name"]: (m["attended"], m["expected"], m["absent"]) for m in party.json("party", "member", "list")}
    assert counts == {"王芳": (1, 1, 0), "李娜": (1, 1, 0), "张伟": (0, 1, 1)}
    assert party.json("report", "--period", "2026-05")["sections"]["party"]["figures"]["absences"]["value"] == 1
    party.ok("undo")  # the absence
    party.ok("undo")  # 李娜's attendance
    assert {m["name"]: m["attended"] for m in party.json("party", "member", "list")}["李娜"] == 0


def test_an_absence_is_of_a_member_of_the_branch_that_held_the_activity(party, club, org_with):
    other = org_with("星光合唱团", "刘洋")
    party.ok("party", "branch", "add", "星光党支部", "--org", other, "--founded", "2026-01-10")
    party.ok("party", "member", "add", "刘洋", "--joined", "2012-07-01", "--branch", "星光党支部")  # p5, of pb2
    activity = party.new_id(
        "party", "activity", "add", "--kind", "theme_day", "--date", "2026-05-10", "--topic", "学习", "--branch", "pb1"
    )
    before = party.db.read_bytes()
    refused = party.fails("party", "attend", activity, "刘洋", "--absent", "--reason", "请假").stderr
    assert "p5 is not a member of pb1, which held pa1" in refused and "pb2" not in refused and "星光" not in refused
    assert party.db.read_bytes() == before
    zh = party("party", "attend", activity, "刘洋", "--absent", env={"HIVE_LANG": "zh_CN"}).stderr
    assert "p5 不是举办 pa1 的 pb1 的党员" in zh
    # the same rule whichever door: a hand edit is found by hive check
    party.ok("party", "attend", activity, "张伟", "--absent", "--reason", "请假")  # p4, of pb1
    party.edit_file(lambda d: d["party_absences"]["1"].update(person="p5"))
    assert ("error", "party_absences", "pab1", "p5 is not a member of pb1, which held pa1") in party.problems()


def test_transfers_out_and_in(party, club, statuses):
    assert statuses()[club] == "covered_by_branch"
    assert "before they joined" in party.fails("party", "transfer", "out", "张伟", "--date", "2010-06-30", "--to", "某党委").stderr
    transfer = party.new_id("party", "transfer", "out", "张伟", "--date", "2026-06-01", "--to", "南山区某机关党支部")
    assert transfer == "ptr1"
    assert statuses()[club] == "needs_instructor"  # two full members left: the branch no longer covers
    (row,) = party.json("review", club, "--as-of", "2026-05-31")
    assert "party.coverage" not in {f["criterion"] for f in row["failed"]}  # before the transfer it still counted
    assert {m["name"]: m["left"] for m in party.json("party", "member", "list")}["张伟"] == "2026-06-01"
    assert "already transferred out" in party.fails("party", "transfer", "out", "张伟", "--date", "2026-06-10", "--to", "x").stderr
    party.ok("party", "transfer", "in", "张伟", "--date", "2026-06-20", "--from", "南山区某机关党支部")
    assert statuses()[club] == "covered_by_branch"
    assert "not transferred out" in party.fails("party", "transfer", "in", "张伟", "--date", "2026-06-25", "--from", "x").stderr
    # someone new, transferred in: counted from that day, not from the day they joined
    assert "--joined" in party.fails("party", "transfer", "in", "赵磊", "--date", "2026-06-01", "--from", "x").stderr
    party.ok("party", "transfer", "in", "赵磊", "--date", "2026-06-01", "--from", "福田区某党支部", "--joined", "2000-07-01")
    party.ok("settings", "set", "party.instructor_may_be_probationary", "yes")
    assert "not a party member on 2026-05-31" in party.fails(
        "party", "instructor", "assign", club, "赵磊", "--since", "2026-05-31"
    ).stderr
    assert party.problems() == []


def test_a_generated_add_is_offered_only_where_it_can_make_a_record(party, club):
    # an absence needs its activity and person, which only 'party attend --absent' gives: no 'add' for nothing
    absence = party.ok("party", "absence", "--help")
    assert "absence: list, show." in absence and "\n  add" not in absence
    assert "No such command 'add'" in party.fails("party", "absence", "add", "--reason", "x").stderr
    assert "\n  add" not in party.ok("party", "transfer", "--help")  # made by 'transfer in|out'
    assert "\n  add" in party.ok("party", "activity", "--help")  # every field it needs has an option
    assert "缺席：列表、查看。" in party.ok("party", "absence", "--help", env={"HIVE_LANG": "zh_CN"})
