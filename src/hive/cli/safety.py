"""``hive check``, ``hive backup``, ``hive export`` and ``hive import``: keeping a center's data safe."""

from __future__ import annotations

from pathlib import Path

import click

from hive.cli.app import App, json_option, pass_app, show_personal_option
from hive.cli.output import echo_json, echo_table
from hive.i18n import _


@click.command(help=_("Check the center file: schema, references between records, stage history; exit 1 on errors."))
@json_option
@pass_app
def check(app: App, as_json: bool) -> None:
    from hive.integrity import check as run_check

    with app.ledger(strict=True) as ledger:
        report = run_check(ledger, app.plugins)
    if as_json:
        echo_json(report.document())
    else:
        total = sum(report.records.values())
        click.echo(
            _("{path}: schema {schema}, {count} records in {tables} tables").format(
                path=report.path, schema=report.schema, count=total, tables=len(report.records)
            )
        )
        if report.problems:
            echo_table(
                [_("severity"), _("table"), _("record"), _("problem")],
                [(_(p.severity), p.table, p.record, p.problem) for p in report.problems],
            )
            errors = len(report.errors)
            click.echo(
                _("{errors} error(s), {warnings} warning(s)").format(
                    errors=errors, warnings=len(report.problems) - errors
                )
            )
        else:
            click.echo(_("no problems found"))
    if not report.ok:
        click.get_current_context().exit(1)


@click.command(help=_("Copy the center file while no one writes to it; prints the copy's path."))
@click.argument("dest", required=False, metavar="[DEST]")
@pass_app
def backup(app: App, dest: str | None) -> None:
    from hive import clock, store
    from hive.transfer import backup_path

    if app.server:  # a server center's backup is a center file: the same as 'hive copy'
        from hive.pgstore import check_center_code
        from hive.transfer import copy_center

        named = Path(f"{check_center_code(app.center)}.json")
        if dest is None or Path(dest).is_dir():
            with app.ledger() as ledger:  # named on the center's own clock
                now = clock.now(clock.center_zone(ledger.center.settings))
            target = backup_path(named, now, Path(dest) if dest else None)
        else:
            target = Path(dest)
        copy_center(app.location, target, app.center, operator=app.operator, plugins=app.plugins)
        click.echo(target)
        return
    if dest is None or Path(dest).is_dir():
        folder = Path(dest) if dest is not None else None

        def target(settings):  # named on the center's own clock, read from the file being copied
            return backup_path(app.db, clock.now(clock.center_zone(settings)), folder)

        written = store.backup(app.db, target)
    else:
        written = store.backup(app.db, Path(dest))
    click.echo(written)


@click.command("export", help=_("The whole center (every plugin's records too) as one JSON document."))
@click.option("--out", metavar="FILE", help=_("Write the document to FILE instead of printing it."))
@show_personal_option
@pass_app
def export(app: App, out: str | None, show_personal: bool) -> None:
    from hive import transfer
    from hive.outputs import check_output, write_output

    if out:  # refused before the center is even read
        check_output(Path(out), center=None if app.server else app.db)
    with app.ledger() as ledger:
        payload = transfer.encode(transfer.export_document(ledger, show_personal=show_personal))
    if out is None:
        click.echo(payload, nl=False)
        return
    if app.server:  # as private as the center it copies
        from hive import store

        store.write_atomically(Path(out), payload, mode=0o600)
    else:
        write_output(Path(out), payload, center=app.db)
    click.echo(out)


@click.command("import", help=_("Restore an export (made with --show-personal) into a new center file."))
@click.argument("file", metavar="FILE")
@click.option(
    "--db", "new", metavar="NEW", help=_("The new center file (default: the global --db); never overwritten.")
)
@pass_app
def import_(app: App, file: str, new: str | None) -> None:
    from hive.transfer import read_export, restore

    source = Path(file)
    document = read_export(source)
    if new is None and app.server:  # into a new center on the server
        report = restore(
            source, document, app.where, operator=app.operator, plugins=app.plugins, create=app.create_store
        )
        dest: Path | str = app.where
    else:
        dest = Path(new) if new else app.db
        report = restore(source, document, dest, operator=app.operator, plugins=app.plugins)
    click.echo(_("imported {count} records into {path}").format(count=sum(report.records.values()), path=dest))
    click.echo(dest)
