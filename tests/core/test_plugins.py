"""Plugins: contributing criteria and commands, enabled or not, broken ones, --plugins-dir, HIVE_NO_PLUGINS."""

from __future__ import annotations

import json
import textwrap
import types

import click
from click.testing import CliRunner

from hive import hookimpl, plugins
from hive.cli import cli
from hive.criteria import Criterion, Outcome
from hive.ledger import Collection


def has_kind(org, ctx):
    return Outcome(bool(org.kind), "" if org.kind else "no kind recorded", {"kind": org.kind})


class CharterPlugin:
    """A plugin object: a criterion at intake and a ``charter`` command."""

    @hookimpl
    def hive_criteria(self):
        return [Criterion("charter.kind", "intake", "the organization's kind is recorded", has_kind)]

    @hookimpl
    def hive_commands(self, cli):
        @cli.command(help="Say how many organizations have a kind.")
        @click.pass_obj
        def charter(app):
            from hive.models import Organization

            with app.ledger() as ledger:
                orgs = ledger.all(Organization)
            click.echo(f"{sum(1 for o in orgs if o.kind)} of {len(orgs)}")


def test_a_registered_plugin_contributes_a_criterion(hive, club):
    bare = hive.new_id("org", "add", "便民服务队")
    hive.register(CharterPlugin(), "charter")
    rows = {r["id"]: r for r in hive.json("review")}
    assert rows[club]["passed"] == ["core.members", "charter.kind"]  # the core's criteria come first
    assert rows[bare]["failed"] == [
        {"criterion": "core.members", "reason": "has 0 of 3 members; has 0 of 1 backbones"},
        {"criterion": "charter.kind", "reason": "no kind recorded"},
    ]
    assert hive.ok("charter").strip() == "1 of 2"


def test_a_disabled_plugin_contributes_nothing(hive, club):
    hive.register(CharterPlugin(), "charter", enable=False)
    assert hive.json("review", club)[0]["passed"] == ["core.members"]
    result = hive.fails("charter")
    assert "plugin 'charter' is not enabled for this center; run 'hive plugins enable charter'" in result.stderr
    hive.enable("charter")
    assert "charter.kind" in hive.json("review", club)[0]["passed"]
    hive.ok("plugins", "disable", "charter")
    assert hive.json("review", club)[0]["passed"] == ["core.members"]


def test_plugins_list_enable_disable(hive):
    hive.register(CharterPlugin(), "charter", enable=False)
    hive.register(types.SimpleNamespace(), "other", enable=False)
    rows = {r["name"]: r for r in hive.json("plugins", "list")}
    assert {"party", "resource", "volunteer", "charter", "other"} <= set(rows)
    assert set(rows["charter"]) == {"name", "version", "enabled", "source", "bundled", "error", "problems"}
    assert rows["charter"]["enabled"] is False and rows["charter"]["source"] == "registered"
    assert rows["party"]["bundled"] is True and rows["charter"]["bundled"] is False
    assert hive.ok("plugins", "enable", "charter", "other").strip() == "enabled: charter, other"
    rows = {r["name"]: r for r in hive.json("plugins", "list")}
    assert rows["charter"]["enabled"] and rows["other"]["enabled"] and not rows["volunteer"]["enabled"]
    assert hive.ok("plugins", "disable", "charter").strip() == "enabled: other"
    assert "no plugin named 'nope'" in hive.fails("plugins", "enable", "nope").stderr
    assert "no plugin named 'core'" in hive.fails("plugins", "enable", "core").stderr
    events = [e["action"] for e in hive.json("events")]
    assert events[-2:] == ["plugins enable", "plugins disable"]


class RaisesInCriteria:
    @hookimpl
    def hive_criteria(self):
        raise RuntimeError("boom")


class CheckRaises:
    @hookimpl
    def hive_criteria(self):
        def check(org, ctx):
            return 1 / 0

        return [Criterion("fragile.check", "intake", "divides by zero", check)]


class RaisesOnStageChange:
    @hookimpl
    def hive_stage_changed(self, ledger, organization, transition):
        raise ValueError("cannot follow")


def test_a_plugin_raising_in_a_hook_is_named_and_nothing_is_written(hive, club):
    hive.register(RaisesInCriteria(), "fragile")
    result = hive.fails("review")
    assert "plugin 'fragile' failed in hive_criteria: RuntimeError: boom" in result.stderr
    hive.ok("org", "list")  # other commands keep working


