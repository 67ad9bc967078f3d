"""The traffic-safety plugin through hive's command line: what the record layer gives a plugin from its declarations."""

from __future__ import annotations

import json


def team_of(center, club, since="2026-03-05"):
    return center.new_id(
        "traffic", "team", "add", "--org", club, "--name", "文明交通劝导队", "--leader", "便民服务队成员1",
        "--since", since, "--police-liaison", "南山交警大队 李警官",
    )  # fmt: skip


def session(center, date, *extra):
    return center.new_id(
        "traffic", "session", "add", "--date", date, "--topic", "电动车头盔安全", "--venue", "海珠社区广场",
        "--police", "南山交警大队", *extra,
    )  # fmt: skip


def attend(center, session_id, person, *extra):
    return center.new_id("traffic", "attend", "add", "--session", session_id, "--person", person, *extra)


def test_it_loads_cleanly_with_only_public_hooks(center):
    info = center.json("plugins", "info", "traffic")
    assert info["error"] is None and info["problems"] == []
    assert info["api"] == ">=1,<2"
    assert info["hooks"] == ["hive_collections", "hive_commands", "hive_criteria", "hive_report_sections", "hive_settings"]
    assert info["commands"] == ["traffic"]
    assert [c["prefix"] for c in info["collections"]] == ["tt", "ts", "ta"]
    (criterion,) = info["criteria"]
    assert criterion["id"] == "traffic.team_sessions"
    assert "run 2 sessions" in criterion["description"]  # the center's value of traffic.min_sessions
    center.ok("settings", "set", "traffic.min_sessions", "4")
    assert "run 4 sessions" in center.json("plugins", "info", "traffic")["criteria"][0]["description"]


def test_a_season_of_sessions(center, club):
    team = team_of(center, club)
    assert team == "tt1"
    first = session(center, "2026-04-10", "--team", team, "--hours", "2", "--org", club)
    session(center, "2026/5/20", "--org", club)
    attend(center, first, "便民服务队成员2", "--role", "志愿者")  # a choice typed as its Chinese label
    attend(center, first, "便民服务队成员3")
    listed = center.json("traffic", "session", "list", "--org", club)
    assert [(s["date"], s["hours"]) for s in listed] == [("2026-04-10", 2.0), ("2026-05-20", 1.0)]
    assert [s["id"] for s in center.json("traffic", "session", "list", "--from", "2026-05")] == ["ts2"]
    roles = [a["role"] for a in center.json("traffic", "attend", "list", "--session", first)]
    assert roles == ["volunteer", "resident"]
    assert center.json("show", first)["record"]["team"] == "tt1"


def test_the_criterion_both_ways_at_its_boundary_and_as_of_a_date(center, club):
    other = center.org("阅翼成长阅读俱乐部", members=3, backbones=1, joined="2026-01-05")
    center.ok("advance", other, "--to", "capacity_training", "--force", "--reason", "set-up", "--date", "2026-03-01")
    team = team_of(center, club)
    session(center, "2026-04-10", "--team", team, "--org", club)
    rows = center.review()
    assert {
        "criterion": "traffic.team_sessions",
        "reason": "its safety team 文明交通劝导队 has run 1 of 2 sessions with the traffic police",
    } in rows[club]["failed"]
    assert "traffic.team_sessions" in rows[other]["passed"]  # no team: the project does not apply
    session(center, "2026-06-01", "--team", team, "--org", club)
    assert "traffic.team_sessions" in center.review(club)[club]["passed"]
    # as of 31 May the June session had not happened: the plugin wrote no date filter, the core applied it
    failed = center.json("review", club, "--as-of", "2026-05-31")[0]["failed"]
    assert "traffic.team_sessions" in [f["criterion"] for f in failed]
    center.ok("settings", "set", "traffic.min_sessions", "3")
    assert "traffic.team_sessions" in [f["criterion"] for f in center.review(club)[club]["failed"]]


def test_void_and_undo_work_on_its_records(center, club):
    team = team_of(center, club)
    s1 = session(center, "2026-04-10", "--team", team, "--org", club)
    session(center, "2026-04-20", "--team", team, "--org", club)
    assert "traffic.team_sessions" in center.review(club)[club]["passed"]
    center.ok("void", s1, "--reason", "记重了")
    assert "traffic.team_sessions" in [f["criterion"] for f in center.review(club)[club]["failed"]]
    center.ok("undo")  # the review just run is the last change: undo it, then the void
    center.ok("undo")
    center.ok("undo")
    assert "traffic.team_sessions" in center.review(club)[club]["passed"]
    center.ok("edit", s1, "venue=益田小学", "hours=1.5")
    assert center.json("show", s1)["record"]["venue"] == "益田小学"


def test_org_show_lists_its_records(center, club):
    team = team_of(center, club)
    session(center, "2026-04-10", "--team", team, "--org", club)
    org = center.json("org", "show", club)
    assert [t["id"] for t in org["records"]["traffic_teams"]] == ["tt1"]
    assert [s["date"] for s in org["records"]["traffic_sessions"]] == ["2026-04-10"]
    text = center.ok("org", "show", club)
    assert "文明交通劝导队" in text and "2026-04-10" in text


