"""The party-building section of the periodic report (``hive report``).

Activities held in the period by kind (三会一课, theme party days...) per party
branch (an activity counts for the branch of each organization it was for;
one for no organization with a branch is the center's), attendances
(person-times) and distinct attendees; compliance with the regular schedule
for the due periods that end in the report's period (as ``hive party
compliance``); coverage of the organizations not dissolved (两个覆盖, as
``hive party coverage``) on the period's last day. Who attended is never shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
from collections import defaultdict

from hive_party import _
from hive_party import periods as calendar
from hive_party.compliance import HELD, STATUS_TITLES
from hive_party.compliance import rows as compliance_rows
from hive_party.coverage import COVERED, COVERED_BY_BRANCH, COVERED_BY_INSTRUCTOR, Coverage
from hive_party.kinds import KINDS
from hive_party.models import Absence, Activity, Branch
from hive_party.settings import frequencies

if TYPE_CHECKING:
    from hive.ledger import Ledger
    from hive.reporting import Period, Section

NO_BRANCH = ""


def coverage_counts(ledger: Ledger, orgs: list, day: dt.date, coverage: Coverage | None = None) -> dict[str, float]:
    """Organizations (not dissolved, joined by ``day``) and how many are covered on ``day``, with the rate."""
    cov = coverage if coverage is not None else Coverage(ledger, day)
    counts = {"organizations": 0, "covered": 0, COVERED_BY_BRANCH: 0, COVERED_BY_INSTRUCTOR: 0}
    for org in orgs:
        if org.joined > day:
            continue
        status = cov.status(org.id)
        counts["organizations"] += 1
        if status in COVERED:
            counts["covered"] += 1
            counts[status] += 1
    counts["rate"] = _rate(counts["covered"], counts["organizations"])
    return counts


def hive_district_figures() -> list:
    """The party figures of the district report (hive.rollup): activities held, and coverage at the period's end."""
    import weakref

    from hive.models import DISSOLVED, Organization
    from hive.rollup import Aggregate, Computed

    # the three figures share one computation per center's ledger (kept only while the ledger lives)
    counted: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def coverage(key: str):
        def compute(ledger: Ledger, period: Period) -> float:
            found = counted.get(ledger)
            if found is None or found[0] != period:
                orgs = [o for o in ledger.all(Organization) if o.status != DISSOLVED]
                found = counted[ledger] = (period, coverage_counts(ledger, orgs, period.end))
            return found[1][key]

        return compute

    return [
        Aggregate("party.activities", _("party activities held"), "party_activities", dated="date"),
        *(
            Aggregate(f"party.activities_{kind}", _(title), "party_activities", dated="date", equals={"kind": kind})
            for kind, title in KINDS.items()
        ),
        Computed("party.coverage_organizations", _("organizations (not dissolved)"), coverage("organizations")),
        Computed("party.coverage_covered", _("organizations covered by party-building"), coverage("covered")),
        Computed("party.coverage_rate", _("coverage rate (%)"), coverage("rate")),
    ]


