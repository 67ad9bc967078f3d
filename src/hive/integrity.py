"""``hive check``: does the center file hold what hive promises?

The checks, in order:

1. schema: every record of every declared collection (core and installed
   plugins) reads as its model, and its id is its collection's prefix plus its
   number in the file; tables no installed plugin declares are kept as they
   are (a warning);
2. references: memberships, trainings (and their attendees), registrations,
   diagnoses, supervisions, transitions and reviews name organizations and
   people that exist; each event of the audit log names a record that exists;
   each record that counts passes its record type's own rules (``rules=``)
   and repeats no value its field declares unique (``unique_within``);
3. stage history: each organization's transitions form one chain from intake
   (each starts where the previous ended, none goes back in time, none
   predates the organization), and the organization's stage, status and
   ``stage_since`` are where that chain ends;
4. plugins: each enabled plugin's ``hive_check`` hook reports what only it
   knows (see :func:`hive.hookspecs.hive_check`).

The checks read; they never change the file. Messages never carry personal
data: they name tables, ids and fields.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from hive import damage, stages
from hive.contract import ERROR, WARNING, Problem
from hive.converter import structure
from hive.errors import PluginFailed
from hive.fields import REF
from hive.frozen import frozen
from hive.i18n import _
from hive.ledger import CENTER_TABLE, Collection, Ledger
from hive.models import ACTIVE, STATUSES, Organization, Transition
from hive.patterns import LazyPattern

if TYPE_CHECKING:
    from hive.plugins import Plugins

_ID = LazyPattern(r"^([A-Za-z_]*?)(\d+)$")
# What the commands refuse in typed text (hive.validate.text), tab and newline aside: stored text with
# one of these came from a file. (The terminal escapes more, C1 controls too: hive.cli.terminal.)
_CONTROL = LazyPattern("[\x00-\x08\x0b-\x1f\x7f]")


@frozen
class Report:
    """What ``hive check`` found: record counts per table and the problems."""

    path: str
    schema: int
    records: dict[str, int]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    def document(self) -> dict[str, Any]:
        """The ``hive check --json`` document."""
        return {
            "file": self.path,
            "schema": self.schema,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.problems) - len(self.errors),
            "records": self.records,
            "problems": [p.document() for p in self.problems],
        }


def id_number(record_id: object) -> int | None:
    """The number at the end of a record id (``o12`` -> 12), or None for anything else."""
    if not isinstance(record_id, str):
        return None
    found = _ID.match(record_id)
    return int(found.group(2)) if found else None


def dangling(ledger: Ledger, model: type, field: str, target: type) -> list[Problem]:
    """A problem for each record of ``model`` whose ``field`` names no record of ``target``.

    ``field`` may hold an id, a list of ids, or None/empty (nothing to check).
    For plugins' ``hive_check``: ``dangling(ledger, ServiceRecord, "person", Person)``.
    """
    by_model = ledger.registry.by_model
    return _dangling(
        by_model[model].name, ledger.all(model), field, by_model[target].name, {r.id for r in ledger.all(target)}
    )


def _dangling(table: str, records: Iterable[Any], field: str, target: str, known: set[str]) -> list[Problem]:
    problems = []
    for record in records:
        value = getattr(record, field)
        refs = value if isinstance(value, list | tuple) else [value]
        for ref in refs:
            if ref and ref not in known:
                problems.append(
                    Problem(
                        table,
                        record.id,
                        _("{field}: no record {ref} in {target}").format(field=field, target=target, ref=ref),
                    )
                )
    return problems


def _read_records(ledger: Ledger, collection: Collection, problems: list[Problem]) -> tuple[dict[str, Any], bool]:
    """Structure every record of ``collection`` on its own, so one damaged record hides no other."""
    good: dict[str, Any] = {}
    damaged = False
    docs = ledger.store.documents(collection.name)
    for key in sorted(docs, key=lambda k: int(k) if k.isdigit() else 0):
        doc = docs[key]
        shown = doc.get("id") if isinstance(doc.get("id"), str) else f"#{key}"
        try:
            record = structure(doc, collection.model)
        except Exception as exc:  # named by field, never quoting a value (it may be a phone)
            problems.append(
                Problem(
                    collection.name,
                    shown,
                    _("does not read as a record: {problem}").format(problem=damage.describe(doc, collection.model, exc)),
                )
            )
            damaged = True
            continue
        expected = f"{collection.prefix}{key}"
        if record.id != expected:
            problems.append(
                Problem(
                    collection.name,
                    shown,
                    _("its id should be {expected} (its number in the file is {key})").format(
                        expected=expected, key=key
                    ),
                )
            )
            damaged = True
            continue
        good[record.id] = record
    return good, damaged


def _stage_history(orgs: dict[str, Organization], transitions: Iterable[Transition]) -> list[Problem]:
    problems: list[Problem] = []
    by_org: dict[str, list[Transition]] = defaultdict(list)
    for t in transitions:
        by_org[t.org].append(t)
    for org in orgs.values():
        if org.stage not in stages.STAGE_IDS:
            problems.append(
                Problem("organizations", org.id, _("stage '{stage}' is not a stage of hive").format(stage=org.stage))
            )
        if org.status not in STATUSES:
            problems.append(
                Problem("organizations", org.id, _("status '{status}' is not a status").format(status=org.status))
            )
        stage, status, since, last = stages.FIRST, ACTIVE, org.joined, org.joined
        for t in by_org.get(org.id, []):
            if t.from_stage != stage:
                problems.append(
                    Problem(
                        "transitions",
                        t.id,
                        _("moves {org} from stage {from_stage}, but its history had it at {stage}").format(
                            org=org.id, from_stage=t.from_stage, stage=stage
                        ),
                    )
                )
            if t.to_stage not in stages.STAGE_IDS or t.status not in STATUSES:
                problems.append(
                    Problem(
                        "transitions",
                        t.id,
                        _("moves {org} to an unknown stage or status ({stage}, {status})").format(
                            org=org.id, stage=t.to_stage, status=t.status
                        ),
                    )
                )
            if t.date < last:
                problems.append(
                    Problem(
                        "transitions",
                        t.id,
                        _("is dated {date}, before {org}'s previous change or arrival ({last})").format(
                            date=t.date.isoformat(), org=org.id, last=last.isoformat()
                        ),
                    )
                )
            if t.to_stage != t.from_stage:
                since = t.date
            stage, status, last = t.to_stage, t.status, max(last, t.date)
        if org.stage != stage or org.status != status:
            problems.append(
                Problem(
                    "organizations",
                    org.id,
                    _(
                        "is {status} at stage {stage}, but its history ends {expected_status} at {expected_stage}"
                    ).format(status=org.status, stage=org.stage, expected_status=status, expected_stage=stage),
                )
            )
        elif org.stage_since is not None and org.stage_since != since:
            problems.append(
                Problem(
                    "organizations",
                    org.id,
                    _(
                        "entered its stage on {recorded} according to its record, on {expected} according to its history"
                    ).format(recorded=org.stage_since.isoformat(), expected=since.isoformat()),
                )
            )
    return problems


def references(collections: Iterable[Collection], registry: Any) -> list[tuple[str, str, str]]:
    """(table, field, target table) of every declared reference (``ref()`` fields) of ``collections``."""
    found = []
    for collection in collections:
        for spec in collection.fields:
            if spec.kind != REF:
                continue
            target = spec.target_table(registry)
            if target and target != "*":
                found.append((collection.name, spec.name, target))
    return found


def _value_problems(collection: Collection, records: Iterable[Any]) -> list[Problem]:
    """Each stored value that its field's rule refuses (a hand-edited negative hour, a broken phone...)."""
    problems = []
    specs = [s for s in collection.fields if s.kind != REF]
    for record in records:
        for spec in specs:
            problem = spec.problem(getattr(record, spec.name))  # today=None: a past "today" is no error
            if problem:
                problems.append(Problem(collection.name, record.id, f"{spec.name}: {problem}"))
    return problems


