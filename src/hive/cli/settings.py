"""``hive settings``: thresholds of the criteria and other center settings."""

from __future__ import annotations

import click

from hive.cli.app import App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.i18n import _, declared


@click.group(help=_("Center settings: thresholds of the criteria and more."))
def settings() -> None:
    pass


@settings.command("list", help=_("Every setting of the core and the installed plugins, with its value."))
@json_option
@pass_app
def list_(app: App, as_json: bool) -> None:
    with app.ledger() as ledger:
        current = ledger.settings
        rows = [
            {
                "key": s.key,
                "value": current[s.key],
                "default": s.default,
                "plugin": s.owner,
                "description": declared(s.description),
            }
            for s in current.declared.values()
        ]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        [_("key"), _("value"), _("default"), _("description")],
        [(r["key"], r["value"], r["default"], r["description"]) for r in rows],
    )


# A VALUE such as -1 is a value here, not an option: let it through to the setting's own check.
@settings.command("set", help=_("Set KEY to VALUE for this center."), context_settings={"ignore_unknown_options": True})
@click.argument("key")
@click.argument("value")
@pass_app
def set_(app: App, key: str, value: str) -> None:
    from hive.center import set_setting

    with app.ledger(write=True) as ledger:
        parsed = set_setting(ledger, key, value)
    click.echo(f"{key} = {parsed}")


@settings.command(help=_("Return KEY to its default."))
@click.argument("key")
@pass_app
def reset(app: App, key: str) -> None:
    from hive.center import reset_setting

    with app.ledger(write=True) as ledger:
        default = reset_setting(ledger, key)
    click.echo(f"{key} = {default}")
