"""Printing: aligned tables that respect wide (CJK) characters, and JSON documents."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click

from hive.i18n import _, declared


def width(text: str) -> int:
    """Terminal columns of ``text``: two for wide (CJK) characters, none for combining marks.

    The standard library's Unicode tables are enough for the names and words
    hive prints; the wcwidth package took 8 ms to import, a tenth of a
    command's start-up.
    """
    if text.isascii():
        return len(text)
    import unicodedata

    columns = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        columns += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return columns


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Columns padded to their widest cell, as a terminal shows them."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    sizes = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(pad(cell, sizes[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * size for size in sizes))
    return "\n".join(lines)


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    click.echo(table(headers, rows))


def echo_json(document: Any) -> None:
    """One JSON document on stdout: UTF-8, Chinese unescaped, keys as given, indented by two.

    orjson writes a large document (a year's report) many times faster than ``json``; what it
    does not take (keys that are not text, integers beyond 64 bits) is written by ``json``.
    """
    import orjson

    try:
        text = orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()
    except TypeError:
        text = json.dumps(document, ensure_ascii=False, indent=2)
    click.echo(text)


def _shown(value: Any) -> str:
    """A value of a plugin's section as a person reads it: yes/no, lists joined, codes translated."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None:
        return "-"
    if isinstance(value, dict):
        return ", ".join(f"{declared(str(k))} {_shown(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return (
            "; ".join(_shown(v) for v in value)
            if any(isinstance(v, dict) for v in value)
            else ", ".join(_shown(v) for v in value)
        )
    if isinstance(value, str) and value.isascii() and value.replace("_", "").isalpha() and value.islower():
        return declared(value)  # a coded value (covered_by_branch): the plugin's catalog may name it
    return str(value)


def echo_section(title: str, section: dict[str, Any], indent: str = "  ") -> None:
    """A plugin's section of ``org show`` or ``person show`` as ``label: value`` lines.

    Keys stay as they are in ``--json``; here each is looked up with
    :func:`hive.i18n.declared`, so a plugin that marks its keys (``N_("approved_hours")``)
    and translates them in its catalog gets Chinese labels.
    """
    click.echo(f"{indent}[{declared(title)}]")
    for key, value in section.items():
        click.echo(f"{indent}  {declared(key)}: {_shown(value)}")
