"""The lifecycle around the stages: application, initial review, agreement, renewal, exit, graduation.

Published practice (Longhua's incubation-center rules, 粤民规字〔2022〕2号,
闽民管〔2025〕28号) has a group apply, signed by its initiators (发起人); the
center answers within ``core.intake.review_working_days`` working days; an
agreement gives a term and a desk or room (or virtual incubation without
one); it is renewed (续驻) or the organization exits (退驻), handing back within
``core.exit.handover_working_days`` working days; it graduates (出壳) after an
assessment. Each step is a declared record (:mod:`hive.models`), so ``hive
edit``, ``void``, ``undo``, ``show``, ``find``, ``check`` and sheets treat
them as any other; this module holds the commands' rules and the checks
the record layer runs on every path (:data:`RULES`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from hive import models, validate
from hive.errors import Conflict, InvalidInput, NotFound
from hive.frozen import frozen
from hive.i18n import _
from hive.models import Organization
from hive.patterns import LazyPattern

if TYPE_CHECKING:  # (the lifecycle's models: imported from hive.models when first used, not with this module)
    from hive.ledger import Ledger
    from hive.models import Agreement, Application, Exit, Graduation, Renewal
    from hive.plugins import Plugins

GRADUATED = "graduated"


# -- rules the record layer runs on add, edit, import and check -----------------------------------
def category_rule(ledger: Ledger, org: Organization) -> str | None:
    """A service category is one of the center's list (``core.service_categories``) when it keeps one."""
    allowed = ledger.settings["core.service_categories"]
    if org.category and allowed and org.category not in allowed:
        return _("service category: '{value}' is not one of: {choices}").format(
            value=org.category, choices=", ".join(allowed)
        )
    return None


def application_rule(ledger: Ledger, application: Application) -> str | None:
    if not application.initiators:
        return _("initiators: an application names at least one initiator")
    if application.decided is not None and application.decided < application.received:
        return _("decided on: {date} is before the application was received ({received})").format(
            date=application.decided.isoformat(), received=application.received.isoformat()
        )
    return None


def agreement_rule(ledger: Ledger, agreement: Agreement) -> str | None:
    if agreement.until <= agreement.start:
        return _("until: {date} is not after the start ({start})").format(
            date=agreement.until.isoformat(), start=agreement.start.isoformat()
        )
    return None


def renewal_rule(ledger: Ledger, renewal: Renewal) -> str | None:
    agreement = ledger.find(models.Agreement, renewal.agreement)
    if agreement is None:
        return None  # the reference check reports it
    if agreement.org != renewal.org:
        return _("agreement: {id} is not an agreement of {org}").format(id=agreement.id, org=renewal.org)
    if renewal.until <= agreement.until:
        return _("until: {date} is not after the agreement's end ({end})").format(
            date=renewal.until.isoformat(), end=agreement.until.isoformat()
        )
    return None


def exit_rule(ledger: Ledger, exit_: Exit) -> str | None:
    if exit_.handover < exit_.date:
        return _("handover by: {date} is before the exit ({exit})").format(
            date=exit_.handover.isoformat(), exit=exit_.date.isoformat()
        )
    return None


# -- reading ----------------------------------------------------------------------------------------
def _dated(ledger: Ledger, model: type, org_id: str) -> list[Any]:
    """The organization's records of ``model`` that count (not void), by the date that places them in time."""
    dated = ledger.registry.by_model[model].date_field
    found = [r for r in ledger.where(model, org=org_id) if not ledger.is_void(r.id)]
    return sorted(found, key=lambda r: getattr(r, dated))


def applications(ledger: Ledger, org_id: str) -> list[Application]:
    return _dated(ledger, models.Application, org_id)


def agreements(ledger: Ledger, org_id: str) -> list[Agreement]:
    return _dated(ledger, models.Agreement, org_id)


def renewals(ledger: Ledger, org_id: str) -> list[Renewal]:
    return _dated(ledger, models.Renewal, org_id)


def exits(ledger: Ledger, org_id: str) -> list[Exit]:
    return _dated(ledger, models.Exit, org_id)


def graduations(ledger: Ledger, org_id: str) -> list[Graduation]:
    return _dated(ledger, models.Graduation, org_id)


