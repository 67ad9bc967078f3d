"""``hive volunteer``: volunteers, teams, service records and their approval, hours, certificates, reports, imports."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hive import N_
from hive.cli.app import DATE, App, FieldChoice, json_option, pass_app, show_personal_option
from hive.cli.output import echo_json, echo_table
from hive_volunteer import _, ngettext, pgettext
from hive_volunteer.models import STATUSES

#: ``volunteer report --by``: how the approved hours are grouped (typed as a code or a label, 队伍).
REPORT_GROUPS = {"person": N_("person"), "team": N_("team"), "org": N_("organization")}


def _stars(count: int) -> str:
    return "★" * count if count else "-"


def _h(hours: float | None) -> str:
    from hive_volunteer.models import fmt

    return "-" if hours is None else fmt(hours)


#: ``hive volunteer``'s own commands; the plugin adds them beside its generated ones
#: (``plugin.command("hive_volunteer.commands:volunteer")``: this module is imported when one is asked for).
volunteer = click.Group("volunteer")


# -- volunteers -------------------------------------------------------------------------------------
@volunteer.command(
    "add", help=_("Register PERSON (id or unique name in the registry) as a volunteer; prints the new id.")
)
@click.argument("person_ref", metavar="PERSON")
@click.option("--phone", help=_("Their phone, kept in the registry when the person has none yet (personal data)."))
@click.option("--id-number", help=_("Resident ID number, 18 characters, check digit verified (personal data)."))
@click.option("--skill", "skills", multiple=True, help=_("A skill they offer (repeatable)."))
@pass_app
def add(app: App, person_ref: str, phone: str | None, id_number: str | None, skills: tuple[str, ...]) -> None:
    from hive_volunteer.records import add_volunteer

    with app.ledger(write=True) as ledger:
        created = add_volunteer(ledger, person_ref, phone=phone, id_number=id_number, skills=skills)
    click.echo(created.id)


@volunteer.command("list", help=_("List volunteers with their approved hours and stars (ID numbers masked)."))
@click.option("--team", "team_ref", metavar="TEAM", help=_("Only the members of this team (id or name)."))
@show_personal_option
@json_option
@pass_app
def list_(app: App, team_ref: str | None, show_personal: bool, as_json: bool) -> None:
    from hive_volunteer.records import volunteer_documents

    with app.ledger() as ledger:
        docs = volunteer_documents(ledger, team_ref=team_ref, show_personal=show_personal)
    if as_json:
        echo_json(docs)
        return
    echo_table(
        [
            _("id"),
            _("person"),
            pgettext("person", "name"),
            _("registered"),
            _("approved hours"),
            _("stars"),
            _("teams"),
            _("ID number"),
        ],
        [
            (
                d["id"],
                d["person"],
                d["name"],
                d["registered"],
                _h(d["approved_hours"]),
                _stars(d["stars"]),
                ",".join(d["teams"]),
                d["id_number"] or "",
            )
            for d in docs
        ],
    )


# -- teams ------------------------------------------------------------------------------------------
@volunteer.group(help=_("Volunteer teams of the center or of an organization."))
def team() -> None:
    pass


@team.command("add", help=_("Add a volunteer team; prints the new id."))
@click.argument("name")
@click.option("--org", "org_ref", metavar="ORG", help=_("The organization that runs it (default: the center)."))
@click.option(
    "--leader", "leader_ref", metavar="PERSON", help=_("Its leader, a registered volunteer (joins the team).")
)
@click.option("--founded", help=_("The day it was founded (default: today); its leader is a member from then."))
@pass_app
def team_add(app: App, name: str, org_ref: str | None, leader_ref: str | None, founded: str | None) -> None:
    from hive_volunteer.records import add_team

    with app.ledger(write=True) as ledger:
        created = add_team(ledger, name, org_ref=org_ref, leader_ref=leader_ref, founded=founded)
    click.echo(created.id)


@team.command("join", help=_("Add registered volunteers to TEAM (id or name)."))
@click.argument("team_ref", metavar="TEAM")
@click.argument("person_refs", metavar="PERSON...", nargs=-1, required=True)
@click.option("--since", help=_("The day they joined (default: today); hours for the team count from it."))
@pass_app
def team_join(app: App, team_ref: str, person_refs: tuple[str, ...], since: str | None) -> None:
    from hive_volunteer.records import join_team

    with app.ledger(write=True) as ledger:
        joined = join_team(ledger, team_ref, person_refs, since=since)
    click.echo(
        ngettext("{team} {name} has {count} member", "{team} {name} has {count} members", len(joined.members)).format(
            team=joined.id, name=joined.name, count=len(joined.members)
        )
    )


@team.command("list", help=_("List volunteer teams with their members and approved hours."))
@json_option
@pass_app
def team_list(app: App, as_json: bool) -> None:
    from hive_volunteer.records import team_documents

    with app.ledger() as ledger:
        docs = team_documents(ledger)
        center = ledger.center.name
    if as_json:
        echo_json(docs)
        return
    echo_table(
        [_("id"), _("name"), _("run by"), _("leader"), _("members"), _("approved hours")],
        [
            (
                d["id"],
                d["name"],
                d["org_name"] or center,
                d["leader_name"] or "",
                len(d["members"]),
                _h(d["approved_hours"]),
            )
            for d in docs
        ],
    )


# -- service records --------------------------------------------------------------------------------
@volunteer.command("log", help=_("Record hours of service by PERSON, pending approval; prints the new id."))
@click.argument("person_ref", metavar="PERSON")
@click.option("--date", required=True, help=_("The day of the service (not in the future)."))
@click.option("--hours", required=True, help=_("Actual service time in hours (a day has at most 24)."))
@click.option("--activity", required=True, help=_("What the service was."))
@click.option("--team", metavar="TEAM", help=_("The volunteer team it was done with (id or name)."))
@click.option("--org", metavar="ORG", help=_("The organization it was done for (id or name)."))
@click.option("--place", default="", help=_("Where it took place."))
@pass_app
def log(app: App, person_ref: str, **typed) -> None:
    from hive_volunteer.records import log_service

    with app.ledger(write=True) as ledger:
        created, warnings = log_service(ledger, dict(typed, person=person_ref))
    for warning in warnings:
        click.echo(_("warning: {problem}").format(problem=warning), err=True)
    click.echo(created.id)


@volunteer.command("records", help=_("List service records, newest first."))
@click.option("--status", type=FieldChoice(STATUSES), help=_("Only records with this status (已审核 = approved)."))
@click.option("--person", "person_ref", metavar="PERSON", help=_("Only this person's records."))
@json_option
@pass_app
def records(app: App, status: str | None, person_ref: str | None, as_json: bool) -> None:
    from hive_volunteer.models import ServiceRecord
    from hive_volunteer.records import person_of, record_documents

    with app.ledger() as ledger:
        wanted = {"person": person_of(ledger, person_ref).id} if person_ref else {}
        if status:
            wanted["status"] = status
        chosen = ledger.where(ServiceRecord, **wanted)  # one person's or one status's records only
        chosen.sort(key=lambda r: r.date, reverse=True)
        docs = record_documents(ledger, chosen)
    if as_json:
        echo_json(docs)
        return
    echo_table(
        [_("id"), pgettext("person", "name"), _("date"), _("hours"), _("activity"), _("status")],
        [(d["id"], d["name"], d["date"], _h(d["hours"]), d["activity"], _(d["status"])) for d in docs],
    )


@volunteer.command("approve", help=_("Approve pending service records; only approved hours count."))
@click.argument("record_ids", metavar="RECORD...", nargs=-1)
@click.option("--all-pending", is_flag=True, help=_("Approve every pending record."))
@pass_app
def approve(app: App, record_ids: tuple[str, ...], all_pending: bool) -> None:
    from hive_volunteer.models import APPROVED
    from hive_volunteer.records import decide

    with app.ledger(write=True) as ledger:
        decided = decide(ledger, record_ids, status=APPROVED, all_pending=all_pending)
    click.echo(
        ngettext("approved {count} service record", "approved {count} service records", len(decided)).format(
            count=len(decided)
        )
    )


@volunteer.command("reject", help=_("Reject a pending service record, saying why."))
@click.argument("record_id", metavar="RECORD")
@click.option("--reason", required=True, help=_("Why it is rejected (kept with the record)."))
@pass_app
def reject(app: App, record_id: str, reason: str) -> None:
    from hive_volunteer.models import REJECTED
    from hive_volunteer.records import decide

    with app.ledger(write=True) as ledger:
        decide(ledger, [record_id], status=REJECTED, reason=reason)
    click.echo(_("rejected {id}").format(id=record_id))


# -- hours, certificates, reports -------------------------------------------------------------------
@volunteer.command("hours", help=_("PERSON's approved and pending hours, star level and hours to the next star."))
@click.argument("person_ref", metavar="PERSON")
@json_option
@pass_app
def hours(app: App, person_ref: str, as_json: bool) -> None:
    from hive_volunteer.records import hours_summary

    with app.ledger() as ledger:
        doc = hours_summary(ledger, person_ref)
    if as_json:
        echo_json(doc)
        return
    volunteer_label = _("volunteer")
    click.echo(f"{doc['person']}  {doc['name']}  ({volunteer_label} {doc['volunteer']})")
    if doc["hours_to_next_star"] is None:
        next_star = _("highest level reached")
    else:
        next_star = _("{hours} h (at {threshold} h)").format(
            hours=_h(doc["hours_to_next_star"]), threshold=_h(doc["next_star_hours"])
        )
    for label, value in [
        (_("approved hours"), _h(doc["approved_hours"])),
        (_("pending hours"), _h(doc["pending_hours"])),
        (_("stars"), f"{doc['stars']} {_stars(doc['stars'])}" if doc["stars"] else _("below one star")),
        (_("hours to the next star"), next_star),
    ]:
        click.echo(f"  {label}: {value}")


class _IssueByDefault(click.Group):
    """``certificate PERSON`` issues (as in v0.1); ``certificate list|reprint|void`` keep the register."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["issue", *args]
        return super().parse_args(ctx, args)


