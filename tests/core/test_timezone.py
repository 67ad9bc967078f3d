"""The center's time zone (``core.timezone``): today's date, the audit log's times and backup names."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest


@pytest.fixture
def center(hive):
    return hive  # a fresh center, created just now


def test_the_audit_log_is_on_shenzhen_time_by_default(center):
    (setting,) = [s for s in center.json("settings", "list") if s["key"] == "core.timezone"]
    assert setting["value"] == "Asia/Shanghai"
    event = center.json("events")[0]
    assert event["action"] == "init" and event["at"].endswith("+08:00")
    assert "+08:00" in center.ok("events")


def test_an_old_utc_time_is_shown_on_the_centers_clock(center):
    center.edit_file(lambda data: data["events"]["1"].update(at="2026-06-30T02:42:00+00:00"))
    assert center.json("events")[0]["at"] == "2026-06-30T10:42:00+08:00"
    center.ok("settings", "set", "core.timezone", "Europe/London")
    assert center.json("events")[0]["at"] == "2026-06-30T03:42:00+01:00"  # summer time in London


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])  # UTC+14 and UTC-11: never the same day
def test_today_is_the_centers_date(center, monkeypatch, zone):
    center.ok("settings", "set", "core.timezone", zone)
    monkeypatch.delenv("HIVE_TODAY")
    org = center.new_id("org", "add", "阅翼成长阅读俱乐部")
    expected = dt.datetime.now(ZoneInfo(zone)).date().isoformat()
    assert center.json("org", "show", org)["joined"] == expected
    assert center.json("events")[-1]["at"][:10] == expected


def test_backups_are_named_on_the_centers_clock(center):
    assert re.search(r"backup-\d{8}T\d{6}\+0800\.json$", center.ok("backup").strip())
    center.ok("settings", "set", "core.timezone", "UTC")
    assert re.search(r"backup-\d{8}T\d{6}Z\.json$", center.ok("backup").strip())


def test_an_unknown_time_zone_is_refused_in_words(center):
    result = center.fails("settings", "set", "core.timezone", "Asia/Shenzhen")
    assert "expected a time zone name such as Asia/Shanghai" in result.stderr
    result = center.fails("--lang", "zh_CN", "settings", "set", "core.timezone", "北京")
    assert "时区" in result.stderr
