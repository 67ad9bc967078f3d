"""Issue 16's lifecycle around the stages, through the command line: profile, application, agreement, exit, roles."""

from __future__ import annotations

import pytest


@pytest.fixture
def applied(hive, club):
    """The club applied on 2026-06-01 (a Monday), signed by 王芳 and 李娜; returns the application id."""
    return hive.new_id(
        "org", "apply", club, "--initiator", "王芳,李娜", "--received", "2026-06-01", "--purpose", "读书"
    )


# -- the profile ------------------------------------------------------------------------------------
def test_the_profile_is_typed_in_either_language_and_the_phone_is_masked(hive):
    hive.ok("person", "add", "王芳", "--phone", "13812345678")
    org = hive.new_id(
        "org", "add", "阅翼读书会", "--responsible", "王芳", "--phone", "13900001111", "--type", "社会团体",
        "--development", "萌芽", "--category", "文化", "--venue", "三楼",
    )  # fmt: skip
    shown = hive.json("org", "show", org)
    assert shown["responsible"] == "p1" and shown["contact_phone"] == "139****1111"
    assert (shown["org_type"], shown["development"], shown["category"], shown["venue"]) == (
        "association", "sprouting", "文化", "三楼",
    )  # fmt: skip
    assert hive.json("org", "show", org, "--show-personal")["contact_phone"] == "13900001111"
    assert "13900001111" not in hive.ok("org", "list", "--json") + hive.ok("org", "show", org)
    assert "组织类型: 社会团体" in hive.ok("--lang", "zh_CN", "org", "show", org)
    assert "organization type: social association" in hive.ok("org", "show", org)
    # edited with the record layer, a label typed in English
    hive.ok("edit", org, "org_type=social service agency", "development=hub")
    assert [o["id"] for o in hive.json("org", "list", "--type", "社会服务机构", "--development", "枢纽")] == [org]
    assert hive.json("org", "list", "--type", "association") == []


def test_bad_profile_values_are_refused_naming_the_field(hive):
    assert "organization type" in hive.fails("org", "add", "甲", "--type", "club").stderr
    assert "组织类型" in hive.fails("--lang", "zh_CN", "org", "add", "甲", "--type", "club").stderr
    assert "no person 'nobody'" in hive.fails("org", "add", "甲", "--responsible", "nobody").stderr
    err = hive.fails("org", "add", "甲", "--phone", "12ab").stderr
    assert "contact phone" in err and "12ab" not in err
    hive.ok("settings", "set", "core.service_categories", "养老服务，助残、社区治理")
    assert "service category" in hive.fails("org", "add", "甲", "--category", "文化").stderr
    org = hive.new_id("org", "add", "甲", "--category", "助残")
    assert "is not one of: 养老服务, 助残, 社区治理" in hive.fails("edit", org, "category=文化").stderr


def test_sheet_types_come_after_the_types_they_refer_to(hive):
    names = [t["name"] for t in hive.json("sheet", "types")]
    assert names.index("people") < names.index("organizations") < names.index("memberships")
    assert names.index("agreements") < names.index("renewals")
    for lifecycle in ("applications", "agreements", "renewals", "exits", "graduations", "member_roles"):
        assert lifecycle in names


# -- application and initial review -----------------------------------------------------------------
def test_an_application_is_answered_within_five_working_days(hive, club, applied):
    assert hive.json("org", "list", "--application", "pending")[0]["id"] == club
    (item,) = [i for i in hive.json("due", "--within", "30d") if i["kind"] == "core.application_review"]
    assert (item["due"], item["record"], item["org"]) == ("2026-06-08", applied, club)  # Mon + 5 working days
    # a public holiday in between pushes it one working day on
    hive.ok("settings", "set", "core.holidays", "2026-06-03")
    (item,) = [i for i in hive.json("due", "--within", "30d") if i["kind"] == "core.application_review"]
    assert item["due"] == "2026-06-09" and item["overdue"] is True
    hive.ok("settings", "set", "core.intake.review_working_days", "0")  # 0: not listed
    assert not [i for i in hive.json("due", "--within", "30d") if i["kind"] == "core.application_review"]


