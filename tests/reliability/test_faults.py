"""Fault injection and the atomic-write recipe's own traps.

A write that fails (disk full, a file-size limit, a read-only folder or file,
a file the user may not read) gives one clear line and a non-zero exit, and
leaves the previous file intact and readable. Then the traps of FIELD-NOTES:
stale temp files, file modes, symlinks, the folder's fsync.
"""

from __future__ import annotations

import ctypes
import errno
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from hive import store

PR_CAPBSET_DROP = 24
DAC_CAPABILITIES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def _can_drop_root_powers() -> bool:
    if os.geteuid() != 0:
        return True
    probe = subprocess.run(
        [sys.executable, "-c", "print(open('/proc/self/status').read())"],
        preexec_fn=_drop_root_powers,
        capture_output=True,
        text=True,
    )
    return probe.returncode == 0 and _lacks_dac(probe.stdout)


def _lacks_dac(status: str) -> bool:
    for line in status.splitlines():
        if line.startswith("CapEff:"):
            return not int(line.split()[1], 16) & 0b1110
    return False


def _drop_root_powers() -> None:
    """In a child about to exec: as root, give up the right to ignore file permissions (kept across exec)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in DAC_CAPABILITIES:
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_hive(rel, db: Path, *args: str, preexec=_drop_root_powers):
    """``python -m hive`` as a user whom file permissions bind (root gives up its override)."""
    return subprocess.run(
        [sys.executable, "-m", "hive", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=rel.child_env(),
        preexec_fn=preexec,
        timeout=60,
    )


def assert_refused(result, db: Path, before: bytes, *expected: str) -> None:
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in line, line
    assert db.read_bytes() == before
    assert not [p for p in db.parent.iterdir() if p.name.endswith(store.TEMP_SUFFIX)]


needs_permissions = pytest.mark.skipif(
    not _can_drop_root_powers(), reason="cannot run a child bound by file permissions here"
)


@pytest.fixture
def club(hive):
    hive.ok("org", "add", "阅翼成长阅读俱乐部")
    return hive.db.read_bytes()


# -- disk full ------------------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_disk_full_while_writing(hive, club, monkeypatch):
    """The temp file's descriptor is pointed at /dev/full: the kernel itself answers ENOSPC."""
    real_open = os.open

    def on_a_full_disk(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        if str(path).endswith(store.TEMP_SUFFIX) and flags & os.O_CREAT:  # the temp file of the new center
            full = real_open("/dev/full", os.O_WRONLY)
            os.dup2(full, fd)
            os.close(full)
        return fd

    monkeypatch.setattr(os, "open", on_a_full_disk)
    result = hive.fails("org", "add", "艺舞人生艺术团")
    assert result.exit_code == 8
    assert result.stderr == f"hive: cannot write {hive.db}: disk full; the previous file is intact\n"
    monkeypatch.undo()
    assert not [p for p in hive.db.parent.iterdir() if p.name.endswith(store.TEMP_SUFFIX)]
    assert [o["name"] for o in hive.json("org", "list")] == ["阅翼成长阅读俱乐部"]


def test_disk_full_at_fsync(hive, club, monkeypatch):
    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    assert "disk full; the previous file is intact" in hive.fails("person", "add", "王芳").stderr
    monkeypatch.undo()
    assert hive.json("person", "list") == []


def test_file_size_limit_short_write(hive, club, rel):
    """A real process with RLIMIT_FSIZE just above the file: the new file cannot be written whole."""
    limit = len(club) + 16

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = run_hive(rel, hive.db, "org", "add", "艺舞人生艺术团" * 10, preexec=limited)
    assert result.returncode == 8
    assert_refused(result, hive.db, club, f"cannot write {hive.db}", "previous file is intact")
    assert hive.json("check")["ok"]


# -- permissions ----------------------------------------------------------------------------------


@pytest.fixture
def restore_modes(hive):
    yield
    os.chmod(hive.db.parent, 0o755)
    if hive.db.exists():
        os.chmod(hive.db, 0o644)


@needs_permissions
def test_read_only_folder(hive, club, rel, restore_modes):
    hive.ok("person", "add", "王芳")  # the lock file exists, so the temp file is what fails
    before = hive.db.read_bytes()
    os.chmod(hive.db.parent, 0o555)
    result = run_hive(rel, hive.db, "org", "add", "艺舞人生艺术团")
    assert result.returncode == 8
    assert_refused(result, hive.db, before, f"cannot write {hive.db}", "ermission denied")
    assert run_hive(rel, hive.db, "org", "list").returncode == 0  # still readable


@needs_permissions
def test_read_only_folder_without_a_lock_file(hive, club, rel, restore_modes):
    Path(f"{hive.db}.lock").unlink(missing_ok=True)
    os.chmod(hive.db.parent, 0o555)
    result = run_hive(rel, hive.db, "org", "add", "艺舞人生艺术团")
    assert result.returncode == 8
    assert_refused(result, hive.db, club, f"cannot lock {hive.db}", "ermission denied")


@needs_permissions
def test_read_only_file_is_not_replaced(hive, club, rel, restore_modes):
    """os.replace would happily swap a read-only file in a writable folder: the store refuses first."""
    os.chmod(hive.db, 0o444)
    result = run_hive(rel, hive.db, "org", "add", "艺舞人生艺术团")
    assert result.returncode == 8
    assert_refused(result, hive.db, club, f"cannot write {hive.db}: permission denied; the previous file is intact")
    assert stat.S_IMODE(os.stat(hive.db).st_mode) == 0o444


@needs_permissions
def test_unreadable_file(hive, club, rel, restore_modes):
    os.chmod(hive.db, 0o000)
    for args in (("org", "list"), ("org", "add", "艺舞人生艺术团"), ("check",), ("export",), ("backup",)):
        result = run_hive(rel, hive.db, *args)
        assert result.returncode == 6, args
        assert result.stderr == f"hive: cannot read {hive.db}: permission denied\n"
    os.chmod(hive.db, 0o644)
    assert hive.db.read_bytes() == club


# -- the atomic recipe's traps --------------------------------------------------------------------


def test_stale_temp_files_are_cleaned_by_the_next_writer_only(hive, club):
    folder = hive.db.parent
    stale = folder / f".{hive.db.name}.0123456789ab{store.TEMP_SUFFIX}"  # a killed writer's: nobody holds it
    stale.write_bytes(b'{"half": ')
    other = folder / f".other.json.x{store.TEMP_SUFFIX}"  # not a name of hive's own temps: not ours to remove
    other.write_bytes(b"")
    hive.ok("org", "list")
    assert stale.exists()  # a reader holds no lock: it must not touch a writer's files
    hive.ok("org", "add", "艺舞人生艺术团")
    assert not stale.exists() and other.exists()


def test_the_file_keeps_its_mode(hive, club):
    os.chmod(hive.db, 0o640)
    hive.ok("org", "add", "艺舞人生艺术团")
    assert stat.S_IMODE(os.stat(hive.db).st_mode) == 0o640


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000])
def test_a_new_center_is_0600_whatever_the_umask(tmp_path, umask):
    """It holds phones, ID numbers and party membership: no other account may read it (issue 12, item 4)."""
    old = os.umask(umask)
    try:
        from hive.center import create_center

        create_center(tmp_path / "c.json", "中心", operator="t")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "c.json").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "c.json.lock").st_mode) == 0o600


