"""The web workspace's page times: median and 95th percentile under concurrent requests, beside a static file.

    python benchmarks/web.py [--sizes article,medium] [--requests 40] [--concurrency 4]

For each center (the article demo, a synthetic size), ``hive serve`` runs in
its own process; a viewer logs in; each page is requested ``--requests``
times by ``--concurrency`` clients at once, after one warm-up request (the
first load parses the file). The baseline, in the same run, is the style
sheet: what the server, HTTP and the client cost without any center work.

Then the dashboard after a change of the file (a commit, the CLI's or a
form's: here the file is touched), one client: at once, before the server's
watcher has rebuilt its answers (the cost of reading and reviewing the
center again), and a second later, when the watcher has.
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from timing import CACHE, TODAY, environment, hive_command, megabytes, print_table, run, synthetic

PAGES = {
    "style sheet (baseline)": "/static/hive.css",
    "dashboard": "/",
    "organization list": "/orgs",
    "organization page": "/orgs/o1",
    "stage review": "/review",
}
PASSWORD = "benchmark password"


def article_center():
    path = CACHE / f"article-{TODAY}.json"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        run([*hive_command(), "demo", "--db", str(path)])
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [*hive_command(), "--db", str(db), "serve", "--port", str(port)],
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.05)
    process.kill()
    sys.exit("hive serve did not start")


def login(base: str):
    import httpx

    client = httpx.Client(base_url=base, timeout=120, follow_redirects=True)
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    done = client.post(
        "/login", data={"name": "bench", "password": PASSWORD, "csrf": token}, headers={"Origin": base}
    )
    if "Log out" not in done.text:
        sys.exit("could not log in")
    return client


def measure(clients, path: str, requests: int) -> list[float]:
    def one(n: int) -> float:
        client = clients[n % len(clients)]
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            sys.exit(f"{path}: HTTP {response.status_code}")
        return elapsed

    clients[0].get(path)  # warm-up
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        return list(pool.map(one, range(requests)))


def after_change(client, db, path: str, requests: int, pause: float) -> list[float]:
    import os

    times = []
    for _ in range(requests):
        os.utime(db)  # a new identity: what every commit gives the file
        time.sleep(pause)
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            sys.exit(f"{path}: HTTP {response.status_code}")
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="article,medium")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    rows = []
    for size in args.sizes.split(","):
        source = article_center() if size == "article" else synthetic(size)
        db = CACHE / f"web-{size}.json"
        shutil.copyfile(source, db)
        subprocess.run(
            [*hive_command(), "--db", str(db), "user", "add", "bench", "--role", "viewer", "--password-stdin"],
            input=PASSWORD.encode() + b"\n",
            env=environment(),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        port = free_port()
        server = serve(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            clients = [login(base) for _ in range(args.concurrency)]
            baseline = None
            runs = [(label, lambda path=path: measure(clients, path, args.requests)) for label, path in PAGES.items()]
            changes = max(5, args.requests // 4)
            runs += [
                ("dashboard, at once after a change", lambda: after_change(clients[0], db, "/", changes, 0.0)),
                ("dashboard, 1 s after a change", lambda: after_change(clients[0], db, "/", changes, 1.0)),
            ]
            for label, run_page in runs:
                times = run_page()
                median = statistics.median(times)
                baseline = baseline or median
                rows.append(
                    [f"{size} ({megabytes(db)} MB)", label, f"{median * 1000:.1f} ms", f"{p95(times) * 1000:.1f} ms", f"{median / baseline:.1f}x"]
                )
        finally:
            server.terminate()
            server.wait(10)
    print(f"{args.requests} requests per page, {args.concurrency} at a time, after one warm-up request")
    print_table(["center", "page", "median", "p95", "vs style sheet"], rows)


if __name__ == "__main__":
    main()
