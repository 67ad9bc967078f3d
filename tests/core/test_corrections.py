"""Correcting mistakes from the command line: edit, void, undo, show, find, list, typed dates and codes."""

from __future__ import annotations

import json

import pytest


def export_without_log(hive) -> dict:
    """The center's export without the audit log and the undo records: what the records themselves hold."""
    document = json.loads(hive.ok("export", "--show-personal"))
    for table in ("events", "changes"):
        document["collections"].pop(table, None)
    document["collections"] = {k: v for k, v in document["collections"].items() if v}  # an emptied table: none
    document.pop("meta", None)
    return document


def test_edit_a_phone_and_a_name_then_read_the_history(hive, club):
    hive.ok("edit", "p1", "phone=138-1234-0000", "name=王芳芳")
    person = hive.json("person", "show", "p1", "--show-personal")
    assert person["name"] == "王芳芳" and person["phone"] == "13812340000"
    shown = hive.json("show", "p1")
    assert shown["record"]["phone"] == "138****0000"  # masked unless asked
    (edit,) = [e for e in shown["events"] if e["action"] == "edit"]
    assert edit["changes"]["name"] == ["王芳", "王芳芳"]
    assert edit["changes"]["phone"] == ["138****5678", "138****0000"]
    assert hive.json("show", "p1", "--show-personal")["events"][-1]["changes"]["phone"][1] == "13812340000"


def test_edit_by_chinese_label_and_refusals_write_nothing(hive, club, monkeypatch):
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    hive.ok("edit", "p2", "姓名=李娜娜")
    assert hive.json("person", "show", "p2")["name"] == "李娜娜"
    before = hive.db.read_bytes()
    assert "电话无效" in hive.fails("edit", "p2", "电话=not a phone").stderr
    assert "not a phone" not in hive.fails("edit", "p2", "电话=not a phone").stderr  # never echoed
    assert "没有字段" in hive.fails("edit", "p2", "颜色=红").stderr
    assert "阶段" in hive.fails("edit", club, "stage=graduated").stderr  # stage changes go through advance
    assert hive.fails("edit", "x1", "a=b").exit_code == 3
    assert hive.db.read_bytes() == before


def test_edit_is_validated_like_an_add(hive, club):
    t = hive.new_id("record", "training", club, "--date", "2026-03-02", "--hours", "2", "--topic", "领导力")
    assert "must be more than 0 and at most 24" in hive.fails("edit", t, "hours=25").stderr
    assert "is in the future" in hive.fails("edit", t, "date=2027-01-01").stderr
    assert "no person 'nobody'" in hive.fails("edit", t, "attendees=王芳,nobody").stderr
    hive.ok("edit", t, "date=2026年3月5日", "attendees=王芳、李娜")
    training = hive.json("show", t)["record"]
    assert training["date"] == "2026-03-05" and training["attendees"] == ["p1", "p2"]
    other = hive.new_id("org", "add", "彩虹合唱团")
    assert "already has '彩虹合唱团'" in hive.fails("edit", club, "name=彩虹合唱团").stderr
    assert hive.ok("edit", other, "name=彩虹合唱团2")


def test_void_takes_a_member_out_of_the_review_and_listings(hive, club, verdict):
    assert verdict(club)["verdict"] == "ready"  # intake: 3 members, 2 backbones (the defaults need 3 and 1)
    (membership,) = [m for m in hive.json("list", "memberships", "--org", club) if m["person"] == "p3"]
    hive.ok("void", membership["id"], "--reason", "录错了人")
    assert verdict(club)["verdict"] == "not_ready"
    assert [m["person"] for m in hive.json("list", "memberships", "--org", club)] == ["p1", "p2"]
    listed = hive.json("list", "memberships", "--org", club, "--include-void")
    assert listed[-1]["void"]["reason"] == "录错了人"
    assert "void" in hive.ok("show", membership["id"])


def test_void_refuses_a_record_others_depend_on_naming_them(hive, club):
    result = hive.fails("void", "p1", "--reason", "x")
    assert result.exit_code == 4 and "m1" in result.stderr
    hive.ok("void", "m1", "p1", "--reason", "搬走了")  # together: nothing else depends on them
    assert "is void" in hive.fails("member", "add", club, "p1").stderr
    assert "cannot be voided" in hive.fails("void", "e1", "--reason", "x").stderr


