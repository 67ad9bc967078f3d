"""Who may log in to the web workspace (``hive serve``), with which role.

Users are records of the center (the ``users`` collection), so the center
file stays the one thing to back up; it is private to the center's staff.
Passwords are kept only as the output of scrypt (:func:`hashlib.scrypt`, a
standard memory-hard KDF) with a random salt and the parameters used.

Roles, from most to least allowed:

* ``admin``: everything, plus users' settings, plugins and the backup download;
* ``staff``: every everyday write (records, reviews, approvals);
* ``viewer``: reads only, with personal data always masked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

import attrs

from hive import validate
from hive.errors import Conflict, InvalidInput, NotFound
from hive.i18n import N_, _
from hive.ledger import Ledger
from hive.models import User

ADMIN, STAFF, VIEWER = "admin", "staff", "viewer"
ROLES = (ADMIN, STAFF, VIEWER)
ROLE_NAMES = {ADMIN: N_("admin"), STAFF: N_("staff"), VIEWER: N_("viewer")}  # translated where shown
MIN_PASSWORD = 8

# scrypt's cost: 2**14 x 8 x 1 takes ~50 ms and 16 MiB, the parameters OWASP lists for scrypt.
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$key`` (base64) for ``password``."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, maxmem=64 * 1024 * 1024, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(key).decode()}"


def check_password(stored: str, password: str) -> bool:
    """Whether ``password`` is the one hashed into ``stored`` (in constant time)."""
    try:
        kind, n, r, p, salt, key = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(key)
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 1024 * 1024,
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def _password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        # Never echo the password back.
        raise InvalidInput(
            _("invalid password: it must have at least {count} characters").format(count=MIN_PASSWORD)
        )
    return password


def _role(role: str) -> str:
    if role not in ROLES:
        raise validate.fail("--role", role, _("expected admin, staff or viewer"))
    return role


def find_user(ledger: Ledger, ref: str) -> User:
    """A user by id or by name."""
    found = ledger.find(User, ref)
    if found is not None:
        return found
    for user in ledger.all(User):
        if user.name == ref.strip():
            return user
    raise NotFound(_("no user '{ref}'").format(ref=ref))


def add_user(ledger: Ledger, name: str, role: str, password: str) -> User:
    name = validate.text("NAME", name, limit=60)
    role = _role(role)
    if any(u.name == name for u in ledger.all(User)):
        raise Conflict(_("a user named '{name}' already exists").format(name=name))
    user = User(id="", name=name, role=role, password=hash_password(_password(password)), added=ledger.today)
    return ledger.add(user, action="user add", detail=f"{name} ({role})")


def set_password(ledger: Ledger, ref: str, password: str) -> User:
    user = find_user(ledger, ref)
    return ledger.replace(
        attrs.evolve(user, password=hash_password(_password(password))), action="user passwd", detail=user.name
    )


def _keep_an_admin(ledger: Ledger, user: User, *, role: str, disabled: bool) -> None:
    """Refuse a change that would leave the center without an admin who may log in."""
    if user.role != ADMIN or user.disabled or (role == ADMIN and not disabled):
        return
    others = [u for u in ledger.all(User) if u.id != user.id and u.role == ADMIN and not u.disabled]
    if not others:
        raise Conflict(
            _("{name} is the only admin who may log in; make another user admin first").format(name=user.name)
        )


def set_role(ledger: Ledger, ref: str, role: str) -> User:
    user = find_user(ledger, ref)
    role = _role(role)
    if role == user.role:
        return user
    _keep_an_admin(ledger, user, role=role, disabled=user.disabled)
    return ledger.replace(attrs.evolve(user, role=role), action="user role", detail=f"{user.name}: {role}")


def set_disabled(ledger: Ledger, ref: str, disabled: bool) -> User:
    """Disable a user (they may no longer log in; their sessions end) or enable them again."""
    user = find_user(ledger, ref)
    if user.disabled == disabled:
        return user
    _keep_an_admin(ledger, user, role=user.role, disabled=disabled)
    action = "user disable" if disabled else "user enable"
    return ledger.replace(attrs.evolve(user, disabled=disabled), action=action, detail=user.name)


def authenticate(ledger: Ledger, name: str, password: str) -> User | None:
    """The user named ``name`` when ``password`` is theirs, else None (the same work either way)."""
    found = next((u for u in ledger.all(User) if u.name == name.strip()), None)
    if found is None or found.disabled:
        check_password(_DUMMY, password)  # as slow as a real check: a name's existence does not show in the timing
        return None
    return found if check_password(found.password, password) else None


def may_write(role: str) -> bool:
    return role in (ADMIN, STAFF)


_DUMMY = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
