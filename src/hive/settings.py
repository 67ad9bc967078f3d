"""Center settings: declared with defaults by the core and by plugins, overridden per center."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from hive.errors import InvalidInput, NotFound
from hive.frozen import frozen
from hive.i18n import N_, _

# What a user must type, in words (an error says "expected a whole number", not "expected int").
TYPE_WORDS = {
    "int": N_("a whole number"),
    "float": N_("a number"),
    "bool": N_("yes or no"),
    "list[float]": N_("numbers separated by commas"),
    "list[date]": N_("dates as YYYY-MM-DD separated by commas"),
    "list[str]": N_("texts separated by commas"),
}


@frozen
class Setting:
    """A tunable value. ``key`` is namespaced by its owner: ``core.intake.min_members``.

    ``type`` is one of ``int``, ``float``, ``str``, ``bool``, ``list[float]``,
    ``list[str]`` or ``list[date]`` (comma separated on the command line; dates are stored as
    ``YYYY-MM-DD`` strings). ``minimum`` and ``maximum``, when
    given, bound a number (each number of a list) so that ``hive settings set``
    refuses a value no rule could use.
    """

    key: str
    default: Any
    description: str
    type: str = "int"
    owner: str = ""
    minimum: float | None = None
    maximum: float | None = None
    # A further rule on the parsed value (star hours ascending): returns what is expected, in
    # words, when the value breaks it, else None.
    check: Callable[[Any], str | None] | None = attrs.field(default=None, eq=False, repr=False)

    def _convert(self, text: str) -> Any:
        try:
            if self.type == "int":
                number = int(text)
                if not -(2**63) <= number < 2**63:  # what the center file (orjson) can store
                    raise ValueError(text)
                return number
            if self.type == "float":
                value = float(text)
                if not math.isfinite(value):  # JSON has no infinity or NaN: it would be stored as null
                    raise ValueError(text)
                return value
            if self.type == "bool":
                lowered = text.strip().lower()
                if lowered in ("1", "true", "yes", "on"):
                    return True
                if lowered in ("0", "false", "no", "off"):
                    return False
                raise ValueError(text)
            if self.type == "list[float]":
                values = [float(part) for part in text.split(",") if part.strip()]
                if not all(math.isfinite(v) for v in values):
                    raise ValueError(text)
                return values
            if self.type == "list[date]":  # stored as ISO strings, sorted, each once
                from hive.inputs import parse_date  # 2026-10-01, 2026/10/1, 2026年10月1日

                days = [parse_date(part) for part in re.split(r"[,，、;；\s]+", text) if part.strip()]
                return sorted({day.isoformat() for day in days})
            if self.type == "list[str]":  # in the order typed, each once; 、 and full-width commas too
                from hive.inputs import plain

                return list(
                    dict.fromkeys(plain(part).strip() for part in re.split(r"[,，、;；]", text) if plain(part).strip())
                )
            return text
        except ValueError:
            raise InvalidInput(
                _("invalid value '{value}' for setting {key}: expected {type}").format(
                    value=text, key=self.key, type=_(TYPE_WORDS.get(self.type, self.type))
                )
            ) from None

    def parse(self, text: str) -> Any:
        """Turn what a user typed into a value of this setting's type and bounds, or raise InvalidInput."""
        value = self._convert(text)
        numbers = value if self.type == "list[float]" else [value] if self.type in ("int", "float") else []
        for number in numbers:
            if (self.minimum is not None and number < self.minimum) or (
                self.maximum is not None and number > self.maximum
            ):
                if self.maximum is None:
                    expected = _("a number of at least {low}").format(low=f"{self.minimum:g}")
                elif self.minimum is None:
                    expected = _("a number of at most {high}").format(high=f"{self.maximum:g}")
                else:
                    expected = _("a number from {low} to {high}").format(
                        low=f"{self.minimum:g}", high=f"{self.maximum:g}"
                    )
                raise InvalidInput(
                    _("invalid value '{value}' for setting {key}: expected {type}").format(
                        value=text, key=self.key, type=expected
                    )
                )
        expected = self.check(value) if self.check is not None else None
        if expected:
            raise InvalidInput(
                _("invalid value '{value}' for setting {key}: expected {type}").format(
                    value=text, key=self.key, type=expected
                )
            )
        return value


class Settings:
    """Declared settings with a center's overrides applied. Read with ``settings[key]``."""

    def __init__(self, declared: Iterable[Setting], overrides: dict[str, Any]):
        self.declared: dict[str, Setting] = {s.key: s for s in declared}
        self.overrides = overrides

    def __getitem__(self, key: str) -> Any:
        if key in self.overrides:
            return self.overrides[key]
        try:
            return self.declared[key].default
        except KeyError:
            raise NotFound(_("unknown setting '{key}'").format(key=key)) from None

    def declaration(self, key: str) -> Setting:
        try:
            return self.declared[key]
        except KeyError:
            raise NotFound(_("unknown setting '{key}' (see 'hive settings list')").format(key=key)) from None
