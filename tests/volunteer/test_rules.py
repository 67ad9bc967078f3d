"""The volunteer rules of issue 17: maker-checker approval, the least hours of a record, team membership on the
day of service, the volunteer's age from the ID number, the volunteer number for a person, "below one star"."""

from __future__ import annotations

import pytest

def young_id() -> str:
    from hive.codes import id_check_digit

    first17 = "44030520100615001"  # born 2010-06-15: 16 on 2026-06-15
    return first17 + id_check_digit(first17)


LOG = ("--activity", "探访长者")


# -- 录入人 ≠ 审核人 ------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", ["volunteer.approval_by_other", "volunteer.separate_approver"])
def test_approval_by_someone_other_than_who_logged(vol, volunteers, key):
    volunteers("王芳")
    rid = vol.new_id("volunteer", "log", "王芳", "--date", "2026-06-01", "--hours", "2", *LOG)
    vol.ok("volunteer", "approve", rid)  # off by default: the logger may approve
    vol.ok("settings", "set", key, "true")
    other = vol.new_id("volunteer", "log", "王芳", "--date", "2026-06-02", "--hours", "2", *LOG)
    result = vol.fails("volunteer", "approve", other)
    assert "someone else" in result.stderr and "volunteer.approval_by_other" in result.stderr
    vol.fails("volunteer", "reject", other, "--reason", "x")
    vol.ok("--operator", "checker", "volunteer", "approve", other)
    (record,) = [r for r in vol.json("volunteer", "records") if r["id"] == other]
    assert record["decided_by"] == "checker" and record["recorder"] == "tester"


def test_import_approved_needs_approval_by_other_off(vol, volunteers, tmp_path):
    volunteers("王芳")
    path = tmp_path / "rows.csv"
    path.write_text("person,date,hours,activity\n王芳,2026-06-01,2,巡逻\n", encoding="utf-8")
    vol.ok("settings", "set", "volunteer.approval_by_other", "true")
    result = vol.fails("volunteer", "import", str(path), "--approved")
    assert "volunteer.approval_by_other" in result.stderr
    assert vol.json("volunteer", "records") == []
    vol.ok("volunteer", "import", str(path))  # pending is fine
    vol.ok("settings", "set", "volunteer.approval_by_other", "false")
    vol.ok("volunteer", "import", str(path.with_name("rows.csv")), "--approved", "--dry-run")


# -- the least hours of a record ----------------------------------------------------------------------
def test_a_record_has_at_least_half_an_hour_unless_set(vol, volunteers, tmp_path):
    volunteers("王芳")
    base = ("volunteer", "log", "王芳", "--date", "2026-06-01", *LOG)
    result = vol.fails(*base, "--hours", "0.49")
    assert "at least 0.5 h" in result.stderr and "volunteer.min_hours" in result.stderr
    vol.ok(*base, "--hours", "0.5")
    path = tmp_path / "rows.csv"
    path.write_text("person,date,hours,activity\n王芳,2026-06-02,0.25,巡逻\n", encoding="utf-8")
    result = vol("volunteer", "import", str(path))
    assert result.exit_code != 0 and "line 2" in result.stderr and "0.5 h" in result.stderr
    vol.ok("settings", "set", "volunteer.min_hours", "0.25")
    vol.ok("volunteer", "import", str(path))
    vol.fails("settings", "set", "volunteer.min_hours", "0")


def test_hive_check_reports_a_record_below_the_least_hours(vol, volunteers):
    volunteers("王芳")
    rid = vol.new_id("volunteer", "log", "王芳", "--date", "2026-06-01", "--hours", "0.5", *LOG)
    vol.ok("check")
    vol.ok("settings", "set", "volunteer.min_hours", "1")
    result = vol("check")
    assert result.exit_code != 0 and rid in result.stdout + result.stderr


# -- team membership on the day of service ------------------------------------------------------------
@pytest.fixture
def team(vol, volunteers):
    volunteers("王芳", "李娜")
    team = vol.new_id("volunteer", "team", "add", "巡逻队")
    vol.ok("volunteer", "team", "join", team, "王芳", "--since", "2026-06-10")
    return team


def test_hours_for_a_team_by_a_non_member_warn_by_default(vol, team):
    result = vol("volunteer", "log", "李娜", "--date", "2026-06-12", "--hours", "2", "--team", team, *LOG)
    assert result.exit_code == 0 and "warning" in result.stderr and "not a member" in result.stderr
    before = vol("volunteer", "log", "王芳", "--date", "2026-06-09", "--hours", "2", "--team", team, *LOG)
    assert "2026-06-09" in before.stderr  # the day before joining
    on_the_day = vol("volunteer", "log", "王芳", "--date", "2026-06-10", "--hours", "2", "--team", team, *LOG)
    assert on_the_day.exit_code == 0 and on_the_day.stderr == ""


