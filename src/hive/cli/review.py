"""``hive review``: stage reviews."""

from __future__ import annotations

import click

from hive import stages
from hive.cli.app import DATE, App, json_option, pass_app
from hive.cli.output import echo_json
from hive.i18n import _


@click.command(help=_("Review organizations (all active ones by default): ready to leave their stage, or why not."))
@click.argument("orgs", nargs=-1, metavar="[ORG]...")
@click.option("--as-of", type=DATE, help=_("Review the records as they stood on this date (default: today)."))
@click.option("--apply", is_flag=True, help=_("Move each ready organization to its next stage."))
@json_option
@pass_app
def review(app: App, orgs: tuple[str, ...], as_of, apply: bool, as_json: bool) -> None:
    from hive.lifecycle import run_review

    with app.ledger(write=True) as ledger:
        results = run_review(ledger, app.plugins, orgs, as_of=as_of, apply=apply)
        as_of = as_of or ledger.today
    if as_json:
        echo_json([review_document(org, r) for org, r in results])
        return
    print_review(results, as_of)


def review_document(org, r) -> dict:
    return {
        "id": org.id,
        "name": org.name,
        "stage": r.stage,
        "verdict": r.verdict,
        "failed": [{"criterion": f.criterion, "reason": f.reason} for f in r.failed],
        "passed": r.passed,
        "as_of": r.as_of.isoformat(),
        "review": r.id,
        "moved_to": stages.next_stage(r.stage) if r.applied else None,
    }


def print_review(results, as_of) -> None:
    click.echo(_("Stage review as of {date}").format(date=as_of.isoformat()))
    ready = 0
    for org, r in results:
        is_ready = r.verdict == "ready"
        ready += is_ready
        verdict = _("ready") if is_ready else _("not ready")
        mark = "✓" if is_ready else "✗"
        click.echo(f"{mark} {org.id}  {org.name}  [{stages.get(r.stage).title}]  {verdict}")
        for f in r.failed:
            click.echo(f"      - {f.reason}  ({f.criterion})")
        if r.applied:
            click.echo("      → " + _("moved to {stage}").format(stage=stages.get(stages.next_stage(r.stage)).title))
    click.echo(
        _("{ready} ready, {waiting} not ready, of {total} reviewed").format(
            ready=ready, waiting=len(results) - ready, total=len(results)
        )
    )
