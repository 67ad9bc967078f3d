"""``hive plugins info NAME``: hooks, settings with their values, version, where it comes from."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hive import hookimpl
from hive.testing import HiveRunner

HELLO = Path(__file__).parents[2] / "examples" / "hive-hello"


@pytest.fixture
def hive_hello(monkeypatch):
    monkeypatch.syspath_prepend(str(HELLO))
    import hive_hello

    return hive_hello


def test_info_of_a_registered_plugin(hive, hive_hello):
    hive.register(hive_hello, "hello")
    hive.ok("settings", "set", "hello.greeting", "您好")
    doc = hive.json("plugins", "info", "hello")
    assert doc == {
        "name": "hello",
        "version": "0.2.0",  # a hive.Plugin declares its version
        "enabled": True,
        "source": "registered",
        "path": str(HELLO / "hive_hello.py"),
        "bundled": False,
        "api": ">=1,<2",
        "hive_api": "1.1",
        "error": None,
        "problems": [],
        "hooks": ["hive_commands", "hive_criteria", "hive_settings"],
        "commands": ["hello"],
        "settings": [
            {
                "key": "hello.greeting",
                "type": "str",
                "default": "你好",
                "value": "您好",
                "description": "how 'hive hello' greets an organization",
            }
        ],
        "collections": [],
        "criteria": [{"id": "hello.kind", "stage": "intake", "description": "the organization's kind is recorded"}],
    }
    text = hive.ok("plugins", "info", "hello")
    assert "hooks: hive_commands, hive_criteria, hive_settings" in text
    assert "hello.greeting" in text and "您好" in text
    assert f"path: {HELLO / 'hive_hello.py'}" in text


def test_info_from_plugins_dir_shows_version_and_file(hive, hive_hello):
    doc = hive.json("--plugins-dir", str(HELLO), "plugins", "info", "hive_hello")
    assert doc["version"] == "0.2.0"
    assert doc["source"] == f"plugins dir ({HELLO / 'hive_hello.py'})"
    assert doc["enabled"] is False
    assert doc["settings"][0]["value"] == "你好"  # the default, read from the center


def test_info_without_a_center_gives_no_values(hive_db, hive_hello, tmp_path, monkeypatch):
    monkeypatch.setenv("HIVE_LANG", "en")
    runner = HiveRunner(tmp_path / "none.json", entry_points=False)
    runner.plugins.register(hive_hello, "hello")
    doc = runner.json("plugins", "info", "hello")
    assert doc["enabled"] is False and doc["settings"][0]["value"] is None
    assert doc["settings"][0]["default"] == "你好"


def test_info_of_an_installed_bundled_plugin(hive):
    doc = hive.json("plugins", "info", "volunteer")
    assert doc["bundled"] is True and doc["source"] == "entry point (hive)"
    assert doc["version"] and doc["path"].endswith("__init__.py")


class Broken:
    @hookimpl
    def hive_settings(self):
        raise RuntimeError("settings broke")

    @hookimpl
    def hive_criteria_typo(self):
        return []


def test_info_of_a_broken_plugin_says_why(hive):
    hive.register(Broken(), "broken", enable=False)
    doc = hive.json("plugins", "info", "broken")
    assert doc["error"] == "plugin 'broken' failed in hive_settings: RuntimeError: settings broke"
    assert doc["problems"] == ["unknown hook 'hive_criteria_typo' (a typo?); it will never be called"]
    assert doc["hooks"] == ["hive_settings"] and doc["settings"] == []


def test_info_of_an_unknown_plugin_fails(hive):
    assert hive.fails("plugins", "info", "nosuch").stderr.strip() == (
        "hive: no plugin named 'nosuch' is installed (see 'hive plugins list')"
    )
    hive.fails("plugins", "info", "core")


DEFERRED = '''
"""Late: a plugin whose declarations are imported on first need."""
from hive import Plugin

plugin = Plugin("{name}", version="0.1")
plugin.declarations({modules})
'''

LATE_MODELS = '''
from hive import N_, fields
from hive.models import Organization
from {name} import plugin

@plugin.record("{name}_visits", prefix="{name}v", label=N_("visit"), command="visit")
class Visit:
    org: str = fields.ref(Organization, N_("organization"))
'''


def deferred_plugin(folder: Path, name: str, *modules: str):
    """A package ``name`` on sys.path declaring ``plugin.declarations(*modules)``, imported."""
    import importlib

    package = folder / name
    package.mkdir()
    listed = ", ".join(f'"{name}.{module}"' for module in modules)
    (package / "__init__.py").write_text(DEFERRED.format(name=name, modules=listed), encoding="utf-8")
    (package / "models.py").write_text(LATE_MODELS.format(name=name), encoding="utf-8")
    return importlib.import_module(name)


def test_a_plugin_with_declarations_is_listed_by_help_and_imports_them_when_used(hive, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    hive.register(deferred_plugin(tmp_path, "late1", "models"), "late1", enable=False)
    assert "late1 " in hive.ok("--help")
    hive.enable("late1")
    org = hive.ok("org", "add", "阅翼成长阅读俱乐部").strip()
    hive.ok("late1", "visit", "add", "--org", org)
    assert [r["org"] for r in hive.json("late1", "visit", "list")] == [org]
    assert hive.json("plugins", "info", "late1")["collections"][0]["name"] == "late1_visits"


def test_a_declaration_module_that_fails_to_import_leaves_the_plugin_not_loaded(hive, tmp_path):
    import subprocess
    import sys

    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "late2.py").write_text(
        "from hive import Plugin\nplugin = Plugin('late2')\nplugin.declarations('late2_missing')\n", encoding="utf-8"
    )

    def hive_cli(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "hive", "--db", str(hive.db), "--plugins-dir", str(folder), *args]
        return subprocess.run(command, capture_output=True, text=True, env={**os.environ, "HIVE_LANG": "en"})

    listed = hive_cli("--help")
    assert listed.returncode == 0 and "  late2\n" in listed.stdout  # listed before its declarations are imported
    failed = hive_cli("late2", "visit")
    assert failed.returncode != 0 and "Traceback" not in failed.stderr
    assert failed.stderr.startswith(
        "hive: plugin 'late2' is not loaded: failed to import: ModuleNotFoundError: No module named 'late2_missing'"
    )
    info = json.loads(hive_cli("plugins", "info", "late2", "--json").stdout)
    assert info["error"].startswith("failed to import: ModuleNotFoundError") and info["hooks"] == []
    assert hive_cli("org", "list").returncode == 0  # the other commands keep working
