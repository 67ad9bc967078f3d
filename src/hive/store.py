"""The center file: one TinyDB JSON document, read table by table, written atomically under a lock.

This is the only module that knows TinyDB. Plain TinyDB rewrites its file in
place, re-reads it on every operation and caches ids per process, which loses
or corrupts records when a process is killed or two run at once (see
FIELD-NOTES). So a :class:`Store`:

* takes an exclusive inter-process lock (``<file>.lock``) for the whole
  read-modify-write of a writing command, and none for a reading one;
* reads the file once, refusing an empty, non-JSON, foreign or newer-schema
  file instead of treating it as a new center, and parses each table when a
  command first asks for it (:func:`table_layout`), from the file it keeps
  open (:class:`FileBytes`);
* brings an older schema up to date in memory with the steps of
  :data:`MIGRATIONS`, and keeps the old file as a backup before the first
  commit writes the migrated one;
* runs TinyDB's table operations on that in-memory copy;
* commits once: a temporary file in the same folder, fsync, ``os.replace``,
  fsync of the folder. A kill at any instant leaves the old or the new file.
  A file the user cannot write (read-only) is refused, not replaced.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import itertools
import math
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from hive.errors import BadFile, CenterBusy, Conflict, NoCenter, WriteFailed
from hive.i18n import _
from hive.patterns import LazyPattern
from hive.rows import Rows, rows_of

if TYPE_CHECKING:  # filelock is imported by writing commands only (start-up time)
    import filelock

SCHEMA_VERSION = 1
META = "_hive"  # table holding {"schema": N} as document 1
TEMP_SUFFIX = ".hive-tmp"
DEFAULT_BUSY_TIMEOUT = 10.0
BUSY_SETTING = "core.busy_timeout"  # the center's own busy timeout, a setting declared by the core

#: The centers this process has committed to, in order (one entry per commit). The CLI compares
#: its length before and after a command to tell "saved, then printing failed" from "nothing written".
COMMITTED: list[Path] = []

#: Steps that bring an older file up to date: ``MIGRATIONS[n]`` receives the
#: whole content of a schema ``n`` file (a dict of tables) and returns the
#: content of schema ``n + 1``. The store sets the schema number itself.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def busy_timeout(center_setting: object = None) -> float:
    """Seconds a writing command waits for another one's lock.

    ``HIVE_BUSY_TIMEOUT`` (one command, one shell) wins over the center's
    ``core.busy_timeout`` setting, which wins over the default of 10 seconds.
    Negative or unreadable values are ignored.
    """
    for value in (os.environ.get("HIVE_BUSY_TIMEOUT"), center_setting):
        if value is None or value == "" or isinstance(value, bool):
            continue
        try:
            seconds = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if math.isfinite(seconds) and seconds >= 0:
            return seconds
    return DEFAULT_BUSY_TIMEOUT


def _center_busy_timeout(path: Path) -> object:
    """The center's ``core.busy_timeout``, read without the lock (a committed file is always whole)."""
    try:
        return orjson.loads(Path(path).read_bytes())["center"]["1"]["settings"].get(BUSY_SETTING)
    except Exception:  # unreadable or damaged: the default applies, the locked read reports the problem
        return None


class _Loaded(Storage):
    """A TinyDB storage over a dict that is already in memory."""

    def __init__(self, data: dict[str, Any]):
        self.data = data

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data


def _parse(path: Path, raw: bytes) -> dict[str, Any]:
    if not raw or raw.isspace():  # (strip() would copy a large file)
        raise BadFile(_("{path}: the file is empty; it is not a hive center (left untouched)").format(path=path))
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadFile(
            _("{path}: not valid JSON at line {line}, column {column}: {problem} (left untouched)").format(
                path=path, line=exc.lineno, column=exc.colno, problem=exc.msg
            )
        ) from None
    _check_meta(path, data.get(META, {}).get("1") if isinstance(data, dict) else None)
    for name, table in data.items():
        _check_table(path, name, table)
    return data


def _check_meta(path: Path, meta: Any) -> None:
    if not isinstance(meta, dict) or not isinstance(meta.get("schema"), int):
        raise BadFile(_("{path}: not a hive center file (no schema version); left untouched").format(path=path))
    if meta["schema"] > SCHEMA_VERSION:
        raise BadFile(
            _("{path}: written by a newer hive (schema {found}, this hive knows {known}); upgrade hive").format(
                path=path, found=meta["schema"], known=SCHEMA_VERSION
            )
        )


def _check_table(path: Path, name: str, table: Any) -> None:
    """Refuse a table that is not a mapping of records keyed by their numbers."""
    # (the set of the documents' types, built at C speed: a generator's test per record cost a large center 30 ms;
    # a table held as rows was made of dicts only)
    if type(table) is not Rows and (type(table) is not dict or not set(map(type, table.values())) <= {dict}):
        raise BadFile(_("{path}: table '{table}' is damaged (not a mapping of records)").format(path=path, table=name))
    keys = "".join(table)  # one scan of every key at C speed; "²".isdigit() is true, hence isascii
    if (keys and not (keys.isascii() and keys.isdigit())) or "" in table:
        key = next(k for k in table if not (k.isascii() and k.isdigit()))
        raise BadFile(  # (the ledger's message: TinyDB's document ids are numbers; a hand edit broke one)
            _("{path}: record {key} of '{table}' is damaged: its key is not a number").format(
                path=path, key=key, table=name
            )
        )


def refuse_duplicate_keys(path: Path | str, raw: bytes, data: dict[str, Any]) -> dict[str, tuple[int, int]] | None:
    """Raise :class:`BadFile` when the JSON text ``raw`` holds a key twice in one object.

    orjson, like every JSON parser, keeps the last of two equal keys: a
    second ``"people": {}`` from a bad merge would read as no people, and the
    next write would drop them for good. A file hive wrote itself is exactly
    :func:`encode` of what it parses to, which rules duplicates out at the
    cost of one encoding (and gives :func:`table_spans`, returned); any other
    file (edited by hand) is parsed again with the standard library, which
    sees every pair (and None is returned).
    """
    spans = table_spans(raw, data)
    if spans is not None:
        return spans
    found = first_duplicate(raw)
    if found is None:
        return None
    raise _duplicate_error(path, found)


