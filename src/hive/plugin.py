"""A plugin declared in one place: its record types, settings, criteria, commands and hooks.

::

    from hive import N_, Plugin, Outcome, fields
    from hive.models import Organization, Person

    plugin = Plugin("visits", catalog="hive_visits", locale=Path(__file__).parent / "locale")
    _ = plugin.gettext

    @plugin.record("visits", prefix="vis", label=N_("visit"), command="visit", key=("person", "date"))
    class Visit:
        person: str = fields.ref(Person, N_("resident"))
        date: dt.date = fields.day(N_("date"), not_future=True, as_of=True)
        notes: str = fields.text(N_("notes"), required=False)

    @plugin.criterion("visits.any", stage="supervision", description=N_("at least one visit"))
    def any_visit(org, ctx):
        return Outcome(bool(ctx.records(Visit)))

The entry point names the object (``visits = "hive_visits:plugin"``). From the
declaration alone the core gives ``hive visits visit add|list|show``, ``--json``,
translated headers and help, masking of personal fields, ``hive edit``,
``void``, ``undo``, ``show``, ``find`` and ``list`` for the records, reference
and value checks in ``hive check``, their lists in ``org show`` and
``person show``, and as-of views in reviews. Other hooks are plain functions
marked with :meth:`Plugin.hook`, named after the hook.
"""

from __future__ import annotations

import functools
import sys
import types
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from hive import hookimpl
from hive.contract import Accepted, Criterion, RecordType, Rule
from hive.frozen import frozen

if TYPE_CHECKING:
    import click

    from hive.settings import Setting


