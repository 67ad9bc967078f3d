"""The party-building records, declared once: party members, activities, instructors and branches.

From these declarations the core gives ``hive party member|activity|instructor|branch
show``, ``hive edit``/``void``/``undo``/``show``/``find``, reference and value
checks in ``hive check`` and as-of views in reviews; the rules below judge a
whole record the same way for an add, an edit and ``hive check``. Who is a party
member (and who attended) is personal data: masked unless ``--show-personal``.
"""

from __future__ import annotations

import datetime as dt
import re

from hive import N_, fields
from hive.models import Organization, Person
from hive_party import _, plugin
from hive_party.kinds import KINDS
from hive_party.settings import INSTRUCTOR_PROBATIONARY, JOINT_MAX_ORGS, checked

FOUNDED = dt.date(1921, 7, 1)  # the Party's founding: no one joined before it
ADULT = 18  # years of age a member is at least when joining (党章第一条)
BRANCH_ID = re.compile(r"^pb\d+$")  # a member's branch recorded here; any other text names one elsewhere


def _number(record_id: str) -> int:
    return int(record_id[2:]) if record_id[2:].isdigit() else 0


def member_rule(ledger, member) -> str | None:
    """A person is a party member once (the later record is the mistake); a branch that looks like an id is one."""
    first = [m for m in ledger.where(PartyMember, person=member.person) if m.id != member.id]
    first = [m for m in first if not member.id or _number(m.id) < _number(member.id)]
    if first:
        return _("person: already recorded as a party member ({first})").format(first=first[0].id)
    if BRANCH_ID.match(member.branch) and ledger.find(Branch, member.branch) is None:
        return _("{field}: no record {ref} in {target}").format(
            field=_("branch"), ref=member.branch, target="party_branches"
        )
    if member.joined < FOUNDED:
        return _("joined: {date} is before the Party was founded ({founded})").format(
            date=member.joined.isoformat(), founded=FOUNDED.isoformat()
        )
    from hive.people import birth_date  # the person's ID number, or a volunteer record's

    born = birth_date(ledger, member.person)
    if born is not None and member.joined < _birthday(born, ADULT):
        return _("joined: before their 18th birthday (by their resident ID number)")
    return None


def _birthday(born: dt.date, years: int) -> dt.date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # born on 29 February
        return dt.date(born.year + years, 3, 1)


def instructor_rule(ledger, assignment) -> str | None:
    """An instructor is a full party member on the day of assignment (probationary where the setting allows)."""
    from hive_party.records import is_full, membership

    if ledger.find(Person, assignment.person) is None:
        return None  # the reference check names it
    member = membership(ledger, assignment.person, assignment.since)
    if member is None:
        return _("person: {person} is not a party member on {date} (hive party member add)").format(
            person=assignment.person, date=assignment.since.isoformat()
        )
    if not is_full(ledger, member, assignment.since) and not checked(ledger.settings, INSTRUCTOR_PROBATIONARY):
        return _("person: {person} is still a probationary party member on {date}; an instructor is a full member").format(
            person=assignment.person, date=assignment.since.isoformat()
        )
    return None


def activity_rule(ledger, activity) -> str | None:
    """An activity is held by a branch that was set up by then."""
    branch = ledger.find(Branch, activity.branch) if activity.branch else None
    if branch is not None and branch.founded > activity.date:
        return _("branch: {branch} was set up on {founded}, after {date}").format(
            branch=branch.id, founded=branch.founded.isoformat(), date=activity.date.isoformat()
        )
    return None


def transfer_rule(ledger, transfer) -> str | None:
    """Out only of a member who is in, in only of one who is out; not before joining."""
    from hive_party.records import active_on

    member = ledger.find(PartyMember, transfer.member)
    if member is None:
        return None  # the reference check names it
    if transfer.date < member.joined:
        return _("date: {date} is before they joined ({joined})").format(
            date=transfer.date.isoformat(), joined=member.joined.isoformat()
        )
    earlier = [t for t in ledger.where(Transfer, member=member.id) if t.id != transfer.id and t.date <= transfer.date]
    active = active_on(member, earlier, transfer.date)
    if transfer.direction == OUT and not active:
        return _("{member} has already transferred out").format(member=member.id)
    if transfer.direction == IN and active and earlier:
        return _("{member} has not transferred out").format(member=member.id)
    return None


def branch_rule(ledger, branch) -> str | None:
    """A branch names an organization, a joint one at most ``party.joint_branch_max_orgs``."""
    from hive.errors import InvalidInput

    if not branch.orgs and not branch.committee:
        return _("names no organization")
    try:
        most = checked(ledger.settings, JOINT_MAX_ORGS)
    except InvalidInput:  # a limit damaged by hand: hive check names the setting itself
        return None
    if len(set(branch.orgs)) > most:
        return _("a joint party branch has at most {most} organizations, not {count}").format(
            most=most, count=len(set(branch.orgs))
        )
    return None