def test_one_application_waits_at_a_time_and_the_decision_closes_it(hive, club, applied):
    assert "awaiting its initial review" in hive.fails("org", "apply", club, "--initiator", "张伟").stderr
    assert "--accept or --reject" in hive.fails("org", "decide", club, "--reason", "x").stderr
    assert (
        "before the application was received"
        in hive.fails("org", "decide", club, "--accept", "--reason", "x", "--date", "2026-05-31").stderr
    )
    decided = hive.json("org", "decide", club, "--accept", "--reason", "材料齐全", "--date", "2026年6月5日")
    assert (decided["id"], decided["decision"], decided["decided"]) == (applied, "accepted", "2026-06-05")
    assert decided["initiators"] == ["p1", "p2"]
    assert not [i for i in hive.json("due", "--within", "30d") if i["kind"] == "core.application_review"]
    assert "no application awaiting" in hive.fails("org", "decide", club, "--reject", "--reason", "x").stderr
    assert hive.json("org", "list", "--application", "accepted")[0]["id"] == club
    assert "提交申请，发起人：王芳, 李娜" in hive.ok("--lang", "zh_CN", "org", "history", club)


def test_an_application_needs_an_initiator_of_the_registry(hive, club):
    assert "no person" in hive.fails("org", "apply", club, "--initiator", "无名氏").stderr
    assert "in the future" in hive.fails("org", "apply", club, "--initiator", "王芳", "--received", "2026-07-01").stderr


def test_a_rejected_application_gets_no_agreement(hive, club, applied):
    hive.ok("org", "decide", club, "--reject", "--reason", "不符合社区服务方向")
    assert "was rejected" in hive.fails("org", "agree", club, "--term", "12").stderr
    assert "申请未通过: 不符合社区服务方向" in hive.ok("--lang", "zh_CN", "org", "history", club)


# -- agreement, renewal, exit --------------------------------------------------------------------------
def test_an_agreement_ending_is_due_and_a_renewal_extends_it(hive, club, applied):
    hive.ok("org", "decide", club, "--accept", "--reason", "ok", "--date", "2026-06-05")
    assert "waits" not in hive.ok("org", "agree", club, "--start", "2026-06-08", "--term", "2个月", "--space", "A3工位")
    shown = hive.json("org", "show", club)
    assert shown["agreements"][0]["until"] == "2026-08-07" and shown["agreements"][0]["mode"] == "physical"
    assert shown["incubation"] == {
        "application": "accepted", "agreement": "ag1", "mode": "physical", "ends": "2026-08-07",
        "exited": None, "handover": None, "graduated": None,
    }  # fmt: skip
    # listed 30 days before it ends: 2026-07-08, just outside 7 days, inside 8
    assert not [i for i in hive.json("due", "--within", "7d") if i["kind"] == "core.agreement_ending"]
    (item,) = [i for i in hive.json("due", "--within", "8d") if i["kind"] == "core.agreement_ending"]
    assert item["due"] == "2026-07-08" and item["record"] == "ag1"
    assert [o["id"] for o in hive.json("org", "list", "--ending-within", "38")] == [club]
    assert hive.json("org", "list", "--ending-within", "37") == []
    assert "extend it with 'hive org renew'" in hive.fails("org", "agree", club, "--term", "12").stderr
    renewal = hive.json("org", "renew", club, "--term", "1y", "--note", "续驻一年")
    assert (renewal["agreement"], renewal["until"], renewal["date"]) == ("ag1", "2027-08-07", "2026-06-30")
    assert hive.json("org", "show", club)["incubation"]["ends"] == "2027-08-07"
    assert not [i for i in hive.json("due", "--within", "60d") if i["kind"] == "core.agreement_ending"]
    assert "is not after the agreement's end" in hive.fails("org", "renew", club, "--until", "2027-08-07").stderr
    assert "either --term" in hive.fails("org", "renew", club).stderr
    assert "not a number of months" in hive.fails("org", "renew", club, "--term", "long").stderr


def test_virtual_incubation_without_an_application(hive, club):
    hive.ok("org", "agree", club, "--start", "2026-06-01", "--until", "2026-11-30", "--virtual")
    assert [o["id"] for o in hive.json("org", "list", "--incubation", "虚拟")] == [club]
    assert hive.json("org", "list", "--incubation", "physical") == []
    assert (
        "until: 2026-05-01 is not after the start (2026-06-01)" in hive.fails("edit", "ag1", "until=2026-05-01").stderr
    )


