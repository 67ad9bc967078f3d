"""``hive init`` and ``hive events``."""

from __future__ import annotations

import click

from hive.cli.app import App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.i18n import _


@click.command(help=_("Create a new center file (refuses to overwrite one)."))
@click.argument("name")
@click.option("--district", default="", help=_("District, e.g. 南山区."))
@click.option("--community", default="", help=_("Community, e.g. 海珠社区."))
@pass_app
def init(app: App, name: str, district: str, community: str) -> None:
    from hive.center import create_center

    center = create_center(
        app.location, name, district=district, community=community, operator=app.operator, code=app.center
    )
    click.echo(_("created center {name} in {path}").format(name=center.name, path=app.where))


@click.command(help=_("Show the audit log: who changed what, when (newest last)."))
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help=_("How many lines."))
@json_option
@pass_app
def events(app: App, limit: int, as_json: bool) -> None:
    import attrs

    from hive.clock import local
    from hive.converter import unstructure
    from hive.models import Event

    with app.ledger() as ledger:  # each time on the center's clock, with its offset (+08:00)
        shown = [attrs.evolve(e, at=local(e.at, ledger.zone)) for e in ledger.all(Event)[-limit:]]
    if as_json:
        echo_json([unstructure(e) for e in shown])
        return
    echo_table(
        [_("when"), _("operator"), _("action"), _("record"), _("detail")],
        [(e.at.isoformat(), e.operator, e.action, e.record, e.detail) for e in shown],
    )
