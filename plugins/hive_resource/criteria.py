"""The resource plugin's exit criterion and its settings."""

from __future__ import annotations

from hive import N_, Outcome, Setting
from hive_resource import _, plugin
from hive_resource.models import FULFILLED, OWN, Allocation, Need, Provider, Resource

MIN_FULFILLED = "resource.supervision.min_fulfilled"
UNMATCHED_DAYS = "resource.unmatched_days"

plugin.settings(
    Setting(
        MIN_FULFILLED,
        1,
        N_("allocations from outside providers an organization must have had fulfilled to graduate"),
        "int",
        minimum=0,
    ),
    Setting(
        UNMATCHED_DAYS,
        30,
        N_("days a need may wait for a resource before 'hive due' lists it (0: never)"),
        "int",
        minimum=0,
    ),
)


def _fulfilled_outside(ctx) -> dict[str, list[str]]:
    """Organization id -> ids of its allocations fulfilled from outside providers by ``ctx.as_of``."""
    owners = {n.id: n.org for n in ctx.records(Need) if n.org}
    outside = {p.id for p in ctx.records(Provider) if p.kind != OWN}
    from_outside = {r.id for r in ctx.records(Resource) if r.provider in outside}
    found: dict[str, list[str]] = {}
    for a in ctx.records(Allocation, status=FULFILLED):
        if a.closed is not None and a.closed <= ctx.as_of and a.need in owners and a.resource in from_outside:
            found.setdefault(owners[a.need], []).append(a.id)
    return found


@plugin.criterion(
    "resource.mobilises",
    stage="supervision",
    description=N_(
        "at least {resource.supervision.min_fulfilled} allocations fulfilled from outside providers"
        " (it can mobilise resources)"
    ),
)
def mobilises_resources(org, ctx) -> Outcome:
    need = ctx.setting(MIN_FULFILLED)
    received = ctx.memo("resource.fulfilled_outside", lambda: _fulfilled_outside(ctx)).get(org.id, [])
    evidence = {"fulfilled": len(received), "allocations": received}
    if len(received) >= need:
        return Outcome(True, "", evidence)
    return Outcome(
        False,
        _("{count} of {need} allocations fulfilled from outside providers").format(count=len(received), need=need),
        evidence,
    )
