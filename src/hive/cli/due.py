"""``hive due``: the to-do list, from the core and every enabled plugin."""

from __future__ import annotations

import click

from hive.cli.app import App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.i18n import _, ngettext


class Within(click.ParamType):
    """Days ahead: ``14d``, ``14``, ``2w``, ``14天``, ``2周``."""

    name = "days"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        from hive.due import parse_within

        try:
            return parse_within(value)
        except ValueError:
            self.fail(_("'{value}' is not a number of days such as 14d, 2w or 14天").format(value=value), param, ctx)


def item_document(item, today) -> dict:
    from hive.due import days_left

    return {
        "key": item.key,
        "kind": item.kind,
        "due": item.due.isoformat(),
        "days": days_left(item, today),
        "overdue": item.due < today,
        "title": item.title,
        "org": item.org,
        "record": item.record,
        "plugin": item.plugin,
    }


@click.group(
    invoke_without_command=True,
    help=_("What is due (overdue first): supervision, filing changes, and every enabled plugin's items."),
)
@click.option(
    "--within", type=Within(), default="14d", show_default=True, help=_("Also what is due in this many days.")
)
@json_option
@click.pass_context
def due(ctx: click.Context, within: int, as_json: bool) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from hive.due import collect, describe

    app = ctx.find_object(App) or ctx.ensure_object(App)
    with app.ledger() as ledger:
        items = collect(ledger, app.plugins, within=within)
        today = ledger.today
    if as_json:
        echo_json([item_document(i, today) for i in items])
        return
    if not items:
        click.echo(_("nothing is due in the next {days} days").format(days=within))
        return
    echo_table(
        [_("due"), _("due in"), _("what"), _("item id")],
        [(i.due.isoformat(), describe(i, today), i.title, i.key) for i in items],
    )
    overdue = sum(i.due < today for i in items)
    click.echo(
        ngettext(
            "{count} item, {overdue} of them overdue", "{count} items, {overdue} of them overdue", len(items)
        ).format(count=len(items), overdue=overdue)
    )


@due.command(help=_("Tick off an item of 'hive due' dealt with outside hive (KEY as listed); prints the record's id."))
@click.argument("key")
@click.option("--note", default="", help=_("How it was dealt with."))
@pass_app
def done(app: App, key: str, note: str) -> None:
    from hive.due import tick_off

    with app.ledger(write=True) as ledger:
        record = tick_off(ledger, app.plugins, key, note=note)
    click.echo(record.id)
