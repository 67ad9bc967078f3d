"""``hive member``: people in organizations."""

from __future__ import annotations

import click

from hive.cli.app import DATE, App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.i18n import _


@click.group(help=_("Members of organizations and their backbones."))
def member() -> None:
    pass


@member.command(help=_("Add PERSON (id or unique name) to ORG; prints the membership id."))
@click.argument("org")
@click.argument("person")
@click.option("--backbone", is_flag=True, help=_("The person is a backbone (骨干) of the organization."))
@click.option(
    "--since",
    type=DATE,
    help=_("Member since; for an existing member given --backbone, backbone since (default: today)."),
)
@pass_app
def add(app: App, org: str, person: str, backbone: bool, since) -> None:
    from hive.organizations import add_member

    with app.ledger(write=True) as ledger:
        membership = add_member(ledger, org, person, backbone=backbone, since=since)
    click.echo(membership.id)


@member.command(help=_("PERSON leaves ORG (from --date on, reviews no longer count them); prints the membership id."))
@click.argument("org")
@click.argument("person")
@click.option("--date", type=DATE, help=_("The day they left (default: today)."))
@click.option("--reason", default="", help=_("Why they left (moved away, ...)."))
@click.option("--backbone-only", is_flag=True, help=_("They stay a member but are no longer a backbone."))
@pass_app
def leave(app: App, org: str, person: str, date, reason: str, backbone_only: bool) -> None:
    from hive.organizations import leave as leave_org

    with app.ledger(write=True) as ledger:
        membership = leave_org(ledger, org, person, date=date, reason=reason, backbone_only=backbone_only)
    click.echo(membership.id)


@member.command(
    help=_(
        "PERSON takes ROLE in ORG from --date on: responsible (负责人), backbone (骨干) or member (成员); "
        "prints the role record's id. Without ROLE: their roles in ORG, oldest first."
    )
)
@click.argument("org")
@click.argument("person")
@click.argument("role", required=False)
@click.option("--date", type=DATE, help=_("The day they take the role (default: today)."))
@json_option
@pass_app
def role(app: App, org: str, person: str, role: str | None, date, as_json: bool) -> None:
    from hive.models import ROLES

    if role is None:
        from hive.organizations import role_history

        with app.ledger() as ledger:
            _found, _who, periods = role_history(ledger, org, person)
        rows = [
            {"role": code, "since": since.isoformat(), "until": until.isoformat() if until else None}
            for code, since, until in periods
        ]
        if as_json:
            echo_json(rows)
            return
        echo_table(
            [_("role"), _("began"), _("ended")], [(_(ROLES[r["role"]]), r["since"], r["until"] or "") for r in rows]
        )
        return
    from hive import views
    from hive.organizations import set_role

    with app.ledger(write=True) as ledger:
        created = set_role(ledger, org, person, role, date=date)
        doc = views.document(ledger, ledger.record_type("member_roles"), created)
    if as_json:
        echo_json(doc)
    else:
        click.echo(created.id)
