"""``hive check`` on the party records: a reference edited by hand to nothing is named, exit 1."""

from __future__ import annotations

import json

import pytest

KINDS = (  # the choice's codes and labels, as the record layer words an unknown one
    "theme_day (theme party day), party_lesson (party lesson), micro_lesson (youth micro party lesson), "
    "members_meeting (branch members' meeting), committee_meeting (branch committee meeting), "
    "group_meeting (party group meeting), life_meeting (organizational life meeting), red_culture (red culture event)"
)


@pytest.fixture
def branch(party, org_with, people):
    """o1 (branch pb1) and a member, p2 a party member of pb1, an activity, an instructor, pb2 joint of o2 and o3."""
    org_with("阅翼成长阅读俱乐部", "王芳")
    party.ok("org", "add", "艺舞人生艺术团", "--joined", "2025-01-05")
    party.ok("org", "add", "乐龄合唱团", "--joined", "2025-01-05")
    people("李娜", "张伟")
    party.ok("party", "branch", "add", "阅翼党支部", "--org", "o1", "--founded", "2026-01-10")
    party.ok("party", "branch", "add", "联合党支部", "--org", "o2", "--org", "o3", "--founded", "2026-01-10")
    party.ok("party", "member", "add", "p2", "--joined", "2020-07-01", "--branch", "pb1")
    party.ok("party", "member", "add", "p1", "--joined", "2021-07-01", "--branch", "街道机关党支部")
    party.ok(
        "party", "activity", "add", "--kind", "theme_day", "--date", "2026-05-20", "--topic", "学习",
        "--attendee", "p1", "--attendee", "p2", "--org", "o1",
    )  # fmt: skip
    party.ok("party", "member", "add", "p3", "--joined", "2015-07-01")
    party.ok("party", "instructor", "assign", "o1", "p3", "--since", "2026-02-01")
    return party


def test_a_clean_party_center_passes(branch):
    assert branch.problems() == []


@pytest.mark.parametrize(
    ("table", "number", "field", "value", "expected"),
    [
        ("party_members", "1", "person", "p9", ("pm1", "person: no record p9 in people")),
        ("party_members", "1", "branch", "pb7", ("pm1", "branch: no record pb7 in party_branches")),
        ("party_activities", "1", "attendees", ["p1", "p8"], ("pa1", "attendees: no record p8 in people")),
        ("party_activities", "1", "orgs", ["o5"], ("pa1", "orgs: no record o5 in organizations")),
        ("party_activities", "1", "kind", "picnic", ("pa1", "kind: 'picnic' is not one of: " + KINDS)),
        ("party_instructors", "1", "org", "o6", ("pi1", "org: no record o6 in organizations")),
        ("party_instructors", "1", "person", "p6", ("pi1", "person: no record p6 in people")),
        ("party_branches", "2", "orgs", ["o2", "o4"], ("pb2", "orgs: no record o4 in organizations")),
        ("party_branches", "1", "orgs", [], ("pb1", "names no organization")),
        ("party_members", "2", "person", "p2", ("pm2", "person: already recorded as a party member (pm1)")),
    ],
)
def test_damage_edited_by_hand_is_named(branch, table, number, field, value, expected):
    branch.edit_file(lambda d: d[table][number].update({field: value}))
    record, problem = expected
    assert branch.problems() == [("error", table, record, problem)]
    result = branch("check")
    assert result.exit_code == 1
    assert f"{record}" in result.stdout and problem in result.stdout


def test_a_branch_named_elsewhere_is_not_a_reference(branch):
    branch.edit_file(lambda d: d["party_members"]["1"].update(branch="pb 7 of the street"))
    assert branch.problems() == []


def test_a_joint_branch_of_more_organizations_than_allowed(branch):
    branch.ok("settings", "set", "party.joint_branch_max_orgs", "2")
    assert branch.problems() == []  # two is the limit: still fine
    branch.ok("settings", "set", "party.joint_branch_max_orgs", "1")
    assert branch.problems() == [
        ("error", "party_branches", "pb2", "a joint party branch has at most 1 organizations, not 2")
    ]


def test_a_mistyped_limit_is_one_problem_not_a_crash(branch):
    branch.edit_file(lambda d: d["center"]["1"]["settings"].update({"party.joint_branch_max_orgs": "five"}))
    found = branch.problems()
    assert [(s, t, r) for s, t, r, _p in found] == [("error", "center", "settings")]
    assert "party.joint_branch_max_orgs" in found[0][3]


def test_messages_are_translated(branch, monkeypatch):
    branch.edit_file(lambda d: d["party_members"]["1"].update(person="p9"))
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    result = branch("check", "--json")
    assert result.exit_code == 1
    assert "person：people 中没有记录 p9" in [p["problem"] for p in json.loads(result.stdout)["problems"]]


def test_the_demo_center_passes(hive, tmp_path):
    from click.testing import CliRunner

    from hive.cli import cli

    db = str(tmp_path / "demo.json")
    assert CliRunner().invoke(cli, ["--db", db, "demo"]).exit_code == 0
    result = CliRunner().invoke(cli, ["--db", db, "check", "--json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 0 and report["problems"] == []
    assert report["records"]["party_members"] > 0 and report["records"]["party_branches"] > 0
