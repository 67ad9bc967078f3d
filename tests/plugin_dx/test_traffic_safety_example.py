"""examples/traffic-safety: a third-party plugin that hive does not know, tested from its checkout and installed."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "traffic-safety"
PACKAGE = EXAMPLE / "src" / "hive_traffic_safety"

#: hive's public modules a plugin may import (hookspecs' docstrings and docs/plugins.md name them).
PUBLIC = {
    "hive",
    "hive.criteria",
    "hive.errors",
    "hive.i18n",
    "hive.integrity",
    "hive.ledger",
    "hive.models",
    "hive.organizations",
    "hive.people",
    "hive.reporting",
    "hive.review",
    "hive.settings",
    "hive.validate",
    "hive.cli.app",
    "hive.cli.output",
}


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("HIVE_", "PYTEST_"))}


def run_its_tests(python: str, folder: Path = EXAMPLE) -> subprocess.CompletedProcess:
    return subprocess.run(
        [python, "-m", "pytest", "-p", "no:cacheprovider"],
        cwd=folder,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_its_own_tests_pass_from_the_checkout():
    result = run_its_tests(sys.executable)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout and "failed" not in result.stdout


def test_installed_from_its_own_pyproject_it_is_found_by_its_entry_point(tmp_path, nested_venv):
    # A copy, so that the install writes nothing into the checkout; a venv that sees this hive,
    # so that the install stays away from the environment running this suite.
    copy = tmp_path / "traffic-safety"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build"))
    python = nested_venv
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "-e", str(copy)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    hive = [python, "-c", "from hive.cli import main; main()", "--db", str(tmp_path / "c.json")]
    env = clean_env() | {"HIVE_LANG": "en"}
    subprocess.run([*hive, "init", "测试中心"], check=True, env=env, capture_output=True)
    rows = json.loads(subprocess.run([*hive, "plugins", "list", "--json"], env=env, capture_output=True).stdout)
    (row,) = [r for r in rows if r["name"] == "traffic"]
    assert row["source"] == "entry point (hive-traffic-safety)" and row["version"] == "0.2.0"
    assert row["error"] is None and row["problems"] == [] and row["bundled"] is False
    subprocess.run([*hive, "plugins", "enable", "traffic"], check=True, env=env, capture_output=True)
    shown = subprocess.run([*hive, "traffic", "session", "list", "--json"], env=env, capture_output=True, text=True)
    assert json.loads(shown.stdout) == [], shown.stderr
    result = run_its_tests(python, copy)  # now through the entry point: hive.use finds it installed
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_does_not_know_it():
    for path in (ROOT / "src" / "hive").rglob("*.py"):
        assert "traffic" not in path.read_text(encoding="utf-8"), path
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "traffic" not in project["project"]["entry-points"]["hive"]
    assert "traffic" not in str(project["tool"]["setuptools"])


def test_it_declares_its_entry_point_and_api():
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["hive"] == {"traffic": "hive_traffic_safety:plugin"}
    assert any(dep.startswith("hive") for dep in project["project"]["dependencies"])
    assert 'api=">=1,<2"' in (PACKAGE / "__init__.py").read_text(encoding="utf-8")


def test_it_imports_only_hive_public_modules():
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names, module = [a.name for a in node.names], node.module
            elif isinstance(node, ast.Import):
                names, module = [], None
                for alias in node.names:
                    assert not alias.name.startswith("hive"), f"{path.name}: import {alias.name}"
                continue
            else:
                continue
            if module == "hive_traffic_safety" or module.startswith("hive_traffic_safety."):
                continue
            if module.startswith("hive"):
                assert module in PUBLIC, f"{path.name}: from {module} import ..."
                assert not any(n.startswith("_") for n in names), f"{path.name}: private name from {module}"


def test_its_catalog_is_complete_and_compiled():
    pytest.importorskip("babel")
    from hive import catalogs

    domain = catalogs.Domain("hive_traffic_safety", PACKAGE, PACKAGE / "locale")
    assert catalogs.problems(domain, "zh_CN") == []


def code_lines(path: Path) -> int:
    """Lines of code as the record-layer issue counts them: no blanks, comments or docstrings."""
    source = path.read_text(encoding="utf-8")
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and ast.get_docstring(node) is not None:
            docstrings.update(range(node.body[0].lineno, node.body[0].end_lineno + 1))
    return sum(
        1
        for number, line in enumerate(source.splitlines(), 1)
        if line.strip() and not line.strip().startswith("#") and number not in docstrings
    )


def test_the_whole_plugin_is_at_most_80_lines_of_code():
    total = sum(code_lines(path) for path in PACKAGE.rglob("*.py"))
    assert total <= 80, total
