"""Recording party members, activities, instructors and branches."""

from __future__ import annotations

import datetime as dt
import re

from hive import validate
from hive.errors import Conflict, NotFound
from hive.ledger import Ledger
from hive.models import Organization, Person
from hive.organizations import find_org, org_finder, require_open
from hive.people import find_person, person_finder
from hive_party import _
from hive_party.kinds import KINDS
from hive_party.models import Activity, Branch, Instructor, PartyMember
from hive_party.periods import add_months
from hive_party.settings import JOINT_MAX_ORGS, PROBATION_MONTHS, whole

_BRANCH_ID = re.compile(r"^pb\d+$")


def _not_future(ledger: Ledger, field: str, day: dt.date) -> dt.date:
    if day > ledger.today:
        raise validate.fail(field, day.isoformat(), _("is in the future"))
    return day


def full_since(member: PartyMember, probation_months: int) -> dt.date:
    """The day a member becomes a full member (正式党员), after the probation."""
    return add_months(member.joined, probation_months)


def probation(ledger: Ledger) -> int:
    return whole(ledger.settings, PROBATION_MONTHS, minimum=0)


# -- party members -------------------------------------------------------------------
def add_member(
    ledger: Ledger, person_ref: str, *, joined: dt.date, branch: str = "", reported: bool = False
) -> PartyMember:
    person = find_person(ledger, person_ref)
    _not_future(ledger, "--joined", joined)
    if any(m.person == person.id for m in ledger.all(PartyMember)):
        raise Conflict(_("person '{ref}' is already recorded as a party member").format(ref=person_ref))
    member = PartyMember(
        id="", person=person.id, joined=joined, branch=resolve_branch(ledger, branch), reported=reported
    )
    return ledger.add(member, action="party member add")


def resolve_branch(ledger: Ledger, ref: str) -> str:
    """A recorded branch's id (given its id or exact name), else the name of a branch kept elsewhere."""
    ref = validate.text("--branch", ref, required=False)
    if not ref:
        return ""
    if ledger.find(Branch, ref) is not None:
        return ref
    for branch in ledger.all(Branch):
        if branch.name == ref:
            return branch.id
    if _BRANCH_ID.match(ref):  # looks like an id: a typo, not the name of another branch
        raise NotFound(_("no party branch '{ref}' (see hive party branch add)").format(ref=ref))
    return ref


def branch_name(ledger: Ledger, value: str) -> str:
    """How a member's branch reads: ``name (pb1)`` for a recorded branch, else the name given."""
    branch = ledger.find(Branch, value) if value else None
    return f"{branch.name} ({branch.id})" if branch else value


def member_documents(ledger: Ledger, hours: dict[str, float] | None) -> list[dict]:
    """``party member list --json``: one document per member; ``volunteer_hours`` only with the figure."""
    people = {p.id: p for p in ledger.all(Person)}
    branches = {b.id: b for b in ledger.all(Branch)}
    months = probation(ledger)
    docs = []
    for m in ledger.all(PartyMember):
        recorded = branches.get(m.branch)
        doc = {
            "id": m.id,
            "person": m.person,
            "name": people[m.person].name if m.person in people else "?",
            "joined": m.joined.isoformat(),
            "full": full_since(m, months) <= ledger.today,
            "branch": m.branch or None,
            "branch_name": (recorded.name if recorded else m.branch) or None,
            "reported": m.reported,
        }
        if hours is not None:
            doc["volunteer_hours"] = round(hours.get(m.person, 0.0), 2)
        docs.append(doc)
    return docs


def person_details(ledger: Ledger, person: Person) -> dict | None:
    """The party profile shown by ``hive person show --show-personal``, or None."""
    details: dict = {}
    member = next((m for m in ledger.all(PartyMember) if m.person == person.id), None)
    if member is not None:
        details |= {
            "party_member": True,
            "joined": member.joined.isoformat(),
            "full": full_since(member, probation(ledger)) <= ledger.today,
            "branch": branch_name(ledger, member.branch) or None,
            "reported": member.reported,
        }
    instructs = sorted(org for org, i in current_instructors(ledger).items() if i.person == person.id)
    if instructs:
        details["instructor_of"] = instructs
    return details or None


# -- activities ----------------------------------------------------------------------
def add_activity(
    ledger: Ledger,
    *,
    kind: str,
    date: dt.date,
    topic: str,
    attendees: tuple[str, ...] | list[str] = (),
    orgs: tuple[str, ...] | list[str] = (),
) -> Activity:
    if kind not in KINDS:
        raise validate.fail("--kind", kind, _("expected one of {choices}").format(choices=", ".join(KINDS)))
    _not_future(ledger, "--date", date)
    topic = validate.text("--topic", topic)
    find_p = person_finder(ledger)
    find_o = org_finder(ledger)
    people = list(dict.fromkeys(find_p(ref).id for ref in attendees))
    org_ids = list(dict.fromkeys(find_o(ref).id for ref in orgs))
    activity = Activity(id="", kind=kind, date=date, topic=topic, attendees=people, orgs=org_ids)
    return ledger.add(activity, action="party activity add", detail=kind)


def activities_between(ledger: Ledger, start: dt.date | None, end: dt.date | None) -> list[Activity]:
    if start and end and start > end:
        raise validate.fail("--from", start.isoformat(), _("is after --to ({date})").format(date=end.isoformat()))
    found = [a for a in ledger.all(Activity) if (start is None or a.date >= start) and (end is None or a.date <= end)]
    return sorted(found, key=lambda a: a.date)