def exited_on(ledger: Ledger, day: dt.date) -> dict[str, Exit]:
    """The organizations out of incubation on ``day``: their exit, dated by then and not followed by a new agreement."""
    found: dict[str, Exit] = {}
    by_org: dict[str, list[Exit]] = {}
    for e in ledger.all(models.Exit):
        if e.date <= day and not ledger.is_void(e.id):
            by_org.setdefault(e.org, []).append(e)
    for org_id in by_org:  # only organizations that exited: the others' agreements are never read
        now = standing(ledger, org_id, day)
        if now.exit is not None:
            found[org_id] = now.exit
    return found


def pending(application: Application) -> bool:
    return application.decision is None


def end_of(agreement: Agreement, renewed: Iterable[Renewal]) -> dt.date:
    """The last day of ``agreement``'s term, its renewals counted."""
    return max([agreement.until, *(r.until for r in renewed if r.agreement == agreement.id)])


@frozen
class Standing:
    """Where an organization stands in the lifecycle today: its application, agreement, and whether it left."""

    application: Application | None
    agreement: Agreement | None
    ends: dt.date | None  # the agreement's last day, renewals counted
    exit: Exit | None
    graduation: Graduation | None

    @property
    def application_state(self) -> str | None:
        """``pending``, ``accepted``, ``rejected``, or None without an application."""
        if self.application is None:
            return None
        return self.application.decision or "pending"

    @property
    def incubation(self) -> str | None:
        """``physical`` or ``virtual`` while an agreement is running, else None."""
        if self.agreement is None or self.exit is not None or self.graduation is not None:
            return None
        return self.agreement.mode


def standing(ledger: Ledger, org_id: str, today: dt.date | None = None) -> Standing:
    """Where the organization stood on ``today`` (default: today): an exit or graduation dated later does not count."""
    today = today or ledger.today
    apps = [a for a in applications(ledger, org_id) if a.received <= today]
    deals = [a for a in agreements(ledger, org_id) if a.start <= today] or agreements(ledger, org_id)
    agreement = deals[-1] if deals else None
    ends = end_of(agreement, renewals(ledger, org_id)) if agreement is not None else None
    left = [e for e in exits(ledger, org_id) if e.date <= today and (agreement is None or e.date >= agreement.start)]
    done = [g for g in graduations(ledger, org_id) if g.date <= today]
    return Standing(apps[-1] if apps else None, agreement, ends, left[-1] if left else None, done[-1] if done else None)


# -- terms --------------------------------------------------------------------------------------
_TERM = LazyPattern(r"^(\d+)\s*(m|months?|个月|月|y|years?|年)?$")


def parse_term(text: str) -> int:
    """Months in ``12``, ``12m``, ``12个月``, ``1y``, ``1年`` (``ValueError`` otherwise)."""
    from hive.inputs import plain

    found = _TERM.match(plain(str(text)).strip().lower())
    if not found or int(found.group(1)) == 0:
        raise ValueError(text)
    months = int(found.group(1))
    return months * 12 if (found.group(2) or "m")[0] in "y年" else months


def after_months(start: dt.date, months: int) -> dt.date:
    """The last day of a term of ``months`` from ``start`` (12 months from 2026-03-01: 2027-02-28)."""
    import calendar  # (here: start-up stays small)

    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day) - dt.timedelta(days=1)


def _term_end(start: dt.date, term: str | None, until: dt.date | None) -> dt.date:
    if (term is None) == (until is None):
        raise InvalidInput(_("give either --term (months) or --until (the last day)"))
    if until is not None:
        return until
    try:
        return after_months(start, parse_term(term or ""))
    except ValueError:
        raise validate.fail("--term", str(term), _("is not a number of months such as 12, 12m or 1y")) from None


# -- the commands ---------------------------------------------------------------------------------
def _org(ledger: Ledger, org_ref: str) -> Organization:
    from hive.organizations import find_org, require_open

    org = find_org(ledger, org_ref)
    require_open(org)
    return org


def _add(ledger: Ledger, record: Any, action: str) -> Any:
    from hive.rules import require_valid

    record_type = ledger.registry.by_model[type(record)]
    return ledger.add(require_valid(ledger, record_type, record), action=action, detail=record.org)


def _replace(ledger: Ledger, record: Any, action: str) -> Any:
    from hive.rules import require_valid

    record_type = ledger.registry.by_model[type(record)]
    return ledger.replace(require_valid(ledger, record_type, record), action=action)


def _date(ledger: Ledger, option: str, value: dt.date | None) -> dt.date:
    value = value or ledger.today
    if value > ledger.today:
        raise validate.fail(option, value.isoformat(), _("is in the future"))
    return value


