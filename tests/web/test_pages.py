"""The workspace's pages do the CLI's jobs through the same engine, and the logged-in user is the operator."""

from __future__ import annotations

import re


def test_add_an_organization_and_record_a_training(web, center):
    staff = web("sam")
    response = staff.post("/orgs", {"name": "长者读书会", "kind": "读书会", "joined": "2026年6月1日"})
    assert response.status_code == 303
    org = next(o for o in center.json("org", "list") if o["name"] == "长者读书会")
    assert response.headers["location"] == f"/orgs/{org['id']}"
    assert org["joined"] == "2026-06-01" and org["stage"] == "intake"
    page = staff.get(f"/orgs/{org['id']}")
    assert "长者读书会" in page.text and "added 长者读书会" in page.text  # the message, once
    person = center.new_id("person", "add", "刘敏")
    center.ok("member", "add", org["id"], person, "--backbone")
    response = staff.post(
        f"/orgs/{org['id']}/training",
        {"date": "2026-06-20", "hours": "４", "topic": "骨干领导力", "attendee": [person]},
    )
    assert response.status_code == 303
    shown = center.json("org", "show", org["id"])
    assert shown["trainings"][0]["hours"] == 4.0 and shown["trainings"][0]["attendees"] == [person]
    events = center.json("events", "--limit", "3")
    assert {e["operator"] for e in events if e["action"] in ("org add", "record training")} == {"sam"}
    assert "骨干领导力" in staff.get(f"/orgs/{org['id']}").text


def test_a_bad_form_says_why_keeps_what_was_typed_and_writes_nothing(web, center):
    staff = web("sam")
    before = center.db.read_bytes()
    response = staff.post("/orgs", {"name": "多彩多意书画院", "kind": "书画"})
    assert response.status_code == 409
    assert "already exists" in response.text and 'value="书画"' in response.text
    response = staff.post("/orgs/o1/training", {"date": "2026-06-20", "hours": "0", "topic": "x"})
    assert response.status_code == 400 and "hours" in response.text
    assert center.db.read_bytes() == before


def test_a_change_made_in_the_cli_shows_on_the_next_page_load(web, center):
    viewer = web("vic")
    assert "新来的合唱团" not in viewer.get("/orgs").text
    center.ok("org", "add", "新来的合唱团")
    assert "新来的合唱团" in viewer.get("/orgs").text


def test_search_and_filters_of_the_organization_list(web, center):
    viewer = web("vic")
    everyone = center.json("org", "list")
    at_intake = [o["name"] for o in everyone if o["stage"] == "intake"]
    page = viewer.get("/orgs?stage=intake").text
    assert all(name in page for name in at_intake)
    assert not any(o["name"] in page for o in everyone if o["stage"] != "intake")
    first = everyone[0]["name"]
    page = viewer.get("/orgs", params={"q": first[:3]}).text
    assert first in page and re.search(r"\d+ found", page)
    assert "0 found" in viewer.get("/orgs", params={"q": "no such name"}).text


def test_run_the_review_then_apply_the_ready_ones_after_confirming(web, center):
    staff = web("sam")
    preview = staff.get("/review").text
    ready = [r["id"] for r in center.json("review") if r["verdict"] == "ready"]
    assert ready
    confirm = staff.get("/review/apply?as_of=2026-06-30")
    assert confirm.status_code == 200 and "Move them on" in confirm.text
    before = {o["id"]: o["stage"] for o in center.json("org", "list")}
    response = staff.post("/review", {"as_of": "2026-06-30", "apply": "1"})
    assert response.status_code == 303
    after = {o["id"]: o["stage"] for o in center.json("org", "list")}
    assert all(after[i] != before[i] for i in ready)
    assert "moved" in staff.get(response.headers["location"]).text
    assert "ready" in preview


def test_advance_and_suspend_from_the_organization_page(web, center):
    admin = web("ada")
    org = center.json("org", "list")[0]
    response = admin.post(f"/orgs/{org['id']}/status", {"status": "suspend", "reason": "暂停活动"})
    assert response.status_code == 303
    assert center.json("org", "show", org["id"])["status"] == "suspended"
    response = admin.post(f"/orgs/{org['id']}/status", {"status": "reinstate", "reason": "恢复"})
    assert center.json("org", "show", org["id"])["status"] == "active"
    not_ready = next(r for r in center.json("review") if r["verdict"] != "ready")
    nxt = _next_stage(not_ready["stage"])
    refused = admin.post(f"/orgs/{not_ready['id']}/advance", {"to": nxt, "reason": "试试"})
    assert refused.status_code == 409 and "not ready" in refused.text
    forced = admin.post(f"/orgs/{not_ready['id']}/advance", {"to": nxt, "reason": "试试", "force": "1"})
    assert forced.status_code == 303
    assert center.json("org", "show", not_ready["id"])["stage"] == nxt
    staff = web("sam")
    org2 = center.json("org", "list")[1]
    assert staff.post(f"/orgs/{org2['id']}/advance", {"to": "graduated", "reason": "x", "force": "1"}).status_code == 403


def _next_stage(stage: str) -> str:
    from hive import stages

    return stages.next_stage(stage)


