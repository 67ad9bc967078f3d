"""``hive demo``: build the demo center and show its stage review."""

from __future__ import annotations

import click

from hive.cli.app import App, json_option, pass_app
from hive.i18n import _


@click.command(
    help=_(
        "(Re)build a demo center (./hive-demo.json or --db) from the article's organizations, "
        "enable every bundled plugin, and print a stage review. Never replaces a non-demo file."
    )
)
@json_option
@click.pass_context
@pass_app
def demo(app: App, ctx: click.Context, as_json: bool) -> None:
    from hive import demo as demo_center
    from hive.cli.review import print_review, review_document
    from hive.lifecycle import run_review

    # Only an explicit --db moves the demo: $HIVE_DB usually points at real records.
    if ctx.find_root().params.get("db") is None:
        app.db = demo_center.DEMO_PATH
    demo_center.build(app.db, app.plugins, app.operator)
    with app.ledger(write=True) as ledger:
        results = run_review(ledger, app.plugins)
        center = ledger.center
    if as_json:
        from hive.cli.output import echo_json

        echo_json([review_document(org, r) for org, r in results])
        return
    click.echo(_("Demo center '{name}' built in {path}").format(name=center.name, path=app.db))
    click.echo(_("Plugins enabled: {names}").format(names=", ".join(center.plugins) or "-"))
    click.echo("")
    print_review(results, ledger.today)
    click.echo("")
    click.echo(_("Try: hive --db {path} org list   |   hive --db {path} org show o1").format(path=app.db))
