"""A center with users, and the workspace served in-process (Starlette's TestClient) or as a real server."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

PASSWORD = "correct horse 1"
BASE = "http://127.0.0.1:8470"
ORIGIN = {"Origin": BASE}
USERS = {"ada": "admin", "sam": "staff", "vic": "viewer"}
TODAY = "2026-06-30"  # tests/conftest.py's day, for the center built once per run


def add_users(hive, users=USERS) -> None:
    for name, role in users.items():
        hive.ok("user", "add", name, "--role", role, "--password-stdin", input=PASSWORD + "\n")


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> bytes:
    """The bytes of the demo center with an admin, a staff member and a viewer (built once per run)."""
    import os

    from hive.testing import HiveRunner

    db = tmp_path_factory.mktemp("demo") / "demo.json"
    before = os.environ.get("HIVE_TODAY")
    os.environ["HIVE_TODAY"] = TODAY
    try:
        runner = HiveRunner(db)
        runner.ok("demo", "--db", str(db))
        add_users(runner)
    finally:
        if before is None:
            os.environ.pop("HIVE_TODAY", None)
        else:
            os.environ["HIVE_TODAY"] = before
    return db.read_bytes()


@pytest.fixture
def center(tmp_path, demo_file):
    """The demo center (every bundled plugin enabled) with users ada (admin), sam (staff), vic (viewer)."""
    from hive.testing import HiveRunner

    db = tmp_path / "demo.json"
    db.write_bytes(demo_file)
    return HiveRunner(db)


def make_client(db: Path, plugins=None):
    from starlette.testclient import TestClient

    from hive import plugins as plugin_loading
    from hive.web.app import Site, build

    site = Site(db, plugins or plugin_loading.load())
    return TestClient(build(site), base_url=BASE), site


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


class Browserless:
    """A logged-in TestClient: ``get`` pages, ``post`` forms with the page's token and the server's own origin."""

    def __init__(self, client, site):
        self.client, self.site = client, site
        self.token = ""

    def login(self, name: str, password: str = PASSWORD):
        page = self.client.get("/login")
        response = self.client.post(
            "/login",
            data={"name": name, "password": password, "csrf": csrf_of(page.text)},
            headers=ORIGIN,
            follow_redirects=False,
        )
        self.token = csrf_of(self.client.get("/orgs").text) if response.status_code == 303 else ""
        return response

    def get(self, path: str, **kw):
        return self.client.get(path, **kw)

    def post(self, path: str, data: dict | None = None, *, headers=ORIGIN, token: str | None = None, **kw):
        data = dict(data or {})
        data.setdefault("csrf", self.token if token is None else token)
        return self.client.post(path, data=data, headers=headers, follow_redirects=False, **kw)


@pytest.fixture
def web(center):
    """``web("sam")``: a client logged in as that user of the demo center."""
    made = []

    def log_in(name: str = "sam") -> Browserless:
        client, site = make_client(center.db, center.plugins)
        client.__enter__()
        made.append(client)
        visitor = Browserless(client, site)
        assert visitor.login(name).status_code == 303
        return visitor

    yield log_in
    for client in made:
        client.__exit__(None, None, None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``hive serve`` in its own process, on a free port of 127.0.0.1."""

    def __init__(self, db: Path, env: dict):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hive", "--db", str(db), "serve", "--port", str(self.port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: list[str] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            if "Ctrl+C" in line or "Ctrl+C" in line.replace("键", ""):
                break
        self._wait_listening(deadline)
        found = [re.search(r"(http://\S+token=\S+)", line) for line in self.lines]
        self.link = next((m.group(1) for m in found if m), None)

    def _wait_listening(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            if self.process.poll() is not None:
                raise RuntimeError("hive serve stopped:\n" + "".join(self.lines) + self.process.stdout.read())
            time.sleep(0.05)
        raise RuntimeError("hive serve did not listen:\n" + "".join(self.lines))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


@pytest.fixture
def server(center, monkeypatch):
    import os

    env = {**os.environ, "HIVE_LANG": "en", "HIVE_OPERATOR": "cli-user"}
    running = Server(center.db, env)
    yield running
    running.stop()
