"""The ledger structures records on demand (a speed fix): every way of reading and writing still agrees."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from hive.errors import BadFile, NotFound
from hive.ledger import Ledger
from hive.models import Organization, Person
from hive.store import Store, encode

D = dt.date(2026, 3, 1)


def open_ledger(path):
    store = Store.open(path, write=True)
    return store, Ledger(store, operator="bench", today=dt.date(2026, 6, 30))


@pytest.fixture
def center(hive_db):
    store, ledger = open_ledger(hive_db)
    try:
        ledger.add_many([Person(id="", name=f"居民{n}") for n in range(1, 6)], action="people")
        ledger.add_many([Organization(id="", name=f"组织{n}", joined=D) for n in range(1, 4)], action="orgs")
        ledger.commit()
    finally:
        store.close()
    return hive_db


def test_a_record_looked_up_first_is_the_same_object_in_the_whole_table(center):
    store, ledger = open_ledger(center)
    try:
        p3 = ledger.get(Person, "p3")
        assert p3.name == "居民3"
        assert ledger.find(Person, "p9") is None
        with pytest.raises(NotFound):
            ledger.get(Person, "p0")
        everyone = ledger.all(Person)
        assert [p.id for p in everyone] == ["p1", "p2", "p3", "p4", "p5"]
        assert everyone[2] is p3
    finally:
        store.close()


def test_changes_made_before_the_table_is_read_are_in_it_and_in_the_file(center):
    store, ledger = open_ledger(center)
    try:
        renamed = ledger.replace(Organization(id="o2", name="组织二", joined=D))
        added = ledger.add(Organization(id="", name="组织4", joined=D))
        changed_again = ledger.replace(Organization(id=added.id, name="组织四", joined=D))
        assert ledger.get(Organization, "o2") is renamed
        assert [o.name for o in ledger.all(Organization)] == ["组织1", "组织二", "组织3", "组织四"]
        assert ledger.all(Organization)[3] is changed_again
        with pytest.raises(NotFound):
            ledger.replace(Organization(id="o9", name="无", joined=D))
        ledger.replace(Organization(id="o1", name="组织一", joined=D))  # after the table was read
        ledger.commit()
    finally:
        store.close()
    data = json.loads(center.read_text(encoding="utf-8"))
    assert [o["name"] for o in data["organizations"].values()] == ["组织一", "组织二", "组织3", "组织四"]
    assert list(data["organizations"]) == ["1", "2", "3", "4"]


def test_adding_only_never_reads_the_stored_records(center):
    data = json.loads(center.read_text(encoding="utf-8"))
    data["people"]["2"]["name"] = 42  # damaged, but never looked at
    center.write_bytes(encode(data))
    store, ledger = open_ledger(center)
    try:
        ledger.add(Person(id="", name="新居民"))
        ledger.commit()
    finally:
        store.close()
    data = json.loads(center.read_text(encoding="utf-8"))
    assert data["people"]["6"]["id"] == "p6"
    assert data["people"]["2"]["name"] == 42  # written back as it was read


def test_a_damaged_record_is_named_when_the_table_is_read(center):
    data = json.loads(center.read_text(encoding="utf-8"))
    data["people"]["4"]["name"] = ["not", "text"]
    data["people"]["4"]["extra"] = 1
    center.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    store, ledger = open_ledger(center)
    try:
        assert ledger.get(Person, "p2").name == "居民2"
        with pytest.raises(BadFile, match="record 4 of 'people' is damaged"):
            ledger.all(Person)
    finally:
        store.close()


def test_an_id_that_does_not_match_its_key_is_still_found(center):
    data = json.loads(center.read_text(encoding="utf-8"))
    data["people"]["3"]["id"] = "p33"
    center.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    store, ledger = open_ledger(center)
    try:
        assert ledger.get(Person, "p33").name == "居民3"
        assert ledger.find(Person, "p3") is None
    finally:
        store.close()


def test_where_picks_records_by_field_value_before_and_after_the_table_is_read(center):
    from hive.models import Membership

    store, ledger = open_ledger(center)
    try:
        ledger.add_many(
            [Membership(id="", org=f"o{1 + n % 2}", person=f"p{n}", since=D, backbone=n < 2) for n in range(1, 6)],
            action="members",
        )
        ledger.commit()
    finally:
        store.close()
    data = json.loads(center.read_text(encoding="utf-8"))
    data["memberships"]["4"]["since"] = "not a date"  # damaged, of o1: where(org="o2") never reads it
    del data["memberships"]["5"]["backbone"]  # left to its default (False)
    center.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    store, ledger = open_ledger(center)
    try:
        of_o2 = ledger.where(Membership, org="o2")
        assert [m.id for m in of_o2] == ["m1", "m3", "m5"]
        assert ledger.get(Membership, "m3") is of_o2[1]
        assert [m.id for m in ledger.where(Membership, org="o2", backbone=False)] == ["m3", "m5"]
        # a record replaced or added by this command is judged as it is now
        ledger.replace(Membership(id="m1", org="o9", person="p1", since=D))
        ledger.add(Membership(id="", org="o2", person="p9", since=D))
        assert [m.id for m in ledger.where(Membership, org="o2")] == ["m3", "m5", "m6"]
        assert [m.id for m in ledger.where(Membership, org="o9")] == ["m1"]
        with pytest.raises(TypeError):
            ledger.where(Membership, colour="red")
        with pytest.raises(TypeError):
            ledger.where(Membership, person=["p1"])
        with pytest.raises(BadFile, match="record 4 of 'memberships'"):
            ledger.where(Membership, org="o1")
    finally:
        store.close()
    store, ledger = open_ledger(center)
    try:
        data["memberships"]["4"]["since"] = "2026-03-01"
        store.documents("memberships")["4"]["since"] = "2026-03-01"
        everyone = ledger.all(Membership)
        assert ledger.where(Membership, person="p4") == [everyone[3]]
        assert ledger.where(Membership, person="p4")[0] is everyone[3]
    finally:
        store.close()
