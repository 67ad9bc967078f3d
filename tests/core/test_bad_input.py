"""Bad input: one clear line on stderr, a non-zero exit, nothing written. And personal data stays masked."""

from __future__ import annotations

import pytest

TRAINING = ("--date", "2026-02-10", "--topic", "骨干领导力")


@pytest.mark.parametrize(
    "args",
    [
        ("org", "show", "o99"),
        ("org", "show", "不存在的组织"),
        ("member", "add", "o99", "王芳"),
        ("record", "training", "o99", "--hours", "2", *TRAINING),
        ("record", "registration", "o99", "--filing-no", "F-1", "--date", "2026-02-10"),
        ("record", "diagnosis", "o99", "--date", "2026-02-10", "--score", "治理结构=3"),
        ("record", "supervision", "o99", "--date", "2026-02-10", "--supervisor", "陈督导"),
        ("advance", "o99", "--to", "backbone_training", "--reason", "x"),
        ("suspend", "o99", "--reason", "x"),
        ("history", "o99"),
        ("review", "o99"),
    ],
)
def test_unknown_org(hive, club, args):
    assert "o99" in hive.fails(*args).stderr or "不存在的组织" in hive.fails(*args).stderr


def test_unknown_or_ambiguous_person(hive, club):
    assert "no person '赵磊'" in hive.fails("member", "add", club, "赵磊").stderr
    assert "赵磊" in hive.fails("record", "training", club, "--hours", "2", *TRAINING, "--attendee", "赵磊").stderr
    hive.new_id("person", "add", "王芳")  # a second 王芳
    assert "ambiguous" in hive.fails("member", "add", club, "王芳").stderr


@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-01", "20260210", "10/02/2026", "yesterday", ""])
def test_bad_dates(hive, club, date):
    result = hive.fails("record", "training", club, "--date", date, "--hours", "2", "--topic", "x")
    expected = {"2026-02-30": "February has 28 days", "2026-13-01": "there is no month 13"}.get(date, "is not a date")
    assert expected in result.stderr


def test_dates_in_the_future_are_refused(hive, club):
    assert "in the future" in hive.fails("org", "add", "新组织", "--joined", "2026-07-01").stderr
    assert (
        "in the future"
        in hive.fails("record", "training", club, "--date", "2026-07-01", "--hours", "2", "--topic", "x").stderr
    )
    assert "in the future" in hive.fails("member", "add", club, "p3", "--since", "2026-07-01").stderr
    hive.ok("record", "training", club, "--date", "2026-06-30", "--hours", "2", "--topic", "x")  # today is fine


@pytest.mark.parametrize("hours", ["0", "-1", "0.004", "24.01", "nan", "inf", "两小时"])
def test_bad_hours(hive, club, hours):
    hive.fails("record", "training", club, "--hours", hours, *TRAINING)


@pytest.mark.parametrize("hours", ["0.01", "24"])
def test_hours_at_the_limits(hive, club, hours):
    assert hive.new_id("record", "training", club, "--hours", hours, *TRAINING).startswith("t")


@pytest.mark.parametrize(
    "score", ["治理结构=0", "治理结构=6", "治理结构=3.5", "治理结构=", "治理结构", "=3", "治理结构=三"]
)
def test_bad_scores(hive, club, score):
    result = hive.fails("record", "diagnosis", club, "--date", "2026-02-10", "--score", "财务管理=3", "--score", score)
    assert "--score" in result.stderr


def test_scores_at_the_limits_and_a_dimension_twice(hive, club):
    hive.new_id("record", "diagnosis", club, "--date", "2026-02-10", "--score", "治理结构=1", "--score", "财务管理=5")
    result = hive.fails(
        "record", "diagnosis", club, "--date", "2026-02-10", "--score", "治理结构=1", "--score", "治理结构=2"
    )
    assert "dimension given twice" in result.stderr


