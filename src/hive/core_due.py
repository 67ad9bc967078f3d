"""The core's items of ``hive due``: late supervision, filing changes and deregistrations to report.

Deadlines are settings (see :data:`hive.core_criteria.CORE_SETTINGS`):
a session with the supervisor every ``core.due.supervision_days`` days while an
organization is at the supervision stage; a change of its filing or
registration (a new filing number or credit code) reported within
``core.due.filing_change_working_days`` working days (Guangdong's practice:
7); a dissolved organization that had filed or registered deregistered within
``core.due.deregistration_days`` days (30). The lifecycle (:mod:`hive.incubation`)
adds three: an application awaiting its initial review is answered within
``core.intake.review_working_days`` working days (5); a running agreement is
listed ``core.due.agreement_notice_days`` days (30) before it ends, to renew
it or plan the exit; an organization that exited hands back what it held by
its exit's handover day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from hive import stages, workdays
from hive.due import DueItem
from hive.i18n import _

if TYPE_CHECKING:
    from hive.ledger import Ledger


def items(ledger: Ledger, today: dt.date, within: int) -> list[DueItem]:
    from hive.models import ACTIVE, DISSOLVED, Organization, Registration, Supervision, Transition

    settings = ledger.settings
    orgs = ledger.all(Organization)
    found: list[DueItem] = []
    every = settings["core.due.supervision_days"]
    if every > 0:
        supervised = [o for o in orgs if o.status == ACTIVE and o.stage == "supervision"]
        last: dict[str, dt.date] = {}
        if supervised:
            for s in ledger.all(Supervision):
                if s.date <= today and (s.org not in last or s.date > last[s.org]):
                    last[s.org] = s.date
        for org in supervised:
            since = max(last.get(org.id, dt.date.min), org.stage_since or org.joined)
            found.append(
                DueItem(
                    "core.supervision",
                    since + dt.timedelta(days=every),
                    _("a supervision session with {name} (the last one: {date})").format(
                        name=org.name, date=last[org.id].isoformat()
                    )
                    if org.id in last
                    else _("a first supervision session with {name} (at {stage} since {date})").format(
                        name=org.name, stage=stages.get(org.stage).title, date=since.isoformat()
                    ),
                    org=org.id,
                )
            )
    by_org: dict[str, list[Registration]] = defaultdict(list)
    for r in ledger.all(Registration):
        by_org[r.org].append(r)
    names = {o.id: o.name for o in orgs}
    report_in = settings["core.due.filing_change_working_days"]
    if report_in > 0:
        calendar = workdays.of_settings(settings)
        for org_id, records in by_org.items():
            records.sort(key=lambda r: r.date)
            for change in records[1:]:  # the first is the filing itself; each later one changes it
                found.append(
                    DueItem(
                        "core.filing_change",
                        calendar.add(change.date, report_in),
                        _("report the change of {name}'s filing or registration of {date} to the street office").format(
                            name=names.get(org_id, org_id), date=change.date.isoformat()
                        ),
                        org=org_id,
                        record=change.id,
                    )
                )
    deregister_in = settings["core.due.deregistration_days"]
    if deregister_in > 0:
        dissolved = {o.id: o for o in orgs if o.status == DISSOLVED and (o.filing_no or o.uscc or by_org.get(o.id))}
        if dissolved:
            when: dict[str, dt.date] = {}
            for t in ledger.all(Transition):
                if t.org in dissolved and t.status == DISSOLVED:
                    when[t.org] = t.date
            for org_id, day in when.items():
                found.append(
                    DueItem(
                        "core.deregistration",
                        day + dt.timedelta(days=deregister_in),
                        _("deregister {name}, dissolved on {date}, with the office it filed or registered with").format(
                            name=dissolved[org_id].name, date=day.isoformat()
                        ),
                        org=org_id,
                    )
                )
    found.extend(lifecycle_items(ledger, orgs))
    return found


def lifecycle_items(ledger: Ledger, orgs: list) -> list[DueItem]:
    """Applications to answer, agreements ending, handovers after an exit."""
    from hive import incubation
    from hive.models import ACTIVE, DISSOLVED, Application, Exit

    settings = ledger.settings
    names = {o.id: o.name for o in orgs if o.status != DISSOLVED}  # a dissolved organization's are closed
    found: list[DueItem] = []
    answer_in = settings["core.intake.review_working_days"]
    if answer_in > 0:
        calendar = workdays.of_settings(settings)
        for a in ledger.all(Application):
            if incubation.pending(a) and a.org in names and not ledger.is_void(a.id):
                found.append(
                    DueItem(
                        "core.application_review",
                        calendar.add(a.received, answer_in),
                        _("the initial review of {name}'s application of {date}").format(
                            name=names.get(a.org, a.org), date=a.received.isoformat()
                        ),
                        org=a.org,
                        record=a.id,
                    )
                )
    notice = settings["core.due.agreement_notice_days"]
    for org in orgs:
        if org.status != ACTIVE:
            continue
        now = incubation.standing(ledger, org.id)
        if now.incubation is None or now.ends is None:
            continue
        found.append(
            DueItem(
                "core.agreement_ending",
                now.ends - dt.timedelta(days=notice),
                _("{name}'s incubation agreement ends on {date}: renew it or plan the exit").format(
                    name=org.name, date=now.ends.isoformat()
                ),
                org=org.id,
                record=now.agreement.id if now.agreement else None,
                key=f"core.agreement_ending:{now.agreement.id if now.agreement else org.id}:{now.ends.isoformat()}",
            )
        )
    for e in ledger.all(Exit):
        if ledger.is_void(e.id) or e.org not in names:
            continue
        found.append(
            DueItem(
                "core.handover",
                e.handover,
                _("{name} hands back its desk, keys and files after exiting on {date}").format(
                    name=names.get(e.org, e.org), date=e.date.isoformat()
                ),
                org=e.org,
                record=e.id,
            )
        )
    return found