def _duplicate_error(path: Path | str, found: tuple[str | None, str | None, str]) -> BadFile:
    table, record, key = found
    if record is None and table is None:
        message = _("{path}: the table '{key}' appears twice (a bad merge?); keep one, the file is left untouched")
    elif record is None:
        message = _(
            "{path}: table '{table}' holds record {key} twice (a bad merge?); keep one, the file is left untouched"
        )
    else:
        message = _(
            "{path}: record {record} of '{table}' holds the key '{key}' twice (a bad merge?); keep one, the file is left untouched"
        )
    return BadFile(message.format(path=path, table=table, record=record, key=key))


def first_duplicate(raw: bytes) -> tuple[str | None, str | None, str] | None:
    """``(table, record, key)`` of a key that appears twice: table and record None at the levels above it."""
    import json

    twice: dict[int, str] = {}  # id of a parsed object -> a key it held twice

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) != len(items):
            seen: set[str] = set()
            twice[id(obj)] = next(k for k, _v in items if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        return obj

    try:
        top = json.loads(raw, object_pairs_hook=pairs)
    except ValueError:
        return None
    if not twice:
        return None
    if id(top) in twice:
        return None, None, twice[id(top)]
    for table, docs in top.items():
        if id(docs) in twice:
            return table, None, twice[id(docs)]
        if isinstance(docs, dict):
            for record, doc in docs.items():
                if _holds(doc, twice):
                    inner = twice.get(id(doc))
                    return table, record, inner if inner is not None else _deepest(doc, twice)
    return None


def _holds(value: Any, twice: dict[int, str]) -> bool:
    if id(value) in twice:
        return True
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return any(_holds(child, twice) for child in children)


def _deepest(value: Any, twice: dict[int, str]) -> str:
    if id(value) in twice:
        return twice[id(value)]
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return next(_deepest(child, twice) for child in children if _holds(child, twice))


def migrate(path: Path | str, data: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
    """Bring ``data`` (a whole file's content) to :data:`SCHEMA_VERSION` with the :data:`MIGRATIONS` steps.

    Returns the migrated content and the schema it had, or None when it was
    already current. Nothing is written here; ``path`` only names the file in
    messages.
    """
    found = data[META]["1"]["schema"]
    if found == SCHEMA_VERSION:
        return data, None
    version = found
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise BadFile(
                _(
                    "{path}: schema {found} cannot be brought up to date by this hive (no step from schema {version})"
                ).format(path=path, found=found, version=version)
            )
        try:
            data = step(data)
            if type(data) is not dict:
                raise TypeError(f"the step returned {type(data).__name__}, not the file's tables")
        except Exception as exc:
            raise BadFile(
                _("{path}: updating from schema {version} failed: {problem}; the file is left untouched").format(
                    path=path, version=version, problem=f"{type(exc).__name__}: {exc}"
                )
            ) from None
        version += 1
        data.setdefault(META, {"1": {}})["1"]["schema"] = version
    return data, found


def migration_backup_path(path: Path, schema: int) -> Path:
    """Where the file of schema ``schema`` is kept before its migration: ``<name>.schema-N.backup``."""
    target = Path(os.path.realpath(path))
    return target.with_name(f"{target.name}.schema-{schema}.backup")


def _read(path: Path) -> bytes:
    source = FileBytes(path)
    try:
        return source.read()
    finally:
        source.close()


class FileSpan(NamedTuple):
    """A piece of a write taken from an opened file (:meth:`FileBytes.span`)."""

    source: FileBytes
    start: int
    end: int

    def bytes(self) -> bytes:
        return self.source.read(self.start, self.end)


def _copy_span(span: FileSpan, fd: int) -> None:
    """Append ``span`` to ``fd``: ``copy_file_range``, in the kernel, else read and written."""
    at, end = span.start, span.end
    copy = getattr(os, "copy_file_range", None)
    while at < end and copy is not None:
        try:
            done = copy(span.source.fd, fd, end - at, at)
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM):
                raise
            break  # (another file system, an old kernel): the plain way below
        if not done:  # the source ends early: shortened in place meanwhile
            break
        at += done
    for block in range(at, end, PARSE_PIECE):
        _write_all(fd, span.source.read(block, min(block + PARSE_PIECE, end)))


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class FileBytes:
    """The center file's bytes as they were opened, read again by range from its open descriptor.

    A writer replaces the file by a rename, which leaves these bytes as they were: a command
    reads one version of the center from start to end without holding all of it in memory
    (a large center's bytes beside its records were a quarter of the peak).
    """

    def __init__(self, path: Path):
        self.path = path
        self.fd = -1
        try:
            self.fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            raise NoCenter(
                _("no center at {path}: create one with 'hive init NAME' or point --db at one").format(path=path)
            ) from None
        except PermissionError:
            raise BadFile(_("cannot read {path}: permission denied").format(path=path)) from None
        except IsADirectoryError:
            raise BadFile(_("{path} is a folder, not a center file").format(path=path)) from None
        info = os.fstat(self.fd)
        if stat.S_ISDIR(info.st_mode):
            self.close()  # (and forget the number: closing it twice could close another file given it since)
            raise BadFile(_("{path} is a folder, not a center file").format(path=path))
        self.size = info.st_size

    def read(self, start: int = 0, end: int | None = None) -> bytes:
        end = self.size if end is None else end
        pieces = []
        while start < end:
            piece = os.pread(self.fd, min(end - start, 1 << 28), start)
            if not piece:  # shortened in place by another program since it was opened
                raise self._changed()
            pieces.append(piece)
            start += len(piece)
        return pieces[0] if len(pieces) == 1 else b"".join(pieces)

    def read_into(self, into: memoryview, start: int) -> None:
        """Fill ``into`` with the bytes from ``start`` on (no copy beside it: see :func:`_parse_value`)."""
        while len(into):
            count = os.preadv(self.fd, [into], start)
            if not count:  # shortened in place by another program since it was opened
                raise self._changed()
            into, start = into[count:], start + count

    def _changed(self) -> BadFile:
        return BadFile(_("{path} changed while hive was reading it; try again").format(path=self.path))

    def span(self, start: int, end: int) -> FileSpan:
        """Bytes ``start:end`` as a piece for :func:`write_atomically`, copied file to file by the kernel."""
        return FileSpan(self, start, end)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __del__(self) -> None:
        self.close()


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


#: Check every commit's assembled bytes against a whole encoding (the test suite sets HIVE_VERIFY_COMMITS).
VERIFY_COMMITS = bool(os.environ.get("HIVE_VERIFY_COMMITS"))

#: Mode of a new center file, whatever the umask: it holds phones, ID numbers and party membership.
NEW_CENTER_MODE = 0o600
_TEMP_NAME = LazyPattern(r"^\..+\.[0-9a-f]{12}" + re.escape(TEMP_SUFFIX) + "$")
_EMPTY_TEMP_GRACE = 60.0  # seconds: an empty temp may belong to a writer between creating and locking it


def temp_name(target: Path) -> Path:
    """A new temporary name for writing ``target``: ``.<name>.<12 hex digits>.hive-tmp`` in its folder.

    The random part has a fixed width and no dot, so the temps of ``c.json``
    and of ``c.json.bak`` never match each other's pattern.
    """
    import secrets

    return target.with_name(f".{target.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")


def is_temp_name(name: str) -> bool:
    """Whether ``name`` is the name of one of :func:`write_atomically`'s temporary files."""
    return bool(_TEMP_NAME.match(name))


def _lock_fd(fd: int, *, wait: bool) -> bool:
    try:
        import fcntl
    except ImportError:  # no flock (Windows): a temp is then removed only by its own writer
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def remove_stale_temps(folder: Path) -> int:
    """Remove the temporary files that killed writers left in ``folder``; returns how many.

    A writer holds an exclusive ``flock`` on its temp file from creating it
    until it is renamed, so a temp that can be locked here belongs to a dead
    process. A non-empty one is removed at once (its writer had locked it
    before writing); an empty one only after a minute (its writer may be
    between creating and locking it). Only names of :func:`temp_name`'s form
    are looked at, and only files of this user.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.endswith(TEMP_SUFFIX) or not is_temp_name(entry.name):
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or not _lock_fd(fd, wait=False):
                continue
            if st.st_size == 0 and time.time() - st.st_mtime < _EMPTY_TEMP_GRACE:
                continue
            with contextlib.suppress(OSError):
                if os.lstat(entry.path).st_ino == st.st_ino:
                    os.unlink(entry.path)
                    removed += 1
        finally:
            os.close(fd)
    return removed


def _shared_folder(folder: Path) -> os.stat_result | None:
    """The folder's stat when it is sticky or world-writable (like /tmp), else None."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st if st.st_mode & (stat.S_ISVTX | stat.S_IWOTH) else None


def output_target(path: Path) -> Path:
    """The real file that writing ``path`` replaces: its symlinks followed, safely.

    A symlink in a sticky or world-writable folder (``/tmp``, a shared
    drop folder) is followed only when it belongs to this user or to the
    folder's owner, like the kernel's ``protected_symlinks`` rule: another
    user's link there could point at any file of ours. Refused with
    :class:`WriteFailed` naming the path.
    """
    current = Path(os.path.abspath(path))
    for _hop in range(40):
        try:
            st = os.lstat(current)
        except FileNotFoundError:
            break
        except OSError:
            break
        if not stat.S_ISLNK(st.st_mode):
            break
        shared = _shared_folder(current.parent)
        if shared is not None and st.st_uid not in (os.geteuid(), shared.st_uid):
            raise WriteFailed(
                _(
                    "cannot write {path}: it is a link owned by another user in a shared folder; not followed (remove it or choose another file)"
                ).format(path=path)
            )
        current = Path(os.path.abspath(os.path.join(current.parent, os.readlink(current))))
    else:
        raise WriteFailed(_("cannot write {path}: too many levels of symbolic links").format(path=path))
    return Path(os.path.realpath(current))


def write_atomically(
    path: Path,
    payload: bytes | Iterable[bytes | memoryview | FileSpan],
    *,
    overwrite: bool = True,
    mode: int | None = None,
    group: int | None = None,
) -> None:
    """Replace ``path`` by ``payload`` (bytes, or pieces written one after another) so that a reader or a crash sees the old or the new bytes.

    The recipe: a temp file in the same folder (created ``O_EXCL``, never
    through a link, locked with ``flock`` while in flight), write, fsync,
    the old file's owner, group and mode, ``os.replace``, fsync of the folder.
    A new file gets ``mode`` (else the umask's) and ``group`` when given.
    A file the user may not write is refused, not replaced. With
    ``overwrite=False`` an existing ``path`` is never touched (:class:`Conflict`).
    A symlink's target is replaced (see :func:`output_target`). Temps left in
    the folder by killed writers are removed first (:func:`remove_stale_temps`).

    Application code writes its files with :func:`hive.outputs.write_output`,
    which adds the guards of a file derived from a center.
    """
    target = output_target(path)  # replace a symlink's target, not the link
    folder = target.parent
    try:
        existing: os.stat_result | None = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise WriteFailed(_("cannot write {path}: {problem}").format(path=path, problem=exc.strerror)) from None
    if existing is not None and not overwrite:
        raise Conflict(_("{path} already exists; it is left as it is").format(path=path))
    if existing is not None and not os.access(target, os.W_OK):
        raise WriteFailed(_("cannot write {path}: permission denied; the previous file is intact").format(path=path))
    if mode is None and existing is not None:
        mode = stat.S_IMODE(existing.st_mode)
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    remove_stale_temps(folder)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        tmp = temp_name(target)
        fd = os.open(tmp, flags, 0o600)
    except OSError as exc:
        raise WriteFailed(_("cannot write {path}: {problem}").format(path=path, problem=exc.strerror)) from None
    try:
        try:
            _lock_fd(fd, wait=True)  # in flight: remove_stale_temps leaves it alone
            for piece in [payload] if isinstance(payload, (bytes, bytearray, memoryview)) else payload:
                if type(piece) is FileSpan:
                    _copy_span(piece, fd)
                else:
                    _write_all(fd, piece)
            os.fsync(fd)
            _keep_owner(fd, existing, group)
            os.fchmod(fd, mode)
            if overwrite:
                os.replace(tmp, target)
            else:
                _link_new(str(tmp), target, path)
        finally:
            os.close(fd)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if not isinstance(exc, OSError):  # the pieces' producer failed (or Ctrl-C): the old file stands
            raise
        problem = _("disk full") if exc.errno == errno.ENOSPC else exc.strerror
        raise WriteFailed(
            _("cannot write {path}: {problem}; the previous file is intact").format(path=path, problem=problem)
        ) from None
    _fsync_dir(folder)


def _keep_owner(fd: int, existing: os.stat_result | None, group: int | None) -> None:
    """Give the new inode the old file's owner and group (a group-shared center stays shared).

    Only root may give a file away; anyone may give it a group they are in.
    So a colleague's write keeps the group (and the mode, set after), and the
    owner too when allowed.
    """
    if not hasattr(os, "fchown"):
        return
    uid, gid = (existing.st_uid, existing.st_gid) if existing is not None else (-1, group if group is not None else -1)
    if uid == -1 and gid == -1:
        return
    try:
        os.fchown(fd, uid, gid)
    except OSError:
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, gid)


