"""Writing the files hive produces besides the center: the one door for every output.

Reports, certificates, CSV and spreadsheet exports, backups, templates and
error sheets are all written with :func:`write_output`. It is what
:func:`hive.store.write_atomically` does for the center (a temp file in the
same folder, fsync, rename, fsync of the folder; a symlink planted by another
user in a shared folder is never followed; temps left by killed writers are
cleaned), plus the guards of a file *derived from* a center:

* it never lands on the center itself, its lock, its schema backups
  (``<name>.schema-N.backup``) or a temp file: refused with one line naming
  the file (:class:`hive.errors.Conflict`), before anything is written;
* it is never more open than the center: its mode is the umask's (or the
  file's it replaces) with every bit the center lacks removed, and its group
  is the center's (when that cannot be given, the group bits are dropped);
* it is written after the commit it belongs to. A command that records
  something and writes a file calls :func:`check_output` *before* the commit
  (so a refused path records nothing) and :func:`write_output` *after* it
  (so the file never describes an uncommitted state).

Example, in a plugin's command::

    from hive.outputs import check_output, write_output

    check_output(path, center=app.db)          # refuse early: nothing recorded yet
    with app.ledger(write=True) as ledger:
        doc = issue(ledger, ...)
    write_output(path, render(doc), center=app.db)   # after the commit

A failure raises :class:`hive.errors.WriteFailed` (disk full, permissions),
the previous file at ``path`` left intact.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from hive import store
from hive.errors import Conflict
from hive.i18n import _
from hive.patterns import LazyPattern

#: The outputs this process has written, in order: the CLI names them when printing fails afterwards.
WRITTEN: list[Path] = []

_SCHEMA_BACKUP = LazyPattern(r"^(?P<center>.+)\.schema-\d+\.backup(\.\d+)?$")


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def protected(path: Path, center: Path | None) -> str | None:
    """Why ``path`` must never be written as an output (a reason for the message), or None."""
    target = _real(path)
    name = target.name
    if store.is_temp_name(name) or name.endswith(store.TEMP_SUFFIX):
        return _("it is a temporary file of hive's")
    if center is None:
        return None
    real_center = _real(center)
    if target == real_center or (target.exists() and real_center.exists() and os.path.samefile(target, real_center)):
        return _("it is the center file itself")
    if target == real_center.with_name(f"{real_center.name}.lock"):
        return _("it is the center's lock file")
    match = _SCHEMA_BACKUP.match(name)
    if match and target.parent == real_center.parent and match["center"] == real_center.name:
        return _("it is the center's backup from before a schema upgrade")
    return None


def check_output(path: Path | str, *, center: Path | str | None = None) -> None:
    """Refuse, before anything is recorded, an output path that :func:`write_output` would refuse.

    Raises :class:`hive.errors.Conflict` naming ``path`` when it is the center,
    its lock, a schema backup or a temp file, and
    :class:`hive.errors.WriteFailed` when it is another user's link in a
    shared folder or its folder does not exist.
    """
    from hive.errors import WriteFailed

    path = Path(path)
    reason = protected(path, Path(center) if center is not None else None)
    if reason is not None:
        raise Conflict(_("cannot write {path}: {reason}; choose another file").format(path=path, reason=reason))
    target = store.output_target(path)
    if not target.parent.is_dir():
        raise WriteFailed(
            _("cannot write {path}: the folder {folder} does not exist").format(path=path, folder=target.parent)
        )
    if target.is_dir():
        raise WriteFailed(_("cannot write {path}: it is a folder").format(path=path))


def derived_mode(center: Path, existing: int | None = None) -> int:
    """The mode of a file derived from ``center``: the umask's (or ``existing``) without the bits ``center`` lacks."""
    if existing is None:
        umask = os.umask(0)
        os.umask(umask)
        existing = 0o666 & ~umask
    try:
        center_mode = stat.S_IMODE(os.stat(center).st_mode)
    except OSError:
        center_mode = store.NEW_CENTER_MODE
    return existing & center_mode & 0o666


def write_output(
    path: Path | str,
    payload: bytes | str,
    *,
    center: Path | str | None = None,
    overwrite: bool = True,
) -> Path:
    """Write ``payload`` (bytes, or text written as UTF-8) to ``path`` atomically; returns ``path``.

    ``center`` is the center file the output is derived from (its data is in
    the payload): the output then never lands on that center, its lock or
    its schema backups, and is never more open than it (see the module's
    docstring). Without ``center`` (a template, a plugin skeleton) only the
    atomic recipe and the temp-name guard apply. ``overwrite=False`` refuses
    an existing ``path`` (:class:`hive.errors.Conflict`).
    """
    path = Path(path)
    center_path = Path(center) if center is not None else None
    check_output(path, center=center_path)
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    mode = group = None
    if center_path is not None:
        target = store.output_target(path)
        try:
            existing = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            existing = None
        mode = derived_mode(center_path, existing)
        try:
            group = os.stat(center_path).st_gid
        except OSError:
            group = None
        if group is not None and group not in (os.getegid(), *os.getgroups()) and os.geteuid() != 0:
            mode &= ~0o070  # the file cannot have the center's group: no other group may read it
    store.write_atomically(path, data, overwrite=overwrite, mode=mode, group=group)
    WRITTEN.append(path)
    return path