# Branches first: a sheet import of the party's records takes the types in this order.
@plugin.record("party_branches", prefix="pb", label=N_("party branch"), command="branch", rules=(branch_rule,))
class Branch:
    """A party branch set up inside one organization, or a joint branch (联合党支部) of several."""

    name: str = fields.text(N_("name"), unique_within=True)
    founded: dt.date = fields.day(N_("founded"), not_future=True, as_of=True)
    orgs: list[str] = fields.ref(Organization, N_("organizations"), many=True)
    committee: bool = fields.flag(N_("community party committee"))  # a branch-like body of no organization

    @property
    def joint(self) -> bool:
        return len(self.orgs) > 1


@plugin.record("party_members", prefix="pm", label=N_("party member"), command="member", rules=(member_rule,))
class PartyMember:
    """A person of the core registry who is a member of the Communist Party of China.

    ``joined`` is the day they were admitted (as a probationary member);
    ``branch`` is the id of a branch recorded here, or the name of a branch
    elsewhere (the community's, an employer's); ``reported`` says whether they
    have reported to the community (双报到).
    """

    person: str = fields.ref(Person, N_("person"), personal=True, editable=False)
    joined: dt.date = fields.day(N_("joined"), not_future=True, as_of=True, personal=True)
    branch: str = fields.text(N_("branch"), required=False, personal=True)
    reported: bool = fields.flag(N_("reported"), personal=True)


@plugin.record(
    "party_activities", prefix="pa", label=N_("party activity"), command="activity", rules=(activity_rule,)
)
class Activity:
    """A party activity that took place: 三会一课, a theme party day, a red culture event..."""

    kind: str = fields.choice(KINDS, N_("kind"))
    date: dt.date = fields.day(N_("date"), not_future=True, as_of=True)
    topic: str = fields.text(N_("topic"))
    attendees: list[str] = fields.ref(Person, N_("attendees"), many=True, personal=True)
    orgs: list[str] = fields.ref(Organization, N_("organizations"), many=True)
    branch: str | None = fields.ref(Branch, N_("party branch"), required=False)  # None: the center's


@plugin.record(
    "party_instructors",
    prefix="pi",
    label=N_("party-building instructor"),
    command="instructor",
    rules=(instructor_rule,),
)
class Instructor:
    """A party-building instructor (党建指导员) assigned to an organization; the latest one counts."""

    org: str = fields.ref(Organization, N_("organization"))
    person: str = fields.ref(Person, N_("person"))
    since: dt.date = fields.day(N_("since"), not_future=True, as_of=True)


IN, OUT = "in", "out"


def absence_rule(ledger, absence) -> str | None:
    """An absence is of a party member on the activity's day, of the branch that held it, who did not attend it."""
    from hive_party.records import membership

    activity = ledger.find(Activity, absence.activity)
    if activity is None:
        return None  # the reference check names it
    if absence.person in activity.attendees:
        return _("{person} attended {activity}: not absent").format(person=absence.person, activity=activity.id)
    member = membership(ledger, absence.person, activity.date)
    if member is None:
        return _("{person} is not a party member on {date}").format(person=absence.person, date=activity.date.isoformat())
    if activity.branch and member.branch and member.branch != activity.branch:  # (the member's branch is not quoted)
        return _("{person} is not a member of {branch}, which held {activity}").format(
            person=absence.person, branch=activity.branch, activity=activity.id
        )
    return None


@plugin.record(
    "party_absences",
    prefix="pab",
    label=N_("absence"),
    command="absence",
    key=("activity", "person"),
    rules=(absence_rule,),
)
class Absence:
    """A party member absent from an activity of their branch, and why (请假...)."""

    activity: str = fields.ref(Activity, N_("party activity"), editable=False)
    person: str = fields.ref(Person, N_("person"), personal=True, unique_within="activity", editable=False)
    reason: str = fields.text(N_("reason"), required=False, limit=400)


@plugin.record(
    "party_transfers", prefix="ptr", label=N_("transfer"), command="transfer", rules=(transfer_rule,)
)
class Transfer:
    """A member's organizational relationship (组织关系) transferred in from, or out to, another party organization."""

    member: str = fields.ref(PartyMember, N_("party member"), editable=False)
    direction: str = fields.choice({IN: N_("transferred in"), OUT: N_("transferred out")}, N_("direction"))
    date: dt.date = fields.day(N_("date"), not_future=True, as_of=True)
    other: str = fields.text(N_("other party organization"))
