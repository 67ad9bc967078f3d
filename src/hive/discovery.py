"""The ``hive`` entry points of the installed distributions, found without importing ``importlib.metadata``.

``importlib.metadata`` imports the ``email`` package, ``csv`` and ``zipfile``
to answer any question, which is most of what ``hive --help`` spent beyond
its dependencies. Entry points are plain files whose place and format the
packaging specifications fix ("Recording installed projects" and "Entry
points specification" of the PyPA): a folder ``NAME-VERSION.dist-info`` (or
``NAME.egg-info``) on ``sys.path`` holding ``entry_points.txt``, an INI file
with one section per group and ``name = module:attribute`` lines, and the
core metadata file (``METADATA`` or ``PKG-INFO``) whose ``Name:`` and
``Version:`` headers name the distribution. This module reads just those, in
``sys.path`` order; like ``importlib.metadata``, a distribution found again
further down the path is ignored. (Zipped eggs on ``sys.path`` are not
searched.)
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NamedTuple

from hive.patterns import LazyPattern

_SUFFIXES = (".dist-info", ".egg-info")
_SEPARATORS = LazyPattern(r"[-_.]+")


class EntryPoint(NamedTuple):
    """One entry point: its name, ``module:attribute``, and the distribution that declares it."""

    name: str
    value: str
    dist: str
    version: str

    def load(self) -> Any:
        return load(self.value.partition("[")[0])  # (without the extras: "module:attr [extra]")


def load(reference: str) -> Any:
    """What ``"module:attribute"`` names (an entry point's object reference; ``attribute`` may be dotted,
    or absent for the module itself), imported now.

    The one reader of such a reference: entry points, and the commands, hooks and models hive
    imports when they are first needed.
    """
    module, _colon, attribute = reference.strip().partition(":")
    found: Any = importlib.import_module(module.strip())
    for part in attribute.strip().split(".") if attribute.strip() else ():
        found = getattr(found, part)
    return found


def entry_points(group: str, path: list[str] | None = None) -> list[EntryPoint]:
    """The entry points of ``group`` of every distribution installed on ``path`` (default ``sys.path``)."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for entry in sys.path if path is None else path:
        folder = entry or "."
        try:
            children = sorted(os.listdir(folder))
        except OSError:  # missing, a file, a zip archive
            continue
        for child in children:
            if not child.endswith(_SUFFIXES):
                continue
            key = _SEPARATORS.sub("_", child.rpartition(".")[0].partition("-")[0]).lower()
            if key in seen:
                continue
            seen.add(key)
            info = os.path.join(folder, child)
            points = _section(_read(os.path.join(info, "entry_points.txt")), group)
            if not points:
                continue
            name, version = _name_and_version(info, child)
            found.extend(EntryPoint(n, v, name, version) for n, v in points)
    return found


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return ""


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """``name = value`` pairs of the ``[group]`` section."""
    if f"[{group}]" not in text:
        return []
    pairs, inside = [], False
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
            continue
        if inside and "=" in line:
            name, _eq, value = line.partition("=")
            pairs.append((name.strip(), value.strip()))  # extras kept, as importlib.metadata keeps them
    return pairs


def _name_and_version(info: str, child: str) -> tuple[str, str]:
    """The ``Name:`` and ``Version:`` headers of the core metadata; the folder's name when they are missing."""
    stem = child.rpartition(".")[0]
    name, _dash, version = stem.partition("-")
    text = _read(os.path.join(info, "METADATA" if child.endswith(".dist-info") else "PKG-INFO"))
    headers = text.split("\n\n", 1)[0]
    for line in headers.splitlines():
        if line.startswith("Name:"):
            name = line[5:].strip()
        elif line.startswith("Version:"):
            version = line[8:].strip()
    return name, version
