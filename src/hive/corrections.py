"""Correcting mistakes: edit a record, void it, undo the last command. The same for every record type.

* :func:`edit` changes fields of a record by id (``phone=138...``, or the
  field's label: ``电话=...``), validated exactly like an add.
* :func:`void` takes records out of every count, review, report and listing,
  keeping them (and why) in the file; a record others depend on is refused,
  naming them.
* :func:`undo` reverses the last command that changed the center, from the
  Change record its commit left (see :class:`hive.models.Change`).

Each is one audited change: the event log keeps the command and its undo.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from hive.converter import structure, unstructure
from hive.errors import Conflict, InvalidInput, NotFound
from hive.fields import REF, FieldSpec
from hive.frozen import frozen
from hive.i18n import _
from hive.inputs import InputProblem, code_key
from hive.models import Change, Void
from hive.rules import require_valid
from hive.validate import text

if TYPE_CHECKING:
    from hive.contract import RecordType
    from hive.ledger import Ledger


def field_named(record_type: RecordType, typed: str) -> FieldSpec:
    """The field ``typed`` names: its name or its label in English or the current language."""
    from hive.i18n import every_language

    exact = record_type.field(typed)  # a field's own name: what imports and generated commands pass
    if exact is not None:
        return exact
    wanted = code_key(typed)
    for spec in record_type.fields:
        if wanted in (code_key(spec.name), code_key(spec.label), code_key(spec.shown_label(record_type))):
            return spec
    for spec in record_type.fields:  # a label in the other language (电话= in an English session)
        if spec.label and wanted in {code_key(name) for name in every_language(spec.label)}:
            return spec
    known = ", ".join(f"{s.name} ({s.shown_label(record_type)})" for s in record_type.fields if s.editable)
    raise InvalidInput(
        _("{kind} has no field '{field}'; fields: {known}").format(kind=record_type.title, field=typed, known=known)
    )


def typed_value(ledger: Ledger, record_type: RecordType, spec: FieldSpec, raw: Any) -> Any:
    """The value of ``raw`` for ``spec``: parsed, references resolved by id or unique name."""
    try:
        value = spec.parse(raw)
    except InputProblem as exc:
        label = spec.shown_label(record_type)  # (translated only when a problem is told: an import types every cell)
        if spec.personal:  # never echo what may be a phone or an ID number
            raise InvalidInput(_("invalid {field}: not a valid value").format(field=label)) from None
        raise InvalidInput(_("invalid {field}: {problem}").format(field=label, problem=exc)) from None
    if spec.kind == REF and value:
        from hive.resolve import names

        table = spec.target_table(ledger.registry)
        target = ledger.registry.by_name.get(table) if table and table != "*" else None
        if target is not None:
            finder = names(ledger, target)
            value = [finder.find(v).id for v in value] if spec.many else finder.find(value).id
            if spec.many:
                value = list(dict.fromkeys(value))
    return value


def edit(ledger: Ledger, record_id: str, assignments: Iterable[str]) -> tuple[Any, dict[str, list[Any]]]:
    """Change fields of record ``record_id``; returns the new record and field -> [before, after]."""
    record_type, record = ledger.lookup(record_id)
    if not record_type.editable:
        raise Conflict(
            _("{records} are history and cannot be edited ({id})").format(records=record_type.records_title, id=record.id)
        )
    if ledger.is_void(record.id):
        raise Conflict(_("{id} is void; undo the void before editing it").format(id=record.id))
    values: dict[str, Any] = {}
    for assignment in assignments:
        name, sep, raw = assignment.partition("=")
        if not sep or not name.strip():
            raise InvalidInput(_("expected FIELD=VALUE, got '{given}'").format(given=name.strip() or assignment))
        spec = field_named(record_type, name)
        if not spec.editable:
            raise Conflict(_("{field} cannot be edited here").format(field=spec.shown_label(record_type)))
        values[spec.name] = typed_value(ledger, record_type, spec, raw)
    if not values:
        raise InvalidInput(_("give at least one FIELD=VALUE"))
    updated = attrs.evolve(record, **values)
    changed = {
        name: [unstructure(getattr(record, name)), unstructure(value)]
        for name, value in values.items()
        if getattr(record, name) != value
    }
    if not changed:
        raise InvalidInput(_("nothing to change: {id} already has these values").format(id=record.id))
    require_valid(ledger, record_type, updated)
    ledger.replace(updated, action="edit", detail=", ".join(changed), changes=changed)
    return updated, changed


def dependents(ledger: Ledger, record_type: RecordType, record_id: str) -> list[str]:
    """Ids of the records (that count) whose references name ``record_id``."""
    found: list[str] = []
    registry = ledger.registry
    for other in registry.collections:
        refs = [
            s.name
            for s in other.fields
            if s.kind == REF and s.target_table(registry) in (record_type.name,) and other.name != "voids"
        ]
        if not refs:
            continue
        for doc in ledger.documents(other.name).values():
            for name in refs:
                value = doc.get(name)
                if value == record_id or (isinstance(value, list) and record_id in value):
                    if not ledger.is_void(doc.get("id", "")):
                        found.append(doc.get("id", "?"))
                    break
    return found


def void(ledger: Ledger, record_ids: Iterable[str], reason: str) -> list[Void]:
    """Void each record; all or none (a record others depend on is refused, naming them)."""
    reason = text("--reason", reason, limit=4000)
    ids = list(dict.fromkeys(r.strip() for r in record_ids))
    if not ids:
        raise InvalidInput(_("give at least one record id"))
    voided: list[Void] = []
    for record_id in ids:
        record_type, record = ledger.lookup(record_id)
        if not record_type.voidable:
            raise Conflict(
                _("{records} are history and cannot be voided ({id})").format(records=record_type.records_title, id=record.id)
            )
        if ledger.is_void(record.id):
            raise Conflict(_("{id} is void already").format(id=record.id))
        depending = [d for d in dependents(ledger, record_type, record.id) if d not in ids]
        if depending:
            shown = ", ".join(depending[:10]) + (" …" if len(depending) > 10 else "")
            raise Conflict(
                _("{id} cannot be voided: {count} records depend on it ({ids}); void them first").format(
                    id=record.id, count=len(depending), ids=shown
                )
            )
        voided.append(ledger.void(record, reason))
    return voided


@frozen
class UndoPlan:
    """What an undo reverses: the change, and the records it removes and restores."""

    change: Change
    removes: list[str]
    restores: list[str]

    def document(self) -> dict[str, Any]:
        return {
            "change": self.change.id,
            "at": self.change.at.isoformat(),
            "operator": self.change.operator,
            "actions": list(self.change.actions),
            "removes": self.removes,
            "restores": self.restores,
        }


def _live(changes: list[Change]) -> list[Change]:
    return [c for c in changes if c.undoes is None and c.undone_by is None]


def _ids(ledger: Ledger, change: Change) -> tuple[list[str], list[str]]:
    registry = ledger.registry
    removes: list[str] = []
    for table, ranges in change.added.items():
        prefix = registry.by_name[table].prefix if table in registry.by_name else table
        removes.extend(f"{prefix}{n}" for first, last in ranges for n in range(first, last + 1))
    restores: list[str] = []
    for table, docs in change.before.items():
        if table == "center":
            restores.append(_("the center's settings"))
            continue
        prefix = registry.by_name[table].prefix if table in registry.by_name else table
        restores.extend(f"{prefix}{n}" for n in docs)
    return removes, restores


def undo_plan(ledger: Ledger) -> UndoPlan:
    """The last change that was not undone, and what reversing it does; NotFound when there is none."""
    changes = ledger.all(Change)
    live = _live(changes)
    if not live:
        raise NotFound(_("nothing to undo"))
    target = live[-1]
    removes, restores = _ids(ledger, target)
    touched = set(removes) | set(restores) | set(target.records)
    for later in live[live.index(target) + 1 :]:
        later_ids = set().union(*_ids(ledger, later), later.records)
        if touched & later_ids:
            raise Conflict(
                _("{change} cannot be undone: {later} changed the same records since").format(
                    change=target.id, later=later.id
                )
            )
    return UndoPlan(target, removes, restores)


def undo(ledger: Ledger) -> UndoPlan:
    """Reverse the last change; logs an ``undo`` event and marks the change as undone."""
    plan = undo_plan(ledger)
    change = plan.change
    registry = ledger.registry
    for table, ranges in change.added.items():
        record_type = registry.by_name.get(table)
        if record_type is None:
            raise Conflict(
                _("{change} cannot be undone: plugin records of '{table}' are not loaded").format(
                    change=change.id, table=table
                )
            )
        for first, last in ranges:
            for n in range(first, last + 1):
                found = ledger.find(record_type.model, f"{record_type.prefix}{n}")
                if found is not None:
                    ledger.remove(found)
    for table, docs in change.before.items():
        if table == "center":
            from hive.models import Center

            ledger.update_center(structure(docs["1"], Center), action=None)
            continue
        record_type = registry.by_name[table]
        for _n, doc in docs.items():
            ledger.restore(record_type, structure(doc, record_type.model))
    ledger.undoing(change)
    ledger.log("undo", "", f"{change.id}: {', '.join(change.actions)}")
    return plan
