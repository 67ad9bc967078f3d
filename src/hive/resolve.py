""" "By id or unique name": how a typed reference becomes a record, with suggestions when it does not.

Names are indexed once per command and record type (:class:`Names`), so an
import resolving 100,000 names reads each table once. A reference that is
neither an id nor a unique name says what was meant could be: the records
whose name contains the text, else the closest names.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from hive.errors import InvalidInput, NotFound
from hive.i18n import _

if TYPE_CHECKING:
    from hive.contract import RecordType
    from hive.ledger import Ledger

SUGGESTIONS = 5


def name_field(record_type: RecordType) -> str | None:
    """The field that names a record for people (``name``, else ``title``, ``topic``), or None."""
    names = [f.name for f in record_type.fields]
    return next((n for n in ("name", "title", "topic", "number") if n in names), None)


def title_of(ledger: Ledger, record_type: RecordType, record: Any) -> str:
    """How a record is named for people: its name field, else a referenced record's name, else its id."""
    field = name_field(record_type)
    if field is not None and getattr(record, field, None):
        return str(getattr(record, field))
    for spec in record_type.fields:
        if spec.kind == "ref" and not spec.many and spec.target_table(ledger.registry) in ("people", "organizations"):
            value = getattr(record, spec.name)
            if value:
                target = ledger.registry.by_name[spec.target_table(ledger.registry)]
                found = ledger.find(target.model, value)
                if found is not None:
                    return f"{title_of(ledger, target, found)}"
    return record.id


class Names:
    """Look-ups of one record type by id or name for one command.

    A name is looked up through :meth:`hive.ledger.Ledger.where` (a lookup of
    the name field built once per command from the stored documents: no
    record is structured but the ones found); only a failed look-up reads
    every name, for its suggestions.
    """

    def __init__(self, ledger: Ledger, record_type: RecordType):
        self.ledger = ledger
        self.record_type = record_type
        self.field = name_field(record_type)
        self._index: dict[str, list[Any]] | None = None

    @property
    def index(self) -> dict[str, list[Any]]:
        """Every record (that counts) by name."""
        if self._index is None:
            index: dict[str, list[Any]] = {}
            if self.field is not None:
                for record in self.ledger.all(self.record_type.model):
                    index.setdefault(str(getattr(record, self.field)).strip(), []).append(record)
            self._index = index
        return self._index

    def named(self, name: str) -> list[Any]:
        if self.field is None:
            return []
        if self._index is not None:
            return self._index.get(name, [])
        return self.ledger.where(self.record_type.model, **{self.field: name})

    def find(self, typed: str) -> Any:
        """The record ``typed`` names: an id of this type (not void), or a name exactly one record has."""
        ref = typed.strip()
        ledger, record_type = self.ledger, self.record_type
        found = ledger.find(record_type.model, ref)
        if found is not None:
            if ledger.is_void(found.id):
                raise NotFound(
                    _("{kind} {id} is void; 'hive undo' or 'hive show {id}' tells why").format(
                        kind=record_type.title, id=found.id
                    )
                )
            return found
        named = self.named(ref)
        if len(named) == 1:
            return named[0]
        if named:
            raise InvalidInput(
                _("{kind} name '{name}' is ambiguous ({ids}); use an id").format(
                    kind=record_type.title, name=ref, ids=", ".join(r.id for r in named)
                )
            )
        raise NotFound(self.not_found(ref))

    def not_found(self, ref: str) -> str:
        hints = self.suggestions(ref)
        if hints:
            return _("no {kind} '{ref}'; did you mean: {hints}?").format(
                kind=self.record_type.title, ref=ref, hints=", ".join(hints)
            )
        return _("no {kind} '{ref}' (give an id or an exact, unique name)").format(kind=self.record_type.title, ref=ref)

    def suggestions(self, ref: str) -> list[str]:
        """``id name`` of the records whose name contains ``ref``, else of the closest names."""
        if not ref or self.field is None:
            return []
        wanted = ref.casefold()
        pairs = self.ledger.values(self.record_type.model, "id", self.field)
        names = list(dict.fromkeys(str(name) for _id, name in pairs))
        hits = [n for n in names if wanted in n.casefold()]
        if not hits:
            hits = difflib.get_close_matches(ref, names, n=SUGGESTIONS, cutoff=0.5)
        chosen = set(hits[:SUGGESTIONS])
        return [f"{record_id} {name}" for record_id, name in pairs if str(name) in chosen][:SUGGESTIONS]


def names(ledger: Ledger, record_type: RecordType) -> Names:
    """The command's one :class:`Names` of ``record_type`` (kept on the ledger, so each table is indexed once)."""
    key = f"names:{record_type.name}"
    found = ledger.memo.get(key)
    if found is None:
        found = ledger.memo[key] = Names(ledger, record_type)
    return found


def resolve(ledger: Ledger, model: type, typed: str) -> Any:
    """The record of ``model`` that ``typed`` names (id or unique name), or NotFound with suggestions."""
    return names(ledger, ledger.registry.by_model[model]).find(typed)
