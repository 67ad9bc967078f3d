"""Moving organizations: stage changes, suspension, dissolution, and the review that drives them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from hive import review, stages, standing, validate
from hive.errors import Conflict, InvalidInput
from hive.frozen import frozen
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
        raise Conflict(
            _("organization {id} is already at stage {stage}").format(id=org.id, stage=stages.get(target).title)
        )
    if not force:
        if stages.next_stage(org.stage) is None:
            raise InvalidInput(
                _("{id} has graduated: there is no next stage; use --force to move it back").format(id=org.id)
            )
        if target != stages.next_stage(org.stage):
            raise InvalidInput(
                _(
                    "cannot move {id} from {current} to {target}: the next stage is {next}; use --force to skip or go back"
                ).format(
                    id=org.id,
                    current=stages.get(org.stage).title,
                    target=stages.get(target).title,
                    next=stages.get(stages.next_stage(org.stage)).title,
                )
            )
        (verdict,) = review.evaluate(ledger, [org], plugins.criteria(ledger.center.plugins), date)
        if not verdict.ready:
            first = verdict.failed[0]
            raise Conflict(
                _("{id} is not ready to leave {stage}: {reason} ({criterion}); use --force to override").format(
                    id=org.id, stage=stages.get(org.stage).title, reason=first.reason, criterion=first.criterion
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
        raise Conflict(_("organization {id} is already {status}").format(id=org.id, status=_(status)))
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


@frozen
class ReviewRun:
    """What one ``hive review`` did: the stored reviews, and the organizations it could not review.

    ``results`` pairs each organization, as it stood on ``as_of``, with its stored
    review; ``not_reviewed`` names, with a line for people, every organization of
    the default set that had no stage to review on ``as_of`` (it had not joined
    yet, had graduated, or was suspended or dissolved); ``not_moved`` maps an
    organization found ready but left where it is by ``--apply`` (its stage or
    status changed after ``as_of``) to the date of that change; ``evidence`` maps
    an organization's id to what each criterion measured (criterion id ->
    :attr:`Outcome.evidence`, only the criteria that gave some): shown by
    ``review --json``, not stored with the review.
    """

    as_of: dt.date
    results: list[tuple[Organization, Review]]
    not_reviewed: list[tuple[Organization, str, str]] = attrs.field(factory=list)  # (org, code, line)
    not_moved: dict[str, dt.date] = attrs.field(factory=dict)
    evidence: dict[str, dict[str, dict]] = attrs.field(factory=dict)


def run_review(
    ledger: Ledger,
    plugins: Plugins,
    refs: Iterable[str] = (),
    *,
    as_of: dt.date | None = None,
    apply: bool = False,
) -> list[tuple[Organization, Review]]:
    """Review organizations as of a date, store the reviews, and with ``apply`` move the ready ones on."""
    return review_run(ledger, plugins, refs, as_of=as_of, apply=apply).results


def _chosen(
    ledger: Ledger, refs: Iterable[str], as_of: dt.date, *, apply: bool
) -> tuple[list[Organization], list[tuple[Organization, str, str]], dict[str, dt.date], dict[str, list[Transition]]]:
    """The organizations a review as of ``as_of`` looks at, as they stood then, and those it leaves out."""
    as_of = as_of or ledger.today
    if as_of > ledger.today:
        raise validate.fail("--as-of", as_of.isoformat(), _("is in the future"))
    refs = list(refs)
    moves = standing.transitions_by_org(ledger.all(Transition))
    if refs:
        find = org_finder(ledger)
        current = list({org.id: org for org in map(find, refs)}.values())  # named twice: reviewed once
    else:
        current = ledger.all(Organization)
    orgs: list[Organization] = []
    not_reviewed: list[tuple[Organization, str, str]] = []
    not_moved: dict[str, dt.date] = {}
    from hive.incubation import exited_on

    out = exited_on(ledger, as_of)  # left incubation (hive org exit): no stage to review
    for org in current:
        history = moves.get(org.id, [])
        later = standing.changed_after(history, as_of)
        if refs and apply and later is not None:
            raise Conflict(apply_refusal(org, history, as_of))
        stood = standing.on(org, history, as_of)
        why = standing.why_not_reviewable(org, stood, as_of)
        if why is None and org.id in out:
            left = out[org.id].date.isoformat()
            if refs:
                raise Conflict(
                    _("organization {id} exited incubation on {date}; it has no stage to review as of {as_of}").format(
                        id=org.id, date=left, as_of=as_of.isoformat()
                    )
                )
            not_reviewed.append(
                (org, "exited", _("{id} {name}: exited on {date}").format(id=org.id, name=org.name, date=left))
            )
            continue
        if why is not None:
            if refs:
                raise Conflict(refusal(org, stood, as_of, ledger.today))
            not_reviewed.append((org, standing.reason_code(stood), why))
            continue
        assert stood is not None
        orgs.append(stood)
        if later is not None:
            not_moved[org.id] = later
    return orgs, not_reviewed, not_moved, moves


def verdicts_as_of(
    ledger: Ledger, plugins: Plugins, refs: Iterable[str] = (), *, as_of: dt.date | None = None
) -> list[review.Verdict]:
    """The verdicts of a stage review as of a date, without storing anything (the web workspace's preview)."""
    as_of = as_of or ledger.today
    orgs, _not_reviewed, _not_moved, _moves = _chosen(ledger, refs, as_of, apply=False)
    return review.evaluate(ledger, orgs, plugins.criteria(ledger.center.plugins), as_of)


def review_run(
    ledger: Ledger,
    plugins: Plugins,
    refs: Iterable[str] = (),
    *,
    as_of: dt.date | None = None,
    apply: bool = False,
) -> ReviewRun:
    """Review organizations at the stage each held on ``as_of`` (default today), using the records dated up to it.

    Without ``refs``: every organization active at a stage with exit criteria on
    that day; the others are named in :attr:`ReviewRun.not_reviewed`. A named
    organization without a stage to review on that day is refused. With ``apply``,
    a ready organization moves on (dated ``as_of``) unless it has changed since:
    a named one is then refused, one of the default set is reviewed but not moved.
    """
    as_of = as_of or ledger.today
    orgs, not_reviewed, not_moved, moves = _chosen(ledger, refs, as_of, apply=apply)
    verdicts = review.evaluate(ledger, orgs, plugins.criteria(ledger.center.plugins), as_of)
    reviews = review.store(ledger, verdicts, as_of)
    results = []
    for verdict, stored in zip(verdicts, reviews, strict=True):
        if apply and verdict.ready and verdict.org.id not in not_moved:
            target = stages.next_stage(verdict.org.stage)
            move(
                ledger,
                plugins,
                ledger.get(Organization, verdict.org.id),
                to_stage=target,
                status=ACTIVE,
                date=as_of,
                reason=_("stage review: every exit criterion met ({count} checked)").format(
                    count=len(verdict.outcomes)
                ),
                action="review apply",
                floor=last_change(moves.get(verdict.org.id, [])),
            )
            stored = ledger.replace(attrs.evolve(stored, applied=True), action="review applied")
        results.append((verdict.org, stored))
    if not apply:
        not_moved = {}
    evidence = {v.org.id: {c.id: o.evidence for c, o in v.outcomes if o.evidence} for v in verdicts}
    return ReviewRun(as_of, results, not_reviewed, not_moved, evidence)


def refusal(org: Organization, stood: Organization | None, as_of: dt.date, today: dt.date) -> str:
    """Why a named organization cannot be reviewed as of ``as_of``, in words."""
    if stood is None:
        return _("organization {id} joined on {date}, after {as_of}; review it as of that date or later").format(
            id=org.id, date=org.joined.isoformat(), as_of=as_of.isoformat()
        )
    if stood.status != ACTIVE and as_of == today:
        return _("organization {id} cannot be reviewed: it is {status} at stage {stage}").format(
            id=org.id, status=_(stood.status), stage=stages.get(stood.stage).title
        )
    if stood.status != ACTIVE:
        return _("organization {id} cannot be reviewed as of {as_of}: it was {status} at stage {stage}").format(
            id=org.id, as_of=as_of.isoformat(), status=_(stood.status), stage=stages.get(stood.stage).title
        )
    return _("organization {id} has graduated: it has no exit criteria to review (as of {as_of})").format(
        id=org.id, as_of=as_of.isoformat()
    )


def apply_refusal(org: Organization, history: list[Transition], as_of: dt.date) -> str:
    """Why ``--apply`` as of ``as_of`` cannot move ``org``: it has changed since."""
    first = next(t for t in history if t.date > as_of)
    if first.to_stage != first.from_stage:
        return _(
            "organization {id} entered stage {stage} on {date}, after {as_of}; review it as of that date or later"
        ).format(
            id=org.id, stage=stages.get(first.to_stage).title, date=first.date.isoformat(), as_of=as_of.isoformat()
        )
    return _("organization {id} changed status on {date}, after {as_of}; review it as of that date or later").format(
        id=org.id, date=first.date.isoformat(), as_of=as_of.isoformat()
    )


def last_change(transitions: list[Transition]) -> dt.date | None:
    return max((t.date for t in transitions), default=None)


def history(ledger: Ledger, org_ref: str) -> tuple[Organization, list[Transition]]:
    org = find_org(ledger, org_ref)
    return org, [t for t in ledger.all(Transition) if t.org == org.id]