def apply(
    ledger: Ledger, org_ref: str, *, initiators: Iterable[str], received: dt.date | None = None, purpose: str = ""
) -> Application:
    """Record ORG's application, signed by ``initiators`` (people: ids or unique names)."""
    from hive.people import find_person

    org = _org(ledger, org_ref)
    received = _date(ledger, "--received", received)
    people = list(dict.fromkeys(find_person(ledger, p).id for p in initiators))
    if not people:
        raise InvalidInput(_("missing --initiator: an application names at least one initiator"))
    purpose = validate.text("--purpose", purpose, required=False, limit=4000)
    waiting = [a for a in applications(ledger, org.id) if pending(a)]
    if waiting:
        raise Conflict(
            _(
                "{org} already has an application awaiting its initial review ({id}); decide it with 'hive org decide'"
            ).format(org=org.id, id=waiting[-1].id)
        )
    record = models.Application(id="", org=org.id, received=received, initiators=people, purpose=purpose)
    return _add(ledger, record, "org apply")


def decide(ledger: Ledger, org_ref: str, *, accept: bool, reason: str, date: dt.date | None = None) -> Application:
    """The initial review's answer to ORG's application awaiting it: accepted or rejected, with why."""
    org = _org(ledger, org_ref)
    waiting = [a for a in applications(ledger, org.id) if pending(a)]
    if not waiting:
        raise NotFound(
            _("{org} has no application awaiting its initial review; record one with 'hive org apply'").format(
                org=org.id
            )
        )
    date = _date(ledger, "--date", date)
    reason = validate.text("--reason", reason, limit=4000)
    application = waiting[-1]
    if date < application.received:
        raise validate.fail(
            "--date",
            date.isoformat(),
            _("is before the application was received ({date})").format(date=application.received.isoformat()),
        )
    decided = attrs.evolve(
        application, decision="accepted" if accept else "rejected", decided=date, decision_reason=reason
    )
    return _replace(ledger, decided, "org decide")


def agree(
    ledger: Ledger,
    org_ref: str,
    *,
    start: dt.date | None = None,
    term: str | None = None,
    until: dt.date | None = None,
    virtual: bool = False,
    space: str = "",
) -> Agreement:
    """Record ORG's incubation agreement from ``start`` (default today) for ``term`` months or ``until`` a day."""
    org = _org(ledger, org_ref)
    start = start or ledger.today
    ends = _term_end(start, term, until)
    space = validate.text("--space", space, required=False)
    apps = applications(ledger, org.id)
    if apps and pending(apps[-1]):
        raise Conflict(
            _("{org}'s application {id} awaits its initial review; decide it first with 'hive org decide'").format(
                org=org.id, id=apps[-1].id
            )
        )
    if apps and apps[-1].decision == "rejected":
        raise Conflict(
            _("{org}'s application {id} was rejected; record a new application first").format(
                org=org.id, id=apps[-1].id
            )
        )
    now = standing(ledger, org.id, start)
    if now.agreement is not None and now.exit is None and now.ends is not None and now.ends >= start:
        raise Conflict(
            _("{org} has an agreement ({id}) until {date}; extend it with 'hive org renew'").format(
                org=org.id, id=now.agreement.id, date=now.ends.isoformat()
            )
        )
    record = models.Agreement(
        id="", org=org.id, start=start, until=ends, mode="virtual" if virtual else "physical", space=space
    )
    return _add(ledger, record, "org agree")


def current_agreement(ledger: Ledger, org: Organization) -> Agreement:
    now = standing(ledger, org.id)
    if now.agreement is None or now.exit is not None:
        raise NotFound(
            _("{org} has no running incubation agreement; record one with 'hive org agree'").format(org=org.id)
        )
    return now.agreement


def renew(
    ledger: Ledger,
    org_ref: str,
    *,
    term: str | None = None,
    until: dt.date | None = None,
    date: dt.date | None = None,
    note: str = "",
) -> Renewal:
    """Renew ORG's running agreement (续驻) by ``term`` months after its present end, or ``until`` a day."""
    org = _org(ledger, org_ref)
    agreement = current_agreement(ledger, org)
    date = _date(ledger, "--date", date)
    ends = end_of(agreement, renewals(ledger, org.id))
    new_end = _term_end(ends + dt.timedelta(days=1), term, until)
    if new_end <= ends:
        raise validate.fail(
            "--until", new_end.isoformat(), _("is not after the agreement's end ({date})").format(date=ends.isoformat())
        )
    note = validate.text("--note", note, required=False, limit=4000)
    record = models.Renewal(id="", org=org.id, agreement=agreement.id, date=date, until=new_end, note=note)
    return _add(ledger, record, "org renew")


