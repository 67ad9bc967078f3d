"""The records a center keeps, as attrs classes.

Models hold data and its invariants, never storage code: :mod:`hive.converter`
turns them into JSON-ready dicts and back, :mod:`hive.ledger` keeps them.
Every stored record has a string ``id`` given by the ledger when it is added
(empty until then).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from hive.i18n import N_

# Organization status values: stored as they are, shown through ``_()`` (hence marked).
ACTIVE = N_("active")
SUSPENDED = N_("suspended")
DISSOLVED = N_("dissolved")
STATUSES = (ACTIVE, SUSPENDED, DISSOLVED)


@attrs.frozen
class Center:
    """The center itself: one per file."""

    name: str
    district: str = ""
    community: str = ""
    plugins: list[str] = attrs.field(factory=list)  # enabled plugin names
    settings: dict[str, Any] = attrs.field(factory=dict)  # overrides of declared defaults
    created: dt.date | None = None
    demo: bool = False  # built by ``hive demo``: ``hive demo`` may rebuild it


@attrs.frozen
class Organization:
    id: str
    name: str
    joined: dt.date
    kind: str = ""
    stage: str = "intake"
    stage_since: dt.date | None = None  # when it entered its current stage
    status: str = ACTIVE
    filing_no: str | None = None  # 备案 number from the sub-district office
    uscc: str | None = None  # 统一社会信用代码 after registering with civil affairs


@attrs.frozen
class Person:
    """A resident in the center's registry. Plugins attach profiles by ``person`` id."""

    id: str
    name: str
    phone: str | None = None
    added: dt.date | None = None


@attrs.frozen
class Membership:
    id: str
    org: str
    person: str
    since: dt.date
    backbone: bool = False
    backbone_since: dt.date | None = None  # when a member became a backbone later than ``since``


@attrs.frozen
class Training:
    id: str
    org: str
    date: dt.date
    hours: float
    topic: str
    attendees: list[str] = attrs.field(factory=list)  # person ids


@attrs.frozen
class Registration:
    id: str
    org: str
    date: dt.date
    filing_no: str | None = None
    uscc: str | None = None


@attrs.frozen
class Diagnosis:
    id: str
    org: str
    date: dt.date
    scores: dict[str, int] = attrs.field(factory=dict)  # dimension -> 1..5

    @property
    def mean(self) -> float:
        return sum(self.scores.values()) / len(self.scores) if self.scores else 0.0


@attrs.frozen
class Supervision:
    id: str
    org: str
    date: dt.date
    supervisor: str
    notes: str = ""


@attrs.frozen
class Transition:
    """A change of stage or of status, as it happened."""

    id: str
    org: str
    date: dt.date
    from_stage: str
    to_stage: str
    status: str  # the organization's status after the change
    operator: str
    reason: str
    forced: bool = False  # stages skipped or criteria overridden with --force


@attrs.frozen
class FailedCriterion:
    criterion: str
    reason: str


@attrs.frozen
class Review:
    """The verdict on one organization's readiness to leave its stage, as of a date."""

    id: str
    org: str
    as_of: dt.date
    stage: str
    verdict: str  # "ready" | "not_ready"
    failed: list[FailedCriterion] = attrs.field(factory=list)
    passed: list[str] = attrs.field(factory=list)  # criterion ids
    operator: str = ""
    applied: bool = False


@attrs.frozen
class Event:
    """One line of the append-only audit log: who did what, when."""

    id: str
    at: dt.datetime
    operator: str
    action: str
    record: str = ""
    detail: str = ""
