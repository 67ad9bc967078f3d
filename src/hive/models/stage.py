"""The stage records: trainings, registrations, diagnoses and supervision sessions (hive.records).

Imported when one of them is first asked for (``hive.models.Training``), not by every command.
"""

from __future__ import annotations

import datetime as dt

import attrs

from hive.fields import credit_code, day, hours, ref, text
from hive.frozen import frozen
from hive.i18n import N_


@frozen
class Training:
    id: str
    org: str = ref("organizations", N_("organization"))
    date: dt.date = day(N_("date"), not_future=True, as_of=True)
    hours: float = hours(N_("hours"))
    topic: str = text(N_("topic"))
    attendees: list[str] = ref("people", N_("attendees"), many=True)  # person ids


@frozen
class Registration:
    id: str
    org: str = ref("organizations", N_("organization"))
    date: dt.date = day(N_("date"), not_future=True, as_of=True)
    filing_no: str | None = text(N_("filing number"), required=False, default=None, limit=60)
    uscc: str | None = credit_code(N_("unified social credit code"))


@frozen
class Diagnosis:
    id: str
    org: str = ref("organizations", N_("organization"))
    date: dt.date = day(N_("date"), not_future=True, as_of=True)
    scores: dict[str, int] = attrs.field(factory=dict)  # dimension -> 1..5

    @property
    def mean(self) -> float:
        return sum(self.scores.values()) / len(self.scores) if self.scores else 0.0


@frozen
class Supervision:
    id: str
    org: str = ref("organizations", N_("organization"))
    date: dt.date = day(N_("date"), not_future=True, as_of=True)
    supervisor: str = text(N_("supervisor"))
    notes: str = text(N_("notes"), required=False, limit=4000)
