"""The volunteer records, declared once: volunteers, teams, service records and certificates.

From these declarations the core gives ``hive volunteer team show``,
``hive volunteer certificate show``, ``hive edit``/``void``/``undo``/``show``/``find``
for every record, reference and value checks in ``hive check``, their sheets and
as-of views in reviews. The rules below judge a whole record the same way for
``hive volunteer log``, the CSV import, the web form, ``hive edit`` and ``hive check``.
"""

from __future__ import annotations

import datetime as dt

import attrs

from hive import N_, fields
from hive_volunteer import _, plugin

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
STATUSES = {PENDING: N_("pending"), APPROVED: N_("approved"), REJECTED: N_("rejected")}
MAX_DAY_HOURS = 24.0
_DAY_TOTALS = "volunteer.day_totals"  # ledger.memo key: hours per (person, day) that count, once per command


def fmt(hours: float) -> str:
    return f"{hours:.1f}" if round(hours, 1) == round(hours, 2) else f"{hours:.2f}"


# -- the rules a whole record must keep ----------------------------------------------------------------
def day_totals(ledger) -> dict[tuple[str, dt.date], float]:
    """Hours per (person, day) of the records that count (not rejected), read once per command (an import)."""
    totals = ledger.memo.get(_DAY_TOTALS)
    if totals is None:
        totals = {}
        for person, date, hours, status in ledger.values(ServiceRecord, "person", "date", "hours", "status"):
            if status != REJECTED:
                totals[(person, date)] = totals.get((person, date), 0.0) + hours
        ledger.memo[_DAY_TOTALS] = totals
    return totals


def counted(ledger, record: ServiceRecord) -> None:
    """Count a record entered by this command (an import's earlier rows) in the day it fills."""
    if record.status != REJECTED:
        totals = ledger.memo.get(_DAY_TOTALS)
        if totals is None:
            return  # one record: the next question about its day reads the day again
        key = (record.person, record.date)
        totals[key] = totals.get(key, 0.0) + record.hours


def counted_in_import(ledger, record: ServiceRecord) -> None:
    """An imported row counts in its day for the rows after it (the day's stored hours read once)."""
    day_totals(ledger)
    counted(ledger, record)


def service_rule(ledger, r: ServiceRecord) -> str | None:
    """Hours of a registered volunteer; a team of an organization serves that organization; a day has 24 h."""
    from hive.codes import birth_date
    from hive.models import Person
    from hive.people import birth_date as birth_date_known
    from hive_volunteer.settings import MIN_AGE, MIN_HOURS, REFUSE, TEAM_MEMBERSHIP

    found = ledger.where(Volunteer, person=r.person)
    if not found:
        person = ledger.find(Person, r.person)
        return _("{id} ({name}) is not a registered volunteer; run 'hive volunteer add {id}' first").format(
            id=r.person, name=person.name if person else "?"
        )
    # the volunteer's own ID number, else the person's (or another plugin's record of it)
    born = birth_date(found[0].id_number) if found[0].id_number else birth_date_known(ledger, r.person)
    if born is not None and r.date < _birthday(born, MIN_AGE):  # the birthday itself is never quoted
        return _("date") + ": " + _("{date} is before the volunteer turned {age} (from the ID number)").format(
            date=r.date.isoformat(), age=MIN_AGE
        )
    team = ledger.find(Team, r.team) if r.team else None
    if team is not None and team.org and r.org != team.org:
        return _("team {team} belongs to organization {owner}, not {org}").format(
            team=team.id, owner=team.org, org=r.org
        )
    if team is not None and ledger.settings[TEAM_MEMBERSHIP] == REFUSE:
        problem = membership_problem(team, r)
        if problem:
            return problem
    if r.status != REJECTED:
        problem = _day_problem(ledger, r)
        if problem:
            return problem
    least = ledger.settings[MIN_HOURS]
    if round(r.hours, 2) < least:
        return _("hours") + ": " + _("a service record has at least {min} h (setting {key})").format(
            min=fmt(least), key=MIN_HOURS
        )
    if r.status != PENDING and not r.decided_by:
        return _("is {status} but names nobody who decided").format(status=_(r.status))
    return None


def _day_problem(ledger, r: ServiceRecord) -> str | None:
    totals = ledger.memo.get(_DAY_TOTALS)
    if totals is None:  # one record (log, edit, check): that person's day only is read
        already = sum(
            hours
            for rid, hours, status in ledger.values(ServiceRecord, "id", "hours", "status", person=r.person, date=r.date)
            if status != REJECTED and rid != r.id
        )
    else:
        already = totals.get((r.person, r.date), 0.0)
    if round(already + r.hours, 2) > MAX_DAY_HOURS:
        return _("hours") + ": " + _(
            "{hours} h would make {total} h on that day; a day has at most 24 h of service"
        ).format(hours=fmt(r.hours), total=fmt(already + r.hours))
    return None


def _birthday(born: dt.date, age: int) -> dt.date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # born on 29 February
        return dt.date(born.year + age, 3, 1)


