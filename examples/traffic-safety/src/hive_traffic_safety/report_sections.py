"""The project's section of hive's periodic report (``hive report``): sessions, hours and attendance."""

from __future__ import annotations

from hive.reporting import Column, Section, Table, Tally
from hive_traffic_safety import Attendance, SafetySession, _


def sections(ledger, period) -> list[Section]:
    sessions = {s.id: s for s in ledger.all(SafetySession)}
    tally, attendance = Tally(period, floats=["hours"]), {}
    for s in sessions.values():
        tally.add(s.date, "sessions")
        tally.add(s.date, "hours", float(s.hours))
    for a in ledger.all(Attendance):
        if (session := sessions.get(a.session)) is not None:
            tally.add(session.date, "attendance")
            tally.distinct(session.date, "residents" if a.role == "resident" else "volunteers", a.person)
            attendance[a.session] = attendance.get(a.session, 0) + 1
    figures = tally.figures([
        ("sessions", _("traffic-safety sessions"), ""), ("hours", _("hours of sessions"), _("hours")),
        ("attendance", _("attendance (person-times)"), ""), ("residents", _("residents reached"), ""),
        ("volunteers", _("volunteers helping"), ""),
    ])  # fmt: skip
    rows = [
        {"date": s.date.isoformat(), "id": s.id, "topic": s.topic, "venue": s.venue, "police": s.police,
         "hours": s.hours, "attendance": attendance.get(s.id, 0)}
        for s in sorted(sessions.values(), key=lambda s: (s.date, s.id)) if s.date in period
    ]  # fmt: skip
    columns = [Column("date", _("date")), Column("topic", _("topic")), Column("venue", _("venue")),
               Column("police", _("traffic police")), Column("hours", _("hours"), numeric=True),
               Column("attendance", _("attendance"), numeric=True)]  # fmt: skip
    return [Section("traffic", _("Traffic safety into the community"), figures, [Table("sessions", _("Sessions"), columns, rows)])]
