"""A district's centers on one PostgreSQL server: the same store interface as :mod:`hive.store`.

Every center's records are rows of one table, ``hive_documents``, keyed by
``(center, collection, number)`` with the record itself as ``jsonb``: the
same documents a center file holds, numbered the same way, so record ids
(``o12``) stay per center. A :class:`ServerStore`:

* reads lazily: the ledger asks for a collection, and only then is it
  fetched; a single record looked up by id is one indexed row; a
  ``ledger.where(field=value)`` on an indexed field (``org``, ``person``)
  fetches only the candidates;
* writes only what changed, inside one transaction that commits at the end
  of the command (a kill before the commit leaves nothing of it);
* serializes the writers of one center with a transaction-scoped advisory
  lock on the center's code (``pg_advisory_xact_lock``), waiting at most the
  busy timeout; writers to other centers take other locks and never wait;
  readers take none and read a consistent snapshot (``REPEATABLE READ``);
* checks the database's hive schema (:data:`STEPS`, recorded in
  ``hive_schema``) and refuses one that is older (``hive district migrate``)
  or newer than this hive.

psycopg is imported by this module only, and this module only when a
``--db`` is a server URL (see :mod:`hive.location`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import orjson
import psycopg
from psycopg import errors as pg_errors
from psycopg import sql
from psycopg.types.json import set_json_loads

from hive import store as file_store
from hive.errors import BadFile, CenterBusy, Conflict, InvalidInput, NoCenter, ServerUnreachable, WriteFailed
from hive.i18n import _
from hive.patterns import LazyPattern

META = file_store.META
DEFAULT_CONNECT_TIMEOUT = 5.0
CENTER_CODE = LazyPattern(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
LOCK_SPACE = 0x68697665  # "hive": the first key of every center's advisory lock
INDEXED = ("org", "person", "date")  # the document fields commands filter on, indexed per center and collection
BULK = 500  # inserts of more documents than this go through COPY


#: The database's hive schema, step by step: ``STEPS[n]`` brings version ``n`` to ``n + 1``.
#: Version 1: the documents and their indexes. Version 2: who may see which center's rows.
STEPS: list[tuple[str, ...]] = [
    (
        """CREATE TABLE hive_documents (
            center text NOT NULL,
            collection text NOT NULL,
            number integer NOT NULL CHECK (number > 0),
            doc jsonb NOT NULL,
            PRIMARY KEY (center, collection, number))""",
        "CREATE INDEX hive_documents_org ON hive_documents (center, collection, (doc -> 'org'))",
        "CREATE INDEX hive_documents_person ON hive_documents (center, collection, (doc -> 'person'))",
        "CREATE INDEX hive_documents_date ON hive_documents (center, collection, (doc ->> 'date'))",
        "CREATE INDEX hive_documents_centers ON hive_documents (center) WHERE collection = 'center'",
    ),
    (
        # role (an oid: a dropped role simply matches nobody) may see and change the rows of center;
        # center '*' reads every center (the district), never writes.
        """CREATE TABLE hive_access (
            role oid NOT NULL,
            center text NOT NULL,
            PRIMARY KEY (role, center))""",
        "ALTER TABLE hive_documents ENABLE ROW LEVEL SECURITY",
        """CREATE POLICY hive_center_rows ON hive_documents FOR ALL
            USING (center IN (SELECT a.center FROM hive_access a WHERE pg_has_role(a.role, 'MEMBER')))
            WITH CHECK (center IN (SELECT a.center FROM hive_access a WHERE pg_has_role(a.role, 'MEMBER')))""",
        """CREATE POLICY hive_district_reads ON hive_documents FOR SELECT
            USING (EXISTS (SELECT 1 FROM hive_access a WHERE a.center = '*' AND pg_has_role(a.role, 'MEMBER')))""",
    ),
]
SERVER_SCHEMA = len(STEPS)


def connect_timeout() -> float:
    """Seconds to wait for the server: ``HIVE_CONNECT_TIMEOUT``, else 5."""
    value = os.environ.get("HIVE_CONNECT_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_CONNECT_TIMEOUT
    return seconds if seconds > 0 else DEFAULT_CONNECT_TIMEOUT


def shown(url: str) -> str:
    """The server URL as it may be printed: without a password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc}" if user else netloc))


