"""The workspace's locks: logins, roles, origin-checked writes, masked personal data, cookies, throttling."""

from __future__ import annotations

import re

import pytest

BASE = "http://127.0.0.1:8470"


def write_routes():
    """Every (path, plugin) of a page that writes, the core's and the bundled plugins'."""
    from hive import plugins
    from hive.web.app import Site

    site = Site("unused.json", plugins.load())
    site.collect_pages()
    return sorted({p.path for p in site.pages if "POST" in p.methods})


WRITES = write_routes()


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "o1", path)


def test_the_bundled_pages_include_writes_of_every_kind():
    assert {"/orgs", "/orgs/{org}/training", "/review", "/settings", "/plugins"} <= set(WRITES)
    assert any(p.startswith("/volunteer/") for p in WRITES)


@pytest.mark.parametrize("path", WRITES)
def test_every_write_refuses_a_missing_or_foreign_origin_and_a_viewer(web, center, path):
    before = center.db.read_bytes()
    staff = web("ada")
    for headers in ({}, {"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site", "Origin": BASE}):
        response = staff.post(_concrete(path), {"name": "x", "reason": "x"}, headers=headers)
        assert response.status_code == 403, (path, headers)
    assert staff.post(_concrete(path), {"name": "x"}, token="forged").status_code == 403
    viewer = web("vic")
    assert viewer.post(_concrete(path), {"name": "x", "reason": "x"}).status_code == 403
    assert center.db.read_bytes() == before


@pytest.mark.parametrize("path", WRITES)
def test_no_write_without_logging_in(center, path):
    from starlette.testclient import TestClient

    from hive import plugins
    from hive.web.app import Site, build

    before = center.db.read_bytes()
    with TestClient(build(Site(center.db, plugins.load())), base_url=BASE) as client:
        page = client.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        response = client.post(_concrete(path), data={"csrf": token, "name": "x"}, headers={"Origin": BASE})
        assert response.status_code == 403
    assert center.db.read_bytes() == before


def test_pages_need_a_login(center):
    from starlette.testclient import TestClient

    from hive import plugins
    from hive.web.app import Site, build

    with TestClient(build(Site(center.db, plugins.load())), base_url=BASE) as client:
        response = client.get("/orgs", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
        assert client.get("/backup", follow_redirects=False).status_code == 303


def test_session_cookies_are_httponly_and_samesite(center):
    from starlette.testclient import TestClient

    from hive import plugins
    from hive.web.app import Site, build

    with TestClient(build(Site(center.db, plugins.load())), base_url=BASE) as client:
        response = client.get("/login")
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert "content-security-policy" in response.headers
        assert response.headers["x-frame-options"] == "DENY"


def test_failed_logins_are_throttled(web, center):
    visitor = web("sam")
    visitor.client.cookies.clear()
    for _attempt in range(5):
        assert visitor.login("vic", "wrong password").status_code == 401
    blocked = visitor.login("vic", "wrong password")
    assert blocked.status_code == 429
    assert visitor.login("vic").status_code == 429  # even the right password waits out the window


def test_the_one_time_link_works_once(center):
    from starlette.testclient import TestClient

    from hive import plugins
    from hive.web.app import Site, build

    site = Site(center.db, plugins.load())
    token = site.tokens.issue("ada")
    with TestClient(build(site), base_url=BASE) as client:
        assert client.get(f"/login?token={token}").url.path == "/"
        assert "ada" in client.get("/").text
    with TestClient(build(site), base_url=BASE) as other:
        assert other.get(f"/login?token={token}").status_code == 403


def test_a_changed_password_ends_the_session(web, center):
    staff = web("sam")
    assert staff.get("/orgs").status_code == 200
    center.ok("user", "passwd", "sam", "--password-stdin", input="a new secret 2\n")
    assert staff.get("/orgs", follow_redirects=False).status_code == 303


def personal_values(center) -> list[str]:
    from hive.models import Person
    from hive_volunteer.models import Volunteer

    with center.ledger() as ledger:
        found = [p.phone for p in ledger.all(Person) if p.phone]
        found += [v.id_number for v in ledger.all(Volunteer) if v.id_number]
    assert found
    return found


PAGES = [
    "/", "/orgs", "/orgs/o1", "/review", "/events", "/settings", "/plugins", "/volunteer/approvals", "/volunteer/log",
    "/reports", "/reports/print",
]


def volunteer_pages(center) -> list[str]:
    from hive_volunteer.models import Certificate, Volunteer

    with center.ledger() as ledger:
        return [f"/volunteer/people/{v.person}" for v in ledger.all(Volunteer)] + [
            f"/volunteer/certificates/{c.id}" for c in ledger.all(Certificate)
        ]


def test_a_viewer_never_sees_personal_data_unmasked_nor_a_write_form(web, center):
    secrets = personal_values(center)
    viewer = web("vic")
    for path in PAGES + volunteer_pages(center):
        for query in ("", "?personal=1"):
            response = viewer.get(path + query)
            assert response.status_code == 200, path
            assert 'method="post" action="/orgs' not in response.text
            assert "/certificate\"" not in response.text
            for value in secrets:
                assert value not in response.text, path
    assert viewer.get("/backup").status_code == 403
    for path in ("/imports", "/imports/template?type=people", "/users"):
        assert viewer.get(path).status_code == 403, path


def test_staff_see_personal_data_only_when_they_ask(web, center):
    from hive_volunteer.models import Volunteer

    with center.ledger() as ledger:
        volunteer = next(v for v in ledger.all(Volunteer) if v.id_number)
    staff = web("sam")
    page = f"/volunteer/people/{volunteer.person}"
    assert volunteer.id_number not in staff.get(page).text
    assert volunteer.id_number in staff.get(page + "?personal=1").text


def test_errors_never_echo_a_stored_personal_value(web, center):
    from hive_volunteer.models import Volunteer

    secrets = personal_values(center)
    with center.ledger() as ledger:
        person = next(v.person for v in ledger.all(Volunteer) if v.id_number)
    staff = web("sam")
    bad = [
        {"person": person, "date": "2026-06-01", "hours": "30", "activity": "巡逻"},
        {"person": person, "date": "2099-01-01", "hours": "2", "activity": "巡逻"},
        {"person": person, "date": "not a day", "hours": "2", "activity": "巡逻"},
        {"person": "p99999", "date": "2026-06-01", "hours": "2", "activity": "巡逻"},
    ]
    for form in bad:
        response = staff.post("/volunteer/log", form)
        assert response.status_code in (400, 404), form
        assert 'class="error"' in response.text
        for value in secrets:
            assert value not in response.text
    response = staff.post(f"/volunteer/people/{person}/certificate", {"from": "2026-06-30", "to": "2026-06-01"})
    assert response.status_code == 400
    assert not any(value in response.text for value in secrets)


def test_a_non_local_host_is_refused_while_no_user_exists(hive):
    result = hive.fails("serve", "--host", "0.0.0.0", "--port", "8999")
    assert "no users" in result.stderr
