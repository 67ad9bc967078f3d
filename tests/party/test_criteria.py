"""The criteria the plugin adds to stage reviews, each way, and their settings."""

from __future__ import annotations

import pytest


@pytest.fixture
def at(party, org_with):
    """``at(stage)``: an organization with members 王芳, 李娜, 张伟 moved (forced) to ``stage`` on 2026-02-01."""

    def make(stage: str) -> str:
        org = org_with("阅翼成长阅读俱乐部", "王芳", "李娜", "张伟")
        party.ok("advance", org, "--to", stage, "--force", "--reason", "set-up", "--date", "2026-02-01")
        return org

    return make


def outcome(party, org: str, criterion: str, *options: str) -> str | None:
    """None when ``criterion`` passed, else its reason."""
    (row,) = party.json("review", org, *options)
    if criterion in row["passed"]:
        return None
    return {f["criterion"]: f["reason"] for f in row["failed"]}[criterion]


def test_registration_needs_an_instructor(party, at):
    org = at("registration")
    assert "no party-building instructor assigned and no party branch" in outcome(party, org, "party.instructor")
    party.ok("person", "add", "刘建国")
    party.ok("party", "member", "add", "刘建国", "--joined", "2000-07-01")
    party.ok("party", "instructor", "assign", org, "刘建国", "--since", "2026-03-01")
    assert outcome(party, org, "party.instructor") is None
    # as the records stood before the assignment
    assert outcome(party, org, "party.instructor", "--as-of", "2026-02-28") is not None


def test_registration_or_a_branch(party, at):
    org = at("registration")
    party.ok("party", "branch", "add", "阅翼党支部", "--org", org)
    assert outcome(party, org, "party.instructor") is not None  # a branch without members covers nothing
    for name in ["王芳", "李娜", "张伟"]:
        party.ok("party", "member", "add", name, "--joined", "2010-07-01", "--branch", "阅翼党支部")
    assert outcome(party, org, "party.instructor") is None


def test_registration_refuses_an_instructor_where_a_branch_is_needed(party, at):
    org = at("registration")
    for name in ["王芳", "李娜", "张伟"]:
        party.ok("party", "member", "add", name, "--joined", "2010-07-01")
    party.ok("party", "instructor", "assign", org, "王芳")
    reason = outcome(party, org, "party.instructor")
    assert reason == "has 3 full party members: it needs a party branch of its own (needed from 3)"


def test_registration_criterion_can_be_turned_off(party, at):
    org = at("registration")
    party.ok("settings", "set", "party.registration_needs_instructor", "false")
    assert outcome(party, org, "party.instructor") is None


def test_graduation_needs_coverage(party, at):
    org = at("supervision")
    assert "not covered" in outcome(party, org, "party.coverage")
    party.ok("party", "member", "add", "王芳", "--joined", "2010-07-01")
    party.ok("party", "instructor", "assign", org, "王芳")
    assert outcome(party, org, "party.coverage") is None
    for name in ["李娜", "张伟"]:
        party.ok("party", "member", "add", name, "--joined", "2010-07-01")
    reason = outcome(party, org, "party.coverage")
    assert reason == "has 3 full party members but no party branch of its own (needed from 3)"
    party.ok("party", "branch", "add", "阅翼党支部", "--org", org, "--founded", "2026-05-01")
    for member in ("pm1", "pm2", "pm3"):
        party.ok("edit", member, "branch=pb1")
    assert outcome(party, org, "party.coverage") is None
    assert outcome(party, org, "party.coverage", "--as-of", "2026-04-30") is not None


def test_graduation_criterion_can_be_turned_off(party, at):
    org = at("supervision")
    party.ok("settings", "set", "party.graduation_needs_coverage", "no")
    assert outcome(party, org, "party.coverage") is None


def test_no_party_criteria_when_the_plugin_is_disabled(hive, party, at):
    org = at("registration")
    party.ok("plugins", "disable", "party")
    (row,) = party.json("review", org)
    assert not [c for c in row["passed"] + [f["criterion"] for f in row["failed"]] if c.startswith("party.")]


def test_other_stages_are_not_concerned(party, at):
    org = at("diagnosis")
    (row,) = party.json("review", org)
    assert not [f for f in row["failed"] if f["criterion"].startswith("party.")]
