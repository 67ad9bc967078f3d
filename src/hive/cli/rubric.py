"""``hive rubric`` and ``hive assess``: evaluation rubrics and the assessments made with them."""

from __future__ import annotations

from pathlib import Path

import click

from hive.cli.app import DATE, App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.i18n import _


def rubric_document(r) -> dict:
    return {
        "id": r.id,
        "name": r.name,
        "title": r.title,
        "maximum": r.total,
        "indicators": len(r.indicators),
        "scored": len(r.leaves),
        "levels": max((r.depth(i.code) for i in r.indicators), default=0),
        "bands": [{"name": b.name, "minimum": b.minimum} for b in r.bands],
        "example": r.example,
        "source": r.source,
    }


@click.group(help=_("Evaluation rubrics: trees of indicators with maximum points and bands."))
def rubric() -> None:
    pass


@rubric.command(
    help=_(
        "Load a rubric from FILE (.yaml, .json, .xlsx or .csv: code, parent, title, maximum, method); prints its id."
    )
)
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--name", help=_("The rubric's name (default: the file's, or its file name)."))
@click.option(
    "--bands",
    help=_("Bands by lowest total, e.g. 5A=90,4A=80,3A=70 (default: the file's, else 5A-1A at 90-50% of the total)."),
)
@click.option(
    "--example",
    is_flag=True,
    help=_("Load the example rubric shipped with hive (the five areas of the 1A-5A grading)."),
)
@pass_app
def load(app: App, file: Path | None, name: str | None, bands: str | None, example: bool) -> None:
    from hive import rubric as rubrics
    from hive.assessment import add_rubric
    from hive.errors import InvalidInput

    if example == (file is not None):
        raise InvalidInput(_("give a FILE or --example"))
    parsed = rubrics.read(
        rubrics.EXAMPLE if example else file, name=name, bands=rubrics.parse_bands(bands) if bands else None
    )
    with app.ledger(write=True) as ledger:
        created = add_rubric(ledger, parsed)
    click.echo(created.id)


@rubric.command("list", help=_("List the rubrics loaded for this center."))
@json_option
@pass_app
def list_(app: App, as_json: bool) -> None:
    from hive.models import Rubric

    with app.ledger() as ledger:
        found = [rubric_document(r) for r in ledger.all(Rubric)]
    if as_json:
        echo_json(found)
        return
    echo_table(
        [_("id"), _("name"), _("title"), _("maximum"), _("indicators"), _("bands")],
        [
            (
                r["id"],
                r["name"] + (" " + _("(example)") if r["example"] else ""),
                r["title"],
                f"{r['maximum']:g}",
                r["indicators"],
                ", ".join(f"{b['name']}≥{b['minimum']:g}" for b in r["bands"]),
            )
            for r in found
        ],
    )


@rubric.command(help=_("Show a rubric's indicators (RUBRIC: id or name)."))
@click.argument("ref", metavar="RUBRIC")
@json_option
@pass_app
def show(app: App, ref: str, as_json: bool) -> None:
    from hive.assessment import find_rubric

    with app.ledger() as ledger:
        r = find_rubric(ledger, ref)
    doc = rubric_document(r) | {
        "indicators": [
            {
                "code": i.code,
                "parent": i.parent,
                "level": r.depth(i.code),
                "title": i.title,
                "maximum": i.maximum,
                "method": i.method,
            }
            for i in r.indicators
        ]
    }
    if as_json:
        echo_json(doc)
        return
    click.echo(f"{r.id}  {r.name}  {r.title}" + ("  " + _("(example)") if r.example else ""))
    echo_table(
        [_("code"), _("indicator"), _("maximum"), _("method")],
        [
            ("  " * (i["level"] - 1) + i["code"], i["title"], f"{i['maximum']:g}", i["method"])
            for i in doc["indicators"]
        ],
    )