_SUMMARY = click.option(
    "--summary", is_flag=True, help=_("Totals by month and by activity on one page (chosen by itself past one page).")
)
_HTML = click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Also write it as a printable HTML page."),
)


def _printed(app: App, doc: dict, html_file: Path | None) -> None:
    """The certificate on the terminal, and as a page when asked (after the commit: never one not recorded)."""
    from hive import i18n
    from hive.errors import HiveError, OutputFailed
    from hive.outputs import write_output
    from hive_volunteer.certificates import render_html, render_text

    if html_file is not None:
        try:
            write_output(html_file, render_html(doc, i18n.language()), center=app.db)
        except HiveError as exc:
            raise OutputFailed(
                _("certificate {id} is recorded, but its page was not written: {problem}").format(
                    id=doc["id"], problem=exc
                )
            ) from None
    click.echo(render_text(doc))
    if html_file is not None:
        click.echo(_("wrote {file}").format(file=html_file))
    click.echo(doc["id"])


@volunteer.group(
    "certificate",
    cls=_IssueByDefault,
    help=_(
        "Service certificates: 'certificate PERSON' issues one of PERSON's approved hours (recorded); "
        "list, reprint and void keep the register."
    ),
    short_help=_("Issue service certificates; list, reprint or void issued ones."),
)
def certificate() -> None:
    pass


