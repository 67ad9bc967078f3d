"""``hive record``: stage records of an organization."""

from __future__ import annotations

import click

from hive.cli.app import DATE, App, pass_app
from hive.i18n import _


@click.group(help=_("Record trainings, registration, diagnoses and supervision sessions."))
def record() -> None:
    pass


@record.command(help=_("Record a training session; prints its id."))
@click.argument("org")
@click.option("--date", type=DATE, required=True, help=_("When it took place."))
@click.option("--hours", type=float, required=True, help=_("Length in hours (more than 0, at most 24)."))
@click.option("--topic", required=True, help=_("What was taught."))
@click.option("--attendee", "attendees", multiple=True, metavar="PERSON", help=_("A person who attended (repeat)."))
@pass_app
def training(app: App, org: str, date, hours: float, topic: str, attendees: tuple[str, ...]) -> None:
    from hive.records import record_training

    with app.ledger(write=True) as ledger:
        created = record_training(ledger, org, date=date, hours=hours, topic=topic, attendees=list(attendees))
    click.echo(created.id)


@record.command(help=_("Record a filing (备案) or a registration with a unified social credit code; prints its id."))
@click.argument("org")
@click.option("--filing-no", help=_("Filing number from the sub-district office."))
@click.option("--uscc", metavar="CODE", help=_("Unified social credit code (18 characters, check character verified)."))
@click.option("--date", type=DATE, required=True, help=_("Date of filing or registration."))
@pass_app
def registration(app: App, org: str, filing_no: str | None, uscc: str | None, date) -> None:
    from hive.records import record_registration

    with app.ledger(write=True) as ledger:
        created = record_registration(ledger, org, date=date, filing_no=filing_no, uscc=uscc)
    click.echo(created.id)


@record.command(help=_("Record an organizational diagnosis with scores 1-5 per dimension; prints its id."))
@click.argument("org")
@click.option("--date", type=DATE, required=True, help=_("Date of the diagnosis."))
@click.option(
    "--score", "scores", multiple=True, required=True, metavar="DIM=N", help=_("A dimension's score, 1-5 (repeat).")
)
@pass_app
def diagnosis(app: App, org: str, date, scores: tuple[str, ...]) -> None:
    from hive.records import record_diagnosis

    with app.ledger(write=True) as ledger:
        created = record_diagnosis(ledger, org, date=date, scores=list(scores))
    click.echo(created.id)


@record.command(help=_("Record a supervision session; prints its id."))
@click.argument("org")
@click.option("--date", type=DATE, required=True, help=_("Date of the session."))
@click.option("--supervisor", required=True, help=_("Who supervised."))
@click.option("--notes", default="", help=_("Notes of the session."))
@pass_app
def supervision(app: App, org: str, date, supervisor: str, notes: str) -> None:
    from hive.records import record_supervision

    with app.ledger(write=True) as ledger:
        created = record_supervision(ledger, org, date=date, supervisor=supervisor, notes=notes)
    click.echo(created.id)