def test_a_symlinked_center_stays_a_symlink(hive, club, tmp_path):
    link_folder = tmp_path / "links"
    link_folder.mkdir()
    link = link_folder / "center.json"
    link.symlink_to(hive.db)
    hive.ok("--db", str(link), "org", "add", "艺舞人生艺术团")
    assert link.is_symlink() and link.resolve() == hive.db.resolve()
    assert "艺舞人生艺术团" in hive.db.read_text(encoding="utf-8")
    # one lock for the file, whichever name it is opened by
    assert Path(f"{hive.db.resolve()}.lock").exists() and not Path(f"{link}.lock").exists()
    assert not [p for p in link_folder.iterdir() if p.name.endswith(store.TEMP_SUFFIX)]


def test_the_folder_is_fsynced_after_the_rename(hive, club, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def recording_fsync(fd):
        calls.append(("fsync", stat.S_ISDIR(os.fstat(fd).st_mode), os.fstat(fd).st_ino))
        real_fsync(fd)

    def recording_replace(src, dst):
        calls.append(("replace", False, 0))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    monkeypatch.setattr(os, "replace", recording_replace)
    hive.ok("org", "add", "艺舞人生艺术团")
    kinds = [(name, is_dir) for name, is_dir, _ino in calls]
    assert kinds == [("fsync", False), ("replace", False), ("fsync", True)]  # data, rename, folder
    assert calls[-1][2] == os.stat(hive.db.parent).st_ino