@certificate.command(
    "issue", help=_("Issue a service certificate of PERSON's approved hours (recorded); prints it and its id.")
)
@click.argument("person_ref", metavar="PERSON")
@click.option("--from", "start", type=DATE, help=_("First day of the period (default: all records)."))
@click.option("--to", "end", type=DATE, help=_("Last day of the period (default: today)."))
@_HTML
@_SUMMARY
@click.option(
    "--publicize",
    is_flag=True,
    help=_("Open the certificate's 7-day internal publicity (公示) instead; it is issued once that is over."),
)
@pass_app
def certificate_issue(
    app: App, person_ref: str, start, end, html_file: Path | None, summary: bool, publicize: bool
) -> None:
    from hive.outputs import check_output
    from hive_volunteer.certificates import issue

    if publicize:
        from hive_volunteer.certificates import publicize as open_publicity

        with app.ledger(write=True) as ledger:
            shown = open_publicity(ledger, person_ref, start=start, end=end)
        click.echo(
            _(
                "{name} ({person}): {hours} h in {records} records publicized from {start}; issue the certificate from {ends}"
            ).format(
                name=shown["name"],
                person=shown["person"],
                hours=_h(shown["hours"]),
                records=shown["records"],
                start=shown["publicized"],
                ends=shown["ends"],
            )
        )
        click.echo(shown["id"])
        return
    if html_file is not None:
        check_output(html_file, center=app.db)  # a path that would be refused records nothing
    with app.ledger(write=True) as ledger:
        doc = issue(ledger, person_ref, start=start, end=end)
    _printed(app, dict(doc, summary=doc["summary"] or summary), html_file)


