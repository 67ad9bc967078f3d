"""pytest fixtures for hive and for plugin authors (loaded through the ``pytest11`` entry point).

* ``hive_db``: the path of a fresh, empty center in ``tmp_path``.
* ``hive``: a :class:`HiveRunner` bound to that center: ``hive("org", "add", "读书会")``
  runs the real command line in-process; ``hive.ok(...)``, ``hive.json(...)`` and
  ``hive.fails(...)`` assert the outcome; ``hive.register(module, "name")`` adds a
  plugin object for this test only and enables it for the center.
* ``hive_core``: the same on a center that sees only the core, not the installed plugins
  (for tests that list plugins or must not depend on what else is installed).

For plugin authors, the runner also has:

* ``hive.use("name", module)``: enable your plugin, registering ``module`` first when it is
  not installed (so the same test runs from a checkout and after ``pip install -e``);
* ``hive.org("名称", members=3, backbones=1)``: an organization with members, ready to review;
* ``hive.review(org)``: the review rows by organization id;
* ``with hive.ledger() as ledger``: read the center's records directly.

Example, a whole test of a plugin's criterion::

    import hive_lending

    def test_lending_rule(hive):
        hive.use("lending", hive_lending)
        org = hive.org("阅翼成长阅读俱乐部", members=3, backbones=1)
        assert "lending.returned" in hive.review(org)[org]["passed"]
"""

from __future__ import annotations

import contextlib
import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner, Result

if TYPE_CHECKING:
    from hive.ledger import Ledger


class HiveRunner:
    """Runs ``hive`` commands in-process against one center, with a chosen set of plugins.

    The center is a file (``db`` a path), or a center on a district server
    (``db`` a ``postgresql://`` URL and ``center`` its code). A server center
    has no file: reading :attr:`db` skips the test (it reads the file directly,
    so it runs on the file backend only).
    """

    def __init__(self, db: Path | str, *, entry_points: bool = True, operator: str = "tester", center: str | None = None):
        from hive import plugins

        self.location = db
        self.center = center
        self.operator = operator
        self.plugins = plugins.load(entry_points=entry_points)
        self._runner = CliRunner()

    @property
    def server(self) -> bool:
        from hive.location import is_server

        return is_server(self.location)

    @property
    def db(self) -> Path:
        """The center file (on a server backend: skips the test, which reads the file itself)."""
        if self.server:
            pytest.skip("reads the center file directly: runs on the file backend only")
        return Path(self.location)

    @db.setter
    def db(self, value: Path) -> None:
        self.location = value

    def _app(self) -> Any:
        from hive.cli.app import App

        return App(db=str(self.location), operator=self.operator, plugins=self.plugins, center=self.center)

    def state(self) -> Any:
        """What a failed command must leave unchanged: the file's bytes, or the server center's rows."""
        if not self.server:
            return Path(self.location).read_bytes() if Path(self.location).is_file() else None
        from hive.location import open_store

        try:
            store = open_store(str(self.location), self.center, write=False)
        except Exception:
            return None
        try:
            return store.snapshot()
        finally:
            store.close()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        from hive.cli import cli

        app = self._app()
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

    def edit_file(self, change: Any) -> None:
        """Edit the center file by hand, as a person with a text editor might: ``change(data)`` mutates the JSON."""
        data = json.loads(self.db.read_text(encoding="utf-8"))
        change(data)
        self.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def problems(self) -> list[tuple[str, str, str, str]]:
        """``hive check --json`` as (severity, table, record, problem) rows; asserts the exit code matches."""
        result = self("check", "--json")
        report = json.loads(result.stdout)
        assert result.exit_code == (0 if report["ok"] else 1), result.stderr
        return [(p["severity"], p["table"], p["record"], p["problem"]) for p in report["problems"]]

    def fails(self, *args: str, **kwargs: Any) -> Result:
        """Run and assert failure with one line on stderr and nothing written."""
        before = self.state()
        result = self(*args, **kwargs)
        assert result.exit_code != 0, f"hive {' '.join(map(str, args))} unexpectedly succeeded"
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, f"expected one error line, got: {result.stderr!r}"
        assert "Traceback" not in result.output
        assert before == self.state(), "a failed command changed the center"
        return result

    def register(self, plugin: Any, name: str, *, enable: bool = True) -> None:
        """Register ``plugin`` (a module or object with hookimpls) as ``name`` and enable it."""
        self.plugins.register(plugin, name)
        if enable and self._exists():
            self.ok("plugins", "enable", name)

    def enable(self, *names: str) -> None:
        self.ok("plugins", "enable", *names)

    def use(self, name: str, module: Any = None) -> None:
        """Enable plugin ``name``; when it is not installed, register ``module`` as ``name`` first."""
        if not self.plugins.loaded(name):
            if module is None:
                raise LookupError(f"plugin {name!r} is not installed and no module was given to register")
            self.plugins.register(module, name)
            info = self.plugins.info[name]
            assert info.error is None, f"plugin {name!r} cannot be loaded: {info.error}"
        self.enable(name)

    def org(
        self,
        name: str,
        *,
        kind: str = "",
        members: int = 0,
        backbones: int = 0,
        joined: str | None = None,
    ) -> str:
        """Add an organization with ``members`` new people, the first ``backbones`` of them backbones; returns its id."""
        assert backbones <= members, "backbones are members too"
        options = [*(["--kind", kind] if kind else []), *(["--joined", joined] if joined else [])]
        org = self.new_id("org", "add", name, *options)
        for number in range(members):
            person = self.new_id("person", "add", f"{name}成员{number + 1}")
            since = ["--since", joined] if joined else []
            self.ok("member", "add", org, person, *since, *(["--backbone"] if number < backbones else []))
        return org

    def review(self, *orgs: str) -> dict[str, dict[str, Any]]:
        """``hive review [ORG]... --json`` as rows by organization id."""
        return {row["id"]: row for row in self.json("review", *orgs)}

    def _exists(self) -> bool:
        if not self.server:
            return Path(self.location).exists()
        return self.state() is not None

    @contextlib.contextmanager
    def ledger(self) -> Iterator[Ledger]:
        """The center's records, read-only, with this runner's plugins: ``ledger.all(MyRecord)``."""
        with self._app().ledger() as ledger:
            yield ledger


CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)


def console_steps(text: str) -> list[tuple[str, list[str]]]:
    """The ``$ command`` lines of a page's ```console blocks, each with the output lines shown under it."""
    found: list[tuple[str, list[str]]] = []
    for block in CONSOLE_BLOCK.findall(text):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            else:
                assert found, f"output before any command: {line!r}"
                found[-1][1].append(line)
    return found


def run_console(
    text: str, runner: HiveRunner, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, list[str], list[str] | None]]:
    """Run a documentation page's ```console blocks in order; yield (command, expected, actual lines).

    ``$ hive ...`` runs through ``runner`` (stdout, then stderr, is what the page
    must show); ``$ export NAME=VALUE`` sets a variable for the rest of the page
    and yields None as its output. Use it to keep a plugin's docs true::

        for command, expected, actual in run_console(page, hive, monkeypatch):
            if actual is not None:
                assert actual == expected, command
    """
    for command, expected in console_steps(text):
        words = shlex.split(command)
        if words[0] == "export":
            name, _, value = words[1].partition("=")
            monkeypatch.setenv(name, value)
            if name == "HIVE_OPERATOR":
                runner.operator = value
            yield command, expected, None
            continue
        assert words[0] == "hive", command
        result = runner(*words[1:])
        yield command, expected, (result.stdout + result.stderr).rstrip("\n").splitlines()


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


@pytest.fixture
def hive_core(hive_db: Path, monkeypatch: pytest.MonkeyPatch) -> HiveRunner:
    """A :class:`HiveRunner` on a fresh center that sees only the core and what the test registers."""
    monkeypatch.setenv("HIVE_LANG", "en")
    return HiveRunner(hive_db, entry_points=False)
