"""The one cattrs converter: models <-> JSON-ready dicts (dates as ISO strings).

Nothing else in hive hand-writes that conversion.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, TypeVar

import cattrs

T = TypeVar("T")


@cache
def converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=False)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(dt.date, lambda v, _: dt.date.fromisoformat(v))
    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_structure_hook(dt.datetime, lambda v, _: dt.datetime.fromisoformat(v))
    return conv


def unstructure(obj: Any) -> Any:
    return converter().unstructure(obj)


def structure(data: Any, cls: type[T]) -> T:
    return converter().structure(data, cls)