def test_a_criterion_raising_is_named_and_nothing_is_written(hive, club):
    hive.register(CheckRaises(), "fragile")
    result = hive.fails("review", "--apply")
    assert "plugin 'fragile' failed in criterion fragile.check" in result.stderr


def test_a_plugin_raising_after_a_stage_change_undoes_the_command(hive, club):
    hive.register(RaisesOnStageChange(), "follower")
    result = hive.fails("review", "--apply")
    assert "plugin 'follower' failed in hive_stage_changed" in result.stderr
    hive.fails("advance", club, "--to", "backbone_training", "--reason", "x")
    assert hive.json("org", "show", club)["stage"] == "intake"
    assert hive.json("history", club) == []


def test_a_disabled_plugin_is_not_told_of_stage_changes(hive, club):
    hive.register(RaisesOnStageChange(), "follower", enable=False)
    hive.ok("review", "--apply")
    assert hive.json("org", "show", club)["stage"] == "backbone_training"


def test_a_disabled_plugins_records_cannot_be_written(hive):
    import attrs

    @attrs.frozen
    class Note:
        id: str
        text: str

    notes = types.SimpleNamespace(
        hive_collections=hookimpl(lambda: [Collection("notes_items", Note, prefix="n")]),
    )
    hive.register(notes, "notes", enable=False)
    from hive.errors import Conflict
    from hive.ledger import Ledger
    from hive.store import Store

    with Store.open(hive.db, write=True) as store:
        ledger = Ledger(store, operator="t", registry=hive.plugins.registry)
        try:
            ledger.add(Note(id="", text="x"))
        except Conflict as exc:
            assert "run 'hive plugins enable notes'" in str(exc)
        else:
            raise AssertionError("a disabled plugin's record was added")


BROKEN = "import does_not_exist_anywhere\n"

GOOD = textwrap.dedent(
    '''
    """A plugin in a folder: one criterion at registration."""
    import click
    from hive import hookimpl
    from hive.criteria import Criterion, Outcome

    __version__ = "0.3"

    def has_filing(org, ctx):
        return Outcome(bool(org.filing_no), "" if org.filing_no else "no filing number", {})

    @hookimpl
    def hive_criteria():
        return [Criterion("local.filing", "intake", "filed", has_filing)]

    @hookimpl
    def hive_commands(cli):
        from hive.cli.app import pass_app

        @cli.command()
        @pass_app
        def local(app):
            with app.ledger() as ledger:
                click.echo(f"local plugin here, in {ledger.center.name}")

    @hookimpl
    def hive_stage_chnaged(ledger, organization, transition):
        pass
    '''
)


def test_plugins_dir_loads_good_and_reports_broken_plugins(hive, club, tmp_path):
    folder = tmp_path / "local-plugins"
    folder.mkdir()
    (folder / "broken.py").write_text(BROKEN)
    (folder / "local.py").write_text(GOOD)
    opts = ("--plugins-dir", str(folder))
    rows = {r["name"]: r for r in hive.json(*opts, "plugins", "list")}
    assert "failed to import: ModuleNotFoundError" in rows["broken"]["error"]
    assert rows["broken"]["source"] == f"plugins dir ({folder / 'broken.py'})"
    assert rows["local"]["error"] is None and rows["local"]["version"] == "0.3"
    assert rows["local"]["problems"] == ["unknown hook 'hive_stage_chnaged' (a typo?); it will never be called"]
    text = hive.ok(*opts, "plugins", "list")
    assert "broken" in text and "failed to import" in text
    # other commands keep working, and the broken plugin cannot be enabled
    assert hive.json(*opts, "org", "list")[0]["id"] == club
    assert "cannot be enabled" in hive.fails(*opts, "plugins", "enable", "broken").stderr
    # the good one adds its command (listed by --help) and works once enabled
    assert "local" in hive.ok(*opts, "--help")
    assert "hive plugins enable local" in hive.fails(*opts, "local").stderr
    hive.ok(*opts, "plugins", "enable", "local")
    assert hive.ok(*opts, "local").strip() == "local plugin here, in 测试中心"
    assert {"criterion": "local.filing", "reason": "no filing number"} in hive.json(*opts, "review")[0]["failed"]
    # without the folder the enabled plugin is reported missing, and the rest still works
    rows = {r["name"]: r for r in hive.json("plugins", "list")}
    assert rows["local"]["error"] == "enabled for this center but not installed"
    assert hive.json("review")[0]["verdict"] == "ready"


