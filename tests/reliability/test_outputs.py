"""Every file hive produces goes through one door (hive.outputs.write_output): issue 12, items 1, 2, 4-7.

Each test is the repro of an item of the adversarial pass: it failed on v0.1.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from hive import outputs, store
from hive.errors import Conflict, WriteFailed


@pytest.fixture
def center(hive):
    """A center with a volunteer who has approved hours; returns (runner, person id)."""
    hive.enable("volunteer")
    pid = hive.new_id("person", "add", "张三")
    hive.ok("volunteer", "add", pid)
    rid = hive.new_id("volunteer", "log", pid, "--date", "2026-06-01", "--hours", "3", "--activity", "探访长者")
    hive.ok("volunteer", "approve", rid)
    hive.ok("settings", "set", "volunteer.certificate_signatory", "李主任")
    return hive, pid


def hive_child(db: Path, *args: str, preexec=None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hive", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "HIVE_LANG": "en", **env},
        preexec_fn=preexec,
        timeout=60,
    )


# -- item 1: a report never overwrites the center ----------------------------------------------------


def test_report_csv_onto_the_center_is_refused(center):
    hive, _pid = center
    before = hive.db.read_bytes()
    result = hive.fails("volunteer", "report", "--csv", str(hive.db))
    assert result.stderr == f"hive: cannot write {hive.db}: it is the center file itself; choose another file\n"
    assert hive.db.read_bytes() == before
    assert hive.json("check")["ok"]


def test_report_csv_onto_the_center_through_a_symlink_or_another_spelling_is_refused(center, tmp_path):
    hive, _pid = center
    link = tmp_path / "link.csv"
    link.symlink_to(hive.db)
    before = hive.db.read_bytes()
    for spelling in (link, tmp_path / "." / hive.db.name, Path(os.path.relpath(hive.db))):
        assert "it is the center file itself" in hive.fails("volunteer", "report", "--csv", str(spelling)).stderr
    assert hive.db.read_bytes() == before


@pytest.mark.parametrize("suffix", [".lock", ".schema-1.backup", ".schema-1.backup.2"])
def test_outputs_never_land_on_the_lock_or_a_schema_backup(center, suffix):
    hive, _pid = center
    target = hive.db.with_name(hive.db.name + suffix)
    target.write_bytes(b"")
    result = hive.fails("volunteer", "report", "--csv", str(target))
    assert result.stderr.startswith(f"hive: cannot write {target}: it is the center's")
    assert target.read_bytes() == b""


def test_outputs_never_land_on_a_temp_file(center):
    hive, _pid = center
    temp = hive.db.with_name(f".{hive.db.name}.0123456789ab{store.TEMP_SUFFIX}")
    result = hive.fails("volunteer", "report", "--csv", str(temp))
    assert "it is a temporary file of hive's" in result.stderr
    assert not temp.exists()


def test_report_csv_is_written_atomically_and_leaves_no_temp(center, tmp_path):
    hive, _pid = center
    out = tmp_path / "hours.csv"
    out.write_text("old", encoding="utf-8")
    assert "wrote 1 row" in hive.ok("volunteer", "report", "--csv", str(out))
    assert out.read_bytes().startswith("\ufeffid,name".encode())
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(store.TEMP_SUFFIX)]


# -- item 2: the certificate's page is written after its commit ---------------------------------------


def test_certificate_html_onto_the_center_is_refused_and_records_nothing(center):
    hive, pid = center
    before = hive.db.read_bytes()
    result = hive.fails("volunteer", "certificate", pid, "--html", str(hive.db))
    assert "it is the center file itself" in result.stderr
    assert hive.db.read_bytes() == before


def test_a_failed_commit_writes_no_certificate_page(center, tmp_path):
    """v0.1 wrote the HTML first; with the commit refused by a file-size limit, hive said "intact"."""
    hive, pid = center
    page = tmp_path / "cert.html"
    before = hive.db.read_bytes()
    limit = len(before) + 16  # the page (small) would fit; the new center does not

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = hive_child(hive.db, "volunteer", "certificate", pid, "--html", str(page), preexec=limited)
    assert result.returncode == 8, result.stderr
    assert "the previous file is intact" in result.stderr
    assert hive.db.read_bytes() == before
    assert not page.exists()


def test_the_certificate_page_is_written_after_the_commit(center, tmp_path, monkeypatch):
    hive, pid = center
    page = tmp_path / "cert.html"
    seen = []
    real = store.write_atomically

    def spy(path, payload, **kwargs):
        seen.append((Path(path).name, len(store.COMMITTED)))
        return real(path, payload, **kwargs)

    monkeypatch.setattr(store, "write_atomically", spy)
    out = hive.ok("volunteer", "certificate", pid, "--html", str(page))
    assert f"wrote {page}" in out
    (center_write, commits_before), (page_write, commits_at_page) = seen
    assert center_write == hive.db.name and page_write == "cert.html"
    assert commits_at_page == commits_before + 1  # the center was committed before the page was written


def test_a_page_that_cannot_be_written_after_the_commit_says_the_certificate_is_recorded(center, tmp_path):
    hive, pid = center
    folder = tmp_path / "ro"
    folder.mkdir()
    page = folder / "cert.html"
    real = store.write_atomically

    def refuse(path, payload, **kwargs):
        if Path(path).name == "cert.html":
            raise WriteFailed(f"cannot write {path}: disk full; the previous file is intact")
        return real(path, payload, **kwargs)

    store_patch = pytest.MonkeyPatch()
    store_patch.setattr(store, "write_atomically", refuse)
    try:
        result = hive("volunteer", "certificate", pid, "--html", str(page))
    finally:
        store_patch.undo()
    assert result.exit_code == 10  # saved: a script must not issue it again
    assert result.stderr.startswith("hive: certificate vc1 is recorded, but its page was not written: cannot write")
    assert [doc["id"] for doc in json.loads(hive.db.read_text())["volunteer_certificates"].values()] == ["vc1"]


# -- the one door, as an API --------------------------------------------------------------------------


def test_write_output_refuses_the_center_by_any_name(hive, tmp_path):
    with pytest.raises(Conflict, match="it is the center file itself"):
        outputs.write_output(hive.db, b"x", center=hive.db)
    hard = tmp_path / "hard.json"
    os.link(hive.db, hard)
    with pytest.raises(Conflict, match="it is the center file itself"):
        outputs.write_output(hard, b"x", center=hive.db)


def test_write_output_records_what_it_wrote(hive, tmp_path):
    out = tmp_path / "a.txt"
    before = len(outputs.WRITTEN)
    assert outputs.write_output(out, "中文", center=hive.db) == out
    assert out.read_text(encoding="utf-8") == "中文"
    assert outputs.WRITTEN[before:] == [out]


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# -- item 4: personal data is private on disk ---------------------------------------------------------


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_every_file_made_from_a_private_center_is_private_under_umask_022(center, tmp_path, umask_022):
    hive, pid = center
    assert _mode(hive.db) == 0o600  # hive init made it so (the fixture's center)
    assert _mode(hive.db.with_name(hive.db.name + ".lock")) == 0o600
    backup = Path(hive.ok("backup").strip())
    export = tmp_path / "export.json"
    hive.ok("export", "--show-personal", "--out", str(export))
    masked = tmp_path / "masked.json"
    hive.ok("export", "--out", str(masked))
    csv = tmp_path / "hours.csv"
    hive.ok("volunteer", "report", "--csv", str(csv))
    page = tmp_path / "cert.html"
    hive.ok("volunteer", "certificate", pid, "--html", str(page))
    restored = tmp_path / "restored.json"
    hive.ok("import", str(export), "--db", str(restored))
    made = {p.name: _mode(p) for p in (backup, export, masked, csv, page, restored)}
    assert made == dict.fromkeys(made, 0o600)


def test_an_output_is_never_more_open_than_its_center(center, tmp_path):
    hive, _pid = center
    os.chmod(hive.db, 0o640)
    old = os.umask(0)
    try:
        csv = tmp_path / "hours.csv"
        hive.ok("volunteer", "report", "--csv", str(csv))
        wide = tmp_path / "wide.csv"
        wide.write_text("")
        os.chmod(wide, 0o666)  # an existing file more open than the center is narrowed on rewrite
        hive.ok("volunteer", "report", "--csv", str(wide))
    finally:
        os.umask(old)
    assert _mode(csv) == 0o640 and _mode(wide) == 0o640


# -- item 7: a shared center keeps its owner, group and mode -------------------------------------------

COLLEAGUE_UID, TEAM_GID = 4242, 4343


def _as_a_colleague_in_the_team():
    """In the child: root with the team's group but without the powers to ignore or give away ownership."""
    import ctypes

    os.setgroups([TEAM_GID])
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (0, 1, 2, 3):  # CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl")


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make files of other accounts")


