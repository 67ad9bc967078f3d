"""Users managed by an admin in the browser: the same store and rules as hive user."""

from __future__ import annotations

import re

PASSWORD = "correct horse 1"


def messages(html: str) -> list[str]:
    return re.findall(r'class="message"[^>]*>([^<]*)', html)


def errors(html: str) -> list[str]:
    return re.findall(r'class="error"[^>]*>([^<]*)', html)


def test_an_admin_adds_a_user_who_may_then_log_in(web, center):
    admin = web("ada")
    page = admin.get("/users")
    assert page.status_code == 200 and "sam" in page.text and "scrypt$" not in page.text
    added = admin.post("/users", {"name": "王芳", "role": "staff", "password": "一个很长很长的密码", "repeat": "一个很长很长的密码"})
    assert added.status_code == 303
    assert messages(admin.get("/users").text) == ["added user 王芳 (u4)"]
    assert center.json("user", "list")[-1]["name"] == "王芳"
    assert center.json("events", "--limit", "1")[0]["operator"] == "ada"
    from hive.users import authenticate

    with center.ledger() as ledger:
        assert authenticate(ledger, "王芳", "一个很长很长的密码").role == "staff"


def test_bad_new_users_are_one_line_beside_the_form_and_nothing_is_written(web, center):
    admin = web("ada")
    before = center.db.read_bytes()
    differ = admin.post("/users", {"name": "x", "role": "staff", "password": PASSWORD, "repeat": PASSWORD + "2"})
    assert differ.status_code == 400 and errors(differ.text) == ["invalid password: the two passwords differ"]
    short = admin.post("/users", {"name": "x", "role": "staff", "password": "short", "repeat": "short"})
    assert short.status_code == 400 and "short" not in errors(short.text)[0]
    twice = admin.post("/users", {"name": "sam", "role": "staff", "password": PASSWORD, "repeat": PASSWORD})
    assert twice.status_code == 409 and "already exists" in twice.text
    boss = admin.post("/users", {"name": "y", "role": "boss", "password": PASSWORD, "repeat": PASSWORD})
    assert boss.status_code == 400
    assert center.db.read_bytes() == before


def test_a_reset_password_ends_the_users_sessions(web, center):
    staff = web("sam")
    admin = web("ada")
    assert admin.post("/users/u2/password", {"password": "a new secret 9", "repeat": "a new secret 9"}).status_code == 303
    assert staff.get("/orgs", follow_redirects=False).status_code == 303  # logged out
    assert web("ada").post("/users/u1/password", {"password": PASSWORD, "repeat": PASSWORD}).status_code == 303


def test_an_admin_resets_their_own_password_and_stays_logged_in(web):
    admin = web("ada")
    assert admin.post("/users/u1/password", {"password": "my new secret", "repeat": "my new secret"}).status_code == 303
    assert admin.get("/users").status_code == 200


def test_a_role_change_and_disabling(web, center):
    staff = web("sam")
    admin = web("ada")
    assert admin.post("/users/u2/role", {"role": "viewer"}).status_code == 303
    assert staff.post("/orgs", {"name": "写不进去"}).status_code == 403  # a viewer now
    assert admin.post("/users/u2/disable", {"disabled": "1"}).status_code == 303
    assert staff.get("/orgs", follow_redirects=False).status_code == 303  # the session ended
    assert center.json("user", "list")[1]["disabled"] is True
    from starlette.testclient import TestClient

    from hive.web.app import Site, build

    base = "http://127.0.0.1:8470"
    with TestClient(build(Site(center.db, center.plugins)), base_url=base) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
        tried = client.post("/login", data={"name": "sam", "password": PASSWORD, "csrf": token}, headers={"Origin": base})
        assert tried.status_code == 401  # a disabled user may not log in
    assert admin.post("/users/u2/disable", {"disabled": "0"}).status_code == 303
    assert center.json("user", "list")[1]["disabled"] is False
    assert web("sam").get("/orgs").status_code == 200


def test_an_admin_does_not_demote_or_disable_themselves(web, center):
    admin = web("ada")
    before = center.db.read_bytes()
    for path, data in (("/users/u1/role", {"role": "staff"}), ("/users/u1/disable", {"disabled": "1"})):
        refused = admin.post(path, data)
        assert refused.status_code == 409 and "yourself" in errors(refused.text)[0]
    assert center.db.read_bytes() == before


def test_only_an_admin_manages_users(web, center):
    staff = web("sam")
    assert staff.get("/users").status_code == 403
    assert "/users" not in staff.get("/").text
    assert staff.post("/users", {"name": "x", "role": "admin", "password": PASSWORD, "repeat": PASSWORD}).status_code == 403
    assert "/users" in web("ada").get("/").text


def test_the_users_page_in_chinese(web):
    admin = web("ada")
    admin.client.post(
        "/language", data={"csrf": admin.token, "lang": "zh_CN", "next": "/"}, headers={"Origin": "http://127.0.0.1:8470"}
    )
    page = admin.get("/users")
    assert "用户" in page.text and "Reset the password" not in page.text
