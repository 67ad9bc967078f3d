"""``hive plugin new``: start a new plugin package."""

from __future__ import annotations

import click

from hive.i18n import _


@click.group(help=_("Write plugins: start a new plugin package."))
def plugin() -> None:
    pass


@plugin.command(help=_("Create a ready plugin package NAME (pyproject, module, README, tests); prints its folder."))
@click.argument("name")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help=_("The folder to create (default: ./hive-NAME); it must not exist or be empty."),
)
def new(name: str, folder: str | None) -> None:
    from pathlib import Path

    from hive.cli import CORE_COMMANDS
    from hive.scaffold import create

    names, where, files = create(name, Path(folder) if folder else None, taken=CORE_COMMANDS)
    for path in files:
        click.echo(f"  {path}")
    click.echo(
        _("plugin '{plugin}' created; next: cd {folder} && pip install -e '.[test]' && pytest").format(
            plugin=names.plugin, folder=where
        )
    )
    click.echo(str(where))
