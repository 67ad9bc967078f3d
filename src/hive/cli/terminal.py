"""What reaches the terminal: stored text printed with its control characters made visible.

A name imported from a file may hold an escape sequence (``ESC ] 0 ; …``
retitles the terminal, others rewrite what is on screen or worse). Every
command's standard output goes through :class:`Escaping` (installed by
:meth:`hive.cli.HiveGroup.main`), which shows such characters as ``\\x1b``,
``\\r``, ``\\u009b``; newlines and tabs pass. JSON output is already escaped
by its encoder; bytes (an export printed whole) pass as they are.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from hive.patterns import LazyPattern

# C0 controls but tab and newline, DEL, C1 controls, and the line/paragraph separators
_CONTROL = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def escape_controls(text: str) -> str:
    """``text`` with every control character but tab and newline written as its escape."""
    if text.isprintable() or not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class Escaping:
    """A text stream that writes to ``stream`` through :func:`escape_controls`; everything else is ``stream``'s."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, buffer (click writes bytes there), isatty, fileno...
        return getattr(self._stream, name)


def on_terminal() -> bool:
    """Whether a person is at the keyboard (standard input is a terminal): only then does hive ask."""
    return sys.stdin.isatty()
