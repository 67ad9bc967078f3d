"""hive serve's start: which center, the printed link, the refusals."""

from __future__ import annotations

import os
import socket
import subprocess
import sys


def test_right_after_hive_demo_it_serves_the_demo_center(tmp_path):
    env = {**os.environ, "HIVE_LANG": "en"}
    env.pop("HIVE_DB", None)
    subprocess.run([sys.executable, "-m", "hive", "demo"], cwd=tmp_path, env=env, check=True, capture_output=True)
    with socket.socket() as busy:  # a port already taken: one line naming the center it would serve
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "hive", "serve", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 4 and done.stdout == ""
    assert done.stderr.startswith(f"hive: cannot serve hive-demo.json on 127.0.0.1:{port}: ")
    assert "--port" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_no_center_is_one_line(tmp_path):
    env = {**os.environ, "HIVE_LANG": "en"}
    env.pop("HIVE_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "hive", "serve"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 5
    assert done.stderr.strip().count("\n") == 0 and "no center at hive.json" in done.stderr
