"""``hive org apply|decide|agree|renew|exit|graduate|history``: the lifecycle around the stages."""

from __future__ import annotations

import click

from hive.cli.app import DATE, App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.i18n import _
from hive.models import EXIT_REASONS


def _document(ledger, record, as_json: bool) -> dict | None:
    """The record as ``hive show ID --json`` gives it (personal fields masked), when ``--json`` asks for it."""
    from hive import views

    return views.document(ledger, ledger.registry.by_model[type(record)], record) if as_json else None


def _print(record, document: dict | None) -> None:
    if document is not None:
        echo_json(document)
    else:
        click.echo(record.id)


@click.command(help=_("Record ORG's application to be incubated, signed by its initiators; prints its id."))
@click.argument("org")
@click.option(
    "--initiator",
    "initiators",
    multiple=True,
    required=True,
    help=_("An initiator (发起人) who signed it: a person, id or unique name (repeat, or separate with commas)."),
)
@click.option("--received", type=DATE, help=_("The day the center received it (default: today)."))
@click.option("--purpose", default="", help=_("What the group means to do."))
@json_option
@pass_app
def apply(app: App, org: str, initiators: tuple[str, ...], received, purpose: str, as_json: bool) -> None:
    import re

    from hive.incubation import apply as record_application

    names = [n.strip() for typed in initiators for n in re.split(r"[,，、]", typed) if n.strip()]
    with app.ledger(write=True) as ledger:
        created = record_application(ledger, org, initiators=names, received=received, purpose=purpose)
        doc = _document(ledger, created, as_json)
    _print(created, doc)


@click.command(help=_("The initial review's answer to ORG's application: --accept or --reject, with --reason."))
@click.argument("org")
@click.option("--accept", "decision", flag_value="accept", help=_("Accept the application."))
@click.option("--reject", "decision", flag_value="reject", help=_("Reject the application."))
@click.option("--reason", required=True, help=_("Why (kept with the application)."))
@click.option("--date", type=DATE, help=_("The day of the decision (default: today)."))
@json_option
@pass_app
def decide(app: App, org: str, decision: str | None, reason: str, date, as_json: bool) -> None:
    from hive.incubation import decide as decide_application

    if decision is None:
        raise click.UsageError(_("give --accept or --reject"))
    with app.ledger(write=True) as ledger:
        decided = decide_application(ledger, org, accept=decision == "accept", reason=reason, date=date)
        doc = _document(ledger, decided, as_json)
    _print(decided, doc)


@click.command(help=_("Record ORG's incubation agreement: its term and its desk or room, or virtual; prints its id."))
@click.argument("org")
@click.option("--start", type=DATE, help=_("The first day of the agreement (default: today)."))
@click.option("--term", help=_("Its length in months: 12, 12m, 12个月, 1y, 1年."))
@click.option("--until", type=DATE, help=_("Or its last day."))
@click.option("--virtual", is_flag=True, help=_("Virtual incubation (虚拟孵化): no desk or room at the center."))
@click.option("--space", default="", help=_("The desk or room it uses (工位, 活动室)."))
@json_option
@pass_app
def agree(app: App, org: str, start, term: str | None, until, virtual: bool, space: str, as_json: bool) -> None:
    from hive.incubation import agree as record_agreement

    with app.ledger(write=True) as ledger:
        created = record_agreement(ledger, org, start=start, term=term, until=until, virtual=virtual, space=space)
        doc = _document(ledger, created, as_json)
    _print(created, doc)


@click.command(help=_("Renew ORG's running agreement (续驻) by --term months after its end, or --until a day."))
@click.argument("org")
@click.option("--term", help=_("Months more: 12, 12m, 12个月, 1y, 1年."))
@click.option("--until", type=DATE, help=_("Or the new last day."))
@click.option("--date", type=DATE, help=_("The day it was renewed (default: today)."))
@click.option("--note", default="", help=_("A note kept with the renewal."))
@json_option
@pass_app
def renew(app: App, org: str, term: str | None, until, date, note: str, as_json: bool) -> None:
    from hive.incubation import renew as renew_agreement

    with app.ledger(write=True) as ledger:
        created = renew_agreement(ledger, org, term=term, until=until, date=date, note=note)
        doc = _document(ledger, created, as_json)
    _print(created, doc)


@click.command(
    "exit",
    help=_("ORG exits incubation (退驻), with a reason; what it holds is handed back by --handover; prints the id."),
)
@click.argument("org")
@click.option("--reason", required=True, help=_("Why: ") + ", ".join(EXIT_REASONS))
@click.option("--date", type=DATE, help=_("The day it exits (default: today)."))
@click.option(
    "--handover",
    type=DATE,
    help=_(
        "The day its desk, keys and files are handed back (default: core.exit.handover_working_days working days on)."
    ),
)
@click.option("--note", default="", help=_("A note kept with the exit."))
@json_option
@pass_app
def exit_(app: App, org: str, reason: str, date, handover, note: str, as_json: bool) -> None:
    from hive.incubation import leave_incubation

    with app.ledger(write=True) as ledger:
        created = leave_incubation(ledger, org, reason=reason, date=date, handover=handover, note=note)
        doc = _document(ledger, created, as_json)
    _print(created, doc)


@click.command(
    help=_(
        "ORG graduates (出壳): it moves to the last stage when its criteria are met (or with --force) "
        "and the graduation is kept with its assessment; prints the id."
    )
)
@click.argument("org")
@click.option("--date", type=DATE, help=_("The day it graduates (default: today)."))
@click.option("--assessment", help=_("The assessment it rests on (default: its latest)."))
@click.option("--note", default="", help=_("A note kept with the graduation and the stage change."))
@click.option("--force", is_flag=True, help=_("Graduate although criteria are unmet or stages are skipped (recorded)."))
@json_option
@pass_app
def graduate(app: App, org: str, date, assessment: str | None, note: str, force: bool, as_json: bool) -> None:
    from hive.incubation import graduate as graduate_org

    with app.ledger(write=True) as ledger:
        created = graduate_org(ledger, app.plugins, org, date=date, assessment=assessment, note=note, force=force)
        doc = _document(ledger, created, as_json)
    _print(created, doc)


@click.command(
    help=_("Everything that happened to ORG, oldest first: stages, application, agreement, renewals, exit, members.")
)
@click.argument("org")
@json_option
@pass_app
def history(app: App, org: str, as_json: bool) -> None:
    from hive.incubation import timeline

    with app.ledger() as ledger:
        found, happenings = timeline(ledger, org)
    if as_json:
        echo_json([h.document() for h in happenings])
        return
    click.echo(f"{found.id}  {found.name}")
    echo_table([_("date"), _("what"), _("record")], [(h.date, h.title, h.record) for h in happenings])
