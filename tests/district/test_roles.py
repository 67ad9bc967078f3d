"""Row-level security: a center's role sees and changes its own rows only; the district role reads all."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from hive.testing import HiveRunner


def _as(url: str, role: str) -> str:
    base, _, query = url.partition("?")
    kept = [p for p in query.split("&") if p and not p.startswith("user=")]
    return f"{base}?{'&'.join([*kept, f'user={role}'])}"


def test_a_center_role_is_confined_to_its_center_and_the_district_role_reads_all(district):
    a, b = district.center("海珠中心"), district.center("粤海中心")
    a.ok("org", "add", "阅翼成长阅读俱乐部")
    b.ok("org", "add", "艺舞人生艺术团")
    role_a, reader = f"hive_a_{uuid.uuid4().hex[:8]}", f"hive_district_{uuid.uuid4().hex[:8]}"
    out = HiveRunner(district.url, center=a.center).ok("district", "grant", role_a)
    assert f"role {role_a} sees and changes center {a.center} only" in out
    HiveRunner(district.url).ok("district", "grant", reader, "--district")

    as_a = _as(district.url, role_a)
    mine = HiveRunner(as_a, center=a.center)
    assert [o["name"] for o in mine.json("org", "list")] == ["阅翼成长阅读俱乐部"]
    assert mine.new_id("org", "add", "多彩多意书画院") == "o2"  # it writes its own center
    other = HiveRunner(as_a, center=b.center)
    refused = other("org", "list")
    assert refused.exit_code == 5 and "no center" in refused.stderr  # B's rows do not exist for A's role
    refused = other("init", "冒名中心")  # nor can it create rows under B's code
    assert refused.exit_code != 0
    # in plain SQL too: no row of B, and no write into B
    assert district.sql("SELECT count(*) FROM hive_documents WHERE center = %s", (b.center,), url=as_a) == [(0,)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        district.sql(
            "INSERT INTO hive_documents VALUES (%s, 'organizations', 99, '{}')", (b.center,), url=as_a
        )
    codes = [c["code"] for c in HiveRunner(as_a).json("district", "centers")]
    assert a.center in codes and b.center not in codes

    as_reader = _as(district.url, reader)
    codes = [c["code"] for c in HiveRunner(as_reader).json("district", "centers")]
    assert {a.center, b.center} <= set(codes)
    assert [o["name"] for o in HiveRunner(as_reader, center=b.center).json("org", "list")] == ["艺舞人生艺术团"]
    refused = HiveRunner(as_reader, center=b.center)("org", "add", "读书会")
    assert refused.exit_code != 0 and len(refused.stderr.strip().splitlines()) == 1
    assert "Traceback" not in refused.output


def test_the_grant_script_can_be_printed_for_the_administrator(district):
    script = HiveRunner(district.url, center="A01").ok("district", "grant", "hive_a01", "--sql")
    assert 'GRANT SELECT, INSERT, UPDATE, DELETE ON hive_documents TO "hive_a01";' in script
    assert "INSERT INTO hive_access (role, center) SELECT oid, 'A01' FROM pg_roles WHERE rolname = 'hive_a01'" in script
    district_script = HiveRunner(district.url).ok("district", "grant", "hive_street", "--district", "--sql")
    assert 'GRANT SELECT ON hive_documents TO "hive_street";' in district_script
    assert "'*'" in district_script
    both = HiveRunner(district.url, center="A01")("district", "grant", "x", "--district")
    assert both.exit_code == 2
