"""Today's date and the current instant, in one place.

``HIVE_TODAY=YYYY-MM-DD`` pins "today" so demos, tests and back-dated data
entry are reproducible.
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    pinned = os.environ.get("HIVE_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            from hive.errors import InvalidInput
            from hive.i18n import _

            raise InvalidInput(_("HIVE_TODAY '{value}' is not a date as YYYY-MM-DD").format(value=pinned)) from None
    return dt.date.today()


def now() -> dt.datetime:
    """The current instant, UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
