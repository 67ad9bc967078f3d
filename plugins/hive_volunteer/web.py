"""The volunteer plugin's pages in the web workspace (``hive serve``), through the public web hooks.

* ``/volunteer/approvals``: the queue of pending service records; approve
  the ones ticked, or every pending one, or reject the ticked ones with a reason;
* ``/volunteer/log``: log hours of service (the form a social worker fills in on a phone);
* ``/volunteer/people/{person}``: a volunteer's hours, stars and certificates,
  with a print view of each certificate.

Every write calls the same functions as ``hive volunteer ...``.
"""

from __future__ import annotations

from hive.errors import HiveError
from hive.web.extend import Action, MenuItem, Tile, WebPage
from hive_volunteer import _, ngettext
from hive_volunteer.models import APPROVED, PENDING, REJECTED, Certificate, ServiceRecord, Team, Volunteer


def hive_web_pages(register) -> None:
    for page in (
        WebPage("/volunteer/approvals", approvals),
        WebPage("/volunteer/approvals", decide, methods=("POST",), role="staff"),
        WebPage("/volunteer/log", log_form),
        WebPage("/volunteer/log", log, methods=("POST",), role="staff"),
        WebPage("/volunteer/people/{person}", volunteer_page),
        WebPage("/volunteer/people/{person}/certificate", certificate, methods=("POST",), role="staff"),
        WebPage("/volunteer/certificates/{certificate}", certificate_print),
    ):
        register(page)


def hive_web_menu(user) -> list[MenuItem]:
    return [MenuItem(_("Volunteers"), "/volunteer/approvals")]


def hive_web_tiles(ledger, user) -> list[Tile]:
    today = ledger.today
    month = today.replace(day=1)
    hours = pending = 0.0
    waiting = 0
    for r in ledger.all(ServiceRecord):
        if r.status == APPROVED and month <= r.date <= today:
            hours += r.hours
        elif r.status == PENDING:
            waiting += 1
            pending += r.hours
    return [
        Tile(
            _("Volunteer hours this month"),
            f"{round(hours, 2):g}",
            (_("approved hours from {start}").format(start=month.isoformat()),),
            "/volunteer/approvals",
        ),
        Tile(
            _("Pending approvals"),
            str(waiting),
            (ngettext("{hours} hour waiting", "{hours} hours waiting", int(pending) or 2).format(hours=f"{pending:g}"),),
            "/volunteer/approvals",
        ),
    ]


def hive_web_actions(ledger, record, user) -> list[Action] | None:
    from hive.models import Organization

    if isinstance(record, Organization):
        return [Action(_("Log volunteer hours for this organization"), f"/volunteer/log?org={record.id}")]
    return None


# -- the approval queue ------------------------------------------------------------------------------
def approvals(request, *, error: str = "", status: int = 200):
    from hive.models import Person
    from hive_volunteer.settings import approval_by_other

    ledger = request.ledger
    people = {p.id: p.name for p in ledger.all(Person)}
    pending = sorted(
        (r for r in ledger.all(ServiceRecord) if r.status == PENDING), key=lambda r: (r.date, r.id), reverse=True
    )
    decided = [r for r in ledger.all(ServiceRecord) if r.status != PENDING][-10:]
    return request.render(
        "volunteer/approvals.html",
        status=status,
        pending=pending,
        decided=list(reversed(decided)),
        people=people,
        error=error,
        separate=approval_by_other(ledger.settings),
    )


def decide(request):
    from hive_volunteer.records import decide as decide_records

    chosen = request.fields("record")
    what = request.field("decision")
    try:
        with request.writing() as ledger:
            if what == "reject":
                done = decide_records(ledger, chosen, status=REJECTED, reason=request.field("reason"))
            elif what == "approve_all":
                done = decide_records(ledger, [], status=APPROVED, all_pending=True)
            else:
                done = decide_records(ledger, chosen, status=APPROVED)
    except HiveError as exc:
        return approvals(request, error=str(exc), status=request.status_for(exc))
    if what == "reject":
        message = ngettext("rejected {count} service record", "rejected {count} service records", len(done))
    else:
        message = ngettext("approved {count} service record", "approved {count} service records", len(done))
    return request.redirect("/volunteer/approvals", message.format(count=len(done)))