@certificate.command("list", help=_("The register of issued certificates, oldest first."))
@click.option("--person", "person_ref", metavar="PERSON", help=_("Only this person's certificates."))
@click.option("--include-void", is_flag=True, help=_("Void certificates too."))
@json_option
@pass_app
def certificate_list(app: App, person_ref: str | None, include_void: bool, as_json: bool) -> None:
    from hive_volunteer.certificates import register

    with app.ledger() as ledger:
        docs = register(ledger, person_ref, include_void=include_void)
    if as_json:
        echo_json(docs)
        return
    echo_table(
        [_("number"), _("id"), pgettext("person", "name"), _("issued"), _("period"), _("hours"), _("reprints")],
        [
            (
                d["number"],
                d["id"] + (" " + _("(void)") if d["void"] else ""),
                d["name"],
                d["issued"],
                f"{d['from'] or ''}~{d['to']}",
                _h(d["hours"]),
                d["reprints"] or "",
            )
            for d in docs
        ],
    )


@certificate.command("reprint", help=_("Print certificate NUMBER again: the same number, marked as a reprint."))
@click.argument("number")
@_HTML
@_SUMMARY
@pass_app
def certificate_reprint(app: App, number: str, html_file: Path | None, summary: bool) -> None:
    from hive.outputs import check_output
    from hive_volunteer.certificates import reprint

    if html_file is not None:
        check_output(html_file, center=app.db)
    with app.ledger(write=True) as ledger:
        doc = reprint(ledger, number)
    _printed(app, dict(doc, summary=doc["summary"] or summary), html_file)


@certificate.command("void", help=_("Void certificate NUMBER, saying why: it leaves the register but is kept."))
@click.argument("number")
@click.option("--reason", required=True, help=_("Why it is void (kept with it)."))
@pass_app
def certificate_void(app: App, number: str, reason: str) -> None:
    from hive_volunteer.certificates import void

    with app.ledger(write=True) as ledger:
        done = void(ledger, number, reason)
    click.echo(_("voided certificate {number} ({id})").format(number=done.number, id=done.id))


@volunteer.command("report", help=_("Approved hours by person, team or organization over a period."))
@click.option("--from", "start", type=DATE, help=_("First day of the period."))
@click.option("--to", "end", type=DATE, help=_("Last day of the period."))
@click.option(
    "--by", type=FieldChoice(REPORT_GROUPS), default="person", show_default=True, help=_("Group by (队伍 = team).")
)
@click.option(
    "--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path), help=_("Write the rows to a CSV file.")
)
@json_option
@pass_app
def report(app: App, start, end, by: str, csv_file: Path | None, as_json: bool) -> None:
    from hive.errors import InvalidInput
    from hive_volunteer.reports import report as build
    from hive_volunteer.reports import write_csv

    if as_json and csv_file:
        raise InvalidInput(_("give --json or --csv, not both"))
    with app.ledger() as ledger:
        doc = build(ledger, by=by, start=start, end=end)
    if as_json:
        echo_json(doc)
        return
    if csv_file:
        write_csv(doc, csv_file, center=app.db)
        click.echo(
            ngettext("wrote {count} row to {file}", "wrote {count} rows to {file}", len(doc["rows"])).format(
                count=len(doc["rows"]), file=csv_file
            )
        )
        return
    label = {"person": _("person"), "team": _("team"), "org": _("organization")}[by]
    echo_table(
        [_("id"), label, _("approved hours"), _("records"), _("volunteers")],
        [(r["id"] or "", r["name"], _h(r["hours"]), r["records"], r["volunteers"]) for r in doc["rows"]],
    )
    click.echo(
        _("total: {hours} approved hours; records: {records}; volunteers: {volunteers}").format(
            hours=_h(doc["hours"]), records=doc["records"], volunteers=doc["volunteers"]
        )
    )


