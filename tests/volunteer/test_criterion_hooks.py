"""The graduation criterion (a team with recent approved hours), the hooks other parts of hive call, the demo."""

from __future__ import annotations

import json

import pytest

CRITERION = "volunteer.team"


@pytest.fixture
def club(vol):
    """An organization at supervision since 2026-02-01."""
    org = vol.new_id("org", "add", "阅翼成长阅读俱乐部", "--joined", "2026-01-05")
    vol.ok("advance", org, "--to", "supervision", "--force", "--reason", "set-up", "--date", "2026-02-01")
    return org


@pytest.fixture
def team_of(vol, volunteers, club):
    """``team_of(n)``: a team of the club with ``n`` volunteers; returns (team id, person ids)."""

    def make(n: int) -> tuple[str, list[str]]:
        people = volunteers(*[f"志愿者{k}" for k in range(n)])
        team = vol.new_id("volunteer", "team", "add", "阅翼志愿队", "--org", club)
        vol.ok("volunteer", "team", "join", team, *people)
        return team, people

    return make


def failed(vol, org: str, *options: str) -> dict[str, str]:
    (row,) = vol.json("review", org, *options)
    return {f["criterion"]: f["reason"] for f in row["failed"]}


def test_no_team_fails(vol, club):
    assert "no volunteer team" in failed(vol, club)[CRITERION]


def test_five_volunteers_and_fifty_approved_hours_pass(vol, team_of, club, served):
    team, people = team_of(5)
    for k, pid in enumerate(people):
        served(pid, 10, f"2026-06-{k + 1:02d}", "--team", team)
    assert CRITERION not in failed(vol, club)


def test_four_volunteers_are_too_few(vol, team_of, club, served):
    team, people = team_of(4)
    for pid in people:
        served(pid, 20, "2026-06-01", "--team", team)
    assert "4 of 5 volunteers" in failed(vol, club)[CRITERION]


def test_just_under_fifty_hours_is_too_little(vol, team_of, club, served):
    team, people = team_of(5)
    for k, pid in enumerate(people):
        served(pid, 9.99 if k == 0 else 10, "2026-06-01", "--team", team)
    assert "49.99 of 50.0 approved hours in the last 90 days" in failed(vol, club)[CRITERION]


def test_pending_hours_do_not_count(vol, team_of, club, served):
    team, people = team_of(5)
    for pid in people:
        served(pid, 10, "2026-06-01", "--team", team, approve=False)
    assert "0.0 of 50.0" in failed(vol, club)[CRITERION]
    vol.ok("volunteer", "approve", "--all-pending")
    assert CRITERION not in failed(vol, club)


def test_only_the_last_90_days_count(vol, team_of, club, served):
    team, people = team_of(5)
    served(people[0], 10, "2026-04-01", "--team", team)  # as_of - 90 days: outside
    for pid in people[1:]:
        served(pid, 10, "2026-04-02", "--team", team)  # as_of - 89 days: inside
    assert "40.0 of 50.0" in failed(vol, club)[CRITERION]
    served(people[0], 10, "2026-04-02", "--team", team)
    assert CRITERION not in failed(vol, club)


def test_a_review_as_of_an_earlier_day_sees_the_team_as_it_was(vol, team_of, club, served, monkeypatch):
    team, people = team_of(5)  # formed today, 2026-06-30
    for pid in people:
        served(pid, 10, "2026-06-01", "--team", team)
    assert "no volunteer team" in failed(vol, club, "--as-of", "2026-06-29")[CRITERION]
    assert CRITERION not in failed(vol, club, "--as-of", "2026-06-30")


def test_thresholds_are_settings_and_the_criterion_can_be_turned_off(vol, team_of, club, served):
    team, people = team_of(3)
    served(people[0], 10, "2026-06-01", "--team", team)
    assert CRITERION in failed(vol, club)
    vol.ok("settings", "set", "volunteer.team_min_volunteers", "3")
    vol.ok("settings", "set", "volunteer.team_min_hours", "10")
    assert CRITERION not in failed(vol, club)
    vol.ok("settings", "set", "volunteer.team_min_volunteers", "6")
    assert CRITERION in failed(vol, club)
    vol.ok("settings", "set", "volunteer.graduation_needs_team", "false")
    assert CRITERION not in failed(vol, club)


def test_a_center_team_does_not_count_for_the_organization(vol, volunteers, club, served):
    people = volunteers(*[f"志愿者{k}" for k in range(5)])
    team = vol.new_id("volunteer", "team", "add", "中心队")
    vol.ok("volunteer", "team", "join", team, *people)
    for pid in people:
        served(pid, 10, "2026-06-01", "--team", team, "--org", club)
    assert "no volunteer team" in failed(vol, club)[CRITERION]


