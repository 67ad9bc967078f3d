"""Compliance with the regular schedule: each required activity per period, held or missing.

Today is 2026-06-30: January to May have ended, June is under way, Q1 has ended, Q2 ends today.
"""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def held(party):
    def add(kind: str, *days: str) -> None:
        for day in days:
            party.ok("party", "activity", "add", "--kind", kind, "--date", day, "--topic", "学习")

    return add


def report(party, *options: str) -> dict[tuple[str, str], tuple[str, int]]:
    return {(r["kind"], r["period"]): (r["status"], r["count"]) for r in party.json("party", "compliance", *options)}


def test_a_month_without_a_theme_party_day_is_missing(party, held):
    held("theme_day", "2026-01-10", "2026-03-10", "2026-03-20")
    rows = report(party)
    assert rows["theme_day", "2026-01"] == ("held", 1)
    assert rows["theme_day", "2026-02"] == ("missing", 0)
    assert rows["theme_day", "2026-03"] == ("held", 2)
    assert rows["theme_day", "2026-05"] == ("missing", 0)


def test_the_last_day_of_a_month_counts_for_that_month_only(party, held):
    held("theme_day", "2026-01-31")
    rows = report(party)
    assert rows["theme_day", "2026-01"] == ("held", 1)
    assert rows["theme_day", "2026-02"] == ("missing", 0)


def test_a_month_under_way_is_listed_once_held_and_future_months_never(party, held):
    assert ("theme_day", "2026-06") not in report(party)
    assert max(period for (kind, period) in report(party) if kind == "theme_day") == "2026-05"
    held("theme_day", "2026-06-30")
    assert report(party)["theme_day", "2026-06"] == ("held", 1)


def test_quarterly_and_yearly_periods(party, held):
    held("party_lesson", "2026-03-31")
    held("members_meeting", "2026-04-01")
    rows = report(party)
    assert rows["party_lesson", "2026-Q1"] == ("held", 1)
    assert rows["members_meeting", "2026-Q1"] == ("missing", 0)
    assert rows["members_meeting", "2026-Q2"] == ("held", 1)
    assert ("party_lesson", "2026-Q2") not in rows  # Q2 ends today: not missing yet
    assert ("life_meeting", "2026") not in rows  # the year is under way
    held("life_meeting", "2026-01-16")
    assert report(party)["life_meeting", "2026"] == ("held", 1)


def test_a_past_year_lists_every_period(party, held):
    held("life_meeting", "2025-01-16")
    rows = report(party, "--year", "2025")
    kinds = {}
    for kind, _period in rows:
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds == {
        "theme_day": 12,
        "committee_meeting": 12,
        "group_meeting": 12,
        "members_meeting": 4,
        "party_lesson": 4,
        "life_meeting": 1,
    }
    assert rows["life_meeting", "2025"] == ("held", 1)
    assert rows["theme_day", "2025-12"] == ("missing", 0)
    assert report(party, "--year", "2024")["life_meeting", "2024"] == ("missing", 0)


def test_micro_lessons_and_red_culture_are_not_due_unless_set(party, held):
    held("micro_lesson", "2026-02-01")
    assert not any(kind in ("micro_lesson", "red_culture") for kind, _p in report(party))
    party.ok("settings", "set", "party.frequency.micro_lesson", "quarterly")
    rows = report(party)
    assert rows["micro_lesson", "2026-Q1"] == ("held", 1)


def test_frequencies_are_settings(party, held):
    held("theme_day", "2026-02-10")
    party.ok("settings", "set", "party.frequency.theme_day", "quarterly")
    rows = report(party)
    assert rows["theme_day", "2026-Q1"] == ("held", 1)
    assert ("theme_day", "2026-01") not in rows
    party.ok("settings", "set", "party.frequency.theme_day", "none")
    assert not any(kind == "theme_day" for kind, _p in report(party))
    refused = party.fails("settings", "set", "party.frequency.theme_day", "weekly").stderr
    assert "party.frequency.theme_day" in refused and "monthly, quarterly, yearly or none" in refused
    party.edit_file(lambda d: d["center"]["1"]["settings"].update({"party.frequency.theme_day": "weekly"}))
    assert "party.frequency.theme_day" in party.fails("party", "compliance").stderr  # edited by hand: named


def test_json_rows_and_text(party, held):
    held("theme_day", "2026-01-10")
    rows = party.json("party", "compliance")
    assert rows[0] == {
        "kind": "theme_day", "period": "2026-01", "status": "held", "count": 1, "branch": None, "branch_name": None
    }  # fmt: skip
    assert all(set(r) == {"kind", "period", "status", "count", "branch", "branch_name"} for r in rows)
    text = party.ok("party", "compliance")
    assert re.search(r"theme party day +2026-02 +missing +0", text)
    missing = sum(r["status"] == "missing" for r in rows)
    assert f"{missing} of {len(rows)} periods due are missing" in text


def test_a_future_year_is_refused(party):
    assert "--year" in party.fails("party", "compliance", "--year", "2027").stderr
    party.ok("party", "compliance", "--year", "2026")