def hive_report_sections(ledger: Ledger, period: Period) -> list[Section]:
    from hive.models import DISSOLVED, Organization
    from hive.reporting import Bar, Chart, Column, Figure, Section, Table, Tally

    orgs = [o for o in ledger.all(Organization) if o.status != DISSOLVED]
    branches = {b.id: b for b in ledger.all(Branch)}
    coverage_end = Coverage(ledger, period.end)
    tally = Tally(period)
    per_branch: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for a in ledger.all(Activity):
        tally.add(a.date, "activities")
        tally.add(a.date, f"activities_{a.kind}")
        tally.add(a.date, "attendances", len(set(a.attendees)))
        for person in set(a.attendees):
            tally.distinct(a.date, "attendees", person)
        if a.date in period:
            held_by = {a.branch} if a.branch else {b.id for org in a.orgs if (b := coverage_end.branch(org))} or {NO_BRANCH}
            for branch in held_by:
                per_branch[branch][a.kind] = per_branch[branch].get(a.kind, 0) + 1
    for absence in ledger.all(Absence):
        activity = ledger.find(Activity, absence.activity)
        if activity is not None:
            tally.add(activity.date, "absences")
    figures = tally.figures(
        [
            ("activities", _("party activities held"), ""),
            *((f"activities_{kind}", _(title), "") for kind, title in KINDS.items()),
            ("attendances", _("attendances (person-times)"), ""),
            ("attendees", _("distinct attendees"), ""),
            ("absences", _("absences of party members (person-times)"), ""),
        ]
    )
    compliance = [_compliance(ledger, span) for span in tally.spans]
    for key, label in (
        ("due", _("regular activities due (periods ended)")),
        ("held", _("of them held")),
        ("missing", _("of them missing")),
    ):
        figures.append(Figure(f"compliance_{key}", label, *(len(c[key]) for c in compliance)))
    figures.append(
        Figure("compliance_rate", _("compliance rate (%)"), *(_rate(len(c["held"]), len(c["due"])) for c in compliance))
    )

    def covered_on(day: dt.date) -> dict[str, float]:
        return coverage_counts(ledger, orgs, day, coverage_end if day == period.end else None)

    now, before = covered_on(period.end), covered_on(period.previous.end)
    for key, label in (
        ("organizations", _("organizations (not dissolved)")),
        ("covered", _("organizations covered by party-building")),
        (COVERED_BY_BRANCH, _("covered by a party branch")),
        (COVERED_BY_INSTRUCTOR, _("covered by an instructor")),
        ("rate", _("coverage rate (%)")),
    ):
        figures.append(Figure(f"coverage_{key}", label, now[key], before[key]))

    def branch_name(branch: str) -> str:
        return branches[branch].name if branch in branches else _("(no branch: the center)")

    kinds_columns = [Column(kind, _(title), numeric=True) for kind, title in KINDS.items()]
    branch_rows = [
        {"branch": branch, "name": branch_name(branch), **counts, "total": sum(counts.values())}
        for branch, counts in sorted(per_branch.items(), key=lambda item: (item[0] == NO_BRANCH, item[0]))
    ]
    tables = [
        Table(
            "activities_by_branch",
            _("Activities by kind per branch"),
            [Column("name", _("party branch")), *kinds_columns, Column("total", _("total"), numeric=True)],
            branch_rows,
        ),
        Table(
            "compliance",
            _("Regular activities due"),
            [
                Column("kind_name", _("kind")),
                Column("period", _("period")),
                Column("status_name", _("status")),
                Column("count", _("held"), numeric=True),
            ],
            [
                {**row, "kind_name": _(KINDS[row["kind"]]), "status_name": _(STATUS_TITLES[row["status"]])}
                for row in compliance[0]["rows"]
            ],
        ),
    ]
    chart = Chart(
        "activities_by_branch",
        _("Party activities per branch"),
        [Bar(row["name"], row["total"]) for row in branch_rows],
    )
    return [Section("party", _("Party-building"), figures, tables, [chart])]


def _rate(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _compliance(ledger: Ledger, span: Period) -> dict[str, list]:
    """The due periods (of any kind) that end in ``span`` or are under way at its end, as ``party compliance`` lists them."""
    due = frequencies(ledger.settings)
    found = []
    for year in range(span.start.year, min(span.end.year, ledger.today.year) + 1):
        bounds = {}
        for kind, frequency in due.items():
            if frequency in calendar.FREQUENCIES_WITH_PERIODS:
                for label, start, end in calendar.of_year(year, frequency):
                    bounds[kind, label] = (start, end)
        for row in compliance_rows(ledger, year):
            start, end = bounds[row["kind"], row["period"]]
            if end in span or (start <= span.end < end):
                found.append(row)
    held = [row for row in found if row["status"] == HELD]
    missing = [row for row in found if row["status"] != HELD]
    return {"rows": found, "due": found, "held": held, "missing": missing}
