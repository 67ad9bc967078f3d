"""The example plugin in examples/hive-hello: registered in a test, and loaded from --plugins-dir."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[2] / "examples" / "hive-hello"


@pytest.fixture
def hive_hello(monkeypatch):
    monkeypatch.syspath_prepend(str(EXAMPLE))
    import hive_hello

    return hive_hello


def test_registered_with_the_fixture(hive, club, hive_hello):
    bare = hive.new_id("org", "add", "便民服务队")
    hive.register(hive_hello, "hello")
    rows = {r["id"]: r for r in hive.json("review")}
    assert "hello.kind" in rows[club]["passed"]
    assert {
        "criterion": "hello.kind",
        "reason": "no kind recorded (what the group does: reading club, volunteer team...)",
    } in rows[bare]["failed"]
    assert hive.ok("hello", club).strip() == "你好, 阅翼成长阅读俱乐部! (o1, intake)"
    hive.ok("settings", "set", "hello.greeting", "您好")
    assert hive.ok("hello").splitlines() == ["您好, 阅翼成长阅读俱乐部! (o1, intake)", "您好, 便民服务队! (o2, intake)"]
    assert "no organization 'o9'" in hive.fails("hello", "o9").stderr


def test_disabled_it_contributes_nothing_and_says_how_to_enable(hive, club, hive_hello):
    hive.register(hive_hello, "hello", enable=False)
    assert hive.json("review", club)[0]["passed"] == ["core.members"]
    assert "run 'hive plugins enable hello'" in hive.fails("hello").stderr


def test_loaded_from_plugins_dir(hive, club):
    opts = ("--plugins-dir", str(EXAMPLE))
    (row,) = [r for r in hive.json(*opts, "plugins", "list") if r["name"] == "hive_hello"]
    assert row["version"] == "0.2.0" and row["error"] is None and row["problems"] == []
    assert row["enabled"] is False
    hive.ok(*opts, "plugins", "enable", "hive_hello")
    assert "hello.kind" in hive.json(*opts, "review", club)[0]["passed"]
    assert hive.ok(*opts, "hello").strip() == "你好, 阅翼成长阅读俱乐部! (o1, intake)"


def test_speaks_chinese(hive, club, hive_hello, monkeypatch):
    hive.register(hive_hello, "hello")
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    assert hive.ok("hello", club).strip().startswith("你好，阅翼成长阅读俱乐部！（o1，")


def test_declares_its_entry_point():
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["hive"] == {"hello": "hive_hello:plugin"}
    assert "hive" in project["project"]["dependencies"]
