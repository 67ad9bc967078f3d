"""The center's registry of residents."""

from __future__ import annotations

from collections.abc import Callable

from hive import validate
from hive.errors import InvalidInput, NotFound
from hive.i18n import _
from hive.ledger import Ledger
from hive.models import Person


def add_person(ledger: Ledger, name: str, phone: str | None = None) -> Person:
    name = validate.text("name", name)
    phone = validate.phone(phone) if phone else None
    return ledger.add(Person(id="", name=name, phone=phone, added=ledger.today), action="person add")


def find_person(ledger: Ledger, ref: str) -> Person:
    """A person by id, or by name when exactly one person has it."""
    found = ledger.find(Person, ref)
    if found is not None:
        return found
    named = ledger.where(Person, name=ref.strip())  # a lookup by name: the others are not read
    if len(named) == 1:
        return named[0]
    if named:
        raise InvalidInput(
            _("person name '{name}' is ambiguous ({ids}); use an id").format(
                name=ref, ids=", ".join(p.id for p in named)
            )
        )
    raise NotFound(_("no person '{ref}' (give an id or an exact, unique name)").format(ref=ref))


def person_finder(ledger: Ledger) -> Callable[[str], Person]:
    """Like :func:`find_person` for many references (the ledger's lookup by name is built once)."""

    def find(ref: str) -> Person:
        return find_person(ledger, ref)

    return find


def people_index(ledger: Ledger) -> dict[str, list[Person]]:
    """People by name, built once for commands that resolve many names (imports)."""
    index: dict[str, list[Person]] = {}
    for person in ledger.all(Person):
        index.setdefault(person.name, []).append(person)
    return index
