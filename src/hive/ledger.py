"""The ledger (台账): a center's records, loaded once for one command.

A :class:`Ledger` wraps an open :class:`hive.store.Store`. It structures a
collection into model objects the first time it is asked for (and only
then), hands out new ids, keeps every addition and replacement in memory,
logs each change in the append-only event log, and writes everything in
one atomic commit when the command ends without error.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import operator
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from hive import clock, incubation
from hive.contract import RecordType
from hive.converter import converter, structure, unstructure
from hive.damage import describe
from hive.errors import BadFile, Conflict, InvalidInput, NotFound, PluginFailed
from hive.frozen import frozen
from hive.i18n import N_, _
from hive.models import Center, Change, Event, Membership, Organization, Person, Void, model_path
from hive.rows import Positions, Rows
from hive.settings import Settings
from hive.store import META, Store

T = TypeVar("T")

CENTER_TABLE = "center"


# What hive 0.1 plugins imported from here; the type lives in the contract now.
Collection = RecordType

CORE_COLLECTIONS: tuple[RecordType, ...] = (
    RecordType(
        "organizations", Organization, "o", label=N_("organization"), key=("name",), rules=(incubation.category_rule,)
    ),
    RecordType("people", Person, "p", label=N_("person"), key=("name", "phone")),
    RecordType("memberships", Membership, "m", label=N_("membership"), key=("org", "person")),
    RecordType("trainings", model_path("Training"), "t", label=N_("training"), key=("org", "date", "topic")),
    RecordType("registrations", model_path("Registration"), "r", label=N_("registration"), key=("org", "date")),
    RecordType("diagnoses", model_path("Diagnosis"), "d", label=N_("diagnosis"), key=("org", "date")),
    RecordType(
        "supervisions",
        model_path("Supervision"),
        "s",
        label=N_("supervision session"),
        key=("org", "date", "supervisor"),
    ),
    # The lifecycle around the stages (hive.incubation): corrected with hive edit, void and undo like the above.
    RecordType(
        "applications",
        model_path("Application"),
        "ap",
        label=N_("application"),
        key=("org", "received"),
        rules=(incubation.application_rule,),
    ),
    RecordType(
        "agreements",
        model_path("Agreement"),
        "ag",
        label=N_("incubation agreement"),
        key=("org", "start"),
        rules=(incubation.agreement_rule,),
    ),
    RecordType(
        "renewals",
        model_path("Renewal"),
        "rw",
        label=N_("renewal"),
        key=("agreement", "until"),
        rules=(incubation.renewal_rule,),
    ),
    RecordType(
        "exits",
        model_path("Exit"),
        "ex",
        label=N_("exit"),
        key=("org", "date"),
        rules=(incubation.exit_rule,),
    ),
    RecordType("graduations", model_path("Graduation"), "gr", label=N_("graduation"), key=("org",)),
    RecordType(
        "member_roles",
        model_path("Role"),
        "mr",
        label=N_("member role"),
        key=("org", "person", "since"),
        rules=(incubation.role_rule,),
    ),
    # Stage history, reviews and the logs are what happened: corrected by new records, never edited.
    RecordType("transitions", model_path("Transition"), "x", label=N_("stage change"), editable=False, voidable=False),
    RecordType("reviews", model_path("Review"), "rv", label=N_("review"), editable=False, voidable=False),
    RecordType("events", Event, "e", label=N_("event"), editable=False, voidable=False),
    RecordType("voids", Void, "vd", label=N_("void"), editable=False, voidable=False),
    RecordType("changes", Change, "c", label=N_("change"), editable=False, voidable=False),
    RecordType("due_done", model_path("DueDone"), "dd", label=N_("ticked-off item"), editable=False),
    # Two people judged not to be one resident (hive person duplicates --not): voided to take it back.
    RecordType("distinct_people", model_path("Distinct"), "dp", label=N_("distinct pair"), editable=False),
    # A rubric that has been used must stay as it was: a revision is loaded under a new name.
    RecordType("rubrics", model_path("Rubric"), "rb", label=N_("rubric"), key=("name",), editable=False),
    RecordType("assessments", model_path("Assessment"), "as", label=N_("assessment"), editable=False),
    # Logins of hive serve: changed with `hive user`, never by `hive edit` (the password hash) nor voided.
    RecordType(
        "users", model_path("User"), "u", personal=("password",), label=N_("user"), editable=False, voidable=False
    ),
)
#: Tables whose writes are the log of the others: not part of what ``hive undo`` reverses.
LOG_TABLES = frozenset({"events", "changes"})


class _Table:
    """One collection's records in memory: objects, ids, and what changed.

    Stored documents are structured into objects only when asked for: the
    whole table on the first :attr:`objects`, a single record when it is looked
    up by id before that (ids are the prefix and the document's number). A
    command that only adds records (events, reviews) never structures the
    stored ones, so its cost does not grow with the history kept.
    """

    def __init__(self, collection: Collection, raw: dict[str, dict[str, Any]], path: str, floor: int = 1):
        self.collection = collection
        self.floor = floor  # the next number may not be lower: ids removed by an undo are never given again
        self.before: dict[int, dict[str, Any]] = {}  # stored documents as they were before this command
        self.removed: list[int] = []
        self.raw = raw
        self.path = path
        # Keys are numbers: a file's tables are checked as the store reads them (hive.store._check_table),
        # a server's by its schema.
        # Numbering (the keys' maximum) is worked out on the first write: a command that only
        # reads a table of 500,000 records saves converting its keys.
        self._next_number: int | None = None
        self._first_added: int | None = None  # ids from here on were added by this command
        self.added: list[tuple[int, dict[str, Any]]] = []
        self.replaced: dict[int, dict[str, Any]] = {}
        conv = converter()
        self._structure = conv.get_structure_hook(collection.model)
        self._unstructure = conv.get_unstructure_hook(collection.model)
        self._objects: list[Any] | None = None  # every record in order, once the table is loaded
        self._position: dict[str, int] | None = None  # id -> index in _objects, built on first need
        self.by_id: dict[str, Any] = {}  # loaded: every record; before: those looked up, added or replaced
        self._numbers: dict[str, int] = {}  # id -> document number, for the records known so far
        self._new: list[Any] = []  # records added before the table was loaded
        self._new_index: dict[str, int] = {}  # id -> index in _new
        self._changed: dict[str, Any] = {}  # stored records replaced before the table was loaded
        # Lookups (field -> value -> positions), built on a field's first question: over the stored
        # documents before the table is loaded, over the objects after.
        self._doc_list: list[dict[str, Any]] | Positions | None = None
        self._key_list: list[str] | None = None
        self._doc_lookups = _Lookups(None)
        self._object_index: _Lookups | None = None

    def _numbering(self) -> None:
        if self._next_number is None:
            last = getattr(self.raw, "last_number", None)  # a server store answers without fetching the table
            stored = last() if last else max(map(int, self.raw), default=0)
            self._next_number = max(stored + 1, self.floor)
            self._first_added = self._next_number

    def _bad_key(self, key: str) -> BadFile:
        # TinyDB document ids are numbers; a hand edit may have broken one
        return BadFile(
            _("{path}: record {key} of '{table}' is damaged: its key is not a number").format(
                path=self.path, key=key, table=self.collection.name
            )
        )

    def _key_number(self, key: str) -> int:
        if not key.isdigit():
            raise self._bad_key(key)
        return int(key)

    @property
    def next_number(self) -> int:
        self._numbering()
        return self._next_number  # type: ignore[return-value]

    @next_number.setter
    def next_number(self, value: int) -> None:
        self._numbering()
        self._next_number = value

    @property
    def first_added(self) -> int:
        self._numbering()
        return self._first_added  # type: ignore[return-value]

    @first_added.setter
    def first_added(self, value: int) -> None:
        self._numbering()
        self._first_added = value

    def _load_one(self, key: str, doc: dict[str, Any]) -> Any:
        try:
            return self._structure(doc, self.collection.model)
        except Exception as exc:  # a hand-edited or damaged record
            raise BadFile(
                _("{path}: record {key} of '{table}' is damaged: {problem}").format(
                    path=self.path,
                    key=key,
                    table=self.collection.name,
                    problem=describe(doc, self.collection.model, exc),
                )
            ) from None

    @property
    def objects(self) -> list[Any]:
        """Every record, stored ones first, then those added by this command."""
        return self._objects if self._objects is not None else self._load()

    def _load(self) -> list[Any]:
        if self._objects is None:
            structure, model = self._structure, self.collection.model
            try:
                objects = [structure(doc, model) for doc in self.raw.values()]
            except Exception:
                for key, doc in self.raw.items():  # name the damaged record
                    self._load_one(key, doc)
                raise
            if self.by_id:  # keep the objects already handed out (and the replacements)
                known = self.by_id
                objects = [known.get(o.id, o) for o in objects]
            objects.extend(self._new)
            self._objects = objects
            self.by_id = {o.id: o for o in objects}
            self._new, self._new_index, self._changed = [], {}, {}
        return self._objects

    def find(self, record_id: str) -> Any | None:
        found = self.by_id.get(record_id)
        if found is not None or self._objects is not None:
            return found
        prefix = self.collection.prefix
        key = record_id[len(prefix) :] if record_id.startswith(prefix) else ""
        doc = self.raw.get(key) if key.isdigit() else None
        if doc is not None:
            obj = self._load_one(key, doc)
            if obj.id == record_id:
                self.by_id[record_id] = obj
                self._numbers[record_id] = self._key_number(key)
                return obj
        self._load()  # an id that is not prefix + number (a hand edit): look at every record
        return self.by_id.get(record_id)

    def _number(self, record_id: str) -> int | None:
        if self.find(record_id) is None:
            return None
        if record_id not in self._numbers:  # loaded as a whole: number the stored records once
            # (by their documents' ids: the objects are no guide once an undo has taken one out)
            for key, doc in self.raw.items():
                self._numbers.setdefault(doc.get("id"), self._key_number(key))
        return self._numbers.get(record_id)

    def _take_number(self) -> int:
        if self._next_number is None:
            self._numbering()
        number = self._next_number
        assert number is not None
        self._next_number = number + 1
        return number

    def insert(self, record: Any) -> Any:
        """Give ``record`` the next id and keep it as added."""
        number = self._take_number()
        record = attrs.evolve(record, id=f"{self.collection.prefix}{number}")
        self.by_id[record.id] = record
        self._numbers[record.id] = number
        if self._objects is not None:
            if self._position is not None:
                self._position[record.id] = len(self._objects)
            self._objects.append(record)
        else:
            self._new_index[record.id] = len(self._new)
            self._new.append(record)
        self.added.append((number, self._unstructure(record)))
        return record

    def store(self, record: Any) -> str:
        """Give ``record`` the next id and keep only its document, not an object too (see :meth:`Ledger.store_many`)."""
        number = self._take_number()
        record_id = f"{self.collection.prefix}{number}"
        doc = self._unstructure(record)
        doc["id"] = record_id  # (in the key's place: the document of the record with its id, as insert gives)
        self.added.append((number, doc))
        return record_id

    def where(self, equals: dict[str, Any]) -> list[Any]:
        """The records whose fields equal ``equals``; before loading, only the matches are structured."""
        items = _criteria(self.collection.model, equals)
        fetched = self._server_candidates(items)
        if fetched is not None:
            return fetched
        positions = self.matching(items)
        if self._objects is not None:
            return [self._objects[i] for i in positions]
        found = []
        for key, doc in self.documents(positions):
            obj = self.by_id.get(doc.get("id"))
            if obj is None:
                obj = self._load_one(key, doc)
                self.by_id[obj.id] = obj
                self._numbers[obj.id] = self._key_number(key)
            if _matches(obj, items):
                found.append(obj)
        found.extend(o for o in self._new if _matches(o, items))
        return found

    def values(self, names: tuple[str, ...], equals: dict[str, Any]) -> list[tuple[Any, ...]]:
        """The fields ``names`` of the records matching ``equals``, read from the stored documents.

        Nothing is structured unless a stored value is not of its field's type (then the record is,
        to name the damage); dates come back as dates. For totals over many records.
        """
        items = _criteria(self.collection.model, equals)
        fetched = self._server_candidates(items)
        if fetched is not None:
            return [tuple(getattr(o, n) for n in names) for o in fetched]
        readers = _readers(self.collection.model, names)
        positions = self.matching(items)
        if self._objects is not None:
            objects = self._objects
            return [tuple(getattr(objects[i], n) for n in names) for i in positions]
        # the criteria's fields a candidate may lack (its default then decides): every document has a
        # field that a lookup found in all of them
        lookups = self._doc_lookups
        unsure = [n for n, _v in items if n not in names and (n not in lookups.by_field or lookups.absent.get(n))]
        rows = None if self._changed else _read_columns(self._docs(), positions, names, unsure, readers)
        if rows is None:
            rows = self._read_one_by_one(positions, names, items, readers)
        rows.extend(tuple(getattr(o, n) for n in names) for o in self._new if _matches(o, items))
        return rows

    def _server_candidates(self, items: tuple[tuple[str, Any], ...]) -> list[Any] | None:
        """On a server store, before the table is read: the matching records, from the rows an index finds.

        None when the store is a file, the table is loaded, this command replaced some of its records,
        or no field of ``items`` is indexed by the server (then the table is read as usual).
        """
        fetch = getattr(self.raw, "matching", None)
        if fetch is None or self._objects is not None or self._changed or not items:
            return None
        rows = fetch(tuple((name, _stored_value(value)) for name, value in items))
        if rows is None:
            return None
        found = []
        for key, doc in rows:
            obj = self.by_id.get(doc.get("id"))
            if obj is None:
                obj = self._load_one(key, doc)
                self.by_id[obj.id] = obj
                self._numbers[obj.id] = self._key_number(key)
            if _matches(obj, items):
                found.append(obj)
        found.extend(o for o in self._new if _matches(o, items))
        return found

    def _read_one_by_one(self, positions, names, items, readers) -> list[tuple[Any, ...]]:
        """:meth:`values` for records replaced by this command or damaged ones (judged on their objects)."""
        changed, by_id = self._changed, self.by_id
        rows = []
        for key, doc in self.documents(positions):
            obj = by_id.get(doc.get("id")) if changed else None
            if obj is None:
                if all(name in doc for name, _value in items):  # else a default decides: judged on the object
                    try:
                        rows.append(tuple(read(doc) for read in readers))
                        continue
                    except (TypeError, ValueError):  # a damaged or hand-edited value: named by structuring it
                        pass
                obj = self._load_one(key, doc)
            if _matches(obj, items):
                rows.append(tuple(getattr(obj, n) for n in names))
        return rows

    # -- lookups: which records have a value, found once per command and field ----------------------
    def matching(self, items: tuple[tuple[str, Any], ...]) -> list[int]:
        """Positions of the candidates for ``items``: in the loaded objects, else in the stored documents.

        Before loading, a candidate's stored document matches (or the record was replaced by this
        command, or a field is missing from its document and its default decides); records added by
        this command are left to the caller. After loading, exactly the matching objects.
        """
        if self._objects is not None:
            lookups = self._object_lookups()
            if not items:
                return list(range(len(self._objects)))
            if len(items) > 1:
                best = lookups.together(tuple((n, _object_value(v)) for n, v in items), None)
                if best is not None:
                    return [i for i in best if _matches(self._objects[i], items)]
            name, value = _looked_up(lookups, items)
            best = _positions(lookups, name, value, _object_value)
            return [i for i in best if _matches(self._objects[i], items)] if len(items) > 1 else best
        docs = self._docs()
        if not items:
            return list(range(len(docs)))
        lookups = self._doc_lookups
        stored = tuple((name, _stored_value(value)) for name, value in items) if len(items) > 1 else ()
        best = lookups.together(stored, docs) if stored else None
        if best is None:
            name, value = _looked_up(lookups, items)
            best = _positions(lookups, name, value, _stored_value, docs)
        if stored:
            best = [i for i in best if _doc_may_match(docs[i], stored)]
        if self._changed:  # the stored version of a replaced record may not match what it is now
            ids = lookups.of("id", docs)
            best = sorted({*best, *(i for rid in self._changed for i in ids.get(rid, ()))})
        return best

    def documents(self, positions: Iterable[int]) -> Iterator[tuple[str, dict[str, Any]]]:
        keys, docs = self._keys(), self._docs()
        return ((keys[i], docs[i]) for i in positions)

    def _docs(self) -> list[dict[str, Any]] | Positions:
        """The stored documents by position: a list, or a table held as rows by position (see :class:`Rows`)."""
        if self._doc_list is None:
            raw = self.raw
            self._doc_list = raw.by_position() if type(raw) is Rows else list(raw.values())
        return self._doc_list

    def _keys(self) -> list[str]:
        if self._key_list is None:
            raw = self.raw  # (a copy's keys: only the store's table gains records)
            self._key_list = raw.keys_ if type(raw) is Rows else list(raw)
        return self._key_list

    def _object_lookups(self) -> _Lookups:
        objects = self._objects
        if (
            self._object_index is None
            or self._object_index.source is not objects
            or self._object_index.size != len(objects)
        ):
            self._object_index = _Lookups(objects)
        return self._object_index

    def replace(self, record: Any) -> bool:
        """Keep ``record`` as the new version of the record with its id; False when there is none."""
        number = self._number(record.id)
        if number is None:
            return False
        if self._objects is not None:
            if self._position is None:
                self._position = {o.id: i for i, o in enumerate(self._objects)}
            self._objects[self._position[record.id]] = record
            self._object_index = None
        elif record.id in self._new_index:
            self._new[self._new_index[record.id]] = record
        else:
            self._changed[record.id] = record
        self.by_id[record.id] = record
        doc = self._unstructure(record)
        if number >= self.first_added:
            self.added[number - self.first_added] = (number, doc)
        else:
            self.before.setdefault(number, self.raw[str(number)])
            self.replaced[number] = doc
        return True

    def remove(self, record_id: str) -> bool:
        """Take a stored record out of the table (an undo of its addition); False when there is none."""
        number = self._number(record_id)
        if number is None or number >= self.first_added:
            return False
        objects = self._load()
        self._objects = [o for o in objects if o.id != record_id]
        self._position = None
        self.by_id.pop(record_id, None)
        self.before.setdefault(number, self.raw[str(number)])
        self.replaced.pop(number, None)
        self.removed.append(number)
        return True


def _ranges(numbers: Iterable[int]) -> list[list[int]]:
    """``[3, 4, 5, 9]`` -> ``[[3, 5], [9, 9]]``: an import of 100,000 records is one range."""
    ranges: list[list[int]] = []
    for n in sorted(numbers):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return ranges


@frozen
class Between:
    """A value for :meth:`Ledger.where`: from ``first`` to ``last``, both included (None: no bound).

    ``ledger.where(ServiceRecord, team="vt3", date=Between(first, today))``: one team's records of
    a period. Dates, numbers or text; a record whose value is None is never between.
    """

    first: Any = None
    last: Any = None

    def __contains__(self, value: Any) -> bool:
        if value is None:
            return False
        try:
            return (self.first is None or self.first <= value) and (self.last is None or value <= self.last)
        except TypeError:  # a value of another type (a damaged record) is not in the range
            return False


_SCALARS = (str, int, float, bool, dt.date)


@functools.cache
def _field_names(model: type) -> frozenset[str]:
    return frozenset(attrs.fields_dict(model))  # (attrs builds the dict anew at each call)


def _criteria(model: type, equals: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    fields = _field_names(model)
    for name, value in equals.items():
        if name not in fields:
            raise TypeError(f"{model.__name__} has no field {name!r}")
        bounds = (value.first, value.last) if isinstance(value, Between) else (value,)
        if any(v is not None and not isinstance(v, _SCALARS) for v in bounds):
            raise TypeError(
                f"where({name}=...) compares text, numbers, booleans, dates, Between or None, "
                f"not {type(value).__name__}"
            )
    return tuple(equals.items())


def _matches(obj: Any, items: tuple[tuple[str, Any], ...]) -> bool:
    for name, value in items:
        found = getattr(obj, name)
        if type(value) is Between:
            if found not in value:
                return False
        elif found != value:
            return False
    return True


def _stored_value(value: Any) -> Any:
    """How ``value`` reads in a stored document: dates as ISO text (the converter writes them so)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if type(value) is Between:
        return Between(_stored_value(value.first), _stored_value(value.last))
    return value


