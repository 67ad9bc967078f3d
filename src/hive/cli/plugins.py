"""``hive plugins``: what is installed, what this center has enabled."""

from __future__ import annotations

import click

from hive.cli.app import App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.errors import NotFound
from hive.i18n import _


@click.group(help=_("Plugins found and enabled for this center."))
def plugins() -> None:
    pass


@plugins.command("list", help=_("Every plugin found: name, version, enabled, where from."))
@json_option
@pass_app
def list_(app: App, as_json: bool) -> None:
    app.plugins.registry()  # a plugin failing to declare its collections or settings is shown as an error
    ctx = click.get_current_context()
    ctx.find_root().command.list_commands(ctx)  # and so is one failing to add its commands
    enabled: list[str] = []
    if app.db.exists():
        with app.ledger() as ledger:
            enabled = list(ledger.center.plugins)
    rows = []
    for name, info in app.plugins.info.items():
        if name == "core":
            continue
        rows.append(
            {
                "name": name,
                "version": info.version,
                "enabled": name in enabled,
                "source": info.source,
                "bundled": info.bundled,
                "error": info.error,
                "problems": info.problems,
            }
        )
    for name in enabled:
        if name not in app.plugins.info:
            rows.append(
                {
                    "name": name,
                    "version": "",
                    "enabled": True,
                    "source": "",
                    "bundled": False,
                    "error": _("enabled for this center but not installed"),
                    "problems": [],
                }
            )
    if as_json:
        echo_json(rows)
        return
    echo_table(
        [_("name"), _("version"), _("enabled"), _("from"), _("problem")],
        [
            (
                r["name"],
                r["version"],
                _("yes") if r["enabled"] else _("no"),
                r["source"],
                r["error"] or "; ".join(r["problems"]),
            )
            for r in rows
        ],
    )


def _change(app: App, names: tuple[str, ...], enable: bool) -> None:
    from hive.center import set_plugins

    if enable:
        app.plugins.registry()  # marks plugins whose declarations or commands fail: they cannot be enabled
        ctx = click.get_current_context()
        ctx.find_root().command.list_commands(ctx)
        for name in names:
            info = app.plugins.info.get(name)
            if info is None or name == "core":
                raise NotFound(_("no plugin named '{name}' is installed (see 'hive plugins list')").format(name=name))
            if info.error:
                raise NotFound(_("plugin '{name}' cannot be enabled: {problem}").format(name=name, problem=info.error))
    with app.ledger(write=True) as ledger:
        current = set_plugins(ledger, list(names), enable=enable)
    click.echo(_("enabled: {names}").format(names=", ".join(current) or "-"))


@plugins.command(help=_("Enable plugins for this center."))
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@pass_app
def enable(app: App, names: tuple[str, ...]) -> None:
    _change(app, names, True)


@plugins.command(help=_("Disable plugins for this center (their records stay in the file)."))
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@pass_app
def disable(app: App, names: tuple[str, ...]) -> None:
    _change(app, names, False)
