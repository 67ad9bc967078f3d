"""What people type into the workspace's forms, read as the engine's values.

The same reading as the command line's: :mod:`hive.inputs` (dates as
``2026-03-02``, ``2026/3/2``, ``2026年3月2日``, full-width digits; plain
decimal numbers, never ``1_0``, ``1e1`` or ``nan``). A value that cannot be
read raises :class:`hive.errors.InvalidInput` naming the field and the problem.
"""

from __future__ import annotations

import datetime as dt

from hive import inputs, validate
from hive.errors import InvalidInput
from hive.i18n import _


def date(label: str, text: str, *, required: bool = True) -> dt.date | None:
    if not inputs.plain(text or ""):
        if required:
            raise validate.fail(label, "", _("must not be empty"))
        return None
    try:
        return inputs.parse_date(text)
    except inputs.InputProblem as exc:
        raise InvalidInput(f"{label}: {exc}") from None


def number(label: str, text: str) -> float:
    try:
        return float(inputs.parse_number(text or ""))
    except inputs.InputProblem as exc:
        raise InvalidInput(f"{label}: {exc}") from None
