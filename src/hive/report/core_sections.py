"""The core's sections of the periodic report: pipeline, trainings, registrations, diagnoses and supervision, reviews.

Contributed through ``hive_report_sections`` by the built-in plugin ``core``
(:mod:`hive.core_criteria`), like any plugin's sections. Dated records are
read only between the first and the last day the figures cover
(:attr:`hive.reporting.Tally.reach`: the previous period's first day or
1 January, to the period's last day); the pipeline replays every transition,
read as plain values.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hive import stages
from hive.i18n import _
from hive.ledger import Between, Ledger
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
        # (date, from stage, to stage, status) per organization, read as values: no Transition is built
        self.changes: dict[str, list[tuple[dt.date, str, str, str]]] = defaultdict(list)
        for org, *change in ledger.values(Transition, "org", "date", "from_stage", "to_stage", "status"):
            self.changes[org].append(tuple(change))
        for found in self.changes.values():
            found.sort(key=lambda change: change[0])  # stable: same-day changes keep the order they were recorded in

    def state(self, org: Organization, day: dt.date) -> tuple[str, str] | None:
        """(stage, status) of ``org`` at the end of ``day``, or None before it joined."""
        if org.joined > day:
            return None
        stage, status = stages.FIRST, ACTIVE
        for date, _before, after, now in self.changes.get(org.id, ()):
            if date > day:
                break
            stage, status = after, now
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
        for date, before, after, now in self.changes.get(org.id, ()):
            if after != before and stages.index(after) > stages.index(before):
                found.append(("moved_on", date, before, after))
                if after == stages.LAST:
                    found.append(("graduated", date, before, after))
            if now != status:
                if now == SUSPENDED:
                    found.append(("suspended", date, before, after))
                elif now == DISSOLVED:
                    found.append(("dissolved", date, before, after))
                elif now == ACTIVE and status == SUSPENDED:
                    found.append(("reinstated", date, before, after))
            status = now
        return found


def _stage(stage_id: str) -> str:
    return stages.get(stage_id).title if stage_id else ""


def pipeline(ledger: Ledger, period: Period, orgs: dict[str, Organization]) -> Section:
    line = Pipeline(ledger, orgs)
    tally = Tally(period)
    for org in orgs.values():
        for flow, day, before, after in line.flows(org):
            tally.add(day, flow)
            tally.listing(
                day,
                flow,
                id=org.id,
                name=org.name,
                from_stage=before,
                to_stage=after,
                **{"from": _stage(before), "to": _stage(after)},
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
                ("entered", _("entered (joined intake)")),
                ("moved_on", _("moved on a stage")),
                ("graduated", _("graduated")),
                ("suspended", _("suspended")),
                ("reinstated", _("reinstated")),
                ("dissolved", _("dissolved")),
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
        *(tally.table(flow, titles[flow], flow_columns) for flow in FLOWS),
    ]
    chart = Chart(
        "organizations_by_stage",
        _("Organizations by stage at the end of the period"),
        [Bar(_stage(s), at_end[s]) for s in stages.STAGE_IDS],
    )
    return Section("pipeline", _("Incubation pipeline"), figures, tables, [chart])


def _name(orgs: dict[str, Organization], org: str) -> str:
    found = orgs.get(org)
    return found.name if found else org


def trainings(ledger: Ledger, period: Period, orgs: dict[str, Organization]) -> Section:
    tally = Tally(period, floats=["hours"])
    dated = ledger.where(Training, date=Between(*tally.reach))
    backbone_from: dict[tuple[str, str], dt.date] = {}
    if dated:
        for org, person, since, backbone_since in ledger.values(
            Membership, "org", "person", "since", "backbone_since", backbone=True
        ):
            backbone_from[org, person] = backbone_since or since
    # grouped by day first: the tally then sees each day once, not each session and attendance
    sessions: dict[dt.date, list] = {}
    attendees: dict[dt.date, set[str]] = defaultdict(set)
    backbones: dict[dt.date, set[str]] = defaultdict(set)
    for t in dated:
        day = sessions.get(t.date)
        if day is None:
            day = sessions[t.date] = [0, 0.0]
        day[0] += 1
        day[1] += float(t.hours)
        present = set(t.attendees)
        attendees[t.date].update(present)
        for person in present:
            since = backbone_from.get((t.org, person))
            if since is not None and since <= t.date:
                backbones[t.date].add(person)
        tally.listing(
            t.date, "sessions", id=t.id, org=t.org, name=_name(orgs, t.org), topic=t.topic, hours=t.hours,
            attendees=len(present),
        )  # fmt: skip
    for day, (count, hours) in sessions.items():
        tally.add(day, "sessions", count)
        tally.add(day, "hours", hours)
    for day, people in attendees.items():
        tally.distinct_many(day, "attendees", people)
    for day, people in backbones.items():
        tally.distinct_many(day, "backbones_trained", people)
    figures = tally.figures(
        [
            ("sessions", _("training sessions")),
            ("hours", _("training hours"), _("hours")),
            ("attendees", _("distinct attendees")),
            ("backbones_trained", _("backbones trained")),
        ]
    )
    table = tally.table(
        "sessions",
        _("Training sessions"),
        [
            Column("date", _("date")),
            Column("name", _("organization")),
            Column("topic", _("topic")),
            Column("hours", _("hours"), numeric=True),
            Column("attendees", _("attendees"), numeric=True),
        ],
    )
    return Section("trainings", _("Trainings"), figures, [table])


def registrations(ledger: Ledger, period: Period, orgs: dict[str, Organization]) -> Section:
    tally = Tally(period)
    for r in ledger.where(Registration, date=Between(*tally.reach)):
        tally.add(r.date, "records")
        if r.filing_no:
            tally.add(r.date, "filed")
        if r.uscc:
            tally.add(r.date, "registered")
        tally.listing(
            r.date, "registrations", id=r.id, org=r.org, name=_name(orgs, r.org), filing_no=r.filing_no or "",
            uscc=r.uscc or "",
        )  # fmt: skip
    figures = tally.figures(
        [
            ("filed", _("filed with the sub-district (备案)")),
            ("registered", _("registered with civil affairs (登记)")),
        ]
    )
    table = tally.table(
        "registrations",
        _("Filings and registrations"),
        [
            Column("date", _("date")),
            Column("name", _("organization")),
            Column("filing_no", _("filing number")),
            Column("uscc", _("unified social credit code")),
        ],
    )
    return Section("registrations", _("Filings and registrations"), figures, [table])


def supervision(ledger: Ledger, period: Period, orgs: dict[str, Organization]) -> Section:
    tally = Tally(period)
    reach = Between(*tally.reach)
    for d in ledger.where(Diagnosis, date=reach):
        tally.add(d.date, "diagnoses")
        tally.distinct(d.date, "organizations_diagnosed", d.org)
        tally.listing(d.date, "diagnoses", id=d.id, org=d.org, name=_name(orgs, d.org), mean=round(d.mean, 2))
    for s in ledger.where(Supervision, date=reach):
        tally.add(s.date, "supervisions")
        tally.distinct(s.date, "organizations_supervised", s.org)
        tally.listing(s.date, "supervisions", id=s.id, org=s.org, name=_name(orgs, s.org), supervisor=s.supervisor)
    figures = tally.figures(
        [
            ("diagnoses", _("diagnoses")),
            ("organizations_diagnosed", _("organizations diagnosed")),
            ("supervisions", _("supervision sessions")),
            ("organizations_supervised", _("organizations supervised")),
        ]
    )
    tables = [
        tally.table(
            "diagnoses",
            _("Diagnoses"),
            [
                Column("date", _("date")),
                Column("name", _("organization")),
                Column("mean", _("mean score"), numeric=True),
            ],
        ),
        tally.table(
            "supervisions",
            _("Supervision sessions"),
            [Column("date", _("date")), Column("name", _("organization")), Column("supervisor", _("supervisor"))],
        ),
    ]
    return Section("supervision", _("Diagnoses and supervision"), figures, tables)


def reviews(ledger: Ledger, period: Period, orgs: dict[str, Organization]) -> Section:
    """Stage reviews held: one per organization, stage and day (a review run twice on a day counts once, the later)."""
    tally = Tally(period)
    latest: dict[tuple[str, str, dt.date], str] = {}
    for org, stage, as_of, verdict in ledger.values(
        Review, "org", "stage", "as_of", "verdict", as_of=Between(*tally.reach)
    ):
        latest[org, stage, as_of] = verdict
    by_stage: dict[str, dict[str, int]] = {s: {"ready": 0, "not_ready": 0} for s in stages.STAGE_IDS}
    for (org, stage, as_of), verdict in latest.items():
        verdict = "ready" if verdict == "ready" else "not_ready"
        tally.add(as_of, "reviews")
        tally.add(as_of, verdict)
        tally.distinct(as_of, "organizations_reviewed", org)
        if as_of in period and stage in by_stage:
            by_stage[stage][verdict] += 1
    figures = tally.figures(
        [
            ("reviews", _("stage reviews held")),
            ("organizations_reviewed", _("organizations reviewed")),
            ("ready", _("verdicts: ready")),
            ("not_ready", _("verdicts: not ready")),
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


def district_figures() -> list:
    """The core's figures of the district report (hive.rollup): the pipeline now, and what the period added.

    ``organizations`` and ``organizations.<stage>`` count the organizations as they stand (not
    dissolved); the others are the report's section figures of the same key, for the period.
    """
    from hive.rollup import DISTINCT, SUM, Aggregate

    alive = {"status": DISSOLVED}
    return [
        Aggregate("organizations", _("organizations (active and suspended)"), "organizations", unequal=alive),
        *(
            Aggregate(
                f"organizations.{stage.id}",
                _("organizations at stage {stage}").format(stage=stage.title),
                "organizations",
                equals={"stage": stage.id},
                unequal=alive,
            )
            for stage in stages.PIPELINE
        ),
        Aggregate("organizations.new", _("organizations joined in the period"), "organizations", dated="joined"),
        Aggregate("trainings", _("trainings in the period"), "trainings", dated="date"),
        Aggregate("training_hours", _("training hours in the period"), "trainings", SUM, "hours", dated="date"),
        Aggregate("events", _("changes recorded in the period"), "events", dated="at"),
        Aggregate("pipeline.entered", _("entered (joined intake)"), "organizations", dated="joined"),
        Aggregate("trainings.sessions", _("training sessions"), "trainings", dated="date"),
        Aggregate("trainings.hours", _("training hours"), "trainings", SUM, "hours", dated="date"),
        Aggregate("registrations.filed", _("filed with the sub-district (备案)"), "registrations", dated="date", present=("filing_no",)),
        Aggregate("registrations.registered", _("registered with civil affairs (登记)"), "registrations", dated="date", present=("uscc",)),
        Aggregate("supervision.diagnoses", _("diagnoses"), "diagnoses", dated="date"),
        Aggregate("supervision.organizations_diagnosed", _("organizations diagnosed"), "diagnoses", DISTINCT, "org", dated="date"),
        Aggregate("supervision.supervisions", _("supervision sessions"), "supervisions", dated="date"),
        Aggregate("supervision.organizations_supervised", _("organizations supervised"), "supervisions", DISTINCT, "org", dated="date"),
    ]  # fmt: skip