def test_an_exit_gives_a_handover_in_fifteen_working_days(hive, club):
    hive.ok("org", "agree", club, "--start", "2026-03-01", "--term", "12")
    exit_ = hive.json("org", "exit", club, "--reason", "主动退出", "--date", "2026-06-25", "--note", "成员搬离")
    assert (exit_["reason"], exit_["handover"]) == ("voluntary", "2026-07-16")
    (item,) = [i for i in hive.json("due", "--within", "16d") if i["kind"] == "core.handover"]
    assert item["record"] == exit_["id"] and item["due"] == "2026-07-16"
    assert not [i for i in hive.json("due", "--within", "30d") if i["kind"] == "core.agreement_ending"]
    assert hive.json("org", "show", club)["incubation"]["exited"] == "2026-06-25"
    assert [o["id"] for o in hive.json("org", "list", "--exited")] == [club]
    assert hive.json("org", "list", "--incubation", "physical") == []
    assert "already exited" in hive.fails("org", "exit", club, "--reason", "other").stderr
    assert "no running incubation agreement" in hive.fails("org", "renew", club, "--term", "6").stderr
    zh = hive.ok("--lang", "zh_CN", "org", "history", club)
    assert "退驻：主动退出；须于 2026-07-16 前交还" in zh
    # ticked off once the keys are back
    hive.ok("due", "done", item["key"])
    assert not [i for i in hive.json("due", "--within", "30d") if i["kind"] == "core.handover"]


def test_exit_reasons_are_checked(hive, club):
    err = hive.fails("org", "exit", club, "--reason", "bored").stderr
    assert "--reason" in err and "voluntary" in err
    assert "主动退出" in hive.fails("--lang", "zh_CN", "org", "exit", club, "--reason", "bored").stderr
    assert (
        "before the exit"
        in hive.fails(
            "org", "exit", club, "--reason", "other", "--date", "2026-06-10", "--handover", "2026-06-09"
        ).stderr
    )


def test_lifecycle_records_are_voided_and_undone_like_any(hive, club, applied):
    hive.ok("void", applied, "--reason", "录入错误")
    assert hive.json("org", "show", club)["incubation"]["application"] is None
    assert not [i for i in hive.json("due", "--within", "30d") if i["kind"] == "core.application_review"]
    hive.ok("undo")
    assert hive.json("org", "show", club)["incubation"]["application"] == "pending"
    assert hive.json("show", applied)["record"]["purpose"] == "读书"
    assert [r["id"] for r in hive.json("list", "applications")] == [applied]
    assert hive.problems() == []


# -- graduation and history --------------------------------------------------------------------------
def test_graduation_moves_to_the_last_stage_with_its_assessment(hive, at_stage):
    club = at_stage("diagnosis", "2026-03-01")
    assert "the next stage is supervision" in hive.fails("org", "graduate", club).stderr
    graduation = hive.json("org", "graduate", club, "--force", "--date", "2026-06-20", "--note", "评估通过")
    assert graduation["date"] == "2026-06-20" and graduation["assessment"] is None
    shown = hive.json("org", "show", club)
    assert shown["stage"] == "graduated" and shown["incubation"]["graduated"] == "2026-06-20"
    assert shown["transitions"][-1]["forced"] is True
    assert "graduated on 2026-06-20" in hive.fails("org", "graduate", club).stderr
    kinds = [h["kind"] for h in hive.json("org", "history", club)]
    assert kinds[0] == "joined" and kinds[-2:] == ["stage", "graduation"]


def test_history_lists_everything_in_order(hive, club, applied):
    hive.ok("org", "decide", club, "--accept", "--reason", "ok", "--date", "2026-06-03")
    hive.ok("org", "agree", club, "--start", "2026-06-04", "--term", "6")
    hive.ok("member", "leave", club, "张伟", "--date", "2026-06-10", "--reason", "搬离社区")
    rows = hive.json("org", "history", club)
    assert [(r["date"], r["kind"]) for r in rows] == [
        ("2026-01-05", "joined"),
        ("2026-01-05", "member_joined"),
        ("2026-01-05", "member_joined"),
        ("2026-01-05", "member_joined"),
        ("2026-06-01", "application"),
        ("2026-06-03", "decision"),
        ("2026-06-04", "agreement"),
        ("2026-06-10", "member_left"),
    ]
    assert set(rows[0]) == {"date", "kind", "record", "title"}
    assert "张伟 left: 搬离社区" in hive.ok("org", "history", club)


# -- roles ---------------------------------------------------------------------------------------------
def test_roles_have_a_history_and_backbones_count_as_of_the_date(hive, club):
    hive.ok("settings", "set", "core.intake.min_backbones", "3")
    role = hive.json("member", "role", club, "张伟", "骨干", "--date", "2026-06-01")
    assert (role["role"], role["since"], role["until"]) == ("backbone", "2026-06-01", None)
    assert hive.json("review", club)[0]["verdict"] == "ready"  # three backbones now
    assert hive.json("review", club, "--as-of", "2026-05-31")[0]["verdict"] == "not_ready"
    hive.ok("member", "role", club, "张伟", "member", "--date", "2026-06-15")
    assert hive.json("review", club)[0]["verdict"] == "not_ready"
    assert hive.json("review", club, "--as-of", "2026-06-14")[0]["verdict"] == "ready"
    assert hive.json("member", "role", club, "张伟") == [
        {"role": "member", "since": "2026-01-05", "until": "2026-06-01"},
        {"role": "backbone", "since": "2026-06-01", "until": "2026-06-15"},
        {"role": "member", "since": "2026-06-15", "until": None},
    ]
    assert "骨干" in hive.ok("--lang", "zh_CN", "member", "role", club, "张伟")


