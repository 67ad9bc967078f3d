"""``hive party``: party members, activities, instructors, branches, compliance and coverage."""

from __future__ import annotations

import click

from hive.cli.app import App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.cli.records import period_options
from hive.fields import specs
from hive_party import _, pgettext
from hive_party.kinds import KINDS
from hive_party.models import Activity

VOLUNTEER_HOURS = "volunteer_hours"


def volunteer_hours(app: App, ledger, people: list[str], period=None) -> dict[str, float] | None:
    """Approved volunteer hours of ``people`` (in ``period``, else all time) from whichever enabled
    plugin shares the figure, or None.

    Party-mass linkage without importing the volunteer plugin: it answers
    ``hive_person_figures`` with ``{"volunteer_hours": {person: hours}}``.
    """
    for _plugin, figures in app.plugins.call(
        "hive_person_figures", ledger.center.plugins, ledger=ledger, people=people, period=period
    ):
        if isinstance(figures, dict) and figures.get(VOLUNTEER_HOURS) is not None:
            return {pid: float(figures[VOLUNTEER_HOURS].get(pid, 0.0)) for pid in people}
    return None


def _party_people(ledger) -> list[str]:
    from hive_party.models import PartyMember

    return list(dict.fromkeys(m.person for m in ledger.all(PartyMember)))


def _hours(value: float) -> str:
    return f"{value:.1f}"


def _echo_vanguard(hours: dict[str, float] | None, people: list[str], year: int | None = None) -> None:
    if hours is None:
        return
    total = sum(hours.get(pid, 0.0) for pid in people)
    if year is None:
        line = _("Party members' approved volunteer hours (vanguards): {hours} h, {count} party members")
    else:
        line = _("Party members' approved volunteer hours in {year} (vanguards): {hours} h, {count} party members")
    click.echo(line.format(hours=_hours(total), count=len(people), year=year))


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


# -- the group ---------------------------------------------------------------------------
@click.group()  # its help is the plugin's (hive_party/__init__.py), shown by hive --help without importing this
def party() -> None:
    pass


@party.group(help=_("Party members (sensitive personal data: shown only by hive party commands)."))
def member() -> None:
    pass


@member.command("add", help=_("Record that PERSON (id or unique name) is a party member; prints the new id."))
@click.argument("person_ref", metavar="PERSON")
@click.option("--joined", required=True, help=_("The day they joined the party (admitted as probationary member)."))
@click.option(
    "--branch", default="", help=_("Their branch: a branch recorded here (id or name), or the name of another.")
)
@click.option("--reported", is_flag=True, help=_("They have reported to the community (双报到)."))
@pass_app
def member_add(app: App, person_ref: str, joined: str, branch: str, reported: bool) -> None:
    from hive_party.records import add_member

    with app.ledger(write=True) as ledger:
        created = add_member(ledger, person_ref, joined=joined, branch=branch, reported=reported)
    click.echo(created.id)


@member.command("list", help=_("List party members, with their approved volunteer hours when a plugin shares them."))
@json_option
@pass_app
def member_list(app: App, as_json: bool) -> None:
    from hive_party.records import member_documents

    with app.ledger() as ledger:
        hours = volunteer_hours(app, ledger, _party_people(ledger))
        docs = member_documents(ledger, hours)
    if as_json:
        echo_json(docs)
        return
    headers = [
        _("id"),
        _("person"),
        pgettext("person", "name"),
        _("joined"),
        _("full member"),
        _("branch"),
        _("reported"),
        _("attended (this year)"),
        _("left"),
    ]
    rows = [
        [
            d["id"],
            d["person"],
            d["name"],
            d["joined"],
            _yes(d["full"]),
            d["branch_name"] or "",
            _yes(d["reported"]),
            f"{d['attended']}/{d['expected']}",
            d["left"] or "",
        ]
        for d in docs
    ]
    if hours is not None:
        headers.append(_("volunteer hours"))
        for row, d in zip(rows, docs, strict=True):
            row.append(_hours(d[VOLUNTEER_HOURS]))
    echo_table(headers, rows)


# -- activities ----------------------------------------------------------------------------
@party.group(help=_("Party activities: theme party days, the three meetings and one lesson, red culture events."))
def activity() -> None:
    pass