@contextlib.contextmanager
def _deferred_interrupt() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) for the block; it is raised when the block is over.

    So a command interrupted while committing knows whether the file was
    replaced: either before (nothing written) or after (the change is saved).
    Only the main thread can take signals; elsewhere the block runs as is.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        if previous is signal.default_int_handler:
            raise KeyboardInterrupt
        if callable(previous):
            previous(signal.SIGINT, None)


def _link_new(tmp: str, target: Path, shown: Path) -> None:
    """Give the finished temp file the name ``target`` only if nothing holds that name yet."""
    try:
        os.link(tmp, target)  # atomic and never clobbers: fails when target exists
    except FileExistsError:
        os.unlink(tmp)
        raise Conflict(_("{path} already exists; it is left as it is").format(path=shown)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if target.exists():  # a file system without hard links: check, then rename
            os.unlink(tmp)
            raise Conflict(_("{path} already exists; it is left as it is").format(path=shown)) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def backup(path: Path, dest: Path | Callable[[dict[str, Any]], Path]) -> Path:
    """Copy the center at ``path`` to the new file ``dest`` while holding the center's lock; returns ``dest``.

    The copy is of a committed state (no writer can be half-way), is checked
    to read as a center first, is never more open than the center (see
    :func:`hive.outputs.write_output`), and never overwrites ``dest``.
    ``dest`` may be a function of the center's settings (its time zone names
    the copy), called once the file has been read.
    """
    from hive.outputs import write_output

    if not os.path.lexists(path):
        raise NoCenter(
            _("no center at {path}: create one with 'hive init NAME' or point --db at one").format(path=path)
        )
    lock = Store._acquire(path)
    try:
        raw = _read(path)
        data = _parse(path, raw)
        if callable(dest):
            center = data.get("center", {}).get("1")
            settings = center.get("settings") if isinstance(center, dict) else None
            dest = dest(settings if isinstance(settings, dict) else {})
        write_output(dest, raw, center=path, overwrite=False)
    finally:
        lock.release()
    return dest


def encode(data: Any) -> bytes:
    """The file's bytes: UTF-8 JSON, Chinese unescaped, indented for people to read.

    The final newline is orjson's (``OPT_APPEND_NEWLINE``): adding it to the bytes would copy the
    whole file once more, at the moment a command's memory is highest.
    """
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


_INDENT = orjson.OPT_INDENT_2


def table_spans(raw: bytes, data: dict[str, Any]) -> dict[str, tuple[int, int]] | None:
    """Where each table's entry (``  "name": {...}``) lies in ``raw``, when ``raw`` is exactly :func:`encode` of ``data``; else None.

    Each table is encoded on its own and compared in place (``startswith``
    at an offset, no copy), so this is the duplicate-key test of
    :func:`refuse_duplicate_keys` and, as a by-product, the map that lets a
    commit write the tables it did not change as they were read.
    """
    spans: dict[str, tuple[int, int]] = {}
    if not raw.startswith(b"{\n"):
        return None
    pos = 2
    for number, (name, table) in enumerate(data.items()):
        if number:
            if not raw.startswith(b",\n", pos):
                return None
            pos += 2
        entry = _table_entry(name, table)
        if not raw.startswith(entry, pos):
            return None
        spans[name] = (pos, pos + len(entry))
        pos += len(entry)
    if raw[pos:] != b"\n}\n":
        return None
    return spans


def table_layout(raw: bytes) -> dict[str, tuple[int, int, int]] | None:
    """Where each table lies in ``raw``, found without parsing it: ``{name: (entry, value, end)}``.

    ``raw[entry:end]`` is the table's entry (``  "name": {...}``, as :func:`table_spans` gives it)
    and ``raw[value:end]`` its JSON value. Found in hive's own layout only (orjson's two-space
    indentation: a table's name is the only line that starts with two spaces and a quote, since a
    newline inside a JSON string is always escaped); None for any other file, which is then parsed
    whole. A wrong guess is caught by parsing: a value that parses completely ends where its table
    ends (see :meth:`Store._read_table`).
    """
    if not raw.startswith(b'{\n  "') or not raw.endswith(b"\n}\n"):
        return None
    layout: dict[str, tuple[int, int, int]] = {}
    last = len(raw) - 3  # the closing "\n}\n"
    lines = [found.start() for found in _TABLE_LINE.finditer(raw, 0, last)]  # (re scans twice as fast as find)
    for line, following in zip(lines, [*lines[1:], -1], strict=True):
        end = last if following < 0 else following - 1  # before the "," that parts two tables
        if following >= 0 and raw[end] != ord(","):
            return None
        entry = line + 1
        colon = raw.find(b'": ', entry + 3, end)
        if colon < 0:
            return None
        try:
            name = orjson.loads(raw[entry + 2 : colon + 1])
        except orjson.JSONDecodeError:
            return None
        if type(name) is not str or name in layout:  # a table held twice: the whole parse names it
            return None
        layout[name] = (entry, colon + 3, end)
    return layout


_TABLE_LINE = LazyPattern(rb'\n  "')


#: Bytes of a table parsed at once; a larger one is parsed this much at a time (see :func:`_parse_value`).
#: (The test suite sets ``HIVE_PARSE_PIECE`` small: its small centers then take a large center's paths.)
PARSE_PIECE = int(os.environ.get("HIVE_PARSE_PIECE") or 4_000_000)

#: A table of more than this many pieces (64 MB) is held as :class:`Rows`: the large synthetic
#: center's 128 MB of service records held so, its review peaks at 774 MB instead of 1,050. A smaller one keeps its
#: dicts: making rows costs about half a microsecond a record (5% of a review at the real-center
#: upper end, whose 38 MB of service records stay under this bound).
ROWS_FROM_PIECES = 16


#: What a check of a table's bytes found (see :func:`_parse_value`): the bytes are exactly hive's
#: encoding of what they parse to, or (a table parsed in pieces) each record's number is held once.
ENCODED, COUNTED = "encoded", "counted"


def _parse_value(
    source: FileBytes, start: int, end: int, *, check: bool = False, rows: bool = False
) -> tuple[Any, str | bool]:
    """``orjson.loads`` of the file's bytes ``start:end``, a large table :data:`PARSE_PIECE` bytes of records at a time.

    orjson builds its own tree of a whole text before making the Python objects: parsed in
    pieces, a 190 MB table of service records peaks at 700 MB instead of 1.1 GB, and parses
    faster. A piece ends before a record's name line (four spaces and a quote), and its records
    are parsed as one object. ValueError when the bytes are not valid JSON in hive's layout.

    With ``rows``, a table parsed in pieces whose records all have the same fields is kept as
    :class:`Rows`, each piece's dicts let go as the next is parsed (a quarter of their memory). (A key held in two pieces is then held twice; a
    writing command's ``check`` finds it, and a reading one shows both.)

    With ``check``, also what the bytes rule out, or False. A table parsed at once is encoded again
    and compared (:data:`ENCODED`: no key held twice anywhere in it, see
    :func:`refuse_duplicate_keys`). A table parsed in pieces has its records' name lines counted
    instead, at the speed of a byte search: each begins a line with four spaces and a quote, which
    nothing else in hive's layout does (a record's fields are indented further, and JSON text holds
    no raw newline), so as many lines as records parsed means no record is held twice
    (:data:`COUNTED`). A key held twice inside a record could still be there: it is looked for
    before such a table is encoded again (:meth:`Store._verify_counted`); written as it was read,
    or with records added after it, nothing in it is lost. (Encoding a large center's service
    records only to compare them was a tenth of ``volunteer log``.)
    """
    if end - start <= PARSE_PIECE or source.read(start, start + 7) != b'{\n    "':
        text = source.read(start, end)
        value = orjson.loads(text)
        return value, check and _encodes(value, text, 8, 2) and ENCODED  # '{\n  "": ' value '\n}'
    table: dict[str, Any] = {}
    held: Rows | None = None  # the table as rows, while every record has the same fields
    overlap, high = False, 0  # (with check) whether two pieces' key numbers overlap, and the highest
    exact = check
    carry, at = b"", start + 1  # from the newline before the first record
    while at < end:
        # One buffer a piece: "{", what the last piece left, the bytes read; its records are then
        # parsed in place as one object, the byte after them overwritten by "}" (no copy of 4 MB twice).
        size = min(PARSE_PIECE, end - at)
        piece = bytearray(1 + len(carry) + size)
        piece[0] = ord("{")
        piece[1 : 1 + len(carry)] = carry
        source.read_into(memoryview(piece)[1 + len(carry) :], at)
        at += size
        if at < end:
            cut = piece.rfind(b'\n    "', 1)
            if cut <= 1:  # a record longer than a piece
                carry = bytes(memoryview(piece)[1:])
                continue
            if piece[cut - 1] != ord(","):  # what the cut drops must be the comma between two records
                raise ValueError("not hive's layout")
            carry, close = bytes(memoryview(piece)[cut:]), cut - 1
        else:
            if not piece.endswith(b"\n  }"):
                raise ValueError("not hive's layout")
            carry, close = b"", len(piece) - 4
        piece[close] = ord("}")  # (the comma between two records, or the newline of the table's "\n  }")
        part = orjson.loads(memoryview(piece)[: close + 1])
        if exact:  # one name line of four spaces and a quote for each record parsed
            exact = piece.count(b'\n    "', 1, close) == len(part)
        if rows and not table:
            found = rows_of(list(part.values()), held.fields if held is not None else None)
            if found is not None:
                if held is None:
                    held = Rows(found[0], [], [])
                if exact and part:  # a key held in two pieces is held twice in rows: their numbers tell
                    numbers = list(map(int, part))  # (ValueError: not a number, named by the whole parse)
                    overlap = overlap or (len(held) > 0 and min(numbers) <= high)
                    high = max(high, max(numbers))
                held.keys_.extend(part)
                held.rows.extend(found[1])
                continue
            if held is not None:  # a record with other fields: a dict after all
                table = held.as_dict()
                exact = exact and len(table) == len(held)  # (a key held in two pieces)
                held = None
        size = len(table)
        table.update(part)
        if len(table) != size + len(part):  # a record held in two pieces
            exact = False
    if held is not None:
        if exact:
            held.known_last(high)  # (the next record's number, known without another pass)
            if overlap:
                exact = len(set(held.keys_)) == len(held.keys_)
        return held, exact and COUNTED
    return table, exact and COUNTED


def _encodes(value: Any, text: bytes | memoryview, before: int, after: int) -> bool:
    """Whether ``text`` is what orjson writes for ``value`` one level in, as the table ``""``."""
    encoded = orjson.dumps({"": value}, option=_INDENT)
    return len(encoded) == len(text) + before + after and encoded.startswith(text, before)


#: Records per piece when a commit encodes a table (see :meth:`Store._payload`).
CHUNK = 20_000


def _entry_pieces(
    name: str, table: dict[str, Any], keys: list[str], *, after_old: bool = False
) -> Iterator[bytes | memoryview]:
    """The entry of ``table`` holding the records ``keys``, :data:`CHUNK` records a piece.

    With ``after_old``, only what follows an entry's old records: ``,`` and the new records up to the
    entry's closing line. The pieces join into exactly what :func:`_table_entry` gives.
    """
    head = len(orjson.dumps(name)) + 5  # '  "name": {'
    for start in range(0, max(len(keys), 1), CHUNK):
        piece = _table_entry(name, {key: table[key] for key in keys[start : start + CHUNK]})
        if start or after_old:
            yield b","
            piece = piece[head:]
        if start + CHUNK < len(keys):
            piece = piece[:-4]  # the closing line "\n  }" comes with the last piece
        yield piece


def _table_entry(name: str, table: dict[str, Any]) -> memoryview:
    """A table as it stands in the file: ``  "name": {`` ... ``  }`` (orjson's own indentation, one level in)."""
    return memoryview(orjson.dumps({name: table}, option=_INDENT))[2:-2]


_gc_pauses = 0  # stores open in this process; the cyclic GC runs again when the last one closes
_gc_was_enabled = True


def _pause_gc() -> None:
    """Stop the cyclic garbage collector while a center is open.

    A command parses and structures hundreds of thousands of small acyclic
    objects (dicts, lists, frozen records); each automatic collection walks
    all of them, which doubled the time of a large review. Refcounting still
    frees everything; only cycles wait until the store is closed.
    """
    global _gc_pauses, _gc_was_enabled
    if _gc_pauses == 0:
        _gc_was_enabled = gc.isenabled()
        gc.disable()
    _gc_pauses += 1


def _resume_gc() -> None:
    global _gc_pauses
    _gc_pauses -= 1
    if _gc_pauses == 0 and _gc_was_enabled:
        gc.enable()


class _Unread:
    """The place of a table not parsed yet (see :meth:`Store.documents`); refused by any encoding."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unread table>"


UNREAD = _Unread()


def _unread_tables(path: Path, raw: bytes) -> tuple[dict[str, Any], dict[str, tuple[int, int, int]]] | None:
    """The file's tables, each :data:`UNREAD` but the schema's, when ``raw`` is in hive's own layout
    at this hive's schema; else None (the file is parsed whole, which names any problem or migrates it)."""
    layout = table_layout(raw)
    if layout is None or META not in layout:
        return None
    _entry, value, end = layout[META]
    try:
        meta = orjson.loads(memoryview(raw)[value:end])
    except orjson.JSONDecodeError:
        return None
    first = meta.get("1") if type(meta) is dict else None
    if type(first) is not dict or type(first.get("schema")) is not int or first["schema"] != SCHEMA_VERSION:
        return None
    _check_table(path, META, meta)
    data: dict[str, Any] = dict.fromkeys(layout, UNREAD)
    data[META] = meta
    return data, layout


class Store:
    """One center file, open for one command. Use :meth:`open` or :meth:`create`.

    A file in hive's own layout is read table by table: :func:`table_layout` finds where each
    table lies, and a table is parsed when a command first asks for it (:meth:`documents`). A
    command about volunteers' hours then never parses the trainings, and a commit writes the
    tables it did not read as they were read.
    """

    def __init__(self, path: Path, data: dict[str, Any], lock: filelock.BaseFileLock | None):
        self._gc_paused = False
        self.path = path
        self._db = TinyDB(storage=_Loaded, data=data)
        self._lock = lock
        self._dirty = False
        self._before_migration: tuple[int, bytes] | None = None  # (old schema, old bytes) to keep at commit
        self._new = False  # created by :meth:`create`: the first commit makes a private (0600) file
        # The bytes opened and where each table lies in them (None: not known, the commit encodes all).
        # A commit writes the tables nothing touched as they were read, and a table that only gained
        # records as its old bytes plus the new records: it encodes what changed, not the whole file.
        self._source: FileBytes | None = None
        self._spans: dict[str, tuple[int, int]] | None = None
        self._appended: dict[str, list[str]] = {}  # table -> keys inserted since opening
        self._rewritten: set[str] = set()  # tables changed otherwise: encoded whole
        self._layout: dict[str, tuple[int, int, int]] | None = None  # where the unread tables lie in _source
        self._searched = False  # the whole file was searched for keys held twice (none found)
        self._checked: set[str] = set()  # unread tables checked before a commit (see _check_unread)
        # Tables read in pieces whose records were counted, not encoded (see _parse_value): where their
        # value lay in _source and how many records it held, until _verify_counted checks the rest.
        self._counted: dict[str, tuple[int, int, int]] = {}

    @property
    def _verify(self) -> bool:
        """A writing store reading table by table: each table read is checked for keys held twice."""
        return self._lock is not None and self._layout is not None

    # -- opening ---------------------------------------------------------------
    @staticmethod
    def _acquire(path: Path) -> filelock.BaseFileLock:
        import filelock

        try:  # the lock as open as the center (a group-shared center's colleagues must open it), else private
            lock_mode = stat.S_IMODE(os.stat(path).st_mode) & 0o666 | 0o600
        except OSError:
            lock_mode = NEW_CENTER_MODE
        lock = filelock.FileLock(f"{os.path.realpath(path)}.lock", mode=lock_mode)
        try:
            try:
                lock.acquire(timeout=0)  # the usual case: nobody else is writing
            except filelock.Timeout:
                # Busy: learn how long this center lets us wait. The extra read happens only
                # here, without the lock; the file is read again once the lock is ours.
                setting = None if os.environ.get("HIVE_BUSY_TIMEOUT") else _center_busy_timeout(path)
                lock.acquire(timeout=busy_timeout(setting))
        except filelock.Timeout:
            raise CenterBusy(
                _("center is busy: another hive command holds {path}; try again").format(path=path)
            ) from None
        except OSError as exc:
            raise WriteFailed(_("cannot lock {path}: {problem}").format(path=path, problem=exc.strerror)) from None
        return lock

    @classmethod
    def open(cls, path: Path, *, write: bool, strict: bool = False) -> Store:
        """Open an existing center. ``write`` takes the lock until :meth:`close`.

        A writing open (or a ``strict`` one, as ``hive check``'s) also refuses
        a file that holds a key twice (:func:`refuse_duplicate_keys`; a writing
        one checks each table as it is read, a large one by counting its records
        and, before it is encoded again, by encoding them: see :func:`_parse_value`);
        a reading one skips that pass. A ``strict`` open parses the whole file at once.
        """
        if not os.path.lexists(path):  # before locking: a missing center must not leave a lock file behind
            raise NoCenter(
                _("no center at {path}: create one with 'hive init NAME' or point --db at one").format(path=path)
            )
        lock = cls._acquire(path) if write else None
        _pause_gc()
        source = None
        try:
            source = FileBytes(path)
            raw = source.read()
            unread = None if strict else _unread_tables(path, raw)
            store = cls(path, unread[0] if unread else {}, lock)
            store._gc_paused, store._source = True, source
            if unread is not None:
                store._layout = unread[1]
                store._spans = {name: (entry, end) for name, (entry, _value, end) in unread[1].items()}
                if write:  # (the schema's table, parsed to read the schema, is checked as every other)
                    store._parse_table(META, check=True)
            else:
                parsed = _parse(path, raw)
                spans = None
                if write or strict:  # before any write: a key held twice would lose what its first copy held
                    spans = refuse_duplicate_keys(path, raw, parsed)
                data, migrated_from = migrate(path, parsed)
                store._db.storage.data = data
                if migrated_from is not None:
                    store._before_migration = (migrated_from, raw)
                elif write:
                    store._spans = spans
            del raw  # the tables are read again from the file when asked for: not held twice
            if write:
                cls._remove_stale_temp(path)
        except BaseException:
            _resume_gc()
            if source is not None:
                source.close()
            if lock is not None:
                lock.release()
            raise
        return store

    @classmethod
    def create(cls, path: Path) -> Store:
        """Start a new center file; refuses a path that already holds anything."""
        folder = Path(os.path.realpath(path)).parent
        if not folder.is_dir():  # the lock would create missing folders: a typo must not
            raise WriteFailed(
                _("cannot create {path}: the folder {folder} does not exist").format(path=path, folder=folder)
            )
        lock = cls._acquire(path)
        if Path(path).exists():
            lock.release()
            raise Conflict(_("{path} already exists; hive init never overwrites a file").format(path=path))
        store = cls(path, {META: {"1": {"schema": SCHEMA_VERSION}}}, lock)
        store._dirty = True
        store._new = True
        _pause_gc()  # a demo build fills a new store with many records
        store._gc_paused = True
        return store

    def reset(self) -> None:
        """Empty the file's content (kept in memory until :meth:`commit`), keeping the lock."""
        self._db.storage.data = {META: {"1": {"schema": SCHEMA_VERSION}}}
        self._dirty = True
        self._spans = self._layout = None  # nothing of the file is left to read or check

    @staticmethod
    def _remove_stale_temp(path: Path) -> None:
        remove_stale_temps(Path(os.path.realpath(path)).parent)

    # -- reading ---------------------------------------------------------------
    @property
    def schema(self) -> int:
        return self._db.storage.data[META]["1"]["schema"]

    def tables(self) -> list[str]:
        return sorted(name for name in self._db.storage.data if name != META)

    def documents(self, table: str) -> Mapping[str, dict[str, Any]]:
        """The raw documents of ``table`` keyed by TinyDB's document id (a str): a dict, or :class:`Rows`
        for a large table. Do not mutate."""
        found = self._db.storage.data.get(table, {})
        return self._read_table(table) if found is UNREAD else found

    def snapshot(self) -> dict[str, Any]:
        """The whole file's content as loaded and changed so far, every table a dict."""
        data = self._db.storage.data
        for name in [name for name, table in data.items() if table is UNREAD or type(table) is Rows]:
            self._as_dict(name)
        return data

    def _as_dict(self, name: str) -> dict[str, Any]:
        """Table ``name`` as a dict of documents, read if it was not, made again if it was held as rows
        (for TinyDB's operations, which change documents in place, and for a whole encoding)."""
        table = self.documents(name)
        if type(table) is Rows:
            table = self._db.storage.data[name] = table.as_dict()
        return table  # type: ignore[return-value]

    def _read_table(self, name: str) -> dict[str, Any]:
        """Parse an unread table where :func:`table_layout` found it, and keep it."""
        table = self._parse_table(name, check=self._verify)
        if table is None:  # the whole file was parsed instead
            return self._db.storage.data[name]
        self._db.storage.data[name] = table  # in its place: the tables keep the file's order
        return table

    def _parse_table(self, name: str, *, check: bool, keep: bool = True) -> dict[str, Any] | None:
        """Table ``name`` parsed where :func:`table_layout` found it and checked as :func:`_parse` would.

        With ``check``, also for keys held twice (:meth:`_not_as_written`). ``keep``: the table is
        kept (a large one as :class:`Rows`), not only checked. None when its bytes are
        not hive's layout after all (a hand edit) or damaged: the whole file is then parsed instead
        (:meth:`_read_whole`), which names the problem or takes every table from it.
        """
        assert self._source is not None and self._layout is not None
        _entry, value, end = self._layout[name]
        try:
            rows = keep and end - value > ROWS_FROM_PIECES * PARSE_PIECE
            table, exact = _parse_value(self._source, value, end, check=check, rows=rows)
        except ValueError:
            self._read_whole()
            return None
        _check_table(self.path, name, table)
        if check and not exact:
            self._not_as_written(name)
        elif exact == COUNTED and keep:
            self._counted[name] = (value, end, len(table))
        return table

    def _not_as_written(self, name: str) -> None:
        """A table read by a writing store that is not exactly hive's encoding of what it holds.

        A key held twice, or a hand edit: the standard library's parse of the whole file, which
        sees every pair, tells them apart (once: it covers every table). The table is then
        written whole, not as it was read.
        """
        assert self._source is not None
        if not self._searched:
            found = first_duplicate(self._source.read())
            if found is not None:
                raise _duplicate_error(self.path, found)
            self._searched = True
        if self._spans is not None:
            self._spans.pop(name, None)

    def _verify_counted(self, name: str) -> None:
        """Before table ``name``, read in pieces and checked by counting its records, is encoded again
        from what it parsed to: the check its reading left out (a key held twice inside a record).

        Its first records are still the ones read (records are added after them, and a replace or
        a removal comes here first: :meth:`_changing`), so they are encoded and compared with the bytes they were read
        from, as a table parsed at once is; what differs is told apart by :meth:`_not_as_written`.
        """
        value, end, count = self._counted.pop(name)
        assert self._source is not None
        table = self._as_dict(name)
        read = table if len(table) == count else dict(itertools.islice(table.items(), count))
        if not _encodes(read, self._source.read(value, end), 8, 2):
            self._not_as_written(name)

    def _changing(self, name: str) -> dict[str, Any]:
        """Table ``name`` as a dict whose records are about to change in place (a replace, a removal);
        one read in pieces and only counted is checked first (:meth:`_verify_counted`)."""
        if name in self._counted:
            self._verify_counted(name)
        return self._as_dict(name)

    def _check_unread(self) -> None:
        """Before a write: the tables this command did not read are checked as a read would check them.

        They are written as they were read, so nothing in them could be lost; but a write onto a
        damaged file is refused, whichever table is damaged. Each is parsed, checked and let go.
        """
        if not self._verify:
            return
        for name, table in list(self._db.storage.data.items()):
            if table is UNREAD and name not in self._checked:
                if self._parse_table(name, check=True, keep=False) is None:  # the whole file was parsed and checked
                    return
                self._checked.add(name)

    def _read_whole(self) -> dict[str, Any]:
        """The file parsed at once, naming its problem as :meth:`open` would; the unread tables taken from it."""
        assert self._source is not None
        raw = self._source.read()
        whole = _parse(self.path, raw)
        spans = refuse_duplicate_keys(self.path, raw, whole) if self._verify else None
        del raw
        data = self._db.storage.data
        for name in [name for name in data if name not in whole]:
            del data[name]
        for name, table in whole.items():
            if data.get(name, UNREAD) is UNREAD:  # a table read before was read whole: the same
                data[name] = table
        self._layout = None
        self._spans = spans if spans is not None and list(spans) == list(data) else None
        return data

    # -- writing ---------------------------------------------------------------
    def insert(self, table: str, documents: Iterable[tuple[int, dict[str, Any]]]) -> None:
        """Add documents with the given ids; the dicts are kept as given (the caller lets go of them).

        Straight into the loaded data: TinyDB's ``insert_multiple`` copies every document twice and
        rebuilds the whole table twice, which at the commit of a large import (a million rows) is
        the command's peak of memory.
        """
        data = self._db.storage.data
        for doc_id, doc in documents:
            stored = data.get(table)
            if stored is None:  # a table appears with its first document
                stored = data[table] = {}
            key = str(doc_id)
            if stored is UNREAD:
                stored = self._read_table(table)
            if key in stored:
                raise ValueError(f"Document with ID {key} already exists")
            if type(stored) is not Rows:
                stored[key] = doc
            elif not stored.append(key, doc):  # a record with other fields than the table's rows
                stored = self._as_dict(table)
                stored[key] = doc
            self._dirty = True
            self._appended.setdefault(table, []).append(key)

    def replace(self, table: str, documents: Mapping[int, dict[str, Any]]) -> None:
        """Overwrite whole documents by id, in one TinyDB operation."""
        if not documents:
            return
        current = self._changing(table)
        # TinyDB hands the updater the stored dict, not its id: match by identity.
        by_object = {id(current[str(doc_id)]): new for doc_id, new in documents.items()}

        def overwrite(doc: dict[str, Any]) -> None:
            new = by_object[id(doc)]
            doc.clear()
            doc.update(new)

        self._db.table(table, cache_size=0).update(overwrite, doc_ids=list(documents))
        self._dirty = True
        self._rewritten.add(table)

    def remove(self, table: str, numbers: Iterable[int]) -> None:
        """Delete documents by id, in one TinyDB operation (only ``hive undo`` removes records)."""
        numbers = list(numbers)
        if numbers:
            self._changing(table)
            self._db.table(table, cache_size=0).remove(doc_ids=numbers)
            self._dirty = True
            self._rewritten.add(table)

    def set_meta(self, **fields: Any) -> None:
        self._as_dict(META)
        self._db.table(META, cache_size=0).update(fields, doc_ids=[1])
        self._dirty = True
        self._rewritten.add(META)

    def commit(self) -> None:
        """Write everything changed since opening, atomically; a no-op when nothing changed."""
        if self._lock is None:
            raise RuntimeError("store opened read-only")
        if self._dirty:
            if self._before_migration is not None:
                self._keep_before_migration(*self._before_migration)
                self._before_migration = None
            self._check_unread()
            for name in [n for n in self._counted if n not in (self._spans or {})]:
                self._verify_counted(name)  # to be encoded again, not written as read (a second commit)
            payload = self._payload()
            with _deferred_interrupt():  # the rename and its record in COMMITTED happen together
                write_atomically(self.path, payload, mode=NEW_CENTER_MODE if self._new else None)
                COMMITTED.append(Path(self.path))
            self._dirty = False
            self._new = False
            # The file is now the new bytes, not known here; the unread tables are still in the old ones.
            unread = [name for name, table in self._db.storage.data.items() if table is UNREAD]
            if unread and self._spans is not None:
                self._spans = {name: self._spans[name] for name in unread}
            else:
                self._spans = self._layout = None
            self._appended.clear()
            self._rewritten.clear()

    def _payload(self) -> bytes | Iterator[bytes | memoryview | FileSpan]:
        """The new file, in pieces: the tables nothing touched as they were read, the others encoded.

        The same bytes as :func:`encode` of the data (``VERIFY_COMMITS`` checks it), produced while
        they are written: a large table is encoded :data:`CHUNK` records at a time, so a commit never
        holds the whole file's encoding (a million imported rows) besides the records.
        """
        if VERIFY_COMMITS:  # the tests' guard (tests/conftest.py)
            joined = b"".join(p.bytes() if type(p) is FileSpan else p for p in self._pieces())
            data = self._db.storage.data
            whole = {
                name: self._unread_value(name) if t is UNREAD else t.as_dict() if type(t) is Rows else t
                for name, t in data.items()
            }
            if joined != encode(whole):
                # A table read in pieces and only counted is written as it was read: a hand edit that
                # kept hive's layout stays as the user left it, and only what it holds must be the same.
                if not self._counted or orjson.loads(joined) != orjson.loads(encode(whole)):
                    raise AssertionError("the assembled center differs from its encoding")
            return joined
        return self._pieces()

    def _unread_value(self, name: str) -> orjson.Fragment:
        assert self._source is not None and self._layout is not None
        _entry, value, end = self._layout[name]
        return orjson.Fragment(self._source.read(value, end))

    def _pieces(self) -> Iterator[bytes | memoryview | FileSpan]:
        source, spans = self._source, self._spans or {}  # spans are set with the source, or none are
        yield b"{\n"
        for number, (name, table) in enumerate(self._db.storage.data.items()):
            if number:
                yield b",\n"
            span = spans.get(name)
            if span is None or source is None:
                yield from _entry_pieces(name, table, list(table))
                continue
            added = self._appended.get(name)
            if table is UNREAD:  # as it was read
                yield source.span(*span)
            elif name in self._rewritten or (added and len(added) == len(table)):  # (an empty "{}" before)
                yield from _entry_pieces(name, table, list(table))
            elif added:  # the old entry up to its closing line "\n  }", then ",\n    KEY: {...}" ... "\n  }"
                yield source.span(span[0], span[1] - 4)
                yield from _entry_pieces(name, table, added, after_old=True)
            else:
                yield source.span(*span)
        yield b"\n}\n"

    def _keep_before_migration(self, schema: int, raw: bytes) -> None:
        """Save the file as it was before its migration, once, never overwriting another backup."""
        first = migration_backup_path(self.path, schema)
        mode = os.stat(self.path).st_mode & 0o777
        for n in range(1, 1000):
            candidate = first if n == 1 else first.with_name(f"{first.name}.{n}")
            if candidate.exists():
                if candidate.read_bytes() == raw:
                    return  # kept by an earlier attempt whose commit failed
                continue
            try:
                write_atomically(candidate, raw, overwrite=False, mode=mode)
            except Conflict:
                continue
            return

    def close(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            _resume_gc()
        # The tables not read yet stay readable, from the version opened, until the store is let go
        # (a command may print from its ledger after closing it; the web keeps a ledger to serve).
        if self._source is not None and UNREAD not in self._db.storage.data.values():
            self._source.close()
            self._source = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def opened(path: Path, *, write: bool) -> Iterator[Store]:
    store = Store.open(path, write=write)
    try:
        yield store
    finally:
        store.close()