def _object_value(value: Any) -> Any:
    return value


_ABSENT = object()


class _Lookups:
    """Per field, the positions holding each value: one pass over the records on a field's first question.

    Over stored documents (``source`` None: given at each question) a document without the field is
    kept apart: its field's default decides, so it stays a candidate of every question.
    """

    def __init__(self, source: list[Any] | None):
        self.source = source
        self.size = len(source) if source is not None else 0
        self.by_field: dict[str, dict[Any, list[int]]] = {}
        self.absent: dict[str, list[int]] = {}
        self.ordered: dict[str, list[Any] | None] = {}
        self.scanned: set[str] = set()  # fields asked once, answered by a scan (no lookup built yet)
        # several fields asked together (a person's day): their values' lookup, built on a second question
        self.asked: dict[tuple[str, ...], int] = {}
        self.together_by: dict[tuple[str, ...], tuple[dict[Any, list[int]], list[int]] | None] = {}

    def scan(self, name: str, docs: list[Any] | None, wanted: Any) -> list[int] | None:
        """Positions holding ``wanted`` (a value or a :class:`Between`) in ``name``, by one comparison
        pass at C speed, or None: the lookup answers instead (:meth:`of`).

        A field's first question: a command asking about one person, one day or one period once
        (``volunteer log``'s 24-hour check, the team criterion's window) pays a comparison per
        record, not a lookup of every value; the second question about the field builds the lookup.
        None where the lookup knows better: a document without the field (its default decides), a
        value a period cannot be compared with (a None, a damaged value), a period without bounds.
        """
        self.scanned.add(name)
        column = self._column(name, docs, complete=False)
        if column is None:
            return None
        repeat = itertools.repeat
        if type(wanted) is not Between:
            hits = map(operator.eq, column, repeat(wanted))
        else:
            tests = []
            if wanted.first is not None:
                tests.append(map(operator.le, repeat(wanted.first), column))
            if wanted.last is not None:
                tests.append(map(operator.ge, repeat(wanted.last), column))
            if not tests:
                return None
            hits = tests[0] if len(tests) == 1 else map(operator.and_, *tests)
        try:
            return list(itertools.compress(itertools.count(), hits))
        except TypeError:
            return None

    def together(self, items: tuple[tuple[str, Any], ...], docs: list[Any] | None) -> list[int] | None:
        """Positions holding each value of ``items`` (several fields asked at once, ``items`` as stored)
        from one lookup of the fields' values together, or None: the question is answered field by field.

        ``hive check`` asks of every service record the hours of its person's day; one field's lookup
        then leaves each question all of the person's records to compare. The lookup is built on the
        second question about the same fields (one question is answered by the field's lookup), and
        not for a period or a value that cannot be looked up (a list). A record without one of the
        fields stays a candidate of every question, as :meth:`of` keeps it.
        """
        names = tuple(name for name, _value in items)
        if names not in self.together_by:
            self.asked[names] = self.asked.get(names, 0) + 1
            if self.asked[names] < 2:
                return None
            columns = [self._column(name, docs) for name in names]
            keys = list(zip(*columns))
            try:
                found = _group(keys)
            except TypeError:  # a list or a mapping among the values
                self.together_by[names] = None
                return None
            absent = [i for i, key in enumerate(keys) if _ABSENT in key] if docs is not None else []
            self.together_by[names] = (found, absent)
        built = self.together_by[names]
        wanted = tuple(value for _name, value in items)
        if built is None or any(type(value) is Between for value in wanted):
            return None
        found, absent = built
        try:
            hits = found.get(wanted, [])
        except TypeError:
            return None
        return sorted([*hits, *absent]) if absent else hits

    def _column(self, name: str, docs: list[Any] | None, *, complete: bool = True) -> list[Any] | None:
        """The field's value in each record, in order (objects when ``docs`` is None).

        A document lacking the field reads as ``_ABSENT`` (``complete``), or the column is None.
        """
        if docs is None:
            return list(map(operator.attrgetter(name), self.source or ()))
        if type(docs) is Positions:  # every record has the same fields
            column = docs.column(name)
            if column is None:
                return [_ABSENT] * len(docs) if complete else None
            return column
        try:
            return list(map(operator.itemgetter(name), docs))
        except KeyError:  # some document lacks the field
            return [doc.get(name, _ABSENT) for doc in docs] if complete else None

    def of(self, name: str, docs: list[Any] | None) -> dict[Any, list[int]]:
        found = self.by_field.get(name)
        if found is None:
            column = self._column(name, docs)
            assert column is not None
            try:
                found = _group(column)
            except TypeError:  # a list or a mapping: equal to no value a question can ask for
                found = _group([v if _hashable(v) else _UNHASHABLE for v in column])
                found.pop(_UNHASHABLE, None)
            absent = found.pop(_ABSENT, [])
            self.by_field[name], self.absent[name] = found, absent
        return found

    def sorted_values(self, name: str) -> list[Any] | None:
        """The field's distinct values in order, or None when they cannot be ordered (mixed types)."""
        if name not in self.ordered:
            values = [v for v in self.by_field[name] if v is not None]
            try:
                values.sort()
            except TypeError:
                values = None
            self.ordered[name] = values
        return self.ordered[name]


