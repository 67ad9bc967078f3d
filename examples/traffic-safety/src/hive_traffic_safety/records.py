"""The rules of the traffic-safety project: recording teams, sessions and attendance, the criterion, the report.

No printing here: the commands in :mod:`hive_traffic_safety.commands` print,
these functions read and write the ledger and raise hive's typed errors.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from hive import validate
from hive.criteria import Outcome
from hive.errors import Conflict
from hive.ledger import Ledger
from hive.models import Organization, Person
from hive.organizations import find_org, require_open
from hive.people import find_person, person_finder
from hive_traffic_safety import _
from hive_traffic_safety.models import RESIDENT, VOLUNTEER, Attendance, SafetySession, SafetyTeam


# -- recording ---------------------------------------------------------------------------------
def add_team(
    ledger: Ledger, org_ref: str, name: str, leader_ref: str, since: dt.date | None = None, police_liaison: str = ""
) -> SafetyTeam:
    org = find_org(ledger, org_ref)
    require_open(org)
    name = validate.text("name", name)
    if any(t.org == org.id and t.name == name for t in ledger.all(SafetyTeam)):
        raise Conflict(_("{org} already has a safety team named '{name}'").format(org=org.name, name=name))
    leader = find_person(ledger, leader_ref)
    team = SafetyTeam(
        id="",
        org=org.id,
        name=name,
        leader=leader.id,
        since=since or ledger.today,
        police_liaison=validate.text("police-liaison", police_liaison, required=False),
    )
    return ledger.add(team, action="traffic team add", detail=f"{org.id} {name}")


def find_team(ledger: Ledger, ref: str) -> SafetyTeam:
    """A safety team by id, or by its exact name when only one team has it."""
    found = ledger.find(SafetyTeam, ref)
    if found is not None:
        return found
    named = [t for t in ledger.all(SafetyTeam) if t.name == ref.strip()]
    if len(named) == 1:
        return named[0]
    raise validate.fail("team", ref, _("no such safety team (give an id, or a name only one team has)"))


def add_session(
    ledger: Ledger,
    *,
    date: dt.date,
    topic: str,
    venue: str,
    police: str = "",
    hours: float = 1.0,
    team_ref: str | None = None,
    org_ref: str | None = None,
) -> SafetySession:
    topic = validate.text("topic", topic)
    venue = validate.text("venue", venue)
    police = validate.text("police", police or ledger.settings["traffic.police_unit"], required=False)
    if not police:
        raise validate.fail(
            "police", "", _("name the traffic police unit or officer taking part (or set traffic.police_unit)")
        )
    hours = validate.hours("hours", hours)
    if date > ledger.today:
        raise validate.fail("date", date.isoformat(), _("is in the future"))
    team = find_team(ledger, team_ref) if team_ref else None
    org = find_org(ledger, org_ref) if org_ref else None
    if team is not None:
        if org is not None and org.id != team.org:
            raise validate.fail("org", org_ref, _("team {team} belongs to {org}").format(team=team.id, org=team.org))
        if date < team.since:
            raise validate.fail(
                "date",
                date.isoformat(),
                _("before team {team} was set up ({since})").format(team=team.id, since=team.since),
            )
        org = ledger.get(Organization, team.org)
    if org is not None:
        require_open(org)
    session = SafetySession(
        id="",
        date=date,
        topic=topic,
        venue=venue,
        police=police,
        hours=hours,
        org=org.id if org else None,
        team=team.id if team else None,
        social_worker=ledger.operator,
    )
    return ledger.add(session, action="traffic session add", detail=topic)


def attend(ledger: Ledger, session_id: str, people: Iterable[str], role: str = RESIDENT) -> list[Attendance]:
    """Record that ``people`` (ids or unique names) attended a session; each person once per session."""
    session = ledger.get(SafetySession, session_id)
    find = person_finder(ledger)  # names indexed once, not once per person
    present = {a.person for a in ledger.all(Attendance) if a.session == session.id}
    records = []
    for ref in people:
        person = find(ref)
        if person.id in present:
            raise Conflict(
                _("{name} ({id}) is already recorded at session {session}").format(
                    name=person.name, id=person.id, session=session.id
                )
            )
        present.add(person.id)
        records.append(Attendance(id="", session=session.id, person=person.id, role=role))
    return ledger.add_many(records, action="traffic attend", detail=f"{session.id} {len(records)}")


# -- reading -----------------------------------------------------------------------------------
def attendance_by_session(ledger: Ledger) -> dict[str, list[Attendance]]:
    grouped: dict[str, list[Attendance]] = defaultdict(list)
    for record in ledger.all(Attendance):
        grouped[record.session].append(record)
    return grouped


def sessions(ledger: Ledger) -> list[dict[str, Any]]:
    """Every session, oldest first, with its attendance counts (JSON-ready)."""
    present = attendance_by_session(ledger)
    rows = []
    for s in sorted(ledger.all(SafetySession), key=lambda s: (s.date, s.id)):
        here = present.get(s.id, [])
        rows.append(
            {
                "id": s.id,
                "date": s.date.isoformat(),
                "topic": s.topic,
                "venue": s.venue,
                "police": s.police,
                "hours": s.hours,
                "org": s.org,
                "team": s.team,
                "residents": sum(1 for a in here if a.role == RESIDENT),
                "volunteers": sum(1 for a in here if a.role == VOLUNTEER),
            }
        )
    return rows


def report(ledger: Ledger, start: dt.date | None = None, end: dt.date | None = None) -> dict[str, Any]:
    """The project's figures between ``start`` and ``end`` (inclusive), for the district's quarterly report."""
    chosen = [
        s for s in ledger.all(SafetySession) if (start is None or s.date >= start) and (end is None or s.date <= end)
    ]
    ids = {s.id for s in chosen}
    present = [a for a in ledger.all(Attendance) if a.session in ids]
    by_team: dict[str, list[SafetySession]] = defaultdict(list)
    for s in chosen:
        if s.team:
            by_team[s.team].append(s)
    per_session = defaultdict(int)
    for a in present:
        per_session[a.session] += 1
    teams = [
        {
            "id": t.id,
            "name": t.name,
            "org": t.org,
            "sessions": len(by_team.get(t.id, [])),
            "attendance": sum(per_session[s.id] for s in by_team.get(t.id, [])),
        }
        for t in ledger.all(SafetyTeam)
    ]
    return {
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "sessions": len(chosen),
        "hours": round(sum(s.hours for s in chosen), 2),
        "attendance": len(present),
        "residents": len({a.person for a in present if a.role == RESIDENT}),
        "volunteers": len({a.person for a in present if a.role == VOLUNTEER}),
        "police": sorted({s.police for s in chosen}),
        "teams": teams,
    }


# -- the criterion and the sections of org show / person show ------------------------------------
def team_sessions(org: Organization, ctx) -> Outcome:
    """An organization with a safety team has run ``traffic.min_sessions`` sessions with the police by ``as_of``."""

    def build() -> tuple[dict[str, list[SafetyTeam]], dict[str, int]]:
        teams: dict[str, list[SafetyTeam]] = defaultdict(list)
        for team in ctx.ledger.all(SafetyTeam):
            if team.since <= ctx.as_of:
                teams[team.org].append(team)
        counts: dict[str, int] = defaultdict(int)
        for s in ctx.ledger.all(SafetySession):
            if s.org and s.date <= ctx.as_of:
                counts[s.org] += 1
        return teams, counts

    teams, counts = ctx.memo("traffic.team_sessions", build)
    mine = teams.get(org.id, [])
    if not mine:  # the project does not apply to an organization without a team
        return Outcome(True, "", {"teams": [], "sessions": counts.get(org.id, 0)})
    need = ctx.settings["traffic.min_sessions"]
    count = counts.get(org.id, 0)
    evidence = {"teams": [t.id for t in mine], "sessions": count}
    if count >= need:
        return Outcome(True, "", evidence)
    return Outcome(
        False,
        _("its safety team {team} has run {count} of {need} sessions with the traffic police").format(
            team=mine[0].name, count=count, need=need
        ),
        evidence,
    )


def org_details(ledger: Ledger, org: Organization) -> dict[str, Any] | None:
    teams = [t for t in ledger.all(SafetyTeam) if t.org == org.id]
    held = [s for s in ledger.all(SafetySession) if s.org == org.id]
    if not teams and not held:
        return None
    ids = {s.id for s in held}
    return {
        "teams": [{"id": t.id, "name": t.name, "leader": t.leader, "since": t.since.isoformat()} for t in teams],
        "sessions": len(held),
        "attendance": sum(1 for a in ledger.all(Attendance) if a.session in ids),
        "last_session": max(s.date for s in held).isoformat() if held else None,
    }


def person_details(ledger: Ledger, person: Person) -> dict[str, Any] | None:
    mine = [a for a in ledger.all(Attendance) if a.person == person.id]
    leads = [t.id for t in ledger.all(SafetyTeam) if t.leader == person.id]
    if not mine and not leads:
        return None
    return {
        "sessions": sum(1 for a in mine if a.role == RESIDENT),
        "as_volunteer": sum(1 for a in mine if a.role == VOLUNTEER),
        "leads_teams": leads,
    }


def check(ledger: Ledger) -> list:
    """For ``hive check``: every reference from the project's records to a record that is not there."""
    from hive.integrity import dangling

    return [
        *dangling(ledger, SafetyTeam, "org", Organization),
        *dangling(ledger, SafetyTeam, "leader", Person),
        *dangling(ledger, SafetySession, "org", Organization),
        *dangling(ledger, SafetySession, "team", SafetyTeam),
        *dangling(ledger, Attendance, "session", SafetySession),
        *dangling(ledger, Attendance, "person", Person),
    ]
