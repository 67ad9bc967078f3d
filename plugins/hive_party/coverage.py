"""Coverage of the social organizations (两个覆盖), and the criteria built on it.

An organization with at least ``party.branch_min_members`` (3) full party
members among its members needs a party branch of its own (organizational
coverage); one with fewer is covered by a party branch it belongs to (a
joint branch of at most 5 organizations, or its own) or by an assigned
party-building instructor (work coverage).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hive import N_, Outcome
from hive_party import _, plugin
from hive_party.models import Branch, PartyMember, Transfer
from hive_party.records import active_on, branches_by_org, current_instructors, full_since, probation
from hive_party.settings import BRANCH_MIN_MEMBERS, GRADUATION_CRITERION, REGISTRATION_CRITERION, checked

# Codes: English in --json, translated where org show prints them (hive.i18n.declared).
COVERED_BY_BRANCH = N_("covered_by_branch")
COVERED_BY_INSTRUCTOR = N_("covered_by_instructor")
NEEDS_BRANCH = N_("needs_branch")
NEEDS_INSTRUCTOR = N_("needs_instructor")
STATUS_TITLES = {
    COVERED_BY_BRANCH: N_("covered by a party branch"),
    COVERED_BY_INSTRUCTOR: N_("covered by an instructor"),
    NEEDS_BRANCH: N_("needs a party branch of its own"),
    NEEDS_INSTRUCTOR: N_("needs a joint branch or an instructor"),
}
COVERED = (COVERED_BY_BRANCH, COVERED_BY_INSTRUCTOR)


class Coverage:
    """Everything coverage needs, indexed once, as the records stood on ``as_of`` (an as-of view of them)."""

    def __init__(self, ledger, as_of: dt.date):
        from hive.asof import AsOf
        from hive.models import Membership

        view = AsOf(ledger, as_of)
        self.as_of = as_of
        self.min_members = checked(ledger.settings, BRANCH_MIN_MEMBERS)
        months = probation(ledger)
        transfers = view.all(Transfer)
        party = {m.person: m for m in view.all(PartyMember) if active_on(m, transfers, as_of)}
        self.full = {pid for pid, m in party.items() if full_since(m, months) <= as_of}
        # a branch counts only while it has the full members a branch needs (党章: three)
        self.branch_full: dict[str, int] = defaultdict(int)
        for pid in self.full:
            self.branch_full[party[pid].branch] += 1
        self.members: dict[str, set[str]] = defaultdict(set)
        for membership in view.all(Membership):
            if membership.person in party:
                self.members[membership.org].add(membership.person)
        self.own, self.joint = branches_by_org([b for b in view.all(Branch) if self.counts(b)])
        self.recorded_own, self.recorded_joint = branches_by_org(view.all(Branch))
        self.instructors = current_instructors(view, as_of)

    def party_members(self, org: str) -> set[str]:
        """The party members (full or probationary) among the organization's members."""
        return self.members.get(org, set())

    def full_members(self, org: str) -> int:
        return sum(1 for pid in self.party_members(org) if pid in self.full)

    def counts(self, branch: Branch) -> bool:
        return not branch.committee and self.branch_full[branch.id] >= self.min_members

    def branch(self, org: str) -> Branch | None:
        """The branch that covers the organization (its own, else a joint one), if one counts."""
        return self.own.get(org) or self.joint.get(org)

    def recorded_branch(self, org: str) -> Branch | None:
        """The organization's branch as recorded, whether it has the members to count or not."""
        return self.recorded_own.get(org) or self.recorded_joint.get(org)

    def status(self, org: str) -> str:
        if self.full_members(org) >= self.min_members:
            return COVERED_BY_BRANCH if org in self.own else NEEDS_BRANCH
        if self.branch(org) is not None:
            return COVERED_BY_BRANCH
        return COVERED_BY_INSTRUCTOR if org in self.instructors else NEEDS_INSTRUCTOR

    def row(self, org) -> dict:
        """``party coverage --json`` of one organization."""
        branch, instructor = self.recorded_branch(org.id), self.instructors.get(org.id)
        return {
            "id": org.id,
            "name": org.name,
            "party_members": self.full_members(org.id),
            "status": self.status(org.id),
            "probationary": len(self.party_members(org.id)) - self.full_members(org.id),
            "branch": branch.id if branch else None,
            "instructor": instructor.person if instructor else None,
            "branch_full_members": self.branch_full[branch.id] if branch else None,
            "branch_counts": self.counts(branch) if branch else None,
        }


