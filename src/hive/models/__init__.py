"""The records a center keeps, as attrs classes.

Models hold data and its invariants, never storage code: :mod:`hive.converter`
turns them into JSON-ready dicts and back, :mod:`hive.ledger` keeps them.
Every stored record has a string ``id`` given by the ledger when it is added
(empty until then).

Every model is imported from here (``from hive.models import Training``). The
ones most commands use are defined in this module; the others live in its
submodules by subject (:mod:`hive.models.stage`, :mod:`hive.models.lifecycle`,
:mod:`hive.models.history`, :mod:`hive.models.evaluation`,
:mod:`hive.models.kept`), imported when one of their classes is first asked
for: attrs builds each class when its module runs, and building the 21 of them
was a third of what ``hive org list`` spent on hive's own modules.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any

import attrs

from hive import stages
from hive.fields import choice, credit_code, day, flag, phone, ref, resident_id, text
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


# -- choices of the lifecycle around the stages (their records: hive.models.lifecycle) ------------
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


#: Where each model defined in a submodule lives, by name (see :func:`__getattr__`).
LAZY = {
    **dict.fromkeys(("Training", "Registration", "Diagnosis", "Supervision"), "stage"),
    **dict.fromkeys(("Application", "Agreement", "Renewal", "Exit", "Graduation", "Role"), "lifecycle"),
    **dict.fromkeys(("Transition", "FailedCriterion", "Review"), "history"),
    **dict.fromkeys(("Indicator", "Band", "Rubric", "Score", "Assessment"), "evaluation"),
    **dict.fromkeys(("DueDone", "Distinct", "User"), "kept"),
}


def __getattr__(name: str) -> Any:
    """A model of a submodule, imported on first use and kept here (PEP 562)."""
    where = LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'hive.models' has no attribute {name!r}")
    found = getattr(importlib.import_module(f"hive.models.{where}"), name)
    globals()[name] = found
    return found


def __dir__() -> list[str]:
    return sorted({*globals(), *LAZY})


def model_path(name: str) -> str:
    """``"module:Class"`` of a model defined in a submodule, without importing it (a core record type's model)."""
    return f"hive.models.{LAZY[name]}:{name}"


if TYPE_CHECKING:  # (for type checkers: the names above, without importing them)
    from hive.models.evaluation import Assessment, Band, Indicator, Rubric, Score  # noqa: F401
    from hive.models.history import FailedCriterion, Review, Transition  # noqa: F401
    from hive.models.kept import Distinct, DueDone, User  # noqa: F401
    from hive.models.lifecycle import Agreement, Application, Exit, Graduation, Renewal, Role  # noqa: F401
    from hive.models.stage import Diagnosis, Registration, Supervision, Training  # noqa: F401
