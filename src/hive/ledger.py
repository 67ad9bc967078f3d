"""The ledger (台账): a center's records, loaded once for one command.

A :class:`Ledger` wraps an open :class:`hive.store.Store`. It structures a
collection into model objects the first time it is asked for (and only
then), hands out new ids, keeps every addition and replacement in memory,
logs each change in the append-only event log, and writes everything in
one atomic commit when the command ends without error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from hive import clock
from hive.converter import converter, structure, unstructure
from hive.errors import BadFile, Conflict, InvalidInput, NotFound, PluginFailed
from hive.i18n import _
from hive.models import (
    Center,
    Diagnosis,
    Event,
    Membership,
    Organization,
    Person,
    Registration,
    Review,
    Supervision,
    Training,
    Transition,
)
from hive.settings import Settings
from hive.store import Store

T = TypeVar("T")

CENTER_TABLE = "center"


@attrs.frozen
class Collection:
    """A kind of record kept in the center file.

    ``name`` is the table (plugins prefix it with their name), ``model`` the
    attrs class (its first field ``id: str``), ``prefix`` the letters before
    the number in ids (``o12``), ``personal`` the fields holding personal data,
    masked in listings and exports unless asked.
    """

    name: str
    model: type
    prefix: str
    personal: tuple[str, ...] = ()
    owner: str = "core"


CORE_COLLECTIONS: tuple[Collection, ...] = (
    Collection("organizations", Organization, "o"),
    Collection("people", Person, "p", personal=("phone",)),
    Collection("memberships", Membership, "m"),
    Collection("trainings", Training, "t"),
    Collection("registrations", Registration, "r"),
    Collection("diagnoses", Diagnosis, "d"),
    Collection("supervisions", Supervision, "s"),
    Collection("transitions", Transition, "x"),
    Collection("reviews", Review, "rv"),
    Collection("events", Event, "e"),
)


class _Table:
    """One collection's records in memory: objects, ids, and what changed.

    Stored documents are structured into objects only when asked for: the
    whole table on the first :attr:`objects`, a single record when it is looked
    up by id before that (ids are the prefix and the document's number). A
    command that only adds records (events, reviews) never structures the
    stored ones, so its cost does not grow with the history kept.
    """

    def __init__(self, collection: Collection, raw: dict[str, dict[str, Any]], path: str):
        self.collection = collection
        self.raw = raw
        self.path = path
        if not all(map(str.isdigit, raw)):
            raise self._bad_key(next(k for k in raw if not k.isdigit()))
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

    def _numbering(self) -> None:
        if self._next_number is None:
            self._next_number = max(map(int, self.raw), default=0) + 1
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
                    path=self.path, key=key, table=self.collection.name, problem=_describe(exc)
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
            for obj, key in zip(self._objects or (), self.raw, strict=False):
                self._numbers.setdefault(obj.id, self._key_number(key))
        return self._numbers.get(record_id)

    def insert(self, record: Any) -> Any:
        """Give ``record`` the next id and keep it as added."""
        number = self._next_number
        if number is None:
            self._numbering()
            number = self._next_number
        self._next_number = number + 1
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

    def where(self, equals: dict[str, Any]) -> list[Any]:
        """The records whose fields equal ``equals``; before loading, only the matches are structured."""
        fields = attrs.fields_dict(self.collection.model)
        for name, value in equals.items():
            if name not in fields:
                raise TypeError(f"{self.collection.model.__name__} has no field {name!r}")
            if value is not None and not isinstance(value, str | int | float | bool):
                raise TypeError(
                    f"where({name}=...) compares text, numbers, booleans or None, not {type(value).__name__}"
                )
        items = tuple(equals.items())

        def matches(obj: Any) -> bool:
            return all(getattr(obj, name) == value for name, value in items)

        if self._objects is not None:
            return [o for o in self._objects if matches(o)]
        # Pick the candidates from the stored documents (a field missing from a document keeps it in),
        # then judge each on its object: the stored version of a record this command replaced may
        # differ from the one it holds.
        changed = self._changed
        if len(items) == 1:
            ((name, value),) = items
            candidates = [
                (k, d)
                for k, d in self.raw.items()
                if d.get(name, value) == value or (changed and d.get("id") in changed)
            ]
        else:
            candidates = [
                (k, d) for k, d in self.raw.items() if _may_match(d, items) or (changed and d.get("id") in changed)
            ]
        found = []
        for key, doc in candidates:
            obj = self.by_id.get(doc.get("id"))
            if obj is None:
                obj = self._load_one(key, doc)
                self.by_id[obj.id] = obj
                self._numbers[obj.id] = self._key_number(key)
            if matches(obj):
                found.append(obj)
        found.extend(o for o in self._new if matches(o))
        return found

    def replace(self, record: Any) -> bool:
        """Keep ``record`` as the new version of the record with its id; False when there is none."""
        number = self._number(record.id)
        if number is None:
            return False
        if self._objects is not None:
            if self._position is None:
                self._position = {o.id: i for i, o in enumerate(self._objects)}
            self._objects[self._position[record.id]] = record
        elif record.id in self._new_index:
            self._new[self._new_index[record.id]] = record
        else:
            self._changed[record.id] = record
        self.by_id[record.id] = record
        doc = self._unstructure(record)
        if number >= self.first_added:
            self.added[number - self.first_added] = (number, doc)
        else:
            self.replaced[number] = doc
        return True


def _may_match(doc: dict[str, Any], items: tuple[tuple[str, Any], ...]) -> bool:
    return all(doc.get(name, value) == value for name, value in items)


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
        self.today = today or clock.today()
        self._now = now or clock.now  # the event log's clock (synthetic demo centers pin it)
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
                _("{path}: the center record is damaged: {problem}").format(path=store.path, problem=_describe(exc))
            ) from None
        self._center_changed = False

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
        found = CORE_BY_MODEL.get(model) or self.registry.by_model.get(model)
        if found is None:
            raise TypeError(f"{model.__name__} is not a declared collection")
        return found

    def _table(self, model: type) -> _Table:
        collection = self._collection(model)
        table = self._tables.get(collection.name)
        if table is None:
            raw = self.store.documents(collection.name)
            table = _Table(collection, dict(raw), str(self.store.path))
            self._tables[collection.name] = table
        return table

    # -- reading ---------------------------------------------------------------
    @property
    def center(self) -> Center:
        return self._center

    @property
    def settings(self) -> Settings:
        return Settings(self.registry.settings, self._center.settings)

    def enabled(self, plugin: str) -> bool:
        return plugin == "core" or plugin in self._center.plugins

    def all(self, model: type[T]) -> list[T]:
        """Every record of ``model``, in the order they were added. Do not mutate the list."""
        return self._table(model).objects

    def get(self, model: type[T], record_id: str) -> T:
        found = self._table(model).find(record_id)
        if found is None:
            raise NotFound(_("no {kind} with id '{id}'").format(kind=self._collection(model).name, id=record_id))
        return found

    def find(self, model: type[T], record_id: str) -> T | None:
        return self._table(model).find(record_id)

    def where(self, model: type[T], **equals: Any) -> list[T]:
        """The records of ``model`` whose fields equal the values given, in the order they were added.

        For one organization's or one person's records in a large table:
        ``ledger.where(ServiceRecord, org="o12")``. Values are text, numbers,
        booleans or None (compare dates in Python). Until the table has been
        read as a whole (:meth:`all`), only the matching records are turned
        into objects, which is many times faster than filtering :meth:`all`.
        """
        return self._table(model).where(equals)

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
        if not isinstance(record, Event):
            self.log(action or f"add {table.collection.name}", record.id, detail)
        return record

    def add_many(self, records: Iterable[T], *, action: str, detail: str = "") -> list[T]:
        """Add many records of one kind with a single event line (imports)."""
        added: list[T] = []
        table: _Table | None = None
        for record in records:
            table = table or self._table(type(record))
            if not added:
                self._check_writable(table.collection)
            added.append(table.insert(record))
        if added:
            self.log(action, "", detail or str(len(added)))
        return added

    def replace(self, record: T, *, action: str | None = None, detail: str = "") -> T:
        """Store a new version of an existing record (same id)."""
        table = self._table(type(record))
        self._put_replacement(table, record)
        self.log(action or f"change {table.collection.name}", record.id, detail)
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

    def update_center(self, center: Center, *, action: str, detail: str = "") -> None:
        self._center = center
        self._center_changed = True
        self.log(action, "", detail)

    def log(self, action: str, record: str = "", detail: str = "") -> None:
        """Append a line to the event log (who, when, what)."""
        self.add(Event(id="", at=self._now(), operator=self.operator, action=action, record=record, detail=detail))

    @property
    def changed(self) -> bool:
        return self._center_changed or any(t.added or t.replaced for t in self._tables.values())

    def commit(self) -> None:
        """Write every change in one atomic commit."""
        for name, table in self._tables.items():
            self.store.replace(name, table.replaced)
            self.store.insert(name, table.added)
            table.added, table.replaced = [], {}
            table.first_added = table.next_number
        if self._center_changed:
            self.store.replace(CENTER_TABLE, {1: unstructure(self._center)})
            self._center_changed = False
        self.store.commit()


CORE_BY_MODEL: dict[type, Collection] = {c.model: c for c in CORE_COLLECTIONS}


@attrs.define
class Registry:
    """What the installed plugins declare: collections and settings."""

    collections: list[Collection]
    settings: list[Any]
    broken: dict[str, str] = attrs.field(factory=dict)  # plugin -> why its declarations failed

    by_model: dict[type, Collection] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.by_model = {c.model: c for c in self.collections}

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