def test_bad_input_is_refused_and_nothing_is_written(center, club):
    team = team_of(center, club)
    assert "is in the future" in center.fails(
        "traffic", "session", "add", "--date", "2026-07-01", "--topic", "x", "--venue", "y", "--police", "z").stderr  # fmt: skip
    assert "name the traffic police unit" in center.fails(
        "traffic", "session", "add", "--date", "2026-04-01", "--topic", "x", "--venue", "y").stderr  # fmt: skip
    assert f"before team {team} was set up (2026-03-05)" in center.fails(
        "traffic", "session", "add", "--date", "2026-03-04", "--topic", "x", "--venue", "y", "--police", "z",
        "--team", team).stderr  # fmt: skip
    other = center.org("阅翼成长阅读俱乐部")
    assert f"team {team} belongs to {club}" in center.fails(
        "traffic", "session", "add", "--date", "2026-04-01", "--topic", "x", "--venue", "y", "--police", "z",
        "--team", team, "--org", other).stderr  # fmt: skip
    assert "already has '文明交通劝导队'" in center.fails(
        "traffic", "team", "add", "--org", club, "--name", "文明交通劝导队", "--leader", "p1").stderr  # fmt: skip
    first = session(center, "2026-04-10")
    attend(center, first, "p2")
    assert "already has" in center.fails("traffic", "attend", "add", "--session", first, "--person", "p2").stderr
    assert "no person 'nobody'" in center.fails(
        "traffic", "attend", "add", "--session", first, "--person", "nobody").stderr  # fmt: skip
    assert "'ts9'" in center.fails("traffic", "attend", "add", "--session", "ts9", "--person", "p1").stderr
    assert "not one of" in center.fails(
        "traffic", "attend", "add", "--session", first, "--person", "p3", "--role", "police").stderr  # fmt: skip


def test_the_police_unit_setting_is_the_default(center, club):
    center.ok("settings", "set", "traffic.police_unit", "福田交警大队")
    sid = center.new_id("traffic", "session", "add", "--date", "2026-04-01", "--topic", "过马路", "--venue", "益田小学")
    assert center.json("traffic", "session", "list")[0]["police"] == "福田交警大队" and sid == "ts1"


def test_disabled_it_says_how_to_enable_and_keeps_its_records(center, club):
    session(center, "2026-04-10")
    center.ok("plugins", "disable", "traffic")
    assert "run 'hive plugins enable traffic'" in center.fails("traffic", "session", "list").stderr
    assert "traffic.team_sessions" not in str(center.review(club))
    center.ok("plugins", "enable", "traffic")
    assert len(center.json("traffic", "session", "list")) == 1


def test_speaks_chinese(center, club, monkeypatch):
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    assert "交通安全进社区" in center.ok("traffic", "--help")
    result = center.fails("traffic", "session", "add", "--date", "2026-04-01", "--topic", "x", "--venue", "y")
    assert "交警" in result.stderr
    session(center, "2026-04-10")
    assert "主题" in center.ok("traffic", "session", "list")


def test_check_finds_references_to_missing_records(center, club):
    team = team_of(center, club)
    session(center, "2026-04-10", "--team", team)
    attend(center, "ts1", "p2")
    assert center.json("check")["problems"] == []
    data = json.loads(center.db.read_text(encoding="utf-8"))
    data["traffic_teams"]["1"]["leader"] = "p9"  # as if a hand edit went wrong
    data["traffic_attendance"]["1"]["session"] = "ts7"
    data["traffic_sessions"]["1"]["hours"] = -2
    center.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = center("check", "--json")
    assert result.exit_code == 1
    problems = {(p["table"], p["record"], p["problem"]) for p in json.loads(result.stdout)["problems"]}
    assert ("traffic_teams", "tt1", "leader: no record p9 in people") in problems
    assert ("traffic_attendance", "ta1", "session: no record ts7 in traffic_sessions") in problems
    assert any(p[:2] == ("traffic_sessions", "ts1") and p[2].startswith("hours:") for p in problems)


def test_its_section_of_the_periodic_report(center, club):
    team = team_of(center, club)
    first = session(center, "2026-04-10", "--team", team, "--hours", "2", "--org", club)
    attend(center, first, "便民服务队成员2")
    attend(center, first, "便民服务队成员3", "--role", "volunteer")
    second = session(center, "2026-05-20", "--org", club)
    attend(center, second, "便民服务队成员2")
    quarter = center.json("report", "--period", "2026Q2")["sections"]["traffic"]
    figures = {key: f["value"] for key, f in quarter["figures"].items()}
    assert figures == {"sessions": 2, "hours": 3.0, "attendance": 3, "residents": 1, "volunteers": 1}
    assert quarter["plugin"] == "traffic" and quarter["figures"]["sessions"]["previous"] == 0
    may = center.json("report", "--period", "2026-05")["sections"]["traffic"]["figures"]
    assert (may["sessions"]["value"], may["sessions"]["previous"], may["sessions"]["year_to_date"]) == (1, 1, 2)
    center.ok("void", second, "ta3", "--reason", "没办成")  # a void session counts nowhere
    assert center.json("report", "--period", "2026Q2")["sections"]["traffic"]["figures"]["sessions"]["value"] == 1
