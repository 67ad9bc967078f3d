"""Where a center lives: a file (the default), or a center code on a district's PostgreSQL server.

``--db`` is a path, or a libpq URL (``postgresql://user@host/db``; a socket
folder and port go in its query: ``postgresql:///hive?host=/run/postgresql``)
together with ``--center CODE``. Every command opens its center through
:func:`open_store` or :func:`create_store`; both kinds of store offer the
same interface (``documents``, ``insert``, ``replace``, ``remove``,
``set_meta``, ``snapshot``, ``tables``, ``schema``, ``commit``, ``close``,
``reset``). :mod:`hive.pgstore` (and psycopg) is imported only for a server.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hive.store import Store

SCHEMES = ("postgresql://", "postgres://")


def is_server(db: str | Path | None) -> bool:
    """Whether ``db`` names a server (a ``postgresql://`` URL) rather than a file."""
    return isinstance(db, str) and db.startswith(SCHEMES)


def open_store(db: str | Path, center: str | None, *, write: bool) -> Store | Any:
    """Open the center at ``db`` (and ``center`` on a server) for one command."""
    if is_server(db):
        from hive.pgstore import ServerStore

        return ServerStore.open(str(db), center, write=write)  # type: ignore[arg-type]
    from hive.store import Store

    return Store.open(Path(db), write=write)


def create_store(db: str | Path, center: str | None) -> Store | Any:
    """Start a new, empty center at ``db``; refuses one that exists."""
    if is_server(db):
        from hive.pgstore import ServerStore

        return ServerStore.create(str(db), center)  # type: ignore[arg-type]
    from hive.store import Store

    return Store.create(Path(db))


def exists(db: str | Path, center: str | None) -> bool:
    """Whether a center is there (a server that cannot be reached says so in one line)."""
    if not is_server(db):
        return Path(db).exists()
    from hive.errors import NoCenter

    try:
        open_store(db, center, write=False).close()
    except NoCenter:
        return False
    return True


def describe(db: str | Path, center: str | None) -> str:
    """How messages name the center: the file's path, or the server (no password) and the code."""
    if not is_server(db):
        return str(db)
    from hive.pgstore import shown

    return f"{shown(str(db))} [{center}]"