_UNHASHABLE = object()


def _group(column: list[Any]) -> dict[Any, list[int]]:
    """Value -> positions holding it, in order."""
    found: defaultdict[Any, list[int]] = defaultdict(list)
    for i, value in enumerate(column):
        found[value].append(i)
    found.default_factory = None  # a plain mapping from here on: a missing value is a KeyError
    return found


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _looked_up(lookups: _Lookups, items: tuple[tuple[str, Any], ...]) -> tuple[str, Any]:
    """The criterion answered through a lookup: one whose field is already looked up, else the first.

    One lookup per question: the other criteria are checked on the candidates only, so asking
    ``person=..., status=...`` never builds a lookup of every record's status.
    """
    for item in items:
        if item[0] in lookups.by_field:
            return item
    return items[0]


def _positions(lookups: _Lookups, name: str, value: Any, convert: Callable[[Any], Any], docs=None) -> list[int]:
    """Candidates for ``name`` = ``value``, in order: the lookup's bucket(s) and the documents without it."""
    wanted = convert(value)
    if name not in lookups.by_field and name not in lookups.scanned:  # a field's first question: a scan
        found = lookups.scan(name, docs, wanted)
        if found is not None:
            return found
    index = lookups.of(name, docs)
    absent = lookups.absent.get(name, [])
    if type(wanted) is Between:
        ordered = lookups.sorted_values(name)
        if ordered is None:
            keys = [v for v in index if v in wanted]
        else:
            low = 0 if wanted.first is None else bisect.bisect_left(ordered, wanted.first)
            high = len(ordered) if wanted.last is None else bisect.bisect_right(ordered, wanted.last)
            keys = ordered[low:high]
        found = [i for k in keys for i in index[k]]
        if len(keys) > 1 or absent:
            found = sorted([*found, *absent])
        return found
    try:
        found = index.get(wanted, [])
    except TypeError:
        found = []
    return sorted([*found, *absent]) if absent else found


