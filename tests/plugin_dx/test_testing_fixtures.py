"""The fixtures hive ships for plugin authors (hive.testing), and the HIVE_TRACE_PLUGINS tracer."""

from __future__ import annotations

import types

import pytest

from hive import hookimpl
from hive.criteria import Criterion, Outcome
from hive.models import Membership, Organization
from hive.testing import HiveRunner


def counting_plugin() -> types.ModuleType:
    module = types.ModuleType("hive_counting")

    @hookimpl
    def hive_criteria():
        def enough(org, ctx):
            count = len(ctx.members(org.id))
            return Outcome(count >= 4, "" if count >= 4 else f"{count} members", {"members": count})

        return [Criterion("counting.members", "intake", "four members", enough)]

    module.hive_criteria = hive_criteria
    return module


def test_org_builds_an_organization_with_members_and_backbones(hive):
    org = hive.org("阅翼成长阅读俱乐部", kind="读书会", members=3, backbones=2, joined="2026-01-05")
    shown = hive.json("org", "show", org)
    assert shown["kind"] == "读书会" and shown["joined"] == "2026-01-05"
    assert [m["backbone"] for m in shown["members"]] == [True, True, False]
    assert hive.org("便民服务队") == "o2"
    with pytest.raises(AssertionError):
        hive.org("x", members=1, backbones=2)


def test_review_gives_rows_by_id(hive):
    ready = hive.org("阅翼成长阅读俱乐部", members=3, backbones=1)
    bare = hive.org("便民服务队")
    rows = hive.review()
    assert rows[ready]["verdict"] == "ready" and rows[bare]["verdict"] == "not_ready"
    assert list(hive.review(bare)) == [bare]


def test_use_registers_a_module_that_is_not_installed_and_enables_it(hive):
    org = hive.org("阅翼成长阅读俱乐部", members=3, backbones=1)
    hive.use("counting", counting_plugin())
    assert {"criterion": "counting.members", "reason": "3 members"} in hive.review(org)[org]["failed"]
    hive.use("counting", counting_plugin())  # already there: only enabled again, not registered twice
    assert hive.json("plugins", "info", "counting")["enabled"] is True


def test_use_enables_an_installed_plugin_by_name(hive):
    hive.use("volunteer")
    assert [r["enabled"] for r in hive.json("plugins", "list") if r["name"] == "volunteer"] == [True]
    with pytest.raises(LookupError):
        hive.use("not_installed")


def test_use_refuses_a_plugin_that_cannot_load(hive):
    module = counting_plugin()
    module.HIVE_API = ">=9"
    with pytest.raises(AssertionError, match="built for hive plugin API >=9"):
        hive.use("counting", module)


def test_ledger_reads_the_records(hive):
    org = hive.org("阅翼成长阅读俱乐部", members=2)
    with hive.ledger() as ledger:
        assert [o.id for o in ledger.all(Organization)] == [org]
        assert len(ledger.all(Membership)) == 2
        assert ledger.center.name == "测试中心"


def test_hive_core_sees_no_installed_plugin(hive_core):
    assert hive_core.json("plugins", "list") == []
    hive_core.register(counting_plugin(), "counting")
    assert [r["name"] for r in hive_core.json("plugins", "list")] == ["counting"]


def test_the_original_api_still_works(hive, hive_db):
    assert hive.db == hive_db
    org = hive.new_id("org", "add", "阅翼成长阅读俱乐部")
    assert hive.json("org", "list")[0]["id"] == org
    hive.register(counting_plugin(), "counting")
    hive.enable("volunteer")
    result = hive.fails("org", "show", "o9")
    assert result.exit_code != 0


def test_trace_prints_every_hook_call(hive_db, monkeypatch):
    """HIVE_TRACE_PLUGINS=1: each hook call on stderr as ``hive: plugin.hook(arguments)``."""
    monkeypatch.setenv("HIVE_LANG", "en")
    monkeypatch.setenv("HIVE_TRACE_PLUGINS", "1")
    traced = HiveRunner(hive_db, entry_points=False)
    traced.plugins.register(counting_plugin(), "counting")
    traced.ok("plugins", "enable", "counting")
    traced.new_id("org", "add", "阅翼成长阅读俱乐部")
    result = traced("review", "--json")
    lines = result.stderr.splitlines()
    assert "hive: counting.hive_criteria()" in lines
    assert "hive: core.hive_criteria()" in lines
    assert "hive: core.hive_settings()" in lines
    monkeypatch.delenv("HIVE_TRACE_PLUGINS")
    quiet = HiveRunner(hive_db, entry_points=False)
    quiet.plugins.register(counting_plugin(), "counting")
    assert "hive: " not in quiet("review", "--json").stderr