# -- export to the national volunteer information system ----------------------------------------------
@volunteer.command(
    "export",
    help=_(
        "Write approved service records in the national volunteer information system's bulk-upload columns "
        "(real names and ID numbers: the upload needs them)."
    ),
    short_help=_("Approved service records for the national volunteer system's bulk upload."),
)
@click.option("--national", is_flag=True, required=True, help=_("In the national system's columns (the mapping)."))
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False), help=_("The .xlsx (or .csv) file to write.")
)
@click.option(
    "--mapping", type=click.Path(dir_okay=False), help=_("A column mapping of your own (JSON, like national-v1.json).")
)
@click.option("--from", "start", type=DATE, help=_("First day of the period."))
@click.option("--to", "end", type=DATE, help=_("Last day of the period."))
@json_option
@pass_app
def export(app: App, national: bool, out: str, mapping, start, end, as_json: bool) -> None:
    from hive.outputs import check_output, write_output
    from hive.sheets.writing import sheet_bytes
    from hive_volunteer.national import load_mapping, national_rows, text_columns
    from hive_volunteer.settings import NATIONAL_MAPPING

    check_output(out, center=app.db)
    with app.ledger() as ledger:
        chosen = load_mapping(mapping or str(ledger.settings[NATIONAL_MAPPING] or "").strip() or None)
        header, rows, refused = national_rows(ledger, chosen, start=start, end=end)
    write_output(out, sheet_bytes(out, chosen.sheet, header, rows, text_columns=text_columns(chosen)), center=app.db)
    if as_json:
        echo_json({"file": out, "mapping": chosen.name, "rows": len(rows), "refused": refused})
        return
    for left in refused:
        click.echo(
            _("left out {record}: {name} ({person}): {reason}").format(
                record=left["record"], name=left["name"], person=left["person"], reason=left["reason"]
            ),
            err=True,
        )
    click.echo(
        _("{count} approved service records written to {file} ({mapping})").format(
            count=len(rows), file=out, mapping=chosen.name
        )
    )
    if refused:
        click.echo(
            _(
                "{count} records left out: their volunteers have no valid ID number; add it with "
                "'hive edit ID id_number=...' and export again"
            ).format(count=len(refused)),
            err=True,
        )


# -- import -----------------------------------------------------------------------------------------
@volunteer.command(
    "import",
    help=_("Import service records from a CSV file (person,date,hours,activity,team,org,place): all rows or none."),
    short_help=_("Import service records from a CSV file, all rows or none."),
)
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--approved", is_flag=True, help=_("Import them approved (default: pending)."))
@click.option("--dry-run", is_flag=True, help=_("Check every row and write nothing."))
@pass_app
def import_(app: App, csv_file: Path, approved: bool, dry_run: bool) -> None:
    from hive.errors import Conflict, InvalidInput
    from hive_volunteer.importer import check, open_rows, total_hours
    from hive_volunteer.settings import APPROVAL_BY_OTHER, IMPORT_MAX_ROWS, approval_by_other

    def progress(items):
        if not sys.stderr.isatty():  # a bar only on a terminal, never in a pipe or a log
            return items
        return _bar(items)

    def _bar(items):
        with click.progressbar(items, label=_("checking rows"), file=sys.stderr) as bar:
            yield from bar

    with app.ledger(write=not dry_run) as ledger:
        if approved and approval_by_other(ledger.settings):
            raise Conflict(
                _("--approved would approve hours you log yourself; {key} is on: import them pending").format(
                    key=APPROVAL_BY_OTHER
                )
            )
        with open_rows(csv_file, limit=ledger.settings[IMPORT_MAX_ROWS]) as (columns, rows):
            records, errors, warned = check(ledger, columns, rows, approved=approved, progress=progress)
        if errors:
            for line, reason in errors:
                click.echo(
                    _("{file}, line {line}: {reason}").format(file=csv_file.name, line=line, reason=reason), err=True
                )
            raise InvalidInput(
                ngettext(
                    "{count} bad row in {file}; nothing was imported",
                    "{count} bad rows in {file}; nothing was imported",
                    len(errors),
                ).format(count=len(errors), file=csv_file.name)
            )
        for line, warning in warned:
            click.echo(
                _("{file}, line {line}: {reason}").format(
                    file=csv_file.name, line=line, reason=_("warning: {problem}").format(problem=warning)
                ),
                err=True,
            )
        if not dry_run:
            ledger.add_many(records, action="volunteer import", detail=f"{csv_file.name}: {len(records)}")
    status = _("approved") if approved else _("pending")
    if dry_run:
        click.echo(
            ngettext(
                "{count} service record ({hours} h) would be imported as {status}; nothing was written",
                "{count} service records ({hours} h) would be imported as {status}; nothing was written",
                len(records),
            ).format(count=len(records), hours=total_hours(records), status=status)
        )
    else:
        click.echo(
            ngettext(
                "imported {count} service record ({hours} h) as {status}",
                "imported {count} service records ({hours} h) as {status}",
                len(records),
            ).format(count=len(records), hours=total_hours(records), status=status)
        )
