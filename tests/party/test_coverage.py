"""Coverage of organizations: own branch from 3 full party members, else a joint branch or an instructor."""

from __future__ import annotations

import pytest


@pytest.fixture
def members(party):
    """``members(*people, joined=...)``: record people as party members."""

    def add(*refs: str, joined: str = "2010-07-01", branch: str = "") -> None:
        for ref in refs:
            party.ok("party", "member", "add", ref, "--joined", joined, *(["--branch", branch] if branch else []))

    return add


def test_the_third_party_member_flips_it_to_needing_its_own_branch(party, org_with, members, people, statuses):
    org = org_with("阅翼成长阅读俱乐部", "王芳", "李娜", "张伟")
    people("刘洋")
    members("王芳", "李娜", "刘洋")
    party.ok("party", "instructor", "assign", org, "刘洋")
    assert statuses()[org] == "covered_by_instructor"
    members("张伟")
    (row,) = party.json("party", "coverage")
    assert row["status"] == "needs_branch" and row["party_members"] == 3
    party.ok("party", "branch", "add", "阅翼成长阅读俱乐部党支部", "--org", org)
    assert statuses()[org] == "needs_branch"  # a branch with no members of its own does not count
    for member in ("pm1", "pm2", "pm4"):
        party.ok("edit", member, "branch=pb1")
    assert statuses()[org] == "covered_by_branch"


def test_a_branch_counts_only_from_three_full_members(party, org_with, members, statuses):
    small = org_with("艺舞人生艺术团", "王芳", "李娜", "张伟")
    party.ok("party", "branch", "add", "艺舞人生艺术团党支部", "--org", small)
    members("王芳", branch="pb1")
    members("李娜", "张伟", branch="pb1", joined="2025-07-01")  # probationary until tomorrow
    (row,) = party.json("party", "coverage")
    assert (row["status"], row["branch"], row["branch_full_members"], row["branch_counts"]) == (
        "needs_instructor", "pb1", 1, False
    )  # fmt: skip
    assert row["probationary"] == 2
    assert "needs a joint branch or an instructor" in party.ok("party", "coverage")
    party.ok("settings", "set", "party.probation_months", "11")
    assert statuses()[small] == "covered_by_branch"


def test_without_anything(party, org_with, members, statuses):
    org = org_with("便民服务队", "王芳")
    assert party.json("party", "coverage") == [
        {
            "id": org,
            "name": "便民服务队",
            "party_members": 0,
            "status": "needs_instructor",
            "probationary": 0,
            "branch": None,
            "instructor": None,
            "branch_full_members": None,
            "branch_counts": None,
        }
    ]
    members("王芳")
    assert statuses()[org] == "needs_instructor"


def test_probationary_members_do_not_count(party, org_with, members, statuses):
    org = org_with("阅翼成长阅读俱乐部", "王芳", "李娜", "张伟")
    members("王芳", "李娜")
    members("张伟", joined="2025-07-01")  # full on 2026-07-01, tomorrow
    (row,) = party.json("party", "coverage")
    assert (row["party_members"], row["probationary"], row["status"]) == (2, 1, "needs_instructor")
    party.ok("settings", "set", "party.probation_months", "11")
    assert statuses()[org] == "needs_branch"


def test_only_members_of_the_organization_count(party, org_with, members, people, statuses):
    org = org_with("阅翼成长阅读俱乐部", "王芳", "李娜")
    people("张伟")
    members("王芳", "李娜", "张伟")
    assert statuses()[org] == "needs_instructor"


def test_joint_branch_covers_small_organizations_but_not_one_with_three(party, org_with, members, statuses):
    small = org_with("艺舞人生艺术团", "王芳")
    big = org_with("多彩多意书画院", "李娜", "张伟", "刘洋")
    party.ok("party", "branch", "add", "益田社区联合党支部", "--org", small, "--org", big)
    members("王芳", "李娜", "张伟", "刘洋", branch="益田社区联合党支部")
    assert statuses() == {small: "covered_by_branch", big: "needs_branch"}
    party.ok("party", "instructor", "assign", big, "王芳")
    assert statuses()[big] == "needs_branch"  # an instructor is not enough from 3 full members
    party.ok("party", "branch", "add", "多彩多意书画院党支部", "--org", big)  # leaves the joint branch behind
    for member in ("pm2", "pm3", "pm4"):
        party.ok("edit", member, "branch=pb2")
    assert statuses() == {small: "needs_instructor", big: "covered_by_branch"}  # one member left in the joint one


def test_threshold_is_a_setting(party, org_with, members, statuses):
    org = org_with("阅翼成长阅读俱乐部", "王芳", "李娜")
    members("王芳", "李娜")
    assert statuses()[org] == "needs_instructor"
    party.ok("settings", "set", "party.branch_min_members", "2")
    assert statuses()[org] == "needs_branch"


