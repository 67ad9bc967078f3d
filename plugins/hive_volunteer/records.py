"""Volunteers, teams and service records: the rules, without printing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from hive import validate
from hive.errors import Conflict, InvalidInput, NotFound
from hive.i18n import N_
from hive.ledger import Ledger
from hive.models import Organization, Person
from hive.organizations import find_org, require_open
from hive.people import find_person, person_finder
from hive_volunteer import _, idnumber
from hive_volunteer.models import APPROVED, PENDING, REJECTED, ServiceRecord, Team, TeamMember, Volunteer
from hive_volunteer.settings import SEPARATE_APPROVER, star_hours

MAX_DAY_HOURS = 24.0


def fmt(hours: float) -> str:
    return f"{hours:.1f}" if round(hours, 1) == round(hours, 2) else f"{hours:.2f}"


# -- volunteers -------------------------------------------------------------------------------------
def volunteers_by_person(ledger: Ledger) -> dict[str, Volunteer]:
    return {v.person: v for v in ledger.all(Volunteer)}


def volunteer_of(ledger: Ledger, person_id: str) -> Volunteer | None:
    """The volunteer profile of one person (a lookup: the other volunteers are not read)."""
    found = ledger.where(Volunteer, person=person_id)
    return found[0] if found else None


def not_a_volunteer(person: Person) -> Conflict:
    return Conflict(
        _("{id} ({name}) is not a registered volunteer; run 'hive volunteer add {id}' first").format(
            id=person.id, name=person.name
        )
    )


def volunteer_finder(ledger: Ledger) -> Callable[[str], tuple[Person, Volunteer]]:
    """Resolve many person references (id or unique name) to registered volunteers, with indexes built once."""
    find = person_finder(ledger)

    def resolve(ref: str) -> tuple[Person, Volunteer]:
        person = find(ref)
        found = volunteer_of(ledger, person.id)
        if found is None:
            raise not_a_volunteer(person)
        return person, found

    return resolve


def add_volunteer(
    ledger: Ledger,
    person_ref: str,
    *,
    phone: str | None = None,
    id_number: str | None = None,
    skills: Iterable[str] = (),
) -> Volunteer:
    person = find_person(ledger, person_ref)
    skills = list(dict.fromkeys(validate.text("--skill", s) for s in skills))
    number = idnumber.clean(id_number, ledger.today) if id_number else None
    phone = validate.phone(phone) if phone else None
    if ledger.where(Volunteer, person=person.id):
        raise Conflict(_("{id} ({name}) is already a registered volunteer").format(id=person.id, name=person.name))
    if number and ledger.where(Volunteer, id_number=number):
        raise Conflict(_("another volunteer is already registered with this ID number"))
    if phone and person.phone != phone:
        if person.phone:
            raise Conflict(
                _("{id} already has another phone number; the registry keeps the one it has").format(id=person.id)
            )
        ledger.replace(attrs.evolve(person, phone=phone), action="person phone", detail="volunteer add")
    volunteer = Volunteer(id="", person=person.id, registered=ledger.today, skills=skills, id_number=number)
    return ledger.add(volunteer, action="volunteer add")


# -- teams ------------------------------------------------------------------------------------------
def team_finder(ledger: Ledger) -> Callable[[str], Team]:
    """Teams by id or exact name, names indexed once."""
    by_name: dict[str, Team] | None = None

    def find(ref: str) -> Team:
        nonlocal by_name
        found = ledger.find(Team, ref)
        if found is not None:
            return found
        if by_name is None:
            by_name = {}
            for team in ledger.all(Team):
                by_name.setdefault(team.name, team)
        found = by_name.get(ref.strip())
        if found is None:
            raise NotFound(_("no volunteer team '{ref}' (give an id or the exact name)").format(ref=ref))
        return found

    return find


def find_team(ledger: Ledger, ref: str) -> Team:
    return team_finder(ledger)(ref)


def add_team(ledger: Ledger, name: str, *, org_ref: str | None = None, leader_ref: str | None = None) -> Team:
    name = validate.text("name", name)
    if any(t.name == name for t in ledger.all(Team)):
        raise Conflict(_("a volunteer team named '{name}' already exists").format(name=name))
    org = None
    if org_ref:
        org = find_org(ledger, org_ref)
        require_open(org)
    members = []
    leader = None
    if leader_ref:
        person, _v = volunteer_finder(ledger)(leader_ref)
        leader = person.id
        members.append(TeamMember(person=person.id, since=ledger.today))
    team = Team(id="", name=name, founded=ledger.today, org=org.id if org else None, leader=leader, members=members)
    return ledger.add(team, action="volunteer team add", detail=name)


def join_team(ledger: Ledger, team_ref: str, person_refs: Iterable[str]) -> Team:
    team = find_team(ledger, team_ref)
    resolve = volunteer_finder(ledger)
    present = {m.person for m in team.members}
    joined = []
    for ref in person_refs:
        person, _v = resolve(ref)
        if person.id in present:
            raise Conflict(_("{person} is already a member of {team}").format(person=person.id, team=team.id))
        present.add(person.id)
        joined.append(TeamMember(person=person.id, since=ledger.today))
    if not joined:
        raise InvalidInput(_("name at least one person to join the team"))
    return ledger.replace(
        attrs.evolve(team, members=[*team.members, *joined]),
        action="volunteer team join",
        detail=",".join(m.person for m in joined),
    )


def team_documents(ledger: Ledger) -> list[dict[str, Any]]:
    people = names_of(ledger, Person)
    orgs = names_of(ledger, Organization)
    hours = approved_by(ledger, "team")
    return [
        {
            "id": t.id,
            "name": t.name,
            "org": t.org,
            "org_name": orgs.get(t.org) if t.org else None,
            "leader": t.leader,
            "leader_name": people.get(t.leader) if t.leader else None,
            "members": [
                {"person": m.person, "name": people.get(m.person, "?"), "since": m.since.isoformat()} for m in t.members
            ],
            "founded": t.founded.isoformat(),
            "approved_hours": round(hours.get(t.id, 0.0), 2),
        }
        for t in ledger.all(Team)
    ]


# -- service records --------------------------------------------------------------------------------
def names_of(ledger: Ledger, model: type) -> dict[str, str]:
    """Id -> name of every record of ``model``, read without turning the records into objects."""
    return dict(ledger.values(model, "id", "name"))


def day_hours(ledger: Ledger) -> dict[tuple[str, dt.date], float]:
    """Hours already recorded per (person, day), pending and approved (rejected ones do not count)."""
    totals: dict[tuple[str, dt.date], float] = defaultdict(float)
    for person, date, hours, status in ledger.values(ServiceRecord, "person", "date", "hours", "status"):
        if status != REJECTED:
            totals[(person, date)] += hours
    return totals


def hours_on(ledger: Ledger, person_id: str, date: dt.date) -> float:
    """Hours ``person_id`` already has on ``date``, pending and approved: that person's day only is read."""
    return sum(
        hours
        for hours, status in ledger.values(ServiceRecord, "hours", "status", person=person_id, date=date)
        if status != REJECTED
    )


