"""Recording party members, activities, instructors and branches through the record layer.

What was typed is parsed and judged by the declarations of
:mod:`hive_party.models` (the same rules ``hive edit`` and ``hive check``
apply); only what concerns the moment of recording is written here: an
organization dissolved, an instructor assigned again, an organization already
in a branch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from hive.errors import Conflict, InvalidInput, NotFound
from hive import N_
from hive_party import _, plugin
from hive_party.models import IN, OUT, Absence, Activity, Branch, Instructor, PartyMember, Transfer
from hive_party.periods import add_months
from hive_party.settings import PROBATION_MONTHS, checked

if TYPE_CHECKING:
    from hive.ledger import Ledger


def enter(
    ledger: Ledger,
    model: type,
    typed: Mapping[str, Any],
    *,
    action: str,
    detail: str = "",
    before: Callable[[Any], None] | None = None,
) -> Any:
    """A record of ``model`` from what was typed, judged by its declaration (and ``before``), added."""
    from hive.entry import build
    from hive.rules import require_valid

    record_type = ledger.registry.by_model[model]
    record = build(ledger, record_type, {k: v for k, v in typed.items() if v is not None})
    if before is not None:
        before(record)
    return ledger.add(require_valid(ledger, record_type, record), action=action, detail=detail)


def full_since(member: PartyMember, probation_months: int) -> dt.date:
    """The day a member becomes a full member (正式党员), after the probation."""
    return add_months(member.joined, probation_months)


def probation(ledger) -> int:
    return checked(ledger.settings, PROBATION_MONTHS)


def is_full(ledger, member: PartyMember, day: dt.date | None = None) -> bool:
    return full_since(member, probation(ledger)) <= (day or ledger.today)


def active_on(member: PartyMember, transfers, day: dt.date) -> bool:
    """A member counts on ``day``: joined by then, and not transferred out (a member transferred in counts from then)."""
    if member.joined > day:
        return False
    moves = sorted((t for t in transfers if t.member == member.id), key=lambda t: (t.date, t.id))
    before = [t for t in moves if t.date <= day]
    if before:
        return before[-1].direction == IN
    return not moves or moves[0].direction == OUT


def membership(ledger, person: str, day: dt.date | None = None) -> PartyMember | None:
    """The person's party member record if they count on ``day`` (default today), else None."""
    day = day or ledger.today
    member = next(iter(ledger.where(PartyMember, person=person)), None)
    if member is None or not active_on(member, ledger.where(Transfer, member=member.id), day):
        return None
    return member


def left_on(ledger, member: PartyMember) -> dt.date | None:
    """The day a member transferred out, if they are out today."""
    moves = sorted(ledger.where(Transfer, member=member.id), key=lambda t: (t.date, t.id))
    return moves[-1].date if moves and moves[-1].direction == OUT else None


# -- party members -------------------------------------------------------------------
def add_member(ledger: Ledger, person: str, *, joined: str, branch: str = "", reported: bool = False) -> PartyMember:
    typed = {"person": person, "joined": joined, "branch": resolve_branch(ledger, branch), "reported": reported}
    return enter(ledger, PartyMember, typed, action="party member add")


def resolve_branch(ledger: Ledger, typed: str | None) -> str:
    """A recorded branch's id (given its id or exact name), else the text: the name of a branch kept elsewhere."""
    ref = (typed or "").strip()
    found = ledger.find(Branch, ref) or next(iter(ledger.where(Branch, name=ref)), None) if ref else None
    return found.id if found is not None else ref


def branch_name(ledger, value: str) -> str:
    """How a member's branch reads: ``name (pb1)`` for a recorded branch, else the name given."""
    branch = ledger.find(Branch, value) if value else None
    return f"{branch.name} ({branch.id})" if branch else value


def member_documents(ledger: Ledger, hours: dict[str, float] | None) -> list[dict]:
    """``party member list --json``: the core's document of each member, with name, full and branch name."""
    from hive import views
    from hive.models import Person

    record_type = ledger.registry.by_model[PartyMember]
    docs = []
    for m in ledger.all(PartyMember):
        recorded = ledger.find(Branch, m.branch) if m.branch else None
        person = ledger.find(Person, m.person)
        doc = views.document(ledger, record_type, m, show_personal=True)  # hive party commands show membership
        doc |= {
            "name": person.name if person else "?",
            "full": is_full(ledger, m),
            "branch": m.branch or None,
            "branch_name": (recorded.name if recorded else m.branch) or None,
            "left": (left := left_on(ledger, m)) and left.isoformat(),
            **attendance(ledger, m, ledger.today.year),
        }
        if hours is not None:
            doc["volunteer_hours"] = round(hours.get(m.person, 0.0), 2)
        docs.append(doc)
    return docs


@plugin.hook
def hive_person_details(ledger, person, show_personal) -> dict | None:
    """The party profile of ``hive person show --show-personal``; nothing at all without it, not even masked."""
    if not show_personal:
        return None
    details: dict = {}  # keys English in --json, translated where person show prints them
    member = next(iter(ledger.where(PartyMember, person=person.id)), None)
    if member is not None:
        details |= {
            N_("party_member"): True,
            N_("joined"): member.joined.isoformat(),
            N_("full"): is_full(ledger, member),
            N_("branch"): branch_name(ledger, member.branch) or None,
            N_("reported"): member.reported,
        }
    instructs = sorted(org for org, i in current_instructors(ledger).items() if i.person == person.id)
    if instructs:
        details[N_("instructor_of")] = instructs
    return details or None


