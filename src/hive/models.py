"""The records a center keeps, as attrs classes.

Models hold data and its invariants, never storage code: :mod:`hive.converter`
turns them into JSON-ready dicts and back, :mod:`hive.ledger` keeps them.
Every stored record has a string ``id`` given by the ledger when it is added
(empty until then).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from hive import stages
from hive.fields import choice, credit_code, day, flag, hours, phone, ref, resident_id, text
from hive.frozen import frozen
from hive.i18n import N_

# Organization status values: stored as they are, shown through ``_()`` (hence marked).
ACTIVE = N_("active")
SUSPENDED = N_("suspended")
DISSOLVED = N_("dissolved")
STATUSES = (ACTIVE, SUSPENDED, DISSOLVED)
STATUS_CHOICES = {ACTIVE: ACTIVE, SUSPENDED: SUSPENDED, DISSOLVED: DISSOLVED}
STAGE_CHOICES = {s.id: s.name_en for s in stages.PIPELINE}
# The legal forms a community organization may file or register as (Guangdong's and the Ministry's terms).
ORG_TYPES = {
    "association": N_("social association"),
    "service_agency": N_("social service agency"),
    "other": N_("other"),
}
# How far an organization has grown (萌芽, 初创, 枢纽: the incubation centers' own terms).
DEVELOPMENT_TYPES = {"sprouting": N_("sprouting"), "startup": N_("start-up"), "hub": N_("hub")}


@frozen
class Center:
    """The center itself: one per file."""

    name: str
    district: str = ""
    community: str = ""
    plugins: list[str] = attrs.field(factory=list)  # enabled plugin names
    settings: dict[str, Any] = attrs.field(factory=dict)  # overrides of declared defaults
    created: dt.date | None = None
    demo: bool = False  # built by ``hive demo``: ``hive demo`` may rebuild it


@frozen
class Organization:
    id: str
    name: str = text(N_("name"), unique_within=True)
    joined: dt.date = day(N_("joined"), not_future=True, as_of=True)
    kind: str = text(N_("kind"), required=False)
    # Stage and status change only through advance, suspend, dissolve and reinstate (their history is kept).
    stage: str = choice(STAGE_CHOICES, N_("stage"), default="intake", editable=False)
    stage_since: dt.date | None = day(N_("in stage since"), required=False, editable=False)
    status: str = choice(STATUS_CHOICES, N_("status"), default=ACTIVE, editable=False)
    filing_no: str | None = text(N_("filing number"), required=False, default=None, limit=60)  # 备案 number
    uscc: str | None = credit_code(N_("unified social credit code"))  # after registering with civil affairs
    # The profile (issue 16): who answers for it, how to reach it, what it is, what it does, where.
    responsible: str | None = ref("people", N_("responsible person"), required=False)  # 负责人
    contact_phone: str | None = phone(N_("contact phone"))
    org_type: str | None = choice(ORG_TYPES, N_("organization type"), required=False)
    development: str | None = choice(DEVELOPMENT_TYPES, N_("development type"), required=False)
    # one of the center's setting core.service_categories when that list is not empty
    category: str = text(N_("service category"), required=False)
    venue: str = text(N_("venue"), required=False)


@frozen
class Person:
    """A resident in the center's registry. Plugins attach profiles by ``person`` id."""

    id: str
    name: str = text(N_("full name"))
    phone: str | None = phone(N_("phone"))
    added: dt.date | None = day(N_("added"), required=False, not_future=True, as_of=True)
    id_number: str | None = resident_id(N_("resident ID number"))  # personal; unique among people


@frozen
class Membership:
    id: str
    org: str = ref("organizations", N_("organization"))
    person: str = ref("people", N_("person"), unique_within="org")
    since: dt.date = day(N_("since"), not_future=True, as_of=True)
    backbone: bool = flag(N_("backbone"))
    # when a member became a backbone later than ``since``
    backbone_since: dt.date | None = day(N_("backbone since"), required=False, not_future=True)
    # A member who left (hive member leave) counts until the day before ``left``; a backbone who stopped
    # being one (--backbone-only) counts as a backbone until the day before ``backbone_until``.
    left: dt.date | None = day(N_("left on"), required=False, not_future=True)
    leave_reason: str = text(N_("reason for leaving"), required=False)
    backbone_until: dt.date | None = day(N_("backbone until"), required=False, not_future=True)

    def member_on(self, when: dt.date) -> bool:
        """A member on ``when``: joined by then and not yet left."""
        return self.since <= when and (self.left is None or when < self.left)

    def backbone_on(self, when: dt.date) -> bool:
        """A backbone on ``when``: a member then, a backbone from ``backbone_since`` (or ``since``), not yet stopped."""
        return (
            self.backbone
            and self.member_on(when)
            and (self.backbone_since or self.since) <= when
            and (self.backbone_until is None or when < self.backbone_until)
        )


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