# -- logging hours -----------------------------------------------------------------------------------
def log_form(request, *, error: str = "", status: int = 200):
    from hive.models import Organization, Person

    ledger = request.ledger
    names = {p.id: p.name for p in ledger.all(Person)}
    volunteers = sorted(((v.person, names.get(v.person, "?")) for v in ledger.all(Volunteer)), key=lambda x: x[1])
    values = dict(request.form or {}) if error else {"org": request.query.get("org", ""), "date": ledger.today.isoformat()}
    return request.render(
        "volunteer/log.html",
        status=status,
        volunteers=volunteers,
        teams=[(t.id, t.name) for t in ledger.all(Team)],
        orgs=[(o.id, o.name) for o in ledger.all(Organization) if o.status != "dissolved"],
        values=values,
        error=error,
    )


def log(request):
    from hive_volunteer.records import log_service

    typed = {name: request.field(name) for name in ("person", "date", "hours", "activity", "team", "org", "place")}
    try:
        with request.writing() as ledger:
            record, warned = log_service(ledger, {k: v for k, v in typed.items() if v or k in ("person", "date", "hours")})
    except HiveError as exc:
        return log_form(request, error=str(exc), status=request.status_for(exc))
    message = _("logged {id}, pending approval").format(id=record.id)
    return request.redirect("/volunteer/log", "; ".join([message, *(_("warning: {problem}").format(problem=w) for w in warned)]))


# -- a volunteer's page and certificates -------------------------------------------------------------
def volunteer_page(request, *, error: str = "", status: int = 200):
    from hive.views import masked
    from hive_volunteer.records import hours_summary, volunteers_by_person

    ledger = request.ledger
    summary = hours_summary(ledger, request.params["person"])
    volunteer = volunteers_by_person(ledger)[summary["person"]]
    records = sorted(
        ledger.where(ServiceRecord, person=summary["person"]), key=lambda r: (r.date, r.id), reverse=True
    )
    certificates = ledger.where(Certificate, person=summary["person"])
    id_number = volunteer.id_number if request.show_personal else masked(volunteer.id_number)
    return request.render(
        "volunteer/person.html",
        status=status,
        summary=summary,
        volunteer=volunteer,
        id_number=id_number,
        records=records,
        certificates=certificates,
        error=error,
        today=ledger.today,
    )


def _print_view(request, doc):
    from starlette.responses import HTMLResponse

    from hive import i18n
    from hive_volunteer.certificates import render_html

    # The certificate is a document of its own, with its print styles inline: allow those, and nothing else.
    return HTMLResponse(
        render_html(doc, i18n.language()),
        headers={"content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"},
    )


def certificate(request):
    from hive.web import forms
    from hive_volunteer.certificates import issue

    try:
        start = forms.date(_("from"), request.field("from"), required=False)
        end = forms.date(_("to"), request.field("to"), required=False)
        with request.writing() as ledger:
            doc = issue(ledger, request.params["person"], start=start, end=end)
    except HiveError as exc:
        return volunteer_page(request, error=str(exc), status=request.status_for(exc))
    return request.redirect(f"/volunteer/certificates/{doc['id']}", _("issued certificate {number}").format(number=doc["number"]))


def certificate_print(request):
    from hive.errors import NotFound
    from hive_volunteer.certificates import document

    found = request.ledger.find(Certificate, request.params["certificate"])
    if found is None:
        raise NotFound(_("no certificate '{id}'").format(id=request.params["certificate"]))
    return _print_view(request, document(request.ledger, found))
