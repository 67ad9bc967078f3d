"""The project's section of hive's periodic report (``hive report``): sessions, hours and attendance."""

from __future__ import annotations

from hive.reporting import Section, Tally
from hive_traffic_safety import Attendance, SafetySession, _


def sections(ledger, period) -> list[Section]:
    sessions = {s.id: s for s in ledger.all(SafetySession)}
    tally = Tally(period, floats=["hours"])
    for s in sessions.values():
        tally.add(s.date, "sessions")
        tally.add(s.date, "hours", float(s.hours))
    for a in ledger.all(Attendance):
        if (session := sessions.get(a.session)) is not None:
            tally.add(session.date, "attendance")
            tally.distinct(session.date, "residents" if a.role == "resident" else "volunteers", a.person)
    figures = tally.figures([
        ("sessions", _("traffic-safety sessions"), ""), ("hours", _("hours of sessions"), _("hours")),
        ("attendance", _("attendance (person-times)"), ""), ("residents", _("residents reached"), ""),
        ("volunteers", _("volunteers helping"), ""),
    ])  # fmt: skip
    return [Section("traffic", _("Traffic safety into the community"), figures)]
