"""Residents registered twice: finding candidate pairs, remembering pairs that are two people, merging.

:func:`candidates` proposes pairs of people (that count) that look like one
resident: the same resident ID number (normalized), the same name and phone
(``+86`` and spaces aside), or the same name and the same birth date read
from their ID numbers (one of them mistyped). A pair judged to be two people
is kept as a :class:`Distinct` record (``hive person duplicates --not A B``)
and never proposed again, unless that record is voided.

:func:`merge` moves every record that refers to the person merged away onto
the one kept (any declared reference to ``people``, a plugin's too), fills
only the kept person's empty fields, and voids the other: one change of the
ledger, so one commit and one ``hive undo``. Each moved record is judged by
the record layer's own rules (:func:`hive.rules.record_problems`) once the
move is done; one that would become invalid (the same person twice in an
organization) refuses the whole merge, naming it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from hive.errors import Conflict, InvalidInput
from hive.fields import REF, normalize_id, normalize_phone
from hive.frozen import frozen
from hive.i18n import N_, _
from hive.inputs import plain
from hive.models import Distinct, Person

if TYPE_CHECKING:
    from hive.contract import RecordType
    from hive.ledger import Ledger

SAME_ID, SAME_NAME_PHONE, SAME_NAME_BIRTH = "same_id_number", "same_name_and_phone", "same_name_and_birth_date"
REASONS = {
    SAME_ID: N_("the same resident ID number"),
    SAME_NAME_PHONE: N_("the same name and phone"),
    SAME_NAME_BIRTH: N_("the same name and birth date (from the ID numbers)"),
}
PEOPLE = "people"
_NOT_MOVED = frozenset({"events", "changes", "voids"})  # the logs, and voids (which name any record)


@frozen
class Pair:
    """Two people who may be one resident, and why (codes of :data:`REASONS`)."""

    first: Person
    second: Person
    reasons: tuple[str, ...]

    def why(self) -> str:
        return "; ".join(_(REASONS[r]) for r in self.reasons)

    def document(self) -> dict[str, Any]:
        return {
            "people": [self.first.id, self.second.id],
            "names": [self.first.name, self.second.name],
            "reasons": list(self.reasons),
            "why": self.why(),
        }


def _name_key(name: str) -> str:
    return re.sub(r"\s+", "", plain(name)).casefold()


def _phone_key(phone: str | None) -> str:
    if not phone:
        return ""
    found = normalize_phone(phone)
    return re.sub(r"^(?:\+86|0086)", "", found)


def birth_date(id_number: str | None) -> dt.date | None:
    """The birth date an ID number holds (18 digits: 7th-14th; the old 15: 7th-12th, 19xx), or None."""
    if not id_number:
        return None
    number = normalize_id(id_number)
    if re.fullmatch(r"\d{17}[\dX]", number):
        digits = number[6:14]
    elif re.fullmatch(r"\d{15}", number):
        digits = "19" + number[6:12]
    else:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def _pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if _number(a) <= _number(b) else (b, a)


def _number(person_id: str) -> tuple[int, str]:
    digits = person_id.lstrip("abcdefghijklmnopqrstuvwxyz")
    return (int(digits), person_id) if digits.isdigit() else (0, person_id)


def judged_distinct(ledger: Ledger) -> dict[tuple[str, str], str]:
    """Pairs judged to be two people (that count) -> the Distinct record's id."""
    return {_pair_key(d.person, d.other): d.id for d in ledger.all(Distinct)}


def candidates(ledger: Ledger) -> list[Pair]:
    """Pairs of people that look like one resident, not judged distinct, in the order of their ids."""
    people = ledger.all(Person)
    groups: dict[str, dict[Any, list[Person]]] = {
        SAME_ID: defaultdict(list),
        SAME_NAME_PHONE: defaultdict(list),
        SAME_NAME_BIRTH: defaultdict(list),
    }
    for person in people:
        name = _name_key(person.name)
        if person.id_number:
            groups[SAME_ID][normalize_id(person.id_number)].append(person)
        phone = _phone_key(person.phone)
        if name and phone:
            groups[SAME_NAME_PHONE][(name, phone)].append(person)
        born = birth_date(person.id_number)
        if name and born is not None:
            groups[SAME_NAME_BIRTH][(name, born)].append(person)
    reasons: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_id = {p.id: p for p in people}
    for reason, grouped in groups.items():
        for members in grouped.values():
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    key = _pair_key(first.id, second.id)
                    if reason not in reasons[key]:
                        reasons[key].append(reason)
    distinct = judged_distinct(ledger)
    pairs = [
        Pair(by_id[a], by_id[b], tuple(r for r in REASONS if r in found))
        for (a, b), found in reasons.items()
        if (a, b) not in distinct
    ]
    return sorted(pairs, key=lambda p: (_number(p.first.id), _number(p.second.id)))


