"""``hive plugin new``: write a ready-to-install plugin package from the templates next to this module.

The package has its own ``pyproject.toml`` with the ``hive`` entry point, a
module with one setting, one criterion and one command, its zh_CN catalog, a
README and a test that uses the :mod:`hive.testing` fixtures; its tests pass
straight after ``pip install -e``. Templates are :class:`string.Template` files (``${name}``
placeholders), so the Python and TOML braces in them need no escaping.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from string import Template

import attrs

from hive.errors import Conflict, InvalidInput
from hive.frozen import frozen
from hive.i18n import _
from hive.patterns import LazyPattern

TEMPLATES = Path(__file__).parent / "templates"

#: template file -> where it goes in the new package (``str.format`` with the :class:`Names`)
FILES = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "gitignore.tmpl": ".gitignore",
    "plugin.py.tmpl": "src/{package}/__init__.py",
    "test_plugin.py.tmpl": "tests/test_{plugin}.py",
    "messages.po.tmpl": "src/{package}/locale/zh_CN/LC_MESSAGES/{package}.po",
}
#: binary templates, copied as they are: the catalog compiled from messages.po.tmpl
#: (its header names no plugin, so one compiled catalog fits every name)
RAW = {
    "messages.mo.tmpl": "src/{package}/locale/zh_CN/LC_MESSAGES/{package}.mo",
}

_NAME = LazyPattern(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")
RESERVED = {"core", "hive", "plugin", "plugins"}


@frozen
class Names:
    """Every name derived from what the developer typed (``book-lending``)."""

    plugin: str  # entry-point name, settings and criteria prefix: book_lending
    command: str  # the click group: book-lending
    package: str  # the import package: hive_book_lending
    dist: str  # the distribution on PyPI: hive-book-lending

    @classmethod
    def of(cls, name: str, taken: Iterable[str] = ()) -> Names:
        """The names for ``name``; ``taken`` are command names hive already uses."""
        cleaned = name.strip().lower()
        for prefix in ("hive-", "hive_"):
            cleaned = cleaned.removeprefix(prefix)
        if not _NAME.match(cleaned):
            raise InvalidInput(
                _(
                    "invalid plugin name '{name}': use lowercase letters, digits and single dashes, "
                    "starting with a letter (e.g. book-lending)"
                ).format(name=name)
            )
        plugin = cleaned.replace("-", "_")
        command = cleaned.replace("_", "-")
        if plugin in RESERVED or command in set(taken):
            raise InvalidInput(
                _("invalid plugin name '{name}': '{command}' is taken by hive itself").format(
                    name=name, command=command
                )
            )
        return cls(plugin=plugin, command=command, package=f"hive_{plugin}", dist=f"hive-{command}")


def create(name: str, folder: Path | None = None, *, taken: Iterable[str] = ()) -> tuple[Names, Path, list[Path]]:
    """Write a new plugin package named after ``name`` into ``folder`` (default ``./hive-NAME``).

    ``taken`` are the command names the plugin's command must not clash with.
    Returns the names, the folder and the files written (relative to it).
    The folder must not exist or be empty: nothing is ever overwritten.
    """
    from hive import __version__
    from hive.hookspecs import API_VERSION

    names = Names.of(name, taken)
    folder = Path(folder) if folder is not None else Path.cwd() / names.dist
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise Conflict(_("'{folder}' already exists and is not empty; choose another --dir").format(folder=folder))
    major = int(API_VERSION.split(".")[0])
    values = attrs.asdict(names) | {
        "api_range": f">={major},<{major + 1}",
        "hive_version": __version__,
        "title": names.command.replace("-", " "),
    }
    rendered = {
        Path(target.format(**values)): Template((TEMPLATES / source).read_text(encoding="utf-8")).substitute(values)
        for source, target in FILES.items()
    }
    copied = {Path(target.format(**values)): (TEMPLATES / source).read_bytes() for source, target in RAW.items()}
    for relative, text in rendered.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for relative, data in copied.items():
        (folder / relative).write_bytes(data)
    return names, folder, sorted([*rendered, *copied])
