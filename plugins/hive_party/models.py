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
from hive_party.settings import JOINT_MAX_ORGS, checked

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
    return None


def branch_rule(ledger, branch) -> str | None:
    """A branch names an organization, a joint one at most ``party.joint_branch_max_orgs``."""
    from hive.errors import InvalidInput

    if not branch.orgs:
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


@plugin.record("party_activities", prefix="pa", label=N_("party activity"), command="activity")
class Activity:
    """A party activity that took place: 三会一课, a theme party day, a red culture event..."""

    kind: str = fields.choice(KINDS, N_("kind"))
    date: dt.date = fields.day(N_("date"), not_future=True, as_of=True)
    topic: str = fields.text(N_("topic"))
    attendees: list[str] = fields.ref(Person, N_("attendees"), many=True, personal=True)
    orgs: list[str] = fields.ref(Organization, N_("organizations"), many=True)


@plugin.record("party_instructors", prefix="pi", label=N_("party-building instructor"), command="instructor")
class Instructor:
    """A party-building instructor (党建指导员) assigned to an organization; the latest one counts."""

    org: str = fields.ref(Organization, N_("organization"))
    person: str = fields.ref(Person, N_("person"))
    since: dt.date = fields.day(N_("since"), not_future=True, as_of=True)
