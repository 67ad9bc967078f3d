"""hive.patterns: a regular expression compiled on first use answers as the compiled one does."""

from __future__ import annotations

import re

import pytest

from hive.patterns import LazyPattern


def test_it_compiles_on_first_use_and_then_is_the_compiled_pattern():
    lazy = LazyPattern(r"^(\d{4})年?$", re.ASCII)
    assert "match" not in vars(lazy)  # nothing compiled yet
    assert lazy.match("2026年").group(1) == "2026"
    assert lazy.match("２０２６") is None  # the flags were given: \d is ASCII only
    compiled = re.compile(r"^(\d{4})年?$", re.ASCII)
    assert vars(lazy)["match"].__self__ == compiled  # later calls go straight to the pattern's own method
    assert (lazy.pattern, lazy.flags) == (compiled.pattern, compiled.flags)


def test_every_method_of_a_pattern_answers():
    lazy, compiled = LazyPattern(b'\n  "'), re.compile(b'\n  "')
    data = b'{\n  "a": 1,\n  "b": 2}'
    assert [m.start() for m in lazy.finditer(data, 0, 12)] == [m.start() for m in compiled.finditer(data, 0, 12)]
    words = LazyPattern("[-_.]+")
    assert words.sub("_", "hive-party.x") == "hive_party_x"
    assert words.split("a-b") == ["a", "b"]
    assert words.findall("a--b.c") == ["--", "."]
    assert words.subn("", "a-b") == ("ab", 1)
    assert words.fullmatch("--") and words.search("x.y")


def test_what_a_pattern_does_not_have_is_an_attribute_error():
    lazy = LazyPattern("x")
    with pytest.raises(AttributeError):
        lazy.groupindex_typo  # noqa: B018
    assert "match" not in vars(lazy)  # asking for something else compiles nothing
    assert repr(lazy) == "LazyPattern('x')"
