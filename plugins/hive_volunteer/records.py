"""Volunteers, teams and service records: entering them, deciding on hours, what they add up to. No printing.

Every record is entered through the record layer (:func:`enter`): typed text
parsed by the fields of :mod:`hive_volunteer.models`, the whole record judged by
their rules, so the command line, the CSV import and the web form accept and
refuse the same things.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from hive import N_
from hive.errors import Conflict, InvalidInput, NotFound
from hive.models import Organization, Person
from hive_volunteer import _, plugin
from hive_volunteer.models import (
    APPROVED,
    PENDING,
    REJECTED,
    ServiceRecord,
    Team,
    TeamMember,
    Volunteer,
    counted,
    warnings,
)
from hive_volunteer.settings import APPROVAL_BY_OTHER, approval_by_other, star_hours

if TYPE_CHECKING:
    from hive.ledger import Ledger
    from hive.reporting import Period


VOLUNTEER_NUMBER = re.compile(r"^v\d+$")  # as on certificates; looked up only when typed so


def in_order(keys: Iterable[str], doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with ``keys`` first, in the order v0.1 printed them (``--json`` readers diff their outputs)."""
    return {k: doc[k] for k in keys if k in doc} | doc


def enter(ledger: Ledger, model: type, typed: Mapping[str, Any], *, memo: dict[Any, Any] | None = None) -> Any:
    """A record of ``model`` from what was typed (text keyed by field), judged by its fields and rules.

    ``memo``: kept across the rows of an import while the ledger does not change (see
    :func:`hive.rules.record_problems`).
    """
    from hive.entry import builder
    from hive.rules import require_valid

    record_type = ledger.registry.by_model[model]
    if memo is None:
        make = builder(ledger, record_type)
    else:  # the rows share their dates, teams and places: each typed once
        make = memo.get(("builder", record_type.name)) or memo.setdefault(
            ("builder", record_type.name), builder(ledger, record_type)
        )
    record = make({k: v for k, v in typed.items() if v is not None})
    return require_valid(ledger, record_type, record, memo=memo)


# -- volunteers -------------------------------------------------------------------------------------
def volunteers_by_person(ledger: Ledger) -> dict[str, Volunteer]:
    return {v.person: v for v in ledger.all(Volunteer)}


def volunteer_of(ledger: Ledger, person_id: str) -> Volunteer | None:
    """The volunteer profile of one person (a lookup: the other volunteers are not read)."""
    found = ledger.where(Volunteer, person=person_id)
    return found[0] if found else None


def find_volunteer(ledger: Ledger, ref: str) -> tuple[Person, Volunteer]:
    """A registered volunteer by person id or unique name, or by volunteer number (``v3``, as on certificates)."""
    person = person_of(ledger, ref)
    found = volunteer_of(ledger, person.id)
    if found is None:
        raise Conflict(
            _("{id} ({name}) is not a registered volunteer; run 'hive volunteer add {id}' first").format(
                id=person.id, name=person.name
            )
        )
    return person, found


def add_volunteer(
    ledger: Ledger, person_ref: str, *, phone: str | None = None, id_number: str | None = None, skills: Iterable[str] = ()
) -> Volunteer:
    from hive.resolve import resolve
    from hive.rules import require_valid

    person = resolve(ledger, Person, person_ref)
    typed = {"person": person.id, "skills": list(dict.fromkeys(skills)), "id_number": id_number}
    if any(not s.strip() for s in typed["skills"]):
        raise InvalidInput(_("invalid skills: a skill must not be empty"))
    volunteer = enter(ledger, Volunteer, typed)
    if phone:  # kept in the registry, judged by the registry's own phone field
        people = ledger.registry.by_model[Person]
        from hive.entry import build

        number = build(ledger, people, {"name": person.name, "phone": phone}).phone
        if person.phone and person.phone != number:
            raise Conflict(
                _("{id} already has another phone number; the registry keeps the one it has").format(id=person.id)
            )
        if not person.phone:
            ledger.replace(
                require_valid(ledger, people, attrs.evolve(person, phone=number)),
                action="person phone",
                detail="volunteer add",
            )
    return ledger.add(volunteer, action="volunteer add")


