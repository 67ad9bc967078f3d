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
