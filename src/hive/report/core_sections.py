"""The core's sections of the periodic report: pipeline, trainings, registrations, diagnoses and supervision, reviews.

Contributed through ``hive_report_sections`` by the built-in plugin ``core``
(:mod:`hive.core_criteria`), like any plugin's sections.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hive import stages
from hive.i18n import _
from hive.ledger import Ledger
from hive.models import (
    ACTIVE,
    DISSOLVED,
    SUSPENDED,
    Diagnosis,
    Membership,
    Organization,
    Registration,
    Review,
    Supervision,
    Training,
    Transition,
)
from hive.reporting import Bar, Chart, Column, Figure, Period, Section, Table, Tally

FLOWS = ("entered", "moved_on", "graduated", "suspended", "dissolved", "reinstated")


def sections(ledger: Ledger, period: Period) -> list[Section]:
    orgs = {o.id: o for o in ledger.all(Organization)}
    return [
        pipeline(ledger, period, orgs),
        trainings(ledger, period, orgs),
        registrations(ledger, period, orgs),
        supervision(ledger, period, orgs),
        reviews(ledger, period, orgs),
    ]


def _day_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


class Pipeline:
    """Each organization's stage and status on any day, replayed from its transitions."""

    def __init__(self, ledger: Ledger, orgs: dict[str, Organization]):
        self.orgs = orgs
        self.changes: dict[str, list[Transition]] = defaultdict(list)
        for t in ledger.all(Transition):
            self.changes[t.org].append(t)
        for found in self.changes.values():
            found.sort(key=lambda t: t.date)  # stable: same-day changes keep the order they were recorded in

    def state(self, org: Organization, day: dt.date) -> tuple[str, str] | None:
        """(stage, status) of ``org`` at the end of ``day``, or None before it joined."""
        if org.joined > day:
            return None
        stage, status = stages.FIRST, ACTIVE
        for t in self.changes.get(org.id, ()):
            if t.date > day:
                break
            stage, status = t.to_stage, t.status
        return stage, status

    def by_stage(self, day: dt.date) -> dict[str, int]:
        """Organizations not dissolved on ``day``, per stage."""
        counts = dict.fromkeys(stages.STAGE_IDS, 0)
        for org in self.orgs.values():
            state = self.state(org, day)
            if state is not None and state[1] != DISSOLVED:
                counts[state[0]] += 1
        return counts

    def count(self, day: dt.date, status: str | None = None) -> int:
        found = 0
        for org in self.orgs.values():
            state = self.state(org, day)
            if state is not None and (state[1] != DISSOLVED if status is None else state[1] == status):
                found += 1
        return found

    def flows(self, org: Organization) -> list[tuple[str, dt.date, str, str]]:
        """(flow, date, from stage, to stage) for every flow of ``org``: entered, moved on, graduated..."""
        found = [("entered", org.joined, "", stages.FIRST)]
        status = ACTIVE
        for t in self.changes.get(org.id, ()):
            if t.to_stage != t.from_stage and stages.index(t.to_stage) > stages.index(t.from_stage):
                found.append(("moved_on", t.date, t.from_stage, t.to_stage))
                if t.to_stage == stages.LAST:
                    found.append(("graduated", t.date, t.from_stage, t.to_stage))
            if t.status != status:
                if t.status == SUSPENDED:
                    found.append(("suspended", t.date, t.from_stage, t.to_stage))
                elif t.status == DISSOLVED:
                    found.append(("dissolved", t.date, t.from_stage, t.to_stage))
                elif t.status == ACTIVE and status == SUSPENDED:
                    found.append(("reinstated", t.date, t.from_stage, t.to_stage))
            status = t.status
        return found


def _stage(stage_id: str) -> str:
    return stages.get(stage_id).title if stage_id else ""


