"""Questions about one person, one day, one organization or one period read only those records.

``Ledger.where`` and ``Ledger.values`` build a lookup of a field once per command from the stored
documents: a damaged record that does not match is never read, and the answers are the same
before and after the table is read as a whole, and for records added or replaced by the command.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from hive.errors import BadFile
from hive.ledger import Between, Ledger
from hive.models import Membership, Person, Training
from hive.store import Store

D = dt.date(2026, 3, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def open_ledger(path):
    store = Store.open(path, write=True)
    return store, Ledger(store, operator="bench", today=dt.date(2026, 6, 30))


@pytest.fixture
def center(hive_db):
    """Trainings t1..t12: org o1/o2/o3 in turn, one a day from D, hours 1..12."""
    store, ledger = open_ledger(hive_db)
    try:
        ledger.add_many(
            [Training(id="", org=f"o{1 + n % 3}", date=day(n), hours=float(n + 1), topic="t") for n in range(12)],
            action="trainings",
        )
        ledger.add_many([Person(id="", name=f"居民{n}") for n in range(3)], action="people")
        ledger.commit()
    finally:
        store.close()
    return hive_db


def damage(path, table, key, **fields):
    data = json.loads(path.read_text(encoding="utf-8"))
    data[table][key].update(fields)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def ids(records):
    return [r.id for r in records]


def test_one_day_one_period_and_one_organization(center):
    damage(center, "trainings", "12", hours="twelve")  # t12 (o3, day 11) is never read below
    store, ledger = open_ledger(center)
    try:
        assert ids(ledger.where(Training, date=day(4))) == ["t5"]
        assert ids(ledger.where(Training, date=Between(day(2), day(5)))) == ["t3", "t4", "t5", "t6"]
        assert ids(ledger.where(Training, org="o2", date=Between(day(0), day(7)))) == ["t2", "t5", "t8"]
        assert ids(ledger.where(Training, date=Between(None, day(1)))) == ["t1", "t2"]
        assert ids(ledger.where(Training, org="o1", date=Between(day(8), None))) == ["t10"]
        assert ledger.where(Training, date=Between(day(5), day(4))) == []
        assert ledger.values(Training, "org", "hours", date=Between(day(0), day(2))) == [
            ("o1", 1.0),
            ("o2", 2.0),
            ("o3", 3.0),
        ]
        assert ledger.values(Training, "date", org="o1", hours=4.0) == [(day(3),)]
        with pytest.raises(BadFile, match="record 12 of 'trainings' is damaged"):
            ledger.where(Training, org="o3")
        with pytest.raises(BadFile, match="record 12 of 'trainings' is damaged"):
            ledger.values(Training, "hours", org="o3")
        with pytest.raises(TypeError):
            ledger.values(Training, "attendees")  # a list: values() reads plain fields only
        with pytest.raises(TypeError):
            ledger.where(Training, date=Between(day(1), ["x"]))
    finally:
        store.close()


def test_the_same_answers_after_changes_and_after_the_whole_table_is_read(center):
    store, ledger = open_ledger(center)
    try:
        ledger.replace(Training(id="t2", org="o1", date=day(20), hours=2.0, topic="moved"))
        added = ledger.add(Training(id="", org="o1", date=day(3), hours=0.5, topic="new"))
        before = {
            "o1": ids(ledger.where(Training, org="o1")),
            "o2": ids(ledger.where(Training, org="o2")),
            "day3": ids(ledger.where(Training, date=day(3))),
            "period": ids(ledger.where(Training, date=Between(day(0), day(3)))),
            "sums": ledger.values(Training, "id", "hours", org="o1"),
        }
        assert before["o1"] == ["t1", "t2", "t4", "t7", "t10", added.id]
        assert "t2" not in before["o2"]
        assert before["day3"] == ["t4", added.id]
        assert before["period"] == ["t1", "t3", "t4", added.id]
        assert before["sums"][1] == ("t2", 2.0)
        everything = ledger.all(Training)  # now the same questions are answered from the objects
        after = {
            "o1": ids(ledger.where(Training, org="o1")),
            "o2": ids(ledger.where(Training, org="o2")),
            "day3": ids(ledger.where(Training, date=day(3))),
            "period": ids(ledger.where(Training, date=Between(day(0), day(3)))),
            "sums": ledger.values(Training, "id", "hours", org="o1"),
        }
        assert after == before
        assert ledger.where(Training, org="o1")[0] is everything[0]
        # a replacement after loading is seen by the next question
        ledger.replace(Training(id="t1", org="o3", date=day(0), hours=1.0, topic="t"))
        assert "t1" not in ids(ledger.where(Training, org="o1"))
        assert ids(ledger.where(Training, org="o3", date=day(0))) == ["t1"]
    finally:
        store.close()


def test_a_field_missing_from_a_document_takes_its_default(hive_db):
    store, ledger = open_ledger(hive_db)
    try:
        ledger.add_many(
            [Membership(id="", org="o1", person=f"p{n}", since=day(n), backbone=n == 0) for n in range(3)],
            action="members",
        )
        ledger.commit()
    finally:
        store.close()
    data = json.loads(hive_db.read_text(encoding="utf-8"))
    del data["memberships"]["2"]["backbone"]  # hand-edited: backbone left to its default (False)
    hive_db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    store, ledger = open_ledger(hive_db)
    try:
        assert ids(ledger.where(Membership, backbone=False)) == ["m2", "m3"]
        assert ledger.values(Membership, "person", backbone=False) == [("p1",), ("p2",)]
        assert ledger.values(Membership, "person", "backbone", org="o1") == [
            ("p0", True),
            ("p1", False),
            ("p2", False),
        ]
    finally:
        store.close()


def test_a_field_asked_twice_and_a_criterion_asked_as_a_field(center):
    store, ledger = open_ledger(center)
    try:
        assert ledger.values(Training, "org", "hours", "org", org="o1", date=Between(day(0), day(3))) == [
            ("o1", 1.0, "o1"),
            ("o1", 4.0, "o1"),
        ]
    finally:
        store.close()


@pytest.mark.parametrize("damaged", [None, "a number", "no value"])
def test_a_period_asked_first_is_answered_by_a_scan_as_the_lookup_would(center, damaged):
    if damaged == "a number":
        damage(center, "trainings", "12", date=20260312)  # compares with no date: the lookup sorts it out
    elif damaged == "no value":
        damage(center, "trainings", "12", date=None)
    expected = {
        "period": ["t3", "t4", "t5", "t6"],
        "from": ["t10", "t11"] + ([] if damaged else ["t12"]),
        "until": ["t1", "t2"],
    }
    for question, period in [
        ("period", Between(day(2), day(5))),
        ("from", Between(day(9), None)),
        ("until", Between(None, day(1))),
    ]:
        store, ledger = open_ledger(center)  # a new command: the period is the field's first question
        try:
            found = ids(ledger.where(Training, date=period, hours=Between(0.0, 100.0)))
            assert found == expected[question], (question, damaged)
            first = ledger._table(Training)._doc_lookups
            assert "date" not in first.by_field or damaged  # scanned, no lookup built (unless it had to be)
        finally:
            store.close()


def test_fields_asked_together_again_are_answered_by_their_lookup_as_one_by_one(center):
    """A person's day asked of every record (hive check's 24-hour rule): the second question about the
    same fields builds their lookup together; every answer is the one the fields' lookups give."""
    data = json.loads(center.read_text(encoding="utf-8"))
    del data["trainings"]["5"]["org"]  # hand-edited: t5 has no org (a candidate of every question)
    center.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    questions = [{"org": f"o{1 + n % 3}", "date": day(n)} for n in range(12)] + [{"org": "o2", "date": day(4)}]
    store, ledger = open_ledger(center)
    try:
        for _twice in range(2):  # field by field, then by the lookup together: t5 stays a candidate
            with pytest.raises(BadFile, match="record 5 of 'trainings'"):  # its required org is missing
                ledger.where(Training, org="o1", date=day(4))
        assert ledger._table(Training)._doc_lookups.together_by[("org", "date")][1] == [4]
    finally:
        store.close()
    data["trainings"]["5"]["org"] = "o2"  # repaired, and one more record of o1 on day 0
    center.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    store, ledger = open_ledger(center)
    try:
        ledger.add(Training(id="", org="o1", date=day(0), hours=0.5, topic="new"))  # added by this command
        ledger.replace(Training(id="t7", org="o2", date=day(6), hours=7.0, topic="moved"))  # o1 -> o2
        answers = [ids(ledger.where(Training, **q)) for q in questions]
        sums = [ledger.values(Training, "hours", **q) for q in questions]
        lookups = ledger._table(Training)._doc_lookups
        assert lookups.together_by[("org", "date")] is not None  # built, and used for the later questions
        expected = [[t.id for t in ledger.all(Training) if t.org == q["org"] and t.date == q["date"]] for q in questions]
        assert answers == expected
        assert answers[0] == ["t1", "t13"] and answers[6] == [] and answers[4] == ["t5"]
        assert sums[0] == [(1.0,), (0.5,)]
        # after the table is read whole, from the objects
        assert [ids(ledger.where(Training, **q)) for q in questions] == expected
        assert ledger._table(Training)._object_lookups().together_by[("org", "date")] is not None
    finally:
        store.close()
