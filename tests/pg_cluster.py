"""A throwaway PostgreSQL cluster for the tests and benchmarks: ``initdb`` into a folder, socket in it.

    python tests/pg_cluster.py start FOLDER   # prints the URL (postgresql:///hive?host=FOLDER&user=postgres)
    python tests/pg_cluster.py stop FOLDER

Uses the Debian packages' binaries (``apt-get install postgresql``: /usr/lib/postgresql/N/bin).
As root, the cluster runs as the ``postgres`` user (initdb refuses root). Only
a Unix socket, no TCP port; trust authentication (it is a test cluster).
The tests' fixture (tests/conftest.py) starts one itself when ``HIVE_TEST_PG`` is not set.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import time
from pathlib import Path

PORT = 5432
USER = "postgres"
DATABASE = "hive"


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl, newest version first, or None when PostgreSQL is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]), reverse=True)
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_owner(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", USER, "--", *args]


def url(folder: Path, database: str = DATABASE) -> str:
    return f"postgresql:///{database}?host={folder}&port={PORT}&user={USER}"


def start(folder: Path, *, fsync: bool = False) -> str:
    """Create and start a cluster in ``folder`` (new or empty) with a database ``hive``; returns its URL."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    if os.geteuid() == 0:
        owner = pwd.getpwnam(USER)
        folder.chmod(0o755)
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        for parent in folder.parents:  # the postgres user must reach the socket folder
            if parent == Path("/"):
                break
            mode = parent.stat().st_mode
            if not mode & 0o001:
                parent.chmod(mode | 0o001)
    subprocess.run(
        _as_owner([str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale"]),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    options = f"-k {folder} -c listen_addresses='' -p {PORT} -c max_connections=200"
    if not fsync:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(
        _as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(50):
        done = subprocess.run(
            [str(bin_dir / "psql"), url(folder, "postgres"), "-qAtc", f"CREATE DATABASE {DATABASE}"],
            capture_output=True,
            text=True,
        )
        if done.returncode == 0:
            break
        time.sleep(0.1)
    else:
        raise RuntimeError(f"cannot create the test database: {done.stderr.strip()}")
    return url(folder)


def stop(folder: Path) -> None:
    bin_dir = binaries()
    data = Path(folder).resolve() / "data"
    if bin_dir is not None and data.exists():
        subprocess.run(
            _as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


if __name__ == "__main__":
    command, where = sys.argv[1], Path(sys.argv[2])
    if command == "start":
        print(start(where, fsync="--fsync" in sys.argv))
    elif command == "stop":
        stop(where)
    else:
        raise SystemExit(f"usage: {sys.argv[0]} start|stop FOLDER")