def rows(ledger, hours: dict[str, float] | None) -> list[dict]:
    """``party coverage --json``: every organization not dissolved, with its status today."""
    from hive.models import DISSOLVED, Organization

    coverage = Coverage(ledger, ledger.today)
    found = []
    for org in ledger.all(Organization):
        if org.status != DISSOLVED:
            row = coverage.row(org)
            if hours is not None:
                row["volunteer_hours"] = round(sum(hours.get(p, 0.0) for p in coverage.party_members(org.id)), 2)
            found.append(row)
    return found


@plugin.hook
def hive_org_details(ledger, organization) -> dict:
    """The section of ``hive org show``: counts and coverage, never who is a party member."""
    coverage = Coverage(ledger, ledger.today)
    row = coverage.row(organization)
    return {  # keys English in --json, translated where org show prints them
        N_("party_members"): len(coverage.party_members(organization.id)),
        N_("branch"): row["branch"] if row["branch_counts"] else None,
        N_("instructor_assigned"): row["instructor"] is not None,
        N_("coverage"): row["status"],
    }


# -- criteria ----------------------------------------------------------------------------
def _coverage(ctx) -> Coverage:
    return ctx.memo("party.coverage", lambda: Coverage(ctx.ledger, ctx.as_of))


@plugin.criterion(
    "party.instructor", stage="registration", description=N_("a party-building instructor assigned, or a party branch")
)
def has_instructor_or_branch(org, ctx) -> Outcome:
    if not ctx.setting(REGISTRATION_CRITERION):
        return Outcome(True, "", {"required": False})
    coverage = _coverage(ctx)
    row = coverage.row(org)
    evidence = {"branch": row["branch"], "instructor": row["instructor"], "status": row["status"]}
    if row["status"] == NEEDS_BRANCH:  # an instructor is no answer where a branch of its own is needed
        return Outcome(
            False,
            _("has {count} full party members: it needs a party branch of its own (needed from {need})").format(
                count=row["party_members"], need=coverage.min_members
            ),
            evidence,
        )
    if row["status"] in COVERED:
        return Outcome(True, "", evidence)
    return Outcome(
        False,
        _("no party-building instructor assigned and no party branch (hive party instructor assign ORG PERSON)"),
        evidence,
    )


@plugin.criterion(
    "party.coverage",
    stage="supervision",
    description=N_(
        "covered by party-building: its own branch from {party.branch_min_members} full party members,"
        " else a joint branch or an instructor"
    ),
)
def covered(org, ctx) -> Outcome:
    if not ctx.setting(GRADUATION_CRITERION):
        return Outcome(True, "", {"required": False})
    coverage = _coverage(ctx)
    status, count = coverage.status(org.id), coverage.full_members(org.id)
    evidence = {"status": status, "party_members": count}
    if status in COVERED:
        return Outcome(True, "", evidence)
    if status == NEEDS_BRANCH:
        reason = _("has {count} full party members but no party branch of its own (needed from {need})").format(
            count=count, need=coverage.min_members
        )
    else:
        reason = _("not covered: no party branch and no party-building instructor")
    return Outcome(False, reason, evidence)


@plugin.hook
def hive_demo_tour(ledger) -> str:
    """What ``hive demo`` shows of party-building: coverage of the organizations at a glance."""
    from hive.i18n import join

    counts: dict[str, int] = {}
    for row in rows(ledger, None):
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    parts = [f"{_(STATUS_TITLES[status])} {count}" for status, count in sorted(counts.items())]
    return _("Party-building coverage (hive party coverage): {parts}").format(parts=join(parts))
