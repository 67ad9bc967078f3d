"""The plugin's demo data: the article's history, and synthetic volumes for benchmarks."""

from __future__ import annotations

import random

import hive_party
import hive_party.demo
import pytest

from hive.ledger import Ledger
from hive.plugins import PluginInfo, load
from hive.store import Store
from hive.testing import HiveRunner


@pytest.fixture
def only_party(tmp_path, monkeypatch):
    """A runner whose only plugin is this one, bundled: the demo enables it alone."""
    monkeypatch.setenv("HIVE_LANG", "en")
    runner = HiveRunner(tmp_path / "hive.json", entry_points=False)
    runner.plugins.register(hive_party.plugin, "party", PluginInfo("party", source="test", bundled=True))
    return runner


def test_article_demo(only_party, tmp_path):
    hive = only_party
    db = str(tmp_path / "demo.json")
    hive.ok("--db", db, "demo")
    assert "party" in {p["name"] for p in hive.json("--db", db, "plugins", "list") if p["enabled"]}
    coverage = {r["name"]: r["status"] for r in hive.json("--db", db, "party", "coverage")}
    assert coverage["阅翼成长阅读俱乐部"] == "covered_by_branch"
    assert coverage["艺舞人生艺术团"] == "covered_by_branch"  # the joint branch
    assert coverage["俪人妈妈义工队"] == "covered_by_instructor"
    assert coverage["中外志愿服务交流营"] == "needs_branch"
    assert coverage["幸福家成长营"] == "needs_instructor"
    # today is 2026-06-30: April, the month before last, has no theme party day
    rows = hive.json("--db", db, "party", "compliance")
    theme_days = {r["period"]: r["status"] for r in rows if r["kind"] == "theme_day"}
    assert theme_days == {f"2026-{m:02d}": "missing" if m == 4 else "held" for m in range(1, 7)}
    assert {"青年微党课：深圳速度与特区精神", "红色文化展：百年党史图片展"} <= {
        a["topic"] for a in hive.json("--db", db, "party", "activity", "list")
    }
    members = hive.json("--db", db, "party", "member", "list")
    assert len(members) == 11 and sum(not m["full"] for m in members) == 1
    # the demo's review shows a party criterion holding an organization back
    (row,) = [r for r in hive.json("--db", db, "review") if r["name"] == "幸福家成长营"]
    assert "party.instructor" in {f["criterion"] for f in row["failed"]}


def _synthetic(folder, seed: int):
    """A small center built with the core's records made by hand, then the party demo hook."""
    import attrs

    from hive.center import create_center
    from hive.models import Membership, Organization, Person

    folder.mkdir()
    path = folder / "center.json"
    create_center(path, "演示", operator="tester")
    plugins = load(entry_points=False, extra={"party": hive_party.plugin})
    store = Store.open(path, write=True)
    try:
        ledger = Ledger(store, operator="tester", registry=plugins.registry)
        ledger.update_center(attrs.evolve(ledger.center, plugins=["party"]), action="plugins enable")
        today = ledger.today
        people = ledger.add_many([Person(id="", name=f"居民{n}") for n in range(120)], action="import")
        orgs = ledger.add_many([Organization(id="", name=f"组织{n}", joined=today) for n in range(20)], action="import")
        ledger.add_many(
            [Membership(id="", org=orgs[n % 20].id, person=p.id, since=today) for n, p in enumerate(people)],
            action="import",
        )
        hive_party.demo.hive_demo(ledger, "small", {"party_activities": 50}, random.Random(seed))
        ledger.commit()
    finally:
        store.close()
    return path


def test_synthetic_demo(hive, tmp_path):
    path = _synthetic(tmp_path / "first", 1)
    activities = hive.json("--db", str(path), "party", "activity", "list")
    assert len(activities) == 50
    assert len(hive.json("--db", str(path), "party", "member", "list")) == 10
    statuses = {r["status"] for r in hive.json("--db", str(path), "party", "coverage")}
    assert "covered_by_branch" in statuses
    hive.ok("--db", str(path), "party", "compliance")
    again = _synthetic(tmp_path / "again", 1)  # the same seed gives the same center
    assert hive.json("--db", str(again), "party", "activity", "list") == activities
