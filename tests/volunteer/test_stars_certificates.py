"""Star levels from approved hours (thresholds a setting) and service certificates."""

from __future__ import annotations

import json

import pytest


def log_days(served, person: str, total: float) -> None:
    """``total`` approved hours, 20 h a day from 2026-06-01 on."""
    day = 1
    while total > 0:
        part = min(20.0, round(total, 2))
        served(person, part, f"2026-06-{day:02d}")
        total = round(total - part, 2)
        day += 1


@pytest.mark.parametrize(
    ("hours", "stars", "to_next"),
    [(99.99, 0, 0.01), (100, 1, 200), (299.5, 1, 0.5), (300, 2, 300), (0, 0, 100)],
)
def test_star_thresholds_are_inclusive(vol, volunteers, served, hours, stars, to_next):
    volunteers("王芳")
    log_days(served, "王芳", hours)
    doc = vol.json("volunteer", "hours", "王芳")
    assert doc["approved_hours"] == hours
    assert doc["stars"] == stars
    assert doc["hours_to_next_star"] == to_next


def test_pending_hours_earn_no_star(vol, volunteers, served):
    volunteers("王芳")
    log_days(served, "王芳", 80)
    served("王芳", 20, "2026-06-20", approve=False)
    doc = vol.json("volunteer", "hours", "王芳")
    assert (doc["approved_hours"], doc["pending_hours"], doc["stars"]) == (80, 20, 0)


def test_the_top_level_has_no_next_star(vol, volunteers, served):
    volunteers("王芳")
    vol.ok("settings", "set", "volunteer.star_hours", "10,20")
    log_days(served, "王芳", 20)
    doc = vol.json("volunteer", "hours", "王芳")
    assert (doc["stars"], doc["hours_to_next_star"]) == (2, None)
    assert "highest" in vol.ok("volunteer", "hours", "王芳")


def test_thresholds_are_a_setting(vol, volunteers, served):
    volunteers("王芳")
    log_days(served, "王芳", 200)
    assert vol.json("volunteer", "hours", "王芳")["stars"] == 1
    vol.ok("settings", "set", "volunteer.star_hours", "100,200,500,800,1000")  # Beijing
    doc = vol.json("volunteer", "hours", "王芳")
    assert (doc["stars"], doc["hours_to_next_star"]) == (2, 300)
    # thresholds out of order are refused when set, not when a volunteer command next runs
    assert "volunteer.star_hours" in vol.fails("settings", "set", "volunteer.star_hours", "300,100").stderr
    assert vol.json("volunteer", "hours", "王芳")["stars"] == 2


def test_list_shows_stars(vol, volunteers, served):
    volunteers("王芳", "李娜")
    log_days(served, "王芳", 100)
    rows = {r["name"]: r for r in vol.json("volunteer", "list")}
    assert (rows["王芳"]["stars"], rows["李娜"]["stars"]) == (1, 0)
    assert "★" in vol.ok("volunteer", "list")


# -- certificates ------------------------------------------------------------------------------------
@pytest.fixture
def certified(vol, served):
    """王芳 with an ID number, three approved records and one pending; the signatory set."""
    vol.new_id("person", "add", "王芳")
    vol.ok("volunteer", "add", "王芳", "--id-number", "11010519491231002X")
    org = vol.new_id("org", "add", "俪人妈妈义工队")
    served("王芳", 3, "2026-05-01", "--org", org)
    served("王芳", 2.5, "2026-06-01", "--org", org)
    served("王芳", 4, "2026-06-10")
    served("王芳", 6, "2026-06-11", approve=False)
    vol.ok("settings", "set", "volunteer.certificate_signatory", "张主任")
    return org


def test_a_certificate_needs_the_responsible_person(vol, volunteers, served):
    volunteers("王芳")
    served("王芳", 3)
    assert "volunteer.certificate_signatory" in vol.fails("volunteer", "certificate", "王芳").stderr


def test_a_certificate_lists_approved_records_and_is_recorded(vol, certified, hive_db):
    out = vol.ok("volunteer", "certificate", "王芳")
    lines = out.strip().splitlines()
    assert lines[-1] == "vc1"
    text = "\n".join(lines[:-1])
    for expected in ("ZYFW-2026-000001", "测试中心", "张主任", "tester", "2026-06-30", "110***********002X", "v1"):
        assert expected in text
    assert "11010519491231002X" not in out
    assert "9.5" in text  # 3 + 2.5 + 4, the pending 6 h left out
    assert "俪人妈妈义工队" in text
    data = json.loads(hive_db.read_text())
    (stored,) = data["volunteer_certificates"].values()
    assert stored["number"] == "ZYFW-2026-000001" and stored["hours"] == 9.5 and stored["operator"] == "tester"
    assert stored["records"] == ["vr1", "vr2", "vr3"]
    second = vol.ok("volunteer", "certificate", "王芳", "--from", "2026-06-01", "--to", "2026-06-09")
    assert "ZYFW-2026-000002" in second and "2.5" in second and "9.5" not in second.split("Cumulative")[0]


def test_a_certificate_as_html_escapes_everything(vol, certified, served, tmp_path):
    served("王芳", 1, "2026-06-12", "--place", "x", "--activity", "<script>alert(1)</script> & 探访")
    page = tmp_path / "cert.html"
    vol.ok("volunteer", "certificate", "王芳", "--html", str(page))
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 探访" in html
    assert "ZYFW-2026-000001" in html and "张主任" in html and "110***********002X" in html
    assert html.startswith("<!DOCTYPE html>")


def test_nothing_to_certify_is_refused(vol, certified):
    vol.fails("volunteer", "certificate", "王芳", "--from", "2026-01-01", "--to", "2026-01-31")
    vol.fails("volunteer", "certificate", "王芳", "--from", "2026-06-10", "--to", "2026-06-01")
    vol.fails("volunteer", "certificate", "王芳", "--to", "2026-07-01")


def test_an_unwritable_html_file_records_nothing(vol, certified, tmp_path):
    vol.fails("volunteer", "certificate", "王芳", "--html", str(tmp_path / "no" / "such" / "dir.html"))