def check_center_code(center: str | None) -> str:
    if not center:
        raise InvalidInput(_("a server --db needs --center CODE (or $HIVE_CENTER): which center's records"))
    code = center.strip()
    if not CENTER_CODE.match(code):
        raise InvalidInput(
            _("invalid --center '{value}': letters, digits, '.', '_' or '-', at most 40").format(value=center)
        )
    return code


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection:
    """A connection to the district server, or one line saying why not, within the connect timeout."""
    timeout = connect_timeout()
    try:
        conn = psycopg.connect(url, connect_timeout=max(1, round(timeout)), autocommit=autocommit, application_name="hive")
    except psycopg.Error as exc:
        raise ServerUnreachable(
            _("cannot reach the district server {url}: {problem}").format(url=shown(url), problem=_first_line(exc))
        ) from None
    except Exception as exc:  # a malformed URL is refused by libpq's parser before any connection
        raise InvalidInput(
            _("invalid --db '{value}': {problem}").format(value=shown(url), problem=_first_line(exc))
        ) from None
    set_json_loads(orjson.loads, conn)
    return conn


def _first_line(exc: BaseException) -> str:
    """libpq's message in one line: its first line, without psycopg's "connection failed:" prefix."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    for prefix in ("connection failed: ", "connection is bad: "):
        if first.startswith(prefix):
            first = first[len(prefix) :]
    return first[:300]


def _dump(doc: dict[str, Any]) -> str:
    return orjson.dumps(doc).decode()


# -- the database's hive schema -----------------------------------------------------------------------


def server_schema(conn: psycopg.Connection) -> int:
    """The hive schema version of the database (0: hive has never been set up there).

    One round trip; when the table is missing the failed statement is rolled
    back to a savepoint-free start (the caller's transaction has done nothing yet).
    """
    try:
        found = conn.execute("SELECT coalesce(max(version), 0) FROM hive_schema").fetchone()
    except pg_errors.UndefinedTable:
        conn.rollback()
        return 0
    return int(found[0]) if found else 0


def migrate_server(conn: psycopg.Connection, *, upto: int = SERVER_SCHEMA) -> tuple[int, int]:
    """Apply the missing :data:`STEPS` (each in its own transaction); returns (version before, version after)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s, 0)", (LOCK_SPACE,))  # one migration at a time
        conn.execute(
            "CREATE TABLE IF NOT EXISTS hive_schema (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())"
        )
        before = server_schema(conn)
        if before > SERVER_SCHEMA:
            raise BadFile(_newer_server(before))
        for version in range(before, upto):
            for statement in STEPS[version]:
                conn.execute(statement)
            conn.execute("INSERT INTO hive_schema (version) VALUES (%s)", (version + 1,))
    return before, max(before, upto)


def _newer_server(found: int) -> str:
    return _("the district server was set up by a newer hive (schema {found}, this hive knows {known}); upgrade hive").format(
        found=found, known=SERVER_SCHEMA
    )


def _require_current(conn: psycopg.Connection, url: str, found: int | None = None) -> None:
    if found is None:
        found = server_schema(conn)
    if found == SERVER_SCHEMA:
        return
    if found > SERVER_SCHEMA:
        raise BadFile(_newer_server(found))
    if found == 0:
        raise NoCenter(
            _("{url} holds no hive centers yet: run 'hive --db URL district migrate', then 'hive --db URL --center CODE init NAME'").format(
                url=shown(url)
            )
        )
    raise BadFile(
        _("the district server's hive schema is {found}, this hive needs {known}: run 'hive --db URL district migrate'").format(
            found=found, known=SERVER_SCHEMA
        )
    )