def test_hours_for_a_team_by_a_non_member_refused_when_set(vol, team, tmp_path):
    vol.ok("settings", "set", "volunteer.team_membership", "refuse")
    base = ("volunteer", "log", "--hours", "2", "--team", team, *LOG)
    assert "not a member" in vol.fails(base[0], base[1], "李娜", "--date", "2026-06-12", *base[2:]).stderr
    vol.fails(base[0], base[1], "王芳", "--date", "2026-06-09", *base[2:])
    vol.ok(base[0], base[1], "王芳", "--date", "2026-06-10", *base[2:])
    path = tmp_path / "rows.csv"
    path.write_text("person,date,hours,activity,team\n李娜,2026-06-12,2,巡逻,巡逻队\n", encoding="utf-8")
    result = vol("volunteer", "import", str(path))
    assert result.exit_code != 0 and "line 2" in result.stderr and "not a member" in result.stderr
    assert "refuse or warn" in vol.fails("settings", "set", "volunteer.team_membership", "maybe").stderr


def test_join_since_is_a_day_not_in_the_future(vol, team):
    vol.fails("volunteer", "team", "join", team, "李娜", "--since", "2026-07-01")
    vol.fails("volunteer", "team", "join", team, "李娜", "--since", "2026-02-30")
    vol.ok("volunteer", "team", "join", team, "李娜", "--since", "2026年6月1日")
    (found,) = [t for t in vol.json("volunteer", "team", "list") if t["id"] == team]
    assert [m["since"] for m in found["members"]] == ["2026-06-10", "2026-06-01"]


# -- the volunteer's age, from the ID number ----------------------------------------------------------
def test_service_before_the_16th_birthday_is_refused_without_quoting_the_birthday(vol):
    vol.new_id("person", "add", "小明")
    number = young_id()
    vol.ok("volunteer", "add", "小明", "--id-number", number)
    result = vol.fails("volunteer", "log", "小明", "--date", "2026-06-14", "--hours", "2", *LOG)
    assert "turned 16" in result.stderr
    assert "2010" not in result.stderr and number not in result.stderr and "2026-06-15" not in result.stderr
    vol.ok("volunteer", "log", "小明", "--date", "2026-06-15", "--hours", "2", *LOG)


def test_the_person_s_own_id_number_counts_when_the_volunteer_gave_none(vol):
    number = young_id()
    vol.new_id("person", "add", "小红", "--id-number", number)
    vol.ok("volunteer", "add", "小红")
    assert "turned 16" in vol.fails("volunteer", "log", "小红", "--date", "2026-06-14", "--hours", "2", *LOG).stderr
    vol.ok("volunteer", "log", "小红", "--date", "2026-06-15", "--hours", "2", *LOG)


def test_without_an_id_number_no_age_is_known(vol, volunteers):
    volunteers("王芳")
    vol.ok("volunteer", "log", "王芳", "--date", "1990-01-01", "--hours", "2", *LOG)


# -- the volunteer number wherever a person is asked for --------------------------------------------
def test_the_volunteer_number_names_the_volunteer(vol, volunteers, served):
    (wang,) = volunteers("王芳")
    vid = vol.json("volunteer", "list")[0]["id"]
    rid = vol.new_id("volunteer", "log", vid, "--date", "2026-06-01", "--hours", "2", *LOG)
    assert vol.json("volunteer", "records", "--person", vid)[0]["id"] == rid
    assert vol.json("volunteer", "hours", vid)["person"] == wang
    team = vol.new_id("volunteer", "team", "add", "队一", "--leader", vid)
    assert vol.json("volunteer", "team", "list")[0]["leader"] == wang
    vol.fails("volunteer", "hours", "v99")


# -- below one star ---------------------------------------------------------------------------------
def test_no_star_yet_says_below_one_star(vol, volunteers, served):
    volunteers("王芳")
    served("王芳", 3)
    assert "below one star" in vol.ok("volunteer", "hours", "王芳")
    assert "未达一星" in vol.ok("--lang", "zh_CN", "volunteer", "hours", "王芳")
    vol.ok("settings", "set", "volunteer.certificate_signatory", "张主任")
    text = vol.ok("--lang", "zh_CN", "volunteer", "certificate", "王芳")
    assert "未达一星" in text and "0 星" not in text
