"""``hive user``: who may log in to the web workspace (``hive serve``)."""

from __future__ import annotations

import sys

import click

from hive.cli.app import App, FieldChoice, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.cli.terminal import on_terminal
from hive.i18n import _
from hive.users import ROLE_NAMES


@click.group(help=_("Users of the web workspace: add, passwd, role, disable, enable, list."))
def user() -> None:
    pass


def _read_password(from_stdin: bool) -> str:
    """The new password: one line of standard input, or typed twice on a terminal (never an argument)."""
    if from_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    if not on_terminal():
        from hive.errors import InvalidInput

        raise InvalidInput(_("no terminal to type a password on; give --password-stdin and pipe it in"))
    return click.prompt(
        _("Password"),
        hide_input=True,
        confirmation_prompt=_("Repeat for confirmation"),
        err=True,
    )


_stdin_option = click.option(
    "--password-stdin", is_flag=True, help=_("Read the password from the first line of standard input.")
)


@user.command("add", help=_("Add a user who may log in to 'hive serve'; prints the new id."))
@click.argument("name")
@click.option(
    "--role",
    type=FieldChoice(ROLE_NAMES),
    required=True,
    help=_("admin: everything; staff: every everyday write; viewer: reading only."),
)
@_stdin_option
@pass_app
def add(app: App, name: str, role: str, password_stdin: bool) -> None:
    from hive.users import add_user

    password = _read_password(password_stdin)
    with app.ledger(write=True) as ledger:
        created = add_user(ledger, name, role, password)
    click.echo(created.id)


@user.command("passwd", help=_("Set a new password for USER (id or name)."))
@click.argument("ref", metavar="USER")
@_stdin_option
@pass_app
def passwd(app: App, ref: str, password_stdin: bool) -> None:
    from hive.users import find_user, set_password

    with app.ledger() as ledger:
        find_user(ledger, ref)  # an unknown user is said before a password is asked for
    password = _read_password(password_stdin)
    with app.ledger(write=True) as ledger:
        changed = set_password(ledger, ref, password)
    click.echo(_("new password set for {name}").format(name=changed.name))


@user.command("role", help=_("Give USER (id or name) another role: admin, staff or viewer."))
@click.argument("ref", metavar="USER")
@click.argument("role", type=FieldChoice(ROLE_NAMES))
@pass_app
def role(app: App, ref: str, role: str) -> None:
    from hive.users import set_role

    with app.ledger(write=True) as ledger:
        changed = set_role(ledger, ref, role)
    click.echo(_("{name} is now {role}").format(name=changed.name, role=_(ROLE_NAMES[changed.role])))


@user.command("disable", help=_("Stop USER (id or name) from logging in; their open sessions end."))
@click.argument("ref", metavar="USER")
@pass_app
def disable(app: App, ref: str) -> None:
    from hive.users import set_disabled

    with app.ledger(write=True) as ledger:
        changed = set_disabled(ledger, ref, True)
    click.echo(_("{name} may no longer log in").format(name=changed.name))


@user.command("enable", help=_("Let a disabled USER (id or name) log in again."))
@click.argument("ref", metavar="USER")
@pass_app
def enable(app: App, ref: str) -> None:
    from hive.users import set_disabled

    with app.ledger(write=True) as ledger:
        changed = set_disabled(ledger, ref, False)
    click.echo(_("{name} may log in again").format(name=changed.name))


@user.command("list", help=_("List the users and their roles (never their passwords)."))
@json_option
@pass_app
def list_(app: App, as_json: bool) -> None:
    from hive.models import User

    with app.ledger() as ledger:
        users = ledger.all(User)
    if as_json:
        echo_json(
            [
                {
                    "id": u.id,
                    "name": u.name,
                    "role": u.role,
                    "added": u.added.isoformat() if u.added else None,
                    "disabled": u.disabled,
                }
                for u in users
            ]
        )
        return
    echo_table(
        [_("id"), _("name"), _("role"), _("added"), _("status")],
        [(u.id, u.name, _(ROLE_NAMES[u.role]), u.added, _("disabled") if u.disabled else "") for u in users],
    )