# -- one center's documents -----------------------------------------------------------------------------


class Documents(Mapping[str, dict[str, Any]]):
    """One collection of one center, keyed by document number (a str), fetched on first need.

    Looking up one key before the whole collection is wanted costs one
    indexed row; iterating, ``len`` or ``values`` fetch the collection once.
    """

    def __init__(self, store: ServerStore, table: str):
        self._store = store
        self._table = table
        self._all: dict[str, dict[str, Any]] | None = None
        self._some: dict[str, dict[str, Any] | None] = {}

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._all is None:
            rows = self._store._query(
                "SELECT number, doc FROM hive_documents WHERE center = %s AND collection = %s ORDER BY number",
                (self._table,),
            )
            self._all = {str(number): doc for number, doc in rows}
            self._some = {}
        return self._all

    def __getitem__(self, key: str) -> dict[str, Any]:
        if self._all is not None:
            return self._all[key]
        if key not in self._some:
            doc = None
            if isinstance(key, str) and key.isdigit() and int(key) < 2**31:
                row = self._store._query(
                    "SELECT doc FROM hive_documents WHERE center = %s AND collection = %s AND number = %s",
                    (self._table, int(key)),
                )
                doc = row[0][0] if row else None
            self._some[key] = doc
        found = self._some[key]
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def last_number(self) -> int:
        """The highest document number kept (0 when none), without fetching the collection."""
        if self._all is not None:
            return max(map(int, self._all), default=0)
        row = self._store._query(
            "SELECT max(number) FROM hive_documents WHERE center = %s AND collection = %s", (self._table,)
        )
        return int(row[0][0] or 0)

    def matching(self, items: tuple[tuple[str, Any], ...]) -> list[tuple[str, dict[str, Any]]] | None:
        """The documents that may have the stored field values ``items``, fetched through an index.

        A candidate's field equals the value (or lies in a ``Between``), or the document lacks the
        field (its default decides): the ledger judges each candidate on its object. None when no
        field of ``items`` is indexed, or the collection is already fetched.
        """
        from hive.ledger import Between

        if self._all is not None:
            return None
        for name, value in items:
            if name not in INDEXED:
                continue
            if type(value) is Between:
                if name != "date":
                    continue
                bounds, params = [], []
                for op, bound in ((">=", value.first), ("<=", value.last)):
                    if bound is not None:
                        bounds.append(f"doc ->> 'date' {op} %s")
                        params.append(str(bound))
                test = " AND ".join(bounds) or "TRUE"
                condition, args = f"(({test}) OR doc ->> 'date' IS NULL)", tuple(params)
            elif name == "date":
                if not isinstance(value, str):
                    continue
                condition, args = "(doc ->> 'date' = %s OR doc ->> 'date' IS NULL)", (value,)
            else:
                if value is not None and not isinstance(value, str | int | float | bool):
                    continue
                condition, args = f"(doc -> '{name}' = %s::jsonb OR doc -> '{name}' IS NULL)", (_dump(value),)
            rows = self._store._query(
                "SELECT number, doc FROM hive_documents WHERE center = %s AND collection = %s"
                f" AND {condition} ORDER BY number",
                (self._table, *args),
            )
            return [(str(number), doc) for number, doc in rows]
        return None

    # changes made by this command, so that what it reads afterwards includes them
    def _inserted(self, docs: list[tuple[int, dict[str, Any]]]) -> None:
        if self._all is not None:
            for number, doc in docs:
                self._all[str(number)] = doc
        else:
            for number, doc in docs:
                self._some[str(number)] = doc

    def _replaced(self, docs: Mapping[int, dict[str, Any]]) -> None:
        target = self._all if self._all is not None else self._some
        for number, doc in docs.items():
            target[str(number)] = doc

    def _removed(self, numbers: Iterable[int]) -> None:
        for number in numbers:
            if self._all is not None:
                self._all.pop(str(number), None)
            else:
                self._some[str(number)] = None


