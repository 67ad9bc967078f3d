"""Shared set-up of the district tests: a real PostgreSQL server (see tests/conftest.py), runners per center."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).parent.parent / "reliability" / "driver.py"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIVE_LANG", "en")


class District:
    """Helpers bound to the test server: new centers, runners, SQL, child writers."""

    def __init__(self, url: str, new_code):
        self.url = url
        self._new_code = new_code

    def center(self, name: str = "测试中心", *, district: str = "南山区", community: str = "海珠社区"):
        """A new center on the server; returns a HiveRunner bound to it."""
        from hive.center import create_center
        from hive.testing import HiveRunner

        code = self._new_code()
        create_center(self.url, name, district=district, community=community, operator="tester", code=code)
        return HiveRunner(self.url, center=code)

    def sql(self, query: str, params: tuple = (), url: str | None = None) -> list[tuple]:
        import psycopg

        with psycopg.connect(url or self.url, autocommit=True) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def labels(self, code: str) -> dict[str, str]:
        """``{label: record id}`` of the center's records that hold a driver's label (as driver.py writes)."""
        import re

        label = re.compile(r"^[A-Z]\d+-[a-z]+-\d+$")
        found = {}
        for collection, doc in self.sql(
            "SELECT collection, doc FROM hive_documents WHERE center = %s AND collection <> 'events'", (code,)
        ):
            for value in doc.values():
                if isinstance(value, str) and label.match(value):
                    found[value] = doc["id"]
        return found

    def driver(self, code: str, tag: str, count: int, kinds: str, **env: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, str(DRIVER), self.url, tag, str(count), kinds],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "HIVE_CENTER": code, **env},
        )

    @staticmethod
    def parse(text: str) -> tuple[list[tuple[str, str, str]], list[str]]:
        acks, failures = [], []
        for line in text.splitlines():
            if line.startswith("ACK "):
                _ack, kind, label, record_id = line.split(" ", 3)
                acks.append((kind, label, record_id))
            elif line.startswith("FAIL "):
                failures.append(line)
        return acks, failures


@pytest.fixture
def district(pg_url: str) -> District:
    return District(pg_url, _code_maker())


def _code_maker():
    import itertools
    import uuid

    run = uuid.uuid4().hex[:6]
    counter = itertools.count(1)
    return lambda: f"D{run}-{next(counter)}"
