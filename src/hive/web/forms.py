"""What people type into the workspace's forms, read as the engine's values.

Dates are accepted as ``2026-03-02``, ``2026/3/2``, ``2026.3.2`` or
``2026年3月2日``, in full-width digits too; numbers likewise. A value that
cannot be read raises :class:`hive.errors.InvalidInput` naming the field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from hive import validate
from hive.i18n import _

_DATE = re.compile(r"^(\d{4})\D(\d{1,2})\D(\d{1,2})\D?$")


def date(label: str, text: str, *, required: bool = True) -> dt.date | None:
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    if not cleaned:
        if required:
            raise validate.fail(label, "", _("must not be empty"))
        return None
    found = _DATE.match(cleaned)
    if found:
        try:
            return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            pass
    raise validate.fail(label, text.strip()[:20], _("not a date as YYYY-MM-DD"))


def number(label: str, text: str) -> float:
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    try:
        return float(cleaned)
    except ValueError:
        raise validate.fail(label, text.strip()[:20], _("not a number")) from None
