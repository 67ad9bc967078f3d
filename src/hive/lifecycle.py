"""Moving organizations: stage changes, suspension, dissolution, and the review that drives them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from hive import review, stages, validate
from hive.errors import Conflict, InvalidInput
from hive.i18n import _
from hive.ledger import Ledger
from hive.models import ACTIVE, DISSOLVED, SUSPENDED, Organization, Review, Transition
from hive.organizations import find_org, org_finder, require_open
from hive.plugins import Plugins


def move(
    ledger: Ledger,
    plugins: Plugins | None,
    org: Organization,
    *,
    to_stage: str,
    status: str,
    date: dt.date,
    reason: str,
    forced: bool = False,
    action: str,
    floor: dt.date | None = None,
) -> Transition:
    """Record a transition and update the organization; tell the enabled plugins.

    No criteria are checked here: callers decide (see :func:`advance`).
    ``floor`` is the date of the organization's last transition (see
    :func:`last_changes`): a change dated before it would rewrite history.
    """
    if date > ledger.today:
        raise validate.fail("--date", date.isoformat(), _("is in the future"))
    entered = review.entered(org)
    if date < entered:
        raise validate.fail(
            "--date", date.isoformat(), _("is before the organization entered its stage ({date})").format(date=entered)
        )
    if floor is not None and date < floor:
        raise validate.fail(
            "--date", date.isoformat(), _("is before the organization's last status change ({date})").format(date=floor)
        )
    transition = ledger.add(
        Transition(
            id="",
            org=org.id,
            date=date,
            from_stage=org.stage,
            to_stage=to_stage,
            status=status,
            operator=ledger.operator,
            reason=reason,
            forced=forced,
        ),
        action=action,
        detail=org.id,
    )
    since = date if to_stage != org.stage else org.stage_since
    moved = ledger.replace(attrs.evolve(org, stage=to_stage, status=status, stage_since=since), action=action)
    if plugins is not None:
        plugins.call(
            "hive_stage_changed", ledger.center.plugins, ledger=ledger, organization=moved, transition=transition
        )
    return transition


def advance(
    ledger: Ledger,
    plugins: Plugins,
    org_ref: str,
    *,
    to: str,
    reason: str,
    force: bool = False,
    date: dt.date | None = None,
) -> Transition:
    """Move an organization to stage ``to``.

    Without ``force`` only the next stage is allowed, and only when its
    current stage's criteria are met; ``force`` allows any stage and is recorded.
    """
    org = find_org(ledger, org_ref)
    require_open(org)
    target = stages.get(to, "--to").id
    reason = validate.text("--reason", reason, limit=1000)
    date = date or ledger.today
    if org.status == SUSPENDED:
        raise Conflict(_("organization {id} is suspended; reinstate it first with 'hive reinstate'").format(id=org.id))
    if target == org.stage:
        raise Conflict(_("organization {id} is already at stage {stage}").format(id=org.id, stage=target))
    if not force:
        if stages.next_stage(org.stage) is None:
            raise InvalidInput(
                _("{id} has graduated: there is no next stage; use --force to move it back").format(id=org.id)
            )
        if target != stages.next_stage(org.stage):
            raise InvalidInput(
                _(
                    "cannot move {id} from {current} to {target}: the next stage is {next}; use --force to skip or go back"
                ).format(id=org.id, current=org.stage, target=target, next=stages.next_stage(org.stage))
            )
        (verdict,) = review.evaluate(ledger, [org], plugins.criteria(ledger.center.plugins), date)
        if not verdict.ready:
            first = verdict.failed[0]
            raise Conflict(
                _("{id} is not ready to leave {stage}: {reason} ({criterion}); use --force to override").format(
                    id=org.id, stage=org.stage, reason=first.reason, criterion=first.criterion
                )
            )
    return move(
        ledger,
        plugins,
        org,
        to_stage=target,
        status=ACTIVE,
        date=date,
        reason=reason,
        forced=force,
        action="advance",
        floor=last_changes(ledger).get(org.id),
    )


def change_status(
    ledger: Ledger, plugins: Plugins | None, org_ref: str, *, status: str, reason: str, date: dt.date | None = None
) -> Transition:
    """Suspend, dissolve or reinstate an organization; its stage stays."""
    org = find_org(ledger, org_ref)
    require_open(org)
    reason = validate.text("--reason", reason, limit=1000)
    if org.status == status:
        raise Conflict(_("organization {id} is already {status}").format(id=org.id, status=status))
    if status == ACTIVE and org.status != SUSPENDED:
        raise Conflict(_("organization {id} is not suspended").format(id=org.id))
    action = {SUSPENDED: "suspend", DISSOLVED: "dissolve", ACTIVE: "reinstate"}[status]
    return move(
        ledger,
        plugins,
        org,
        to_stage=org.stage,
        status=status,
        date=date or ledger.today,
        reason=reason,
        action=action,
        floor=last_changes(ledger).get(org.id),
    )


def last_changes(ledger: Ledger) -> dict[str, dt.date]:
    """The date of each organization's latest transition, in one pass over the transitions."""
    latest: dict[str, dt.date] = {}
    for t in ledger.all(Transition):
        if t.org not in latest or t.date > latest[t.org]:
            latest[t.org] = t.date
    return latest


