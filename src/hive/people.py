"""The center's registry of residents."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator

import attrs

from hive import validate
from hive.ledger import Ledger
from hive.models import Person


def add_person(ledger: Ledger, name: str, phone: str | None = None, id_number: str | None = None) -> Person:
    """Add a resident; a resident ID number already registered is refused, naming the person who has it."""
    name = validate.text("name", name)
    phone = validate.phone(phone) if phone else None
    person = Person(id="", name=name, phone=phone, added=ledger.today)
    if id_number:
        from hive.fields import normalize_id
        from hive.rules import require_valid

        person = require_valid(ledger, ledger.registry.by_model[Person], attrs.evolve(person, id_number=normalize_id(id_number)))
    return ledger.add(person, action="person add")


def find_person(ledger: Ledger, ref: str) -> Person:
    """A person by id, or by name when exactly one person has it; suggestions when neither."""
    return person_finder(ledger)(ref)


def person_finder(ledger: Ledger) -> Callable[[str], Person]:
    """Like :func:`find_person` for many references: names are indexed once per command."""
    from hive.resolve import names

    return names(ledger, ledger.registry.by_model[Person]).find


def people_index(ledger: Ledger) -> dict[str, list[Person]]:
    """People by name, built once for commands that resolve many names (imports)."""
    from hive.resolve import names

    return names(ledger, ledger.registry.by_model[Person]).index


def birth_date(ledger: Ledger, person_id: str) -> dt.date | None:
    """The date of birth a resident ID number of the person holds, or None where none is known.

    The person's own record first; else any record of an enabled record type that refers to the
    person and declares a :func:`hive.fields.resident_id` field (the volunteer plugin keeps the
    ID number of volunteers who gave it only there). One lookup by person per such type, so a
    plugin's rule ("at least 18 when joining") learns what another plugin knows without importing it.
    """
    known = ledger.memo.get(_BIRTH_DATES)
    if known is not None and person_id in known:
        return known[person_id]
    born = _birth_date(ledger, person_id)
    if known is not None:
        known[person_id] = born
    return born


_BIRTH_DATES = "people:birth_dates"  # the ledger.memo key of kept_birth_dates


@contextlib.contextmanager
def kept_birth_dates(ledger: Ledger) -> Iterator[None]:
    """Remember the birth dates :func:`birth_date` finds, while nothing that holds one can change.

    An import judges its rows inside it: they are stored together at its end, so a person asked
    about by a thousand rows is looked up once.
    """
    ledger.memo[_BIRTH_DATES] = {}
    try:
        yield
    finally:
        ledger.memo.pop(_BIRTH_DATES, None)


def _birth_date(ledger: Ledger, person_id: str) -> dt.date | None:
    from hive.codes import birth_date as from_number

    person = ledger.find(Person, person_id)
    if person is not None and person.id_number:
        return from_number(person.id_number)
    for collection, numbers, refs in ledger.registry.resident_id_sources():
        if not ledger.enabled(collection.owner):
            continue
        for ref in refs:
            for found in ledger.values(collection.model, *numbers, **{ref: person_id}):
                born = next((from_number(n) for n in found if n and from_number(n)), None)
                if born is not None:
                    return born
    return None