def _doc_may_match(doc: dict[str, Any], stored: tuple[tuple[str, Any], ...]) -> bool:
    """Whether a stored document may match (``stored``: the values as documents hold them)."""
    for name, wanted in stored:
        value = doc.get(name, _ABSENT)
        if value is _ABSENT:
            continue  # the default decides, on the object
        if type(wanted) is Between:
            if value not in wanted:
                return False
        elif value != wanted:
            return False
    return True


def _read_columns(
    docs: list[dict[str, Any]] | Positions,
    positions: list[int],
    names: tuple[str, ...],
    unsure: list[str],
    readers: list[Any],
) -> list[tuple[Any, ...]] | None:
    """:meth:`_Table.values` the fast way: whole columns picked and checked at C speed.

    None when a candidate lacks a field (of ``names`` or ``unsure``: its default decides) or holds a
    value not of its field's type (a damaged record): then the records are read one by one.
    """
    wanted = list(dict.fromkeys([*names, *unsure]))
    if not positions:
        return []
    if type(docs) is Positions:
        rows = docs.picked(None if len(positions) == len(docs) else positions, wanted)
        if rows is None:  # not a field of the records
            return None
    else:
        picked = docs if len(positions) == len(docs) else list(map(docs.__getitem__, positions))
        try:
            rows = list(map(operator.itemgetter(*wanted), picked))
        except KeyError:
            return None
    columns = list(zip(*rows, strict=True)) if len(wanted) > 1 else [rows]
    out = []
    for name, read in zip(names, readers, strict=True):
        column = columns[wanted.index(name)]
        kinds = set(map(type, column))
        if not kinds <= read.accepted:
            return None
        if read.parse is not None and kinds - {type(None)} != {float}:  # dates, or whole numbers in a float field
            try:
                column = [None if v is None else read.parse(v) for v in column]
            except ValueError:
                return None
        out.append(column)
    if len(out) == 1:
        return [(v,) for v in out[0]]
    if wanted == list(names) and all(a is b for a, b in zip(out, columns, strict=False)):
        return rows  # nothing converted: the picked tuples are the rows
    return list(zip(*out, strict=True))