@needs_root
def test_a_group_shared_center_stays_shared_after_a_colleagues_write(hive):
    os.chown(hive.db, COLLEAGUE_UID, TEAM_GID)
    os.chmod(hive.db, 0o660)
    os.chown(hive.db.with_name(hive.db.name + ".lock"), COLLEAGUE_UID, TEAM_GID)
    os.chmod(hive.db.with_name(hive.db.name + ".lock"), 0o660)
    result = hive_child(hive.db, "person", "add", "王芳", preexec=_as_a_colleague_in_the_team)
    assert result.returncode == 0, result.stderr
    st = os.stat(hive.db)
    assert (st.st_gid, _mode(hive.db)) == (TEAM_GID, 0o660)  # the team can still read and write it
    assert "王芳" in hive.db.read_text(encoding="utf-8")


@needs_root
def test_a_rewrite_by_root_keeps_the_owner_too(hive):
    os.chown(hive.db, COLLEAGUE_UID, TEAM_GID)
    os.chmod(hive.db, 0o660)
    hive.ok("person", "add", "王芳")
    st = os.stat(hive.db)
    assert (st.st_uid, st.st_gid, _mode(hive.db)) == (COLLEAGUE_UID, TEAM_GID, 0o660)


@needs_root
def test_a_backup_of_a_group_shared_center_has_its_group(hive, tmp_path):
    os.chown(hive.db, COLLEAGUE_UID, TEAM_GID)
    os.chmod(hive.db, 0o640)
    backup = Path(hive.ok("backup").strip())
    assert (os.stat(backup).st_gid, _mode(backup)) == (TEAM_GID, 0o640 & ~0o022 & 0o640)


