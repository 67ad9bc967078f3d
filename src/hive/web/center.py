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

from hive import clock, i18n
from hive.cli.app import App
from hive.ledger import Ledger
from hive.plugins import Plugins
from hive.store import Store

WARM_KEYS = 32  # answers kept warm: (language, page, user) combinations seen lately
WATCH_SECONDS = 0.25  # how often the watcher looks at the file


class CenterFile:
    """One center file, shared by every request of one ``hive serve`` process."""

    def __init__(self, db: Path, plugins: Plugins, *, lang: str | None = None):
        self.db = Path(db)
        self.plugins = plugins
        self.lang = lang
        self._registry = None
        self._cached: tuple[tuple, Ledger] | None = None
        self._memo: dict[object, object] = {}  # answers computed from the cached ledger, dropped with it
        self._warm: dict[object, object] = {}  # key -> how to build it again from a newer ledger (recent keys)
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()
        self._warmed: tuple | None = None  # the version of the file the watcher last warmed
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
                    store.close()  # no lock is held; the tables not read yet come from this version
                # The file may have been replaced while it was read: keep the identity seen before, so
                # that a newer file is read on the next request.
                self._cached = (identity, ledger)
                self._memo = {}
            return self._cached[1]

    def memo(self, key: object, build, *, warm=None):
        """``build()`` once per version of the center file and language (a review's verdicts, say).

        ``warm(ledger)``, when given, builds the same answer from a newer version of the file: the
        watcher (:meth:`keep_warm`) runs it in the background after a change (the CLI's or a form's),
        so the page that needs it next finds it made.
        """
        key = (i18n.language(), key)  # answers hold translated text: one per language
        with self.reading_lock:
            self.ledger()
            if key not in self._memo:
                self._memo[key] = build()
            if warm is not None:
                self._warm.pop(key, None)
                self._warm[key] = warm
                while len(self._warm) > WARM_KEYS:
                    self._warm.pop(next(iter(self._warm)))
            return self._memo[key]

    def keep_warm(self, lock, *, every: float = WATCH_SECONDS) -> None:
        """Watch the file (a daemon thread) and, after each change, read it and rebuild the recent answers.

        ``lock`` is the one the views take turns with: warming is a view's work done early, never
        beside a view. Started by ``hive serve`` only (tests and tools build their sites without it).
        """
        if self._watcher is not None:
            return

        def watch() -> None:
            while not self._stop.wait(every):
                try:
                    self._warm_once(lock)
                except Exception:  # a file being replaced, damaged or gone: the next page says so itself
                    pass

        self._watcher = threading.Thread(target=watch, name="hive-warm", daemon=True)
        self._watcher.start()

    def stop_warming(self) -> None:
        self._stop.set()

    def _warm_once(self, lock) -> None:
        """Once per version of the file: read it and build the recent answers it does not have yet."""
        if not self.exists() or self._identity() == self._warmed:
            return
        with lock:
            ledger = self.ledger()
            with self.reading_lock:
                identity = self._cached[0] if self._cached is not None else None
            for key, warm in list(self._warm.items()):
                with self.reading_lock:
                    if key in self._memo or self._cached is None or self._cached[1] is not ledger:
                        continue
                with i18n.speaking(key[0]):
                    try:
                        value = warm(ledger)
                    except Exception:  # the page meets the same problem and says it in its own words
                        continue
                with self.reading_lock:
                    if self._cached is not None and self._cached[1] is ledger:
                        self._memo[key] = value
            self._warmed = identity  # tried once for this version, whatever came of it

    @contextlib.contextmanager
    def writing(self, operator: str) -> Iterator[Ledger]:
        """Open the center for one change by ``operator``: the CLI's lock, read, engine and atomic commit."""
        app = App(str(self.db), operator, lang=self.lang, plugins=self.plugins)
        with app.ledger(write=True) as ledger:
            yield ledger

    def exists(self) -> bool:
        return os.path.exists(self.db)
