"""hive-traffic-safety: the "traffic safety into the community" special project (交通安全进社区).

A center runs it with the traffic police (交警) and its volunteers: safety
sessions in the community (talks, school-gate drills, e-bike helmet checks),
the residents and volunteers who attend them, and the traffic-safety teams
(文明交通劝导队) that community organizations set up. It is declared with
hive's record layer: the records below get ``hive traffic team|session|attend
add|list|show``, ``hive edit``/``void``/``undo``, reference checks, ``org
show`` sections and as-of views from the core; only the rules are written here.
"""

from __future__ import annotations

import datetime as dt

from hive import N_, Outcome, Plugin, Setting, fields
from hive.models import Organization, Person

__version__ = "0.2.0"
plugin = Plugin("traffic", api=">=1,<2", catalog="hive_traffic_safety", version=__version__)
_ = plugin.gettext


@plugin.record("traffic_teams", prefix="tt", label=N_("safety team"), command="team", key=("org", "name"))
class SafetyTeam:
    """A traffic-safety team (文明交通劝导队) set up by a community organization."""

    org: str = fields.ref(Organization, N_("organization"))
    name: str = fields.text(N_("name"), unique_within="org")
    leader: str = fields.ref(Person, N_("leader"))
    since: dt.date = fields.day(N_("since"), not_future=True, as_of=True)
    police_liaison: str = fields.text(N_("police liaison"), required=False)


def session_rule(ledger, session) -> str | None:
    """A team's session is its organization's, not before the team was set up; the police are named."""
    if not session.police:
        return _("police: name the traffic police unit or officer taking part (or set traffic.police_unit)")
    team = ledger.find(SafetyTeam, session.team) if session.team else None
    if team is not None and session.org and session.org != team.org:
        return _("org: team {team} belongs to {org}").format(team=team.id, org=team.org)
    if team is not None and session.date < team.since:
        return _("date: before team {team} was set up ({since})").format(team=team.id, since=team.since)
    return None


@plugin.record("traffic_sessions", prefix="ts", label=N_("session"), command="session", rules=(session_rule,))
class SafetySession:
    """A session in the community: a talk, a drill at the school gate, a helmet check."""

    date: dt.date = fields.day(N_("date"), not_future=True, as_of=True)
    topic: str = fields.text(N_("topic"))
    venue: str = fields.text(N_("venue"))
    police: str = fields.text(N_("traffic police"), required=False, setting="traffic.police_unit")
    hours: float = fields.hours(N_("hours"), default=1.0)
    org: str | None = fields.ref(Organization, N_("organization"), required=False)
    team: str | None = fields.ref(SafetyTeam, N_("team"), required=False)


@plugin.record("traffic_attendance", prefix="ta", label=N_("attendance"), command="attend", key=("session", "person"))
class Attendance:
    """One person at one session, as a resident or as a volunteer helping."""

    session: str = fields.ref(SafetySession, N_("session"))
    person: str = fields.ref(Person, N_("person"), unique_within="session")
    role: str = fields.choice(
        {"resident": N_("resident"), "volunteer": N_("volunteer")}, N_("role"), default="resident"
    )


plugin.settings(
    Setting("traffic.min_sessions", 2, N_("sessions with the traffic police a safety team needs"), "int", minimum=0),
    Setting(
        "traffic.police_unit", "", N_("the traffic police unit the center works with (default for sessions)"), "str"
    ),
)


@plugin.criterion("traffic.team_sessions", stage="capacity_training",
                  description=N_("an organization with a traffic-safety team has run {traffic.min_sessions} sessions with the traffic police"))  # fmt: skip
def team_sessions(org: Organization, ctx) -> Outcome:
    """Organizations without a team pass: the project does not apply to them."""
    teams = ctx.records(SafetyTeam, org=org.id)
    count, need = len(ctx.records(SafetySession, org=org.id)), ctx.setting("traffic.min_sessions")
    if not teams or count >= need:
        return Outcome(True, "", {"teams": [t.id for t in teams], "sessions": count})
    reason = _("its safety team {team} has run {count} of {need} sessions with the traffic police")
    return Outcome(False, reason.format(team=teams[0].name, count=count, need=need), {"sessions": count})


@plugin.hook
def hive_report_sections(ledger, period):
    from hive_traffic_safety.report_sections import sections

    return sections(ledger, period)