def test_undo_restores_every_record_and_keeps_both_in_the_log(hive, club):
    clean = export_without_log(hive)
    hive.ok(
        "record", "training", club, "--date", "2026-03-02", "--hours", "2", "--topic", "领导力", "--attendee", "王芳"
    )
    hive.ok("edit", "p1", "phone=13900000000")
    hive.ok("void", "m3", "--reason", "x")
    hive.ok("advance", club, "--to", "backbone_training", "--force", "--reason", "试", "--date", "2026-03-03")
    hive.ok("settings", "set", "core.intake.min_members", "5")
    plan = hive.json("undo", "--dry-run")
    assert plan["dry_run"] and plan["actions"] == ["settings set"]
    for _ in range(5):
        hive.ok("undo")
    assert export_without_log(hive) == clean
    actions = [e["action"] for e in hive.json("events", "--limit", "100")]
    assert actions.count("undo") == 5 and "record training" in actions
    assert hive.json("check")["ok"]
    assert hive.new_id("org", "add", "新组织") == "o2"  # numbers are not reused... of organizations never removed
    hive.ok("undo")
    assert hive.new_id("org", "add", "新组织") == "o3"  # ...and o2, removed by the undo, is not given again


def test_undo_with_nothing_to_undo(hive):
    assert "nothing to undo" in hive.fails("undo").stderr


def test_find_and_suggestions(hive, club):
    hive.new_id("person", "add", "许文", "--phone", "13800001234")
    found = hive.json("find", "许")
    assert [p["id"] for p in found["people"]] == ["p4"]
    assert [p["name"] for p in hive.json("find", "1234")["people"]] == ["许文"]  # last digits of a phone
    assert "did you mean: p4 许文" in hive.fails("person", "show", "许").stderr
    assert "did you mean: o1 阅翼成长阅读俱乐部" in hive.fails("org", "show", "阅翼").stderr


def test_list_with_periods_search_and_limit(hive, club):
    for date in ("2026-01-10", "2026-02-10", "2026-05-10"):
        hive.ok("record", "training", club, "--date", date, "--hours", "1", "--topic", f"主题{date}")
    assert [t["date"] for t in hive.json("list", "trainings", "--from", "2026-02", "--to", "2026Q1")] == ["2026-02-10"]
    assert [t["date"] for t in hive.json("list", "trainings", "--from", "2026")] == [
        "2026-01-10", "2026-02-10", "2026-05-10"]  # fmt: skip
    assert len(hive.json("list", "trainings", "--search", "05-10")) == 1
    assert [t["date"] for t in hive.json("list", "trainings", "--limit", "1")] == ["2026-05-10"]
    assert hive.json("list", "people")[0]["phone"] == "138****5678"
    assert {t["name"] for t in hive.json("list", "--types")} >= {"people", "trainings", "memberships"}


@pytest.mark.parametrize(
    "typed", ["2026-03-02", "2026-3-2", "2026/3/2", "2026.3.2", "2026年3月2日", "２０２６-０３-０２"]
)
def test_dates_as_people_type_them(hive, club, typed):
    t = hive.new_id("record", "training", club, "--date", typed, "--hours", "２", "--topic", "x")
    assert hive.json("show", t)["record"]["date"] == "2026-03-02"


@pytest.mark.parametrize(
    "hours, problem",
    [("1_0", "not a number"), ("1e1", "not a number"), ("nan", "not a number"), ("٣", "not a number")],
)
def test_numbers_people_do_not_mean(hive, club, hours, problem):
    t = hive.new_id("record", "training", club, "--date", "2026-03-02", "--hours", "1", "--topic", "x")
    assert problem in hive.fails("edit", t, f"hours={hours}").stderr


def test_impossible_date_says_why(hive, club):
    assert "November has 30 days" in hive.fails("record", "training", club, "--date", "2026-11-31", "--hours", "1",
                                                "--topic", "x").stderr  # fmt: skip


def test_stage_in_chinese(hive, club):
    hive.ok("advance", club, "--to", "骨干培养", "--force", "--reason", "x", "--date", "2026-02-01")
    assert hive.json("org", "show", club)["stage"] == "backbone_training"


def test_check_reports_a_hand_edited_bad_value(hive, club):
    t = hive.new_id("record", "training", club, "--date", "2026-03-02", "--hours", "1", "--topic", "x")
    data = json.loads(hive.db.read_text(encoding="utf-8"))
    data["trainings"][t[1:]]["hours"] = -3
    data["people"]["1"]["phone"] = "not a phone at all!!"
    hive.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    problems = {(p["table"], p["record"]): p["problem"] for p in json.loads(hive("check", "--json").stdout)["problems"]}
    assert "hours" in problems[("trainings", t)]
    assert problems[("people", "p1")].startswith("phone:") and "not a phone" not in problems[("people", "p1")]


def test_undo_of_an_import_removes_every_row(hive, tmp_path):
    """Taking one record out of the loaded table used to shift the numbers of the next (p3 read as 2)."""
    hive.ok("person", "add", "王芳")
    sheet = tmp_path / "people.csv"
    sheet.write_text("姓名,电话\n李娜,13812345678\n张伟,13912345678\n刘洋,13712345678\n", encoding="utf-8")
    hive.ok("sheet", "import", "people", str(sheet))
    assert len(hive.json("person", "list")) == 4
    hive.ok("undo")
    assert [p["name"] for p in hive.json("person", "list")] == ["王芳"]
    assert hive.json("check")["ok"]