# -- instructors and branches ---------------------------------------------------------
def current_instructors(ledger: Ledger, as_of: dt.date | None = None) -> dict[str, Instructor]:
    """Each organization's instructor on ``as_of`` (default today): the latest assignment by then."""
    as_of = as_of or ledger.today
    found: dict[str, Instructor] = {}
    for assignment in ledger.all(Instructor):  # in the order they were recorded: a later one wins a tie
        if assignment.since > as_of:
            continue
        current = found.get(assignment.org)
        if current is None or assignment.since >= current.since:
            found[assignment.org] = assignment
    return found


def assign_instructor(ledger: Ledger, org_ref: str, person_ref: str, *, since: dt.date | None = None) -> Instructor:
    org = find_org(ledger, org_ref)
    require_open(org)
    person = find_person(ledger, person_ref)
    since = _not_future(ledger, "--since", since or ledger.today)
    current = current_instructors(ledger).get(org.id)
    if current is not None and current.person == person.id:
        raise Conflict(
            _("{person} is already the party-building instructor of {org}").format(person=person.id, org=org.id)
        )
    return ledger.add(
        Instructor(id="", org=org.id, person=person.id, since=since), action="party instructor assign", detail=org.id
    )


def branches_by_org(branches: list[Branch], as_of: dt.date) -> tuple[dict[str, Branch], dict[str, Branch]]:
    """(own branch by organization, joint branch by organization) of the branches founded by ``as_of``."""
    own: dict[str, Branch] = {}
    joint: dict[str, Branch] = {}
    for branch in branches:
        if branch.founded > as_of:
            continue
        for org in branch.orgs:
            (joint if branch.joint else own).setdefault(org, branch)
    return own, joint


def add_branch(
    ledger: Ledger, name: str, org_refs: tuple[str, ...] | list[str], *, founded: dt.date | None = None
) -> Branch:
    name = validate.text("name", name)
    founded = _not_future(ledger, "--founded", founded or ledger.today)
    if any(b.name == name for b in ledger.all(Branch)):
        raise Conflict(_("a party branch named '{name}' already exists").format(name=name))
    find = org_finder(ledger)
    orgs: list[Organization] = list({o.id: o for o in map(find, org_refs)}.values())
    if not orgs:
        raise validate.fail("--org", "", _("give the organization of the branch"))
    most = whole(ledger.settings, JOINT_MAX_ORGS)
    if len(orgs) > most:
        raise validate.fail(
            "--org",
            ", ".join(o.id for o in orgs),
            _("a joint party branch has at most {most} organizations, not {count}").format(most=most, count=len(orgs)),
        )
    own, joint = branches_by_org(ledger.all(Branch), dt.date.max)
    for org in orgs:
        require_open(org)
        taken = own.get(org.id) or (joint.get(org.id) if len(orgs) > 1 else None)
        if taken is not None:  # an organization in a joint branch may still set up its own
            raise Conflict(
                _("organization {org} is already in party branch {id} ({name})").format(
                    org=org.id, id=taken.id, name=taken.name
                )
            )
    branch = Branch(id="", name=name, orgs=[o.id for o in orgs], founded=founded)
    return ledger.add(branch, action="party branch add", detail=name)


# -- hive check ---------------------------------------------------------------------------------
def check(ledger: Ledger) -> list:
    """``hive check``'s view of the party records: what they name exists, branches within the limit."""
    from hive.errors import InvalidInput
    from hive.integrity import Problem
    from hive.ledger import CENTER_TABLE

    people = {p.id for p in ledger.all(Person)}
    orgs = {o.id for o in ledger.all(Organization)}
    branches = {b.id for b in ledger.all(Branch)}
    problems: list[Problem] = []

    def refer(table: str, record: str, field: str, refs, known: set[str], target: str) -> None:
        for ref in refs if isinstance(refs, list) else [refs]:
            if ref not in known:
                problems.append(
                    Problem(
                        table,
                        record,
                        _("{field}: no record {ref} in {target}").format(field=field, ref=ref, target=target),
                    )
                )

    seen: dict[str, str] = {}
    for m in ledger.all(PartyMember):
        refer("party_members", m.id, "person", m.person, people, "people")
        if _BRANCH_ID.match(m.branch):  # an id of a branch recorded here; anything else names one elsewhere
            refer("party_members", m.id, "branch", m.branch, branches, "party_branches")
        if m.person in seen:
            problems.append(
                Problem(
                    "party_members",
                    m.id,
                    _("records {person} as a party member again (first in {first})").format(
                        person=m.person, first=seen[m.person]
                    ),
                )
            )
        seen.setdefault(m.person, m.id)
    for a in ledger.all(Activity):
        if a.kind not in KINDS:
            problems.append(Problem("party_activities", a.id, _("kind '{kind}' is unknown").format(kind=a.kind)))
        refer("party_activities", a.id, "attendees", a.attendees, people, "people")
        refer("party_activities", a.id, "orgs", a.orgs, orgs, "organizations")
    for i in ledger.all(Instructor):
        refer("party_instructors", i.id, "org", i.org, orgs, "organizations")
        refer("party_instructors", i.id, "person", i.person, people, "people")
    try:
        most: int | None = whole(ledger.settings, JOINT_MAX_ORGS)
    except InvalidInput as exc:
        most = None
        problems.append(Problem(CENTER_TABLE, "", str(exc)))
    for b in ledger.all(Branch):
        refer("party_branches", b.id, "orgs", b.orgs, orgs, "organizations")
        if not b.orgs:
            problems.append(Problem("party_branches", b.id, _("names no organization")))
        elif most is not None and len(set(b.orgs)) > most:
            problems.append(
                Problem(
                    "party_branches",
                    b.id,
                    _("a joint party branch has at most {most} organizations, not {count}").format(
                        most=most, count=len(set(b.orgs))
                    ),
                )
            )
    return problems
