"""The stage review: verdicts as of a date with every reason; record them, or apply the ready ones after a confirmation."""

from __future__ import annotations

from hive import stages
from hive.errors import HiveError
from hive.i18n import _, declared, ngettext
from hive.web import forms
from hive.web.extend import WebPage
from hive.web.request import WebRequest


def _as_of(request: WebRequest, value: str):
    return forms.date(_("as of"), value, required=False) or request.ledger.today


def _verdicts(request: WebRequest, as_of):
    from hive.lifecycle import verdicts_as_of

    ledger = request.ledger
    return request.site.center.memo(("verdicts", as_of), lambda: verdicts_as_of(ledger, request.plugins, as_of=as_of))


def _rows(verdicts) -> list[dict]:
    return [
        {
            "org": v.org,
            "stage": v.stage,
            "ready": v.ready,
            "outcomes": [
                {"id": c.id, "description": declared(c.description), "passed": o.passed, "reason": o.reason}
                for c, o in v.outcomes
            ],
            "next": stages.next_stage(v.stage),
        }
        for v in verdicts
    ]


def review_page(request: WebRequest):
    error = ""
    try:
        as_of = _as_of(request, request.query.get("as_of", ""))
        rows = _rows(_verdicts(request, as_of))
    except HiveError as exc:
        as_of, rows, error = request.ledger.today, [], str(exc)
    return request.render(
        "review.html", rows=rows, as_of=as_of, error=error, ready=sum(r["ready"] for r in rows), today=request.ledger.today
    )


def confirm_apply(request: WebRequest):
    as_of = _as_of(request, request.query.get("as_of", ""))
    rows = [r for r in _rows(_verdicts(request, as_of)) if r["ready"]]
    return request.render("review_confirm.html", rows=rows, as_of=as_of)


def run(request: WebRequest):
    """Record the verdicts (``hive review``), and with ``apply`` move the ready ones on (``hive review --apply``)."""
    from hive.lifecycle import run_review

    as_of = _as_of(request, request.field("as_of"))
    apply = request.field("apply") == "1"
    with request.writing() as ledger:
        results = run_review(ledger, request.plugins, as_of=as_of, apply=apply)
    moved = [org.name for org, r in results if r.applied]
    if apply:
        message = ngettext("moved {count} organization on", "moved {count} organizations on", len(moved)).format(
            count=len(moved)
        )
        if moved:
            message += _(": {names}").format(names=_(", ").join(moved))
    else:
        message = ngettext("recorded {count} verdict", "recorded {count} verdicts", len(results)).format(
            count=len(results)
        )
    return request.redirect(request.href("/review", as_of=as_of.isoformat()), message)


PAGES = [
    WebPage("/review", review_page, name="review"),
    WebPage("/review/apply", confirm_apply, name="review_confirm"),
    WebPage("/review", run, methods=("POST",), role="staff", name="review_run"),
]