def day_problem(already: float, hours: float) -> str | None:
    if round(already + hours, 2) > MAX_DAY_HOURS:
        return _("{hours} h would make {total} h on that day; a day has at most 24 h of service").format(
            hours=fmt(hours), total=fmt(already + hours)
        )
    return None


def served(team: Team | None, org: Organization | None) -> tuple[str | None, str | None]:
    """The team and organization a record is for; a team of one organization serves that organization."""
    if team is not None and team.org:
        if org is not None and org.id != team.org:
            raise InvalidInput(
                _("team {team} belongs to organization {owner}, not {org}").format(
                    team=team.id, owner=team.org, org=org.id
                )
            )
        return team.id, team.org
    return (team.id if team else None), (org.id if org else None)


def log_service(
    ledger: Ledger,
    person_ref: str,
    *,
    date: dt.date,
    hours: float,
    activity: str,
    team_ref: str | None = None,
    org_ref: str | None = None,
    place: str = "",
) -> ServiceRecord:
    person, _v = volunteer_finder(ledger)(person_ref)
    if date > ledger.today:
        raise validate.fail("--date", date.isoformat(), _("is in the future"))
    hours = validate.hours("--hours", hours)
    activity = validate.text("--activity", activity)
    place = validate.text("--place", place, required=False)
    team = find_team(ledger, team_ref) if team_ref else None
    org = find_org(ledger, org_ref) if org_ref else None
    if org is not None:
        require_open(org)
    if team is not None and team.org:
        require_open(ledger.get(Organization, team.org))
    team_id, org_id = served(team, org)
    problem = day_problem(hours_on(ledger, person.id, date), hours)
    if problem:
        raise validate.fail("--hours", hours, problem)
    record = ServiceRecord(
        id="",
        person=person.id,
        date=date,
        hours=hours,
        activity=activity,
        recorder=ledger.operator,
        team=team_id,
        org=org_id,
        place=place,
    )
    return ledger.add(record, action="volunteer log")


