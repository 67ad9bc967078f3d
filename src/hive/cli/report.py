"""``hive report``: the periodic report for the street office and civil affairs."""

from __future__ import annotations

from pathlib import Path

import click

from hive.cli.app import App, json_option, pass_app
from hive.cli.output import echo_json, table
from hive.i18n import _


@click.command(
    help=_(
        "The report of a month, a quarter or a year for the street office and civil affairs (台账): "
        "figures of every section, with the previous period and the year to date. "
        "Without --period, the last month that has ended."
    )
)
@click.option(
    "--period",
    metavar="PERIOD",
    help=_("A month (2026-11, 2026年11月), a quarter (2026Q4, 2026年第4季度) or a year (2026, 2026年)."),
)
@click.option("--from", "start", metavar="DATE", help=_("First day of a period of your own (YYYY-MM-DD)."))
@click.option("--to", "end", metavar="DATE", help=_("Last day of a period of your own (default: today)."))
@click.option("--out", metavar="FILE", help=_("Write the report to FILE: .html (print-ready), .xlsx (Excel) or .pdf."))
@json_option
@pass_app
def report(app: App, period: str | None, start: str | None, end: str | None, out: str | None, as_json: bool) -> None:
    from hive import report as reports

    fmt = reports.output_format(out) if out else None
    if out:
        from hive.outputs import check_output

        check_output(Path(out), center=app.db)  # the center, its lock, a missing folder: refused before any work
    with app.ledger() as ledger:
        chosen = reports.choose_period(period, start, end, ledger.today)
        built = reports.build_report(ledger, app.plugins, chosen)
    if out:
        from hive.report import files

        files.write(built, Path(out), fmt, center=app.db)
    if as_json:
        echo_json(reports.report_document(built))
    elif out:
        click.echo(_("Report of {period} written to {path}").format(period=built.period.title, path=out))
    else:
        print_report(built)


def _number(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def print_report(built) -> None:
    period = built.period
    head = _("{center}: report of {period} ({start} to {end})").format(
        center=built.center, period=period.title, start=period.start.isoformat(), end=period.end.isoformat()
    )
    click.echo(head + ("  " + _("[provisional: the period is not over]") if built.provisional else ""))
    for section in built.sections:
        click.echo("")
        click.echo(f"[{section.title}]")
        rows = [
            (
                f.label + (f" ({f.unit})" if f.unit else ""),
                _number(f.value),
                _number(f.previous),
                _number(f.year_to_date),
            )
            for f in section.figures
        ]
        click.echo(table([_("figure"), _("this period"), _("previous period"), _("year to date")], rows))
