"""Kept by hand: ticked-off due items (hive.due), people judged distinct (hive.duplicate_people), the web workspace's users (hive.users).

Imported when one of them is first asked for (``hive.models.DueDone``), not by every command.
"""

from __future__ import annotations

import datetime as dt

from hive.fields import day, ref, text
from hive.frozen import frozen
from hive.i18n import N_


@frozen
class DueDone:
    """An item of ``hive due`` ticked off by hand: its key, when, by whom and why."""

    id: str
    key: str
    date: dt.date
    operator: str
    note: str = ""


@frozen
class Distinct:
    """Two people judged not to be the same resident: ``hive person duplicates`` proposes them no more."""

    id: str
    person: str = ref("people", N_("person"), editable=False)
    other: str = ref("people", N_("other person"), editable=False)
    date: dt.date = day(N_("date"), as_of=True)
    operator: str = text(N_("operator"))


@frozen
class User:
    """Someone who may log in to ``hive serve``: a name, a role and a password hash (never the password)."""

    id: str
    name: str
    role: str  # "admin" | "staff" | "viewer"
    password: str  # the KDF's output with its parameters (hive.users.hash_password)
    added: dt.date | None = None
    disabled: bool = False  # may not log in (kept: the audit log names them as operator)