class ServerStore:
    """One center on the district server, open for one command. Use :meth:`open` or :meth:`create`."""

    def __init__(self, conn: psycopg.Connection, url: str, center: str, *, write: bool):
        self.url = url
        self.center = center
        self.path = f"{shown(url)} [{center}]"  # how messages name this center
        self._conn = conn
        self._write = write
        self._tables: dict[str, Documents] = {}
        self._meta: dict[str, Any] | None = None
        self._migrated: dict[str, Any] | None = None  # a whole older-schema center, brought up to date in memory
        self._replace_all = False
        self._locked = write  # a writer's store is opened under the center's lock
        self._pending: list[tuple[str, str, Any]] = []  # writes not sent yet: (insert|update|delete, table, what)
        self._dirty = False  # written (sent) since the last commit

    # -- opening ---------------------------------------------------------------
    @classmethod
    def _begin(cls, url: str, center: str, *, write: bool, setup: bool = False) -> ServerStore:
        center = check_center_code(center)
        conn = connect(url)
        try:
            if not write:  # one consistent snapshot for every lazy read of the command; never waits
                conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                conn.read_only = True
            found = server_schema(conn)
            if setup and found < SERVER_SCHEMA:  # the first center sets the database up
                conn.rollback()
                try:
                    found = migrate_server(conn)[1]
                except psycopg.Error as exc:
                    raise WriteFailed(
                        _("cannot set up hive on {url}: {problem}").format(url=shown(url), problem=_first_line(exc))
                    ) from None
            _require_current(conn, url, found)
            if write:
                cls._lock(conn, url, center)
        except BaseException:
            conn.close()
            raise
        return cls(conn, url, center, write=write)

    @staticmethod
    def _lock(conn: psycopg.Connection, url: str, center: str) -> None:
        seconds = file_store.busy_timeout()
        statement = sql.SQL("SET LOCAL lock_timeout = {}; SELECT pg_advisory_xact_lock({}, hashtext({}))").format(
            sql.Literal(f"{max(1, int(seconds * 1000))}ms"), sql.Literal(LOCK_SPACE), sql.Literal(center)
        )
        try:
            conn.execute(statement)  # one round trip; the timeout ends with the transaction
        except pg_errors.LockNotAvailable:
            raise CenterBusy(
                _("center is busy: another hive command is writing center {center} on {url}; try again").format(
                    center=center, url=shown(url)
                )
            ) from None

    @classmethod
    def open(cls, url: str, center: str, *, write: bool) -> ServerStore:
        """Open an existing center; ``write`` holds its lock (and one transaction) until :meth:`commit`/:meth:`close`."""
        store = cls._begin(url, center, write=write)
        try:
            store._prefetch()
            meta = store.documents(META).get("1")
            if meta is None:
                raise NoCenter(
                    _("no center {center} on {url}: create it with 'hive --db URL --center {center} init NAME'").format(
                        center=store.center, url=shown(url)
                    )
                )
            store._check_schema(meta)
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def create(cls, url: str, center: str) -> ServerStore:
        """Start a new center; refuses a code the server already holds."""
        store = cls._begin(url, center, write=True, setup=True)
        try:
            if store._query("SELECT 1 FROM hive_documents WHERE center = %s LIMIT 1", ()):
                raise Conflict(
                    _("center {center} already exists on {url}; hive never overwrites a center").format(
                        center=store.center, url=shown(url)
                    )
                )
            store._execute_insert(META, [(1, {"schema": file_store.SCHEMA_VERSION})])
        except BaseException:
            store.close()
            raise
        return store

    def _prefetch(self) -> None:
        """The meta and center documents, which every command reads, in one round trip."""
        rows = self._query(
            "SELECT collection, doc FROM hive_documents WHERE center = %s AND collection = ANY(%s) AND number = 1",
            ([META, "center"],),
        )
        found = dict(rows)
        for table in (META, "center"):
            self.documents(table)._some["1"] = found.get(table)  # type: ignore[attr-defined]

    def _check_schema(self, meta: dict[str, Any]) -> None:
        schema = meta.get("schema")
        if not isinstance(schema, int):
            raise BadFile(_("{path}: not a hive center (no schema version)").format(path=self.path))
        if schema > file_store.SCHEMA_VERSION:
            raise BadFile(
                _("{path}: written by a newer hive (schema {found}, this hive knows {known}); upgrade hive").format(
                    path=self.path, found=schema, known=file_store.SCHEMA_VERSION
                )
            )
        if schema < file_store.SCHEMA_VERSION:  # rare: bring the whole center up to date in memory
            data, _old = file_store.migrate(self.path, self.snapshot())
            self._migrated = data
            self._replace_all = True

    def reset(self) -> None:
        """Empty the center (in this transaction), keeping the lock."""
        self._require_write()
        self._conn.execute("DELETE FROM hive_documents WHERE center = %s", (self.center,))
        self._tables.clear()
        self._migrated = None
        self._replace_all = False
        self._execute_insert(META, [(1, {"schema": file_store.SCHEMA_VERSION})])

    # -- reading ---------------------------------------------------------------
    def _query(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        self._flush()  # what this command wrote so far is part of what it reads
        try:
            return self._conn.execute(query, (self.center, *params)).fetchall()  # type: ignore[arg-type]
        except psycopg.OperationalError as exc:
            raise ServerUnreachable(
                _("lost the district server {url}: {problem}").format(url=shown(self.url), problem=_first_line(exc))
            ) from None

    @property
    def schema(self) -> int:
        return self.documents(META)["1"]["schema"]

    def tables(self) -> list[str]:
        if self._migrated is not None:
            return sorted(name for name in self._migrated if name != META)
        rows = self._query("SELECT DISTINCT collection FROM hive_documents WHERE center = %s", ())
        return sorted(name for (name,) in rows if name != META)

    def documents(self, table: str) -> Mapping[str, dict[str, Any]]:
        """The documents of ``table`` keyed by number (a str), fetched when first needed. Do not mutate."""
        if self._migrated is not None:
            return self._migrated.get(table, {})
        found = self._tables.get(table)
        if found is None:
            found = self._tables[table] = Documents(self, table)
        return found

    def snapshot(self) -> dict[str, Any]:
        """The whole center as ``{table: {number: document}}``, like a center file's content."""
        if self._migrated is not None:
            return self._migrated
        rows = self._query(
            "SELECT collection, number, doc FROM hive_documents WHERE center = %s ORDER BY collection, number", ()
        )
        data: dict[str, Any] = {}
        for collection, number, doc in rows:
            data.setdefault(collection, {})[str(number)] = doc
        return data

    # -- writing ---------------------------------------------------------------
    def _require_write(self) -> None:
        if not self._write:
            raise RuntimeError("store opened read-only")
        if not self._locked:
            self._lock(self._conn, self.url, self.center)
            self._locked = True

    def _copy(self, table: str, docs: list[tuple[int, dict[str, Any]]]) -> None:
        with self._conn.cursor().copy("COPY hive_documents (center, collection, number, doc) FROM STDIN") as copy:
            for number, doc in docs:
                copy.write_row((self.center, table, number, _dump(doc)))

    def _run(self, kind: str, table: str, payload: Any) -> None:
        cursor = self._conn.cursor()
        if kind == "insert":
            cursor.executemany(
                "INSERT INTO hive_documents (center, collection, number, doc) VALUES (%s, %s, %s, %s::jsonb)",
                [(self.center, table, number, _dump(doc)) for number, doc in payload],
            )
        elif kind == "update":
            cursor.executemany(
                "UPDATE hive_documents SET doc = %s::jsonb WHERE center = %s AND collection = %s AND number = %s",
                [(_dump(doc), self.center, table, number) for number, doc in payload.items()],
            )
        else:
            cursor.execute(
                "DELETE FROM hive_documents WHERE center = %s AND collection = %s AND number = ANY(%s)",
                (self.center, table, payload),
            )

    def _flush(self, *, bulk: tuple[str, list[tuple[int, dict[str, Any]]]] | None = None) -> None:
        """Send the writes kept so far (and a bulk insert), in one pipeline: one round trip, not one per table."""
        if not self._pending and bulk is None:
            return
        pending, self._pending = self._pending, []
        self._dirty = True
        table = pending[0][1] if pending else bulk[0]  # type: ignore[index]
        try:
            if pending:
                with self._conn.pipeline():
                    for kind, table, payload in pending:
                        self._run(kind, table, payload)
            if bulk is not None:
                table = bulk[0]
                self._copy(*bulk)
        except pg_errors.UniqueViolation:
            raise Conflict(
                _("{path}: a record of '{table}' with that number already exists; nothing was written").format(
                    path=self.path, table=table
                )
            ) from None
        except (pg_errors.UntranslatableCharacter, pg_errors.CharacterNotInRepertoire):
            raise InvalidInput(
                _("{path}: a value of '{table}' holds a character the server cannot keep (NUL); nothing was written").format(
                    path=self.path, table=table
                )
            ) from None
        except psycopg.OperationalError as exc:
            raise ServerUnreachable(
                _("lost the district server {url}: {problem}").format(url=shown(self.url), problem=_first_line(exc))
            ) from None
        except psycopg.Error as exc:
            raise WriteFailed(_("cannot write {path}: {problem}").format(path=self.path, problem=_first_line(exc))) from None

    def _execute_insert(self, table: str, docs: list[tuple[int, dict[str, Any]]]) -> None:
        if len(docs) > BULK:
            self._flush(bulk=(table, docs))
            self._dirty = True
        else:
            self._pending.append(("insert", table, docs))

    def insert(self, table: str, documents: Iterable[tuple[int, dict[str, Any]]]) -> None:
        """Add documents with the given numbers (sent with the next read or the commit, in this transaction)."""
        self._require_write()
        docs = list(documents)
        if not docs:
            return
        if self._migrated is not None:
            self._migrated.setdefault(table, {}).update((str(n), d) for n, d in docs)
            return
        self._execute_insert(table, docs)
        self.documents(table)._inserted(docs)  # type: ignore[attr-defined]

    def replace(self, table: str, documents: Mapping[int, dict[str, Any]]) -> None:
        """Overwrite whole documents by number."""
        self._require_write()
        if not documents:
            return
        if self._migrated is not None:
            self._migrated.setdefault(table, {}).update((str(n), d) for n, d in documents.items())
            return
        self._pending.append(("update", table, dict(documents)))
        self.documents(table)._replaced(documents)  # type: ignore[attr-defined]

    def remove(self, table: str, numbers: Iterable[int]) -> None:
        """Delete documents by number (the undo of an add)."""
        self._require_write()
        numbers = list(numbers)
        if not numbers:
            return
        if self._migrated is not None:
            for number in numbers:
                self._migrated.get(table, {}).pop(str(number), None)
            return
        self._pending.append(("delete", table, numbers))
        self.documents(table)._removed(numbers)  # type: ignore[attr-defined]

    def set_meta(self, **fields: Any) -> None:
        self._require_write()
        meta = {**self.documents(META).get("1", {}), **fields}
        if self._migrated is not None:
            self._migrated.setdefault(META, {})["1"] = meta
            return
        self.replace(META, {1: meta})

    def commit(self) -> None:
        """Make everything written since opening durable, at once (the center's lock ends with it)."""
        self._require_write()
        if self._replace_all and self._migrated is not None:
            data, self._migrated = self._migrated, None
            self._conn.execute("DELETE FROM hive_documents WHERE center = %s", (self.center,))
            self._tables.clear()
            for table, docs in data.items():
                self._execute_insert(table, [(int(k), d) for k, d in docs.items()])
            self._replace_all = False
        dirty = bool(self._pending) or self._dirty
        self._flush()
        try:
            self._conn.commit()
        except psycopg.Error as exc:
            raise WriteFailed(
                _("cannot write {path}: {problem}; nothing of this command was kept").format(
                    path=self.path, problem=_first_line(exc)
                )
            ) from None
        if dirty:
            file_store.COMMITTED.append(self.path)  # type: ignore[arg-type]  # "the change is saved in …"
        self._dirty = False
        self._locked = False  # a ledger may commit more than once (demo builds): the next write locks again

    def close(self) -> None:
        conn, self._conn = self._conn, None  # type: ignore[assignment]
        if conn is not None:
            conn.close()  # the server rolls back whatever was not committed, and lets the lock go

    def counts(self) -> dict[str, int]:
        """How many documents each table holds, counted by the server."""
        rows = self._query("SELECT collection, count(*) FROM hive_documents WHERE center = %s GROUP BY collection", ())
        return {name: int(n) for name, n in sorted(rows) if name != META}

    def __enter__(self) -> ServerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- the district ---------------------------------------------------------------------------------------


def center_documents(url: str) -> list[tuple[str, dict[str, Any]]]:
    """(code, center document) of every center the connected role may see, by code."""
    conn = connect(url)
    try:
        _require_current(conn, url)
        rows = conn.execute(
            "SELECT center, doc FROM hive_documents WHERE collection = 'center' AND number = 1 ORDER BY center"
        ).fetchall()
    finally:
        conn.close()
    return [(code, doc) for code, doc in rows]


DISTRICT = "*"  # hive_access.center of a role that reads every center


def grant_script(role: str, center: str | None) -> str:
    """The SQL that lets ``role`` read and write the rows of ``center`` only (None: read every center).

    Row-level security (schema step 2) confines the role to those rows; the
    role is created (LOGIN, no password: the administrator sets one) when it
    does not exist.
    """
    ident = sql.Identifier(role).as_string(None)
    literal = sql.Literal(role).as_string(None)
    target = sql.Literal(center if center is not None else DISTRICT).as_string(None)
    privileges = "SELECT, INSERT, UPDATE, DELETE" if center is not None else "SELECT"
    return "\n".join(
        [
            "BEGIN;",
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {literal}) "
            f"THEN CREATE ROLE {ident} LOGIN; END IF; END $$;",
            f"GRANT {privileges} ON hive_documents TO {ident};",
            f"GRANT SELECT ON hive_schema, hive_access TO {ident};",
            f"INSERT INTO hive_access (role, center) SELECT oid, {target} FROM pg_roles WHERE rolname = {literal}"
            " ON CONFLICT DO NOTHING;",
            "COMMIT;",
            "",
        ]
    )


