"""The server's hive schema: every step from an empty database, a step at a time, on a real server."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from hive import pgstore
from hive.testing import HiveRunner


@pytest.fixture
def empty_db(district):
    """A new, empty database on the test server; yields its URL."""
    name = f"hive_m_{uuid.uuid4().hex[:8]}"
    district.sql(f"CREATE DATABASE {name}")
    base, _, query = district.url.partition("?")
    url = f"{base.rsplit('/', 1)[0]}/{name}?{query}"
    yield url
    district.sql(f"DROP DATABASE {name} WITH (FORCE)")


def test_every_step_applies_in_order_and_a_center_made_before_a_step_survives_it(empty_db):
    with psycopg.connect(empty_db, autocommit=True) as conn:
        assert pgstore.server_schema(conn) == 0
        assert pgstore.migrate_server(conn, upto=1) == (0, 1)
        assert pgstore.server_schema(conn) == 1
    old = HiveRunner(empty_db, center="A01")
    refused = old("org", "list")  # this hive needs the newest schema
    assert refused.exit_code == 6 and "district migrate" in refused.stderr
    # a center written at schema 1 (as an older hive did), then the step to 2
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO hive_documents VALUES ('A01', '_hive', 1, '{\"schema\": 1}'),"
            " ('A01', 'center', 1, '{\"name\": \"旧中心\", \"plugins\": [], \"settings\": {}}')"
        )
    out = HiveRunner(empty_db).ok("district", "migrate")
    assert out.strip() == f"hive schema on the server: 1 -> {pgstore.SERVER_SCHEMA}"
    assert old.json("org", "list") == []
    assert old.new_id("org", "add", "阅翼成长阅读俱乐部") == "o1"
    again = HiveRunner(empty_db).ok("district", "migrate")  # nothing left to do
    assert again.strip() == f"hive schema on the server: {pgstore.SERVER_SCHEMA} -> {pgstore.SERVER_SCHEMA}"


def test_init_sets_up_an_empty_database(empty_db):
    out = HiveRunner(empty_db, center="B02").ok("init", "新中心")
    assert out.startswith("created center 新中心 in ")
    with psycopg.connect(empty_db) as conn:
        assert pgstore.server_schema(conn) == pgstore.SERVER_SCHEMA


def test_a_database_from_a_newer_hive_is_refused(empty_db):
    HiveRunner(empty_db, center="B02").ok("init", "新中心")
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute("INSERT INTO hive_schema (version) VALUES (%s)", (pgstore.SERVER_SCHEMA + 1,))
    result = HiveRunner(empty_db, center="B02")("org", "list")
    assert result.exit_code == 6 and "newer hive" in result.stderr
    result = HiveRunner(empty_db)("district", "migrate")
    assert result.exit_code == 6 and "newer hive" in result.stderr


def test_an_empty_database_says_how_to_begin(empty_db):
    result = HiveRunner(empty_db, center="A01")("org", "list")
    assert result.exit_code == 5 and "district migrate" in result.stderr