def test_a_bad_hook_signature_is_reported_not_raised(hive):
    bad = types.SimpleNamespace(hive_criteria=hookimpl(lambda unknown_argument: []))
    hive.register(bad, "badsig", enable=False)
    (row,) = [r for r in hive.json("plugins", "list") if r["name"] == "badsig"]
    assert row["error"].startswith("invalid hook implementation")


def test_hive_no_plugins_loads_only_the_core(hive_db, monkeypatch):
    monkeypatch.setenv("HIVE_NO_PLUGINS", "1")
    assert list(plugins.load().info) == ["core"]
    result = CliRunner().invoke(cli, ["--db", str(hive_db), "plugins", "list", "--json"])
    assert json.loads(result.stdout) == []
    monkeypatch.delenv("HIVE_NO_PLUGINS")
    assert {"party", "resource", "volunteer"} <= set(plugins.load().info)


class RaisesInSettings:
    @hookimpl
    def hive_settings(self):
        raise RuntimeError("settings broke")


class Quiet:
    @hookimpl
    def hive_settings(self):
        return []


def test_a_disabled_plugin_failing_to_declare_does_not_stop_other_commands(hive, club):
    hive.register(RaisesInSettings(), "flaky", enable=False)
    assert hive.json("review")[0]["verdict"] == "ready"
    assert "core.intake.min_members" in hive.ok("settings", "list")
    (row,) = [r for r in hive.json("plugins", "list") if r["name"] == "flaky"]
    assert row["error"] == "plugin 'flaky' failed in hive_settings: RuntimeError: settings broke"
    assert "cannot be enabled" in hive.fails("plugins", "enable", "flaky").stderr


def test_an_enabled_plugin_failing_to_declare_is_named_and_can_be_disabled(hive, club):
    hive.register(Quiet(), "flaky")  # enabled while it worked
    hive.plugins.unregister("flaky")
    hive.plugins.register(RaisesInSettings(), "flaky")  # then an upgrade broke it
    assert "plugin 'flaky' failed in hive_settings" in hive.fails("review").stderr
    hive.ok("plugins", "disable", "flaky")
    assert hive.json("review")[0]["verdict"] == "ready"


class RaisesInCommands:
    @hookimpl
    def hive_commands(self, cli):
        raise RuntimeError("no commands today")


def test_a_plugin_failing_to_add_commands_leaves_help_and_other_commands_working(hive, club):
    hive.register(RaisesInCommands(), "mute", enable=False)
    assert "review" in hive.ok("--help")
    (row,) = [r for r in hive.json("plugins", "list") if r["name"] == "mute"]
    assert row["error"] == "plugin 'mute' failed in hive_commands: RuntimeError: no commands today"
    assert "cannot be enabled" in hive.fails("plugins", "enable", "mute").stderr
    assert hive.json("review")[0]["verdict"] == "ready"


def test_a_hook_named_by_its_module_is_imported_when_first_called(hive, club, tmp_path, monkeypatch):
    # plugin.hook("module:function"): loading the plugin (every command that opens a center) does not
    # import the module; the hook's first call does, and hands the function the arguments it takes.
    import sys

    from hive import Plugin

    (tmp_path / "lazy_lending_due.py").write_text(
        textwrap.dedent(
            """
            import datetime as dt
            from hive.due import DueItem

            def hive_due(ledger):  # the spec also passes today and within
                return [DueItem("lending.return", dt.date(2026, 1, 5), "book to be returned")]
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "lazy_lending_due", raising=False)  # (imported by the other store's run)
    lending = Plugin("lending")
    lending.hook("lazy_lending_due:hive_due")
    hive.register(lending, "lending")
    assert hive.json("org", "list")[0]["id"] == club
    assert hive.plugins.hooks_of("lending") == ["hive_due"]
    assert "lazy_lending_due" not in sys.modules
    (item,) = [i for i in hive.json("due") if i["kind"] == "lending.return"]
    assert item["title"] == "book to be returned"
    assert "lazy_lending_due" in sys.modules
    # a module that does not import fails the hook's call, naming the plugin and the hook
    broken = Plugin("broken")
    broken.hook("no_such_module_here:hive_due")
    hive.register(broken, "broken")
    assert "plugin 'broken' failed in hive_due: ModuleNotFoundError" in hive.fails("due").stderr
