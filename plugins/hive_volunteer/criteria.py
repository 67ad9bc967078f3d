"""The plugin's exit criterion: to graduate, an organization runs an active volunteer team."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from hive import N_, Outcome
from hive_volunteer import _, plugin
from hive_volunteer.models import APPROVED, ServiceRecord, Team, fmt
from hive_volunteer.settings import TEAM_CRITERION, TEAM_MIN_HOURS, TEAM_MIN_VOLUNTEERS, TEAM_WINDOW_DAYS, number

if TYPE_CHECKING:
    from hive.models import Organization
    from hive.review import ReviewContext

CRITERION_ID = "volunteer.team"


def _teams_by_org(ctx: ReviewContext) -> dict[str, list[Team]]:
    grouped: dict[str, list[Team]] = defaultdict(list)
    for team in ctx.records(Team):
        if team.org and team.founded <= ctx.as_of:
            grouped[team.org].append(team)
    return grouped


def _recent_team_hours(ctx: ReviewContext, days: int) -> dict[str, float]:
    """Approved hours per team in the ``days`` days up to ``as_of``, as the records stood on ``as_of``."""
    from hive.ledger import Between

    first = ctx.as_of - dt.timedelta(days=days - 1)
    hours: dict[str, float] = defaultdict(float)
    # the window's approved records only (a lookup by date), read without turning them into objects
    for team, worked, decided_on in ctx.values(
        ServiceRecord, "team", "hours", "decided_on", date=Between(first, ctx.as_of), status=APPROVED
    ):
        if team and (decided_on is None or decided_on <= ctx.as_of):
            hours[team] += worked
    return hours


@plugin.criterion(
    CRITERION_ID,
    stage="supervision",
    description=N_(
        "runs a volunteer team of at least {volunteer.team_min_volunteers} volunteers with "
        "{volunteer.team_min_hours} approved hours in the last {volunteer.team_window_days} days"
    ),
)
def team_active(org: Organization, ctx: ReviewContext) -> Outcome:
    if not ctx.settings[TEAM_CRITERION]:
        return Outcome(True, "", {"checked": False})
    need_volunteers = int(number(ctx.settings, TEAM_MIN_VOLUNTEERS))
    need_hours = float(number(ctx.settings, TEAM_MIN_HOURS))
    days = max(1, int(number(ctx.settings, TEAM_WINDOW_DAYS, 1)))
    teams = ctx.memo("volunteer.teams_by_org", lambda: _teams_by_org(ctx)).get(org.id, [])
    if not teams:
        return Outcome(False, _("the organization has no volunteer team"), {"teams": []})
    hours = ctx.memo(f"volunteer.team_hours.{days}", lambda: _recent_team_hours(ctx, days))
    evidence = []
    for team in teams:
        members = sum(1 for m in team.members if m.since <= ctx.as_of)
        evidence.append({"team": team.id, "volunteers": members, "hours": round(hours.get(team.id, 0.0), 2)})
    for e in evidence:
        if e["volunteers"] >= need_volunteers and e["hours"] >= need_hours:
            return Outcome(True, "", {"team": e["team"], "teams": evidence, "days": days})
    best = max(
        evidence, key=lambda e: (e["volunteers"] >= need_volunteers) + (e["hours"] >= need_hours) + e["hours"] / 1e6
    )
    name = next(t.name for t in teams if t.id == best["team"])
    problems = []
    if best["volunteers"] < need_volunteers:
        problems.append(_("{count} of {need} volunteers").format(count=best["volunteers"], need=need_volunteers))
    if best["hours"] < need_hours:
        problems.append(
            _("{hours} of {need} approved hours in the last {days} days").format(
                hours=fmt(best["hours"]), need=fmt(need_hours), days=days
            )
        )
    reason = _("volunteer team {name} ({id}) has {problems}").format(
        name=name, id=best["team"], problems="; ".join(problems)
    )
    return Outcome(False, reason, {"teams": evidence, "days": days})