# -- hooks ----------------------------------------------------------------------------------------------
def test_person_figures_share_approved_hours(vol, volunteers, served):
    from hive.ledger import Ledger
    from hive.reporting import Period
    from hive.store import Store

    wang, li = volunteers("王芳", "李娜")
    other = vol.new_id("person", "add", "张伟")
    served(wang, 3)
    served(wang, 1.5, "2025-05-04")
    served(li, 2, approve=False)
    store = Store.open(vol.db, write=False)
    try:
        ledger = Ledger(store, operator="tester", registry=vol.plugins.registry)

        def figures(period):
            call = vol.plugins.call
            found = dict(call("hive_person_figures", ["volunteer"], ledger=ledger, people=[wang, li, other], period=period))
            return found["volunteer"]["volunteer_hours"]

        assert figures(None) == {wang: 4.5, li: 0.0, other: 0.0}  # all time
        assert figures(Period.year(2025)) == {wang: 1.5, li: 0.0, other: 0.0}
        assert figures(Period.year(2026)) == {wang: 3.0, li: 0.0, other: 0.0}
        assert figures(Period.month(2025, 6)) == {wang: 0.0, li: 0.0, other: 0.0}
    finally:
        store.close()


def test_person_show_has_the_volunteer_profile(vol, volunteers, served):
    (wang,) = volunteers("王芳")
    vol.new_id("person", "add", "张伟")
    served(wang, 3)
    section = vol.json("person", "show", wang)["volunteer"]
    assert section["volunteer"] == "v1" and section["approved_hours"] == 3.0 and section["stars"] == 0
    assert "volunteer" not in vol.json("person", "show", "张伟")


def test_org_show_has_teams_and_hours(vol, volunteers, served):
    volunteers("王芳")
    org = vol.new_id("org", "add", "俪人妈妈义工队")
    assert "volunteer" not in vol.json("org", "show", org)
    served("王芳", 3, "2026-06-01", "--org", org)
    assert vol.json("org", "show", org)["volunteer"] == {"teams": [], "approved_hours": 3.0, "pending_hours": 0.0}


def test_check_finds_nothing_wrong_in_good_records(vol, volunteers, served):
    volunteers("王芳")
    served("王芳", 3)
    result = vol("check", "--json")
    assert result.exit_code == 0, result.output
    assert not [p for p in json.loads(result.stdout)["problems"] if p["table"].startswith("volunteer")]


# -- the demo ---------------------------------------------------------------------------------------------
def test_the_demo_shows_teams_and_star_levels(vol, tmp_path):
    db = str(tmp_path / "demo.json")
    vol.ok("--db", db, "demo")
    rows = {r["name"]: r for r in vol.json("--db", db, "volunteer", "list")}
    assert rows["王芳"]["stars"] == 3 and rows["罗红"]["stars"] == 2
    assert (rows["李娜"]["approved_hours"], rows["李娜"]["stars"]) == (100.0, 1)
    teams = {t["name"] for t in vol.json("--db", db, "volunteer", "team", "list")}
    assert {"俪人妈妈义工队", "海珠社区党群志愿者队伍"} <= teams
    reading_club = next(r for r in vol.json("--db", db, "review") if r["name"] == "阅翼成长阅读俱乐部")
    assert CRITERION in reading_club["passed"]
    assert "ZYFW-" in vol.ok("--db", db, "volunteer", "certificate", "王芳")
    assert vol.json("--db", db, "volunteer", "records", "--status", "pending")


def test_a_synthetic_center_has_about_the_counts_asked(vol, tmp_path):
    from hive_volunteer.demo import SIZES  # each plugin declares its own figures per size

    db = str(tmp_path / "small.json")
    vol.ok("--db", db, "demo", "--size", "small", "--seed", "3")
    data = json.loads((tmp_path / "small.json").read_text())
    assert len(data["volunteers"]) == SIZES["small"]["volunteers"]
    assert (
        0.95 * SIZES["small"]["volunteer_records"]
        <= len(data["volunteer_records"])
        <= SIZES["small"]["volunteer_records"]
    )
    assert vol("--db", db, "check").exit_code == 0


def test_chinese_messages(vol, volunteers):
    volunteers("王芳")
    out = vol.ok("--lang", "zh_CN", "volunteer", "hours", "王芳")
    assert "已审核时长" in out
    result = vol.fails("--lang", "zh_CN", "volunteer", "add", "王芳", "--id-number", "110105194912310021")
    assert "校验码" in result.stderr
