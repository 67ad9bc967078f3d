"""Every core exit criterion, both ways at its boundary, and its threshold as a center setting."""

from __future__ import annotations

import datetime as dt

import pytest

from hive.codes import uscc_check_character, uscc_problem

VALID_USCC = ["53440300MJL1234562", "91440300MA5ABCDEFW", "124403004557543216"]


def reasons(row: dict) -> list[str]:
    return [f["reason"] for f in row["failed"]]


# -- intake: >= 3 members and >= 1 backbone -------------------------------------------------


def test_intake_needs_three_members(hive, verdict):
    org = hive.new_id("org", "add", "便民服务队")
    hive.new_id("person", "add", "王芳")
    hive.new_id("person", "add", "李娜")
    hive.ok("member", "add", org, "王芳", "--backbone")
    hive.ok("member", "add", org, "李娜")
    row = verdict(org)
    assert row["verdict"] == "not_ready"
    assert row["failed"] == [{"criterion": "core.members", "reason": "has 2 of 3 members"}]
    hive.new_id("person", "add", "张伟")
    hive.ok("member", "add", org, "张伟")
    row = verdict(org)
    assert row["verdict"] == "ready" and row["failed"] == []


def test_intake_needs_a_backbone(hive, verdict):
    org = hive.new_id("org", "add", "文化宣传队")
    for name in ["王芳", "李娜", "张伟"]:
        hive.new_id("person", "add", name)
        hive.ok("member", "add", org, name)
    assert reasons(verdict(org)) == ["has 0 of 1 backbones"]
    hive.ok("member", "add", org, "李娜", "--backbone")  # an existing member becomes a backbone
    assert verdict(org)["verdict"] == "ready"


def test_intake_threshold_is_a_setting(hive, verdict):
    org = hive.new_id("org", "add", "智慧父母读书会")
    hive.new_id("person", "add", "王芳")
    hive.ok("member", "add", org, "王芳", "--backbone")
    assert verdict(org)["verdict"] == "not_ready"
    hive.ok("settings", "set", "core.intake.min_members", "1")
    assert verdict(org)["verdict"] == "ready"
    hive.ok("settings", "set", "core.intake.min_backbones", "2")
    assert reasons(verdict(org)) == ["has 1 of 2 backbones"]
    hive.ok("settings", "reset", "core.intake.min_backbones")
    assert verdict(org)["verdict"] == "ready"


# -- backbone_training: >= 2 backbones with >= 8 h each ------------------------------------


def test_backbone_training_names_the_backbone_short_of_hours(hive, at_stage, verdict):
    org = at_stage("backbone_training")
    hive.ok(
        "record", "training", org, "--date", "2026-02-10", "--hours", "4", "--topic", "骨干领导力", "--attendee", "王芳"
    )
    hive.ok(
        "record",
        "training",
        org,
        "--date",
        "2026-02-11",
        "--hours",
        "8",
        "--topic",
        "项目策划",
        "--attendee",
        "李娜",
        "--attendee",
        "张伟",
    )
    row = verdict(org)
    assert row["stage"] == "backbone_training" and row["verdict"] == "not_ready"
    (failed,) = row["failed"]
    assert failed["criterion"] == "core.backbones_trained"
    assert "backbone 王芳 has 4.0 of 8.0 training hours" in failed["reason"]
    assert "李娜" not in failed["reason"]  # she has her 8 hours
    assert "张伟" not in failed["reason"]  # not a backbone
    # 3.5 more hours: 7.5, still short; 0.5 more: exactly 8.0, ready
    hive.ok(
        "record", "training", org, "--date", "2026-02-12", "--hours", "3.5", "--topic", "沟通", "--attendee", "王芳"
    )
    assert "backbone 王芳 has 7.5 of 8.0 training hours" in reasons(verdict(org))[0]
    hive.ok(
        "record", "training", org, "--date", "2026-02-13", "--hours", "0.5", "--topic", "复盘", "--attendee", "王芳"
    )
    assert verdict(org)["verdict"] == "ready"


def test_backbone_training_needs_two_backbones(hive, at_stage, verdict):
    org = at_stage("backbone_training")
    hive.ok(
        "record", "training", org, "--date", "2026-02-10", "--hours", "9", "--topic", "x", "--attendee", "王芳",
        "--attendee", "张伟",
    )  # fmt: skip
    hive.ok("settings", "set", "core.backbone_training.min_backbones", "1")
    assert verdict(org)["verdict"] == "ready"
    hive.ok("settings", "set", "core.backbone_training.min_backbones", "3")
    text = reasons(verdict(org))[0]
    assert "1 of 3 backbones have 8.0 training hours" in text
    assert "has 2 of 3 backbones" in text


