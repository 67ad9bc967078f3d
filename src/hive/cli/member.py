"""``hive member``: people in organizations."""

from __future__ import annotations

import click

from hive.cli.app import DATE, App, pass_app
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
