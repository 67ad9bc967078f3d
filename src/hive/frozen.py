"""Frozen attrs classes sharing one ``__repr__``, ``__eq__`` and ``__hash__``.

attrs writes each class's methods as source and compiles it when the class is
made, and hive makes its models at every start: compiling was the largest
single part of what ``hive org list`` spent beyond importing its dependencies. The repr, the
equality and the hash are the same for every class once they read the class's
fields, so one of each serves them all; attrs still writes each ``__init__``.

They behave as attrs' own: the repr prints the class name and each shown field
as ``name=value``; two records are equal when they are of the same class and
their compared fields are equal (as tuples, as attrs once compared them); the
hash follows equality. A class that writes its own method keeps it, and one
whose fields compare by a key (``eq=function``) or hash otherwise than they
compare gets attrs' generated methods instead.
"""

from __future__ import annotations

import operator
import reprlib
from collections.abc import Callable
from typing import Any, TypeVar, overload

import attrs

C = TypeVar("C", bound=type)


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(
        f"{a.name}={(a.repr if callable(a.repr) else repr)(getattr(self, a.name))}"
        for a in attrs.fields(type(self))
        if a.repr
    )
    return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({shown})"


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    compared = self.__class__._hive_compared  # (read off the class: a function there is not bound)
    return compared(self) == compared(other)


def _hash(self: Any) -> int:
    return hash((self.__class__, self.__class__._hive_compared(self)))


def _no_fields(_: object) -> tuple[()]:
    return ()


def _shared_equality(fields: tuple[attrs.Attribute, ...]) -> bool:
    """Whether the shared methods compare and hash these fields exactly as attrs would."""
    return all(a.eq_key is None and a.hash in (None, a.eq) for a in fields)


@overload
def frozen(cls: C, /) -> C: ...
@overload
def frozen(cls: None = None, /, **options: Any) -> Callable[[C], C]: ...
def frozen(cls: Any = None, /, **options: Any) -> Any:
    """:func:`attrs.frozen` (same options) with the shared methods, where the class writes none."""

    def make(c: C) -> C:
        own = {name for name in ("__repr__", "__eq__", "__hash__") if name in c.__dict__}
        shared = not own & {"__eq__", "__hash__"} and "eq" not in options and "hash" not in options
        if shared:  # attrs writes no equality: known only once the fields are, checked below
            made = attrs.frozen(c, repr=False, eq=False, **options)
            fields = attrs.fields(made)
            if not _shared_equality(fields):
                return attrs.frozen(c, repr="__repr__" not in own, **options)
            names = [a.name for a in fields if a.eq]
            made._hive_compared = operator.attrgetter(*names) if names else _no_fields
            made.__eq__, made.__hash__ = _eq, _hash
        else:
            made = attrs.frozen(c, repr=False, **options)
        if "__repr__" not in own:
            made.__repr__ = _repr
        return made

    return make if cls is None else make(cls)
