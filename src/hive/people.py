"""The center's registry of residents."""

from __future__ import annotations

from collections.abc import Callable

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