@activity.command("add", help=_("Record a party activity that took place; prints the new id."))
@click.option("--kind", required=True, help=_("What kind of activity.") + " (" + specs(Activity)[0].listing() + ")")
@click.option("--date", "day", required=True, help=_("The day it took place."))
@click.option("--topic", required=True, help=_("Its topic."))
@click.option("--attendee", "attendees", multiple=True, metavar="PERSON", help=_("Someone who attended (repeatable)."))
@click.option("--org", "orgs", multiple=True, metavar="ORG", help=_("An organization it was held with (repeatable)."))
@click.option("--branch", default=None, help=_("The party branch (or community party committee) that held it (id or name)."))
@pass_app
def activity_add(
    app: App, kind: str, day: str, topic: str, attendees: tuple[str, ...], orgs: tuple[str, ...], branch: str | None
) -> None:
    from hive_party.records import add_activity

    typed = {"kind": kind, "date": day, "topic": topic, "attendees": list(attendees), "orgs": list(orgs)}
    typed["branch"] = branch
    with app.ledger(write=True) as ledger:
        created = add_activity(ledger, typed)
    click.echo(created.id)


@activity.command("list", help=_("List party activities by date."))
@period_options
@json_option
@pass_app
def activity_list(app: App, start, end, as_json: bool) -> None:
    from hive import validate, views
    from hive.models import Organization

    if start and end and start > end:
        raise validate.fail("--from", start.isoformat(), _("is after --to ({date})").format(date=end.isoformat()))
    with app.ledger() as ledger:
        record_type = ledger.registry.by_model[Activity]
        found = sorted(views.listing(ledger, record_type, views.Filter(start=start, end=end)), key=lambda a: a.date)
        if as_json:
            echo_json([views.document(ledger, record_type, a, show_personal=True) for a in found])
            return
        orgs = {o.id: o.name for o in ledger.all(Organization)}
    echo_table(
        [_("id"), _("date"), _("kind"), _("topic"), _("attendees"), _("organizations")],
        [
            (a.id, a.date, _(KINDS[a.kind]), a.topic, len(a.attendees), "、".join(orgs.get(o, o) for o in a.orgs))
            for a in found
        ],
    )


# -- instructors and branches -----------------------------------------------------------------
@party.group(help=_("Party-building instructors (党建指导员) of organizations."))
def instructor() -> None:
    pass


@instructor.command("assign", help=_("Assign PERSON as the party-building instructor of ORG; prints the new id."))
@click.argument("org_ref", metavar="ORG")
@click.argument("person_ref", metavar="PERSON")
@click.option("--since", help=_("From when (default: today)."))
@pass_app
def instructor_assign(app: App, org_ref: str, person_ref: str, since) -> None:
    from hive_party.records import assign_instructor

    with app.ledger(write=True) as ledger:
        created = assign_instructor(ledger, org_ref, person_ref, since=since)
    click.echo(created.id)


@party.group(help=_("Party branches inside organizations, and joint branches of several."))
def branch() -> None:
    pass


@branch.command("add", help=_("Set up a party branch of ORG; several --org make a joint branch. Prints the new id."))
@click.argument("name")
@click.option("--org", "orgs", multiple=True, metavar="ORG", help=_("An organization of the branch (repeatable)."))
@click.option("--founded", help=_("When it was set up (default: today)."))
@click.option(
    "--committee", is_flag=True, help=_("It is the community party committee: it holds activities, of no organization.")
)
@pass_app
def branch_add(app: App, name: str, orgs: tuple[str, ...], founded, committee: bool) -> None:
    from hive_party.records import add_branch

    if not orgs and not committee:
        raise click.UsageError(_("give the branch's organization (--org ORG), or --committee"))
    with app.ledger(write=True) as ledger:
        created = add_branch(ledger, name, orgs, founded=founded, committee=committee)
    click.echo(created.id)


# -- attendance and transfers ---------------------------------------------------------------
@party.command(help=_("Record who attended ACTIVITY, or with --absent which party members missed it and why."))
@click.argument("activity_ref", metavar="ACTIVITY")
@click.argument("people", metavar="PERSON...", nargs=-1, required=True)
@click.option("--absent", is_flag=True, help=_("They were absent (members of the branch that held it)."))
@click.option("--reason", default="", help=_("Why they were absent (请假...)."))
@pass_app
def attend(app: App, activity_ref: str, people: tuple[str, ...], absent: bool, reason: str) -> None:
    from hive_party.records import attend as record

    if reason and not absent:
        raise click.UsageError(_("--reason is for --absent"))
    with app.ledger(write=True) as ledger:
        touched = record(ledger, activity_ref, people, absent=absent, reason=reason)
    click.echo(" ".join(touched))


