"""The resource plugin's exit criterion and its setting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hive.criteria import Criterion, Outcome
from hive.i18n import N_
from hive.settings import Setting
from hive_resource import _

if TYPE_CHECKING:
    from hive.review import ReviewContext

MIN_FULFILLED = "resource.supervision.min_fulfilled"


def settings() -> list[Setting]:
    return [
        Setting(
            MIN_FULFILLED,
            1,
            N_("allocations from outside providers an organization must have had fulfilled to graduate"),
            "int",
            minimum=0,
        ),
        Setting(
            "resource.unmatched_days",
            30,
            N_("days a need may wait for a resource before 'hive due' lists it (0: never)"),
            "int",
            minimum=0,
        ),
    ]


def _fulfilled_outside(ctx: ReviewContext) -> dict[str, list[str]]:
    """Organization id -> ids of its allocations fulfilled from outside providers by ``as_of``."""
    from hive_resource.models import FULFILLED, OWN, Allocation, Need, Provider, Resource

    owners = {n.id: n.org for n in ctx.ledger.all(Need) if n.org}
    outside = {p.id for p in ctx.ledger.all(Provider) if p.kind != OWN}
    from_outside = {r.id for r in ctx.ledger.all(Resource) if r.provider in outside}
    found: dict[str, list[str]] = {}
    for a in ctx.ledger.all(Allocation):
        if (
            a.status == FULFILLED
            and a.closed is not None
            and a.closed <= ctx.as_of
            and a.need in owners
            and a.resource in from_outside
        ):
            found.setdefault(owners[a.need], []).append(a.id)
    return found


def mobilises_resources(org, ctx: ReviewContext) -> Outcome:
    need = ctx.settings[MIN_FULFILLED]
    received = ctx.memo("resource.fulfilled_outside", lambda: _fulfilled_outside(ctx)).get(org.id, [])
    evidence = {"fulfilled": len(received), "allocations": received}
    if len(received) >= need:
        return Outcome(True, "", evidence)
    return Outcome(
        False,
        _("{count} of {need} allocations fulfilled from outside providers").format(count=len(received), need=need),
        evidence,
    )


def criteria() -> list[Criterion]:
    return [
        Criterion(
            "resource.mobilises",
            "supervision",
            N_("at least one allocation fulfilled from an outside provider (it can mobilise resources)"),
            mobilises_resources,
        )
    ]
