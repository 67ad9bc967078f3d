"""Plugins are found from the installed distributions' own files, as importlib.metadata finds them."""

from __future__ import annotations

import importlib.metadata

from hive.discovery import entry_points


def test_the_same_entry_points_as_importlib_metadata():
    groups = set(importlib.metadata.entry_points().groups)
    assert {"hive", "console_scripts", "pytest11"} <= groups
    for group in groups:
        expected = sorted((ep.name, ep.value, ep.dist.name) for ep in importlib.metadata.entry_points(group=group))
        assert sorted((ep.name, ep.value, ep.dist) for ep in entry_points(group)) == expected, group


def write_dist(folder, dirname, metadata, points):
    info = folder / dirname
    info.mkdir(parents=True)
    (info / ("METADATA" if dirname.endswith(".dist-info") else "PKG-INFO")).write_text(metadata, encoding="utf-8")
    (info / "entry_points.txt").write_text(points, encoding="utf-8")


def test_names_versions_extras_and_the_first_of_a_distribution_on_the_path(tmp_path):
    first, later = tmp_path / "site", tmp_path / "later"
    write_dist(
        first,
        "hive_book_lending-0.2.0.dist-info",
        "Metadata-Version: 2.1\nName: hive-book-lending\nVersion: 0.2.0\n\nName: not a header\n",
        "[console_scripts]\nlend = lending.cli:main\n\n[hive]\n# a comment\nlending = hive_lending:plugin [web]\n",
    )
    write_dist(
        later, "hive_book_lending-0.1.0.dist-info", "Name: hive-book-lending\nVersion: 0.1.0\n", "[hive]\nold = x\n"
    )
    write_dist(later, "other.egg-info", "Name: other\nVersion: 3\n", "[hive]\nother = other_plugin\n")
    found = entry_points("hive", [str(first), str(tmp_path / "missing"), str(later)])
    assert [(ep.name, ep.value, ep.dist, ep.version) for ep in found] == [
        ("lending", "hive_lending:plugin [web]", "hive-book-lending", "0.2.0"),  # extras kept, as importlib does
        ("other", "other_plugin", "other", "3"),
    ]
    assert entry_points("hive.none", [str(first)]) == []


def test_an_entry_point_loads_its_module_and_attribute():
    from hive.discovery import EntryPoint

    assert EntryPoint("x", "hive.discovery:EntryPoint.load", "hive", "0").load() is EntryPoint.load
    assert EntryPoint("x", "hive.discovery", "hive", "0").load().__name__ == "hive.discovery"
