"""``hive advance``, ``suspend``, ``dissolve``, ``reinstate`` and ``history``."""

from __future__ import annotations

import click

from hive import stages
from hive.cli.app import DATE, App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.cli.terminal import escape_controls, on_terminal
from hive.i18n import _


@click.command(
    help=_(
        "Move ORG to stage --to; prints the transition id. Only the next stage, and only when ready, unless --force."
    )
)
@click.argument("org")
@click.option("--to", "to", required=True, metavar="STAGE", help=_("Target stage: ") + ", ".join(stages.STAGE_IDS))
@click.option("--reason", required=True, help=_("Why (kept in the history)."))
@click.option("--force", is_flag=True, help=_("Skip stages, go back, or override unmet criteria (recorded)."))
@click.option("--date", type=DATE, help=_("Date of the change (default: today)."))
@pass_app
def advance(app: App, org: str, to: str, reason: str, force: bool, date) -> None:
    from hive.lifecycle import advance as advance_org

    with app.ledger(write=True) as ledger:
        transition = advance_org(ledger, app.plugins, org, to=to, reason=reason, force=force, date=date)
    click.echo(transition.id)


def _status_command(name: str, status: str, help_text: str, *, final: bool = False) -> click.Command:
    @click.command(name, help=help_text)
    @click.argument("org")
    @click.option("--reason", required=True, help=_("Why (kept in the history)."))
    @click.option("--date", type=DATE, help=_("Date of the change (default: today)."))
    @pass_app
    def command(app: App, org: str, reason: str, date, yes: bool = False) -> None:
        from hive.lifecycle import change_status

        if final and not yes and on_terminal():
            _confirm_final(app, org)
        with app.ledger(write=True) as ledger:
            transition = change_status(ledger, app.plugins, org, status=status, reason=reason, date=date)
        click.echo(transition.id)

    if final:
        command = click.option(
            "--yes", "-y", is_flag=True, help=_("Do not ask for confirmation (scripts never are asked).")
        )(command)
    return command


def _confirm_final(app: App, org: str) -> None:
    """Ask before a change that cannot be taken back; asked before the lock, so nobody waits on a person."""
    from hive.organizations import find_org

    with app.ledger() as ledger:
        found = find_org(ledger, org)
    question = _("Dissolve {name} ({id})? This is final: its records are closed.").format(
        name=escape_controls(found.name), id=found.id
    )
    if not click.confirm(question, default=False, err=True):
        click.echo(_("not dissolved; nothing was written"), err=True)
        raise click.exceptions.Exit(1)


suspend = _status_command("suspend", "suspended", _("Suspend ORG; prints the transition id."))
dissolve = _status_command(
    "dissolve",
    "dissolved",
    _("Dissolve ORG (final: its records are closed); prints the transition id. Asks first on a terminal."),
    final=True,
)
reinstate = _status_command("reinstate", "active", _("Reinstate a suspended ORG; prints the transition id."))


@click.command(help=_("Every stage and status change of ORG, oldest first."))
@click.argument("org")
@json_option
@pass_app
def history(app: App, org: str, as_json: bool) -> None:
    from hive.lifecycle import history as org_history

    with app.ledger() as ledger:
        found, transitions = org_history(ledger, org)
    if as_json:
        echo_json(
            [
                {
                    "id": t.id,
                    "date": t.date.isoformat(),
                    "from_stage": t.from_stage,
                    "to_stage": t.to_stage,
                    "status": t.status,
                    "operator": t.operator,
                    "reason": t.reason,
                    "forced": t.forced,
                }
                for t in transitions
            ]
        )
        return
    click.echo(f"{found.id}  {found.name}  (" + _("joined {date}").format(date=found.joined) + ")")
    echo_table(
        [_("date"), _("from"), _("to"), _("status"), _("by"), _("why")],
        [
            (
                t.date,
                stages.get(t.from_stage).title,
                stages.get(t.to_stage).title,
                _(t.status) + (" " + _("(forced)") if t.forced else ""),
                t.operator,
                t.reason,
            )
            for t in transitions
        ],
    )