def exit_choice(typed: str) -> str:
    """The code of an exit reason typed as a code or a label in either language."""
    from hive.fields import specs
    from hive.inputs import InputProblem

    spec = next(f for f in specs(models.Exit) if f.name == "reason")
    try:
        return spec.choice_code(typed)
    except InputProblem as exc:
        raise validate.fail("--reason", typed, str(exc)) from None


def leave_incubation(
    ledger: Ledger,
    org_ref: str,
    *,
    reason: str,
    date: dt.date | None = None,
    handover: dt.date | None = None,
    note: str = "",
) -> Exit:
    """ORG exits incubation (退驻) on ``date``; what it holds is handed back by ``handover``.

    ``handover`` defaults to ``core.exit.handover_working_days`` working days after the exit.
    """
    from hive import workdays

    org = _org(ledger, org_ref)
    code = exit_choice(reason)
    date = _date(ledger, "--date", date)
    now = standing(ledger, org.id)
    if now.exit is not None and (now.agreement is None or now.exit.date >= now.agreement.start):
        raise Conflict(
            _("{org} already exited on {date} ({id})").format(
                org=org.id, date=now.exit.date.isoformat(), id=now.exit.id
            )
        )
    if handover is None:
        handover = workdays.of_settings(ledger.settings).add(date, ledger.settings["core.exit.handover_working_days"])
    note = validate.text("--note", note, required=False, limit=4000)
    return _add(ledger, models.Exit(id="", org=org.id, date=date, reason=code, handover=handover, note=note), "org exit")


def graduate(
    ledger: Ledger,
    plugins: Plugins,
    org_ref: str,
    *,
    date: dt.date | None = None,
    assessment: str | None = None,
    note: str = "",
    force: bool = False,
) -> Graduation:
    """ORG graduates (出壳): it moves to the last stage (its criteria met, unless ``force``) and the graduation is kept.

    ``assessment`` names the assessment it rested on (default: the organization's latest, when it has one).
    An organization already at the last stage (moved by ``hive review --apply``) gets the record only.
    """
    from hive.lifecycle import advance
    from hive.models import Assessment

    org = _org(ledger, org_ref)
    if graduations(ledger, org.id):
        done = graduations(ledger, org.id)[-1]
        raise Conflict(_("{org} graduated on {date} ({id})").format(org=org.id, date=done.date.isoformat(), id=done.id))
    note = validate.text("--note", note, required=False, limit=4000)
    date = _date(ledger, "--date", date)
    if assessment is not None:
        found = ledger.find(Assessment, assessment)
        if found is None or found.org != org.id:
            raise NotFound(_("{org} has no assessment {id}; see 'hive assess list'").format(org=org.id, id=assessment))
    else:
        mine = sorted(
            (a for a in ledger.where(Assessment, org=org.id) if a.date <= date and not ledger.is_void(a.id)),
            key=lambda a: a.date,
        )
        assessment = mine[-1].id if mine else None
    if org.stage != GRADUATED:
        advance(ledger, plugins, org.id, to=GRADUATED, reason=note or _("graduation"), force=force, date=date)
    record = models.Graduation(id="", org=org.id, date=date, assessment=assessment, note=note)
    return _add(ledger, record, "org graduate")


def role_rule(ledger: Ledger, role: Any) -> str | None:
    if role.until is not None and role.until <= role.since:
        return _("until: {date} is not after since ({since})").format(
            date=role.until.isoformat(), since=role.since.isoformat()
        )
    return None


# -- what org show and org history print ---------------------------------------------------------
LIFECYCLE_TABLES = ("applications", "agreements", "renewals", "exits", "graduations", "member_roles")


def lifecycle_records(ledger: Ledger, org_id: str) -> list[tuple[Any, list[Any]]]:
    """Each lifecycle record type with this organization's records, in date order (void ones too: they are marked)."""
    found = []
    for name in LIFECYCLE_TABLES:
        record_type = ledger.record_type(name)
        dated = record_type.date_field
        records = ledger.where(record_type.model, org=org_id)
        found.append((record_type, sorted(records, key=lambda r: getattr(r, dated))))
    return found


