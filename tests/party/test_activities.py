"""Party activities: recording and listing them."""

from __future__ import annotations

import pytest

KINDS = [
    "theme_day",
    "party_lesson",
    "micro_lesson",
    "members_meeting",
    "committee_meeting",
    "group_meeting",
    "life_meeting",
    "red_culture",
]


def test_every_kind(party):
    for n, kind in enumerate(KINDS):
        assert (
            party.new_id("party", "activity", "add", "--kind", kind, "--date", "2026-03-10", "--topic", "学习")
            == f"pa{n + 1}"
        )
    assert [a["kind"] for a in party.json("party", "activity", "list")] == KINDS
    party.fails("party", "activity", "add", "--kind", "tea_party", "--date", "2026-03-10", "--topic", "学习")


def test_attendees_and_organizations(party, people, org_with):
    org = org_with("俪人妈妈义工队")
    wang, li = people("王芳", "李娜")
    party.ok(
        "party", "activity", "add", "--kind", "theme_day", "--date", "2026-03-10", "--topic", "主题党日：重温入党誓词",
        "--attendee", "王芳", "--attendee", li, "--attendee", wang, "--org", "俪人妈妈义工队",
    )  # fmt: skip
    (row,) = party.json("party", "activity", "list")
    assert row == {
        "id": "pa1",
        "kind": "theme_day",
        "date": "2026-03-10",
        "topic": "主题党日：重温入党誓词",
        "attendees": [wang, li],
        "orgs": [org],
        "branch": None,
    }
    text = party.ok("party", "activity", "list")
    assert "theme party day" in text and "俪人妈妈义工队" in text


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--date", "2026-07-01", "--topic", "学习"], "is in the future"),
        (["--date", "2026-06-30", "--topic", "  "], "must not be empty"),
        (["--date", "2026-06-30", "--topic", "学习", "--attendee", "p9"], "no person 'p9'"),
        (["--date", "2026-06-30", "--topic", "学习", "--org", "o9"], "no organization 'o9'"),
    ],
)
def test_refusals(party, options, message):
    assert message in party.fails("party", "activity", "add", "--kind", "theme_day", *options).stderr


def test_today_is_accepted(party):
    party.ok("party", "activity", "add", "--kind", "theme_day", "--date", "2026-06-30", "--topic", "学习")


def test_list_between_dates(party):
    for day in ["2026-01-31", "2026-02-01", "2026-02-28", "2026-03-01"]:
        party.ok("party", "activity", "add", "--kind", "theme_day", "--date", day, "--topic", "学习")
    dates = [a["date"] for a in party.json("party", "activity", "list", "--from", "2026-02-01", "--to", "2026-02-28")]
    assert dates == ["2026-02-01", "2026-02-28"]
    assert len(party.json("party", "activity", "list", "--from", "2026-02-02")) == 2
    assert len(party.json("party", "activity", "list", "--to", "2026-01-31")) == 1
    assert (
        "is after --to" in party.fails("party", "activity", "list", "--from", "2026-03-01", "--to", "2026-02-01").stderr
    )


def test_listed_by_date_whatever_the_order_recorded(party):
    for day in ["2026-03-01", "2026-01-01"]:
        party.ok("party", "activity", "add", "--kind", "theme_day", "--date", day, "--topic", "学习")
    assert [a["id"] for a in party.json("party", "activity", "list")] == ["pa2", "pa1"]