def grant(url: str, role: str, center: str | None) -> str:
    """Run :func:`grant_script` on the server (as its administrator); returns the script."""
    if center is not None:
        center = check_center_code(center)
    script = grant_script(role, center)
    conn = connect(url, autocommit=True)
    try:
        _require_current(conn, url)
        try:
            conn.execute(script)  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise WriteFailed(
                _("cannot grant on {url}: {problem}").format(url=shown(url), problem=_first_line(exc))
            ) from None
    finally:
        conn.close()
    return script


def migrate(url: str) -> tuple[int, int]:
    """Bring the server's hive schema up to date (``hive district migrate``)."""
    conn = connect(url, autocommit=True)
    try:
        try:
            return migrate_server(conn)
        except psycopg.Error as exc:
            raise WriteFailed(
                _("cannot set up hive on {url}: {problem}").format(url=shown(url), problem=_first_line(exc))
            ) from None
    finally:
        conn.close()


def district_aggregates(
    url: str, centers: list[str], figures: list[Any], first: str, last: str
) -> dict[str, dict[str, float]]:
    """Each center's :class:`hive.rollup.Aggregate` figures, computed by the server: one query per collection.

    Every center at once (``center = ANY(...)``, grouped by center), void records left out;
    when every figure of a collection is dated in the period by ``date``, only the rows an
    index finds in the period are read. Returns center -> key -> value (centers with no
    matching row get no key: the caller fills zeros).
    """
    from hive.rollup import DISTINCT, SUM, VOIDS, shaped

    by_collection: dict[str, list[Any]] = {}
    for figure in figures:
        by_collection.setdefault(figure.collection, []).append(figure)
    found: dict[str, dict[str, float]] = {code: {} for code in centers}
    if not centers or not figures:
        return found
    conn = connect(url)
    try:
        _require_current(conn, url)  # in the one transaction every aggregate reads: one snapshot
        # the void records, few, looked up once through the primary key: "center id" of each
        voided = [
            f"{code} {record}"
            for code, record in conn.execute(
                "SELECT center, doc ->> 'record' FROM hive_documents WHERE center = ANY(%s) AND collection = %s",
                (centers, VOIDS),
            ).fetchall()
        ]
        for collection, wanted in by_collection.items():
            columns, params = [], []
            for figure in wanted:
                condition, args = _condition(figure, first, last)
                params.extend(args)
                if figure.how == SUM:
                    value = f"(doc ->> {sql.Literal(figure.field).as_string(None)})"
                    column = f"coalesce(sum(CASE WHEN jsonb_typeof(doc -> {sql.Literal(figure.field).as_string(None)}) = 'number' THEN {value}::float8 END) FILTER (WHERE {condition}), 0)"
                elif figure.how == DISTINCT:
                    column = f"count(DISTINCT doc -> {sql.Literal(figure.field).as_string(None)}) FILTER (WHERE {condition} AND doc -> {sql.Literal(figure.field).as_string(None)} <> 'null'::jsonb)"
                else:
                    column = f"count(*) FILTER (WHERE {condition})"
                columns.append(column)
            where = ""
            if all(f.dated == "date" and not f.upto for f in wanted):  # the date index finds the period's rows
                where = " AND doc ->> 'date' BETWEEN %s AND %s"
            query = (
                f"SELECT center, {', '.join(columns)} FROM hive_documents d"
                f" WHERE collection = %s AND center = ANY(%s){where}"
                f"{' AND NOT (center || %s || (doc ->> %s)) = ANY(%s)' if voided else ''}"
                " GROUP BY center"
            )
            args = [*params, collection, centers, *([first, last] if where else []), *([" ", "id", voided] if voided else [])]
            try:
                rows = conn.execute(query, args).fetchall()  # type: ignore[arg-type]
            except psycopg.OperationalError as exc:
                raise ServerUnreachable(
                    _("lost the district server {url}: {problem}").format(url=shown(url), problem=_first_line(exc))
                ) from None
            for code, *values in rows:
                for figure, value in zip(wanted, values, strict=True):
                    if figure.how == SUM:
                        found[code][figure.key] = shaped(figure, 0, float(value or 0), 0)
                    else:
                        found[code][figure.key] = int(value or 0)
    finally:
        conn.close()
    return found


def _condition(figure: Any, first: str, last: str) -> tuple[str, list[Any]]:
    """The SQL test of :func:`hive.rollup.passes`, with its parameters."""
    tests, args = ["TRUE"], []
    if figure.dated is not None:
        day = f"left(doc ->> {sql.Literal(figure.dated).as_string(None)}, 10)"
        tests.append(f"{day} <= %s")
        args.append(last)
        if not figure.upto:
            tests.append(f"{day} >= %s")
            args.append(first)
    for name, value in figure.equals.items():
        tests.append(f"doc -> {sql.Literal(name).as_string(None)} = %s::jsonb")
        args.append(_dump(value))
    for name, value in figure.unequal.items():
        tests.append(f"doc -> {sql.Literal(name).as_string(None)} IS DISTINCT FROM %s::jsonb")
        args.append(_dump(value))
    for name in figure.present:
        tests.append(f"coalesce(doc ->> {sql.Literal(name).as_string(None)}, '') <> ''")
    return " AND ".join(tests), args
