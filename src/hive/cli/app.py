"""What every command shares: the open center, the plugins, parameter types and output."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from hive import i18n
from hive.errors import Conflict
from hive.i18n import _

if TYPE_CHECKING:
    from hive.ledger import Ledger
    from hive.plugins import Plugins

DEFAULT_DB = "hive.json"
PLUGIN_KEY = "hive.plugin"  # ctx.meta key: the plugin whose command is running


def default_operator() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


class App:
    """Global options and lazily opened resources for one ``hive`` invocation."""

    def __init__(
        self,
        db: str | None = None,
        operator: str | None = None,
        plugins_dir: str | None = None,
        lang: str | None = None,
        plugins: Plugins | None = None,
        keep_until_exit: bool = False,
        center: str | None = None,
    ):
        self.location = db or os.environ.get("HIVE_DB") or DEFAULT_DB  # a file path or a server URL
        self.db = Path(self.location)  # the center file (for a server URL, only a name)
        self.center = center or os.environ.get("HIVE_CENTER") or None  # the center's code on a server
        self.operator = operator or os.environ.get("HIVE_OPERATOR") or default_operator()
        self.plugins_dir = Path(plugins_dir) if plugins_dir else None
        self.lang = lang  # --lang; with HIVE_LANG it outranks the center's core.language setting
        self.plugin_commands: dict[str, click.Command] | None = None
        # The ``hive`` program ends with os._exit: the stores it opened are kept (closed, their lock
        # released) so that their records are not freed one by one before it.
        self._kept: list[Any] | None = [] if keep_until_exit else None
        if plugins is not None:
            self.__dict__["plugins"] = plugins

    def configure(self, **options: str | None) -> None:
        """Apply command-line options given after construction (None leaves a value alone)."""
        if options.get("db"):
            self.location = options["db"]
            self.db = Path(options["db"])
        if options.get("center"):
            self.center = options["center"]
        if options.get("operator"):
            self.operator = options["operator"]
        if options.get("plugins_dir") and Path(options["plugins_dir"]) != self.plugins_dir:
            self.plugins_dir = Path(options["plugins_dir"])
            self.__dict__.pop("plugins", None)
            self.plugin_commands = None
        if options.get("lang"):
            self.lang = options["lang"]

    @cached_property
    def plugins(self) -> Plugins:
        from hive import plugins

        return plugins.load(self.plugins_dir)

    @property
    def server(self) -> bool:
        """Whether ``--db`` is a district server (a ``postgresql://`` URL) rather than a file."""
        from hive.location import is_server

        return is_server(self.location)

    def store(self, *, write: bool = False) -> Any:
        """The store of this ``--db`` (and ``--center``), opened for one command."""
        from hive.location import open_store

        return open_store(self.location, self.center, write=write)

    def create_store(self) -> Any:
        """A new, empty center at this ``--db`` (and ``--center``); refuses an existing one."""
        from hive.location import create_store

        return create_store(self.location, self.center)

    def has_center(self) -> bool:
        """Whether a center exists at this ``--db`` (and ``--center``)."""
        from hive.location import exists

        return exists(self.location, self.center)

    @property
    def where(self) -> str:
        """How messages name this center: its file, or the server and center code."""
        from hive.location import describe

        return describe(self.location, self.center)

    @contextlib.contextmanager
    def ledger(self, *, write: bool = False, strict: bool = False) -> Iterator[Ledger]:
        """Open the center for this command; with ``write`` hold its lock and commit at the end.

        The commit happens only when the block finishes without an exception,
        so a failed command writes nothing. ``strict`` (``hive check``) makes a
        reading command look for damage as a writing one does (a key held twice).
        """
        from hive.ledger import Ledger

        if strict and not self.server:  # hive check on a file: also look for a key held twice
            from hive.store import Store

            store = Store.open(self.db, write=write, strict=True)
        else:
            store = self.store(write=write)
        try:
            ledger = Ledger(store, operator=self.operator, registry=lambda: self.plugins.registry())
            if ledger.center.settings.get("core.language"):
                i18n.set_language(i18n.choose(self.lang, center=ledger.center.settings["core.language"]))
            self._require_enabled(ledger)
            yield ledger
            if write and ledger.changed:
                ledger.commit()
        finally:
            store.close()
            if self._kept is not None:
                self._kept.append(store)

    @staticmethod
    def _require_enabled(ledger: Ledger) -> None:
        ctx = click.get_current_context(silent=True)
        plugin = ctx.meta.get(PLUGIN_KEY) if ctx else None
        if plugin and not ledger.enabled(plugin):
            raise Conflict(
                _("plugin '{plugin}' is not enabled for this center; run 'hive plugins enable {plugin}'").format(
                    plugin=plugin
                )
            )


pass_app = click.make_pass_decorator(App, ensure=True)


class LazyGroup(click.Group):
    """A group with commands that live in a module imported only when one of them is asked for.

    ``lazy`` maps a command's name to ``"module:attribute"``: ``hive org list``
    does not import the lifecycle commands (``org apply``, ``org agree``...).
    Listing the group's help imports them, to show each one's help line.
    """

    def __init__(self, *args: Any, lazy: Mapping[str, str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.lazy:
            from hive.discovery import load

            self.add_command(load(self.lazy[name]), name)
        return super().get_command(ctx, name)


class DateType(click.ParamType):
    """A calendar date as people type it: 2026-03-02, 2026-3-2, 2026/3/2, 2026.3.2, 2026年3月2日, full width."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        from hive.inputs import InputProblem, parse_date

        try:
            return parse_date(value)
        except InputProblem as exc:
            self.fail(str(exc), param, ctx)


DATE = DateType()


class FieldChoice(click.ParamType):
    """One of a declared choice field's values, typed as its code or its label in English or Chinese (社会团体)."""

    name = "choice"

    def __init__(self, choices: dict[str, str]):
        self.choices = choices

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from hive.fields import CHOICE, FieldSpec
        from hive.inputs import InputProblem

        try:
            return FieldSpec(CHOICE, choices=self.choices).choice_code(str(value))
        except InputProblem as exc:
            self.fail(str(exc), param, ctx)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(self.choices) + "]"


def show_personal_option(func: Any) -> Any:
    return click.option("--show-personal", is_flag=True, help=_("Show personal data (phones, ID numbers) unmasked."))(
        func
    )


def json_option(func: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help=_("Print one JSON document."))(func)