def test_the_responsible_person_is_the_organizations(hive, club):
    hive.ok("member", "role", club, "王芳", "负责人", "--date", "2026-06-01")
    assert hive.json("org", "show", club)["responsible"] == "p1"
    hive.ok("member", "role", club, "李娜", "responsible", "--date", "2026-06-10")
    assert hive.json("org", "show", club)["responsible"] == "p2"
    assert [r["role"] for r in hive.json("member", "role", club, "王芳")][-2:] == ["responsible", "backbone"]
    assert "is already" in hive.fails("member", "role", club, "李娜", "负责人").stderr
    assert "is not one of" in hive.fails("member", "role", club, "李娜", "chief").stderr
    # leaving ends the role
    hive.ok("member", "leave", club, "李娜", "--date", "2026-06-20")
    assert hive.json("member", "role", club, "李娜")[-1]["until"] == "2026-06-20"


def test_a_role_needs_a_member(hive, club):
    hive.ok("person", "add", "路人")
    assert "is not a member" in hive.fails("member", "role", club, "路人", "member").stderr
    assert "before they joined" in hive.fails("member", "role", club, "张伟", "骨干", "--date", "2026-01-01").stderr


# -- Guangdong's filing thresholds ---------------------------------------------------------------------
def test_filing_thresholds_are_off_by_default_and_checked_at_the_boundary(hive, at_stage):
    club = at_stage("registration")
    hive.ok("record", "registration", club, "--filing-no", "F-1", "--date", "2026-02-11")
    assert hive.json("review", club)[0]["verdict"] == "ready"
    hive.ok("settings", "set", "core.filing_thresholds", "yes")
    (row,) = hive.json("review", club)
    assert (
        row["failed"][0]["criterion"] == "core.filing_thresholds" and "organization type" in row["failed"][0]["reason"]
    )
    hive.ok("edit", club, "org_type=社会服务机构")
    (row,) = hive.json("review", club)
    assert row["failed"] == [{"criterion": "core.filing_thresholds", "reason": "has 0 of 2 initiators"}]
    hive.ok("org", "apply", club, "--initiator", "王芳", "--received", "2026-02-01")
    assert hive.json("review", club)[0]["failed"][0]["reason"] == "has 1 of 2 initiators"
    hive.ok("void", "ap1", "--reason", "x")
    hive.ok("org", "apply", club, "--initiator", "王芳,李娜", "--received", "2026-02-01")
    assert hive.json("review", club)[0]["verdict"] == "ready"  # 2 initiators, 3 staff
    hive.ok("edit", club, "org_type=association")
    (row,) = hive.json("review", club)
    assert row["failed"] == [
        {"criterion": "core.filing_thresholds", "reason": "has 2 of 3 initiators; has 3 of 10 members"}
    ]
    hive.ok("settings", "set", "core.filing_thresholds.association_initiators", "2")
    hive.ok("settings", "set", "core.filing_thresholds.association_members", "3")
    assert hive.json("review", club)[0]["verdict"] == "ready"
    hive.ok("settings", "set", "core.filing_thresholds.association_members", "4")
    zh = hive.json("--lang", "zh_CN", "review", club)[0]["failed"][0]["reason"]
    assert "3" in zh and "4" in zh and "has" not in zh


def test_an_organization_that_exited_is_named_not_reviewed(hive, club):
    hive.org("第二队", members=3, backbones=1, joined="2026-01-05")
    hive.ok("org", "exit", club, "--reason", "voluntary", "--date", "2026-06-15")
    assert [r["id"] for r in hive.json("review")] == ["o2"]
    out = hive.ok("review")
    assert "o1 阅翼成长阅读俱乐部: exited on 2026-06-15" in out
    # before the exit it is reviewed as it stood
    assert [r["id"] for r in hive.json("review", "--as-of", "2026-06-14")] == ["o1", "o2"]
    assert "exited incubation on 2026-06-15" in hive.fails("review", club).stderr
    assert "退驻" in hive.ok("--lang", "zh_CN", "review")
    # voided, it counts no more
    hive.ok("void", "ex1", "--reason", "录错")
    assert [r["id"] for r in hive.json("review")] == ["o1", "o2"]
