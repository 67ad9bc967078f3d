"""The ``hive`` command line: click only. Parse, call the engine, print.

Core commands live one group per module and are imported only when run;
plugin commands are added through the ``hive_commands`` hook, which is only
called when a command beyond the core ones is asked for (or for ``--help``).
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Any

import click

from hive import __version__, i18n
from hive.cli.app import PLUGIN_KEY, App
from hive.cli.language import TranslatedHelp, translate_click
from hive.errors import HiveError, OutputFailed, PluginFailed
from hive.i18n import N_, _
from hive.patterns import LazyPattern

# name -> (module, attribute, short help): known without importing the module.
CORE_COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("hive.cli.center", "init", N_("Create a new center file.")),
    "demo": ("hive.cli.demo", "demo", N_("Build a demo center from the article's organizations and review it.")),
    "org": ("hive.cli.org", "org", N_("Organizations: add, list, show.")),
    "person": ("hive.cli.person", "person", N_("The registry of residents: add, list, show.")),
    "member": ("hive.cli.member", "member", N_("Members of organizations and their backbones.")),
    "record": ("hive.cli.record", "record", N_("Record trainings, registration, diagnoses, supervision.")),
    "review": ("hive.cli.review", "review", N_("Stage review: who is ready to move on, and why not.")),
    "advance": ("hive.cli.lifecycle", "advance", N_("Move an organization to another stage.")),
    "suspend": ("hive.cli.lifecycle", "suspend", N_("Suspend an organization.")),
    "dissolve": ("hive.cli.lifecycle", "dissolve", N_("Dissolve an organization (final).")),
    "reinstate": ("hive.cli.lifecycle", "reinstate", N_("Reinstate a suspended organization.")),
    "history": ("hive.cli.lifecycle", "history", N_("Stage and status changes of an organization.")),
    "due": ("hive.cli.due", "due", N_("What is due: the to-do list of the core and the plugins.")),
    "rubric": ("hive.cli.rubric", "rubric", N_("Evaluation rubrics: load, list, show.")),
    "assess": ("hive.cli.rubric", "assess", N_("Assess an organization with a rubric; show an assessment.")),
    "plugins": ("hive.cli.plugins", "plugins", N_("Plugins found and enabled for this center.")),
    "plugin": ("hive.cli.scaffold", "plugin", N_("Write plugins: start a new plugin package.")),
    "settings": ("hive.cli.settings", "settings", N_("Center settings: thresholds of the criteria and more.")),
    "report": ("hive.cli.report", "report", N_("Monthly, quarterly and annual reports (台账): .html, .xlsx, .pdf.")),
    "events": ("hive.cli.center", "events", N_("The audit log: who changed what, when.")),
    "check": ("hive.cli.safety", "check", N_("Check the center file: schema, references, stage history.")),
    "backup": ("hive.cli.safety", "backup", N_("Copy the center file safely, with a timestamped name.")),
    "export": ("hive.cli.safety", "export", N_("The whole center as one JSON document.")),
    "import": ("hive.cli.safety", "import_", N_("Restore an export into a new center file.")),
    "edit": ("hive.cli.records", "edit", N_("Correct fields of any record by id.")),
    "void": ("hive.cli.records", "void", N_("Void records: out of every count, kept with the reason.")),
    "undo": ("hive.cli.records", "undo", N_("Reverse the last command that changed the center.")),
    "show": ("hive.cli.records", "show", N_("Show any record by id, with its history.")),
    "find": ("hive.cli.records", "find", N_("Find records by name or text, across every type.")),
    "list": ("hive.cli.records", "list_records", N_("List the records of any type, with filters.")),
    "copy": ("hive.cli.district", "copy", N_("Copy a center between a file and a district server.")),
    "district": ("hive.cli.district", "district", N_("A district's centers: list them, roll up a period.")),
    "serve": ("hive.cli.serve", "serve", N_("The web workspace: every job in a browser, on this computer.")),
    "user": ("hive.cli.user", "user", N_("Users of the web workspace: add, passwd, list.")),
    "sheet": ("hive.cli.sheet", "sheet", N_("Spreadsheets: export, templates and import for every record type.")),
}


class HiveGroup(TranslatedHelp, click.Group):
    """The root group: lazy core commands, plugin commands, one-line errors, help in the user's language."""

    # -- commands ----------------------------------------------------------------
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*CORE_COMMANDS, *self._plugin_commands_for(ctx)})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in CORE_COMMANDS:
            module, attr, _help = CORE_COMMANDS[name]
            return getattr(importlib.import_module(module), attr)
        found = self._plugin_commands_for(ctx).get(name)
        if found is None:
            # A plugin of that name that could not load says why, instead of "No such command".
            info = ctx.find_root().ensure_object(App).plugins.info.get(name)
            if info is not None and info.error:
                raise PluginFailed(
                    _("plugin '{plugin}' is not loaded: {problem}").format(plugin=name, problem=info.error)
                )
        return found

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _(help)) for name, (_m, _a, help) in CORE_COMMANDS.items()]
        for name, cmd in sorted(self._plugin_commands_for(ctx).items()):
            rows.append((name, cmd.get_short_help_str(limit=60)))
        with formatter.section(_("Commands")):
            formatter.write_dl(sorted(rows))

    def _plugin_commands_for(self, ctx: click.Context) -> dict[str, click.Command]:
        root = ctx.find_root()
        app = root.ensure_object(App)
        # click resolves the command before the group's callback runs: apply the options now,
        # so that plugins from --plugins-dir can add commands too.
        app.configure(**{key: root.params.get(key) for key in ("db", "center", "operator", "plugins_dir", "lang")})
        if app.plugin_commands is None:
            found: dict[str, click.Command] = {}
            for plugin_name in app.plugins.names():
                collector = click.Group()
                try:
                    if not app.plugins.add_commands(plugin_name, collector):
                        continue
                except PluginFailed as exc:  # shown by `hive plugins list`; the other commands keep working
                    info = app.plugins.info[plugin_name]
                    info.error = info.error or str(exc)
                    continue
                for name, cmd in collector.commands.items():
                    if name in CORE_COMMANDS or name in found:
                        continue  # the core's names win; a clash is shown by `hive plugins list`
                    found[name] = _owned_by(cmd, plugin_name)
            app.plugin_commands = found
        return app.plugin_commands

    # -- running -----------------------------------------------------------------
    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        i18n.set_language(_language_from(argv))
        translate_click()
        for position, arg in enumerate(argv):
            if _SURROGATE.search(arg):
                # Bytes the terminal's encoding cannot read: never stored, and never echoed (it may be a
                # phone or an ID number): name where it was instead.
                before = argv[position - 1] if position else ""
                where = before if before.startswith("--") else _("argument {number}").format(number=position + 1)
                _fail(_("{where}: not readable text (bytes in another encoding?); retype it").format(where=where), 2)
        self._before = _written()
        from hive.cli.terminal import Escaping

        plain_stdout = sys.stdout
        sys.stdout = Escaping(plain_stdout)  # type: ignore[assignment]  # stored text never drives the terminal
        try:
            rv = super().main(argv, prog_name or "hive", complete_var, standalone_mode=False, **extra)
        except OutputFailed as exc:
            _fail(str(exc), exc.exit_code)
        except HiveError as exc:
            saved = self._saved()
            if saved:
                _fail(_("{problem}; {saved}, do not run the command again").format(problem=exc, saved=saved), 10)
            _fail(str(exc), exc.exit_code)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            saved = self._saved()
            if saved:
                _fail(_("interrupted after the end: {saved}, do not run the command again").format(saved=saved), 10)
            _fail(_("aborted"), 1)
        except click.ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError" and getattr(exc, "ctx", None):
                # `hive` or `hive org` alone: the help on stdout, as click < 8.2 did, not an error line
                click.echo(exc.ctx.get_help())
                sys.exit(0)
            message = _without_extra_arguments(exc.format_message())
            if isinstance(exc, click.MissingParameter) and message.endswith("."):
                # click ends "Missing argument 'NAME'." with an English full stop it does not translate
                # Translators: a sentence ended with the language's full stop.
                message = _("{sentence}.").format(sentence=message[:-1])
            _fail(message, exc.exit_code)
        except KeyboardInterrupt:
            saved = self._saved()
            if saved:
                _fail(_("interrupted after the end: {saved}, do not run the command again").format(saved=saved), 10)
            _fail(_("interrupted; nothing was written"), 130)
        except Exception as exc:  # a bug: one line for the user, the traceback on request
            if os.environ.get("HIVE_DEBUG"):
                import traceback

                traceback.print_exc()
            saved = self._saved()
            if saved:
                _fail(
                    _(
                        "internal error ({kind}) after the change: {saved}, do not run the command again. Set HIVE_DEBUG=1 to see details"
                    ).format(kind=type(exc).__name__, saved=saved),
                    10,
                )
            _fail(
                _("internal error ({kind}); nothing was written. Set HIVE_DEBUG=1 to see details").format(
                    kind=type(exc).__name__
                ),
                70,
            )
        finally:
            sys.stdout = plain_stdout
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a failure to print (closed pipe, full disk) says whether the change was saved."""
        try:
            return super().invoke(ctx)
        except OSError as exc:  # the engine wraps its own file errors: these are the terminal's or a pipe's
            if exc.errno not in _OUTPUT_ERRORS:
                raise  # a bug: the internal-error line (which also says whether the change was saved)
            if exc.errno == errno.EPIPE:  # nothing more can be printed there, not even at exit
                _silence_stdout()
            problem = _("the reader of the output went away") if exc.errno == errno.EPIPE else exc.strerror
            saved = self._saved()
            if saved:
                raise OutputFailed(
                    _("{saved}, but the output could not be printed ({problem}); do not run the command again").format(
                        saved=saved, problem=problem
                    )
                ) from None
            if exc.errno == errno.EPIPE:
                raise  # `hive org list | head -1`: click ends quietly, as other programs do
            raise HiveError(
                _("the output could not be printed ({problem}); nothing was written").format(problem=problem)
            ) from None

    def _saved(self) -> str | None:
        """What this command has saved (the center's change, an output file) since it began, or None."""
        commits, outputs = _written()
        before_commits, before_outputs = getattr(self, "_before", (0, 0))
        if commits > before_commits:
            path = sys.modules["hive.store"].COMMITTED[-1]
            return _("the change is saved in {path}").format(path=path)
        if outputs > before_outputs:
            path = sys.modules["hive.outputs"].WRITTEN[-1]
            return _("{path} is written").format(path=path)
        return None


#: What writing to standard output fails with: a closed pipe, a full disk or device, a lost terminal.
_OUTPUT_ERRORS = frozenset(
    getattr(errno, name) for name in ("EPIPE", "ENOSPC", "EDQUOT", "EIO", "EBADF", "EFBIG") if hasattr(errno, name)
)


def _without_extra_arguments(message: str) -> str:
    """click's "Got unexpected extra arguments (138 1234 5678)" without the arguments: they may be personal data.

    An unquoted ``--phone +86 138 1234 5678`` leaves the rest of the number
    as extra arguments; the message counts them and says how to quote.
    """
    from hive.i18n import click_ngettext, ngettext

    for n in (1, 2):
        pattern = click_ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", n)
        before, _sep, after = pattern.partition("{args}")
        if message.startswith(before) and message.endswith(after) and len(message) > len(before) + len(after):
            count = len(message[len(before) : len(message) - len(after)].split())
            return ngettext(
                "{count} unexpected extra argument (not shown: it may be personal data); put quotes around a value with spaces, as in --phone '+86 138 0000 0000'",
                "{count} unexpected extra arguments (not shown: they may be personal data); put quotes around a value with spaces, as in --phone '+86 138 0000 0000'",
                count,
            ).format(count=count)
    return message


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit does not fail on the closed pipe again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _written() -> tuple[int, int]:
    """How many commits and output files this process has made (the modules are imported by writers only)."""
    store = sys.modules.get("hive.store")
    outputs = sys.modules.get("hive.outputs")
    return (len(store.COMMITTED) if store else 0, len(outputs.WRITTEN) if outputs else 0)


def _owned_by(cmd: click.Command, plugin: str) -> click.Command:
    """Mark ``cmd`` as the plugin's, so opening the center checks the plugin is enabled.

    A plugin usually adds the same module-level group on every call of its
    hook (one per ``App``): it is wrapped once, not once per call, which in a
    long-lived process (a test run) would nest wrappers until RecursionError.
    """
    if getattr(cmd, "_hive_plugin", None) == plugin:
        return cmd
    cmd._hive_plugin = plugin  # type: ignore[attr-defined]
    invoke = cmd.invoke

    def invoke_as_plugin(ctx: click.Context) -> Any:
        ctx.meta[PLUGIN_KEY] = plugin
        return invoke(ctx)

    cmd.invoke = invoke_as_plugin  # type: ignore[method-assign]
    return cmd


def _language_from(argv: list[str]) -> str:
    """``--lang`` must be known before any help text is formatted, so look for it first.

    Then ``HIVE_LANG``, the locale, English; the center's setting comes in when
    the center is opened (:meth:`hive.cli.app.App.ledger`), below ``--lang`` and
    ``HIVE_LANG`` and above the locale.
    """
    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
            break
        if arg.startswith("--lang="):
            explicit = arg.split("=", 1)[1]
            break
    return i18n.choose(explicit)


def _check_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and i18n.normalize(value) is None:
        raise click.BadParameter(_("'{value}' is not a language hive speaks: en or zh_CN").format(value=value))
    return value


# What would break the one error line, or the terminal: control characters, line separators.
_UNPRINTABLE = LazyPattern("[\x00-\x1f\x7f\x85\u2028\u2029]")


_SURROGATE = LazyPattern("[\ud800-\udfff]")


def one_line(message: str) -> str:
    """``message`` as one printable line: values the user typed may hold newlines or undecodable bytes."""
    message = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)
    return message.encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates from non-UTF-8 argv