class Plugin:
    """One plugin's declarations; :meth:`implementation` is what the plugin manager registers."""

    def __init__(
        self,
        name: str,
        *,
        api: str = ">=1,<2",
        catalog: str | None = None,
        locale: str | Path | None = None,
        version: str = "",
        help: str | None = None,
    ):
        self.name = name
        self.help = help  # the help line of ``hive PLUGIN`` (marked with N_), else the package docstring's first
        self.HIVE_API = api
        self.__version__ = version
        caller = sys._getframe(1)  # the declaring module (inspect.stack() reads every frame's source: >10 ms)
        self.module = caller.f_globals.get("__name__", "")
        self.file = caller.f_code.co_filename
        from hive import i18n

        if catalog is not None:
            folder = Path(locale) if locale is not None else Path(self.file).parent / "locale"
            self.gettext: Callable[[str], str] = i18n.translator(catalog, folder)
            self.ngettext = i18n.plural_translator(catalog, folder)
            self.pgettext = i18n.context_translator(catalog, folder)
        else:
            self.gettext, self.ngettext, self.pgettext = i18n._, i18n.ngettext, i18n.pgettext
        self.record_types: list[RecordType] = []
        self._settings: list[Setting] = []
        self._criteria: list[Criterion] = []
        self._hooks: dict[str, Callable[..., Any]] = {}
        self._commands: list[click.Command] = []
        self._modules: list[str] = []

    # -- declaring -----------------------------------------------------------------------------
    def record(
        self,
        table: str,
        *,
        prefix: str,
        label: str,
        plural: str = "",
        command: str | None = None,
        key: Iterable[str] = (),
        rules: Iterable[Rule] = (),
        accepted: Accepted | None = None,
        personal: Iterable[str] = (),
        editable: bool = True,
        voidable: bool = True,
    ) -> Callable[[type], type]:
        """Declare a record type: a class whose fields come from :mod:`hive.fields`.

        The class becomes a frozen attrs class with an ``id: str`` first (given
        by the ledger: ``prefix`` and a number); its repr, equality and hash are
        those every hive model shares (:mod:`hive.frozen`), which behave as attrs' own. ``label`` names one record for
        people, ``plural`` several where "<label> records" would not read (a
        label that is itself "... record"). ``command`` names its generated
        command group (``hive PLUGIN COMMAND add|list|show``); ``key`` the fields
        that make two records the same; ``rules`` functions ``rule(ledger,
        record) -> str | None`` judging a whole record; ``accepted(ledger,
        record)``, called for each row an import accepts before the next is
        judged, tells those rules of it (an import stores its rows together at
        its end).
        """

        def declare(cls: type) -> type:
            model = as_model(cls)
            self.record_types.append(
                RecordType(
                    table,
                    model,
                    prefix,
                    personal=tuple(personal),
                    owner=self.name,
                    label=label,
                    plural=plural,
                    key=tuple(key),
                    rules=tuple(rules),
                    accepted=accepted,
                    editable=editable,
                    voidable=voidable,
                    command=command,
                    translate=self.gettext,
                )
            )
            return model

        return declare

    def settings(self, *settings: Setting) -> None:
        """Declare settings (:class:`hive.settings.Setting`) the plugin reads with ``ctx.setting(key)``."""
        self._settings.extend(settings)

    def criterion(self, id: str, *, stage: str, description: str) -> Callable[[Callable], Callable]:
        """Declare an exit criterion of ``stage``: the decorated ``check(org, ctx) -> Outcome``."""

        def declare(check: Callable) -> Callable:
            self._criteria.append(Criterion(id, stage, description, check))
            return check

        return declare

    def hook(self, function: Callable | str) -> Callable | str:
        """Implement a hook of :mod:`hive.hookspecs` with a function named after it.

        ``function`` may be ``"module:function"``, imported when the hook is
        first called, as :meth:`command` may be: the web pages, report sections
        and demo of a plugin then cost nothing to the commands that never ask
        for them (``plugin.hook("hive_visits.web:hive_web_pages")``, the
        function in that module left undecorated).
        """
        name = function.rpartition(":")[2] if isinstance(function, str) else function.__name__
        self._hooks[name] = function
        return function

    def command(self, command: click.Command | str) -> click.Command | str:
        """Add a command of the plugin's own under ``hive PLUGIN``, beside the generated ones.

        ``command`` may be ``"module:attribute"``, imported only when the
        plugin's commands are asked for, so that loading the plugin (every
        ``hive`` command does) stays light. A group named after the plugin
        gives ``hive PLUGIN`` its help and its commands; a group named like a
        generated one (``member``) adds its verbs to it, its own ``add`` or
        ``list`` taking the place of the generated one.
        """
        self._commands.append(command)
        return command

    def declarations(self, *modules: str) -> None:
        """Name the modules holding the rest of the declarations, imported when hive first needs them.

        ``hive --help`` then imports only the plugin's package, not its record
        classes, criteria and hooks; any command that opens a center (or calls
        a hook) imports the modules first, in this order. Such a plugin's
        commands are those of :meth:`command` and its record types (``hive
        PLUGIN ...``): its help line is the ``help`` given to the plugin, else
        the first line of the package's docstring. A module that fails to import leaves the plugin not loaded,
        with the reason in ``hive plugins list``.
        """
        self._modules.extend(modules)

    @property
    def pending(self) -> bool:
        """Whether declaration modules named by :meth:`declarations` are still to be imported."""
        return bool(self._modules)

    def complete(self) -> None:
        """Import the declaration modules not imported yet (raises what their import raises)."""
        import importlib

        while self._modules:
            importlib.import_module(self._modules.pop(0))

    def deferred_group(self, complete: Callable[[], None]) -> click.Group:
        """``hive PLUGIN`` with its name and help now; ``complete()`` and the real group on first use."""
        return _deferred_group_class()(self, complete)

    # -- what pluggy registers -------------------------------------------------------------------
    def group(self) -> click.Group | None:
        """``hive PLUGIN``: the generated groups of the record types with a ``command`` and the plugin's own."""
        import click

        from hive.cli.records import record_group

        declared = [t for t in self.record_types if t.command]
        if not declared and not self._commands:
            return None
        group = click.Group(self.name, help=self._help_text())
        for record_type in declared:
            group.add_command(record_group(record_type))
        for command in map(_loaded, self._commands):
            if isinstance(command, click.Group) and command.name == self.name:
                group.help = command.help or group.help
                for sub in command.commands.values():
                    _merge(group, sub)
            else:
                _merge(group, command)
        return group

    def _help_text(self) -> str | None:
        """The help line of ``hive PLUGIN`` in the user's language, or None."""
        help = self._help()
        return self.gettext(help) if help else None

    def _help(self) -> str:
        if self.help:
            return self.help
        module = sys.modules.get(self.module)
        doc = (getattr(module, "__doc__", "") or "").strip()
        return doc.splitlines()[0] if doc else ""

    def implementation(self) -> types.SimpleNamespace:
        """An object with one ``@hookimpl`` function per hook this plugin answers."""
        hooks: dict[str, Callable[..., Any]] = {}
        if self.record_types:
            hooks["hive_collections"] = lambda: list(self.record_types)
        if self._settings:
            hooks["hive_settings"] = lambda: list(self._settings)
        if self._criteria:
            hooks["hive_criteria"] = lambda: list(self._criteria)
        if any(t.command for t in self.record_types) or self._commands:

            def hive_commands(cli: click.Group) -> None:
                group = self.group()
                if group is not None:
                    cli.add_command(group)

            hooks["hive_commands"] = hive_commands
        hooks.update({hook: _deferred_hook(hook, f) if isinstance(f, str) else f for hook, f in self._hooks.items()})
        namespace = types.SimpleNamespace(HIVE_API=self.HIVE_API, __version__=self.__version__, __file__=self.file)
        for hook, function in hooks.items():
            setattr(namespace, hook, hookimpl(function))
        return namespace


