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
        return dt.date.fromisoformat(pinned)
    return dt.date.today()


def now() -> dt.datetime:
    """The current instant, UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
