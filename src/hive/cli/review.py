"""``hive review``: stage reviews."""

from __future__ import annotations

import click

from hive import stages
from hive.cli.app import DATE, App, json_option, pass_app
from hive.cli.output import echo_json
from hive.i18n import _, join


@click.command(help=_("Review organizations (all active ones by default): ready to leave their stage, or why not."))
@click.argument("orgs", nargs=-1, metavar="[ORG]...")
@click.option("--as-of", type=DATE, help=_("Review the records as they stood on this date (default: today)."))
@click.option("--apply", is_flag=True, help=_("Move each ready organization to its next stage."))
@json_option
@pass_app
def review(app: App, orgs: tuple[str, ...], as_of, apply: bool, as_json: bool) -> None:
    from hive.lifecycle import review_run

    with app.ledger(write=True) as ledger:
        run = review_run(ledger, app.plugins, orgs, as_of=as_of, apply=apply)
    if as_json:
        echo_json([review_document(org, r, run.evidence.get(org.id, {})) for org, r in run.results])
        if run.not_reviewed:  # on stderr: the document stays one object per review
            click.echo(not_reviewed_line(run), err=True)
        return
    print_review(run.results, run.as_of, run.not_moved)
    if run.not_reviewed:
        click.echo(not_reviewed_line(run))


def not_reviewed_line(run) -> str:
    """The closing line: every organization without a stage to review on the date, and why."""
    return _("Not reviewed as of {date} ({count}): {names}").format(
        date=run.as_of.isoformat(), count=len(run.not_reviewed), names=join([line for _o, _c, line in run.not_reviewed])
    )


def review_document(org, r, evidence: dict | None = None) -> dict:
    """One review in ``review --json``; ``evidence``: what each criterion measured (criterion id -> figures)."""
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
        "evidence": evidence or {},
    }


def print_review(results, as_of, not_moved=None) -> None:
    not_moved = not_moved or {}
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
        elif is_ready and org.id in not_moved:
            click.echo(
                "      · "
                + _("not moved: it changed stage or status on {date}").format(date=not_moved[org.id].isoformat())
            )
    click.echo(
        _("{ready} ready, {waiting} not ready, of {total} reviewed").format(
            ready=ready, waiting=len(results) - ready, total=len(results)
        )
    )
