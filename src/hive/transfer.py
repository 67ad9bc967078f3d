"""Copies of a center: backups, and the export document that restores a center elsewhere.

* :func:`backup_path` names a backup next to the center file;
  :func:`hive.store.backup` makes it under the center's lock.
* :func:`export_document` turns the whole center (the core's records and
  every plugin's, installed or not) into one JSON document; :func:`encode`
  gives its bytes, always the same for the same center (keys sorted, records
  in the order they were added).
* :func:`read_export` validates such a document and :func:`restore` writes
  it into a new center file, never over an existing one.

An export carries personal data only when asked (``--show-personal``): the
default export masks it, is meant for reading and sharing, and cannot be
imported back (a restore from it would lose the masked values).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from hive import integrity, store
from hive.errors import BadFile, Conflict, InvalidInput, NotFound
from hive.i18n import _
from hive.ledger import CENTER_TABLE, Ledger

if TYPE_CHECKING:
    from hive.plugins import Plugins

FORMAT = "hive-export"
FORMAT_VERSION = 1
INCLUDED = "included"
MASKED = "masked"


# -- backups ---------------------------------------------------------------------------------------


def backup_path(center: Path, at: dt.datetime, folder: Path | None = None) -> Path:
    """A new file name for a backup of ``center``: ``<stem>.backup-<local time><offset><suffix>``, next to it or in ``folder``.

    ``at`` is read on its own clock (the center's time zone): ``hive.backup-20261202T104233+0800.json``;
    a UTC time gives ``...Z``.
    """
    offset = at.utcoffset()
    stamp = at.strftime("%Y%m%dT%H%M%S") + ("Z" if offset is None or not offset else at.strftime("%z"))
    where = folder if folder is not None else center.parent
    suffix = center.suffix or ".json"
    candidate = where / f"{center.stem}.backup-{stamp}{suffix}"
    n = 2
    while os.path.lexists(candidate):
        candidate = where / f"{center.stem}.backup-{stamp}-{n}{suffix}"
        n += 1
    return candidate


# -- export ----------------------------------------------------------------------------------------


#: What a personal value becomes in a masked export: the whole value, whatever it is. (A listing may show
#: ``138****5678`` to tell people apart; a shared file keeps no part: ``201***7-01`` gave away a year.)
MASK = "***"


def _mask(value: Any) -> Any:
    if value is None or value == "" or value == []:
        return value  # an empty field stays visibly empty
    return MASK


def _personal_of(ledger: Ledger, table: str | None) -> tuple[str, ...]:
    found = ledger.registry.by_name.get(table) if table else None
    return found.personal_fields if found is not None else ()


def _masked_event(doc: dict[str, Any], ledger: Ledger) -> dict[str, Any]:
    """An edit's before/after values of personal fields, masked."""
    changes = doc.get("changes")
    if not changes:
        return doc
    record_type = ledger.type_of_id(doc.get("record") or "")
    personal = record_type.personal_fields if record_type is not None else ()
    return doc | {"changes": {k: ([_mask(v) for v in pair] if k in personal else pair) for k, pair in changes.items()}}


def _masked_change(doc: dict[str, Any], ledger: Ledger) -> dict[str, Any]:
    """The earlier versions a Change keeps for undo, their personal fields masked."""
    before = {}
    for table, docs in (doc.get("before") or {}).items():
        personal = _personal_of(ledger, table)
        before[table] = {n: {k: (_mask(v) if k in personal else v) for k, v in d.items()} for n, d in docs.items()}
    return doc | {"before": before}


_LOGS = {"events": _masked_event, "changes": _masked_change}


def export_document(ledger: Ledger, *, show_personal: bool) -> dict[str, Any]:
    """The whole center as one JSON-ready document (see docs/safety.md for its keys).

    Masked (``show_personal`` false): personal fields are masked, and tables
    that no installed plugin declares are left out (hive cannot know which of
    their fields are personal); they are listed under ``"omitted"``.
    """
    data = ledger.store.snapshot()
    declared = {c.name: c for c in ledger.registry.collections}
    path = ledger.store.path
    collections: dict[str, list[dict[str, Any]]] = {}
    omitted = []
    for table in ledger.store.tables():
        if table == CENTER_TABLE:
            continue
        collection = declared.get(table)
        if collection is None and not show_personal:
            omitted.append(table)
            continue
        if collection is not None:
            ledger.all(collection.model)  # every record must read as its model: a damaged one stops the export
        personal = collection.personal_fields if collection is not None else ()
        docs = data[table]
        rows = []
        for key in sorted(docs, key=_key_number):
            doc = docs[key]
            expected = f"{collection.prefix}{key}" if collection is not None else None
            if (expected is not None and doc.get("id") != expected) or integrity.id_number(
                doc.get("id")
            ) != _key_number(key):
                raise BadFile(
                    _(
                        "{path}: record {key} of '{table}' has id '{id}', which does not match its place in the file; run 'hive check'"
                    ).format(path=path, key=key, table=table, id=doc.get("id"))
                )
            if personal and not show_personal:
                doc = {k: (_mask(v) if k in personal else v) for k, v in doc.items()}
            if not show_personal and table in _LOGS:
                doc = _LOGS[table](doc, ledger)
            rows.append(doc)
        collections[table] = rows
    meta = {k: v for k, v in data[store.META]["1"].items() if k != "schema"}
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": ledger.store.schema,
        "personal": INCLUDED if show_personal else MASKED,
        "center": data[CENTER_TABLE]["1"],
        "collections": collections,
    }
    if meta:
        document["meta"] = meta
    if omitted:
        document["omitted"] = omitted
    return document