@functools.cache  # (an import asks the same question of every row)
def _readers(model: type, names: tuple[str, ...]) -> list[Callable[[dict[str, Any]], Any]]:
    """For each field, a function reading its value from a stored document, checked against the field's type. Do not mutate."""
    fields = attrs.fields_dict(_resolved(model))
    readers = []
    for name in names:
        field = fields.get(name)
        if field is None:
            raise TypeError(f"{model.__name__} has no field {name!r}")
        readers.append(_reader(model, field))
    return readers


@functools.cache
def _resolved(model: type) -> type:
    return attrs.resolve_types(model)


def _reader(model: type, field: attrs.Attribute) -> Callable[[dict[str, Any]], Any]:
    kind, optional = field.type, False
    if typing.get_origin(kind) in (typing.Union, types.UnionType) and type(None) in typing.get_args(kind):
        args = [a for a in typing.get_args(kind) if a is not type(None)]
        kind, optional = (args[0] if len(args) == 1 else None), True
    if kind not in (str, int, float, bool, dt.date):
        raise TypeError(f"values() reads text, numbers, booleans and dates; {model.__name__}.{field.name} is not one")
    name, default = field.name, field.default
    if isinstance(default, attrs.Factory) or default is attrs.NOTHING:
        default = _ABSENT
    accepted = {str: (str,), int: (int,), float: (float, int), bool: (bool,), dt.date: (str,)}[kind]
    parse = dt.date.fromisoformat if kind is dt.date else (float if kind is float else None)

    def read(doc: dict[str, Any]) -> Any:
        value = doc.get(name, default)
        if value is None and optional:
            return None
        if value is _ABSENT or type(value) not in accepted:
            raise TypeError(name)
        return parse(value) if parse is not None else value

    read.accepted = {*accepted, *((type(None),) if optional else ())}  # type: ignore[attr-defined]
    read.parse = parse  # type: ignore[attr-defined]
    return read