def pipeline(ledger: Ledger, period: Period, orgs: dict[str, Organization]) -> Section:
    line = Pipeline(ledger, orgs)
    tally = Tally(period)
    listed: dict[str, list[dict]] = {flow: [] for flow in FLOWS}
    for org in orgs.values():
        for flow, day, before, after in line.flows(org):
            tally.add(day, flow)
            if day in period:
                listed[flow].append(
                    {
                        "date": day.isoformat(),
                        "id": org.id,
                        "name": org.name,
                        "from_stage": before,
                        "to_stage": after,
                        "from": _stage(before),
                        "to": _stage(after),
                    }
                )
    start = _day_before(period.start)
    at_start, at_end = line.by_stage(start), line.by_stage(period.end)
    previous_end = line.by_stage(period.previous.end)
    figures = [
        Figure(
            "organizations_start",
            _("organizations at the start"),
            sum(at_start.values()),
            sum(line.by_stage(_day_before(period.previous.start)).values()),
        ),
        Figure("organizations_end", _("organizations at the end"), sum(at_end.values()), sum(previous_end.values())),
        Figure(
            "suspended_end",
            _("suspended at the end"),
            line.count(period.end, SUSPENDED),
            line.count(period.previous.end, SUSPENDED),
        ),
        *tally.figures(
            [
                ("entered", _("entered (joined intake)"), ""),
                ("moved_on", _("moved on a stage"), ""),
                ("graduated", _("graduated"), ""),
                ("suspended", _("suspended"), ""),
                ("reinstated", _("reinstated"), ""),
                ("dissolved", _("dissolved"), ""),
            ]
        ),
    ]
    stage_rows = [
        {"stage": s, "name": _stage(s), "start": at_start[s], "end": at_end[s], "change": at_end[s] - at_start[s]}
        for s in stages.STAGE_IDS
    ]
    flow_columns = [
        Column("date", _("date")),
        Column("id", _("id")),
        Column("name", _("organization")),
        Column("from", _("from stage")),
        Column("to", _("to stage")),
    ]
    titles = {
        "entered": _("Organizations that entered"),
        "moved_on": _("Organizations that moved on a stage"),
        "graduated": _("Organizations that graduated"),
        "suspended": _("Organizations suspended"),
        "reinstated": _("Organizations reinstated"),
        "dissolved": _("Organizations dissolved"),
    }
    tables = [
        Table(
            "stages",
            _("Organizations per stage"),
            [
                Column("name", _("stage")),
                Column("start", _("at the start"), numeric=True),
                Column("end", _("at the end"), numeric=True),
                Column("change", _("change"), numeric=True),
            ],
            stage_rows,
        ),
        *(Table(flow, titles[flow], flow_columns, sorted(listed[flow], key=_by_date)) for flow in FLOWS),
    ]
    chart = Chart(
        "organizations_by_stage",
        _("Organizations by stage at the end of the period"),
        [Bar(_stage(s), at_end[s]) for s in stages.STAGE_IDS],
    )
    return Section("pipeline", _("Incubation pipeline"), figures, tables, [chart])


def _by_date(row: dict) -> tuple:
    return (row["date"], row["id"])


def _name(orgs: dict[str, Organization], org: str) -> str:
    found = orgs.get(org)
    return found.name if found else org


def trainings(ledger: Ledger, period: Period, orgs: dict[str, Organization]) -> Section:
    backbone_from: dict[tuple[str, str], dt.date] = {}
    for m in ledger.all(Membership):
        if m.backbone:
            backbone_from[m.org, m.person] = m.backbone_since or m.since
    tally = Tally(period, floats=["hours"])
    rows = []
    for t in ledger.all(Training):
        tally.add(t.date, "sessions")
        tally.add(t.date, "hours", float(t.hours))
        for person in set(t.attendees):
            tally.distinct(t.date, "attendees", person)
            since = backbone_from.get((t.org, person))
            if since is not None and since <= t.date:
                tally.distinct(t.date, "backbones_trained", person)
        if t.date in period:
            rows.append(
                {
                    "date": t.date.isoformat(),
                    "id": t.id,
                    "org": t.org,
                    "name": _name(orgs, t.org),
                    "topic": t.topic,
                    "hours": t.hours,
                    "attendees": len(set(t.attendees)),
                }
            )
    figures = tally.figures(
        [
            ("sessions", _("training sessions"), ""),
            ("hours", _("training hours"), _("hours")),
            ("attendees", _("distinct attendees"), ""),
            ("backbones_trained", _("backbones trained"), ""),
        ]
    )
    table = Table(
        "sessions",
        _("Training sessions"),
        [
            Column("date", _("date")),
            Column("name", _("organization")),
            Column("topic", _("topic")),
            Column("hours", _("hours"), numeric=True),
            Column("attendees", _("attendees"), numeric=True),
        ],
        sorted(rows, key=_by_date),
    )
    return Section("trainings", _("Trainings"), figures, [table])