def decide(
    ledger: Ledger,
    record_ids: Iterable[str],
    *,
    status: str,
    reason: str = "",
    all_pending: bool = False,
) -> list[ServiceRecord]:
    """Approve or reject pending records (all of them with ``all_pending``); returns the decided records."""
    ids = list(dict.fromkeys(record_ids))
    if all_pending and ids:
        raise InvalidInput(_("give record ids or --all-pending, not both"))
    if status == REJECTED:
        reason = validate.text("--reason", reason)
    if all_pending:
        chosen = ledger.where(ServiceRecord, status=PENDING)
    else:
        if not ids:
            raise InvalidInput(_("give at least one record id, or --all-pending"))
        chosen = [ledger.find(ServiceRecord, rid) for rid in ids]
        for rid, r in zip(ids, chosen, strict=True):
            if r is None:
                raise NotFound(_("no service record '{id}'").format(id=rid))
        for r in chosen:
            if r.status != PENDING:
                raise Conflict(
                    _("record {id} is already {status} (by {who} on {date})").format(
                        id=r.id, status=_(r.status), who=r.decided_by or "?", date=r.decided_on or "?"
                    )
                )
    if ledger.settings[SEPARATE_APPROVER]:  # 录入人 ≠ 审核人
        own = [r.id for r in chosen if r.recorder == ledger.operator]
        if own:
            raise Conflict(
                _("{ids}: logged by {who}; someone else must decide on them ({key} is on)").format(
                    ids=", ".join(own[:5]) + ("…" if len(own) > 5 else ""), who=ledger.operator, key=SEPARATE_APPROVER
                )
            )
    decided = [
        attrs.evolve(r, status=status, decided_by=ledger.operator, decided_on=ledger.today, reason=reason)
        for r in chosen
    ]
    action = "volunteer approve" if status == APPROVED else "volunteer reject"
    if len(decided) > 20:  # a bulk decision is one line of the audit log; each record keeps who and when
        ledger.replace_many(decided, action=action, detail=reason)
    else:
        for r in decided:
            ledger.replace(r, action=action, detail=reason)
    return decided


# -- hours and stars --------------------------------------------------------------------------------
def approved_by(ledger: Ledger, field: str) -> dict[str, float]:
    """Approved hours grouped by ``person``, ``team`` or ``org`` (records with no team/org are left out)."""
    totals: dict[str, float] = defaultdict(float)
    for key, hours in ledger.values(ServiceRecord, field, "hours", status=APPROVED):
        if key:
            totals[key] += hours
    return totals


