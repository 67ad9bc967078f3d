"""Today's date and the current instant, in one place, in the center's time zone.

A center lives in one time zone (the setting ``core.timezone``, by default
``Asia/Shanghai``): "today", the time of each line of the audit log and the
names of backups are all read on its clock, so 10:42 in Shenzhen is logged
as ``10:42:00+08:00``, not ``02:42 UTC``.

``HIVE_TODAY=YYYY-MM-DD`` pins "today" so demos, tests and back-dated data
entry are reproducible.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Mapping
from typing import Any

#: The setting that names a center's time zone, and its default.
TIMEZONE_SETTING = "core.timezone"
DEFAULT_TIMEZONE = "Asia/Shanghai"


@functools.cache
def zone(name: str = DEFAULT_TIMEZONE) -> dt.tzinfo:
    """The time zone called ``name`` (an IANA name such as ``Asia/Shanghai``); ValueError if unknown."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # imported on first use: start-up stays small

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(name) from None


def zone_problem(name: Any) -> str | None:
    """What is wrong with ``name`` as a time zone, in words, or None (a setting's check)."""
    from hive.i18n import _

    if not isinstance(name, str) or not name.strip():
        return _("a time zone name such as Asia/Shanghai")
    try:
        zone(name.strip())
    except ValueError:
        return _("a time zone name such as Asia/Shanghai")
    return None


def center_zone(settings: Mapping[str, Any]) -> dt.tzinfo:
    """The zone of a center, from its settings' overrides (no plugin needs loading to know it)."""
    name = settings.get(TIMEZONE_SETTING) or DEFAULT_TIMEZONE
    try:
        return zone(str(name))
    except ValueError:  # a hand-edited setting: keep working on the default clock; `hive check` names it
        return zone(DEFAULT_TIMEZONE)


def today(tz: dt.tzinfo | None = None) -> dt.date:
    """Today in ``tz`` (default: the default center zone), or ``HIVE_TODAY`` when it is set."""
    pinned = os.environ.get("HIVE_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            from hive.errors import InvalidInput
            from hive.i18n import _

            raise InvalidInput(_("HIVE_TODAY '{value}' is not a date as YYYY-MM-DD").format(value=pinned)) from None
    return now(tz).date()


def now(tz: dt.tzinfo | None = None) -> dt.datetime:
    """The current instant to the second, on the clock of ``tz`` (default: the default center zone)."""
    return dt.datetime.now(tz or zone()).replace(microsecond=0)


def local(at: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """``at`` on the clock of ``tz``; a time stored without a zone (old files) is read as UTC."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(tz)