# -- the lifecycle around the stages: application, agreement, renewal, exit, graduation, roles ------
DECISIONS = {"accepted": N_("accepted"), "rejected": N_("rejected")}
INCUBATION_MODES = {"physical": N_("physical"), "virtual": N_("virtual")}
EXIT_REASONS = {
    "term_ended": N_("the agreement ended"),
    "voluntary": N_("left of its own accord"),
    "requirements": N_("no longer meets the requirements"),
    "violation": N_("broke the agreement or the law"),
    "dissolved": N_("dissolved"),
    "other": N_("other"),
}
ROLES = {"responsible": N_("responsible person"), "backbone": N_("backbone"), "member": N_("member")}


@frozen
class Application:
    """An application to be incubated (入驻申请), signed by its initiators (发起人), and the initial review's decision."""

    id: str
    org: str = ref("organizations", N_("organization"))
    received: dt.date = day(N_("received"), not_future=True, as_of=True)
    initiators: list[str] = ref("people", N_("initiators"), many=True)
    purpose: str = text(N_("purpose"), required=False, limit=4000)
    # Set by 'hive org decide' (the audit log keeps who and when).
    decision: str | None = choice(DECISIONS, N_("decision"), required=False, editable=False)
    decided: dt.date | None = day(N_("decided on"), required=False, not_future=True, editable=False)
    decision_reason: str = text(N_("reason for the decision"), required=False, limit=4000, editable=False)


@frozen
class Agreement:
    """An incubation agreement (入驻协议): its term, and a desk or room, or virtual incubation without one."""

    id: str
    org: str = ref("organizations", N_("organization"))
    start: dt.date = day(N_("start"), as_of=True)
    until: dt.date = day(N_("until"))  # the last day of the term; renewals extend it
    mode: str = choice(INCUBATION_MODES, N_("incubation"), default="physical")
    space: str = text(N_("desk or room"), required=False)


@frozen
class Renewal:
    """A renewal (续驻) of an agreement: the new last day of its term."""

    id: str
    org: str = ref("organizations", N_("organization"))
    agreement: str = ref("agreements", N_("agreement"))
    date: dt.date = day(N_("date"), not_future=True, as_of=True)
    until: dt.date = day(N_("until"))
    note: str = text(N_("note"), required=False, limit=4000)


@frozen
class Exit:
    """An organization leaving incubation (退驻): why, and the day its desk, keys and files are handed back."""

    id: str
    org: str = ref("organizations", N_("organization"))
    date: dt.date = day(N_("date"), not_future=True, as_of=True)
    reason: str = choice(EXIT_REASONS, N_("reason"))
    handover: dt.date = day(N_("handover by"))
    note: str = text(N_("note"), required=False, limit=4000)


@frozen
class Graduation:
    """Graduation (出壳): the day, and the assessment it rested on when there was one."""

    id: str
    org: str = ref("organizations", N_("organization"))
    date: dt.date = day(N_("date"), not_future=True, as_of=True)
    assessment: str | None = ref("assessments", N_("assessment"), required=False)
    note: str = text(N_("note"), required=False, limit=4000)


@frozen
class Role:
    """A member's role in an organization (负责人, 骨干, 成员) from ``since`` until the day before ``until``."""

    id: str
    org: str = ref("organizations", N_("organization"))
    person: str = ref("people", N_("person"))
    role: str = choice(ROLES, N_("role"))
    since: dt.date = day(N_("since"), not_future=True, as_of=True)
    until: dt.date | None = day(N_("until"), required=False, not_future=True)

    def held_on(self, when: dt.date) -> bool:
        return self.since <= when and (self.until is None or when < self.until)


@frozen
class Transition:
    """A change of stage or of status, as it happened."""

    id: str
    org: str = ref("organizations", N_("organization"))
    date: dt.date = day(N_("date"), as_of=True)
    from_stage: str = choice(STAGE_CHOICES, N_("from stage"))
    to_stage: str = choice(STAGE_CHOICES, N_("to stage"))
    status: str = choice(STATUS_CHOICES, N_("status"))  # the organization's status after the change
    operator: str = text(N_("operator"))
    reason: str = text(N_("reason"), required=False, limit=4000)
    forced: bool = flag(N_("forced"))  # stages skipped or criteria overridden with --force


@frozen
class FailedCriterion:
    criterion: str
    reason: str


@frozen
class Review:
    """The verdict on one organization's readiness to leave its stage, as of a date."""

    id: str
    org: str = ref("organizations", N_("organization"))
    as_of: dt.date = day(N_("as of"), as_of=True)
    stage: str = choice(STAGE_CHOICES, N_("stage"))
    verdict: str = text(N_("verdict"))  # "ready" | "not_ready"
    failed: list[FailedCriterion] = attrs.field(factory=list)
    passed: list[str] = attrs.field(factory=list)  # criterion ids
    operator: str = ""
    applied: bool = False


