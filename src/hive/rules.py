"""One validation path for every record: what the command line, an import, ``hive edit`` and ``hive check`` apply.

:func:`record_problems` judges a record against its declaration: each
field's own rule (:meth:`hive.fields.FieldSpec.problem`), references that
exist and count, uniqueness within a scope, then the record type's own rules
(the 24-hour day, a team's members...). :func:`require_valid` turns the first
problem into :class:`InvalidInput` (a duplicate into :class:`Conflict`), so a
rejected add or edit writes nothing.

Messages name the field by its label and never quote a personal value.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from hive.errors import Conflict, InvalidInput
from hive.fields import REF
from hive.frozen import frozen
from hive.i18n import _

if TYPE_CHECKING:
    from hive.contract import RecordType
    from hive.ledger import Ledger


@frozen
class Finding:
    """One problem with one record: the field (its name, "" for the whole record) and why."""

    field: str
    problem: str  # with the field's label first: "hours: must be more than 0 and at most 24"
    duplicate: bool = False  # another record already has this value
    label: str = ""  # the field's label ("" for a rule about the whole record)
    reason: str = ""  # the problem without the label


def record_problems(
    ledger: Ledger,
    record_type: RecordType,
    record: Any,
    *,
    stored: bool = False,
    references: bool = True,
    memo: dict[Any, Any] | None = None,
) -> Iterator[Finding]:
    """Every problem of ``record``; ``stored``: it is in the file already (``hive check``).

    ``memo``: a dict kept across many records of one type while the ledger does not change (an
    import), so that a value many rows share (a date, a person) is judged and looked up once.
    """
    registry = ledger.registry
    judged = memo if memo is not None else {}
    for spec in record_type.fields:
        value = getattr(record, spec.name)
        try:
            key = (spec.name, type(value), value)
            problem = judged.get(key, judged)
        except TypeError:  # a list: judged each time
            key, problem = None, judged
        if problem is judged:
            problem = spec.problem(value, ledger.today)
            if key is not None:
                judged[key] = problem
        if problem:
            # the label only where a problem is told: translating it for every field of every row
            # was a third of a large import's time
            label = spec.shown_label(record_type)
            yield Finding(spec.name, f"{label}: {problem}", label=label, reason=problem)
            continue
        if spec.kind == REF and references and value:
            table = spec.target_table(registry)
            if table == "*":
                continue
            target = registry.by_name.get(table) if table else None
            if target is None:
                continue  # a plugin that is not installed
            for ref in value if spec.many else [value]:
                ref_key = (REF, table, stored, ref)
                found = judged.get(ref_key, judged)
                if found is judged:
                    found = judged[ref_key] = _reference_problem(ledger, target, ref, stored)
                if found == _MISSING:
                    yield Finding(
                        spec.name,
                        _("{field}: no record {ref} in {target}").format(
                            field=spec.shown_label(record_type), ref=ref, target=target.title
                        ),
                    )
                elif found == _VOID:
                    yield Finding(spec.name, _("{field}: {ref} is void").format(field=spec.shown_label(record_type), ref=ref))
        if spec.unique_within and value not in (None, "", []) and not spec.many:
            scope = spec.unique_within if isinstance(spec.unique_within, str) else None
            for other in ledger.where(record_type.model, **{spec.name: value}):
                if other.id == record.id:
                    continue
                if scope is not None and getattr(other, scope) != getattr(record, scope):
                    continue
                label = spec.shown_label(record_type)
                if spec.personal:
                    message = _("{field}: another record ({other}) has the same value").format(
                        field=label, other=other.id
                    )
                else:
                    message = _("{field}: {other} already has '{value}'").format(
                        field=label, other=other.id, value=value
                    )
                yield Finding(spec.name, message, duplicate=True)
                break
    for rule in record_type.rules:
        problem = rule(ledger, record)
        if problem:
            yield Finding("", problem)


_MISSING, _VOID = "missing", "void"


def _reference_problem(ledger: Ledger, target: RecordType, ref: str, stored: bool) -> str | None:
    """Why ``ref`` cannot be referred to (:data:`_MISSING`, :data:`_VOID`), or None."""
    if ledger.find(target.model, ref) is None:
        return _MISSING
    if not stored and ledger.is_void(ref):
        return _VOID
    return None


def require_valid(ledger: Ledger, record_type: RecordType, record: Any, *, memo: dict[Any, Any] | None = None) -> Any:
    """``record`` when it has no problem; else the first as InvalidInput (a duplicate as Conflict).

    A wrong value is reported before a duplicate: the value is what to correct first. ``memo``: as
    :func:`record_problems` takes it.
    """
    findings = list(record_problems(ledger, record_type, record, memo=memo))
    for finding in sorted(findings, key=lambda f: f.duplicate):
        if finding.duplicate:
            raise Conflict(finding.problem)
        if finding.label:
            raise InvalidInput(_("invalid {field}: {problem}").format(field=finding.label, problem=finding.reason))
        raise InvalidInput(_("invalid {problem}").format(problem=finding.problem))
    return record