def test_backbone_training_hours_threshold_is_a_setting(hive, at_stage, verdict):
    org = at_stage("backbone_training")
    hive.ok(
        "record", "training", org, "--date", "2026-02-10", "--hours", "6", "--topic", "x", "--attendee", "王芳",
        "--attendee", "李娜",
    )  # fmt: skip
    assert verdict(org)["verdict"] == "not_ready"
    hive.ok("settings", "set", "core.backbone_training.min_hours", "6")
    assert verdict(org)["verdict"] == "ready"


def test_an_attendee_listed_twice_counts_once(hive, at_stage, verdict):
    org = at_stage("backbone_training")
    hive.ok(
        "record", "training", org, "--date", "2026-02-10", "--hours", "4", "--topic", "x",
        "--attendee", "王芳", "--attendee", "p1", "--attendee", "李娜",
    )  # fmt: skip
    assert "backbone 王芳 has 4.0 of 8.0" in reasons(verdict(org))[0]


# -- registration: a filing number or a valid unified social credit code ---------------------


@pytest.mark.parametrize("code", VALID_USCC)
def test_valid_credit_codes(code):
    assert uscc_problem(code) is None
    assert uscc_check_character(code[:17]) == code[17]


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("53440300MJL1234563", "check character does not match"),
        ("91440300MA5ABCDEFX", "check character does not match"),
        ("53440300MJL123456", "expected 18 characters, got 17"),
        ("53440300MJL12345620", "expected 18 characters, got 19"),
        ("53440300MJI1234562", "character 'I' is not allowed"),
        ("5344O300MJL1234562", "character 'O' is not allowed"),
        ("53A40300MJL1234562", "characters 3-8 must be the administrative division code (digits)"),
    ],
)
def test_invalid_credit_codes(code, problem):
    assert uscc_problem(code) == problem


def test_registration_by_filing_number(hive, at_stage, verdict):
    org = at_stage("registration")
    assert reasons(verdict(org)) == ["no filing number or unified social credit code recorded"]
    hive.new_id("record", "registration", org, "--filing-no", "福田备2026-017", "--date", "2026-02-20")
    assert verdict(org)["verdict"] == "ready"
    assert hive.json("org", "show", org)["filing_no"] == "福田备2026-017"


def test_registration_by_credit_code(hive, at_stage, verdict):
    org = at_stage("registration")
    hive.new_id("record", "registration", org, "--uscc", VALID_USCC[0].lower(), "--date", "2026-02-20")
    assert verdict(org)["verdict"] == "ready"
    assert hive.json("org", "show", org)["uscc"] == VALID_USCC[0]


def test_registration_dated_after_review_date_does_not_count(hive, at_stage, verdict):
    org = at_stage("registration")
    hive.new_id("record", "registration", org, "--filing-no", "F-1", "--date", "2026-03-01")
    assert verdict(org, "--as-of", "2026-02-28")["verdict"] == "not_ready"
    assert verdict(org, "--as-of", "2026-03-01")["verdict"] == "ready"


def test_a_damaged_credit_code_in_the_file_fails_the_criterion(hive, club):
    """The check character is verified again at review: a hand-edited code fails with its problem."""
    from hive.core_criteria import registered
    from hive.ledger import Ledger
    from hive.models import Organization, Registration
    from hive.review import ReviewContext
    from hive.store import Store

    with Store.open(hive.db, write=True) as store:
        ledger = Ledger(store, operator="tester")
        ledger.add(Registration(id="", org=club, date=dt.date(2026, 2, 1), uscc="53440300MJL1234563"))
        org = ledger.get(Organization, club)
        ctx = ReviewContext(ledger, dt.date(2026, 6, 30), ledger.settings)
        outcome = registered(org, ctx)
    assert not outcome.passed
    assert outcome.reason == "unified social credit code 53440300MJL1234563 is invalid: check character does not match"


# -- capacity_training: >= 12 h over >= 3 sessions since entering the stage ---------------------


def training(hive, org, date, hours):
    hive.ok("record", "training", org, "--date", date, "--hours", hours, "--topic", "财务管理")


def test_capacity_training_counts_only_sessions_since_entering_the_stage(hive, at_stage, verdict):
    org = at_stage("capacity_training", "2026-03-01")
    training(hive, org, "2026-02-28", "12")  # before the stage: ignored
    training(hive, org, "2026-03-01", "4")  # on the day it entered: counts
    training(hive, org, "2026-03-15", "4")
    row = verdict(org)
    assert reasons(row) == ["8.0 of 12.0 training hours since 2026-03-01; 2 of 3 training sessions since 2026-03-01"]
    training(hive, org, "2026-04-01", "3.5")
    assert reasons(verdict(org)) == ["11.5 of 12.0 training hours since 2026-03-01"]
    training(hive, org, "2026-04-02", "0.5")
    assert verdict(org)["verdict"] == "ready"


