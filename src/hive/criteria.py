"""Criteria: the named conditions an organization must meet to leave a stage."""

from __future__ import annotations

import re
from typing import Any

from hive.contract import Check, Criterion, Outcome
from hive.patterns import LazyPattern

# The types live in the contract (the bottom of hive's layout); plugins written for 0.1 import them from here.
__all__ = ["Check", "Criterion", "Outcome", "described"]


_SETTING = LazyPattern(r"\{([a-z_]+(?:\.[a-z_]+)+)\}")


def described(description: str, settings: Any = None) -> str:
    """A criterion's description with the settings it names in braces filled in.

    ``"at least {core.intake.min_members} members"`` reads "at least 3 members"
    with the center's value (``settings``: a :class:`hive.settings.Settings`),
    else with the setting's default.
    """

    def value(found: re.Match[str]) -> str:
        key = found.group(1)
        try:
            shown = settings[key] if settings is not None else _default(key)
        except Exception:
            return found.group(0)
        return f"{shown:g}" if isinstance(shown, float) else str(shown)

    return _SETTING.sub(value, description)


def _default(key: str) -> Any:
    from hive.core_criteria import CORE_SETTINGS

    for setting in CORE_SETTINGS:
        if setting.key == key:
            return setting.default
    raise KeyError(key)
