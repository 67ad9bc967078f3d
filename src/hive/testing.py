"""pytest fixtures for hive and for plugin authors (loaded through the ``pytest11`` entry point).

* ``hive_db``: the path of a fresh, empty center in ``tmp_path``.
* ``hive``: a :class:`HiveRunner` bound to that center: ``hive("org", "add", "读书会")``
  runs the real command line in-process; ``hive.ok(...)``, ``hive.json(...)`` and
  ``hive.fails(...)`` assert the outcome; ``hive.register(module, "name")`` adds a
  plugin object for this test only and enables it for the center.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result


class HiveRunner:
    """Runs ``hive`` commands in-process against one center file, with a chosen set of plugins."""

    def __init__(self, db: Path, *, entry_points: bool = True, operator: str = "tester"):
        from hive import plugins

        self.db = db
        self.operator = operator
        self.plugins = plugins.load(entry_points=entry_points)
        self._runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        from hive.cli import cli
        from hive.cli.app import App

        app = App(db=str(self.db), operator=self.operator, plugins=self.plugins)
        return self._runner.invoke(cli, [str(a) for a in args], obj=app, input=input, env=env, catch_exceptions=False)

    def ok(self, *args: str, **kwargs: Any) -> str:
        """Run and assert success; returns stdout."""
        result = self(*args, **kwargs)
        assert result.exit_code == 0, f"hive {' '.join(map(str, args))} failed ({result.exit_code}): {result.stderr}"
        return result.stdout

    def new_id(self, *args: str, **kwargs: Any) -> str:
        """Run a creating command; returns the id it printed last."""
        return self.ok(*args, **kwargs).strip().splitlines()[-1]

    def json(self, *args: str, **kwargs: Any) -> Any:
        """Run with ``--json`` appended; returns the parsed document."""
        return json.loads(self.ok(*args, "--json", **kwargs))

    def fails(self, *args: str, **kwargs: Any) -> Result:
        """Run and assert failure with one line on stderr and nothing written."""
        before = self.db.read_bytes() if self.db.exists() else None
        result = self(*args, **kwargs)
        assert result.exit_code != 0, f"hive {' '.join(map(str, args))} unexpectedly succeeded"
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, f"expected one error line, got: {result.stderr!r}"
        assert "Traceback" not in result.output
        after = self.db.read_bytes() if self.db.exists() else None
        assert before == after, "a failed command changed the center file"
        return result

    def register(self, plugin: Any, name: str, *, enable: bool = True) -> None:
        """Register ``plugin`` (a module or object with hookimpls) as ``name`` and enable it."""
        self.plugins.register(plugin, name)
        if enable and self.db.exists():
            self.ok("plugins", "enable", name)

    def enable(self, *names: str) -> None:
        self.ok("plugins", "enable", *names)


@pytest.fixture
def hive_db(tmp_path: Path) -> Path:
    """A fresh center file, ``<tmp_path>/hive.json``."""
    from hive.center import create_center

    path = tmp_path / "hive.json"
    create_center(path, "测试中心", district="南山区", community="海珠社区", operator="tester")
    return path


@pytest.fixture
def hive(hive_db: Path, monkeypatch: pytest.MonkeyPatch) -> HiveRunner:
    """A :class:`HiveRunner` on a fresh center, with every installed plugin loaded (none enabled)."""
    monkeypatch.setenv("HIVE_LANG", "en")
    return HiveRunner(hive_db)
