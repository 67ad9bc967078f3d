"""The volunteer records, as attrs classes (stored by the core's ledger)."""

from __future__ import annotations

import datetime as dt

import attrs

from hive.i18n import N_
from hive.ledger import Collection

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
STATUSES = (PENDING, APPROVED, REJECTED)
STATUS_NAMES = (N_("pending"), N_("approved"), N_("rejected"))  # translated where shown


@attrs.frozen
class Volunteer:
    """A person of the core registry who registered as a volunteer.

    The record's id is the volunteer number shown on certificates.
    ``id_number`` is the resident ID number (GB 11643), personal data.
    """

    id: str
    person: str
    registered: dt.date
    skills: list[str] = attrs.field(factory=list)
    id_number: str | None = None


@attrs.frozen
class TeamMember:
    person: str
    since: dt.date


@attrs.frozen
class Team:
    """A volunteer team (志愿者队伍) of the center (``org`` None) or of an organization."""

    id: str
    name: str
    founded: dt.date
    org: str | None = None
    leader: str | None = None  # a person id
    members: list[TeamMember] = attrs.field(factory=list)


@attrs.frozen
class ServiceRecord:
    """Hours of volunteer service on one day, and their approval.

    ``team`` and ``org`` say whom the service was for (either, both or
    neither: then the center itself). Only approved records count.
    """

    id: str
    person: str
    date: dt.date
    hours: float
    activity: str
    recorder: str
    team: str | None = None
    org: str | None = None
    place: str = ""
    status: str = PENDING
    decided_by: str | None = None
    decided_on: dt.date | None = None
    reason: str = ""


@attrs.frozen
class Certificate:
    """A service certificate (志愿服务证明) as issued: who, which records, by whom."""

    id: str
    number: str
    person: str
    volunteer: str
    issued: dt.date
    operator: str
    signatory: str
    hours: float
    records: list[str] = attrs.field(factory=list)
    period_from: dt.date | None = None
    period_to: dt.date | None = None


COLLECTIONS = (
    Collection("volunteers", Volunteer, "v", personal=("id_number",)),
    Collection("volunteer_teams", Team, "vt"),
    Collection("volunteer_records", ServiceRecord, "vr"),
    Collection("volunteer_certificates", Certificate, "vc"),
)
