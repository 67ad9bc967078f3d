"""The command line in the user's language: help translated when it is shown, click's own words too.

Help texts defined at import time (the root group and its options, marked
with ``N_``) are translated when the help is formatted, so
``hive --lang zh_CN --help`` is Chinese although the module was imported
before the language was known. Core and plugin subcommand modules call
``_()`` at import; that works too, because they are imported after
:meth:`hive.cli.HiveGroup.main` has chosen the language.

click marks its own messages (``Usage:``, ``Options:``, ``Missing option``...)
with gettext but ships no translations: :func:`translate_click` makes it
read them from hive's ``click`` catalog (``hive/locale/zh_CN/LC_MESSAGES/click.po``),
and wrap help text by display columns (:func:`wrap_text`), since a Chinese
character takes two columns of the terminal.
"""

from __future__ import annotations

import contextlib
import gettext
import re
import sys
from collections.abc import Iterator
from typing import Any

import click

from hive.i18n import N_, _, click_gettext, click_ngettext
from hive.patterns import LazyPattern

#: click's help option text (a click message, translated in the ``click`` catalog).
HELP_OPTION = N_("Show this message and exit.")


def translate_help(text: str | None) -> str | None:
    """A help text in the current language: hive's catalog, else click's, else as written."""
    if not text:
        return text
    translated = _(text)
    return translated if translated != text else click_gettext(text)


@contextlib.contextmanager
def _shown_as(obj: Any, attr: str, value: Any) -> Iterator[None]:
    """Set ``obj.attr`` to ``value`` while the help is formatted, then put the original back."""
    original = getattr(obj, attr)
    setattr(obj, attr, value)
    try:
        yield
    finally:
        setattr(obj, attr, original)


class TranslatedHelp:
    """A click command mixin: its help and its options' help are translated when formatted.

    Use it for commands whose help is written with ``N_`` (defined before the
    language is known): ``class MyGroup(TranslatedHelp, click.Group)``.
    """

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _shown_as(self, "help", translate_help(self.help)):
            super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with contextlib.ExitStack() as stack:
            for param in self.get_params(ctx):  # type: ignore[attr-defined]
                if getattr(param, "help", None):
                    stack.enter_context(_shown_as(param, "help", translate_help(param.help)))
            super().format_options(ctx, formatter)  # type: ignore[misc]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and not getattr(option, "_hive_msgid", False):
            # click caches it, translated in the language of its first use: keep the msgid instead
            option.help = HELP_OPTION
            option._hive_msgid = True  # type: ignore[attr-defined]
        return option


_TOKEN = LazyPattern(r"\s+|[\x21-\x7e]+|.", re.S)  # spaces, a run of printable ASCII, or one other character
_NO_LINE_START = set("，。、；：？！）》」』”’…%")  # full-width punctuation that must not begin a line


def _fill(text: str, width: int, initial_indent: str, subsequent_indent: str) -> str:
    """Greedy wrapping measured in terminal columns (a Chinese character takes two)."""
    from hive.cli.output import width as columns

    lines: list[str] = []
    line: list[str] = []
    indent = initial_indent
    used = columns(indent)
    for token in _TOKEN.findall(text):
        size = columns(token)
        if token.isspace():
            if line:
                line.append(" ")
                used += 1
            continue
        if line and used + size > width and token not in _NO_LINE_START:
            lines.append(indent + "".join(line).rstrip())
            indent = subsequent_indent
            line, used = [], columns(indent)
        line.append(token)
        used += size
    lines.append(indent + "".join(line).rstrip())
    return "\n".join(lines)


def wrap_text(
    text: str,
    width: int = 78,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """click's ``wrap_text`` for text with wide characters: it measures display columns, not characters.

    ASCII text goes to click's own function unchanged. Paragraphs are kept as
    click keeps them: separated by an empty line, a ``\\b`` line before a
    paragraph that must not be rewrapped.
    """
    if text.isascii():
        return _click_wrap_text(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
    text = text.expandtabs()
    if not preserve_paragraphs:
        return _fill(" ".join(text.split("\n")), width, initial_indent, subsequent_indent)
    paragraphs: list[tuple[int, bool, list[str]]] = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.splitlines()
        if not lines:
            continue
        extra = len(lines[0]) - len(lines[0].lstrip())
        raw = lines[0].strip() == "\b"
        paragraphs.append((extra, raw, lines[1:] if raw else [ln.strip() for ln in lines]))
    out = []
    for extra, raw, lines in paragraphs:
        first, rest = initial_indent + " " * extra, subsequent_indent + " " * extra
        if raw:
            out.append("\n".join((first if i == 0 else rest) + ln for i, ln in enumerate(lines)))
        else:
            out.append(_fill(" ".join(lines), width, first, rest))
        initial_indent = subsequent_indent
    return "\n\n".join(out)


_click_wrap_text = click.formatting.wrap_text


def translate_click() -> None:
    """Make the loaded click modules read their messages from hive's ``click`` catalog.

    click binds ``from gettext import gettext as _`` in each module; those
    names are pointed at hive's catalog (idempotent, and harmless in English:
    a missing translation is the message itself).
    """
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "click" or name.startswith("click.")):
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = click_gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = click_ngettext  # type: ignore[attr-defined]
    # click's help formatter wraps by characters; Chinese help needs display columns
    if click.formatting.wrap_text is _click_wrap_text:
        click.formatting.wrap_text = wrap_text
