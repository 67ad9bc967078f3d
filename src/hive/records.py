"""Stage records: trainings, registrations, diagnoses and supervision sessions."""

from __future__ import annotations

import datetime as dt

import attrs

from hive import validate
from hive.codes import uscc_problem
from hive.errors import InvalidInput
from hive.i18n import _
from hive.ledger import Ledger
from hive.models import Diagnosis, Organization, Registration, Supervision, Training
from hive.organizations import find_org, require_open
from hive.people import person_finder


def _open_org(ledger: Ledger, ref: str, date: dt.date) -> Organization:
    org = find_org(ledger, ref)
    require_open(org)
    if date > ledger.today:
        raise validate.fail("--date", date.isoformat(), _("is in the future"))
    return org


def record_training(
    ledger: Ledger, org_ref: str, *, date: dt.date, hours: float, topic: str, attendees: list[str] = ()
) -> Training:
    org = _open_org(ledger, org_ref, date)
    hours = validate.hours("--hours", hours)
    topic = validate.text("--topic", topic)
    find = person_finder(ledger)
    people = list(dict.fromkeys(find(ref).id for ref in attendees))
    training = Training(id="", org=org.id, date=date, hours=hours, topic=topic, attendees=people)
    return ledger.add(training, action="record training", detail=org.id)


def record_registration(
    ledger: Ledger, org_ref: str, *, date: dt.date, filing_no: str | None = None, uscc: str | None = None
) -> Registration:
    org = _open_org(ledger, org_ref, date)
    if bool(filing_no) == bool(uscc):
        raise InvalidInput(_("give exactly one of --filing-no and --uscc"))
    if uscc:
        uscc = uscc.strip().upper()
        problem = uscc_problem(uscc)
        if problem:
            raise validate.fail("--uscc", uscc, problem)
    else:
        filing_no = validate.text("--filing-no", filing_no or "", limit=60)
    registration = ledger.add(
        Registration(id="", org=org.id, date=date, filing_no=filing_no, uscc=uscc),
        action="record registration",
        detail=org.id,
    )
    ledger.replace(
        attrs.evolve(org, filing_no=filing_no or org.filing_no, uscc=uscc or org.uscc), action="org registered"
    )
    return registration


def parse_scores(pairs: list[str]) -> dict[str, int]:
    """``["governance=4", "finance=3"]`` -> ``{"governance": 4, "finance": 3}``; scores 1-5."""
    scores: dict[str, int] = {}
    for pair in pairs:
        dim, sep, value = pair.partition("=")
        dim = dim.strip()
        if not sep or not dim:
            raise validate.fail("--score", pair, _("expected DIMENSION=N"))
        validate.text("--score", dim, limit=60)
        try:
            score = int(value.strip())
        except ValueError:
            raise validate.fail("--score", pair, _("the score must be a whole number from 1 to 5")) from None
        if not 1 <= score <= 5:
            raise validate.fail("--score", pair, _("the score must be a whole number from 1 to 5"))
        if dim in scores:
            raise validate.fail("--score", pair, _("dimension given twice"))
        scores[dim] = score
    if not scores:
        raise InvalidInput(_("give at least one --score DIMENSION=N"))
    return scores


def record_diagnosis(ledger: Ledger, org_ref: str, *, date: dt.date, scores: list[str]) -> Diagnosis:
    org = _open_org(ledger, org_ref, date)
    diagnosis = Diagnosis(id="", org=org.id, date=date, scores=parse_scores(scores))
    return ledger.add(diagnosis, action="record diagnosis", detail=org.id)


def record_supervision(ledger: Ledger, org_ref: str, *, date: dt.date, supervisor: str, notes: str = "") -> Supervision:
    org = _open_org(ledger, org_ref, date)
    supervisor = validate.text("--supervisor", supervisor)
    notes = validate.text("--notes", notes, required=False, limit=4000)
    session = Supervision(id="", org=org.id, date=date, supervisor=supervisor, notes=notes)
    return ledger.add(session, action="record supervision", detail=org.id)
