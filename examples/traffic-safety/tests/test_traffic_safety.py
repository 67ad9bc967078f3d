"""The traffic-safety plugin through hive's command line: teams, sessions, attendance, the criterion, the report."""

from __future__ import annotations


def team_of(center, club, since="2026-03-05"):
    return center.new_id(
        "traffic",
        "team",
        "add",
        club,
        "文明交通劝导队",
        "--leader",
        "便民服务队成员1",
        "--since",
        since,
        "--police-liaison",
        "南山交警大队 李警官",
    )


def session(center, date, *extra):
    return center.new_id(
        "traffic",
        "session",
        "add",
        "--date",
        date,
        "--topic",
        "电动车头盔安全",
        "--venue",
        "海珠社区广场",
        "--police",
        "南山交警大队",
        *extra,
    )


def test_it_loads_cleanly_with_only_public_hooks(center):
    info = center.json("plugins", "info", "traffic")
    assert info["error"] is None and info["problems"] == []
    assert info["api"] == ">=1,<2"
    assert info["hooks"] == [
        "hive_check",
        "hive_collections",
        "hive_commands",
        "hive_criteria",
        "hive_org_details",
        "hive_person_details",
        "hive_report_sections",
        "hive_settings",
    ]
    assert info["commands"] == ["traffic"]
    assert [c["prefix"] for c in info["collections"]] == ["tt", "ts", "ta"]
    assert info["criteria"][0]["id"] == "traffic.team_sessions"


def test_a_season_of_sessions(center, club):
    team = team_of(center, club)
    assert team == "tt1"
    first = session(center, "2026-04-10", "--team", team, "--hours", "2")
    assert first == "ts1"
    center.new_id("person", "add", "王阿姨")
    center.new_id("person", "add", "刘老师")
    assert center.ok("traffic", "attend", first, "王阿姨", "刘老师").split() == ["ta1", "ta2"]
    assert center.ok("traffic", "attend", first, "便民服务队成员2", "--volunteer").split() == ["ta3"]
    second = session(center, "2026-05-20", "--org", "便民服务队")
    center.ok("traffic", "attend", second, "王阿姨")
    rows = center.json("traffic", "sessions")
    assert [(r["id"], r["team"], r["org"], r["residents"], r["volunteers"]) for r in rows] == [
        ("ts1", "tt1", club, 2, 1),
        ("ts2", None, club, 1, 0),
    ]
    assert rows[0]["hours"] == 2.0 and rows[0]["police"] == "南山交警大队"
    doc = center.json("traffic", "report")
    assert (doc["sessions"], doc["hours"], doc["attendance"], doc["residents"], doc["volunteers"]) == (2, 3.0, 4, 2, 1)
    assert doc["police"] == ["南山交警大队"]
    assert doc["teams"] == [{"id": "tt1", "name": "文明交通劝导队", "org": club, "sessions": 1, "attendance": 3}]
    april = center.json("traffic", "report", "--from", "2026-04-01", "--to", "2026-04-30")
    assert (april["sessions"], april["attendance"], april["from"]) == (1, 3, "2026-04-01")
    assert "sessions: 2, 3.0 h" in center.ok("traffic", "report")
    assert "电动车头盔安全" in center.ok("traffic", "sessions")
    # hive's periodic report has the project's section, with the same figures as `hive traffic report`
    quarter = center.json("report", "--period", "2026Q2")["sections"]["traffic"]
    figures = {key: f["value"] for key, f in quarter["figures"].items()}
    assert figures == {"sessions": 2, "hours": 3.0, "attendance": 4, "residents": 2, "volunteers": 1}
    assert quarter["plugin"] == "traffic" and quarter["figures"]["sessions"]["previous"] == 0
    assert [row["id"] for row in quarter["tables"]["sessions"]["rows"]] == ["ts1", "ts2"]
    may = center.json("report", "--period", "2026-05")["sections"]["traffic"]["figures"]
    assert (may["sessions"]["value"], may["sessions"]["previous"], may["sessions"]["year_to_date"]) == (1, 1, 2)


def test_the_criterion_both_ways_at_its_boundary(center, club):
    other = center.org("阅翼成长阅读俱乐部", members=3, backbones=1, joined="2026-01-05")
    center.ok("advance", other, "--to", "capacity_training", "--force", "--reason", "set-up", "--date", "2026-03-01")
    team = team_of(center, club)
    session(center, "2026-04-10", "--team", team)
    rows = center.review()
    assert {
        "criterion": "traffic.team_sessions",
        "reason": "its safety team 文明交通劝导队 has run 1 of 2 sessions with the traffic police",
    } in rows[club]["failed"]
    assert "traffic.team_sessions" in rows[other]["passed"]  # no team: the project does not apply
    session(center, "2026-06-01", "--team", team)
    assert "traffic.team_sessions" in center.review(club)[club]["passed"]
    assert "traffic.team_sessions" in [
        f["criterion"] for f in center.json("review", club, "--as-of", "2026-05-31")[0]["failed"]
    ]
    center.ok("settings", "set", "traffic.min_sessions", "3")
    assert "traffic.team_sessions" in [f["criterion"] for f in center.review(club)[club]["failed"]]