@pytest.mark.parametrize("code", ["53440300MJL1234563", "53440300MJL123456", "53440300MJI1234562", "not-a-code"])
def test_invalid_credit_code(hive, club, code):
    assert "--uscc" in hive.fails("record", "registration", club, "--uscc", code, "--date", "2026-02-10").stderr


def test_registration_needs_exactly_one_identifier(hive, club):
    hive.fails("record", "registration", club, "--date", "2026-02-10")
    hive.fails(
        "record", "registration", club, "--date", "2026-02-10", "--filing-no", "F-1", "--uscc", "53440300MJL1234562"
    )


def test_empty_and_oversized_text(hive, club):
    assert "must not be empty" in hive.fails("org", "add", "  ").stderr
    assert "longer than 200" in hive.fails("org", "add", "读" * 201).stderr
    assert "control characters" in hive.fails("org", "add", "读书\x07会").stderr
    assert (
        "must not be empty"
        in hive.fails("record", "training", club, "--hours", "2", "--date", "2026-02-10", "--topic", " ").stderr
    )


def test_duplicates_are_refused(hive, club):
    assert "already exists" in hive.fails("org", "add", "阅翼成长阅读俱乐部").stderr
    assert "already a member" in hive.fails("member", "add", club, "张伟").stderr


def test_a_dissolved_organization_cannot_move_or_take_records(hive, club):
    hive.ok("dissolve", club, "--reason", "成员解散")
    for args in [
        ("advance", club, "--to", "backbone_training", "--reason", "x"),
        ("advance", club, "--to", "backbone_training", "--reason", "x", "--force"),
        ("suspend", club, "--reason", "x"),
        ("reinstate", club, "--reason", "x"),
        ("dissolve", club, "--reason", "x"),
        ("record", "training", club, "--hours", "2", *TRAINING),
        ("member", "add", club, "p1"),
    ]:
        assert "is dissolved" in hive.fails(*args).stderr


def test_skipping_a_stage_needs_force(hive, club):
    result = hive.fails("advance", club, "--to", "registration", "--reason", "跳级")
    assert "the next stage is backbone training; use --force" in result.stderr
    hive.ok("advance", club, "--to", "registration", "--reason", "已有骨干", "--force")
    assert hive.json("org", "show", club)["stage"] == "registration"


def test_unknown_stage_and_missing_reason(hive, club):
    assert "expected one of intake" in hive.fails("advance", club, "--to", "done", "--reason", "x").stderr
    hive.fails("advance", club, "--to", "backbone_training")
    assert "must not be empty" in hive.fails("advance", club, "--to", "backbone_training", "--reason", " ").stderr


def test_a_command_that_fails_midway_writes_nothing(hive, club):
    """The organization is found and valid, the second attendee is not: no training, no event."""
    before = len(hive.json("events", "--limit", "1000"))
    hive.fails("record", "training", club, "--hours", "2", *TRAINING, "--attendee", "王芳", "--attendee", "p99")
    assert len(hive.json("events", "--limit", "1000")) == before
    assert hive.json("org", "show", club)["trainings"] == []


def test_phones_are_masked_unless_asked(hive, club):
    listed = hive.json("person", "list")
    assert {p["phone"] for p in listed} == {"138****5678"}
    assert "13812345678" not in hive.ok("person", "list")
    assert "13812345678" not in hive.ok("person", "show", "p1")
    assert hive.json("person", "list", "--show-personal")[0]["phone"] == "13812345678"
    assert "13812345678" in hive.ok("person", "list", "--show-personal")
    assert hive.json("person", "show", "p1", "--show-personal")["phone"] == "13812345678"


def test_a_bad_phone_is_not_echoed(hive):
    result = hive.fails("person", "add", "赵磊", "--phone", "1381234567x")
    assert "1381234567x" not in result.stderr and "--phone" in result.stderr


def test_a_bad_pinned_today_is_one_line(hive, monkeypatch):
    monkeypatch.setenv("HIVE_TODAY", "30/06/2026")
    assert "HIVE_TODAY '30/06/2026' is not a date" in hive.fails("org", "add", "读书会").stderr
