"""Organizations: the list (search, stage and status filters, pages), one organization's page and its actions."""

from __future__ import annotations

from hive import stages
from hive.errors import HiveError
from hive.i18n import _
from hive.web import forms
from hive.web.extend import Action, WebPage, allowed
from hive.web.request import WebRequest

PAGE_SIZE = 50


def org_list(request: WebRequest, *, error: str = "", values: dict | None = None, status: int = 200):
    from hive.models import Organization

    q = request.query.get("q", "").strip()
    stage = request.query.get("stage", "")
    state = request.query.get("status", "")
    try:
        page = max(1, int(request.query.get("page", "1")))
    except ValueError:
        page = 1
    found = [
        o
        for o in request.ledger.all(Organization)
        if (not stage or o.stage == stage)
        and (not state or o.status == state)
        and (not q or q in o.name or q in o.kind or q == o.id)
    ]
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(page, pages)
    shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return request.render(
        "orgs.html",
        status=status,
        orgs=shown,
        count=len(found),
        q=q,
        stage=stage,
        state=state,
        page=page,
        pages=pages,
        error=error,
        values=values or {},
    )


def org_add(request: WebRequest):
    from hive.organizations import add_organization

    name, kind = request.field("name"), request.field("kind")
    try:
        joined = forms.date(_("joined"), request.field("joined"), required=False)
        with request.writing() as ledger:
            created = add_organization(ledger, name, kind=kind, joined=joined)
    except HiveError as exc:
        return org_list(request, error=str(exc), values={"name": name, "kind": kind}, status=request.status_for(exc))
    return request.redirect(f"/orgs/{created.id}", _("added {name} as {id}").format(name=created.name, id=created.id))


def timeline(ledger, org) -> list[dict]:
    """Everything that happened to ``org``, oldest first: stage changes and the stage records."""
    from hive.models import Diagnosis, Registration, Supervision, Training, Transition

    entries = []
    for t in ledger.where(Transition, org=org.id):
        if t.to_stage != t.from_stage:
            what = _("moved from {a} to {b}").format(a=stages.get(t.from_stage).title, b=stages.get(t.to_stage).title)
        else:
            what = _("status: {status}").format(status=_(t.status))
        entries.append({"date": t.date, "kind": _("stage"), "what": what, "note": t.reason, "who": t.operator})
    for r in ledger.where(Training, org=org.id):
        entries.append(
            {
                "date": r.date,
                "kind": _("training"),
                "what": _("{topic}, {hours} h, {count} attending").format(
                    topic=r.topic, hours=f"{r.hours:g}", count=len(r.attendees)
                ),
                "note": "",
                "who": "",
            }
        )
    for r in ledger.where(Registration, org=org.id):
        entries.append({"date": r.date, "kind": _("registration"), "what": r.filing_no or r.uscc or "", "note": "", "who": ""})
    for r in ledger.where(Diagnosis, org=org.id):
        scores = ", ".join(f"{k} {v}" for k, v in r.scores.items())
        entries.append({"date": r.date, "kind": _("diagnosis"), "what": scores, "note": "", "who": ""})
    for r in ledger.where(Supervision, org=org.id):
        entries.append({"date": r.date, "kind": _("supervision"), "what": r.supervisor, "note": r.notes, "who": ""})
    entries.sort(key=lambda e: e["date"])
    return entries


def org_page(request: WebRequest, *, error: str = "", form: str = "", status: int = 200):
    from hive.models import Membership, Organization, Person, Review
    from hive.organizations import find_org

    ledger = request.ledger
    org = find_org(ledger, request.params["org"])
    if not isinstance(org, Organization):
        raise TypeError
    members = []
    for m in ledger.where(Membership, org=org.id):
        person = ledger.find(Person, m.person)
        members.append({"id": m.person, "name": person.name if person else "?", "backbone": m.backbone, "since": m.since})
    reviews = ledger.where(Review, org=org.id)
    sections = request.plugins.call("hive_org_details", ledger.center.plugins, ledger=ledger, organization=org)
    actions: list[Action] = []
    for _plugin, found in request.plugins.call(
        "hive_web_actions", ledger.center.plugins, ledger=ledger, record=org, user=request.user
    ):
        actions.extend(a for a in found if allowed(request.user.role, a.role))
    return request.render(
        "org.html",
        status=status,
        org=org,
        members=members,
        timeline=timeline(ledger, org),
        last_review=reviews[-1] if reviews else None,
        sections=[(plugin, section) for plugin, section in sections if isinstance(section, dict)],
        actions=actions,
        next_stage=stages.next_stage(org.stage),
        error=error,
        failed_form=form,
        values=dict(request.form or {}) if error else {},
        today=ledger.today,
    )


def _acting(request: WebRequest, form: str, change):
    """Run ``change(ledger, org_id)`` in a write; the organization's page again, with the outcome."""
    org_id = request.params["org"]
    try:
        with request.writing() as ledger:
            message = change(ledger, org_id)
    except HiveError as exc:
        return org_page(request, error=str(exc), form=form, status=request.status_for(exc))
    return request.redirect(f"/orgs/{org_id}", message)


def record_training(request: WebRequest):
    from hive.records import record_training as record

    def change(ledger, org_id):
        training = record(
            ledger,
            org_id,
            date=forms.date(_("date"), request.field("date")),
            hours=forms.number(_("hours"), request.field("hours")),
            topic=request.field("topic"),
            attendees=request.fields("attendee"),
        )
        return _("recorded training {id}").format(id=training.id)

    return _acting(request, "training", change)


def advance(request: WebRequest):
    from hive.lifecycle import advance as move_on

    def change(ledger, org_id):
        force = request.field("force") == "1"
        if force and not request.user.is_admin:
            from hive.web.app import Refused

            raise Refused(403, _("only an admin may skip the criteria"))
        t = move_on(
            ledger,
            request.plugins,
            org_id,
            to=request.field("to"),
            reason=request.field("reason"),
            force=force,
            date=forms.date(_("date"), request.field("date"), required=False),
        )
        return _("moved to {stage}").format(stage=stages.get(t.to_stage).title)

    return _acting(request, "advance", change)


def change_status(request: WebRequest):
    from hive.lifecycle import change_status as change_to
    from hive.models import ACTIVE, SUSPENDED

    wanted = {"suspend": SUSPENDED, "reinstate": ACTIVE}.get(request.field("status"))

    def change(ledger, org_id):
        if wanted is None:
            from hive.errors import InvalidInput

            raise InvalidInput(_("choose suspend or reinstate"))
        t = change_to(ledger, request.plugins, org_id, status=wanted, reason=request.field("reason"))
        return _("status: {status}").format(status=_(t.status))

    return _acting(request, "status", change)


PAGES = [
    WebPage("/orgs", org_list, name="orgs"),
    WebPage("/orgs", org_add, methods=("POST",), role="staff", name="org_add"),
    WebPage("/orgs/{org}", org_page, name="org"),
    WebPage("/orgs/{org}/training", record_training, methods=("POST",), role="staff", name="org_training"),
    WebPage("/orgs/{org}/advance", advance, methods=("POST",), role="staff", name="org_advance"),
    WebPage("/orgs/{org}/status", change_status, methods=("POST",), role="staff", name="org_status"),
]