def _describe(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


class Ledger:
    """A center's records for the length of one command.

    Reading: :meth:`all`, :meth:`get`, :attr:`center`, :attr:`settings`.
    Writing (ledgers opened for writing only): :meth:`add`, :meth:`replace`,
    :meth:`update_center`. Changes become durable with :meth:`commit`.
    """

    def __init__(
        self,
        store: Store,
        *,
        operator: str,
        today: dt.date | None = None,
        registry: Callable[[], Registry] | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ):
        self.store = store
        self.operator = operator
        self._registry_factory = registry
        self._registry: Registry | None = None
        self._tables: dict[str, _Table] = {}
        docs = store.documents(CENTER_TABLE)
        if "1" not in docs:
            raise BadFile(_("{path}: the center record is missing").format(path=store.path))
        try:
            self._center = structure(docs["1"], Center)
        except Exception as exc:
            raise BadFile(
                _("{path}: the center record is damaged: {problem}").format(
                    path=store.path, problem=describe(docs["1"], Center, exc)
                )
            ) from None
        self._center_changed = False
        self._settings: Settings | None = None  # read through :attr:`settings` (a rule asks for each row of an import)
        self._today = today  # (else read on the center's clock when first asked: see :attr:`today`)
        self._now = now or (lambda: clock.now(self.zone))  # the event log's clock (synthetic demo centers pin it)
        self._center_before: dict[str, Any] | None = None
        self._voided: dict[str, str] | None = None  # record id -> id of its Void, read on first need
        self._actions: list[str] = []  # what this command did, for its Change record
        self._about: list[str] = []  # records this command was about beyond those it wrote (voided ones)
        self._undoes: Change | None = None
        self.memo: dict[str, Any] = {}  # indexes built once per command (names, ...); dropped when a table grows
        self.tracking = True  # keep a Change record of each commit (hive undo); off for whole-file rebuilds

    # -- the center's clock ----------------------------------------------------
    @functools.cached_property
    def zone(self) -> dt.tzinfo:
        """The center's time zone (``core.timezone``): "today" and the event log's clock are read in it.

        Read when first asked (a command that asks no date of the clock does not load the zone database).
        """
        return clock.center_zone(self._center.settings)

    @functools.cached_property
    def today(self) -> dt.date:
        """Today on the center's clock (or as given when the ledger was opened, or ``HIVE_TODAY``)."""
        return self._today or clock.today(self.zone)

    # -- the model registry ----------------------------------------------------
    @property
    def registry(self) -> Registry:
        """Collections and settings of the core and of every installed plugin (loaded on demand)."""
        if self._registry is None:
            registry = self._registry_factory() if self._registry_factory else Registry.core_only()
            for plugin, problem in registry.broken.items():
                if self.enabled(plugin):  # a disabled plugin's failure is only shown by `hive plugins list`
                    raise PluginFailed(problem)
            self._registry = registry
        return self._registry

    def _collection(self, model: type) -> Collection:
        found = core_collection(model) or self.registry.by_model.get(model)
        if found is None:
            raise TypeError(f"{model.__name__} is not a declared collection")
        return found

    def _table(self, model: type) -> _Table:
        return self._table_of(self._collection(model))

    def _table_of(self, collection: RecordType) -> _Table:
        table = self._tables.get(collection.name)
        if table is None:
            raw = self.store.documents(collection.name)
            floor = self.store.documents(META).get("1", {}).get("next", {}).get(collection.name, 1)
            # a file's table is copied (its store changes it in place at commit); a server's is read lazily
            copied = raw.copy() if type(raw) in (dict, Rows) else raw  # type: ignore[attr-defined]
            table = _Table(collection, copied, str(self.store.path), floor=floor)
            self._tables[collection.name] = table
        return table

    def record_type(self, name: str) -> RecordType:
        """The record type kept in table ``name``."""
        found = self.registry.by_name.get(name)
        if found is None:
            raise NotFound(_("no record type '{name}'").format(name=name))
        return found

    def type_of_id(self, record_id: str) -> RecordType | None:
        """The record type an id belongs to by its prefix (``vr12`` -> volunteer_records), or None."""
        prefix = record_id.rstrip("0123456789")
        if not prefix or prefix == record_id:
            return None
        return self.registry.by_prefix.get(prefix)

    def lookup(self, record_id: str) -> tuple[RecordType, Any]:
        """Any record by its id, with its type; NotFound naming the id otherwise."""
        record_type = self.type_of_id(record_id.strip())
        found = self._table_of(record_type).find(record_id.strip()) if record_type is not None else None
        if found is None:
            raise NotFound(_("no record with id '{id}'").format(id=record_id))
        return record_type, found

    def documents(self, name: str) -> Mapping[str, dict[str, Any]]:
        """The stored documents of table ``name`` as parsed (for scans that structure nothing). Do not mutate.

        A mapping of key to document: a dict, or for a large table :class:`hive.rows.Rows`, whose
        documents are made as they are reached.
        """
        return self.store.documents(name)

    # -- void records ----------------------------------------------------------
    def _voids(self) -> dict[str, str]:
        if self._voided is None:
            table = self._table(Void)
            self._voided = {v.record: v.id for v in table.objects}
        return self._voided

    def is_void(self, record_id: str) -> bool:
        return record_id in self._voids()

    def void_of(self, record_id: str) -> Void | None:
        """The Void record of ``record_id``, or None when it counts."""
        found = self._voids().get(record_id)
        return self._table(Void).find(found) if found else None

    def void(self, record: Any, reason: str) -> Void:
        """Take ``record`` out of every count, listing and review; the record itself stays (see hive.corrections)."""
        collection = self._collection(type(record))
        self._check_writable(collection)
        self._about.append(record.id)
        marker = self._table(Void).insert(
            Void(id="", record=record.id, table=collection.name, reason=reason, date=self.today, operator=self.operator)
        )
        self.log("void", record.id, reason)
        self._voids()[record.id] = marker.id
        return marker

    def restore(self, record_type: RecordType, record: Any) -> None:
        """Put back a stored record's earlier version (``hive undo``; the undo's own event says so)."""
        if not self._table_of(record_type).replace(record):
            raise NotFound(_("no {kind} with id '{id}'").format(kind=record_type.name, id=record.id))
        if record_type.model is Void and self._voided is not None:
            self._voided[record.record] = record.id

    def undoing(self, change: Change) -> None:
        """Mark this command as the undo of ``change`` (its Change record says so at commit)."""
        self._undoes = change
        self._about.extend(change.records)

    def remove(self, record: Any) -> None:
        """Take a stored record out of the file: only ``hive undo`` does this, to reverse its addition."""
        table = self._table(type(record))
        if not table.remove(record.id):
            raise NotFound(_("no {kind} with id '{id}'").format(kind=table.collection.name, id=record.id))
        if isinstance(record, Void) and self._voided is not None:
            self._voided.pop(record.record, None)

    # -- reading ---------------------------------------------------------------
    @property
    def center(self) -> Center:
        return self._center

    @property
    def settings(self) -> Settings:
        found = self._settings
        if found is None or found.overrides is not self._center.settings:  # (a new center record: new settings)
            found = self._settings = Settings(self.registry.settings, self._center.settings)
        return found

    def enabled(self, plugin: str) -> bool:
        return plugin == "core" or plugin in self._center.plugins

    def all(self, model: type[T], *, include_void: bool = False) -> list[T]:
        """Every record of ``model`` that counts (not void), in the order they were added. Do not mutate the list."""
        objects = self._table(model).objects
        if include_void or model is Void:
            return objects
        voided = self._voids()
        if not voided:
            return objects
        return [o for o in objects if o.id not in voided]

    def get(self, model: type[T], record_id: str) -> T:
        found = self._table(model).find(record_id)
        if found is None:
            raise NotFound(_("no {kind} with id '{id}'").format(kind=self._collection(model).name, id=record_id))
        return found

    def find(self, model: type[T], record_id: str) -> T | None:
        return self._table(model).find(record_id)

    def where(self, model: type[T], *, include_void: bool = False, **equals: Any) -> list[T]:
        """The records of ``model`` whose fields equal the values given, in the order they were added.

        For one organization's, one person's, one day's or one period's records in a large table:
        ``ledger.where(ServiceRecord, org="o12")``,
        ``ledger.where(ServiceRecord, person="p7", date=dt.date(2026, 3, 2))``,
        ``ledger.where(ServiceRecord, team="vt3", date=Between(first, last))``. Values are text,
        numbers, booleans, dates, None or a :class:`Between`. The first question about a field
        builds a lookup of it over the stored documents (once per command); only the matching
        records are turned into objects, many times faster than filtering :meth:`all`. With
        several criteria, one is answered by a lookup (a field already looked up, else the first
        given: give the most selective first, ``person=`` or ``date=`` before ``status=``), the
        others are checked on its candidates. Void records are left out unless ``include_void``.
        """
        found = self._table(model).where(equals)
        if include_void or model is Void:
            return found
        voided = self._voids()
        return [o for o in found if o.id not in voided] if voided else found

    def values(self, model: type[T], *fields: str, **equals: Any) -> list[tuple[Any, ...]]:
        """The ``fields`` of every record of ``model`` matching ``equals`` (as in :meth:`where`), as tuples.

        For totals over many records without turning them into objects:
        ``for person, hours in ledger.values(ServiceRecord, "person", "hours", status="approved")``.
        Fields are text, numbers, booleans or dates (returned as dates); a stored value of the
        wrong type is reported as a damaged record, as :meth:`all` would. Void records are left out.
        """
        voided = self._voids() if model is not Void else {}
        if not voided:
            return self._table(model).values(fields, equals)
        rows = self._table(model).values(("id", *fields), equals)
        return [row[1:] for row in rows if row[0] not in voided]

    # -- writing ---------------------------------------------------------------
    def _check_writable(self, collection: Collection) -> None:
        if not self.enabled(collection.owner):
            raise Conflict(
                _("plugin '{plugin}' is not enabled for this center; run 'hive plugins enable {plugin}'").format(
                    plugin=collection.owner
                )
            )

    def add(self, record: T, *, action: str | None = None, detail: str = "") -> T:
        """Store a new record; returns it with its new id. Logged unless it is an Event."""
        table = self._table(type(record))
        self._check_writable(table.collection)
        record = table.insert(record)
        self.memo.pop(f"names:{table.collection.name}", None)
        if not isinstance(record, Event):
            self.log(action or f"add {table.collection.name}", record.id, detail)
        return record

    def add_many(self, records: Iterable[T], *, action: str, detail: str = "") -> list[T]:
        """Add many records of one kind with a single event line (a demo build, a match's loans; see :meth:`store_many`)."""
        return self._add_all(records, _Table.insert, action, detail)

    def store_many(self, records: Iterable[Any], *, action: str, detail: str = "") -> list[str]:
        """Add many records of one kind that this command will not ask about again (an import's rows).

        Each is kept as the document the commit writes, not also as an object: a million imported
        rows fit in memory. They are in no lookup, listing or count of this command (ask before
        storing them); the commit writes them, and logs them, as :meth:`add_many` would. Returns
        their ids.
        """
        return self._add_all(records, _Table.store, action, detail)

    def _add_all(
        self, records: Iterable[Any], put: Callable[[_Table, Any], Any], action: str, detail: str
    ) -> list[Any]:
        """``put(table, record)`` for each record of one kind, then a single event line; what ``put`` gave."""
        added: list[Any] = []
        table: _Table | None = None
        for record in records:
            if table is None:
                table = self._table(type(record))
                self._check_writable(table.collection)
            added.append(put(table, record))
        if table is not None and added:
            self.memo.pop(f"names:{table.collection.name}", None)
            self.log(action, "", detail or str(len(added)))
        return added

    def replace(
        self, record: T, *, action: str | None = None, detail: str = "", changes: dict[str, list[Any]] | None = None
    ) -> T:
        """Store a new version of an existing record (same id). ``changes``: field -> [before, after], for the log."""
        table = self._table(type(record))
        self._put_replacement(table, record)
        self.log(action or f"change {table.collection.name}", record.id, detail, changes=changes)
        return record

    def replace_many(self, records: Iterable[T], *, action: str, detail: str = "") -> list[T]:
        """Store new versions of many records of one kind with a single event line (bulk approvals)."""
        replaced: list[T] = []
        table: _Table | None = None
        for record in records:
            table = table or self._table(type(record))
            replaced.append(self._put_replacement(table, record))
        if replaced:
            self.log(action, "", detail or str(len(replaced)))
        return replaced

    def _put_replacement(self, table: _Table, record: T) -> T:
        self._check_writable(table.collection)
        if not table.replace(record):
            raise NotFound(_("no {kind} with id '{id}'").format(kind=table.collection.name, id=record.id))
        return record

    def update_center(self, center: Center, *, action: str | None, detail: str = "") -> None:
        """Store a new version of the center record; ``action`` None logs nothing (an undo logs itself)."""
        if self._center_before is None:
            self._center_before = unstructure(self._center)
        self._center = center
        self._center_changed = True
        if action is not None:
            self.log(action, "", detail)

    def log(self, action: str, record: str = "", detail: str = "", changes: dict[str, list[Any]] | None = None) -> None:
        """Append a line to the event log (who, when, what)."""
        if action not in self._actions:
            self._actions.append(action)
        self.add(
            Event(
                id="",
                at=self._now(),
                operator=self.operator,
                action=action,
                record=record,
                detail=detail,
                changes=changes,
            )
        )

    @property
    def changed(self) -> bool:
        return self._center_changed or any(t.added or t.replaced for t in self._tables.values())

    def commit(self) -> None:
        """Write every change in one atomic commit, with the Change record that lets ``hive undo`` reverse it."""
        change = self._change_record() if self.tracking else None
        if change is not None:
            change = self._table(Change).insert(change)
            if self._undoes is not None:
                self._table(Change).replace(attrs.evolve(self._undoes, undone_by=change.id))
        floors: dict[str, int] = {}
        for name, table in self._tables.items():
            if table.removed:
                self.store.remove(name, table.removed)
                floors[name] = max(table.next_number, max(table.removed) + 1)
            self.store.replace(name, table.replaced)
            self.store.insert(name, table.added)
            table.added, table.replaced, table.removed, table.before = [], {}, [], {}
            if table._next_number is not None:  # a table only read keeps its numbering unworked
                table.first_added = table.next_number
        if floors:
            meta = dict(self.store.documents(META).get("1", {}))
            self.store.set_meta(next={**meta.get("next", {}), **floors})
        if self._center_changed:
            self.store.replace(CENTER_TABLE, {1: unstructure(self._center)})
            self._center_changed = False
            self._center_before = None
        self._actions, self._about, self._undoes = [], [], None
        self.store.commit()

    def _change_record(self) -> Change | None:
        added: dict[str, list[list[int]]] = {}
        before: dict[str, dict[str, dict[str, Any]]] = {}
        for name, table in self._tables.items():
            if name in LOG_TABLES:
                continue
            if table.added:
                added[name] = _ranges(number for number, _doc in table.added)
            if table.before:
                before[name] = {str(n): doc for n, doc in table.before.items()}
        if self._center_changed and self._center_before is not None:
            before[CENTER_TABLE] = {"1": self._center_before}
        if not added and not before:
            return None
        return Change(
            id="",
            at=self._now(),
            operator=self.operator,
            actions=list(self._actions),
            added=added,
            before=before,
            records=list(dict.fromkeys(self._about)),
            undoes=self._undoes.id if self._undoes is not None else None,
        )


#: The core's record types by their model's ``"module:Class"``, known without importing the model.
_CORE_BY_PATH: dict[str, Collection] = {c.model_path: c for c in CORE_COLLECTIONS}


@functools.cache
def core_collection(model: type) -> Collection | None:
    """The core's record type of ``model``, or None (a plugin's model, or none): no other model is imported."""
    return _CORE_BY_PATH.get(f"{model.__module__}:{model.__qualname__}")


@attrs.define
class Registry:
    """What the installed plugins declare: collections and settings."""

    collections: list[Collection]
    settings: list[Any]
    broken: dict[str, str] = attrs.field(factory=dict)  # plugin -> why its declarations failed

    by_model: dict[type, Collection] = attrs.field(init=False)
    by_name: dict[str, Collection] = attrs.field(init=False)
    by_prefix: dict[str, Collection] = attrs.field(init=False)
    _resident_id_sources: list[tuple[Collection, tuple[str, ...], tuple[str, ...]]] | None = attrs.field(
        init=False, default=None, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        self.by_model = {c.model: c for c in self.collections}
        self.by_name = {c.name: c for c in self.collections}
        self.by_prefix = {c.prefix: c for c in self.collections}

    def resident_id_sources(self) -> list[tuple[Collection, tuple[str, ...], tuple[str, ...]]]:
        """The collections besides people that keep a person's resident ID number, worked out once.

        Each as ``(collection, its resident_id fields, its single references to people)``: where
        :func:`hive.people.birth_date` looks when the person's own record has no number.
        """
        if self._resident_id_sources is None:
            from hive.fields import REF, RESIDENT_ID

            found = []
            for collection in self.collections:
                if collection.model is Person:
                    continue
                numbers = tuple(f.name for f in collection.fields if f.kind == RESIDENT_ID)
                refs = tuple(
                    f.name
                    for f in collection.fields
                    if f.kind == REF and not f.many and (f.target is Person or f.target == "people")
                )
                if numbers and refs:
                    found.append((collection, numbers, refs))
            self._resident_id_sources = found
        return self._resident_id_sources

    @classmethod
    def core_only(cls) -> Registry:
        from hive.core_criteria import CORE_SETTINGS

        return cls(list(CORE_COLLECTIONS), list(CORE_SETTINGS))


def new_center_document(center: Center) -> dict[str, Any]:
    return unstructure(center)


def require(condition: bool, field: str, value: object, problem: str) -> None:
    """Raise InvalidInput naming ``field`` and ``value`` unless ``condition`` holds."""
    if not condition:
        raise InvalidInput(_("invalid {field} '{value}': {problem}").format(field=field, value=value, problem=problem))
