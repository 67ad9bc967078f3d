"""The center file as the web workspace sees it: read from memory, written like the CLI writes.

Reading: the parsed center is kept in memory and read again only when the
file's identity changes (inode, size, modification time: a commit replaces
the file, so every commit, the CLI's included, gives a new identity), or
when the day changes (the ledger's "today"). A page never sees a
half-written state: commits are atomic renames, and a read parses one whole
file.

Writing: each write opens the center through :meth:`hive.cli.app.App.ledger`
(``write=True``): the same inter-process lock, a fresh read under it, the
engine's functions, one atomic commit, exactly as a ``hive`` command does.
The logged-in user is the ledger's operator, so the audit log says who.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from hive import clock
from hive.cli.app import App
from hive.ledger import Ledger
from hive.plugins import Plugins
from hive.store import Store


class CenterFile:
    """One center file, shared by every request of one ``hive serve`` process."""

    def __init__(self, db: Path, plugins: Plugins, *, lang: str | None = None):
        self.db = Path(db)
        self.plugins = plugins
        self.lang = lang
        self._registry = None
        self._cached: tuple[tuple, Ledger] | None = None
        self._memo: dict[object, object] = {}  # answers computed from the cached ledger, dropped with it
        # Ledgers structure tables lazily, which is not safe in two threads at once: reads of the
        # cached ledger take turns (the work is CPU-bound under the GIL, so little is lost).
        self.reading_lock = threading.RLock()

    def registry(self):
        if self._registry is None:
            self._registry = self.plugins.registry()
        return self._registry

    def _identity(self) -> tuple:
        st = os.stat(self.db)
        return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_dev, clock.today())

    def ledger(self) -> Ledger:
        """The center as last committed (a shared, read-only ledger: never add to it)."""
        with self.reading_lock:
            identity = self._identity()
            if self._cached is None or self._cached[0] != identity:
                store = Store.open(self.db, write=False)
                try:
                    ledger = Ledger(store, operator="", registry=self.registry)
                finally:
                    store.close()  # nothing is held: the parsed documents stay with the ledger
                # The file may have been replaced while it was read: keep the identity seen before, so
                # that a newer file is read on the next request.
                self._cached = (identity, ledger)
                self._memo = {}
            return self._cached[1]

    def memo(self, key: object, build):
        """``build()`` once per version of the center file (a review's verdicts for the dashboard, say)."""
        with self.reading_lock:
            self.ledger()
            if key not in self._memo:
                self._memo[key] = build()
            return self._memo[key]

    def fresh(self) -> Ledger:
        """A private copy of the center, read now, that a preview may add to without writing (a review)."""
        store = Store.open(self.db, write=False)
        try:
            return Ledger(store, operator="", registry=self.registry)
        finally:
            store.close()

    @contextlib.contextmanager
    def writing(self, operator: str) -> Iterator[Ledger]:
        """Open the center for one change by ``operator``: the CLI's lock, read, engine and atomic commit."""
        app = App(str(self.db), operator, lang=self.lang, plugins=self.plugins)
        with app.ledger(write=True) as ledger:
            yield ledger

    def exists(self) -> bool:
        return os.path.exists(self.db)
