"""``hive plugins``: what is installed, what this center has enabled."""

from __future__ import annotations

import click

from hive.cli.app import App, json_option, pass_app
from hive.cli.output import echo_json, echo_table
from hive.criteria import described
from hive.errors import NotFound
from hive.i18n import _, join
from hive.i18n import declared as declared_text


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
    if app.has_center():
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
        [_("name"), _("version"), _("enabled"), _("loaded from"), _("problem")],
        [
            (
                r["name"],
                r["version"],
                _("yes") if r["enabled"] else _("no"),
                r["source"],
                r["error"] or join(r["problems"]),
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
    if enable:  # a misspelled hook does nothing, silently: say so to whoever turns the plugin on
        for name in names:
            for problem in app.plugins.info[name].problems:
                click.echo(_("hive: warning: plugin '{name}': {problem}").format(name=name, problem=problem), err=True)
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


@plugins.command(help=_("What plugin NAME adds: hooks, settings and their values, version, where it is loaded from."))
@click.argument("name")
@json_option
@pass_app
def info(app: App, name: str, as_json: bool) -> None:
    from hive import hookspecs

    plugin = app.plugins.info.get(name)
    if plugin is None or name == "core":
        raise NotFound(_("no plugin named '{name}' is installed (see 'hive plugins list')").format(name=name))
    app.plugins.registry()  # a plugin failing to declare its collections or settings is marked as broken
    ctx = click.get_current_context()
    ctx.find_root().command.list_commands(ctx)  # and so is one failing to add its commands
    loaded = app.plugins.loaded(name)
    declared = _declarations(app, name) if loaded and not plugin.error else {}
    enabled, values, center_settings = False, None, None
    if app.has_center():
        with app.ledger() as ledger:
            enabled = name in ledger.center.plugins
            values = {
                key: ledger.center.settings.get(key, s.default) for key, s in declared.get("settings", {}).items()
            }
            center_settings = ledger.settings
    settings = [
        {
            "key": s.key,
            "type": s.type,
            "default": s.default,
            "value": None if values is None else values[s.key],
            "description": declared_text(s.description),
        }
        for s in declared.get("settings", {}).values()
    ]
    doc = {
        "name": name,
        "version": plugin.version,
        "enabled": enabled,
        "source": plugin.source,
        "path": plugin.path,
        "bundled": plugin.bundled,
        "api": plugin.api,
        "hive_api": hookspecs.API_VERSION,
        "error": plugin.error,
        "problems": plugin.problems,
        "hooks": app.plugins.hooks_of(name),
        "commands": _commands_of(app, name) if loaded and not plugin.error else [],
        "settings": settings,
        "collections": [
            {"name": c.name, "prefix": c.prefix, "personal": list(c.personal_fields)}
            for c in declared.get("collections", [])
        ],
        "criteria": [
            {"id": c.id, "stage": c.stage, "description": described(declared_text(c.description), center_settings)}
            for c in declared.get("criteria", [])
        ],
    }
    if as_json:
        echo_json(doc)
        return
    _echo_info(doc)


def _declarations(app: App, name: str) -> dict:
    """The plugin's own settings, collections and criteria (each hook called for this plugin only)."""
    found: dict = {}
    try:
        found["settings"] = {s.key: s for s in app.plugins.declared(name, "hive_settings") or []}
        found["collections"] = list(app.plugins.declared(name, "hive_collections") or [])
        found["criteria"] = list(app.plugins.declared(name, "hive_criteria") or [])
    except Exception as exc:  # shown as the plugin's error, like `plugins list` does
        problem = _("plugin '{plugin}' failed: {problem}").format(plugin=name, problem=f"{type(exc).__name__}: {exc}")
        app.plugins.info[name].error = app.plugins.info[name].error or problem
    return found


def _commands_of(app: App, name: str) -> list[str]:
    """The commands plugin ``name`` adds, asked into a scratch group."""
    from hive.errors import HiveError

    collector = click.Group()
    try:
        app.plugins.call("hive_commands", [name], cli=collector)
    except HiveError:  # already recorded as the plugin's error by list_commands
        return []
    return sorted(collector.commands)


def _echo_info(doc: dict) -> None:
    def line(label: str, value: object) -> None:
        click.echo(f"{label}: {value}")

    line(_("name"), doc["name"])
    line(_("version"), doc["version"] or "-")
    line(_("enabled"), _("yes") if doc["enabled"] else _("no"))
    line(_("loaded from"), doc["source"])
    if doc["path"]:
        line(_("path"), doc["path"])
    line(
        _("plugin API"),
        _("{declared} (hive provides {provided})").format(declared=doc["api"] or _("any"), provided=doc["hive_api"]),
    )
    if doc["error"]:
        line(_("problem"), doc["error"])
    for problem in doc["problems"]:
        line(_("problem"), problem)
    line(_("hooks"), ", ".join(doc["hooks"]) or "-")
    line(_("commands"), ", ".join(doc["commands"]) or "-")
    line(_("collections"), ", ".join(c["name"] for c in doc["collections"]) or "-")
    line(_("criteria"), ", ".join(c["id"] for c in doc["criteria"]) or "-")
    if doc["settings"]:
        click.echo(_("settings:"))
        echo_table(
            [_("key"), _("value"), _("default"), _("description")],
            [
                (s["key"], "" if s["value"] is None else s["value"], s["default"], s["description"])
                for s in doc["settings"]
            ],
        )