class AssessGroup(click.Group):
    """``hive assess ORG ...`` records; ``hive assess show ID`` shows: the first word decides."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["record", *args]
        return super().parse_args(ctx, args)


@click.group(
    cls=AssessGroup,
    help=_("Assess an organization with a rubric: 'hive assess ORG --rubric NAME ...'; 'hive assess show ID'."),
)
def assess() -> None:
    pass


@assess.command(
    "record",
    help=_(
        "Record an assessment of ORG with RUBRIC: each scored indicator's panel score (and self score), a reason for every deduction; prints its id."
    ),
)
@click.argument("org")
@click.option("--rubric", "rubric_ref", required=True, help=_("The rubric (id or name)."))
@click.option(
    "--sheet",
    type=click.Path(path_type=Path, dir_okay=False),
    help=_("A filled-in score sheet (.xlsx or .csv: code, self, panel, reason)."),
)
@click.option(
    "--score",
    "scores",
    multiple=True,
    metavar="CODE=[SELF/]PANEL",
    help=_("An indicator's score, e.g. 1.2=5/4 (self 5, panel 4); repeat."),
)
@click.option(
    "--reason",
    "reasons",
    multiple=True,
    metavar="CODE=TEXT",
    help=_("Why points were deducted from an indicator; repeat."),
)
@click.option("--assessor", "assessors", multiple=True, help=_("An assessor's name; repeat for each."))
@click.option("--date", type=DATE, help=_("Date of the assessment (default: today)."))
@click.option("--note", default="", help=_("A note kept with the assessment."))
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help=_("Also write the printable score sheet (HTML) to this file."),
)
@pass_app
def record_(app: App, org: str, rubric_ref: str, sheet, scores, reasons, assessors, date, note, html_file) -> None:
    from hive.assessment import record

    if html_file is not None:
        from hive.outputs import check_output

        check_output(html_file, center=app.db)
    with app.ledger(write=True) as ledger:
        created = record(
            ledger,
            org,
            rubric_ref,
            scores=scores,
            reasons=reasons,
            sheet=sheet,
            assessors=assessors,
            date=date,
            note=note,
        )
        doc, center = _document(ledger, created)
    if html_file is not None:
        _write_sheet(app, html_file, doc, center)
    click.echo(created.id)


def _document(ledger, assessment):
    from hive.assessment import document
    from hive.models import Organization, Rubric

    return document(
        assessment, ledger.get(Rubric, assessment.rubric), ledger.get(Organization, assessment.org)
    ), ledger.center.name


def _write_sheet(app: App, path: Path, doc: dict, center: str) -> None:
    from hive.assessment import score_sheet_html
    from hive.outputs import write_output

    write_output(path, score_sheet_html(doc, center), center=app.db)


@assess.command("show", help=_("Show an assessment: every indicator's points per level, the total and the band."))
@click.argument("assessment_id", metavar="ID")
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help=_("Write the printable score sheet (HTML) to this file."),
)
@json_option
@pass_app
def show_assessment(app: App, assessment_id: str, html_file: Path | None, as_json: bool) -> None:
    from hive.models import Assessment

    if html_file is not None:
        from hive.outputs import check_output

        check_output(html_file, center=app.db)
    with app.ledger() as ledger:
        doc, center = _document(ledger, ledger.get(Assessment, assessment_id.strip()))
    if html_file is not None:
        _write_sheet(app, html_file, doc, center)
        click.echo(html_file)
        return
    if as_json:
        echo_json(doc)
        return
    click.echo(f"{doc['id']}  {doc['org']} {doc['name']}  {doc['rubric']}  {doc['date']}")
    click.echo("  " + _("assessors") + ": " + "、".join(doc["assessors"]))
    echo_table(
        [_("code"), _("indicator"), _("maximum"), _("self score"), _("panel score"), _("reason for deduction")],
        [
            (
                "  " * (i["level"] - 1) + i["code"],
                i["title"],
                f"{i['maximum']:g}",
                "" if i["self"] is None else f"{i['self']:g}",
                f"{i['panel']:g}",
                i["reason"],
            )
            for i in doc["indicators"]
        ],
    )
    total = _("total {total} of {maximum}").format(total=f"{doc['total']:g}", maximum=f"{doc['maximum']:g}")
    click.echo(total + "  " + _("band") + ": " + (doc["band"] or _("none")))
