"""The project's section of hive's periodic report (``hive report``), the same figures as ``hive traffic report``."""

from __future__ import annotations

from hive.ledger import Ledger
from hive.reporting import Column, Period, Section, Table, Tally
from hive_traffic_safety import _
from hive_traffic_safety.models import RESIDENT, VOLUNTEER, Attendance, SafetySession


def sections(ledger: Ledger, period: Period) -> list[Section]:
    sessions = {s.id: s for s in ledger.all(SafetySession)}
    tally = Tally(period, floats=["hours"])
    attendance: dict[str, int] = {}
    for s in sessions.values():
        tally.add(s.date, "sessions")
        tally.add(s.date, "hours", float(s.hours))
    for a in ledger.all(Attendance):
        session = sessions.get(a.session)
        if session is None:
            continue
        tally.add(session.date, "attendance")
        if a.role == RESIDENT:
            tally.distinct(session.date, "residents", a.person)
        elif a.role == VOLUNTEER:
            tally.distinct(session.date, "volunteers", a.person)
        attendance[a.session] = attendance.get(a.session, 0) + 1
    figures = tally.figures(
        [
            ("sessions", _("traffic-safety sessions"), ""),
            ("hours", _("hours of sessions"), _("hours")),
            ("attendance", _("attendance (person-times)"), ""),
            ("residents", _("residents reached"), ""),
            ("volunteers", _("volunteers helping"), ""),
        ]
    )
    rows = [
        {
            "date": s.date.isoformat(),
            "id": s.id,
            "topic": s.topic,
            "venue": s.venue,
            "police": s.police,
            "hours": s.hours,
            "attendance": attendance.get(s.id, 0),
        }
        for s in sorted(sessions.values(), key=lambda s: (s.date, s.id))
        if s.date in period
    ]
    table = Table(
        "sessions",
        _("Sessions"),
        [
            Column("date", _("date")),
            Column("topic", _("topic")),
            Column("venue", _("venue")),
            Column("police", _("traffic police")),
            Column("hours", _("hours"), numeric=True),
            Column("attendance", _("attendance"), numeric=True),
        ],
        rows,
    )
    return [Section("traffic", _("Traffic safety into the community"), figures, [table])]
