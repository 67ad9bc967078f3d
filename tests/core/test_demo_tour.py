"""``hive demo`` ends with each enabled plugin's tour (the hive_demo_tour hook)."""

from __future__ import annotations

from pathlib import Path

from hive.testing import HiveRunner


def test_demo_shows_volunteer_teams_star_levels_and_the_other_plugins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HIVE_LANG", "en")
    out = HiveRunner(Path("hive-demo.json")).ok("demo")
    review_end = out.index("not ready, of")
    tour = out[review_end:]
    assert "Volunteer teams" in tour and "俪人妈妈义工队" in tour
    assert "Star levels" in tour and "★★★" in tour
    assert "Party-building coverage" in tour
    assert "Resource pool:" in tour


def test_demo_tour_in_chinese_and_absent_from_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    runner = HiveRunner(Path("hive-demo.json"))
    out = runner("--lang", "zh_CN", "demo").stdout
    assert "志愿者队伍" in out and "党建覆盖情况" in out
    runner.json("demo")  # --json stays one document: the tour is text only