def _unique_problems(ledger: Ledger, collection: Collection, records: Iterable[Any]) -> list[Problem]:
    """Records that repeat a value their field declares unique (``unique_within``), as an add would refuse.

    A hand edit, or records kept from before a field was made unique, can hold one name twice.
    Each record that repeats a value is named with the first that holds it; void records do
    not count, as for an add. A personal value (an ID number) is never quoted.
    """
    specs = [s for s in collection.fields if s.unique_within and not s.many]
    if not specs:
        return []
    counted = [r for r in records if not ledger.is_void(r.id)]
    problems = []
    for spec in specs:
        scope = spec.unique_within if isinstance(spec.unique_within, str) else None
        first: dict[tuple[Any, Any], str] = {}
        label = spec.name  # (as every problem of hive check names its field)
        for record in counted:
            value = getattr(record, spec.name)
            if value in (None, "", []):
                continue
            try:
                seen = first.setdefault((getattr(record, scope) if scope else None, value), record.id)
            except TypeError:  # not hashable: not a value a field declared unique holds
                continue
            if seen == record.id:
                continue
            if spec.personal:
                message = _("{field}: another record ({other}) has the same value").format(field=label, other=seen)
            else:
                message = _("{field}: {other} already has '{value}'").format(field=label, other=seen, value=value)
            problems.append(Problem(collection.name, record.id, message))
    return problems


