"""Regular expressions compiled when first used.

Python compiles a module's ``re.compile(...)`` constants every time the module
is imported: hive's took 8 ms of ``hive org list`` on a slow machine, most of
them for patterns the command never used (the dates, periods and terms it does
not parse). :class:`LazyPattern` keeps a module's constant where it is read, and
compiles it on the first call of one of its methods; after that the methods
are the compiled pattern's own, so a pattern in a loop costs what a compiled
one does.
"""

from __future__ import annotations

import re
from typing import Any

#: The compiled pattern's methods and attributes a lazy one answers with, once compiled.
_FORWARDED = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "pattern", "flags")


class LazyPattern:
    """``re.compile(regex, flags)``, done when one of its methods is first asked for."""

    def __init__(self, regex: str | bytes, flags: int = 0):
        self._source = (regex, flags)

    def __getattr__(self, name: str) -> Any:
        # Called only for what the instance does not hold yet: compile, then keep the pattern's own
        # bound methods on the instance so later calls find them without coming here.
        if name.startswith("__") or name not in _FORWARDED:
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for forwarded in _FORWARDED:
            setattr(self, forwarded, getattr(compiled, forwarded))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r})"
