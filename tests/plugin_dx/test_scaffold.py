"""``hive plugin new``: a plugin package whose own tests pass straight away, from a checkout and installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from hive import __version__ as HIVE_VERSION

FILES = [
    ".gitignore",
    "README.md",
    "pyproject.toml",
    "src/hive_book_lending/__init__.py",
    "src/hive_book_lending/locale/zh_CN/LC_MESSAGES/hive_book_lending.mo",
    "src/hive_book_lending/locale/zh_CN/LC_MESSAGES/hive_book_lending.po",
    "tests/test_book_lending.py",
]


def new(hive_runner, *args: str) -> Path:
    return Path(hive_runner.new_id("plugin", "new", *args))


def run_its_tests(python: str, folder: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIVE_", "PYTEST_"))}
    return subprocess.run(
        [python, "-m", "pytest", "-p", "no:cacheprovider"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_new_writes_a_complete_package(hive, tmp_path):
    folder = new(hive, "book-lending", "--dir", str(tmp_path / "pkg"))
    assert folder == tmp_path / "pkg"
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert written == FILES
    project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "hive-book-lending"
    assert project["project"]["entry-points"]["hive"] == {"book_lending": "hive_book_lending:plugin"}
    assert project["project"]["dependencies"] == [f"hive>={HIVE_VERSION}"]
    module = (folder / "src/hive_book_lending/__init__.py").read_text(encoding="utf-8")
    assert 'api=">=1,<2"' in module and "${" not in module
    compile(module, "plugin", "exec")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "hive plugins enable book_lending" in readme and "hive book-lending" in readme


def test_its_tests_pass_from_the_checkout(hive, tmp_path):
    """Not installed: the tests put src/ on the path and ``hive.use`` registers the module."""
    folder = new(hive, "book-lending", "--dir", str(tmp_path / "pkg"))
    result = run_its_tests(sys.executable, folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout


def test_default_folder_is_named_after_the_distribution(hive, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = hive("plugin", "new", "hive-tool-library")  # a hive- prefix is not doubled
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == str(tmp_path / "hive-tool-library")
    assert "plugin 'tool_library' created; next: cd" in lines[-2]
    assert (tmp_path / "hive-tool-library/src/hive_tool_library/__init__.py").exists()


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Book Lending", "invalid plugin name 'Book Lending': use lowercase letters"),
        ("9lives", "invalid plugin name '9lives'"),
        ("book--lending", "invalid plugin name 'book--lending'"),
        ("org", "invalid plugin name 'org': 'org' is taken by hive itself"),
        ("core", "invalid plugin name 'core': 'core' is taken by hive itself"),
    ],
)
def test_bad_names_are_refused(hive, tmp_path, name, problem):
    result = hive.fails("plugin", "new", name, "--dir", str(tmp_path / "pkg"))
    assert problem in result.stderr
    assert not (tmp_path / "pkg").exists()


def test_nothing_is_overwritten(hive, tmp_path):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep")
    result = hive.fails("plugin", "new", "lending", "--dir", str(folder))
    assert f"'{folder}' already exists and is not empty" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert new(hive, "lending", "--dir", str(empty)) == empty


def test_installed_with_pip_it_is_found_through_its_entry_point(hive, tmp_path, nested_venv):
    """The real thing: ``pip install -e`` into a venv that sees this hive, then its tests and ``hive plugins``.

    A venv that sees this run's hive and its dependencies (the ``nested_venv``
    fixture) keeps the install away from the environment running this suite.
    """
    folder = new(hive, "book-lending", "--dir", str(tmp_path / "pkg"))
    python = nested_venv
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "-e", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    result = run_its_tests(python, folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout
    listing = subprocess.run(
        [python, "-c", "from hive.cli import main; main()", "--db", str(tmp_path / "none.json"), "plugins", "info"]
        + ["book_lending", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listing.returncode == 0, listing.stderr
    info = json.loads(listing.stdout)
    assert info["source"] == "entry point (hive-book-lending)" and info["version"] == "0.1.0"
    assert info["path"] == str(folder / "src/hive_book_lending/__init__.py")
    assert info["error"] is None and info["problems"] == []


def test_its_catalog_is_complete_and_compiled(hive, tmp_path):
    """The generated plugin follows hive's rule from the start: every message translated, the .mo up to date."""
    pytest.importorskip("babel")
    from hive import catalogs

    folder = new(hive, "book-lending", "--dir", str(tmp_path / "pkg"))
    package = folder / "src" / "hive_book_lending"
    assert catalogs.problems(catalogs.Domain("hive_book_lending", package, package / "locale"), "zh_CN") == []