def test_capacity_training_needs_three_sessions_even_with_the_hours(hive, at_stage, verdict):
    org = at_stage("capacity_training", "2026-03-01")
    training(hive, org, "2026-03-02", "6")
    training(hive, org, "2026-03-03", "6")
    assert reasons(verdict(org)) == ["2 of 3 training sessions since 2026-03-01"]
    hive.ok("settings", "set", "core.capacity_training.min_sessions", "2")
    assert verdict(org)["verdict"] == "ready"
    hive.ok("settings", "set", "core.capacity_training.min_hours", "12.5")
    assert reasons(verdict(org)) == ["12.0 of 12.5 training hours since 2026-03-01"]


# -- diagnosis: latest mean >= 3.0 and no dimension < 2 ------------------------------------------


def diagnose(hive, org, date, *scores):
    args = [a for s in scores for a in ("--score", s)]
    hive.ok("record", "diagnosis", org, "--date", date, *args)


def test_diagnosis_mean_boundary(hive, at_stage, verdict):
    org = at_stage("diagnosis")
    assert reasons(verdict(org)) == ["no diagnosis recorded"]
    diagnose(hive, org, "2026-03-01", "治理结构=3", "财务管理=3", "服务能力=3", "志愿者管理=2")
    assert reasons(verdict(org)) == ["latest diagnosis (2026-03-01) has mean score 2.75, below 3.0"]
    diagnose(hive, org, "2026-04-01", "治理结构=3", "财务管理=3", "服务能力=4", "志愿者管理=2")
    row = verdict(org)
    assert row["verdict"] == "ready", row  # mean exactly 3.0, lowest exactly 2


def test_diagnosis_no_dimension_below_two(hive, at_stage, verdict):
    org = at_stage("diagnosis")
    diagnose(hive, org, "2026-03-01", "治理结构=5", "财务管理=5", "志愿者管理=1")
    assert reasons(verdict(org)) == ["dimension 志愿者管理 scored 1, below 2"]
    hive.ok("settings", "set", "core.diagnosis.min_dimension", "1")
    assert verdict(org)["verdict"] == "ready"


def test_only_the_latest_diagnosis_counts(hive, at_stage, verdict):
    org = at_stage("diagnosis")
    diagnose(hive, org, "2026-03-01", "治理结构=4", "财务管理=4")
    diagnose(hive, org, "2026-05-01", "治理结构=2", "财务管理=2")
    assert verdict(org)["verdict"] == "not_ready"
    assert verdict(org, "--as-of", "2026-04-30")["verdict"] == "ready"
    hive.ok("settings", "set", "core.diagnosis.min_mean", "2.0")
    assert verdict(org)["verdict"] == "ready"


# -- supervision: >= 3 sessions spanning >= 90 days --------------------------------------------


def supervise(hive, org, *dates):
    for date in dates:
        hive.ok("record", "supervision", org, "--date", date, "--supervisor", "陈督导", "--notes", "复盘")


def test_supervision_span_boundary(hive, at_stage, verdict):
    org = at_stage("supervision")
    supervise(hive, org, "2026-02-01", "2026-03-01", "2026-05-01")  # 89 days
    assert reasons(verdict(org)) == ["supervision sessions span 89 of 90 days"]
    supervise(hive, org, "2026-05-02")  # 90 days
    assert verdict(org)["verdict"] == "ready"


def test_supervision_needs_three_sessions(hive, at_stage, verdict):
    org = at_stage("supervision")
    supervise(hive, org, "2026-02-01", "2026-06-01")
    assert reasons(verdict(org)) == ["2 of 3 supervision sessions"]
    hive.ok("settings", "set", "core.supervision.min_sessions", "2")
    assert verdict(org)["verdict"] == "ready"
    hive.ok("settings", "set", "core.supervision.min_days", "121")
    assert reasons(verdict(org)) == ["supervision sessions span 120 of 121 days"]


def test_graduated_has_no_review(hive, at_stage):
    org = at_stage("graduated")
    assert hive.json("review") == []
    assert "has graduated: it has no exit criteria to review" in hive.fails("review", org).stderr
    result = hive.fails("advance", org, "--to", "supervision", "--reason", "x")
    assert "has graduated: there is no next stage; use --force" in result.stderr


def test_bad_setting_values_are_refused(hive):
    assert "expected a whole number" in hive.fails("settings", "set", "core.intake.min_members", "three").stderr
    assert "unknown setting" in hive.fails("settings", "set", "core.nope", "1").stderr
    rows = {r["key"]: r for r in hive.json("settings", "list")}
    assert rows["core.intake.min_members"]["value"] == 3
    assert rows["core.supervision.min_days"]["default"] == 90