def approved_hours_of(ledger: Ledger, people: Iterable[str]) -> dict[str, float]:
    totals = {}
    for pid in set(people):  # each person's own records, through the ledger's lookup by person
        totals[pid] = round(sum(h for (h,) in ledger.values(ServiceRecord, "hours", person=pid, status=APPROVED)), 2)
    return totals


def star_level(hours: float, thresholds: list[float]) -> tuple[int, float | None]:
    """Stars earned with ``hours`` approved hours, and the hours still needed for the next star (None at the top)."""
    hours = round(hours, 2)
    stars = sum(1 for t in thresholds if hours >= t)
    to_next = round(thresholds[stars] - hours, 2) if stars < len(thresholds) else None
    return stars, to_next


def hours_summary(ledger: Ledger, person_ref: str) -> dict[str, Any]:
    person, volunteer = volunteer_finder(ledger)(person_ref)
    thresholds = star_hours(ledger.settings)
    sums = {PENDING: 0.0, APPROVED: 0.0, REJECTED: 0.0}
    counts = {PENDING: 0, APPROVED: 0, REJECTED: 0}
    for status, hours in ledger.values(ServiceRecord, "status", "hours", person=person.id):
        if status in sums:
            sums[status] += hours
            counts[status] += 1
    stars, to_next = star_level(sums[APPROVED], thresholds)
    return {
        "person": person.id,
        "name": person.name,
        "volunteer": volunteer.id,
        "approved_hours": round(sums[APPROVED], 2),
        "pending_hours": round(sums[PENDING], 2),
        "rejected_hours": round(sums[REJECTED], 2),
        "approved_records": counts[APPROVED],
        "pending_records": counts[PENDING],
        "stars": stars,
        "next_star_hours": thresholds[stars] if stars < len(thresholds) else None,
        "hours_to_next_star": to_next,
    }


def volunteer_documents(ledger: Ledger, *, team_ref: str | None, show_personal: bool) -> list[dict[str, Any]]:
    thresholds = star_hours(ledger.settings)
    people = names_of(ledger, Person)
    volunteers = ledger.all(Volunteer)
    teams_of: dict[str, list[str]] = defaultdict(list)
    for t in ledger.all(Team):
        for m in t.members:
            teams_of[m.person].append(t.id)
    if team_ref:
        team = find_team(ledger, team_ref)
        wanted = {m.person for m in team.members}
        volunteers = [v for v in volunteers if v.person in wanted]
    hours = approved_by(ledger, "person")
    docs = []
    for v in volunteers:
        approved = round(hours.get(v.person, 0.0), 2)
        stars, to_next = star_level(approved, thresholds)
        docs.append(
            {
                "id": v.id,
                "person": v.person,
                "name": people.get(v.person, "?"),
                "registered": v.registered.isoformat(),
                "skills": list(v.skills),
                "id_number": (v.id_number if show_personal else validate.mask(v.id_number)) or None,
                "teams": teams_of.get(v.person, []),
                "approved_hours": approved,
                "stars": stars,
                "hours_to_next_star": to_next,
            }
        )
    return docs


def record_document(r: ServiceRecord, people: dict[str, Person]) -> dict[str, Any]:
    person = people.get(r.person)
    return {
        "id": r.id,
        "person": r.person,
        "name": person.name if person else "?",
        "date": r.date.isoformat(),
        "hours": r.hours,
        "activity": r.activity,
        "team": r.team,
        "org": r.org,
        "place": r.place,
        "status": r.status,
        "recorder": r.recorder,
        "decided_by": r.decided_by,
        "decided_on": r.decided_on.isoformat() if r.decided_on else None,
        "reason": r.reason,
    }


# -- what other parts of hive show ------------------------------------------------------------------
# The keys of the sections below stay English in --json; marked here so that their
# text labels in org show and person show are translated (hive.i18n.declared).
DETAIL_LABELS = (
    N_("volunteer"),
    N_("registered"),
    N_("skills"),
    N_("id_number"),
    N_("teams"),
    N_("approved_hours"),
    N_("pending_hours"),
    N_("stars"),
    N_("hours_to_next_star"),
)


