"""Printing: aligned tables that respect wide (CJK) characters, and JSON documents."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click


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
    """One JSON document on stdout: UTF-8, Chinese unescaped, keys as given."""
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))
