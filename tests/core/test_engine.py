"""The engine without the command line: ledger, converter, review context, validators."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hive.codes import USCC_ALPHABET, uscc_check_character, uscc_problem
from hive.converter import structure, unstructure
from hive.errors import InvalidInput, NotFound
from hive.ledger import Ledger
from hive.models import Event, Organization, Person, Training
from hive.records import parse_scores
from hive.review import ReviewContext
from hive.store import Store
from hive.validate import hours, mask

D = dt.date(2026, 3, 1)


@pytest.fixture
def ledger(hive_db):
    store = Store.open(hive_db, write=True)
    try:
        yield Ledger(store, operator="api", today=dt.date(2026, 6, 30))
    finally:
        store.close()


def test_ledger_ids_reads_and_one_commit(ledger, hive_db):
    a = ledger.add(Organization(id="", name="读书会", joined=D))
    b = ledger.add(Organization(id="", name="艺术团", joined=D))
    assert (a.id, b.id) == ("o1", "o2")
    assert ledger.get(Organization, "o2") is b and ledger.find(Organization, "o9") is None
    with pytest.raises(NotFound):
        ledger.get(Organization, "o9")
    renamed = ledger.replace(Organization(id="o1", name="阅读会", joined=D))
    assert ledger.all(Organization) == [renamed, b]
    assert "读书会" not in hive_db.read_text(encoding="utf-8")  # nothing is written before commit
    ledger.commit()
    data = json.loads(hive_db.read_text(encoding="utf-8"))
    assert [o["name"] for o in data["organizations"].values()] == ["阅读会", "艺术团"]
    assert [e["action"] for e in data["events"].values()][-3:] == [
        "add organizations",
        "add organizations",
        "change organizations",
    ]
    assert all(e["operator"] == "api" for e in list(data["events"].values())[1:])


def test_add_many_logs_one_event(ledger):
    before = len(ledger.all(Event))
    people = ledger.add_many([Person(id="", name=f"居民{k}") for k in range(100)], action="import people")
    assert [p.id for p in people[:3]] == ["p1", "p2", "p3"] and people[-1].id == "p100"
    assert len(ledger.all(Event)) == before + 1
    assert ledger.all(Event)[-1].detail == "100"


def test_converter_round_trip_keeps_dates_as_iso_strings():
    t = Training(id="t1", org="o1", date=D, hours=2.5, topic="财务", attendees=["p1"])
    doc = unstructure(t)
    assert doc["date"] == "2026-03-01"
    assert structure(doc, Training) == t
    with pytest.raises(Exception):  # noqa: B017 - a stray key in a hand-edited file is refused
        structure(doc | {"extra": 1}, Training)


def test_review_context_hides_later_records_and_memoizes(ledger):
    org = ledger.add(Organization(id="", name="读书会", joined=D))
    ledger.add(Training(id="", org=org.id, date=D, hours=2, topic="a"))
    ledger.add(Training(id="", org=org.id, date=D + dt.timedelta(days=10), hours=2, topic="b"))
    ctx = ReviewContext(ledger, D + dt.timedelta(days=5), ledger.settings)
    assert [t.topic for t in ctx.trainings(org.id)] == ["a"]
    assert ctx.trainings("o99") == []
    calls = []
    assert ctx.memo("x.index", lambda: calls.append(1) or 42) == 42
    assert ctx.memo("x.index", lambda: calls.append(1) or 43) == 42
    assert calls == [1]
    assert ctx.settings["core.intake.min_members"] == 3


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_hours_are_kept_only_within_bounds(value):
    if math.isfinite(value) and round(value, 2) > 0 and value <= 24:
        assert 0 < hours("--hours", value) <= 24
    else:
        with pytest.raises(InvalidInput):
            hours("--hours", value)


@settings(max_examples=60)
@given(st.text(max_size=20), st.integers(min_value=-3, max_value=9))
def test_scores_outside_one_to_five_are_refused(dim, score):
    pair = f"{dim}={score}"
    try:
        parsed = parse_scores([pair])
    except InvalidInput:
        return
    assert list(parsed.values()) == [score] and 1 <= score <= 5


@settings(max_examples=200)
@given(st.text(alphabet=USCC_ALPHABET, min_size=2, max_size=2), st.text(alphabet="0123456789", min_size=6, max_size=6),
       st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9), st.sampled_from(USCC_ALPHABET))  # fmt: skip
def test_only_the_right_check_character_is_accepted(head, region, body, last):
    first17 = head + region + body
    expected = uscc_check_character(first17)
    assert (uscc_problem(first17 + last) is None) == (last == expected)


def test_mask_keeps_little():
    assert mask("13812345678") == "138****5678"
    assert mask("12345") == "****5"
    assert mask(None) == "" and mask("") == ""
