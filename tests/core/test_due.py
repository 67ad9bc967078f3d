"""``hive due``: the to-do list from the core and the plugins, with its boundaries."""

from __future__ import annotations

import pytest

KEYS = {"key", "kind", "due", "days", "overdue", "title", "org", "record", "plugin"}


def kinds(rows):
    return [(r["kind"], r["due"]) for r in rows]


@pytest.fixture
def supervised(hive, club):
    hive.ok("advance", club, "--to", "supervision", "--force", "--reason", "x", "--date", "2026-05-01")
    hive.ok("record", "supervision", club, "--date", "2026-06-01", "--supervisor", "陈督导")
    return club


def test_a_supervision_session_is_due_30_days_after_the_last_one(hive, supervised):
    (row,) = hive.json("due")
    assert set(row) == KEYS
    assert row["kind"] == "core.supervision" and row["due"] == "2026-07-01" and row["days"] == 1
    assert row["overdue"] is False and row["org"] == supervised and row["plugin"] == "core"
    assert "2026-06-01" in row["title"]
    hive.ok("settings", "set", "core.due.supervision_days", "29")  # due on the 30th: today, not overdue
    (row,) = hive.json("due")
    assert row["due"] == "2026-06-30" and row["days"] == 0 and row["overdue"] is False
    hive.ok("settings", "set", "core.due.supervision_days", "28")
    assert hive.json("due")[0]["overdue"] is True
    hive.ok("settings", "set", "core.due.supervision_days", "0")
    assert hive.json("due") == []


def test_within_sets_how_far_ahead(hive, supervised):
    hive.ok("settings", "set", "core.due.supervision_days", "44")  # due 2026-07-15: 15 days ahead
    assert hive.json("due") == []
    assert kinds(hive.json("due", "--within", "15d")) == [("core.supervision", "2026-07-15")]
    assert len(hive.json("due", "--within", "3周")) == 1 and len(hive.json("due", "--within", "15天")) == 1
    assert hive.json("due", "--within", "14") == []
    assert "not a number of days" in hive.fails("due", "--within", "soon").stderr


def test_a_filing_change_is_due_in_7_working_days_skipping_weekends_and_holidays(hive, club):
    hive.ok("record", "registration", club, "--filing-no", "F-1", "--date", "2026-03-02")  # the filing: nothing due
    assert hive.json("due", "--within", "60d") == []
    change = hive.new_id("record", "registration", club, "--filing-no", "F-2", "--date", "2026/6/26")  # a Friday
    (row,) = hive.json("due")
    assert (row["kind"], row["due"], row["record"]) == ("core.filing_change", "2026-07-07", change)
    hive.ok("settings", "set", "core.holidays", "2026-07-01")
    assert hive.json("due")[0]["due"] == "2026-07-08"
    hive.ok("settings", "set", "core.working_weekends", "2026年7月4日")  # a Saturday worked in lieu
    assert hive.json("due")[0]["due"] == "2026-07-07"
    assert "dates as YYYY-MM-DD" in hive.fails("settings", "set", "core.holidays", "2026-13-01").stderr


def test_a_dissolved_organization_that_filed_is_due_for_deregistration(hive, club):
    hive.ok("record", "registration", club, "--filing-no", "F-1", "--date", "2026-03-02")
    hive.ok("dissolve", club, "--reason", "骨干搬走", "--date", "2026-06-10")
    (row,) = hive.json("due")
    assert (row["kind"], row["due"], row["days"]) == ("core.deregistration", "2026-07-10", 10)


def test_an_item_dealt_with_outside_hive_is_ticked_off(hive, supervised):
    (row,) = hive.json("due")
    record = hive.new_id("due", "done", row["key"], "--note", "电话督导")
    assert record.startswith("dd")
    assert hive.json("due") == []
    assert "already ticked off" in hive.fails("due", "done", row["key"]).stderr
    assert "no item" in hive.fails("due", "done", "core.supervision:o9:2026-07-01").stderr
    hive.ok("record", "supervision", supervised, "--date", "2026-06-20", "--supervisor", "陈督导")
    assert kinds(hive.json("due", "--within", "30d")) == [("core.supervision", "2026-07-20")]  # the next one


def test_text_and_chinese(hive, supervised):
    out = hive.ok("due")
    assert "in 1 day " in out and "1 item, 0 of them overdue" in out
    zh = hive.ok("--lang", "zh_CN", "due")
    assert "督导" in zh and "1 天后" in zh and "阅翼成长阅读俱乐部" in zh
    hive.ok("settings", "set", "core.due.supervision_days", "60")
    assert "nothing is due in the next 14 days" in hive.ok("due")


def test_plugin_items_come_with_the_plugin_that_reported_them(hive, club):
    hive.enable("volunteer")
    person = hive.json("person", "list")[0]["id"]
    hive.ok("volunteer", "add", person)
    hive.ok("volunteer", "log", person, "--date", "2026-06-25", "--hours", "2", "--activity", "探访长者")
    (row,) = hive.json("due")
    assert (row["kind"], row["due"], row["plugin"]) == ("volunteer.pending_hours", "2026-07-02", "volunteer")
    assert "approve 1 service record (2 h)" in row["title"]
    hive.ok("plugins", "disable", "volunteer")
    assert hive.json("due") == []  # a disabled plugin adds nothing
