"""The plugin API page lists every hive name the bundled plugins and the examples import, and only real ones.

One way to do each thing: a bundled plugin uses exactly what a third-party plugin can see in
docs/reference/api.md. When this fails for a name a plugin needs, add the name to that page (with a
docstring where it has none); when it fails for a name the page lists, the name is gone: mend the page.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import hive

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "reference" / "api.md"
_DIRECTIVE = re.compile(r"^\.\. auto(module|class|function|data):: (\S+)\s*$")
_MEMBERS = re.compile(r"^\s+:members: (.+)$")
_NAMED = re.compile(r"`(hive(?:\.\w+)+)`")


def documented() -> tuple[set[str], set[str]]:
    """The dotted names the page documents, and the modules it documents as a whole."""
    names: set[str] = set()
    modules: set[str] = set()
    module = None
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        directive = _DIRECTIVE.match(line)
        if directive:
            kind, target = directive.groups()
            module = target if kind == "module" else None
            (modules if kind == "module" else names).add(target)
            continue
        members = _MEMBERS.match(line)
        if members and module:
            names.update(f"{module}.{member.strip()}" for member in members.group(1).split(","))
    names.update(_NAMED.findall(PAGE.read_text(encoding="utf-8")))
    return names, modules


def imported(root: Path = ROOT) -> dict[str, set[str]]:
    """Every ``hive`` name imported by the bundled plugins' and the examples' code: dotted name -> files."""
    found: dict[str, set[str]] = {}
    for folder in ("plugins", "examples"):
        for path in (root / folder).rglob("*.py"):
            if "tests" in path.parts or path.name.startswith(("test_", "conftest")):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "hive":
                    for alias in node.names:
                        found.setdefault(f"{node.module}.{alias.name}", set()).add(str(path.relative_to(root)))
    return found


def _canonical(name: str) -> str:
    """``hive.Plugin`` -> ``hive.plugin.Plugin``: the lazy names of ``hive`` by the module that defines them."""
    top, _, rest = name.partition(".")[2].partition(".")
    lazy = hive._LAZY.get(top)
    if lazy and not rest:
        return lazy[0] if lazy[1] is None else f"{lazy[0]}.{lazy[1]}"
    return name


def _is_module(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def undocumented(root: Path = ROOT) -> dict[str, list[str]]:
    names, modules = documented()
    missing = {}
    for name, files in imported(root).items():
        canonical = _canonical(name)
        if name == "hive.hookimpl" or canonical in names or name in names:
            continue
        if _is_module(canonical) and canonical in modules:
            continue
        missing[name] = sorted(files)
    return missing


def test_every_hive_name_a_plugin_imports_is_documented():
    missing = undocumented()
    assert missing == {}, f"add these to docs/reference/api.md (or stop importing them): {missing}"


def test_every_name_the_page_lists_exists():
    names, modules = documented()
    for module in modules:
        importlib.import_module(module)
    for name in sorted(names):
        if _is_module(name):
            continue
        module, _, attribute = name.rpartition(".")
        assert hasattr(importlib.import_module(module), attribute), f"docs/reference/api.md lists {name}, which is gone"


def test_an_undocumented_import_is_caught(tmp_path):
    plugin = tmp_path / "plugins" / "hive_sneaky"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(
        "from hive.store import write_atomically\nfrom hive import Plugin\nfrom hive.fields import text\n",
        encoding="utf-8",
    )
    assert undocumented(tmp_path) == {"hive.store.write_atomically": ["plugins/hive_sneaky/__init__.py"]}