# -- teams ------------------------------------------------------------------------------------------
def find_team(ledger: Ledger, ref: str) -> Team:
    from hive.resolve import resolve

    return resolve(ledger, Team, ref)


def add_team(
    ledger: Ledger, name: str, *, org_ref: str | None = None, leader_ref: str | None = None, founded: str | None = None
) -> Team:
    """A team founded today or on ``founded``; its leader is a member from that day."""
    from hive.organizations import require_open

    leader = find_volunteer(ledger, leader_ref)[0] if leader_ref else None
    typed = {"name": name, "org": org_ref, "leader": leader.id if leader else None, "founded": founded}
    team = enter(ledger, Team, typed)
    if team.org:
        require_open(ledger.get(Organization, team.org))
    members = [TeamMember(person=leader.id, since=team.founded)] if leader else []
    return ledger.add(attrs.evolve(team, members=members), action="volunteer team add", detail=team.name)


def join_team(ledger: Ledger, team_ref: str, person_refs: Iterable[str], *, since: str | None = None) -> Team:
    """Volunteers join ``team`` today, or on ``since`` (a day typed as people type it, not in the future)."""
    from hive.inputs import InputProblem, parse_date
    from hive.rules import require_valid

    team = find_team(ledger, team_ref)
    day = ledger.today
    if since:
        try:
            day = parse_date(since)
        except InputProblem as exc:
            raise InvalidInput(_("invalid --since: {problem}").format(problem=exc)) from None
        if day > ledger.today:
            raise InvalidInput(_("invalid --since: {date} is in the future").format(date=day.isoformat()))
    joined = [TeamMember(person=find_volunteer(ledger, ref)[0].id, since=day) for ref in person_refs]
    if not joined:
        raise InvalidInput(_("name at least one person to join the team"))
    grown = attrs.evolve(team, members=[*team.members, *joined])
    try:
        require_valid(ledger, ledger.registry.by_model[Team], grown)
    except InvalidInput as exc:
        raise Conflict(str(exc)) from None
    return ledger.replace(grown, action="volunteer team join", detail=",".join(m.person for m in joined))


def team_documents(ledger: Ledger) -> list[dict[str, Any]]:
    from hive import views

    record_type = ledger.registry.by_model[Team]
    people = dict(ledger.values(Person, "id", "name"))
    orgs = dict(ledger.values(Organization, "id", "name"))
    hours = approved_by(ledger, "team")
    keys = ("id", "name", "org", "org_name", "leader", "leader_name", "members", "founded")
    return [
        in_order(keys, views.document(ledger, record_type, t)
        | {
            "org_name": orgs.get(t.org) if t.org else None,
            "leader_name": people.get(t.leader) if t.leader else None,
            "members": [
                {"person": m.person, "name": people.get(m.person, "?"), "since": m.since.isoformat()} for m in t.members
            ],
            "approved_hours": round(hours.get(t.id, 0.0), 2),
        })
        for t in ledger.all(Team)
    ]


# -- service records --------------------------------------------------------------------------------
def service_record(
    ledger: Ledger, typed: Mapping[str, Any], *, approved: bool = False, memo: dict[Any, Any] | None = None
) -> ServiceRecord:
    """A new service record from typed ``person``, ``date``, ``hours``, ``activity``, ``team``, ``org``, ``place``.

    Validated, not yet added: ``hive volunteer log``, the import and the web form all come here. A team
    of an organization serves that organization; a dissolved organization takes no more hours.
    """
    from hive.organizations import require_open

    values = dict(typed, recorder=ledger.operator)
    ref = values.get("person")
    if ref:
        values["person"] = find_volunteer(ledger, str(ref))[0].id
    team = find_team(ledger, str(values["team"])) if values.get("team") else None
    if team is not None and team.org and not values.get("org"):
        values["org"] = team.org
    if approved:
        values.update(status=APPROVED, decided_by=ledger.operator, decided_on=ledger.today)
    record = enter(ledger, ServiceRecord, values, memo=memo)
    if record.org:
        require_open(ledger.get(Organization, record.org))
    return record