def test_dissolved_organizations_are_left_out(party, org_with):
    org = org_with("便民服务队")
    party.ok("dissolve", org, "--reason", "停止活动")
    assert party.json("party", "coverage") == []
    party.ok("person", "add", "刘建国")
    assert "dissolved" in party.fails("party", "instructor", "assign", org, "刘建国").stderr
    assert "dissolved" in party.fails("party", "branch", "add", "便民服务队党支部", "--org", org).stderr


def test_text_report(party, org_with, members):
    org_with("阅翼成长阅读俱乐部", "王芳")
    members("王芳")
    text = party.ok("party", "coverage")
    assert "needs a joint branch or an instructor" in text
    assert "1 of 1 organizations are not covered" in text
    assert "volunteer" not in text


# -- branches -----------------------------------------------------------------------------
def test_a_joint_branch_has_at_most_five_organizations(party):
    orgs = [party.new_id("org", "add", f"组织{n}") for n in range(6)]
    options = [arg for org in orgs for arg in ("--org", org)]
    assert "at most 5 organizations" in party.fails("party", "branch", "add", "联合党支部", *options).stderr
    assert party.new_id("party", "branch", "add", "联合党支部", *options[:10]) == "pb1"
    party.ok("settings", "set", "party.joint_branch_max_orgs", "6")
    party.fails("party", "branch", "add", "联合党支部二", *options)  # five of them are in a joint branch already


def test_an_organization_named_twice_counts_once(party):
    orgs = [party.new_id("org", "add", f"组织{n}") for n in range(5)]
    options = [arg for org in orgs for arg in ("--org", org)]
    party.ok("party", "branch", "add", "联合党支部", *options, "--org", "组织0")


def test_branch_refusals(party, org_with):
    a = org_with("阅翼成长阅读俱乐部")
    b = org_with("艺舞人生艺术团")
    c = org_with("多彩多意书画院")
    party.ok("party", "branch", "add", "阅翼党支部", "--org", a)
    assert "name: pb1 already has '阅翼党支部'" in party.fails("party", "branch", "add", "阅翼党支部", "--org", b).stderr
    assert "already in party branch" in party.fails("party", "branch", "add", "阅翼第二党支部", "--org", a).stderr
    assert "already in party branch" in party.fails("party", "branch", "add", "联合", "--org", a, "--org", b).stderr
    party.ok("party", "branch", "add", "联合", "--org", b, "--org", c)
    assert "already in party branch" in party.fails("party", "branch", "add", "联合二", "--org", b, "--org", c).stderr
    party.fails("party", "branch", "add", "无组织")  # --org is required
    assert "no organization 'o9'" in party.fails("party", "branch", "add", "某支部", "--org", "o9").stderr
    assert (
        "is in the future"
        in party.fails("party", "branch", "add", "某支部", "--org", b, "--founded", "2026-07-01").stderr
    )


# -- instructors -----------------------------------------------------------------------------
def test_instructors(party, org_with, people, members, statuses):
    org = org_with("俪人妈妈义工队")
    people("刘建国", "陈书记")
    members("刘建国", "陈书记")
    assert party.new_id("party", "instructor", "assign", org, "刘建国") == "pi1"
    assert statuses()[org] == "covered_by_instructor"
    assert "already the party-building instructor" in party.fails("party", "instructor", "assign", org, "刘建国").stderr
    party.ok("party", "instructor", "assign", org, "陈书记")
    (row,) = party.json("party", "coverage")
    assert row["instructor"] == "p2"
    assert "no person 'p9'" in party.fails("party", "instructor", "assign", org, "p9").stderr
    assert "no organization 'o9'" in party.fails("party", "instructor", "assign", "o9", "p1").stderr
    assert "is in the future" in party.fails("party", "instructor", "assign", org, "p1", "--since", "2026-07-01").stderr


def test_an_instructor_is_a_full_party_member(party, org_with, people, members):
    org = org_with("俪人妈妈义工队")
    people("刘建国", "陈书记")
    assert "p1 is not a party member on 2026-06-30" in party.fails("party", "instructor", "assign", org, "刘建国").stderr
    members("刘建国", joined="2026-01-01")
    refused = party.fails("party", "instructor", "assign", org, "刘建国").stderr
    assert "still a probationary party member" in refused
    members("陈书记", joined="2020-01-01")
    assert "not a party member on 2019-12-31" in party.fails(
        "party", "instructor", "assign", org, "陈书记", "--since", "2019-12-31"
    ).stderr
    party.ok("settings", "set", "party.instructor_may_be_probationary", "yes")
    party.ok("party", "instructor", "assign", org, "刘建国")
