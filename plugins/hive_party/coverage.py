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

from hive.criteria import Criterion, Outcome
from hive.i18n import N_, join
from hive.ledger import Ledger
from hive.models import DISSOLVED, Membership, Organization
from hive_party import _
from hive_party.models import Branch, PartyMember
from hive_party.records import branches_by_org, current_instructors, full_since, probation
from hive_party.settings import BRANCH_MIN_MEMBERS, GRADUATION_CRITERION, REGISTRATION_CRITERION, whole

COVERED_BY_BRANCH = "covered_by_branch"
COVERED_BY_INSTRUCTOR = "covered_by_instructor"
NEEDS_BRANCH = "needs_branch"
NEEDS_INSTRUCTOR = "needs_instructor"
STATUS_TITLES = {
    COVERED_BY_BRANCH: N_("covered by a party branch"),
    COVERED_BY_INSTRUCTOR: N_("covered by an instructor"),
    NEEDS_BRANCH: N_("needs a party branch of its own"),
    NEEDS_INSTRUCTOR: N_("needs a joint branch or an instructor"),
}
COVERED = (COVERED_BY_BRANCH, COVERED_BY_INSTRUCTOR)
# The keys and coded values of the org show and person show sections stay English in --json;
# marked here so that their text lines are translated (hive.i18n.declared).
DETAIL_LABELS = (
    N_("party"),
    N_("party_members"),
    N_("branch"),
    N_("instructor_assigned"),
    N_("coverage"),
    N_("covered_by_branch"),
    N_("covered_by_instructor"),
    N_("needs_branch"),
    N_("needs_instructor"),
    N_("party_member"),
    N_("joined"),
    N_("full"),
    N_("reported"),
    N_("instructor_of"),
)


class Coverage:
    """Everything coverage needs, indexed once, as the records stood on ``as_of``."""

    def __init__(self, ledger: Ledger, as_of: dt.date):
        self.as_of = as_of
        self.min_members = whole(ledger.settings, BRANCH_MIN_MEMBERS)
        months = probation(ledger)
        party = {m.person: m for m in ledger.all(PartyMember) if m.joined <= as_of}
        self.full = {pid for pid, m in party.items() if full_since(m, months) <= as_of}
        self.party = set(party)
        self.members: dict[str, set[str]] = defaultdict(set)
        for membership in ledger.all(Membership):
            if membership.since <= as_of and membership.person in self.party:
                self.members[membership.org].add(membership.person)
        self.own, self.joint = branches_by_org(ledger.all(Branch), as_of)
        self.instructors = current_instructors(ledger, as_of)

    def party_members(self, org: str) -> set[str]:
        """The party members (full or probationary) among the organization's members."""
        return self.members.get(org, set())

    def full_members(self, org: str) -> int:
        return sum(1 for pid in self.party_members(org) if pid in self.full)

    def branch(self, org: str) -> Branch | None:
        return self.own.get(org) or self.joint.get(org)

    def status(self, org: str) -> str:
        if self.full_members(org) >= self.min_members:
            return COVERED_BY_BRANCH if org in self.own else NEEDS_BRANCH
        if self.branch(org) is not None:
            return COVERED_BY_BRANCH
        return COVERED_BY_INSTRUCTOR if org in self.instructors else NEEDS_INSTRUCTOR


def rows(ledger: Ledger, hours: dict[str, float] | None) -> list[dict]:
    """``party coverage --json``: every organization not dissolved, with its status today."""
    coverage = Coverage(ledger, ledger.today)
    found = []
    for org in ledger.all(Organization):
        if org.status == DISSOLVED:
            continue
        branch = coverage.branch(org.id)
        instructor = coverage.instructors.get(org.id)
        row = {
            "id": org.id,
            "name": org.name,
            "party_members": coverage.full_members(org.id),
            "status": coverage.status(org.id),
            "probationary": len(coverage.party_members(org.id)) - coverage.full_members(org.id),
            "branch": branch.id if branch else None,
            "instructor": instructor.person if instructor else None,
        }
        if hours is not None:
            row["volunteer_hours"] = round(sum(hours.get(pid, 0.0) for pid in coverage.party_members(org.id)), 2)
        found.append(row)
    return found


def org_details(ledger: Ledger, organization: Organization) -> dict:
    """The section of ``hive org show``: counts and coverage, never who is a party member."""
    coverage = Coverage(ledger, ledger.today)
    branch = coverage.branch(organization.id)
    return {
        "party_members": len(coverage.party_members(organization.id)),
        "branch": branch.id if branch else None,
        "instructor_assigned": organization.id in coverage.instructors,
        "coverage": coverage.status(organization.id),
    }


# -- criteria ----------------------------------------------------------------------------
def _coverage(ctx) -> Coverage:
    return ctx.memo("party.coverage", lambda: Coverage(ctx.ledger, ctx.as_of))


def has_instructor_or_branch(org: Organization, ctx) -> Outcome:
    if not ctx.settings[REGISTRATION_CRITERION]:
        return Outcome(True, "", {"required": False})
    coverage = _coverage(ctx)
    branch = coverage.branch(org.id)
    instructor = coverage.instructors.get(org.id)
    evidence = {"branch": branch.id if branch else None, "instructor": instructor.person if instructor else None}
    if branch or instructor:
        return Outcome(True, "", evidence)
    return Outcome(
        False,
        _("no party-building instructor assigned and no party branch (hive party instructor assign ORG PERSON)"),
        evidence,
    )


def covered(org: Organization, ctx) -> Outcome:
    if not ctx.settings[GRADUATION_CRITERION]:
        return Outcome(True, "", {"required": False})
    coverage = _coverage(ctx)
    status = coverage.status(org.id)
    count = coverage.full_members(org.id)
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


def criteria() -> list[Criterion]:
    return [
        Criterion(
            "party.instructor",
            "registration",
            _("a party-building instructor assigned, or a party branch"),
            has_instructor_or_branch,
        ),
        Criterion(
            "party.coverage",
            "supervision",
            _(
                "covered by party-building: its own branch from 3 full party members, else a joint branch or an instructor"
            ),
            covered,
        ),
    ]


def demo_tour(ledger: Ledger) -> str:
    """What ``hive demo`` shows of party-building: coverage of the organizations at a glance."""
    found = rows(ledger, None)
    counts: dict[str, int] = {}
    for row in found:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    parts = [f"{_(STATUS_TITLES[status])} {count}" for status, count in sorted(counts.items())]
    return _("Party-building coverage (hive party coverage): {parts}").format(parts=join(parts))
