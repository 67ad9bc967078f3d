"""``hive sheet``: spreadsheets in and out for every record type (``types``, ``export``, ``template``, ``import``).

Thin: parse, call :mod:`hive.sheets`, print. openpyxl is imported by those
modules only when a command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from hive.cli.app import App, json_option, pass_app, show_personal_option
from hive.cli.output import echo_json, echo_table
from hive.cli.records import period_options
from hive.i18n import _

PROGRESS_OVER = 5000  # rows: a progress bar on a terminal only for sheets larger than this


@click.group(help=_("Spreadsheets: export, templates and import for every record type."))
def sheet() -> None:
    pass


def _record_type(ledger: Any, typed: str) -> Any:
    from hive.cli.records import _type_name
    from hive.errors import InvalidInput
    from hive.sheets.columns import sheet_types

    types = sheet_types(ledger)
    name = _type_name(ledger, typed)
    found = next((t for t in types if t.name == name), None)
    if found is None:
        raise InvalidInput(
            _("no record type '{type}' for sheets; see 'hive sheet types': {types}").format(
                type=typed, types=", ".join(t.name for t in types)
            )
        )
    return found


@sheet.command(help=_("The record types a sheet can hold, with their names and labels."))
@json_option
@pass_app
def types(app: App, as_json: bool) -> None:
    from hive.sheets.columns import header, sheet_types

    with app.ledger() as ledger:
        document = [
            {
                "name": t.name,
                "label": t.title,
                "prefix": t.prefix,
                "owner": t.owner,
                "key": list(t.key),
                "columns": [{"name": s.name, "label": header(t, s), "kind": s.kind} for s in t.fields],
            }
            for t in sheet_types(ledger)
        ]
    if as_json:
        echo_json(document)
        return
    echo_table(
        [_("type"), _("label"), _("plugin"), _("columns")],
        [(d["name"], d["label"], d["owner"], len(d["columns"])) for d in document],
    )


@sheet.command(help=_("Write the records of a type to FILE.xlsx or FILE.csv (personal data masked unless asked)."))
@click.argument("record_type", metavar="TYPE")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help=_("The .xlsx or .csv file to write."))
@click.option("--org", help=_("Only records of this organization (id or name)."))
@click.option("--person", help=_("Only records of this person (id or name)."))
@period_options
@show_personal_option
@json_option
@pass_app
def export(app: App, record_type: str, out: str, org, person, start, end, show_personal: bool, as_json: bool) -> None:
    from hive import views
    from hive.outputs import check_output, write_output
    from hive.resolve import names
    from hive.sheets.writing import export_bytes

    check_output(out, center=app.db)
    with app.ledger() as ledger:
        found = _record_type(ledger, record_type)
        equals = {}
        for option, typed in (("org", org), ("person", person)):
            if not typed:
                continue
            spec = found.field(option)
            if spec is None:
                raise click.UsageError(_("{records} have no --{option}").format(records=found.records_title, option=option))
            table = spec.target_table(ledger.registry)
            target = ledger.registry.by_name.get(table) if table else None
            equals[option] = names(ledger, target).find(typed).id if target else typed
        if (start or end) and not found.date_field:
            raise click.UsageError(_("{records} have no date for --from/--to").format(records=found.records_title))
        records = views.listing(ledger, found, views.Filter(equals, start, end))
        payload = export_bytes(ledger, found, records, out, show_personal=show_personal)
    write_output(out, payload, center=app.db)
    document = {"type": found.name, "file": out, "rows": len(records), "masked": not show_personal}
    if as_json:
        echo_json(document)
    else:
        click.echo(_("{count} {records} written to {file}").format(count=len(records), records=found.records_title, file=out))


@sheet.command(help=_("Write an empty .xlsx sheet of a type to fill in, with a sheet explaining each column."))
@click.argument("record_type", metavar="TYPE")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help=_("The .xlsx file to write."))
@json_option
@pass_app
def template(app: App, record_type: str, out: str, as_json: bool) -> None:
    from hive.errors import InvalidInput
    from hive.outputs import check_output, write_output
    from hive.sheets.writing import is_xlsx, template_bytes

    if not is_xlsx(out):
        raise InvalidInput(_("a template is an .xlsx workbook: give --out FILE.xlsx"))
    check_output(out, center=app.db)
    with app.ledger() as ledger:
        found = _record_type(ledger, record_type)
        payload = template_bytes(ledger, found)
    write_output(out, payload, center=app.db)
    if as_json:
        echo_json({"type": found.name, "file": out, "columns": [s.name for s in found.fields]})
    else:
        click.echo(_("template of {kind} written to {file}").format(kind=found.title, file=out))


def _progress(found: Any, rows: Any) -> Any:
    """A progress bar on stderr when it is a terminal and the sheet is large (by rows, or the CSV's bytes)."""
    if not sys.stderr.isatty():
        return rows
    size = found.size
    if size is None:
        try:
            size = found.path.stat().st_size // 40  # about 40 bytes a row: an estimate for the bar only
        except OSError:
            return rows
    if size < PROGRESS_OVER:
        return rows

    def shown() -> Any:
        with click.progressbar(length=size, label=_("reading"), file=sys.stderr) as bar:
            for row in rows:
                bar.update(1)
                yield row

    return shown()


@sheet.command("import", help=_("Add the rows of a sheet (.xlsx or .csv) as records of a type: all rows or none."))
@click.argument("record_type", metavar="TYPE")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--sheet", "sheet_name", help=_("The sheet of an .xlsx workbook to read (the first one by default)."))
@click.option("--dry-run", is_flag=True, help=_("Check every row and say what would be added; write nothing."))
@click.option(
    "--errors", "errors_out", type=click.Path(dir_okay=False),
    help=_("Write a copy of the sheet with each bad row's problems beside it, to fix and import again."),
)
@click.option("--strict", is_flag=True, help=_("Refuse columns that name no field instead of ignoring them."))
@json_option
@pass_app
def import_(app: App, record_type: str, file: str, sheet_name, dry_run: bool, errors_out, strict: bool,
            as_json: bool) -> None:
    from hive.errors import InvalidInput
    from hive.outputs import check_output
    from hive.sheets.importing import import_sheet, write_errors

    if errors_out:
        check_output(errors_out, center=app.db)
    with app.ledger(write=not dry_run) as ledger:
        found = _record_type(ledger, record_type)
        result = import_sheet(
            ledger, found, Path(file), sheet=sheet_name, strict=strict, dry_run=dry_run, progress=_progress
        )
    for note in result.notes:
        click.echo(note, err=True)
    if result.problems:
        if errors_out:
            write_errors(file, result.problems, errors_out, sheet=sheet_name, center=app.db)
        if as_json:
            echo_json(result.document())
        shown = result.problems[:100]
        for problem in shown:
            click.echo(problem.line(), err=True)
        if len(result.problems) > len(shown):
            click.echo(_("… and {count} more problems").format(count=len(result.problems) - len(shown)), err=True)
        bad_rows = len({p.row for p in result.problems})
        message = _("{file}: {count} of {rows} rows have problems; nothing was imported").format(
            file=Path(file).name, count=bad_rows, rows=result.rows
        )
        if errors_out:
            message += " " + _("(each row's problems are in {file})").format(file=errors_out)
        raise InvalidInput(message)
    if as_json:
        echo_json(result.document())
        return
    if dry_run:
        click.echo(_("dry run: {count} {records} would be added").format(count=result.would_add, records=found.records_title))
    else:
        click.echo(_("{count} {records} added").format(count=len(result.added), records=found.records_title))
    if result.present:
        click.echo(_("{count} rows already present").format(count=result.present))
