"""``hive traffic``: the commands of the traffic-safety project. Parse, call :mod:`records`, print."""

from __future__ import annotations

import click

from hive.cli.app import DATE, App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive_traffic_safety import _


@click.group(help=_("Traffic safety into the community (交通安全进社区): teams, sessions, attendance, report."))
def traffic() -> None:
    pass


@traffic.group(help=_("Traffic-safety teams of community organizations."))
def team() -> None:
    pass


@team.command("add", help=_("Record that ORG set up a traffic-safety team NAME led by --leader; prints its id."))
@click.argument("org")
@click.argument("name")
@click.option("--leader", required=True, metavar="PERSON", help=_("The team leader (person id or unique name)."))
@click.option("--since", type=DATE, help=_("When the team was set up (default: today)."))
@click.option(
    "--police-liaison", default="", metavar="TEXT", help=_("The traffic police officer or unit it works with.")
)
@pass_app
def team_add(app: App, org: str, name: str, leader: str, since, police_liaison: str) -> None:
    from hive_traffic_safety.records import add_team

    with app.ledger(write=True) as ledger:
        created = add_team(ledger, org, name, leader, since, police_liaison)
    click.echo(created.id)


@traffic.group(help=_("Sessions held in the community with the traffic police."))
def session() -> None:
    pass


@session.command("add", help=_("Record a session (a talk, a drill, a helmet check); prints its id."))
@click.option("--date", type=DATE, required=True, help=_("The day of the session."))
@click.option("--topic", required=True, help=_("What it was about."))
@click.option("--venue", required=True, help=_("Where it was held."))
@click.option(
    "--police", default="", help=_("The traffic police unit or officer (default: setting traffic.police_unit).")
)
@click.option("--hours", type=float, default=1.0, show_default=True, help=_("How long it lasted."))
@click.option("--team", "team_ref", metavar="TEAM", help=_("The safety team that ran it (id or name)."))
@click.option("--org", "org_ref", metavar="ORG", help=_("The organization that ran it (id or exact name)."))
@pass_app
def session_add(app: App, date, topic: str, venue: str, police: str, hours: float, team_ref, org_ref) -> None:
    from hive_traffic_safety.records import add_session

    with app.ledger(write=True) as ledger:
        created = add_session(
            ledger, date=date, topic=topic, venue=venue, police=police, hours=hours, team_ref=team_ref, org_ref=org_ref
        )
    click.echo(created.id)


@traffic.command(help=_("Record the people (ids or unique names) who attended SESSION; prints the new ids."))
@click.argument("session_id", metavar="SESSION")
@click.argument("people", nargs=-1, required=True, metavar="PERSON...")
@click.option("--volunteer", is_flag=True, help=_("They came as volunteers helping to run it, not as residents."))
@pass_app
def attend(app: App, session_id: str, people: tuple[str, ...], volunteer: bool) -> None:
    from hive_traffic_safety.models import RESIDENT, VOLUNTEER
    from hive_traffic_safety.records import attend as record

    with app.ledger(write=True) as ledger:
        created = record(ledger, session_id, people, VOLUNTEER if volunteer else RESIDENT)
    for item in created:
        click.echo(item.id)


@traffic.command(help=_("Every session, oldest first, with how many residents and volunteers came."))
@json_option
@pass_app
def sessions(app: App, as_json: bool) -> None:
    from hive_traffic_safety.records import sessions as rows_of

    with app.ledger() as ledger:
        rows = rows_of(ledger)
    if as_json:
        echo_json(rows)
        return
    echo_table(
        [_("id"), _("date"), _("topic"), _("police"), _("team"), _("residents"), _("volunteers")],
        [
            (r["id"], r["date"], r["topic"], r["police"], r["team"] or "-", r["residents"], r["volunteers"])
            for r in rows
        ],
    )


@traffic.command(help=_("The project's figures for a period: sessions, hours, people reached, police, teams."))
@click.option("--from", "start", type=DATE, help=_("First day (default: the first session)."))
@click.option("--to", "end", type=DATE, help=_("Last day (default: today)."))
@json_option
@pass_app
def report(app: App, start, end, as_json: bool) -> None:
    from hive_traffic_safety.records import report as figures

    with app.ledger() as ledger:
        doc = figures(ledger, start, end)
    if as_json:
        echo_json(doc)
        return
    click.echo(_("sessions: {count}, {hours} h").format(count=doc["sessions"], hours=doc["hours"]))
    click.echo(
        _("attendance: {count} (residents: {residents}, volunteers: {volunteers})").format(
            count=doc["attendance"], residents=doc["residents"], volunteers=doc["volunteers"]
        )
    )
    click.echo(_("traffic police: {units}").format(units=", ".join(doc["police"]) or "-"))
    if doc["teams"]:
        echo_table(
            [_("team"), _("name"), _("organization"), _("sessions"), _("attendance")],
            [(t["id"], t["name"], t["org"], t["sessions"], t["attendance"]) for t in doc["teams"]],
        )
