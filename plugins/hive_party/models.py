"""The party-building records, as attrs classes (stored by the core's ledger)."""

from __future__ import annotations

import datetime as dt

import attrs

from hive.ledger import Collection


@attrs.frozen
class PartyMember:
    """A person of the core registry who is a member of the Communist Party of China.

    ``joined`` is the day they were admitted (as a probationary member);
    ``branch`` is the id of a branch recorded here, or the name of a branch
    elsewhere (the community's, an employer's); ``reported`` says whether they
    have reported to the community (双报到).
    """

    id: str
    person: str
    joined: dt.date
    branch: str = ""
    reported: bool = False


@attrs.frozen
class Activity:
    """A party activity that took place: 三会一课, a theme party day, a red culture event..."""

    id: str
    kind: str
    date: dt.date
    topic: str
    attendees: list[str] = attrs.field(factory=list)  # person ids
    orgs: list[str] = attrs.field(factory=list)  # organization ids


@attrs.frozen
class Instructor:
    """A party-building instructor (党建指导员) assigned to an organization; the latest one counts."""

    id: str
    org: str
    person: str
    since: dt.date


@attrs.frozen
class Branch:
    """A party branch set up inside one organization, or a joint branch (联合党支部) of several."""

    id: str
    name: str
    orgs: list[str]
    founded: dt.date

    @property
    def joint(self) -> bool:
        return len(self.orgs) > 1


COLLECTIONS = (
    Collection("party_members", PartyMember, "pm", personal=("person", "joined", "branch", "reported")),
    Collection("party_activities", Activity, "pa", personal=("attendees",)),
    Collection("party_instructors", Instructor, "pi"),
    Collection("party_branches", Branch, "pb"),
)