def _two_people(ledger: Ledger, first_ref: str, second_ref: str) -> tuple[Person, Person]:
    from hive.people import person_finder

    find = person_finder(ledger)
    first, second = find(first_ref), find(second_ref)
    if first.id == second.id:
        raise InvalidInput(_("{a} and {b} are the same record ({id})").format(a=first_ref, b=second_ref, id=first.id))
    for person in (first, second):
        if ledger.is_void(person.id):
            raise Conflict(_("{id} is void").format(id=person.id))
    return first, second


def mark_distinct(ledger: Ledger, first_ref: str, second_ref: str) -> tuple[Distinct, bool]:
    """Remember that two people are not one resident; the record, and False when it was remembered already."""
    first, second = _two_people(ledger, first_ref, second_ref)
    a, b = _pair_key(first.id, second.id)
    known = judged_distinct(ledger).get((a, b))
    if known is not None:
        return ledger.get(Distinct, known), False
    record = Distinct(id="", person=a, other=b, date=ledger.today, operator=ledger.operator)
    return ledger.add(record, action="person distinct", detail=f"{a} {b}"), True


@frozen
class Merged:
    """What a merge did: the person kept, the one voided, the records moved and the fields filled."""

    kept: Person
    other: Person
    moved: list[str]
    filled: list[str]
    void: str

    def document(self) -> dict[str, Any]:
        return {
            "kept": self.kept.id,
            "merged": self.other.id,
            "moved": self.moved,
            "filled": self.filled,
            "void": self.void,
        }


def _referring(ledger: Ledger) -> Iterable[tuple[RecordType, list[str]]]:
    """Each record type with references to people, and those fields."""
    registry = ledger.registry
    for record_type in registry.collections:
        if record_type.name in _NOT_MOVED:
            continue
        names = [s.name for s in record_type.fields if s.kind == REF and s.target_table(registry) == PEOPLE]
        if names:
            yield record_type, names


def _moved(record: Any, names: list[str], other: str, keep: str) -> Any | None:
    """``record`` with ``other`` replaced by ``keep`` in ``names`` (a list without a repeat), or None if unchanged."""
    changes: dict[str, Any] = {}
    for name in names:
        value = getattr(record, name)
        if value == other:
            changes[name] = keep
        elif isinstance(value, list) and other in value:
            changes[name] = list(dict.fromkeys(keep if v == other else v for v in value))
    return attrs.evolve(record, **changes) if changes else None


def merge(ledger: Ledger, keep_ref: str, other_ref: str) -> Merged:
    """Merge person ``other_ref`` into ``keep_ref`` (see the module docstring); nothing is changed on a refusal."""
    from hive.rules import record_problems

    keep, other = _two_people(ledger, keep_ref, other_ref)
    judged = judged_distinct(ledger).get(_pair_key(keep.id, other.id))
    if judged is not None:
        raise Conflict(
            _("{a} and {b} were judged to be two people ({record}); void {record} first to merge them").format(
                a=keep.id, b=other.id, record=judged
            )
        )
    people_type = ledger.registry.by_model[Person]
    filled = {
        s.name: getattr(other, s.name)
        for s in people_type.fields
        if getattr(keep, s.name) in (None, "", []) and getattr(other, s.name) not in (None, "", [])
    }
    before: list[tuple[RecordType, Any, Any]] = []  # (type, record as it was, as moved)
    for record_type, names in _referring(ledger):
        for record in ledger.all(record_type.model, include_void=True):
            moved = _moved(record, names, other.id, keep.id)
            if moved is not None:
                before.append((record_type, record, moved))
    # Judged as they were, so that only the problems the merge would make refuse it.
    was = {
        record.id: {f.problem for f in record_problems(ledger, t, record)}
        for t, record, _m in [(people_type, keep, None), *before]
    }
    kept = attrs.evolve(keep, **filled)
    ledger.void(other, _("merged into {id}").format(id=keep.id))
    if filled:
        ledger.replace(
            kept,
            action="person merge",
            detail=f"{other.id} -> {keep.id}",
            changes={n: [None, v if n not in people_type.personal_fields else "***"] for n, v in filled.items()},
        )
    by_type: dict[str, list[Any]] = defaultdict(list)
    for record_type, _record, moved in before:
        by_type[record_type.name].append(moved)
    for name, records in by_type.items():
        ledger.replace_many(records, action="person merge", detail=f"{other.id} -> {keep.id}: {len(records)} {name}")
    for record_type, record, moved in [(people_type, keep, kept), *before]:
        if ledger.is_void(record.id):
            continue
        old = was[record.id]
        new = [f.problem for f in record_problems(ledger, record_type, moved) if f.problem not in old]
        if new:
            raise Conflict(
                _("{a} cannot be merged into {b}: {record} would be invalid: {problem}").format(
                    a=other.id, b=keep.id, record=record.id, problem=new[0]
                )
            )
    ledger.log("person merge", keep.id, f"{other.id} -> {keep.id}: {len(before)}")
    return Merged(kept, other, [m.id for _t, _r, m in before], list(filled), ledger.void_of(other.id).id)
