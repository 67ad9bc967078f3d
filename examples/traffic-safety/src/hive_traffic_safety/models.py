"""The records of the traffic-safety project, as attrs classes the ledger stores for us."""

from __future__ import annotations

import datetime as dt

import attrs

from hive.ledger import Collection

RESIDENT = "resident"
VOLUNTEER = "volunteer"
ROLES = (RESIDENT, VOLUNTEER)


@attrs.frozen
class SafetyTeam:
    """A traffic-safety team (文明交通劝导队) set up by a community organization."""

    id: str
    org: str
    name: str
    leader: str  # person id
    since: dt.date
    police_liaison: str = ""  # the officer or unit the team works with


@attrs.frozen
class SafetySession:
    """A session in the community: a talk, a drill at the school gate, a helmet check."""

    id: str
    date: dt.date
    topic: str
    venue: str
    police: str  # the traffic police unit or officer taking part
    hours: float = 1.0
    org: str | None = None  # the organization running it, if any
    team: str | None = None  # its safety team, if any
    social_worker: str = ""  # who recorded it (the operator)


@attrs.frozen
class Attendance:
    """One person at one session, as a resident or as a volunteer helping."""

    id: str
    session: str
    person: str
    role: str = RESIDENT


COLLECTIONS = (
    Collection("traffic_teams", SafetyTeam, "tt"),
    Collection("traffic_sessions", SafetySession, "ts"),
    Collection("traffic_attendance", Attendance, "ta"),
)
