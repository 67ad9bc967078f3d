"""Chinese output of the volunteer plugin: a team's name is 名称 (a person's is 姓名), and no English key is left."""

from __future__ import annotations


def test_team_list_header_says_名称_and_volunteer_list_says_姓名(vol, volunteers):
    volunteers("王芳")
    vol.new_id("volunteer", "team", "add", "俪人队")
    teams = vol.ok("--lang", "zh_CN", "volunteer", "team", "list").splitlines()[0].split()
    assert "名称" in teams and "姓名" not in teams
    people = vol.ok("--lang", "zh_CN", "volunteer", "list").splitlines()[0].split()
    assert "姓名" in people and "名称" not in people


def test_person_and_org_show_in_chinese_have_no_english_keys(vol, volunteers, served):
    org = vol.new_id("org", "add", "俪人妈妈义工队")
    (pid,) = volunteers("王芳")
    served(pid, 3, "2026-06-01", "--org", org)
    person = vol.ok("--lang", "zh_CN", "person", "show", pid)
    for key in ("approved_hours", "pending_hours", "skills", "id_number", "hours_to_next_star"):
        assert key not in person
    assert "已审核时长: 3.0" in person
    org_show = vol.ok("--lang", "zh_CN", "org", "show", org)
    assert "approved_hours" not in org_show and "pending_hours" not in org_show
    # English stays as it was
    assert "approved_hours: 3.0" in vol.ok("person", "show", pid)


def test_approving_an_unknown_record_names_it_without_the_table_name(vol):
    result = vol.fails("volunteer", "approve", "vr99")
    assert result.stderr.strip() == "hive: no service record 'vr99'"
    result = vol.fails("--lang", "zh_CN", "volunteer", "reject", "vr99", "--reason", "重复")
    assert "volunteer_records" not in result.stderr and "vr99" in result.stderr


def test_star_hours_not_ascending_are_refused_when_set(vol, volunteers):
    volunteers("王芳")
    for bad in ("100,50", "100,100", "0,100"):
        result = vol.fails("settings", "set", "volunteer.star_hours", bad)
        assert f"invalid value '{bad}' for setting volunteer.star_hours" in result.stderr
    vol.ok("settings", "set", "volunteer.star_hours", "50,100")
    assert vol.json("volunteer", "hours", "王芳")["stars"] == 0


def test_status_and_grouping_are_typed_as_codes_or_chinese_labels(vol, volunteers, served):
    org = vol.new_id("org", "add", "俪人妈妈义工队")
    (pid,) = volunteers("王芳")
    approved = served(pid, 3, "2026-06-01", "--org", org)
    pending = served(pid, 2, "2026-06-02", "--org", org, approve=False)
    for typed in ("approved", "已审核", "Approved"):
        assert [r["id"] for r in vol.json("volunteer", "records", "--status", typed)] == [approved]
    assert [r["id"] for r in vol.json("volunteer", "records", "--status", "待审核")] == [pending]
    by_org = vol.json("volunteer", "report", "--by", "组织")
    assert by_org == vol.json("volunteer", "report", "--by", "org") != vol.json("volunteer", "report", "--by", "居民")
    refused = vol.fails("volunteer", "records", "--status", "通过了")
    assert "'通过了' is not one of" in refused.stderr and "approved" in refused.stderr