def _rule_problems(ledger: Ledger, collection: Collection, records: Iterable[Any]) -> list[Problem]:
    """What the record type's own rules (``RecordType.rules``) say of each stored record that counts.

    The same rules judge an add, an edit and an import, so a value edited by hand into the file is
    reported in the words the command would have refused it with.
    """
    problems = []
    for record in records:
        if ledger.is_void(record.id):
            continue
        for rule in collection.rules:
            problem = rule(ledger, record)
            if problem:
                problems.append(Problem(collection.name, record.id, problem))
    return problems


def check(ledger: Ledger, plugins: Plugins | None = None) -> Report:
    """Check the open center; see the module's documentation for what is checked."""
    store = ledger.store
    problems: list[Problem] = []
    registry = ledger.registry
    declared = {c.name: c for c in registry.collections}
    records: dict[str, dict[str, Any]] = {}
    damaged = False
    counts = {table: len(store.documents(table)) for table in store.tables()}
    for table in store.tables():
        if table == CENTER_TABLE:
            continue
        collection = declared.get(table)
        if collection is None:
            problems.append(
                Problem(table, "", _("kept as it is: no installed plugin declares this table"), severity=WARNING)
            )
            continue
        records[table], bad = _read_records(ledger, collection, problems)
        damaged = damaged or bad

    for table in records:
        if table in declared:
            problems.extend(_value_problems(declared[table], records[table].values()))
    # the generic rules (dates from 1900, no control characters) where no field rule has named the field
    named_fields = {(p.table, p.record, p.problem.split(":", 1)[0]) for p in problems}
    for table, found in records.items():
        problems.extend(
            p
            for p in value_problems(table, found.values())
            if (p.table, p.record, p.problem.split(":", 1)[0]) not in named_fields
        )
    for table, field, target in references(declared.values(), registry):
        if target not in records and target not in declared:
            continue  # a plugin that is not installed
        problems.extend(_dangling(table, records.get(table, {}).values(), field, target, set(records.get(target, {}))))
    for table, found in records.items():
        if table in declared:
            problems.extend(_unique_problems(ledger, declared[table], found.values()))
        if table in declared and declared[table].rules:
            problems.extend(_rule_problems(ledger, declared[table], found.values()))
    problems.extend(_stage_history(records.get("organizations", {}), records.get("transitions", {}).values()))
    problems.extend(_event_references(records, {c.prefix: c.name for c in declared.values()}))

    installed = set(plugins.names()) if plugins is not None else None
    for name in ledger.center.plugins:
        if installed is not None and name not in installed:
            problems.append(
                Problem(
                    CENTER_TABLE,
                    "",
                    _("plugin '{plugin}' is enabled but not installed: its records are not checked").format(
                        plugin=name
                    ),
                    severity=WARNING,
                )
            )
    if plugins is not None:
        if damaged:
            problems.append(
                Problem("", "", _("plugin checks skipped until the damaged records are repaired"), severity=WARNING)
            )
        else:
            problems.extend(_plugin_problems(ledger, plugins))
    # last: a setting a plugin's own check already named (a mistyped limit) is not reported twice
    named = " ".join(p.problem for p in problems if p.table == CENTER_TABLE)
    problems.extend(problem for key, problem in _setting_problems(ledger) if key not in named)
    return Report(str(store.path), store.schema, counts, problems)


def _undone_ids(records: dict[str, dict[str, Any]], prefixes: dict[str, str]) -> set[str]:
    """Ids an undo removed: the audit log still names them, as it should."""
    by_table = {table: prefix for prefix, table in prefixes.items()}
    ids: set[str] = set()
    for change in records.get("changes", {}).values():
        if change.undone_by:
            for table, ranges in change.added.items():
                prefix = by_table.get(table, "")
                ids.update(f"{prefix}{n}" for first, last in ranges for n in range(first, last + 1))
    return ids


#: The earliest date a center keeps (a founding, a birth, a record): year 1 is a typo, not history.
EARLIEST = dt.date(1900, 1, 1)


def date_problem(field: str, value: object) -> str | None:
    """Why a stored date (or time) cannot be right (before :data:`EARLIEST`), or None."""
    if isinstance(value, dt.date) and value.year < EARLIEST.year:  # EARLIEST is a first of January
        day = value.date() if isinstance(value, dt.datetime) else value
        return _("{field}: {date} is before {earliest}").format(
            field=field, date=day.isoformat(), earliest=EARLIEST.isoformat()
        )
    return None


