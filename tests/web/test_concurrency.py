"""Browser forms and hive commands writing the same center at the same time: nothing is lost."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

PASSWORD = "correct horse 1"


def logged_in(server, name: str):
    import httpx

    client = httpx.Client(base_url=server.base, follow_redirects=False, timeout=60)
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/login", data={"name": name, "password": PASSWORD, "csrf": token}, headers={"Origin": server.base}
    )
    assert response.status_code == 303, response.text
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/orgs").text).group(1)
    return client, token


def test_form_posts_and_cli_writes_at_the_same_time_lose_nothing(server, center):
    clients = [logged_in(server, "sam") for _ in range(3)]
    env = {**os.environ, "HIVE_OPERATOR": "cli-user", "HIVE_BUSY_TIMEOUT": "120"}

    def post(n: int) -> int:
        client, token = clients[n % len(clients)]
        response = client.post(
            "/orgs", data={"name": f"网页组织{n}", "csrf": token}, headers={"Origin": server.base}
        )
        return response.status_code

    def cli(n: int) -> int:
        done = subprocess.run(
            [sys.executable, "-m", "hive", "--db", str(center.db), "org", "add", f"命令行组织{n}"],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
        return done.returncode

    with ThreadPoolExecutor(max_workers=8) as pool:
        web_jobs = [pool.submit(post, n) for n in range(12)]
        cli_jobs = [pool.submit(cli, n) for n in range(8)]
        assert [job.result() for job in web_jobs] == [303] * 12
        assert [job.result() for job in cli_jobs] == [0] * 8
    names = {o["name"] for o in center.json("org", "list")}
    assert {f"网页组织{n}" for n in range(12)} <= names
    assert {f"命令行组织{n}" for n in range(8)} <= names
    operators = {e["operator"] for e in center.json("events", "--limit", "20") if e["action"] == "org add"}
    assert operators == {"sam", "cli-user"}
    assert center.json("check")["ok"]
    page = clients[0][0].get("/orgs?q=命令行组织7").text
    assert "命令行组织7" in page  # the server sees the CLI's last write on the next load