def test_org_and_person_show_have_a_section(center, club):
    team = team_of(center, club)
    first = session(center, "2026-04-10", "--team", team)
    center.ok("traffic", "attend", first, "便民服务队成员2", "--volunteer")
    org = center.json("org", "show", club)
    assert org["traffic"] == {
        "teams": [{"id": "tt1", "name": "文明交通劝导队", "leader": "p1", "since": "2026-03-05"}],
        "sessions": 1,
        "attendance": 1,
        "last_session": "2026-04-10",
    }
    assert center.json("person", "show", "p1")["traffic"] == {"sessions": 0, "as_volunteer": 0, "leads_teams": ["tt1"]}
    assert center.json("person", "show", "p2")["traffic"] == {"sessions": 0, "as_volunteer": 1, "leads_teams": []}
    assert "traffic" not in center.json("person", "show", "p3")


def test_bad_input_is_refused_and_nothing_is_written(center, club):
    team = team_of(center, club)
    assert (
        "invalid date '2026-07-01': is in the future"
        in center.fails(
            "traffic", "session", "add", "--date", "2026-07-01", "--topic", "x", "--venue", "y", "--police", "z"
        ).stderr
    )
    assert (
        "name the traffic police unit"
        in center.fails("traffic", "session", "add", "--date", "2026-04-01", "--topic", "x", "--venue", "y").stderr
    )
    assert (
        f"before team {team} was set up (2026-03-05)"
        in center.fails(
            "traffic",
            "session",
            "add",
            "--date",
            "2026-03-04",
            "--topic",
            "x",
            "--venue",
            "y",
            "--police",
            "z",
            "--team",
            team,
        ).stderr
    )
    center.org("阅翼成长阅读俱乐部")
    assert (
        f"team {team} belongs to {club}"
        in center.fails(
            "traffic",
            "session",
            "add",
            "--date",
            "2026-04-01",
            "--topic",
            "x",
            "--venue",
            "y",
            "--police",
            "z",
            "--team",
            team,
            "--org",
            "阅翼成长阅读俱乐部",
        ).stderr
    )
    assert (
        "already has a safety team named '文明交通劝导队'"
        in center.fails("traffic", "team", "add", club, "文明交通劝导队", "--leader", "p1").stderr
    )
    first = session(center, "2026-04-10")
    center.ok("traffic", "attend", first, "p2")
    assert (
        "便民服务队成员2 (p2) is already recorded at session ts1"
        in center.fails("traffic", "attend", first, "p3", "p2").stderr
    )
    assert "is already recorded" in center.fails("traffic", "attend", first, "p3", "p3").stderr
    assert "no person 'nobody'" in center.fails("traffic", "attend", first, "nobody").stderr
    assert "'ts9'" in center.fails("traffic", "attend", "ts9", "p1").stderr


def test_the_police_unit_setting_is_the_default(center, club):
    center.ok("settings", "set", "traffic.police_unit", "福田交警大队")
    sid = center.new_id("traffic", "session", "add", "--date", "2026-04-01", "--topic", "过马路", "--venue", "益田小学")
    assert center.json("traffic", "sessions")[0]["police"] == "福田交警大队" and sid == "ts1"


def test_disabled_it_says_how_to_enable_and_keeps_its_records(center, club):
    session(center, "2026-04-10")
    center.ok("plugins", "disable", "traffic")
    assert "run 'hive plugins enable traffic'" in center.fails("traffic", "sessions").stderr
    assert "traffic.team_sessions" not in str(center.review(club))
    center.ok("plugins", "enable", "traffic")
    assert len(center.json("traffic", "sessions")) == 1


def test_speaks_chinese(center, club, monkeypatch):
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    assert "交通安全进社区" in center.ok("traffic", "--help")
    result = center.fails("traffic", "session", "add", "--date", "2026-04-01", "--topic", "x", "--venue", "y")
    assert "交警" in result.stderr
    assert "场次" in center.ok("traffic", "report")


def test_check_finds_references_to_missing_records(center, club):
    import json

    team = team_of(center, club)
    session(center, "2026-04-10", "--team", team)
    center.ok("traffic", "attend", "ts1", "p2")
    assert center.json("check")["problems"] == []
    data = json.loads(center.db.read_text(encoding="utf-8"))
    data["traffic_teams"]["1"]["leader"] = "p9"  # as if a hand edit went wrong
    data["traffic_attendance"]["1"]["session"] = "ts7"
    center.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = center("check", "--json")
    assert result.exit_code == 1
    problems = {(p["table"], p["record"], p["problem"]) for p in json.loads(result.stdout)["problems"]}
    assert ("traffic_teams", "tt1", "leader: no record p9 in people") in problems
    assert ("traffic_attendance", "ta1", "session: no record ts7 in traffic_sessions") in problems