def _key_number(key: str) -> int:
    return int(key) if key.isdigit() else -1


def encode(document: dict[str, Any]) -> bytes:
    """The export's bytes: UTF-8 JSON, keys sorted, indented; the same center always gives the same bytes."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


# -- import ----------------------------------------------------------------------------------------


def read_export(path: Path) -> dict[str, Any]:
    """Read and validate the shape of an export document; refuses masked and newer ones."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise NotFound(_("no file {path}").format(path=path)) from None
    except IsADirectoryError:
        raise InvalidInput(_("{path} is a folder, not an export file").format(path=path)) from None
    except PermissionError:
        raise InvalidInput(_("cannot read {path}: permission denied").format(path=path)) from None
    if not raw.strip():
        raise InvalidInput(_("{path}: the file is empty; it is not a hive export").format(path=path))
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(
            _("{path}: not valid JSON at line {line}, column {column}: {problem}").format(
                path=path, line=exc.lineno, column=exc.colno, problem=exc.msg
            )
        ) from None
    if isinstance(document, dict) and encode(document) != raw:  # not as hive wrote it: look for a key held twice
        found = store.first_duplicate(raw)
        if found is not None:
            raise InvalidInput(
                _("{path}: the key '{key}' appears twice in one place (a bad merge?); nothing imported").format(
                    path=path, key=found[2]
                )
            )
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput(
            _("{path}: not a hive export (made by 'hive export'); to restore a backup file, copy it").format(path=path)
        )
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput(_("{path}: the export has no valid format_version").format(path=path))
    if version > FORMAT_VERSION:
        raise InvalidInput(
            _("{path}: made by a newer hive (export format {found}, this hive reads {known}); upgrade hive").format(
                path=path, found=version, known=FORMAT_VERSION
            )
        )
    if document.get("personal") == MASKED:
        raise InvalidInput(
            _(
                "{path} is a masked export (personal data hidden) and cannot restore a center; export again with 'hive export --show-personal'"
            ).format(path=path)
        )
    if document.get("personal") != INCLUDED:
        raise InvalidInput(_('{path}: \'personal\' must be "included" or "masked"').format(path=path))
    schema = document.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise InvalidInput(_("{path}: the export has no valid schema number").format(path=path))
    if schema > store.SCHEMA_VERSION:
        raise InvalidInput(
            _("{path}: written by a newer hive (schema {found}, this hive knows {known}); upgrade hive").format(
                path=path, found=schema, known=store.SCHEMA_VERSION
            )
        )
    if not isinstance(document.get("center"), dict):
        raise InvalidInput(_("{path}: the center record is missing").format(path=path))
    collections = document.get("collections")
    if not isinstance(collections, dict):
        raise InvalidInput(_("{path}: 'collections' is missing or not a mapping").format(path=path))
    for table, rows in collections.items():
        if table in (store.META, CENTER_TABLE) or not table:
            raise InvalidInput(_("{path}: '{table}' cannot be a collection name").format(path=path, table=table))
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise InvalidInput(
                _("{path}: collection '{table}' is not a list of records").format(path=path, table=table)
            )
    if not isinstance(document.get("meta", {}), dict):
        raise InvalidInput(_("{path}: 'meta' is not a mapping").format(path=path))
    return document


