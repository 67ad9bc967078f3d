"""Where an organization stood on a date: its stage, status and stage start, read from its transitions.

The organization record holds only where it stands now; every change is kept
as a :class:`~hive.models.Transition`. A review as of a past date, a report
for a past quarter and "what was due then" all need the state on that date,
and this module is the one place that works it out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

import attrs

from hive import stages
from hive.i18n import _
from hive.models import ACTIVE, DISSOLVED, SUSPENDED, Organization, Review, Transition

#: Why an organization was not at a reviewable stage on a date (see :func:`why_not_reviewable`).
NOT_YET = "not_yet"
GRADUATED = "graduated"


def transitions_by_org(transitions: Iterable[Transition]) -> dict[str, list[Transition]]:
    """Each organization's transitions, oldest first (same-day changes in the order they were recorded)."""
    grouped: dict[str, list[Transition]] = defaultdict(list)
    for t in transitions:
        grouped[t.org].append(t)
    for moves in grouped.values():
        moves.sort(key=lambda t: t.date)  # stable: same-day transitions keep the order they were added
    return grouped


def on(org: Organization, transitions: list[Transition], day: dt.date) -> Organization | None:
    """``org`` as it stood at the end of ``day``, or None when it had not joined yet.

    ``transitions`` are the organization's own, oldest first (see :func:`transitions_by_org`).
    The result is ``org`` with the stage, status and ``stage_since`` of that day.
    """
    if org.joined > day:
        return None
    if not transitions:
        return org
    before = [t for t in transitions if t.date <= day]
    if not before:  # it has changed since, but not yet on that day: where the first change started from
        return attrs.evolve(org, stage=transitions[0].from_stage, status=ACTIVE, stage_since=org.joined)
    last = before[-1]
    stage_moves = [t for t in before if t.to_stage != t.from_stage]
    if stage_moves:
        since = stage_moves[-1].date
    elif any(t.to_stage != t.from_stage for t in transitions):
        since = org.joined  # its stage changed only later: it held the first one since it joined
    else:
        since = org.stage_since or org.joined
    return attrs.evolve(org, stage=last.to_stage, status=last.status, stage_since=since)


def changed_after(transitions: list[Transition], day: dt.date) -> dt.date | None:
    """The date of the first change after ``day``, or None when it has not changed since."""
    return next((t.date for t in transitions if t.date > day), None)


def why_not_reviewable(org: Organization, stood: Organization | None, day: dt.date) -> str | None:
    """Why ``org`` has no stage to review on ``day`` (a line for people), or None when it has one."""
    if stood is None:
        return _("{id} {name}: joined on {date}, after {day}").format(
            id=org.id, name=org.name, date=org.joined.isoformat(), day=day.isoformat()
        )
    if stood.status == DISSOLVED:
        return _("{id} {name}: dissolved").format(id=org.id, name=org.name)
    if stood.status == SUSPENDED:
        return _("{id} {name}: suspended").format(id=org.id, name=org.name)
    if stood.stage == stages.LAST:
        return _("{id} {name}: graduated").format(id=org.id, name=org.name)
    return None


def reason_code(stood: Organization | None) -> str:
    """A code for ``--json``: ``not_yet``, ``graduated``, ``dissolved`` or ``suspended``."""
    if stood is None:
        return NOT_YET
    if stood.status != ACTIVE:
        return stood.status
    return GRADUATED


def latest_review(org: Organization, reviews: list[Review], transitions: list[Transition]) -> Review | None:
    """The review with the latest as-of date (of two on one date, the one stored last), or None.

    A review that a back-dated move has since contradicted (it reviewed a stage
    the organization, as its history now reads, no longer held on that date) is
    passed over while another review agrees with the history.
    """
    moves = sorted(transitions, key=lambda t: t.date)
    agreeing = []
    for r in reviews:
        before = on(org, moves, r.as_of - dt.timedelta(days=1))
        held = {before.stage} if before is not None else set()
        for t in moves:  # the stages it held in the course of that day
            if t.date == r.as_of:
                held |= {t.from_stage, t.to_stage}
        if r.stage in held or (before is None and not held):
            agreeing.append(r)
    latest = None
    for r in agreeing or reviews:
        if latest is None or r.as_of >= latest.as_of:
            latest = r
    return latest