@frozen
class Event:
    """One line of the append-only audit log: who did what, when."""

    id: str
    at: dt.datetime
    operator: str
    action: str
    record: str = ""
    detail: str = ""
    # field -> [before, after] of an edit (personal values masked where shown unless asked)
    changes: dict[str, list[Any]] | None = None


@frozen
class Void:
    """A record taken out of every count, review, report and listing, with why. The record itself stays."""

    id: str
    record: str = ref("*", N_("record"))
    table: str = text(N_("table"))
    reason: str = text(N_("reason"), limit=4000)
    date: dt.date = day(N_("date"), as_of=True)
    operator: str = text(N_("operator"))


@frozen
class Change:
    """What one command changed, so that ``hive undo`` can reverse it.

    ``added``: table -> ranges ``[first, last]`` of document numbers the command
    added; ``before``: table -> number -> the document as it was before the
    command replaced or removed it (the center is table ``center``);
    ``records``: the ids of the records the command was about (what it voided).
    """

    id: str
    at: dt.datetime
    operator: str
    actions: list[str] = attrs.field(factory=list)
    added: dict[str, list[list[int]]] = attrs.field(factory=dict)
    before: dict[str, dict[str, dict[str, Any]]] = attrs.field(factory=dict)
    records: list[str] = attrs.field(factory=list)
    undoes: str | None = None  # this change reversed change ``undoes``
    undone_by: str | None = None


@frozen
class User:
    """Someone who may log in to ``hive serve``: a name, a role and a password hash (never the password)."""

    id: str
    name: str
    role: str  # "admin" | "staff" | "viewer"
    password: str  # the KDF's output with its parameters (hive.users.hash_password)
    added: dt.date | None = None
    disabled: bool = False  # may not log in (kept: the audit log names them as operator)


# -- evaluation: rubrics and assessments (hive.rubric, hive.assessment) -----------------------------
@frozen
class Indicator:
    """One indicator: its code (``1.2``), its parent's code (None at the top), title, maximum points, method."""

    code: str
    title: str
    maximum: float
    parent: str | None = None
    method: str = ""


@frozen
class Band:
    """A band (``5A``) and the lowest total that reaches it."""

    name: str
    minimum: float


@frozen
class Rubric:
    """An indicator tree with its bands, as stored (``rubrics``; ``id`` given by the ledger)."""

    id: str
    name: str
    title: str
    indicators: list[Indicator] = attrs.field(factory=list)
    bands: list[Band] = attrs.field(factory=list)  # highest first
    example: bool = False  # shipped with hive as an example, not an official scheme
    source: str = ""  # the file it was loaded from, or where it comes from

    @property
    def by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    def children(self, code: str | None) -> list[Indicator]:
        return [i for i in self.indicators if i.parent == code]

    @property
    def leaves(self) -> list[Indicator]:
        parents = {i.parent for i in self.indicators}
        return [i for i in self.indicators if i.code not in parents]

    @property
    def total(self) -> float:
        return sum(i.maximum for i in self.children(None))

    def depth(self, code: str) -> int:
        found, level = self.by_code, 1
        parent = found[code].parent
        while parent is not None:
            level += 1
            parent = found[parent].parent
        return level

    def band(self, total: float) -> str | None:
        """The highest band ``total`` reaches, or None below the lowest."""
        for band in sorted(self.bands, key=lambda b: -b.minimum):
            if total >= band.minimum - 1e-9:
                return band.name
        return None

    def totals(self, leaf_scores: Mapping[str, float]) -> dict[str, float]:
        """Each indicator's points: a leaf's score, a parent's the sum of its children's."""
        found: dict[str, float] = {}

        def points(code: str) -> float:
            if code not in found:
                kids = self.children(code)
                found[code] = sum(points(k.code) for k in kids) if kids else float(leaf_scores.get(code, 0.0))
            return found[code]

        for indicator in self.indicators:
            points(indicator.code)
        return found


@frozen
class Score:
    """One scored (leaf) indicator: the panel's points, the self score, and why points were deducted."""

    indicator: str
    panel: float
    self_score: float | None = None
    reason: str = ""


@frozen
class Assessment:
    """An assessment as recorded (``assessments``): who assessed whom, with which rubric, when, and the scores."""

    id: str
    org: str
    rubric: str  # the rubric's id
    date: dt.date
    scores: list[Score] = attrs.field(factory=list)
    assessors: list[str] = attrs.field(factory=list)
    total: float = 0.0  # the panel's total
    self_total: float | None = None
    band: str | None = None
    operator: str = ""
    note: str = ""


# -- kept by hand: ticked-off due items (hive.due), people judged distinct (hive.duplicate_people) ----
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
