"""Spreadsheet cells that stay text: formula injection neutralized (OWASP "CSV Injection").

A spreadsheet program opening a CSV (or an .xlsx cell written as a string)
runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
some treat a leading tab or carriage return the same way: a volunteer named
``=HYPERLINK("http://…","点击")`` becomes a link, ``=cmd|…`` worse. Every
cell hive writes from stored text goes through :func:`neutralize`, which puts
an apostrophe in front of such a cell (the spreadsheet shows the text as it
is, without the apostrophe); :func:`restore` takes it off again when hive
reads a sheet back (an import of its own export).

Numbers hive writes itself (hours, counts) are not text and are left alone::

    >>> neutralize("=1+2")
    "'=1+2"
    >>> neutralize("-3")
    "'-3"
    >>> neutralize(-3.5)
    -3.5
    >>> restore(neutralize("@SUM(A1)"))
    '@SUM(A1)'
"""

from __future__ import annotations

from typing import Any

#: What a spreadsheet takes as the start of a formula (or of a command, for tab and CR).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralize(value: Any) -> Any:
    """``value`` safe as a spreadsheet cell: text starting with a formula trigger gets a leading ``'``.

    Text that is already an apostrophe before a trigger (``'=x``) gets one
    more, so that :func:`restore` gives back exactly what was stored; other
    text (``'s Club``) is left as it is.
    """
    if isinstance(value, str) and (value.startswith(TRIGGERS) or _quoted(value)):
        return QUOTE + value
    return value


def _quoted(value: str) -> bool:
    rest = value.lstrip(QUOTE)
    return value.startswith(QUOTE) and rest.startswith(TRIGGERS)


def restore(value: Any) -> Any:
    """The text :func:`neutralize` was given: one leading apostrophe before a trigger (or another one) removed."""
    if isinstance(value, str) and value.startswith(QUOTE) and (value[1:].startswith(TRIGGERS) or _quoted(value[1:])):
        return value[1:]
    return value


def row(values: list[Any]) -> list[Any]:
    """A whole row of cells, each through :func:`neutralize`."""
    return [neutralize(value) for value in values]