def lifecycle_document(ledger: Ledger, org_id: str) -> dict[str, Any]:
    """Where the organization stands today, for ``org show --json`` (``incubation``)."""
    now = standing(ledger, org_id)

    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "application": now.application_state,
        "agreement": now.agreement.id if now.agreement else None,
        "mode": now.incubation,
        "ends": day(now.ends) if now.incubation else None,
        "exited": day(now.exit.date) if now.exit else None,
        "handover": day(now.exit.handover) if now.exit else None,
        "graduated": day(now.graduation.date) if now.graduation else None,
    }


@frozen
class Happening:
    """One line of ``hive org history``: on ``date``, something of ``kind`` happened (recorded as ``record``)."""

    date: dt.date
    kind: str
    record: str
    title: str

    def document(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "kind": self.kind, "record": self.record, "title": self.title}


def timeline(ledger: Ledger, org_ref: str) -> tuple[Organization, list[Happening]]:
    """Everything that happened to ORG, oldest first: stages and status, lifecycle records, members and roles."""
    from hive import stages
    from hive.models import EXIT_REASONS, ROLES, Membership, Person, Role, Transition
    from hive.organizations import find_org

    org = find_org(ledger, org_ref)

    def name(person_id: str) -> str:
        found = ledger.find(Person, person_id)
        return found.name if found is not None else person_id

    def counted(records: Iterable[Any]) -> list[Any]:
        return [r for r in records if not ledger.is_void(r.id)]

    found = [Happening(org.joined, "joined", org.id, _("came to the center"))]
    for t in ledger.where(Transition, org=org.id):
        if t.to_stage != t.from_stage:
            title = _("moved from {old} to {new}").format(
                old=stages.get(t.from_stage).title, new=stages.get(t.to_stage).title
            )
            kind = "stage"
        else:
            title = _("became {status}").format(status=_(t.status))
            kind = "status"
        found.append(Happening(t.date, kind, t.id, title + (f": {t.reason}" if t.reason else "")))
    for a in applications(ledger, org.id):
        found.append(
            Happening(
                a.received,
                "application",
                a.id,
                _("applied, signed by {names}").format(names=", ".join(name(p) for p in a.initiators)),
            )
        )
        if a.decided is not None:
            verdict = _("application accepted") if a.decision == "accepted" else _("application rejected")
            found.append(
                Happening(
                    a.decided, "decision", a.id, verdict + (f": {a.decision_reason}" if a.decision_reason else "")
                )
            )
    for g in agreements(ledger, org.id):
        mode = _("virtual incubation") if g.mode == "virtual" else _("incubation at the center")
        found.append(
            Happening(
                g.start,
                "agreement",
                g.id,
                _("agreement: {mode} until {date}").format(mode=mode, date=g.until.isoformat())
                + (f" ({g.space})" if g.space else ""),
            )
        )
    for r in renewals(ledger, org.id):
        found.append(Happening(r.date, "renewal", r.id, _("renewed until {date}").format(date=r.until.isoformat())))
    for e in exits(ledger, org.id):
        found.append(
            Happening(
                e.date,
                "exit",
                e.id,
                _("exited: {reason}; handover by {date}").format(
                    reason=_(EXIT_REASONS.get(e.reason, e.reason)), date=e.handover.isoformat()
                ),
            )
        )
    for g in graduations(ledger, org.id):
        found.append(
            Happening(
                g.date,
                "graduation",
                g.id,
                _("graduated") + (" " + _("(assessment {id})").format(id=g.assessment) if g.assessment else ""),
            )
        )
    for m in counted(ledger.where(Membership, org=org.id)):
        found.append(Happening(m.since, "member_joined", m.id, _("{name} joined").format(name=name(m.person))))
        if m.left is not None:
            found.append(
                Happening(
                    m.left,
                    "member_left",
                    m.id,
                    _("{name} left").format(name=name(m.person)) + (f": {m.leave_reason}" if m.leave_reason else ""),
                )
            )
    for role in counted(ledger.where(Role, org=org.id)):
        found.append(
            Happening(
                role.since,
                "role",
                role.id,
                _("{name} became {role}").format(name=name(role.person), role=_(ROLES.get(role.role, role.role))),
            )
        )
    order = {"joined": 0}
    found.sort(key=lambda h: (h.date, order.get(h.kind, 1)))
    return org, found
