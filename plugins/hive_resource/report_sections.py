"""The resource pool's section of the periodic report (``hive report``).

Providers (outside bodies; the center itself is not counted), resources
added, needs opened and needs met (a need is met on the day its last
allocation was fulfilled, once all of it is delivered), allocations made and
fulfilled, and the quantities allocated and delivered by kind and unit.
"""

from __future__ import annotations

from collections import defaultdict

from typing import TYPE_CHECKING

from hive.reporting import Column, Figure, Section, Table, Tally
from hive_resource import _
from hive_resource.kinds import KINDS, OWN, UNITS
from hive_resource.models import FULFILLED, Allocation, Need, Provider, Resource
from hive_resource.pool import Usage

if TYPE_CHECKING:
    from hive.ledger import Ledger
    from hive.reporting import Period


def hive_report_sections(ledger: Ledger, period: Period) -> list[Section]:
    providers = [p for p in ledger.all(Provider) if p.kind != OWN]
    resources = {r.id: r for r in ledger.all(Resource)}
    needs = ledger.all(Need)
    allocations = ledger.all(Allocation)
    tally = Tally(period)
    for p in providers:
        if p.added:
            tally.add(p.added, "providers_new")
    for r in resources.values():
        if r.added:
            tally.add(r.added, "resources_added")
    for n in needs:
        if n.added:
            tally.add(n.added, "needs_opened")
    usage = Usage.of(ledger)
    last_delivery: dict[str, object] = {}
    value: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: {"allocated": 0.0, "delivered": 0.0})
    for a in allocations:
        resource = resources.get(a.resource)
        tally.add(a.date, "allocations_made")
        if a.status == FULFILLED and a.closed:
            tally.add(a.closed, "allocations_fulfilled")
            if a.need not in last_delivery or a.closed > last_delivery[a.need]:
                last_delivery[a.need] = a.closed
        if resource is None:
            continue
        group = value[resource.kind, resource.unit]
        if a.date in period and a.status != "cancelled":
            group["allocated"] += a.quantity
        if a.status == FULFILLED and a.closed in period:
            group["delivered"] += a.quantity
    for n in needs:
        day = last_delivery.get(n.id)
        if day is not None and usage.need_status(n) == FULFILLED:
            tally.add(day, "needs_met")
            tally.listing(
                day, "needs_met", id=n.id, kind_name=_(KINDS.get(n.kind, n.kind)), quantity=n.quantity,
                unit_name=_(UNITS.get(n.unit, n.unit)),
            )  # fmt: skip

    def providers_on(day) -> int:
        return sum(1 for p in providers if p.added is None or p.added <= day)

    figures = [
        Figure("providers", _("providers at the end"), providers_on(period.end), providers_on(period.previous.end)),
        *tally.figures(
            [
                ("providers_new", _("new providers")),
                ("resources_added", _("resources added")),
                ("needs_opened", _("needs opened")),
                ("needs_met", _("needs met")),
                ("allocations_made", _("allocations made")),
                ("allocations_fulfilled", _("allocations fulfilled")),
            ]
        ),
    ]
    rows = [
        {
            "kind": kind,
            "unit": unit,
            "kind_name": _(KINDS.get(kind, kind)),
            "unit_name": _(UNITS.get(unit, unit)),
            "allocated": round(v["allocated"], 2),
            "delivered": round(v["delivered"], 2),
        }
        for (kind, unit), v in sorted(value.items())
        if v["allocated"] or v["delivered"]
    ]
    tables = [
        Table(
            "value_by_kind",
            _("Quantities allocated and delivered, by kind and unit"),
            [
                Column("kind_name", _("kind")),
                Column("unit_name", _("unit")),
                Column("allocated", _("allocated"), numeric=True),
                Column("delivered", _("delivered"), numeric=True),
            ],
            rows,
        ),
        tally.table(
            "needs_met",
            _("Needs met"),
            [
                Column("date", _("date")),
                Column("id", _("id")),
                Column("kind_name", _("kind")),
                Column("quantity", _("quantity"), numeric=True),
                Column("unit_name", _("unit")),
            ],
        ),
    ]
    return [Section("resources", _("Resource pool"), figures, tables)]


def hive_district_figures() -> list:
    """The resource figures of the district report (hive.rollup), each the report's figure of the same key."""
    from hive.rollup import Aggregate

    return [
        Aggregate("resources.providers_new", _("new providers"), "resource_providers", dated="added", unequal={"kind": OWN}),
        Aggregate("resources.resources_added", _("resources added"), "resource_resources", dated="added"),
        Aggregate("resources.needs_opened", _("needs opened"), "resource_needs", dated="added"),
        Aggregate("resources.allocations_made", _("allocations made"), "resource_allocations", dated="date"),
    ]  # fmt: skip
