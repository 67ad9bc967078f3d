"""Frozen attrs classes sharing one ``__repr__``.

attrs writes each class's methods as source and compiles it when the class is
made, and hive makes its models at every start. The repr is the largest part of
that source: about 40% of the compile time of the core models. One repr, read
off attrs' own field list, serves every class instead; it prints what attrs'
would (the class name, then each shown field as ``name=value``).
"""

from __future__ import annotations

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


@overload
def frozen(cls: C, /) -> C: ...
@overload
def frozen(cls: None = None, /, **options: Any) -> Callable[[C], C]: ...
def frozen(cls: Any = None, /, **options: Any) -> Any:
    """:func:`attrs.frozen` (same options) with the shared repr, unless the class writes its own."""

    def make(c: C) -> C:
        made = attrs.frozen(c, repr=False, **options)
        if "__repr__" not in c.__dict__:
            made.__repr__ = _repr
        return made

    return make if cls is None else make(cls)