def run_review(
    ledger: Ledger,
    plugins: Plugins,
    refs: Iterable[str] = (),
    *,
    as_of: dt.date | None = None,
    apply: bool = False,
) -> list[tuple[Organization, Review]]:
    """Review organizations as of a date, store the reviews, and with ``apply`` move the ready ones on."""
    as_of = as_of or ledger.today
    if as_of > ledger.today:
        raise validate.fail("--as-of", as_of.isoformat(), _("is in the future"))
    refs = list(refs)
    changes = last_changes(ledger)
    orgs = review.reviewable(ledger, refs, org_finder(ledger), as_of)
    if not refs:  # nor those whose status changed after as_of (a reinstatement, say)
        orgs = [o for o in orgs if changes.get(o.id, as_of) <= as_of]
    for org in orgs:
        if org.status == ACTIVE and org.stage == stages.LAST:
            raise Conflict(_("organization {id} has graduated: it has no exit criteria to review").format(id=org.id))
        if org.status != ACTIVE:
            raise Conflict(
                _("organization {id} cannot be reviewed: it is {status} at stage {stage}").format(
                    id=org.id, status=org.status, stage=org.stage
                )
            )
        if review.entered(org) > as_of:
            raise Conflict(
                _(
                    "organization {id} entered stage {stage} on {date}, after {as_of}; review it as of that date or later"
                ).format(id=org.id, stage=org.stage, date=review.entered(org).isoformat(), as_of=as_of.isoformat())
            )
        if changes.get(org.id, as_of) > as_of:
            raise Conflict(
                _(
                    "organization {id} changed status on {date}, after {as_of}; review it as of that date or later"
                ).format(id=org.id, date=changes[org.id].isoformat(), as_of=as_of.isoformat())
            )
    verdicts = review.evaluate(ledger, orgs, plugins.criteria(ledger.center.plugins), as_of)
    reviews = review.store(ledger, verdicts, as_of)
    results = []
    for verdict, stored in zip(verdicts, reviews, strict=True):
        if apply and verdict.ready:
            target = stages.next_stage(verdict.org.stage)
            move(
                ledger,
                plugins,
                verdict.org,
                to_stage=target,
                status=ACTIVE,
                date=as_of,
                reason=_("stage review: every exit criterion met ({count} checked)").format(
                    count=len(verdict.outcomes)
                ),
                action="review apply",
                floor=changes.get(verdict.org.id),
            )
            stored = ledger.replace(attrs.evolve(stored, applied=True), action="review applied")
        results.append((verdict.org, stored))
    return results


def history(ledger: Ledger, org_ref: str) -> tuple[Organization, list[Transition]]:
    org = find_org(ledger, org_ref)
    return org, [t for t in ledger.all(Transition) if t.org == org.id]