def _fail(message: str, code: int) -> None:
    click.echo(f"hive: {one_line(message)}", err=True)
    sys.exit(code)


@click.group(cls=HiveGroup, help=N_("hive: incubate community social organizations and govern their volunteers."))
@click.option(
    "--db",
    metavar="PATH|URL",
    help=N_("The center file (default: $HIVE_DB, else ./hive.json), or a district server postgresql://… with --center."),
)
@click.option("--center", metavar="CODE", help=N_("The center's code on a district server (default: $HIVE_CENTER)."))
@click.option(
    "--operator", metavar="NAME", help=N_("Who is making the change (default: $HIVE_OPERATOR, else your login).")
)
@click.option(
    "--plugins-dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    is_eager=True,  # known before --help lists the commands
    help=N_("Also load plugins from .py files in DIR."),
)
@click.option(
    "--lang",
    metavar="LANG",
    callback=_check_language,
    help=N_("Language of messages: en or zh_CN (default: $HIVE_LANG, the center's setting, the locale)."),
)
@click.version_option(__version__, prog_name="hive", help=N_("Show the version and exit."))
@click.pass_context
def cli(
    ctx: click.Context,
    db: str | None,
    center: str | None,
    operator: str | None,
    plugins_dir: str | None,
    lang: str | None,
) -> None:
    if isinstance(ctx.obj, App):  # given by a test or an embedding program: options override it
        ctx.obj.configure(db=db, center=center, operator=operator, plugins_dir=plugins_dir, lang=lang)
    else:
        ctx.obj = App(db, operator, plugins_dir, lang, center=center)


def main() -> None:
    """The ``hive`` program: one command, then the process ends.

    The cyclic garbage collector stays off for the whole process: a command's
    records are acyclic and freed by reference counting, and a collection
    walking a large center's hundreds of thousands of objects cost a large
    review a tenth of its time. (:class:`hive.store.Store` pauses it while a
    center is open for in-process callers such as the tests.)
    """
    import gc

    gc.disable()
    app = App(keep_until_exit=True)
    try:
        cli.main(prog_name="hive", obj=app)
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    _exit(code)


def _exit(code: Any) -> None:
    """End the process now, without freeing a center's parsed records object by object.

    Freeing the hundreds of thousands of objects a large center parses into
    costs a tenth of the time it took to parse them, and nothing is left to do:
    every change is committed (or refused) and the lock released before this.
    The output is flushed first; a code that is not a number is printed, as
    Python's own exit does.
    """
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: as Python's exit reports it
            code = code or 120
    os._exit(code)
