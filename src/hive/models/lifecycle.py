"""The lifecycle around the stages: application, agreement, renewal, exit, graduation, roles (hive.incubation).

Imported when one of them is first asked for (``hive.models.Application``), not by every command.
"""

from __future__ import annotations

import datetime as dt

from hive.fields import choice, day, ref, text
from hive.frozen import frozen
from hive.i18n import N_
from hive.models import DECISIONS, EXIT_REASONS, INCUBATION_MODES, ROLES


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
