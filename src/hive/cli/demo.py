"""``hive demo``: build the demo center and show its stage review, or a synthetic center for benchmarks."""

from __future__ import annotations

import click

from hive.cli.app import App, FieldChoice, json_option, pass_app
from hive.i18n import N_, _

#: The synthetic sizes, typed as their code or their label in either language (--size 中心).
SIZE_LABELS = {"small": N_("small"), "medium": N_("medium"), "center": N_("center"), "large": N_("large")}


@click.command(
    help=_(
        "(Re)build a demo center (./hive-demo.json or --db) from the article's organizations, "
        "enable every plugin installed, and print a stage review. Never replaces a non-demo file."
    )
)
@click.option(
    "--size",
    type=FieldChoice(SIZE_LABELS),
    help=_(
        "Build a synthetic center of this size instead (center: a real center's upper end, 100 organizations, "
        "7,500 residents, five years of records; large: about 2,000 organizations and 50,000 people), "
        "the same for the same --seed and day; prints what it holds."
    ),
)
@click.option("--seed", type=int, help=_("Seed of the synthetic center's random choices (default 0)."))
@click.option("--db", "db", metavar="PATH", help=_("Where to build it (same as hive --db)."))
@json_option
@click.pass_context
@pass_app
def demo(app: App, ctx: click.Context, size: str | None, seed: int | None, db: str | None, as_json: bool) -> None:
    from hive import demo as demo_center

    # Only an explicit --db moves the demo: $HIVE_DB usually points at real records.
    if db is not None:
        app.configure(db=db)
    elif ctx.find_root().params.get("db") is None:
        app.configure(db=str(demo_center.DEMO_PATH))
    if size is not None:
        _synthetic(app, size, seed or 0, as_json)
        return
    if seed is not None:
        raise click.UsageError(_("--seed is for synthetic centers: give --size too"))

    from hive.cli.review import print_review, review_document
    from hive.lifecycle import review_run

    demo_center.build(app.location, app.plugins, app.operator, app.center)
    with app.ledger(write=True) as ledger:
        run = review_run(ledger, app.plugins)
        results = run.results
        center = ledger.center
        tours = [] if as_json else app.plugins.call("hive_demo_tour", center.plugins, ledger=ledger)
    if as_json:
        from hive.cli.output import echo_json

        echo_json([review_document(org, r, run.evidence.get(org.id, {})) for org, r in results])
        return
    click.echo(_("Demo center '{name}' built in {path}").format(name=center.name, path=app.where))
    click.echo(_("Plugins enabled: {names}").format(names=", ".join(center.plugins) or "-"))
    click.echo("")
    print_review(results, ledger.today)
    click.echo("")
    for _plugin, text in reversed(tours):  # in the order the plugins were found
        click.echo(text.rstrip("\n"))
        click.echo("")
    click.echo(_("Try: hive --db {path} org list   |   hive --db {path} org show o1").format(path=app.db))


def _synthetic(app: App, size: str, seed: int, as_json: bool) -> None:
    from hive import demo as demo_center
    from hive.cli.output import echo_json, echo_table

    ledger = demo_center.build_synthetic(app.location, app.plugins, app.operator, size, seed, app.center)
    if app.server:  # counted by the server
        with app.store() as store:
            counts = store.counts()
            center = store.documents("center")["1"]
    else:  # what was just written, still in memory: reading a large file back would take longer than a second
        counts = {name: len(ledger.store.documents(name)) for name in ledger.store.tables()}
        center = ledger.store.documents("center")["1"]
    if as_json:
        echo_json({"path": app.where, "size": size, "seed": seed, "plugins": center["plugins"], "records": counts})
        return
    click.echo(
        _("Synthetic center '{name}' ({size}, seed {seed}) built in {path}").format(
            name=center["name"], size=size, seed=seed, path=app.where
        )
    )
    click.echo(_("Plugins enabled: {names}").format(names=", ".join(center["plugins"]) or "-"))
    echo_table([_("table"), _("records")], sorted(counts.items()))
    click.echo(_("Try: hive --db {path} review").format(path=app.db))