def person_details(ledger: Ledger, person: Person, show_personal: bool) -> dict[str, Any] | None:
    volunteer = volunteer_of(ledger, person.id)
    if volunteer is None:
        return None
    summary = hours_summary(ledger, person.id)
    return {
        "volunteer": volunteer.id,
        "registered": volunteer.registered.isoformat(),
        "skills": list(volunteer.skills),
        "id_number": (volunteer.id_number if show_personal else validate.mask(volunteer.id_number)) or None,
        "teams": [t.id for t in ledger.all(Team) if any(m.person == person.id for m in t.members)],
        "approved_hours": summary["approved_hours"],
        "pending_hours": summary["pending_hours"],
        "stars": summary["stars"],
        "hours_to_next_star": summary["hours_to_next_star"],
    }


def org_details(ledger: Ledger, organization: Organization) -> dict[str, Any] | None:
    teams = ledger.where(Team, org=organization.id)
    approved = pending = 0.0
    for r in ledger.where(ServiceRecord, org=organization.id):  # one organization of a large table
        if r.status == APPROVED:
            approved += r.hours
        elif r.status == PENDING:
            pending += r.hours
    if not teams and not approved and not pending:
        return None
    return {
        "teams": [{"id": t.id, "name": t.name, "leader": t.leader, "members": len(t.members)} for t in teams],
        "approved_hours": round(approved, 2),
        "pending_hours": round(pending, 2),
    }


def check(ledger: Ledger) -> list:
    from hive import clock
    from hive.integrity import Problem, hours_problem

    people = {p.id for p in ledger.all(Person)}
    orgs = {o.id for o in ledger.all(Organization)}
    teams = {t.id for t in ledger.all(Team)}
    problems = []

    def missing(table: str, record: str, field: str, value: str) -> None:
        problems.append(
            Problem(table, record, _("{field} names '{value}', which does not exist").format(field=field, value=value))
        )

    today = clock.today()
    for v in ledger.all(Volunteer):
        if v.person not in people:
            missing("volunteers", v.id, "person", v.person)
        wrong = idnumber.problem(v.id_number.strip().upper(), today) if v.id_number else None
        if wrong:  # as 'hive volunteer add --id-number' refuses it; the number itself is never quoted
            problems.append(Problem("volunteers", v.id, _("id_number: {problem}").format(problem=wrong)))
    for t in ledger.all(Team):
        if t.org and t.org not in orgs:
            missing("volunteer_teams", t.id, "org", t.org)
        for m in t.members:
            if m.person not in people:
                missing("volunteer_teams", t.id, "members", m.person)
    day: dict[tuple[str, dt.date], float] = defaultdict(float)
    for r in ledger.all(ServiceRecord):
        if r.person not in people:
            missing("volunteer_records", r.id, "person", r.person)
        wrong = hours_problem("hours", r.hours)
        if wrong:  # negative or more than a day: the star levels and reports would count it
            problems.append(Problem("volunteer_records", r.id, wrong))
        if r.team and r.team not in teams:
            missing("volunteer_records", r.id, "team", r.team)
        if r.org and r.org not in orgs:
            missing("volunteer_records", r.id, "org", r.org)
        if r.status not in (PENDING, APPROVED, REJECTED):
            problems.append(
                Problem("volunteer_records", r.id, _("status '{status}' is unknown").format(status=r.status))
            )
        if r.status != REJECTED:
            day[(r.person, r.date)] += r.hours
    for (person, date), hours in day.items():
        if round(hours, 2) > MAX_DAY_HOURS:
            problems.append(
                Problem(
                    "volunteer_records",
                    "",
                    _("{person} has {hours} h of service on {date}, more than 24 h").format(
                        person=person, hours=fmt(hours), date=date.isoformat()
                    ),
                )
            )
    return problems
