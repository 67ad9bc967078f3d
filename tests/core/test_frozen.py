"""hive.frozen: the models' shared repr, equality and hash behave as attrs' own."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from hive.frozen import frozen
from hive.models import Organization, Person


@frozen
class Pair:
    left: object
    right: object = None
    note: str = attrs.field(default="", eq=False, repr=False)


@frozen
class Keyed:
    name: str = attrs.field(eq=str.casefold)  # compared by a key: attrs' own methods


@frozen
class Empty:
    pass


@attrs.frozen
class AttrsPair:
    left: object
    right: object = None
    note: str = attrs.field(default="", eq=False, repr=False)


def test_the_repr_is_attrs_own():
    assert repr(Pair(1, [Pair("a")])) == repr(AttrsPair(1, [AttrsPair("a")])).replace("AttrsPair", "Pair")
    assert repr(Pair(1, (2,))) == "Pair(left=1, right=(2,))"
    assert repr(Empty()) == "Empty()"


@pytest.mark.parametrize(
    "a, b, equal",
    [
        ((1, 2), (1, 2), True),
        ((1, 2), (1, 3), False),
        ((1, 2, "x"), (1, 2, "y"), True),  # a field with eq=False is not compared
        (([1],), ([1],), True),
    ],
)
def test_equality_as_attrs_compares(a, b, equal):
    assert (Pair(*a) == Pair(*b)) is equal and (Pair(*a) != Pair(*b)) is not equal
    assert (AttrsPair(*a) == AttrsPair(*b)) is equal


def test_the_hash_follows_equality_and_the_class():
    assert hash(Pair(1, 2, "x")) == hash(Pair(1, 2, "y"))
    assert len({Pair(1), Pair(1), Pair(2)}) == 2
    assert Pair(1) != AttrsPair(1) and Empty() == Empty() and hash(Empty()) == hash(Empty())
    with pytest.raises(TypeError):
        hash(Pair([1]))  # unhashable as attrs' own


def test_a_field_compared_by_a_key_keeps_attrs_methods():
    assert Keyed("Ab") == Keyed("aB") and hash(Keyed("Ab")) == hash(Keyed("aB"))
    assert repr(Keyed("Ab")) == "Keyed(name='Ab')"


def test_models_compare_by_their_fields():
    one = Organization(id="o1", name="阅翼成长阅读俱乐部", joined=dt.date(2026, 3, 1))
    assert one == attrs.evolve(one) and one != attrs.evolve(one, name="艺舞人生艺术团")
    assert {one, attrs.evolve(one)} == {one}
    assert Person(id="p1", name="王芳") != Person(id="p1", name="王芳", phone="13800000000")
    assert repr(one).startswith("Organization(id='o1', name='阅翼成长阅读俱乐部'")

