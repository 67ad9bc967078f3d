"""``hive district …`` (a district server or a folder of center files) and ``hive copy``."""

from __future__ import annotations

from pathlib import Path

import click

from hive.cli.app import App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.errors import InvalidInput
from hive.i18n import _


@click.group(help=_("A district's centers: on one PostgreSQL server (--db postgresql://…) or in a folder of files (--db DIR)."))
def district() -> None:
    pass


def _district_db(app: App) -> str:
    """The district of ``--db``: a server URL or a folder of center files."""
    if app.server or Path(app.location).is_dir():
        return app.location
    raise InvalidInput(
        _("--db {path}: a district is a server (postgresql://…) or a folder of center files").format(path=app.location)
    )


@district.command("centers", help=_("Every center of the district: code, name, district, community."))
@json_option
@pass_app
def centers(app: App, as_json: bool) -> None:
    from hive.district import centers as list_centers

    found = list_centers(_district_db(app))
    if as_json:
        echo_json(
            [
                {
                    "code": c.code,
                    "name": c.name,
                    "district": c.district,
                    "community": c.community,
                    "created": c.created,
                    "plugins": list(c.plugins),
                }
                for c in found
            ]
        )
        return
    echo_table(
        [_("code"), _("name"), _("district"), _("community")],
        [(c.code, c.name, c.district, c.community) for c in found],
    )


@district.command(
    "report", help=_("The district roll-up for a month, quarter or year: one row per center, a total, who reported.")
)
@click.option(
    "--period", required=True, metavar="PERIOD", help=_("A month, quarter or year: 2026-11, 2026年11月, 2026Q4, 2026.")
)
@click.option("--street", metavar="NAME", help=_("Only the centers whose district or community names this street."))
@click.option("--out", metavar="FILE", help=_("Write the report to FILE: .json, .csv, .xlsx or .html (a page to print)."))
@json_option
@pass_app
def report(app: App, period: str, street: str | None, out: str | None, as_json: bool) -> None:
    from hive import district as roll_up

    month = roll_up.parse_report_period(period)
    document = roll_up.report(_district_db(app), month, plugins=app.plugins, operator=app.operator, street=street)
    if out is not None:
        from hive.district_output import write

        write(Path(out), document)
        click.echo(out)
        return
    if as_json:
        echo_json(document)
        return
    keys = list(document["labels"])
    shown = [k for k in keys if "." not in k or k in ("organizations.new", "volunteers.approved_hours")]
    headers = [_("code"), _("name"), _("reported"), *[document["labels"][k] for k in shown]]
    rows = [
        (
            r["code"],
            r["name"],
            _("yes") if r["reported"] else _("no"),
            *[_number(r["figures"].get(k, "")) for k in shown],
        )
        for r in document["centers"]
    ]
    rows.append((_("total"), "", "", *[_number(document["total"].get(k, 0)) for k in shown]))
    echo_table(headers, rows)
    done = document["completeness"]
    click.echo(
        _("{period}: {reported} of {count} centers recorded activity; not yet: {silent}").format(
            period=document["period"],
            reported=len(done["reported"]),
            count=done["centers"],
            silent=", ".join(done["not_reported"]) or "-",
        )
    )


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@district.command("migrate", help=_("Set up or bring up to date hive's tables on the server (as its administrator)."))
@pass_app
def migrate(app: App) -> None:
    from hive.pgstore import migrate as run

    _require_server(app)
    before, after = run(app.location)
    click.echo(_("hive schema on the server: {before} -> {after}").format(before=before, after=after))


@district.command(
    "grant",
    help=_(
        "Let a database role see and change one center's rows only (--center), or read every center (--district)."
    ),
)
@click.argument("role")
@click.option("--district", "whole", is_flag=True, help=_("The role reads every center (the district, read only)."))
@click.option("--sql", "print_sql", is_flag=True, help=_("Print the SQL for the administrator instead of running it."))
@pass_app
def grant(app: App, role: str, whole: bool, print_sql: bool) -> None:
    from hive import pgstore

    _require_server(app)
    if whole == bool(app.center):
        raise InvalidInput(_("give either --center CODE (before the command) or --district"))
    center = None if whole else pgstore.check_center_code(app.center)
    if print_sql:
        click.echo(pgstore.grant_script(role, center), nl=False)
        return
    pgstore.grant(app.location, role, center)
    if center is None:
        click.echo(_("role {role} reads every center").format(role=role))
    else:
        click.echo(_("role {role} sees and changes center {center} only").format(role=role, center=center))


def _require_server(app: App) -> None:
    if not app.server:
        raise InvalidInput(_("this command needs a district server: --db postgresql://…"))


@click.command("copy", help=_("Copy a whole center between a file and a district server center, either way."))
@click.argument("source", metavar="FROM")
@click.argument("dest", metavar="TO")
@click.option("--center", "code", metavar="CODE", help=_("The center's code on the server (default: hive --center, $HIVE_CENTER)."))
@pass_app
def copy(app: App, source: str, dest: str, code: str | None) -> None:
    from hive.location import describe
    from hive.transfer import copy_center

    center = code or app.center
    report = copy_center(source, dest, center, operator=app.operator, plugins=app.plugins)
    click.echo(
        _("copied {count} records from {source} to {dest}").format(
            count=sum(report.records.values()), source=describe(source, center), dest=describe(dest, center)
        )
    )