# -- item 5: another user's symlink in a shared folder is never followed -------------------------------

OTHER_UID = 4545


@pytest.fixture
def shared(tmp_path):
    """A sticky, world-writable folder like /tmp, with a file of ours that another user's link points at."""
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o1777)
    victim = tmp_path / "mine.txt"
    victim.write_text("my notes", encoding="utf-8")
    os.chmod(victim, 0o600)
    return folder, victim


@needs_root
@pytest.mark.parametrize("command", [("export", "--out"), ("volunteer", "report", "--csv"), ("backup",)])
def test_another_users_symlink_in_a_shared_folder_is_not_followed(center, shared, command):
    hive, _pid = center
    folder, victim = shared
    link = folder / "x.json"
    link.symlink_to(victim)
    os.lchown(link, OTHER_UID, OTHER_UID)
    result = hive.fails(*command, str(link))
    assert result.stderr.startswith(f"hive: cannot write {link}: it is a link owned by another user in a shared folder")
    assert victim.read_text(encoding="utf-8") == "my notes" and _mode(victim) == 0o600
    assert link.is_symlink()


@needs_root
def test_our_own_symlink_in_a_shared_folder_is_followed(center, shared):
    hive, _pid = center
    folder, victim = shared
    link = folder / "x.csv"
    link.symlink_to(victim)
    hive.ok("volunteer", "report", "--csv", str(link))
    assert link.is_symlink() and victim.read_bytes().startswith("\ufeffid,".encode())