@party.group(help=_("Transfers of party members' organizational relationship (组织关系转接), in and out."))
def transfer() -> None:
    pass


@transfer.command("in", help=_("PERSON's relationship transferred in from another party organization; prints the id."))
@click.argument("person_ref", metavar="PERSON")
@click.option("--date", "day", required=True, help=_("The day it was transferred."))
@click.option("--from", "other", required=True, help=_("The party organization it came from."))
@click.option("--joined", help=_("The day they joined the party (when they are not recorded yet)."))
@click.option("--branch", default="", help=_("Their branch here: a branch recorded here (id or name), or the name of another."))
@pass_app
def transfer_in(app: App, person_ref: str, day: str, other: str, joined: str | None, branch: str) -> None:
    from hive_party.models import IN
    from hive_party.records import transfer as record

    with app.ledger(write=True) as ledger:
        created = record(ledger, person_ref, IN, date=day, other=other, joined=joined, branch=branch)
    click.echo(created.id)


@transfer.command("out", help=_("PERSON's relationship transferred out to another party organization; prints the id."))
@click.argument("person_ref", metavar="PERSON")
@click.option("--date", "day", required=True, help=_("The day it was transferred: from then they no longer count."))
@click.option("--to", "other", required=True, help=_("The party organization it went to."))
@pass_app
def transfer_out(app: App, person_ref: str, day: str, other: str) -> None:
    from hive_party.models import OUT
    from hive_party.records import transfer as record

    with app.ledger(write=True) as ledger:
        created = record(ledger, person_ref, OUT, date=day, other=other)
    click.echo(created.id)


# -- reports --------------------------------------------------------------------------------
@party.command(help=_("Is each required activity held in each period of the year? (held / missing)"))
@click.option("--year", type=click.IntRange(min=1900), help=_("The year (default: this year)."))
@click.option("--branch", "branch_ref", help=_("Only this party branch (id or name)."))
@json_option
@pass_app
def compliance(app: App, year: int | None, branch_ref: str | None, as_json: bool) -> None:
    from hive.reporting import Period
    from hive.resolve import resolve
    from hive_party import compliance as schedule
    from hive_party.models import Branch

    with app.ledger() as ledger:
        found = schedule.rows(ledger, year, resolve(ledger, Branch, branch_ref) if branch_ref else None)
        people = _party_people(ledger)
        today = ledger.today
        shown = year or today.year  # the vanguard line counts the hours of the year the schedule shows
        hours = None if as_json else volunteer_hours(app, ledger, people, Period.year(shown))
    if as_json:
        echo_json(found)
        return
    click.echo(_("Regular schedule of {year}, as of {today}").format(year=shown, today=today))
    headers = [_("activity"), _("period"), _("status"), _("count")]
    table = [[_(KINDS[r["kind"]]), r["period"], _(schedule.STATUS_TITLES[r["status"]]), r["count"]] for r in found]
    if any(r["branch"] for r in found):  # per branch: the center's own rows say so
        headers.insert(0, _("party branch"))
        for row, r in zip(table, found, strict=True):
            row.insert(0, r["branch_name"] or _("(no branch: the center)"))
    echo_table(headers, table)
    missing = sum(1 for r in found if r["status"] == schedule.MISSING)
    click.echo(_("{missing} of {total} periods due are missing").format(missing=missing, total=len(found)))
    _echo_vanguard(hours, people, shown)


@party.command(help=_("Party-building coverage of each organization (两个覆盖)."))
@json_option
@pass_app
def coverage(app: App, as_json: bool) -> None:
    from hive_party import coverage as cover

    with app.ledger() as ledger:
        people = _party_people(ledger)
        hours = volunteer_hours(app, ledger, people)
        found = cover.rows(ledger, hours)
    if as_json:
        echo_json(found)
        return
    headers = [_("id"), _("name"), _("full party members"), _("status")]
    rows = [[r["id"], r["name"], r["party_members"], _(cover.STATUS_TITLES[r["status"]])] for r in found]
    if hours is not None:
        headers.append(_("volunteer hours"))
        for row, r in zip(rows, found, strict=True):
            row.append(_hours(r[VOLUNTEER_HOURS]))
    echo_table(headers, rows)
    needing = sum(1 for r in found if r["status"] not in cover.COVERED)
    click.echo(_("{count} of {total} organizations are not covered").format(count=needing, total=len(found)))
    _echo_vanguard(hours, people)
