"""Users, managed by an admin in the browser: add, reset a password, change a role, disable and enable.

The same store and functions as ``hive user`` (:mod:`hive.users`): users
are records of the center, passwords kept only as scrypt hashes, every
change in the audit log with the admin as its operator. A disabled user may
not log in and their open sessions end; a changed password ends the
sessions made with the old one. The center always keeps an admin who may
log in, and an admin does not demote or disable themselves here.
"""

from __future__ import annotations

from hive.errors import Conflict, HiveError, InvalidInput
from hive.i18n import _
from hive.web.extend import WebPage
from hive.web.request import WebRequest


def users_page(request: WebRequest, *, error: str = "", status: int = 200, problem_of: str = "", typed=None):
    from hive.models import User
    from hive.users import ROLE_NAMES, ROLES

    return request.render(
        "users.html",
        status=status,
        users=request.ledger.all(User),
        roles=[(r, _(ROLE_NAMES[r])) for r in ROLES],
        role_names={r: _(ROLE_NAMES[r]) for r in ROLES},
        error=error,
        problem_of=problem_of,  # the user (id) whose form the error belongs to, "new" for the add form
        typed=typed or {},
    )


def _new_password(request: WebRequest) -> str:
    password = request.field("password")
    if password != request.field("repeat"):
        raise InvalidInput(_("invalid password: the two passwords differ"))
    return password


def add(request: WebRequest):
    from hive.models import User
    from hive.users import ADMIN, add_user

    name, role = request.field("name"), request.field("role")
    try:
        password = _new_password(request)
        with request.writing() as ledger:
            if not ledger.all(User) and role != ADMIN:
                raise Conflict(_("the first user must be an admin, who may then add the others"))
            created = add_user(ledger, name, role, password)
    except HiveError as exc:
        return users_page(
            request, error=str(exc), status=request.status_for(exc), problem_of="new", typed={"name": name, "role": role}
        )
    return request.redirect("/users", _("added user {name} ({id})").format(name=created.name, id=created.id))


def _not_myself(request: WebRequest, ref: str) -> None:
    if request.user is not None and ref in (request.user.id, request.user.name):
        raise Conflict(_("you cannot change your own role or disable yourself; ask another admin"))


def _change(request: WebRequest, change):
    ref = request.params["user"]
    try:
        with request.writing() as ledger:
            message, changed = change(ledger, ref)
    except HiveError as exc:
        return users_page(request, error=str(exc), status=request.status_for(exc), problem_of=ref)
    if request.user is not None and changed.id == request.user.id:
        request.site.log_in(request.raw, changed)  # one's own new password: stay logged in
    return request.redirect("/users", message)


def password(request: WebRequest):
    from hive.users import set_password

    def change(ledger, ref):
        changed = set_password(ledger, ref, _new_password(request))
        return _("new password set for {name}").format(name=changed.name), changed

    return _change(request, change)


def role(request: WebRequest):
    from hive.users import ROLE_NAMES, set_role

    def change(ledger, ref):
        _not_myself(request, ref)
        changed = set_role(ledger, ref, request.field("role"))
        return _("{name} is now {role}").format(name=changed.name, role=_(ROLE_NAMES[changed.role])), changed

    return _change(request, change)


def disable(request: WebRequest):
    from hive.users import set_disabled

    disabled = request.field("disabled") != "0"

    def change(ledger, ref):
        _not_myself(request, ref)
        changed = set_disabled(ledger, ref, disabled)
        if disabled:
            return _("{name} may no longer log in").format(name=changed.name), changed
        return _("{name} may log in again").format(name=changed.name), changed

    return _change(request, change)


PAGES = [
    WebPage("/users", users_page, role="admin", name="users"),
    WebPage("/users", add, methods=("POST",), role="admin", name="users_add"),
    WebPage("/users/{user}/password", password, methods=("POST",), role="admin", name="users_password"),
    WebPage("/users/{user}/role", role, methods=("POST",), role="admin", name="users_role"),
    WebPage("/users/{user}/disable", disable, methods=("POST",), role="admin", name="users_disable"),
]
