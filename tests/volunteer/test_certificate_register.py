"""The certificate register: list, reprint under the same number, void with a reason (issue 17)."""

from __future__ import annotations

import pytest


@pytest.fixture
def issued(vol, volunteers, served):
    """王芳 with 3 approved hours and one certificate (ZYFW-2026-000001, vc1)."""
    volunteers("王芳")
    served("王芳", 3, "2026-06-01")
    vol.ok("settings", "set", "volunteer.certificate_signatory", "张主任")
    assert vol.ok("volunteer", "certificate", "王芳").strip().endswith("vc1")
    return "ZYFW-2026-000001"


def test_the_register_lists_issued_certificates(vol, issued):
    (row,) = vol.json("volunteer", "certificate", "list")
    assert (row["number"], row["id"], row["name"], row["hours"]) == (issued, "vc1", "王芳", 3.0)
    assert (row["reprints"], row["void"], row["records"], row["to"]) == (0, False, 1, "2026-06-30")
    assert issued in vol.ok("volunteer", "certificate", "list")
    assert vol.json("volunteer", "certificate", "list", "--person", "v1") == [row]


def test_a_reprint_keeps_the_number_and_says_so(vol, issued, hive_db):
    out = vol.ok("volunteer", "certificate", "reprint", issued)
    assert issued in out and "reprint 1" in out and "000002" not in out
    assert "reprint 2" in vol.ok("volunteer", "certificate", "reprint", issued.lower())
    (row,) = vol.json("volunteer", "certificate", "list")
    assert row["reprints"] == 2
    assert "副本" in vol.ok("--lang", "zh_CN", "volunteer", "certificate", "reprint", issued)
    vol.fails("volunteer", "certificate", "reprint", "ZYFW-2026-999999")


def test_void_takes_it_out_of_the_register_and_frees_its_records(vol, issued):
    assert "vc1" in vol.fails("void", "vr1", "--reason", "x").stderr  # the certificate depends on vr1
    vol.fails("volunteer", "certificate", "void", issued)  # --reason is required
    assert issued in vol.ok("volunteer", "certificate", "void", issued, "--reason", "时长登记有误")
    assert vol.json("volunteer", "certificate", "list") == []
    (row,) = vol.json("volunteer", "certificate", "list", "--include-void")
    assert row["void"] is True
    assert "void" in vol.fails("volunteer", "certificate", "reprint", issued).stderr
    vol.fails("volunteer", "certificate", "void", issued, "--reason", "again")
    vol.ok("void", "vr1", "--reason", "重复登记")  # nothing depends on it any more
    # the next certificate takes a new number, never the void one's
    vol.new_id("volunteer", "log", "王芳", "--date", "2026-06-02", "--hours", "2", "--activity", "x")
    vol.ok("volunteer", "approve", "--all-pending")
    assert "ZYFW-2026-000002" in vol.ok("volunteer", "certificate", "issue", "王芳")


def test_below_one_star_on_a_reprint_too(vol, issued):
    assert "below one star" in vol.ok("volunteer", "certificate", "reprint", issued)


# -- the summary layout: one page however many records ------------------------------------------------
def test_past_one_page_a_certificate_sums_up_by_month_and_activity(vol, volunteers, served, tmp_path):
    volunteers("王芳")
    vol.ok("settings", "set", "volunteer.certificate_signatory", "张主任")
    for day in range(1, 21):  # 20 records: one page, every record listed
        served("王芳", 2, f"2026-05-{day:02d}", "--activity", "巡逻" if day % 2 else "探访")
    listed = vol.ok("volunteer", "certificate", "王芳")
    assert "2026-05-20" in listed and "month" not in listed
    summary = vol.ok("volunteer", "certificate", "王芳", "--summary")
    assert "2026-05-20" not in summary and "2026-05" in summary and "巡逻" in summary and "40.0" in summary
    served("王芳", 2, "2026-06-01", "--activity", "巡逻")  # the 21st: past a page, summed up by itself
    page = tmp_path / "cert.html"
    auto = vol.ok("volunteer", "certificate", "王芳", "--html", str(page))
    assert "2026-06-01" not in auto and "2026-06" in auto and "month" in auto
    lines = {line.split()[0]: line.split()[1:] for line in auto.splitlines() if line.startswith(("巡逻", "探访"))}
    assert lines == {"巡逻": ["11", "22.0"], "探访": ["10", "20.0"]}
    html = page.read_text(encoding="utf-8")
    assert "2026-06" in html and "2026-06-01" not in html and "<table>" in html


# -- the 7-day internal publicity (民发〔2015〕149号) -----------------------------------------------------
def test_with_publicity_on_a_certificate_is_issued_only_after_its_seven_days(vol, volunteers, served, monkeypatch):
    volunteers("王芳")
    served("王芳", 3, "2026-06-01")
    vol.ok("settings", "set", "volunteer.certificate_signatory", "张主任")
    vol.ok("settings", "set", "volunteer.certificate_publicity", "true")
    assert "--publicize" in vol.fails("volunteer", "certificate", "王芳").stderr
    out = vol.ok("volunteer", "certificate", "王芳", "--publicize")
    assert "2026-07-07" in out and out.strip().endswith("vp1")
    assert vol.json("volunteer", "certificate", "list") == []  # publicized, not issued
    monkeypatch.setenv("HIVE_TODAY", "2026-07-06")  # the 7th day of publicity
    assert "2026-07-07" in vol.fails("volunteer", "certificate", "王芳").stderr
    monkeypatch.setenv("HIVE_TODAY", "2026-07-07")
    text = vol.ok("volunteer", "certificate", "王芳")  # the publicized period, up to 2026-06-30
    assert "ZYFW-2026-000001" in text and "up to 2026-06-30" in text
    # another period needs its own publicity
    assert "--publicize" in vol.fails("volunteer", "certificate", "王芳", "--from", "2026-06-01", "--to", "2026-06-30").stderr


def test_with_publicity_off_a_publicity_is_optional(vol, volunteers, served):
    volunteers("王芳")
    served("王芳", 3, "2026-06-01")
    vol.ok("settings", "set", "volunteer.certificate_signatory", "张主任")
    vol.ok("volunteer", "certificate", "王芳", "--publicize")
    assert "ZYFW-2026-000001" in vol.ok("volunteer", "certificate", "王芳")
