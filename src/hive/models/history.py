"""What happened to organizations: stage changes and reviews (hive.lifecycle, hive.review).

Imported when one of them is first asked for (``hive.models.Transition``), not by every command.
"""

from __future__ import annotations

import datetime as dt

import attrs

from hive.fields import choice, day, flag, ref, text
from hive.frozen import frozen
from hive.i18n import N_
from hive.models import STAGE_CHOICES, STATUS_CHOICES


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