def warnings(ledger, r: ServiceRecord) -> list[str]:
    """What a person entering ``r`` is told but not stopped by (``volunteer.team_membership`` is ``warn``)."""
    from hive_volunteer.settings import TEAM_MEMBERSHIP, WARN

    team = ledger.find(Team, r.team) if r.team else None
    if team is None or ledger.settings[TEAM_MEMBERSHIP] != WARN:
        return []
    problem = membership_problem(team, r)
    return [problem] if problem else []


def membership_problem(team: Team, r: ServiceRecord) -> str | None:
    """Why ``r``'s volunteer was not a member of ``team`` on the day of service, or None."""
    since = next((m.since for m in team.members if m.person == r.person), None)
    if since is not None and since <= r.date:
        return None
    return _("team") + ": " + _("{person} was not a member of {team} ({name}) on {date}").format(
        person=r.person, team=team.id, name=team.name, date=r.date.isoformat()
    )


def team_rule(ledger, t: Team) -> str | None:
    """Its members are people of the registry, each once."""
    from hive.models import Person

    seen = set()
    for member in t.members:
        if ledger.find(Person, member.person) is None:
            return _("members") + ": " + _("no record {ref} in people").format(ref=member.person)
        if member.person in seen:
            return _("{person} is already a member of {team}").format(person=member.person, team=t.id)
        seen.add(member.person)
    return None


# -- the records ---------------------------------------------------------------------------------------
@plugin.record("volunteers", prefix="v", label=N_("volunteer"))
class Volunteer:
    """A person of the core registry who registered as a volunteer; the id is the number on certificates."""

    person: str = fields.ref("people", N_("person"), unique_within=True, editable=False)
    registered: dt.date = fields.day(N_("registered"), not_future=True, as_of=True)
    skills: list[str] = fields.texts(N_("skills"))
    id_number: str | None = fields.resident_id(N_("ID number"))


@attrs.frozen
class TeamMember:
    person: str
    since: dt.date


@plugin.record("volunteer_teams", prefix="vt", label=N_("volunteer team"), command="team", rules=(team_rule,))
class Team:
    """A volunteer team (志愿者队伍) of the center (``org`` None) or of an organization."""

    name: str = fields.text(N_("name"), unique_within=True)
    founded: dt.date = fields.day(N_("founded"), not_future=True, as_of=True)
    org: str | None = fields.ref("organizations", N_("organization"), required=False)
    leader: str | None = fields.ref("people", N_("leader"), required=False)
    members: list[TeamMember] = attrs.field(factory=list)  # changed by 'team join' only


@plugin.record(
    "volunteer_records",
    prefix="vr",
    label=N_("service record"),
    plural=N_("service records"),
    rules=(service_rule,),
    accepted=counted_in_import,
)
class ServiceRecord:
    """Hours of service on one day and their approval; for a team, an organization, or the center (neither)."""

    person: str = fields.ref("people", N_("person"))
    date: dt.date = fields.day(N_("date"), not_future=True, as_of=True)
    hours: float = fields.hours(N_("hours"))
    activity: str = fields.text(N_("activity"))
    recorder: str = fields.text(N_("recorder"), editable=False)
    team: str | None = fields.ref(Team, N_("team"), required=False)
    org: str | None = fields.ref("organizations", N_("organization"), required=False)
    place: str = fields.text(N_("place"), required=False)
    status: str = fields.choice(STATUSES, N_("status"), default=PENDING, editable=False)
    decided_by: str | None = fields.text(N_("decided by"), required=False, default=None, editable=False)
    decided_on: dt.date | None = fields.day(N_("decided on"), required=False, editable=False)
    reason: str = fields.text(N_("reason"), required=False, limit=400)


@plugin.record("volunteer_certificates", prefix="vc", label=N_("certificate"), editable=False)
class Certificate:
    """A service certificate (志愿服务证明) as issued: who, which records, by whom."""

    number: str = fields.text(N_("number"), unique_within=True)
    person: str = fields.ref("people", N_("person"))
    volunteer: str = fields.ref(Volunteer, N_("volunteer"))
    issued: dt.date = fields.day(N_("issued"), not_future=True, as_of=True)
    operator: str = fields.text(N_("operator"))
    signatory: str = fields.text(N_("signatory"))
    hours: float = fields.number(N_("hours"), minimum=0)
    records: list[str] = fields.ref(ServiceRecord, N_("service records"), many=True)
    period_from: dt.date | None = fields.day(N_("from"), required=False)
    period_to: dt.date | None = fields.day(N_("to"), required=False)
    reprints: int = fields.number(N_("reprints"), whole=True, minimum=0, default=0, editable=False)


@plugin.record("volunteer_publicities", prefix="vp", label=N_("publicity"), editable=False)
class Publicity:
    """A certificate's internal publicity (公示, 民发〔2015〕149号): its period and hours, shown for 7 days."""

    person: str = fields.ref("people", N_("person"))
    volunteer: str = fields.ref(Volunteer, N_("volunteer"))
    start: dt.date = fields.day(N_("publicized on"), not_future=True, as_of=True)
    period_to: dt.date = fields.day(N_("to"))
    hours: float = fields.number(N_("hours"), minimum=0)
    operator: str = fields.text(N_("operator"))
    period_from: dt.date | None = fields.day(N_("from"), required=False)