def attendance(ledger, member: PartyMember, year: int) -> dict[str, int]:
    """``attended`` of the ``expected`` activities of the member's branch in ``year`` (while a member), ``absent``."""
    transfers = ledger.where(Transfer, member=member.id)
    held = [
        a
        for a in ledger.all(Activity)
        if a.date.year == year and a.branch and a.branch == member.branch and active_on(member, transfers, a.date)
    ]
    attended = sum(1 for a in held if member.person in a.attendees)
    absent = sum(1 for a in held if ledger.where(Absence, activity=a.id, person=member.person))
    return {"attended": attended, "expected": len(held), "absent": absent}


# -- activities ----------------------------------------------------------------------
def add_activity(ledger: Ledger, typed: Mapping[str, Any]) -> Activity:
    return enter(ledger, Activity, typed, action="party activity add", detail=str(typed.get("kind", "")))


def attend(ledger: Ledger, activity_ref: str, people: tuple[str, ...], *, absent: bool, reason: str) -> list[str]:
    """Record who attended an activity, or (``absent``) which party members missed it and why; the ids touched."""
    from hive.models import Person
    from hive.resolve import resolve

    activity = resolve(ledger, Activity, activity_ref)
    persons = list(dict.fromkeys(resolve(ledger, Person, ref).id for ref in people))
    absences = {x.person: x for x in ledger.where(Absence, activity=activity.id)}
    for pid in persons:
        if pid in absences:
            raise Conflict(
                _("{person} is recorded absent from {activity} ({id}); void it first").format(
                    person=pid, activity=activity.id, id=absences[pid].id
                )
            )
    if not absent:
        after = list(dict.fromkeys([*activity.attendees, *persons]))
        changes = {"attendees": [list(activity.attendees), after]}
        ledger.replace(attrs.evolve(activity, attendees=after), action="party attend", detail=activity.id, changes=changes)
        return [activity.id]
    found = []
    for pid in persons:  # (a member of the branch on the day, who did not attend: absence_rule)
        typed = {"activity": activity.id, "person": pid, "reason": reason}
        found.append(enter(ledger, Absence, typed, action="party attend --absent", detail=activity.id).id)
    return found


def transfer(ledger: Ledger, person: str, direction: str, *, date: str, other: str, joined: str | None = None, branch: str = "") -> Any:
    """A transfer in (a new member from elsewhere when they have no record yet) or out."""
    from hive.models import Person
    from hive.resolve import resolve

    found = resolve(ledger, Person, person)
    member = next(iter(ledger.where(PartyMember, person=found.id)), None)
    if member is None and direction == IN:
        if not joined:
            raise InvalidInput(_("--joined: give the day a member transferred in joined the party"))
        member = add_member(ledger, found.id, joined=joined, branch=branch)
    elif member is None:
        raise NotFound(_("{person} is not recorded as a party member").format(person=found.id))
    typed = {"member": member.id, "direction": direction, "date": date, "other": other}
    return enter(ledger, Transfer, typed, action=f"party transfer {direction}", detail=member.id)


# -- instructors and branches ---------------------------------------------------------
def current_instructors(ledger, as_of: dt.date | None = None) -> dict[str, Instructor]:
    """Each organization's instructor on ``as_of`` (default today): the latest assignment by then."""
    as_of = as_of or ledger.today
    found: dict[str, Instructor] = {}
    for assignment in ledger.all(Instructor):  # in the order they were recorded: a later one wins a tie
        current = found.get(assignment.org)
        if assignment.since <= as_of and (current is None or assignment.since >= current.since):
            found[assignment.org] = assignment
    return found


def _open(ledger: Ledger, orgs: list[str]) -> None:
    from hive.models import Organization
    from hive.organizations import require_open

    for org in orgs:
        require_open(ledger.get(Organization, org))


def assign_instructor(ledger: Ledger, org: str, person: str, *, since: str | None = None) -> Instructor:
    def before(assignment: Instructor) -> None:
        _open(ledger, [assignment.org])
        current = current_instructors(ledger).get(assignment.org)
        if current is not None and current.person == assignment.person:
            raise Conflict(
                _("{person} is already the party-building instructor of {org}").format(
                    person=assignment.person, org=assignment.org
                )
            )

    typed = {"org": org, "person": person, "since": since}
    return enter(ledger, Instructor, typed, action="party instructor assign", detail=org, before=before)


def branches_by_org(branches: list[Branch]) -> tuple[dict[str, Branch], dict[str, Branch]]:
    """(own branch by organization, joint branch by organization) of ``branches``."""
    own: dict[str, Branch] = {}
    joint: dict[str, Branch] = {}
    for branch in branches:
        for org in branch.orgs:
            (joint if branch.joint else own).setdefault(org, branch)
    return own, joint


def add_branch(
    ledger: Ledger, name: str, orgs: tuple[str, ...], *, founded: str | None = None, committee: bool = False
) -> Branch:
    def before(branch: Branch) -> None:
        _open(ledger, branch.orgs)
        own, joint = branches_by_org(ledger.all(Branch))
        for org in branch.orgs:
            taken = own.get(org) or (joint.get(org) if branch.joint else None)
            if taken is not None:  # an organization in a joint branch may still set up its own
                raise Conflict(
                    _("organization {org} is already in party branch {id} ({name})").format(
                        org=org, id=taken.id, name=taken.name
                    )
                )

    typed = {"name": name, "orgs": list(orgs), "founded": founded, "committee": committee}
    return enter(ledger, Branch, typed, action="party branch add", detail=name.strip(), before=before)