def _file_content(path: Path, document: dict[str, Any]) -> dict[str, Any]:
    """The center file's content (tables of numbered records) that ``document`` describes."""
    data: dict[str, Any] = {
        store.META: {"1": {**document.get("meta", {}), "schema": document["schema"]}},
        CENTER_TABLE: {"1": document["center"]},
    }
    for table in sorted(document["collections"]):
        numbered: dict[str, dict[str, Any]] = {}
        for row in document["collections"][table]:
            number = integrity.id_number(row.get("id"))
            if number is None or number < 1:
                raise InvalidInput(
                    _("{path}: a record of '{table}' has no valid id ('{id}')").format(
                        path=path, table=table, id=row.get("id")
                    )
                )
            if str(number) in numbered:
                raise InvalidInput(
                    _("{path}: two records of '{table}' have the number {number}").format(
                        path=path, table=table, number=number
                    )
                )
            numbered[str(number)] = row
        data[table] = {key: numbered[key] for key in sorted(numbered, key=int)}
    return data


def restore(
    source: Path | str,
    document: dict[str, Any],
    dest: Path | str,
    *,
    operator: str,
    plugins: Plugins,
    create: Callable[[], Any] | None = None,
) -> integrity.Report:
    """Write ``document`` (from :func:`read_export`) as the new center ``dest``, after checking it.

    The document must pass ``hive check`` (schema, references, stage history,
    plugins' checks) before anything is written; ``dest`` must not exist.
    The restored file holds exactly the exported records, event log included:
    exporting it again gives the same bytes. ``create`` opens the new, empty
    store (default: a new file at ``dest``; a server center for
    :func:`copy_center`); it refuses a center that exists.
    """
    if create is None:
        if os.path.lexists(dest):
            raise Conflict(
                _("{path} already exists; hive import never overwrites a file (choose a new --db)").format(path=dest)
            )
        create = lambda: store.Store.create(Path(dest))  # noqa: E731
    data, _old = store.migrate(source, _file_content(source, document))
    probe = store.Store(source, data, None)  # in memory only: messages name the export file
    ledger = Ledger(probe, operator=operator, registry=plugins.registry)
    report = integrity.check(ledger, plugins)
    if report.errors:
        first = report.errors[0]
        raise InvalidInput(
            _("{path}: {count} problem(s), nothing imported; the first: {table} {record}: {problem}").format(
                path=source, count=len(report.errors), table=first.table, record=first.record, problem=first.problem
            )
        )
    created = create()
    try:
        created.set_meta(**data[store.META]["1"])
        for table, docs in data.items():
            if table != store.META:
                created.insert(table, [(int(key), doc) for key, doc in docs.items()])
        created.commit()
    finally:
        created.close()
    return integrity.Report(str(dest), report.schema, report.records, report.problems)


def copy_center(
    source: str | Path, dest: str | Path, center: str | None, *, operator: str, plugins: Plugins
) -> integrity.Report:
    """Copy a whole center between a file and a server center (either way), losslessly.

    The source is read in one consistent snapshot, checked like an import,
    and written into a new center at ``dest`` (never over one): exporting the
    copy gives the same bytes as exporting the source.
    """
    from hive import location

    if not location.is_server(dest) and os.path.lexists(dest):
        raise Conflict(_("{path} already exists; hive copy never overwrites a center").format(path=dest))
    opened = location.open_store(source, center, write=False)
    try:
        ledger = Ledger(opened, operator=operator, registry=plugins.registry)
        document = export_document(ledger, show_personal=True)
    finally:
        opened.close()
    return restore(
        location.describe(source, center),
        document,
        location.describe(dest, center),
        operator=operator,
        plugins=plugins,
        create=lambda: location.create_store(dest, center),
    )