def log_service(ledger: Ledger, typed: Mapping[str, Any]) -> tuple[ServiceRecord, list[str]]:
    """The record added, and what its enterer is warned of."""
    record = service_record(ledger, typed)
    counted(ledger, record)
    return ledger.add(record, action="volunteer log"), warnings(ledger, record)


def decide(
    ledger: Ledger, record_ids: Iterable[str], *, status: str, reason: str = "", all_pending: bool = False
) -> list[ServiceRecord]:
    """Approve or reject pending records (all of them with ``all_pending``); returns the decided records."""
    ids = list(dict.fromkeys(record_ids))
    if all_pending and ids:
        raise InvalidInput(_("give record ids or --all-pending, not both"))
    if status == REJECTED and not reason.strip():
        raise InvalidInput(_("invalid --reason: must not be empty"))
    if all_pending:
        chosen = ledger.where(ServiceRecord, status=PENDING)
    else:
        if not ids:
            raise InvalidInput(_("give at least one record id, or --all-pending"))
        chosen = []
        for rid in ids:
            found = ledger.find(ServiceRecord, rid)
            if found is None or ledger.is_void(rid):
                raise NotFound(_("no service record '{id}'").format(id=rid))
            if found.status != PENDING:
                raise Conflict(
                    _("record {id} is already {status} (by {who} on {date})").format(
                        id=found.id, status=_(found.status), who=found.decided_by or "?", date=found.decided_on or "?"
                    )
                )
            chosen.append(found)
    if approval_by_other(ledger.settings):  # 录入人 ≠ 审核人
        own = [r.id for r in chosen if r.recorder == ledger.operator]
        if own:
            raise Conflict(
                _("{ids}: logged by {who}; someone else must decide on them ({key} is on)").format(
                    ids=", ".join(own[:5]) + ("…" if len(own) > 5 else ""), who=ledger.operator, key=APPROVAL_BY_OTHER
                )
            )
    decided = [
        attrs.evolve(r, status=status, decided_by=ledger.operator, decided_on=ledger.today, reason=reason.strip())
        for r in chosen
    ]
    action = "volunteer approve" if status == APPROVED else "volunteer reject"
    if len(decided) > 20:  # a bulk decision is one line of the audit log; each record keeps who and when
        ledger.replace_many(decided, action=action, detail=reason)
    else:
        for r in decided:
            ledger.replace(r, action=action, detail=reason)
    return decided


def record_documents(ledger: Ledger, records: Iterable[ServiceRecord]) -> list[dict[str, Any]]:
    from hive import views

    record_type = ledger.registry.by_model[ServiceRecord]
    records = list(records)
    names = {pid: found.name for pid in {r.person for r in records} if (found := ledger.find(Person, pid))}
    keys = ("id", "person", "name")
    return [in_order(keys, views.document(ledger, record_type, r) | {"name": names.get(r.person, "?")}) for r in records]


# -- hours and stars --------------------------------------------------------------------------------
def approved_by(ledger: Ledger, field: str) -> dict[str, float]:
    """Approved hours grouped by ``person``, ``team`` or ``org`` (records with no team/org are left out)."""
    totals: dict[str, float] = defaultdict(float)
    for key, hours in ledger.values(ServiceRecord, field, "hours", status=APPROVED):
        if key:
            totals[key] += hours
    return totals


def star_level(hours: float, thresholds: list[float]) -> tuple[int, float | None]:
    """Stars earned with ``hours`` approved hours, and the hours still needed for the next star (None at the top)."""
    hours = round(hours, 2)
    stars = sum(1 for t in thresholds if hours >= t)
    to_next = round(thresholds[stars] - hours, 2) if stars < len(thresholds) else None
    return stars, to_next


