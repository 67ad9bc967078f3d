"""An unreachable district server: one line, within the connect timeout, never a hang."""

from __future__ import annotations

import socket
import subprocess
import sys
import time


def _hive(*args: str, **env: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "hive", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HIVE_LANG": "en", **env},
    )
    return done, time.monotonic() - started


def test_nothing_listening_fails_at_once_in_one_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nobody listens there
    done, seconds = _hive("--db", f"postgresql://hive:secret@127.0.0.1:{port}/hive", "--center", "A01", "org", "list")
    assert done.returncode == 11
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hive: cannot reach the district server postgresql://hive@127.0.0.1")
    assert "secret" not in done.stderr  # the password is never shown
    assert seconds < 20


def test_a_server_that_never_answers_times_out_after_the_setting():
    with socket.socket() as s:  # accepts connections (the kernel does) but never says a word
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        port = s.getsockname()[1]
        done, seconds = _hive(
            "--db", f"postgresql://hive@127.0.0.1:{port}/hive", "--center", "A01", "org", "add", "读书会",
            HIVE_CONNECT_TIMEOUT="2",
        )  # fmt: skip
    assert done.returncode == 11
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith("hive: cannot reach the district server")
    assert 1.5 < seconds < 20


def test_a_file_command_does_not_import_psycopg(tmp_path):
    code = "import sys; from hive.cli import cli\n" "cli.main(['--db', sys.argv[1], 'init', 'x'], standalone_mode=False)\n" "assert 'psycopg' not in sys.modules"
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "c.json")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