@needs_root
def test_a_link_chain_through_a_shared_folder_is_checked_at_every_hop(center, shared, tmp_path):
    hive, _pid = center
    folder, victim = shared
    hop = folder / "hop"
    hop.symlink_to(victim)
    os.lchown(hop, OTHER_UID, OTHER_UID)
    mine = tmp_path / "mine-link.csv"
    mine.symlink_to(hop)  # our link, in our folder, to their link in the shared one
    assert "link owned by another user" in hive.fails("volunteer", "report", "--csv", str(mine)).stderr
    assert victim.read_text(encoding="utf-8") == "my notes"


# -- item 6: temps are matched only by their own cleanup; killed copies leave nothing behind ------------

SLOW_WRITER = """
import os, sys, time
from hive import store
ready, name = sys.argv[1], sys.argv[2]
real_fsync = os.fsync
def slow_fsync(fd):
    real_fsync(fd)
    if os.fstat(fd).st_size and not os.path.exists(ready):
        open(ready, "w").close()  # the temp holds the copy: tell the parent
        time.sleep(float(os.environ.get("SLOW", "30")))
store.os.fsync = slow_fsync
from hive.cli import main
sys.argv = ["hive", *sys.argv[3:]]
main()
"""


def _start_slow(tmp_path: Path, *args: str, seconds: float = 30) -> tuple[subprocess.Popen[str], Path]:
    ready = tmp_path / f"ready-{len(list(tmp_path.glob('ready-*')))}"
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(ready), "x", *args],
        env={**os.environ, "HIVE_LANG": "en", "SLOW": str(seconds)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    import time

    deadline = time.monotonic() + 30
    while not ready.exists():
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return child, ready


def test_a_write_to_the_center_never_removes_the_temp_of_an_export_in_flight(center, tmp_path):
    """v0.1's cleanup of `.c.json.*.hive-tmp` matched the in-flight temp of an export to `c.json.bak`."""
    hive, _pid = center
    bak = hive.db.with_name(hive.db.name + ".bak")
    child, _ready = _start_slow(tmp_path, "--db", str(hive.db), "export", "--show-personal", "--out", str(bak), seconds=1)
    hive.ok("person", "add", "王芳")  # its commit cleans stale temps in the same folder
    out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert json.loads(bak.read_text(encoding="utf-8"))["format"] == "hive-export"


def test_killed_backups_leave_no_copies_once_the_next_command_writes_there(center, tmp_path):
    import time

    hive, _pid = center
    for _round in range(3):
        child, _ready = _start_slow(tmp_path, "--db", str(hive.db), "backup")
        child.kill()
        child.communicate(timeout=30)
        time.sleep(1.1)  # a new backup name each second
    leftovers = [p for p in hive.db.parent.iterdir() if p.name.endswith(store.TEMP_SUFFIX)]
    assert len(leftovers) == 1  # each backup removed the one killed before it (v0.1 kept them all)
    hive.ok("backup")  # the next command writing in that folder removes them
    assert not [p for p in hive.db.parent.iterdir() if p.name.endswith(store.TEMP_SUFFIX)]


def test_killed_exports_to_another_folder_are_cleaned_by_the_next_output_there(center, tmp_path):
    hive, _pid = center
    folder = tmp_path / "exports"
    folder.mkdir()
    child, _ready = _start_slow(
        tmp_path, "--db", str(hive.db), "export", "--show-personal", "--out", str(folder / "a.json")
    )
    child.kill()
    child.communicate(timeout=30)
    assert [p.name for p in folder.iterdir() if p.name.endswith(store.TEMP_SUFFIX)]
    hive.ok("volunteer", "report", "--csv", str(folder / "hours.csv"))
    assert sorted(p.name for p in folder.iterdir()) == ["hours.csv"]


def test_a_temp_name_of_one_file_never_matches_another_files():
    assert store.is_temp_name(".c.json.0123456789ab.hive-tmp")
    assert not store.is_temp_name(".c.json.bak.hive-tmp")
    for name in ("c.json", "c.json.bak", "c.json.0123456789ab"):
        temp = store.temp_name(Path("/x") / name).name
        assert store.is_temp_name(temp)
        assert temp.startswith(f".{name}.") and temp[len(name) + 2 :].count(".") == 1  # one random part, no dot