def hours_summary(ledger: Ledger, person_ref: str) -> dict[str, Any]:
    person, volunteer = find_volunteer(ledger, person_ref)
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
    from hive import views

    record_type = ledger.registry.by_model[Volunteer]
    thresholds = star_hours(ledger.settings)
    people = dict(ledger.values(Person, "id", "name"))
    volunteers = ledger.all(Volunteer)
    teams_of: dict[str, list[str]] = defaultdict(list)
    for t in ledger.all(Team):
        for m in t.members:
            teams_of[m.person].append(t.id)
    if team_ref:
        wanted = {m.person for m in find_team(ledger, team_ref).members}
        volunteers = [v for v in volunteers if v.person in wanted]
    hours = approved_by(ledger, "person")
    docs = []
    for v in volunteers:
        approved = round(hours.get(v.person, 0.0), 2)
        stars, to_next = star_level(approved, thresholds)
        doc = views.document(ledger, record_type, v, show_personal=show_personal)
        docs.append(in_order(("id", "person", "name"),
            doc
            | {
                "name": people.get(v.person, "?"),
                "id_number": doc["id_number"] or None,
                "teams": teams_of.get(v.person, []),
                "approved_hours": approved,
                "stars": stars,
                "hours_to_next_star": to_next,
            })
        )
    return docs


# -- what other parts of hive show (keys stay English in --json, translated in text) -------------------
@plugin.hook
def hive_person_figures(
    ledger: Ledger, people: Iterable[str], period: Period | None
) -> dict[str, dict[str, float]]:
    from hive.ledger import Between

    days = {} if period is None else {"date": Between(period.start, period.end)}
    totals = {}
    for pid in set(people):  # each person's own records, through the ledger's lookup by person
        found = ledger.values(ServiceRecord, "hours", person=pid, status=APPROVED, **days)
        totals[pid] = round(sum(h for (h,) in found), 2)
    return {"volunteer_hours": totals}


@plugin.hook
def hive_person_details(ledger: Ledger, person: Person, show_personal: bool) -> dict[str, Any] | None:
    from hive.views import masked

    volunteer = volunteer_of(ledger, person.id)
    if volunteer is None:
        return None
    summary = hours_summary(ledger, person.id)
    return {
        N_("volunteer"): volunteer.id,
        N_("registered"): volunteer.registered.isoformat(),
        N_("skills"): list(volunteer.skills),
        N_("id_number"): (volunteer.id_number if show_personal else masked(volunteer.id_number)) or None,
        N_("teams"): [t.id for t in ledger.all(Team) if any(m.person == person.id for m in t.members)],
        N_("approved_hours"): summary["approved_hours"],
        N_("pending_hours"): summary["pending_hours"],
        N_("stars"): summary["stars"],
        N_("hours_to_next_star"): summary["hours_to_next_star"],
    }


@plugin.hook
def hive_org_details(ledger: Ledger, organization: Organization) -> dict[str, Any] | None:
    teams = ledger.where(Team, org=organization.id)
    approved = pending = 0.0
    for status, hours in ledger.values(ServiceRecord, "status", "hours", org=organization.id):
        if status == APPROVED:
            approved += hours
        elif status == PENDING:
            pending += hours
    if not teams and not approved and not pending:
        return None
    return {
        N_("teams"): [{"id": t.id, "name": t.name, "leader": t.leader, "members": len(t.members)} for t in teams],
        N_("approved_hours"): round(approved, 2),
        N_("pending_hours"): round(pending, 2),
    }


def person_of(ledger: Ledger, ref: str) -> Person:
    """A person by id or unique name, or by volunteer number (``v3``)."""
    from hive.resolve import resolve

    typed = ref.strip()
    by_number = ledger.find(Volunteer, typed) if VOLUNTEER_NUMBER.match(typed) else None
    if by_number is not None and not ledger.is_void(by_number.id):
        return ledger.get(Person, by_number.person)
    return resolve(ledger, Person, ref)
