"""Service records: the 24 h day, dates, hours, approval (only approved hours count)."""

from __future__ import annotations


def test_log_prints_the_id_and_the_record_is_pending(vol, volunteers):
    (wang,) = volunteers("王芳")
    rid = vol.new_id(
        "volunteer",
        "log",
        "王芳",
        "--date",
        "2026-06-01",
        "--hours",
        "3",
        "--activity",
        "探访长者",
        "--place",
        "海珠社区",
    )
    assert rid == "vr1"
    (record,) = vol.json("volunteer", "records")
    assert record["status"] == "pending" and record["person"] == wang and record["place"] == "海珠社区"
    assert record["recorder"] == "tester"


def test_only_registered_volunteers_log_hours(vol):
    vol.new_id("person", "add", "路人")
    result = vol.fails("volunteer", "log", "路人", "--date", "2026-06-01", "--hours", "3", "--activity", "x")
    assert "hive volunteer add" in result.stderr


def test_a_day_has_at_most_24_hours_of_service(vol, volunteers, served):
    volunteers("王芳")
    served("王芳", 20, "2026-06-01", approve=False)
    served("王芳", 4, "2026-06-01")  # exactly 24 h: allowed
    result = vol.fails("volunteer", "log", "王芳", "--date", "2026-06-01", "--hours", "0.01", "--activity", "x")
    assert "24" in result.stderr
    served("王芳", 24, "2026-06-02")  # another day is another 24 h


def test_rejected_hours_do_not_fill_the_day(vol, volunteers, served):
    volunteers("王芳")
    rid = served("王芳", 20, "2026-06-01", approve=False)
    vol.fails("volunteer", "log", "王芳", "--date", "2026-06-01", "--hours", "5", "--activity", "x")
    vol.ok("volunteer", "reject", rid, "--reason", "签到表不符")
    served("王芳", 5, "2026-06-01")


def test_the_day_counts_per_person(vol, volunteers, served):
    volunteers("王芳", "李娜")
    served("王芳", 24, "2026-06-01")
    served("李娜", 24, "2026-06-01")


def test_dates_and_hours_are_checked(vol, volunteers):
    volunteers("王芳")
    base = ("volunteer", "log", "王芳", "--activity", "x")
    vol.ok(*base, "--date", "2026-06-30", "--hours", "1")  # today
    assert "future" in vol.fails(*base, "--date", "2026-07-01", "--hours", "1").stderr
    vol.fails(*base, "--date", "2026-06-31", "--hours", "1")
    vol.fails(*base, "--date", "2026-06-01", "--hours", "0")
    vol.fails(*base, "--date", "2026-06-01", "--hours", "-2")
    vol.fails(*base, "--date", "2026-06-01", "--hours", "24.5")
    vol.fails(*base, "--date", "2026-06-01", "--hours", "nan")
    vol.fails("volunteer", "log", "王芳", "--activity", " ", "--date", "2026-06-01", "--hours", "1")


def test_team_or_organization_served(vol, volunteers):
    volunteers("王芳")
    org = vol.new_id("org", "add", "俪人妈妈义工队")
    other = vol.new_id("org", "add", "幸福家成长营")
    team = vol.new_id("volunteer", "team", "add", "俪人队", "--org", org)
    center_team = vol.new_id("volunteer", "team", "add", "中心队")
    base = ("volunteer", "log", "王芳", "--date", "2026-06-01", "--hours", "1", "--activity", "x")
    vol.ok(*base, "--team", team)
    vol.ok(*base, "--org", other)
    vol.ok(*base, "--team", center_team, "--org", other)
    vol.ok(*base, "--team", team, "--org", org)
    vol.fails(*base, "--team", team, "--org", other)
    vol.fails(*base, "--team", "无此队")
    rows = vol.json("volunteer", "records")
    assert {(r["team"], r["org"]) for r in rows} == {(team, org), (None, other), (center_team, other)}


def test_only_approved_hours_count(vol, volunteers, served):
    (wang,) = volunteers("王芳")
    pending = served("王芳", 3, "2026-06-01", approve=False)
    doc = vol.json("volunteer", "hours", "王芳")
    assert doc["person"] == wang
    assert (doc["approved_hours"], doc["pending_hours"]) == (0, 3)
    vol.ok("volunteer", "approve", pending)
    doc = vol.json("volunteer", "hours", "王芳")
    assert (doc["approved_hours"], doc["pending_hours"]) == (3, 0)
    rejected = served("王芳", 2, "2026-06-02", approve=False)
    vol.ok("volunteer", "reject", rejected, "--reason", "重复登记")
    doc = vol.json("volunteer", "hours", "王芳")
    assert (doc["approved_hours"], doc["pending_hours"]) == (3, 0)
    (rec,) = [r for r in vol.json("volunteer", "records") if r["id"] == rejected]
    assert rec["status"] == "rejected" and rec["reason"] == "重复登记" and rec["decided_by"] == "tester"
    assert rec["decided_on"] == "2026-06-30"


def test_a_decision_is_made_once(vol, volunteers, served):
    volunteers("王芳")
    rid = served("王芳", 3)
    assert "already approved" in vol.fails("volunteer", "approve", rid).stderr
    vol.fails("volunteer", "reject", rid, "--reason", "x")
    vol.fails("volunteer", "approve", "vr99")
    vol.fails("volunteer", "approve")
    vol.fails("volunteer", "reject", served("王芳", 1, approve=False), "--reason", " ")


def test_approve_several_or_all_pending(vol, volunteers, served):
    volunteers("王芳", "李娜")
    first = served("王芳", 1, "2026-06-01", approve=False)
    second = served("王芳", 2, "2026-06-02", approve=False)
    served("李娜", 4, "2026-06-02", approve=False)
    assert "2" in vol.ok("volunteer", "approve", first, second)
    vol.fails("volunteer", "approve", first, "--all-pending")
    assert "1" in vol.ok("volunteer", "approve", "--all-pending")
    assert vol.json("volunteer", "records", "--status", "pending") == []
    assert vol.json("volunteer", "hours", "李娜")["approved_hours"] == 4
    assert "0" in vol.ok("volunteer", "approve", "--all-pending")


def test_approving_a_list_is_all_or_nothing(vol, volunteers, served):
    volunteers("王芳")
    pending = served("王芳", 1, "2026-06-01", approve=False)
    done = served("王芳", 1, "2026-06-02")
    vol.fails("volunteer", "approve", pending, done)
    assert [r["id"] for r in vol.json("volunteer", "records", "--status", "pending")] == [pending]


def test_a_dissolved_organization_takes_no_more_hours(vol, volunteers, tmp_path):
    volunteers("王芳")
    org = vol.new_id("org", "add", "俪人妈妈义工队")
    team = vol.new_id("volunteer", "team", "add", "俪人队", "--org", org)
    base = ("volunteer", "log", "王芳", "--date", "2026-06-01", "--hours", "1", "--activity", "x")
    vol.ok(*base, "--team", team)
    vol.ok("dissolve", org, "--reason", "成员意愿解散")
    assert "dissolved" in vol.fails(*base, "--team", team).stderr
    assert "dissolved" in vol.fails(*base, "--org", org).stderr
    path = tmp_path / "rows.csv"
    path.write_text("person,date,hours,activity,team\n王芳,2026-06-02,1,x,俪人队\n", encoding="utf-8")
    result = vol("volunteer", "import", str(path))
    assert result.exit_code != 0 and "line 2" in result.stderr and "dissolved" in result.stderr
