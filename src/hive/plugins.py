"""Finding, loading and calling plugins.

Plugins come from three doors, all through the same hooks:

* the built-in ``core`` plugin (the core criteria and settings);
* the ``hive`` entry-point group of installed distributions (hive's bundled
  plugins in ``plugins/`` are registered this way, from hive's own pyproject);
* ``.py`` files in a ``--plugins-dir`` folder.

Each entry point is loaded on its own so that one broken plugin is reported
by name and the others keep working. ``HIVE_NO_PLUGINS=1`` loads none but
the core (the escape hatch when a plugin breaks start-up);
``HIVE_TRACE_PLUGINS=1`` prints every hook call on stderr.

A plugin may declare the versions of the hook contract it was written for,
``HIVE_API = ">=1,<2"`` (a version range, or a bare major version ``"1"``).
When :data:`hive.hookspecs.API_VERSION` is outside that range the plugin is
not registered: ``hive plugins list`` shows why and ``hive plugins enable``
refuses it. A function marked ``@hookimpl`` whose name is no hook (a typo) is
reported as a problem of its plugin, as ``pm.check_pending()`` would.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
import click
import pluggy

from hive import hookspecs
from hive.contract import Criterion
from hive.errors import Conflict, HiveError, PluginFailed
from hive.i18n import _
from hive.patterns import LazyPattern

if TYPE_CHECKING:  # the ledger (models, cattrs, TinyDB) is imported when a center is opened, not for --help
    from hive.ledger import Collection, Registry

CORE = "core"
HOOKS = tuple(name for name in dir(hookspecs) if name.startswith("hive_"))


@attrs.define
class PluginInfo:
    """What ``hive plugins list`` shows about one plugin."""

    name: str
    version: str = ""
    source: str = ""  # "built-in", "entry point (dist)", "plugins dir (path)", "registered"
    bundled: bool = False
    error: str | None = None  # why it could not be loaded
    problems: list[str] = attrs.field(factory=list)  # unknown hooks and the like
    api: str = ""  # the HIVE_API range the plugin declares ("" when it declares none)
    path: str = ""  # the file it was loaded from, when known


class Plugins:
    """A plugin manager plus what is known about each plugin found."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager("hive")
        self.pm.add_hookspecs(hookspecs)
        self._info: dict[str, PluginInfo] = {}
        # Plugins declared with Plugin.declarations() whose modules are not imported yet, in loading
        # order: registered with pluggy on first need (see _complete), so --help imports none of them.
        self._pending: dict[str, Any] = {}
        self.trace = bool(os.environ.get("HIVE_TRACE_PLUGINS"))

    @property
    def info(self) -> dict[str, PluginInfo]:
        """What is known about each plugin found, by name (every plugin's declarations imported first)."""
        self._complete()
        return self._info

    # -- registering -----------------------------------------------------------
    def register(self, plugin: Any, name: str, info: PluginInfo | None = None) -> None:
        """Register a module or object under ``name``; a clash, a bad signature or API is reported, not raised."""
        info = info or PluginInfo(name, source="registered")
        if isinstance(plugin, ModuleType) and _is_declaration(getattr(plugin, "plugin", None)):
            plugin = plugin.plugin  # a module declaring ``plugin = hive.Plugin(...)`` (--plugins-dir, tests)
        info.api = str(getattr(plugin, "HIVE_API", "") or "").strip()
        info.path = info.path or _where(plugin)
        declaration = plugin if _is_declaration(plugin) else None
        if declaration is not None:
            info.version = info.version or str(getattr(plugin, "__version__", "") or "")
        if self.pm.has_plugin(name) or self.pm.get_plugin(name) is not None or name in self._pending:
            info.error = _("another plugin is already registered as '{name}'").format(name=name)
            self._info.setdefault(name, info)
            return
        self._info[name] = info
        info.error = api_problem(info.api)
        if info.error:  # built for another contract: calling its hooks could break in any way
            return
        if declaration is not None and getattr(declaration, "pending", False):
            self._pending[name] = declaration
            return
        self._complete()  # pluggy calls the newest first: keep the order plugins were found in
        self._register(declaration.implementation() if declaration is not None else plugin, name, info)

    def _register(self, plugin: Any, name: str, info: PluginInfo) -> None:
        try:
            self.pm.register(plugin, name=name)
        except pluggy.PluginValidationError as exc:
            info.error = _("invalid hook implementation: {problem}").format(problem=str(exc).splitlines()[0])
            return
        info.problems.extend(self.hook_problems(plugin))

    def _complete(self) -> None:
        """Import the pending plugins' declarations and register them, in the order they were found."""
        while self._pending:
            name = next(iter(self._pending))
            declaration = self._pending.pop(name)
            info = self._info[name]
            try:
                declaration.complete()
            except Exception as exc:
                info.error = _("failed to import: {problem}").format(problem=f"{type(exc).__name__}: {exc}")
                continue
            self._register(declaration.implementation(), name, info)

    def unregister(self, name: str) -> None:
        self._complete()
        if self.pm.get_plugin(name) is not None:
            self.pm.unregister(name=name)
        self._info.pop(name, None)

    def hook_problems(self, plugin: Any) -> list[str]:
        """Hook implementations of a registered ``plugin`` that will never be called.

        An implementation of a hook with no spec is what ``pm.check_pending()``
        rejects (unless marked ``optionalhook``); here it is reported naming the
        plugin and the hook instead of stopping every command. A function named
        after a hook but not marked ``@hookimpl`` is reported too.
        """
        problems = []
        for caller in self.pm.get_hookcallers(plugin) or []:
            if caller.has_spec():
                continue
            if any(impl.plugin is plugin and not impl.optionalhook for impl in caller.get_hookimpls()):
                problems.append(_("unknown hook '{hook}' (a typo?); it will never be called").format(hook=caller.name))
        for hook in HOOKS:
            if callable(getattr(plugin, hook, None)) and self.pm.parse_hookimpl_opts(plugin, hook) is None:
                problems.append(_("'{hook}' is not marked @hookimpl; it will never be called").format(hook=hook))
        return sorted(problems)

    def hooks_of(self, name: str) -> list[str]:
        """The hooks plugin ``name`` implements (known hooks only), sorted by name."""
        self._complete()
        plugin = self.pm.get_plugin(name)
        if plugin is None:
            return []
        found = {caller.name for caller in self.pm.get_hookcallers(plugin) or [] if caller.has_spec()}
        return [hook for hook in HOOKS if hook in found]

    def declared(self, name: str, hook: str) -> Any:
        """What plugin ``name`` answers to an argument-less hook (``hive_settings``...), or None."""
        self._complete()
        for impl in getattr(self.pm.hook, hook).get_hookimpls():
            if impl.plugin_name == name:
                return impl.function()
        return None

    def load_entry_points(self) -> None:
        from hive.discovery import entry_points  # the spec's files, without importlib.metadata (start-up)

        for ep in entry_points("hive"):
            info = PluginInfo(
                ep.name,
                version=ep.version,
                source=_("entry point ({dist})").format(dist=ep.dist or "?"),
                bundled=ep.dist == "hive",
            )
            if ep.name in self._info:
                continue
            try:
                module = ep.load()
            except Exception as exc:
                info.error = _("failed to import: {problem}").format(problem=f"{type(exc).__name__}: {exc}")
                self._info[ep.name] = info
                continue
            self.register(module, ep.name, info)

    def load_directory(self, folder: Path) -> None:
        for path in sorted(Path(folder).glob("*.py")):
            name = path.stem
            info = PluginInfo(name, source=_("plugins dir ({path})").format(path=path))
            try:
                module = _import_file(path)
            except Exception as exc:
                info.error = _("failed to import: {problem}").format(problem=f"{type(exc).__name__}: {exc}")
                self._info[name] = info
                continue
            info.version = str(getattr(module, "__version__", ""))
            self.register(module, name, info)

    # -- calling ---------------------------------------------------------------
    def names(self) -> list[str]:
        return [n for n in self._info if n != CORE]

    def loaded(self, name: str) -> bool:
        self._complete()
        return self.pm.get_plugin(name) is not None

    def add_commands(self, name: str, cli: click.Group) -> bool:
        """Add plugin ``name``'s commands to ``cli`` (its ``hive_commands``); False when it is not loaded.

        A plugin whose declarations are pending adds a group that imports them
        on first use, so that ``hive --help`` lists it without importing them.
        """
        pending = self._pending.get(name)
        if pending is not None:
            cli.add_command(pending.deferred_group(functools.partial(self._completed, name)))
            return True
        if self.pm.get_plugin(name) is None:
            return False
        self.call("hive_commands", [name], cli=cli)
        return True

    def _completed(self, name: str) -> None:
        self._complete()
        if self.pm.get_plugin(name) is None:
            raise PluginFailed(
                _("plugin '{plugin}' is not loaded: {problem}").format(plugin=name, problem=self._info[name].error)
            )

    def call(self, hook: str, enabled: Iterable[str] | None = None, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call ``hook`` on each plugin in ``enabled`` (all when None), newest first.

        Returns ``(plugin name, result)`` pairs, skipping None results. An
        exception in one implementation becomes :class:`PluginFailed` naming
        the plugin.
        """
        self._complete()
        allowed = None if enabled is None else {CORE, *enabled}
        results = []
        for impl in reversed(getattr(self.pm.hook, hook).get_hookimpls()):
            if allowed is not None and impl.plugin_name not in allowed:
                continue
            args = {name: kwargs[name] for name in impl.argnames}
            if self.trace:
                sys.stderr.write(f"hive: {impl.plugin_name}.{hook}({', '.join(args)})\n")
            try:
                result = impl.function(**args)
            except (HiveError, click.exceptions.Exit):
                raise
            except Exception as exc:
                raise PluginFailed(
                    _("plugin '{plugin}' failed in {hook}: {problem}").format(
                        plugin=impl.plugin_name, hook=hook, problem=f"{type(exc).__name__}: {exc}"
                    )
                ) from exc
            if result is not None:
                results.append((impl.plugin_name, result))
        return results

    def criteria(self, enabled: Iterable[str]) -> list[Criterion]:
        found: dict[str, Criterion] = {}
        for plugin, items in self.call("hive_criteria", enabled):
            for criterion in items:
                if criterion.id in found:
                    raise Conflict(
                        _("criterion id '{id}' is declared twice (plugins '{a}' and '{b}')").format(
                            id=criterion.id, a=found[criterion.id].plugin, b=plugin
                        )
                    )
                found[criterion.id] = attrs.evolve(criterion, plugin=plugin)
        # The core's criteria first, so a review reads the same whichever plugins are enabled.
        return sorted(found.values(), key=lambda c: c.plugin != CORE)

    def _declarations(self, hook: str, broken: dict[str, str]) -> list[tuple[str, Any]]:
        """Call an argument-less declaration hook on every plugin, enabled or not.

        A plugin that raises is recorded in ``broken`` (and shown by ``hive
        plugins list``) instead of stopping the command: disabling it must be
        enough to get rid of it. The core's own declarations never fail quietly.
        """
        self._complete()
        results = []
        for impl in reversed(getattr(self.pm.hook, hook).get_hookimpls()):
            name = impl.plugin_name
            if name in broken:
                continue
            if self.trace:
                sys.stderr.write(f"hive: {name}.{hook}()\n")
            try:
                result = impl.function()
            except Exception as exc:
                if name == CORE:
                    raise
                problem = _("plugin '{plugin}' failed in {hook}: {problem}").format(
                    plugin=name, hook=hook, problem=f"{type(exc).__name__}: {exc}"
                )
                broken[name] = problem
                if name in self._info and not self._info[name].error:
                    self._info[name].error = problem
                continue
            if result is not None:
                results.append((name, result))
        return results

    def registry(self) -> Registry:
        """Collections and settings declared by every loaded plugin (enabled or not)."""
        from hive.ledger import CORE_COLLECTIONS, Registry

        collections = list(CORE_COLLECTIONS)
        seen = {c.name: CORE for c in collections}
        prefixes = {c.prefix: c.name for c in collections}
        broken: dict[str, str] = {}
        for plugin, items in self._declarations("hive_collections", broken):
            for collection in items:
                if collection.name in seen or collection.prefix in prefixes:
                    raise Conflict(
                        _("plugin '{plugin}' declares collection '{name}' (prefix '{prefix}') already taken").format(
                            plugin=plugin, name=collection.name, prefix=collection.prefix
                        )
                    )
                seen[collection.name] = plugin
                prefixes[collection.prefix] = collection.name
                collections.append(attrs.evolve(collection, owner=plugin))
        settings = []
        for plugin, items in self._declarations("hive_settings", broken):
            settings.extend(attrs.evolve(s, owner=plugin) for s in items)
        collections = [c for c in collections if c.owner not in broken]
        settings = [s for s in settings if s.owner not in broken]
        return Registry(collections, settings, broken)


_MAJOR = LazyPattern(r"^\d+$")
# The range ``hive plugin new`` writes (">=1,<2"), decided without importing packaging (10 ms of start-up).
_PLAIN_RANGE = LazyPattern(r"^>=\s*(\d+)(?:\.(\d+))?\s*,\s*<\s*(\d+)(?:\.(\d+))?$")
_PLAIN_VERSION = LazyPattern(r"^(\d+)\.(\d+)$")


def api_problem(declared: str, provided: str | None = None) -> str | None:
    """Why a plugin declaring ``HIVE_API = declared`` cannot be loaded by this hive, or None.

    ``declared`` is a version range (``">=1,<2"``, ``"~=1.0"``) or a bare major
    version (``"1"``, meaning any ``1.x``); empty means "any".
    """
    if not declared:
        return None
    provided = provided or hookspecs.API_VERSION
    fits = _fits_plain(declared, provided)
    if fits is None:
        from packaging.specifiers import InvalidSpecifier, SpecifierSet

        spec = f"=={declared}.*" if _MAJOR.match(declared) else declared
        try:
            fits = SpecifierSet(spec).contains(provided, prereleases=True)
        except InvalidSpecifier:
            return _("HIVE_API '{declared}' is not a version range such as '>=1,<2'").format(declared=declared)
    if fits:
        return None
    return _(
        "built for hive plugin API {declared}, but this hive provides API {provided}; "
        "install a version of the plugin made for it"
    ).format(declared=declared, provided=provided)


def _fits_plain(declared: str, provided: str) -> bool | None:
    """The answer for a bare major or a ``>=A.B,<C.D`` range and a ``X.Y`` version; None for anything else."""
    version = _PLAIN_VERSION.match(provided)
    if version is None:
        return None
    have = (int(version.group(1)), int(version.group(2)))
    if _MAJOR.match(declared):
        return have[0] == int(declared)
    bounds = _PLAIN_RANGE.match(declared)
    if bounds is None:
        return None
    low = (int(bounds.group(1)), int(bounds.group(2) or 0))
    high = (int(bounds.group(3)), int(bounds.group(4) or 0))
    return low <= have < high


def _is_declaration(plugin: Any) -> bool:
    """Whether ``plugin`` is a :class:`hive.Plugin` (checked by shape: importing hive.plugin costs start-up)."""
    return callable(getattr(plugin, "implementation", None)) and hasattr(plugin, "record_types")


def _where(plugin: Any) -> str:
    """The file a plugin module (or the module of a plugin object) was loaded from."""
    if isinstance(getattr(plugin, "file", None), str):  # a hive.Plugin knows the file that declared it
        return plugin.file
    module = plugin if isinstance(plugin, ModuleType) else sys.modules.get(type(plugin).__module__)
    return str(getattr(module, "__file__", "") or "")


def _import_file(path: Path) -> ModuleType:
    module_name = f"hive_local_plugins.{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(str(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def load(plugins_dir: Path | None = None, *, entry_points: bool = True, extra: dict[str, Any] | None = None) -> Plugins:
    """Build the plugin manager: the core, entry points, a plugins folder and ``extra`` objects."""
    from hive import core_criteria

    plugins = Plugins()
    plugins.register(core_criteria, CORE, PluginInfo(CORE, version=_version(), source=_("built-in"), bundled=True))
    for name, obj in (extra or {}).items():
        plugins.register(obj, name)
    if plugins_dir is not None:
        plugins.load_directory(plugins_dir)
    if entry_points and not os.environ.get("HIVE_NO_PLUGINS"):
        plugins.load_entry_points()
    return plugins


def _version() -> str:
    from hive import __version__

    return __version__


def __getattr__(name: str) -> Any:
    # Collections are re-exported for plugin authors (``from hive.plugins import Collection``),
    # imported on first use so that loading plugins does not import the ledger.
    if name == "Collection":
        from hive.ledger import Collection

        return Collection
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Collection", "Plugins", "PluginInfo", "api_problem", "load"]
