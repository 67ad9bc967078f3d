"""hive user add / passwd / list: who may log in to the workspace, with only a password hash in the center."""

from __future__ import annotations

import json

PASSWORD = "correct horse 1"


def test_add_list_and_change_a_password(hive):
    uid = hive.new_id("user", "add", "王芳", "--role", "staff", "--password-stdin", input=PASSWORD + "\n")
    assert uid == "u1"
    listed = hive.json("user", "list")
    assert listed == [{"id": "u1", "name": "王芳", "role": "staff", "added": "2026-06-30", "disabled": False}]
    raw = hive.db.read_text(encoding="utf-8")
    assert PASSWORD not in raw and "scrypt$" in raw
    before = json.loads(raw)["users"]["1"]["password"]
    hive.ok("user", "passwd", "王芳", "--password-stdin", input="another secret\n")
    after = json.loads(hive.db.read_text(encoding="utf-8"))["users"]["1"]["password"]
    assert after != before and "another secret" not in hive.db.read_text(encoding="utf-8")
    events = hive.json("events")
    assert [e["action"] for e in events][-2:] == ["user add", "user passwd"]
    assert all(PASSWORD not in e["detail"] for e in events)


def test_the_password_check_accepts_only_the_password(hive):
    from hive.users import authenticate

    hive.ok("user", "add", "ada", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
    with hive.ledger() as ledger:
        assert authenticate(ledger, "ada", PASSWORD).name == "ada"
        assert authenticate(ledger, "ada", PASSWORD + "x") is None
        assert authenticate(ledger, "nobody", PASSWORD) is None


def test_bad_users_are_refused_and_nothing_is_written(hive):
    hive.ok("user", "add", "ada", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
    short = hive.fails("user", "add", "bob", "--role", "staff", "--password-stdin", input="short\n")
    assert "8" in short.stderr and "short" not in short.stderr
    assert "already exists" in hive.fails("user", "add", "ada", "--role", "staff", "--password-stdin", input=PASSWORD).stderr
    assert hive("user", "add", "x", "--role", "boss", "--password-stdin", input=PASSWORD).exit_code == 2
    assert "no user" in hive.fails("user", "passwd", "nobody", "--password-stdin", input=PASSWORD).stderr


def test_without_a_terminal_the_password_must_come_from_stdin(hive):
    result = hive.fails("user", "add", "ada", "--role", "admin", input="")
    assert "--password-stdin" in result.stderr


def test_a_terminal_asks_twice(hive, monkeypatch):
    from hive.cli import user

    monkeypatch.setattr(user, "on_terminal", lambda: True)
    result = hive("user", "add", "ada", "--role", "admin", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.stderr
    assert hive.json("user", "list")[0]["name"] == "ada"


def test_an_export_masks_password_hashes(hive):
    hive.ok("user", "add", "ada", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
    exported = hive.ok("export")
    assert "scrypt$" not in exported


def test_two_different_passwords_on_a_terminal_are_refused(hive, monkeypatch):
    from hive.cli import user

    monkeypatch.setattr(user, "on_terminal", lambda: True)
    result = hive("user", "add", "ada", "--role", "admin", input=f"{PASSWORD}\nsomething else\n")
    assert result.exit_code != 0
    assert hive.json("user", "list") == []


def test_a_role_changes_and_a_disabled_user_may_not_log_in(hive):
    from hive.users import authenticate

    hive.ok("user", "add", "ada", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
    hive.ok("user", "add", "bob", "--role", "viewer", "--password-stdin", input=PASSWORD + "\n")
    assert "bob is now staff" in hive.ok("user", "role", "bob", "staff")
    hive.ok("user", "disable", "bob")
    assert hive.json("user", "list")[1] == {"id": "u2", "name": "bob", "role": "staff", "added": "2026-06-30",
                                             "disabled": True}
    with hive.ledger() as ledger:
        assert authenticate(ledger, "bob", PASSWORD) is None
    hive.ok("user", "enable", "bob")
    with hive.ledger() as ledger:
        assert authenticate(ledger, "bob", PASSWORD).name == "bob"
    actions = [e["action"] for e in hive.json("events")][-3:]
    assert actions == ["user role", "user disable", "user enable"]


def test_the_center_keeps_an_admin_who_may_log_in(hive):
    hive.ok("user", "add", "ada", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
    assert "only admin" in hive.fails("user", "disable", "ada").stderr
    assert "only admin" in hive.fails("user", "role", "ada", "staff").stderr
    hive.ok("user", "add", "eve", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
    hive.ok("user", "role", "ada", "staff")
    assert "only admin" in hive.fails("user", "disable", "eve").stderr


def test_a_role_is_typed_as_its_code_or_its_chinese_label(hive):
    hive.ok("user", "add", "王芳", "--role", "工作人员", "--password-stdin", input=PASSWORD + "\n")
    hive.ok("user", "add", "李明", "--role", "Viewer", "--password-stdin", input=PASSWORD + "\n")
    assert [u["role"] for u in hive.json("user", "list")] == ["staff", "viewer"]
    assert "'老板' is not one of" in hive.fails("user", "add", "张三", "--role", "老板").stderr