@functools.cache
def _deferred_group_class() -> type:
    import click  # not at the top: declaring a plugin needs no click

    class DeferredGroup(click.Group):
        """A plugin's group before its declarations are imported (``hive --help`` lists it from this)."""

        def __init__(self, plugin: Plugin, complete: Callable[[], None]) -> None:
            super().__init__(plugin.name, help=plugin._help_text())
            self._plugin, self._complete, self._group = plugin, complete, None

        def _built(self) -> click.Group:
            if self._group is None:
                self._complete()  # raises PluginFailed when a declaration module cannot be imported
                self._group = self._plugin.group() or click.Group(self.name)
                self.help = self._group.help
            return self._group

        def list_commands(self, ctx: click.Context) -> list[str]:
            return self._built().list_commands(ctx)

        def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
            return self._built().get_command(ctx, name)

        def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
            self._built()  # the real group's help text, not only the package's first line
            super().format_help(ctx, formatter)

    return DeferredGroup


def _deferred_hook(hook: str, path: str) -> Callable[..., Any]:
    """The implementation of ``hook`` by the function at ``path`` (``"module:function"``), imported on the first call.

    It stands for the specification's function (``__wrapped__``: pluggy reads the arguments to
    pass from it, since the function is not imported yet) and hands the function the ones it takes.
    """
    import inspect

    from hive import hookspecs

    @functools.cache
    def target() -> tuple[Callable[..., Any], frozenset[str]]:
        function = _loaded(path)
        return function, frozenset(inspect.signature(function).parameters)

    def call(**arguments: Any) -> Any:
        function, accepted = target()
        return function(**{name: value for name, value in arguments.items() if name in accepted})

    spec = getattr(hookspecs, hook, None)  # an unknown hook is reported as such once registered
    if spec is not None:
        functools.update_wrapper(call, spec, assigned=("__name__", "__qualname__", "__doc__"), updated=())
    else:
        call.__name__ = call.__qualname__ = hook
    return call


def _loaded(command: Any) -> Any:
    """A command (or a hook's function) given as ``"module:attribute"``, imported now."""
    if not isinstance(command, str):
        return command
    from hive.discovery import load

    return load(command)


def _merge(group: click.Group, command: click.Command) -> None:
    """``command`` into ``group``: a group into the generated group of its name, verb by verb; else added."""
    import click

    existing = group.commands.get(command.name or "")
    if isinstance(existing, click.Group) and isinstance(command, click.Group):
        existing.help = command.help or existing.help
        for sub in command.commands.values():
            _merge(existing, sub)
    else:
        group.add_command(command)


def as_model(cls: type) -> type:
    """``cls`` as a frozen attrs class with ``id: str`` as its first field (added when missing)."""
    if attrs.has(cls):
        return cls
    annotations = dict(getattr(cls, "__annotations__", {}))
    if "id" not in annotations:
        cls.__annotations__ = {"id": "str", **annotations}
    return frozen(cls)
