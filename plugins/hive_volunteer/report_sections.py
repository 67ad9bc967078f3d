"""The volunteer section of the periodic report (``hive report``): 层层统计 figures a street office asks for.

Registered volunteers, new ones, those active in the period, person-times
(人次: one approved service record is one person-time), approved hours (by
the day of service), hours still pending approval, stars reached and
certificates issued; by team and by organization; approved hours by month
over the last 12 months. A record's approval status is the one it has now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
from bisect import bisect_right
from collections import defaultdict

from hive.models import Organization, Person
from hive.reporting import Bar, Chart, Column, Figure, Period, Section, Table, Tally
from hive_volunteer import _, pgettext
from hive_volunteer.models import APPROVED, PENDING, Certificate, ServiceRecord, Team, Volunteer
from hive_volunteer.records import star_level
from hive_volunteer.settings import star_hours

if TYPE_CHECKING:
    from hive.ledger import Ledger


def hive_report_sections(ledger: Ledger, period: Period) -> list[Section]:
    volunteers = ledger.all(Volunteer)
    tally = Tally(period, floats=["approved_hours", "pending_hours"])
    spans = tally.spans
    for v in volunteers:
        tally.add(v.registered, "new")
    # approved hours per person between the days the spans begin and end: who reached a new star in each
    cutoffs = sorted({s.start for s in spans} | {s.end + dt.timedelta(days=1) for s in spans})
    segments: dict[str, list[float]] = defaultdict(lambda: [0.0] * (len(cutoffs) + 1))
    by_team: dict[str | None, dict] = defaultdict(lambda: {"hours": 0.0, "times": 0, "people": set()})
    by_org: dict[str | None, dict] = defaultdict(lambda: {"hours": 0.0, "times": 0, "people": set()})
    months = period.last_months(12)
    first_month = months[0].start
    monthly: dict[tuple[int, int], float] = defaultdict(float)
    # read as columns, without building 500,000 objects (void records are left out)
    pending: dict[dt.date, list[float]] = defaultdict(list)
    for day, hours in ledger.values(ServiceRecord, "date", "hours", status=PENDING):
        pending[day].append(float(hours))
    for day, found in pending.items():
        tally.add(day, "pending_records", len(found))
        tally.add(day, "pending_hours", sum(found))
    # grouped by day first: the tally then sees each day once, not each of 500,000 records
    daily: dict[dt.date, list] = {}
    start, end = period.start, period.end
    for person, day, hours, team, org in ledger.values(
        ServiceRecord, "person", "date", "hours", "team", "org", status=APPROVED
    ):
        hours = float(hours)
        entry = daily.get(day)
        if entry is None:
            entry = daily[day] = [0, 0.0, set()]
        entry[0] += 1
        entry[1] += hours
        entry[2].add(person)
        segments[person][bisect_right(cutoffs, day)] += hours
        if start <= day <= end:
            for key, rows in ((team, by_team), (org, by_org)):
                row = rows[key]
                row["hours"] += hours
                row["times"] += 1
                row["people"].add(person)
        if first_month <= day <= end:
            monthly[day.year, day.month] += hours
    for day, (times, hours, people) in daily.items():
        tally.add(day, "person_times", times)
        tally.add(day, "approved_hours", hours)
        tally.distinct_many(day, "active", people)
    thresholds = star_hours(ledger.settings)
    reached: list[list[tuple[str, int, int]]] = []
    for span in spans:
        first, after = cutoffs.index(span.start), cutoffs.index(span.end + dt.timedelta(days=1))
        found = []
        for person, hours in segments.items():
            before = sum(hours[: first + 1])  # every segment before the span's first day
            upto = before + sum(hours[first + 1 : after + 1])
            stars_before = star_level(before, thresholds)[0]
            stars_after = star_level(upto, thresholds)[0]
            if stars_after > stars_before:
                found.append((person, stars_before, stars_after))
        reached.append(found)
    certificates = Tally(period, floats=["certificate_hours"])
    issued = []
    for c in ledger.all(Certificate):
        certificates.add(c.issued, "certificates")
        certificates.add(c.issued, "certificate_hours", float(c.hours))
        if c.issued in period:
            issued.append(c)

    def registered_on(day) -> int:
        return sum(1 for v in volunteers if v.registered <= day)

    hours_word = pgettext("unit", "hours")
    figures = [
        Figure(
            "registered",
            _("registered volunteers at the end"),
            registered_on(period.end),
            registered_on(period.previous.end),
        ),
        *tally.figures(
            [
                ("new", _("newly registered volunteers"), ""),
                ("active", _("volunteers active in the period"), ""),
                ("person_times", _("person-times served (人次)"), ""),
                ("approved_hours", _("approved service hours"), hours_word),
                ("pending_records", _("service records pending approval"), ""),
                ("pending_hours", _("hours pending approval"), hours_word),
            ]
        ),
        Figure(
            "stars_reached", _("volunteers who reached a new star"), len(reached[0]), len(reached[1]), len(reached[2])
        ),
        *certificates.figures(
            [
                ("certificates", _("service certificates issued"), ""),
                ("certificate_hours", _("hours on the certificates issued"), hours_word),
            ]
        ),
    ]
    names = {p.id: p.name for p in ledger.all(Person)}
    teams = {t.id: t.name for t in ledger.all(Team)}
    orgs = {o.id: o.name for o in ledger.all(Organization)}
    center = ledger.center.name

    def grouped(rows: dict, label) -> list[dict]:
        found = [
            {
                "id": key or "",
                "name": label(key),
                "volunteers": len(row["people"]),
                "person_times": row["times"],
                "hours": round(row["hours"], 2),
            }
            for key, row in rows.items()
        ]
        return sorted(found, key=lambda row: (-row["hours"], row["id"]))

    group_columns = [
        Column("name", pgettext("team", "name")),
        Column("volunteers", _("volunteers"), numeric=True),
        Column("person_times", _("person-times"), numeric=True),
        Column("hours", _("approved hours"), numeric=True),
    ]
    tables = [
        Table(
            "by_team",
            _("By team"),
            group_columns,
            grouped(by_team, lambda key: teams.get(key, key) if key else _("(no team)")),
        ),
        Table(
            "by_organization",
            _("By organization"),
            [Column("name", _("organization")), *group_columns[1:]],
            grouped(by_org, lambda key: orgs.get(key, key) if key else center),
        ),
        Table(
            "stars_reached",
            _("Volunteers who reached a new star"),
            [
                Column("name", pgettext("person", "name")),
                Column("stars_before", _("stars before"), numeric=True),
                Column("stars", _("stars now"), numeric=True),
            ],
            sorted(
                (
                    {"person": person, "name": names.get(person, person), "stars_before": a, "stars": b}
                    for person, a, b in reached[0]
                ),
                key=lambda row: (-row["stars"], row["person"]),
            ),
        ),
        Table(
            "certificates",
            _("Service certificates issued"),
            [
                Column("issued", _("issued")),
                Column("number", _("certificate number")),
                Column("name", pgettext("person", "name")),
                Column("hours", _("hours"), numeric=True),
            ],
            [
                {
                    "issued": c.issued.isoformat(),
                    "number": c.number,
                    "name": names.get(c.person, c.person),
                    "hours": c.hours,
                }
                for c in sorted(issued, key=lambda c: (c.issued, c.id))
            ],
        ),
    ]
    chart = Chart(
        "hours_by_month",
        _("Approved service hours by month, last 12 months"),
        [
            Bar(f"{m.start.year}-{m.start.month:02d}", round(monthly.get((m.start.year, m.start.month), 0.0), 2))
            for m in months
        ],
        hours_word,
    )
    return [Section("volunteers", _("Volunteers"), figures, tables, [chart])]


def hive_district_figures() -> list:
    """The volunteer figures of the district report (hive.rollup), each the report's figure of the same key."""
    from hive.rollup import DISTINCT, SUM, Aggregate

    hours_label = _("approved service hours")
    approved, pending = {"status": APPROVED}, {"status": PENDING}
    return [
        Aggregate("volunteers.registered", _("registered volunteers at the end"), "volunteers", dated="registered", upto=True),
        Aggregate("volunteers.new", _("newly registered volunteers"), "volunteers", dated="registered"),
        Aggregate("volunteers.active", _("volunteers active in the period"), "volunteer_records", DISTINCT, "person", dated="date", equals=approved),
        Aggregate("volunteers.person_times", _("person-times served (人次)"), "volunteer_records", dated="date", equals=approved),
        Aggregate("volunteers.approved_hours", hours_label, "volunteer_records", SUM, "hours", dated="date", equals=approved),
        Aggregate("volunteers.pending_records", _("service records pending approval"), "volunteer_records", dated="date", equals=pending),
        Aggregate("volunteers.pending_hours", _("hours pending approval"), "volunteer_records", SUM, "hours", dated="date", equals=pending),
        Aggregate("volunteers.certificates", _("service certificates issued"), "volunteer_certificates", dated="issued"),
        Aggregate("volunteers.certificate_hours", _("hours on the certificates issued"), "volunteer_certificates", SUM, "hours", dated="issued"),
    ]  # fmt: skip
