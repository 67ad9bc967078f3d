"""A command group's own help says the same as the line that lists it under 'hive --help'."""

from __future__ import annotations


def test_person_group_help_names_show(hive):
    listed = hive.ok("--help")
    own = hive.ok("person", "--help")
    line = next(x for x in listed.splitlines() if x.strip().startswith("person "))
    summary = line.split("person", 1)[1].strip()
    assert summary in own
