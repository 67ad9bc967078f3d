"""Outcome before output: a command that saved its change never says "nothing was written" (issue 12, item 3).

Exit status 10 means: the change is saved, but what should have followed it
(the printout, a file) failed; running the command again would repeat it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hive import store


def hive_child(db: Path, *args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hive", "--db", str(db), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "HIVE_LANG": "en"},
        timeout=60,
    )


def people(db: Path) -> list[str]:
    return [doc["name"] for doc in json.loads(db.read_text(encoding="utf-8")).get("people", {}).values()]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_stdout_after_the_commit_says_the_change_is_saved(hive):
    with open("/dev/full", "w") as full:
        result = hive_child(hive.db, "person", "add", "张三", stdout=full)
    assert result.returncode == 10
    assert result.stderr == (
        f"hive: the change is saved in {hive.db}, but the output could not be printed "
        "(No space left on device); do not run the command again\n"
    )
    assert people(hive.db) == ["张三"]


def test_a_closed_pipe_after_the_commit_says_the_change_is_saved(hive):
    read, write = os.pipe()
    os.close(read)  # the reader went away before hive printed the id
    try:
        result = hive_child(hive.db, "person", "add", "张三", stdout=write)
    finally:
        os.close(write)
    assert result.returncode == 10
    assert "the change is saved in" in result.stderr and "do not run the command again" in result.stderr
    assert "Exception ignored" not in result.stderr  # the flush at exit does not fail again
    assert people(hive.db) == ["张三"]


def test_a_closed_pipe_of_a_reading_command_ends_quietly(hive):
    hive.ok("person", "add", "张三")
    read, write = os.pipe()
    os.close(read)
    try:
        result = hive_child(hive.db, "person", "list", stdout=write)
    finally:
        os.close(write)
    assert result.returncode == 1 and result.stderr == ""  # `hive person list | head -1`, as other programs


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_stdout_of_a_reading_command_is_one_line_not_an_internal_error(hive):
    with open("/dev/full", "w") as full:
        result = hive_child(hive.db, "person", "list", stdout=full)
    assert result.returncode == 1
    assert result.stderr == "hive: the output could not be printed (No space left on device); nothing was written\n"


def test_ctrl_c_just_after_the_commit_reports_the_commit(hive, monkeypatch):
    real = store.Store.commit

    def commit_then_interrupted(self):
        real(self)
        raise KeyboardInterrupt  # the user's Ctrl-C arrives right after the file was replaced

    monkeypatch.setattr(store.Store, "commit", commit_then_interrupted)
    result = hive("person", "add", "张三")
    monkeypatch.undo()
    assert result.exit_code == 10
    assert result.stderr.strip() == (  # (click starts a new line after the terminal's ^C)
        f"hive: interrupted after the end: the change is saved in {hive.db}, do not run the command again"
    )
    assert people(hive.db) == ["张三"]


def test_ctrl_c_during_the_rename_waits_for_it_and_reports_the_commit(hive, monkeypatch):
    """SIGINT between os.replace and the record of the commit: held back until both are done."""
    real_replace = os.replace

    def interrupted_replace(src, dst):
        os.kill(os.getpid(), signal.SIGINT)  # delivered at once, in the middle of the commit
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted_replace)
    result = hive("person", "add", "张三")
    monkeypatch.undo()
    assert result.exit_code == 10
    assert "interrupted after the end: the change is saved in" in result.stderr
    assert people(hive.db) == ["张三"]


def test_ctrl_c_before_the_commit_still_says_nothing_was_written(hive, monkeypatch):
    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(store.Store, "commit", interrupted)
    before = hive.db.read_bytes()
    result = hive("person", "add", "张三")
    monkeypatch.undo()
    assert result.exit_code == 1 and result.stderr.strip() == "hive: aborted"
    assert hive.db.read_bytes() == before


def test_a_bug_after_the_commit_says_the_change_is_saved(hive, monkeypatch):
    import click

    real_echo = click.echo

    def broken_echo(message=None, *args, **kwargs):
        if message == "p1":
            raise RuntimeError("a bug in printing")
        return real_echo(message, *args, **kwargs)

    monkeypatch.setattr(click, "echo", broken_echo)
    result = hive("person", "add", "张三")
    monkeypatch.undo()
    assert result.exit_code == 10
    assert "internal error (RuntimeError) after the change: the change is saved in" in result.stderr
    assert "nothing was written" not in result.stderr