def registrations(ledger: Ledger, period: Period, orgs: dict[str, Organization]) -> Section:
    tally = Tally(period)
    rows = []
    for r in ledger.all(Registration):
        tally.add(r.date, "records")
        if r.filing_no:
            tally.add(r.date, "filed")
        if r.uscc:
            tally.add(r.date, "registered")
        if r.date in period:
            rows.append(
                {
                    "date": r.date.isoformat(),
                    "id": r.id,
                    "org": r.org,
                    "name": _name(orgs, r.org),
                    "filing_no": r.filing_no or "",
                    "uscc": r.uscc or "",
                }
            )
    figures = tally.figures(
        [
            ("filed", _("filed with the sub-district (备案)"), ""),
            ("registered", _("registered with civil affairs (登记)"), ""),
        ]
    )
    table = Table(
        "registrations",
        _("Filings and registrations"),
        [
            Column("date", _("date")),
            Column("name", _("organization")),
            Column("filing_no", _("filing number")),
            Column("uscc", _("unified social credit code")),
        ],
        sorted(rows, key=_by_date),
    )
    return Section("registrations", _("Filings and registrations"), figures, [table])


def supervision(ledger: Ledger, period: Period, orgs: dict[str, Organization]) -> Section:
    tally = Tally(period)
    diagnosed, supervised = [], []
    for d in ledger.all(Diagnosis):
        tally.add(d.date, "diagnoses")
        tally.distinct(d.date, "organizations_diagnosed", d.org)
        if d.date in period:
            diagnosed.append(
                {
                    "date": d.date.isoformat(),
                    "id": d.id,
                    "org": d.org,
                    "name": _name(orgs, d.org),
                    "mean": round(d.mean, 2),
                }
            )
    for s in ledger.all(Supervision):
        tally.add(s.date, "supervisions")
        tally.distinct(s.date, "organizations_supervised", s.org)
        if s.date in period:
            supervised.append(
                {
                    "date": s.date.isoformat(),
                    "id": s.id,
                    "org": s.org,
                    "name": _name(orgs, s.org),
                    "supervisor": s.supervisor,
                }
            )
    figures = tally.figures(
        [
            ("diagnoses", _("diagnoses"), ""),
            ("organizations_diagnosed", _("organizations diagnosed"), ""),
            ("supervisions", _("supervision sessions"), ""),
            ("organizations_supervised", _("organizations supervised"), ""),
        ]
    )
    tables = [
        Table(
            "diagnoses",
            _("Diagnoses"),
            [
                Column("date", _("date")),
                Column("name", _("organization")),
                Column("mean", _("mean score"), numeric=True),
            ],
            sorted(diagnosed, key=_by_date),
        ),
        Table(
            "supervisions",
            _("Supervision sessions"),
            [Column("date", _("date")), Column("name", _("organization")), Column("supervisor", _("supervisor"))],
            sorted(supervised, key=_by_date),
        ),
    ]
    return Section("supervision", _("Diagnoses and supervision"), figures, tables)


def reviews(ledger: Ledger, period: Period, orgs: dict[str, Organization]) -> Section:
    """Stage reviews held: one per organization, stage and day (a review run twice on a day counts once, the later)."""
    latest: dict[tuple[str, str, dt.date], Review] = {}
    for r in ledger.all(Review):
        latest[r.org, r.stage, r.as_of] = r
    tally = Tally(period)
    by_stage: dict[str, dict[str, int]] = {s: {"ready": 0, "not_ready": 0} for s in stages.STAGE_IDS}
    for r in latest.values():
        verdict = "ready" if r.verdict == "ready" else "not_ready"
        tally.add(r.as_of, "reviews")
        tally.add(r.as_of, verdict)
        tally.distinct(r.as_of, "organizations_reviewed", r.org)
        if r.as_of in period and r.stage in by_stage:
            by_stage[r.stage][verdict] += 1
    figures = tally.figures(
        [
            ("reviews", _("stage reviews held"), ""),
            ("organizations_reviewed", _("organizations reviewed"), ""),
            ("ready", _("verdicts: ready"), ""),
            ("not_ready", _("verdicts: not ready"), ""),
        ]
    )
    rows = [
        {"stage": s, "name": _stage(s), "ready": v["ready"], "not_ready": v["not_ready"]}
        for s, v in by_stage.items()
        if s != stages.LAST
    ]
    table = Table(
        "verdicts",
        _("Verdicts per stage"),
        [
            Column("name", _("stage")),
            Column("ready", _("ready"), numeric=True),
            Column("not_ready", _("not ready"), numeric=True),
        ],
        rows,
    )
    return Section("reviews", _("Stage reviews"), figures, [table])