def text_problem(field: str, value: object) -> str | None:
    """Why stored text would harm a terminal or a sheet (control characters), or None; never quotes it."""
    if isinstance(value, str) and _CONTROL.search(value):
        return _("{field}: holds control characters (an escape sequence?); retype it").format(field=field)
    return None


def hours_problem(field: str, value: object, *, maximum: float = 24.0) -> str | None:
    """Why stored hours of one day's work cannot be right (as ``--hours`` refuses them), or None."""
    from hive import validate
    from hive.errors import InvalidInput

    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        validate.hours(field, float(value), maximum=maximum)
    except InvalidInput:
        return _("{field}: {hours} is not more than 0 and at most {max}").format(field=field, hours=value, max=maximum)
    return None


def phone_problem(field: str, value: object) -> str | None:
    """Why a stored phone number is not one (as ``--phone`` refuses it), or None; never quotes it."""
    from hive import validate
    from hive.errors import InvalidInput

    if not value:
        return None
    try:
        validate.phone(str(value))
    except InvalidInput:
        return _("{field}: not a phone number (expected 5 to 20 digits, optionally with +, spaces or dashes)").format(
            field=field
        )
    return None


def value_problems(table: str, records: Iterable[Any]) -> list[Problem]:
    """Every record's dates and texts, whatever its model: dates from 1900, no control characters."""
    problems = []
    for record in records:
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            for item in value if isinstance(value, list | tuple) else (value,):
                found = date_problem(field.name, item) or text_problem(field.name, item)
                if found:
                    problems.append(Problem(table, record.id, found))
                    break
    return problems


def _core_value_problems(records: dict[str, dict[str, Any]]) -> list[Problem]:
    """The core's own rules on stored values: a person's phone, a training's hours."""
    problems = []
    for person in records.get("people", {}).values():
        found = phone_problem("phone", person.phone)
        if found:
            problems.append(Problem("people", person.id, found))
    for training in records.get("trainings", {}).values():
        found = hours_problem("hours", training.hours)
        if found:
            problems.append(Problem("trainings", training.id, found))
    return problems


def setting_problems(ledger: Ledger) -> list[Problem]:
    """A problem for each stored setting that ``hive settings set`` would refuse now (bounds, type, rule).

    A hand edit, or a file from before a bound was declared, may hold
    ``party.probation_months: 1000000``, which breaks every command that
    counts months. Settings of plugins not installed are left alone.
    """
    return [problem for _key, problem in _setting_problems(ledger)]


def _setting_problems(ledger: Ledger) -> list[tuple[str, Problem]]:
    from hive.errors import InvalidInput

    problems = []
    settings = ledger.settings
    for key, value in sorted(ledger.center.settings.items()):
        declared = settings.declared.get(key)
        if declared is None:
            continue
        try:
            declared.parse(_setting_text(value))
        except InvalidInput as exc:
            problems.append((key, Problem(CENTER_TABLE, "settings", str(exc))))
    return problems


def _setting_text(value: Any) -> str:
    """A stored setting as a user would type it, for :meth:`hive.settings.Setting.parse`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(map(str, value))
    return str(value)


def _event_references(records: dict[str, dict[str, Any]], tables_by_prefix: dict[str, str]) -> list[Problem]:
    problems = []
    undone = _undone_ids(records, tables_by_prefix)
    for event in records.get("events", {}).values():
        if not event.record or event.record in undone:
            continue
        found = _ID.match(event.record)
        table = tables_by_prefix.get(found.group(1)) if found else None
        if table is None or table not in records:  # a record of a plugin that is not installed
            continue
        if event.record not in records[table]:
            problems.append(
                Problem(
                    "events",
                    event.id,
                    _("the audit log names record {record}, which does not exist").format(record=event.record),
                )
            )
    return problems


def _plugin_problems(ledger: Ledger, plugins: Plugins) -> list[Problem]:
    problems: list[Problem] = []
    for name in ledger.center.plugins:
        if not plugins.loaded(name):
            continue
        try:
            results = plugins.call("hive_check", [name], ledger=ledger)
        except PluginFailed as exc:
            problems.append(Problem("", "", str(exc)))
            continue
        for plugin, found in results:
            if plugin != name:
                continue
            for item in found:
                problems.append(item if isinstance(item, Problem) else Problem("", "", str(item)))
    return problems