def test_approve_hours_in_bulk_and_reject_with_a_reason(web, center):
    person = center.json("volunteer", "list")[0]["person"]
    ids = [
        center.new_id("volunteer", "log", person, "--date", f"2026-06-{day}", "--hours", "2", "--activity", "巡逻")
        for day in (10, 11, 12)
    ]
    staff = web("sam")
    response = staff.post("/volunteer/approvals", {"record": ids[:2], "decision": "approve"})
    assert response.status_code == 303
    records = {r["id"]: r for r in center.json("volunteer", "records")}
    assert [records[i]["status"] for i in ids] == ["approved", "approved", "pending"]
    response = staff.post("/volunteer/approvals", {"record": [ids[2]], "decision": "reject", "reason": "重复录入"})
    assert response.status_code == 303
    records = {r["id"]: r for r in center.json("volunteer", "records")}
    assert records[ids[2]]["status"] == "rejected"
    response = staff.post("/volunteer/approvals", {"decision": "approve_all"})
    assert response.status_code == 303
    assert not [r for r in center.json("volunteer", "records") if r["status"] == "pending"]


def test_the_person_who_logged_hours_cannot_approve_them_when_the_center_says_so(web, center):
    center.ok("settings", "set", "volunteer.separate_approver", "yes")
    staff = web("sam")
    person = center.json("volunteer", "list")[0]["person"]
    assert staff.post("/volunteer/log", {"person": person, "date": "2026-06-29", "hours": "1.5", "activity": "探访"}).status_code == 303
    mine = next(r for r in center.json("volunteer", "records") if r["recorder"] == "sam")
    refused = staff.post("/volunteer/approvals", {"record": [mine["id"]], "decision": "approve"})
    assert refused.status_code == 409 and "someone else" in refused.text
    assert web("ada").post("/volunteer/approvals", {"record": [mine["id"]], "decision": "approve"}).status_code == 303
    approved = next(r for r in center.json("volunteer", "records") if r["id"] == mine["id"])
    assert approved["status"] == "approved"


def test_issue_and_print_a_certificate(web, center):
    center.ok("settings", "set", "volunteer.certificate_signatory", "张主任")
    volunteer = next(v for v in center.json("volunteer", "list") if v["approved_hours"] > 0)
    staff = web("sam")
    response = staff.post(f"/volunteer/people/{volunteer['person']}/certificate", {"to": "2026-06-30"})
    assert response.status_code == 303
    printed = staff.get(response.headers["location"])
    assert printed.status_code == 200 and "张主任" in printed.text and "ZYFW-2026-" in printed.text
    assert "style-src 'unsafe-inline'" in printed.headers["content-security-policy"]


def test_the_dashboard_shows_the_chart_the_queue_and_the_plugins_tiles(web, center):
    page = web("vic").get("/").text
    assert "<svg" in page and "Review queue" in page
    assert "Volunteer hours this month" in page and "Pending approvals" in page
    not_ready = next(r for r in center.json("review") if r["verdict"] != "ready")
    assert not_ready["failed"][0]["reason"] in page.replace("&#34;", '"').replace("&#39;", "'")


def test_the_language_comes_from_the_choice_else_the_browser_else_the_center(web, center):
    staff = web("sam")
    assert "Organizations" in staff.get("/orgs").text
    assert "组织" in staff.get("/orgs", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}).text
    assert staff.post("/language", {"lang": "zh_CN", "next": "/orgs"}).status_code == 303
    assert "组织" in staff.get("/orgs", headers={"Accept-Language": "en"}).text
    assert staff.post("/language", {"lang": "en", "next": "/orgs"}).status_code == 303
    center.ok("settings", "set", "core.language", "zh_CN")
    other = web("vic")
    assert "组织" in other.get("/orgs", headers={"Accept-Language": ""}).text


def test_a_disabled_plugins_pages_are_closed(web, center):
    center.ok("plugins", "disable", "volunteer")
    staff = web("sam")
    assert staff.get("/volunteer/approvals").status_code == 404
    assert "Volunteers" not in staff.get("/").text


def test_admin_pages_settings_plugins_audit_log_and_backup(web, center):
    admin = web("ada")
    assert admin.post("/settings", {"key": "core.intake.min_members", "value": "4"}).status_code == 303
    assert any(s["key"] == "core.intake.min_members" and s["value"] == 4 for s in center.json("settings", "list"))
    bad = admin.post("/settings", {"key": "core.intake.min_members", "value": "-1"})
    assert bad.status_code == 400 and "at least 0" in bad.text
    assert admin.post("/plugins", {"name": "party", "enable": "0"}).status_code == 303
    listed = {p["name"]: p["enabled"] for p in center.json("plugins", "list")}
    assert listed["party"] is False
    log = admin.get("/events?operator=ada").text
    assert "settings set" in log and "plugins disable" in log
    assert "init" not in re.findall(r"<td>([a-z ]+)</td>", log)
    backup = admin.get("/backup")
    assert backup.status_code == 200 and backup.content == center.db.read_bytes()
    assert "attachment" in backup.headers["content-disposition"]
    assert web("sam").post("/settings", {"key": "core.intake.min_members", "value": "5"}).status_code == 403
