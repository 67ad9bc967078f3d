"""The pool: providers, resources, needs and allocations, and what is left of each."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import attrs

from hive import validate
from hive.errors import Conflict, InvalidInput, NotFound
from hive.i18n import N_
from hive.ledger import Ledger
from hive.models import Organization
from hive_resource import _
from hive_resource.models import (
    ACTIVE_ALLOCATION,
    ALLOCATED,
    CANCELLED,
    FULFILLED,
    KINDS,
    OPEN,
    OWN,
    PRIORITIES,
    PROVIDER_KINDS,
    UNITS,
    Allocation,
    Need,
    Provider,
    Resource,
    divisible,
)

MAX_QUANTITY = 100_000_000  # a hundred million yuan, hours or items is a typing mistake
MAX_SLOT = 100_000  # hours or square metres of one venue slot (keeps the matching's weights exact)
EPSILON = 0.005  # quantities are kept to the hundredth


# -- checks ---------------------------------------------------------------------------------------
def quantity(value: float, unit: str, kind: str, field: str = "--quantity") -> float:
    """More than 0, at most :data:`MAX_QUANTITY` (a slot :data:`MAX_SLOT`), kept to the hundredth; items are whole."""
    most = MAX_QUANTITY if divisible(kind, unit) else MAX_SLOT
    if not math.isfinite(value) or round(value, 2) <= 0 or value > most:
        raise validate.fail(field, value, _("must be more than 0 and at most {max}").format(max=most))
    if unit == "items" and value != int(value):
        raise validate.fail(field, value, _("items are counted in whole numbers"))
    return round(value, 2)


def choice(field: str, value: str, allowed: Iterable[str]) -> str:
    allowed = list(allowed)
    if value not in allowed:
        raise validate.fail(field, value, _("expected one of {values}").format(values=", ".join(allowed)))
    return value


def tags(values: Iterable[str]) -> list[str]:
    """Trimmed, each once, in the order given."""
    return list(dict.fromkeys(validate.text("--tag", t, limit=40) for t in values))


def contact(value: str) -> str:
    """A phone, an e-mail or a name: personal data, so an error never repeats it."""
    cleaned = (value or "").strip()
    if len(cleaned) > 100 or any(ord(ch) < 32 or ord(ch) == 127 for ch in cleaned):
        raise InvalidInput(_("invalid --contact: at most 100 characters, no control characters"))
    return cleaned


# -- finding ----------------------------------------------------------------------------------------
def find_provider(ledger: Ledger, ref: str) -> Provider:
    """A provider by id or exact name."""
    found = ledger.find(Provider, ref)
    if found is not None:
        return found
    for provider in ledger.all(Provider):
        if provider.name == ref.strip():
            return provider
    raise NotFound(_("no provider '{ref}' (give an id or the exact name)").format(ref=ref))


def find_allocation(ledger: Ledger, ref: str) -> Allocation:
    found = ledger.find(Allocation, ref.strip())
    if found is None:
        raise NotFound(_("no allocation '{ref}'").format(ref=ref))
    return found


# -- adding ------------------------------------------------------------------------------------------
def add_provider(ledger: Ledger, name: str, kind: str, contact_text: str = "") -> Provider:
    name = validate.text("name", name)
    choice("--kind", kind, PROVIDER_KINDS)
    if any(p.name == name for p in ledger.all(Provider)):
        raise Conflict(_("a provider named '{name}' already exists").format(name=name))
    provider = Provider(id="", name=name, kind=kind, contact=contact(contact_text), added=ledger.today)
    return ledger.add(provider, action="resource provider add", detail=name)


def _window(start: dt.date | None, end: dt.date | None, today: dt.date) -> None:
    if start and end and end < start:
        raise validate.fail("--to", end.isoformat(), _("is before --from ({date})").format(date=start.isoformat()))
    if end and end < today:
        raise validate.fail("--to", end.isoformat(), _("is in the past"))


def add_resource(
    ledger: Ledger,
    provider_ref: str,
    *,
    kind: str,
    quantity_value: float,
    unit: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    community: str | None = None,
    tag_values: Iterable[str] = (),
    description: str = "",
) -> Resource:
    choice("--kind", kind, KINDS)
    choice("--unit", unit, UNITS)
    amount = quantity(quantity_value, unit, kind)
    _window(start, end, ledger.today)
    provider = find_provider(ledger, provider_ref)
    resource = Resource(
        id="",
        provider=provider.id,
        kind=kind,
        quantity=amount,
        unit=unit,
        description=validate.text("--description", description, required=False),
        start=start,
        end=end,
        community=_community(ledger, community),
        tags=tags(tag_values),
        added=ledger.today,
    )
    return ledger.add(resource, action="resource add", detail=f"{provider.name} {kind} {amount} {unit}")


def _community(ledger: Ledger, value: str | None) -> str:
    """The community given, else the center's own."""
    if value is None:
        return ledger.center.community
    return validate.text("--community", value, required=False)


def add_need(
    ledger: Ledger,
    org_ref: str | None,
    *,
    center: bool,
    kind: str,
    quantity_value: float,
    unit: str,
    by: dt.date | None = None,
    priority: int | None = None,
    tag_values: Iterable[str] = (),
    community: str | None = None,
    description: str = "",
) -> Need:
    if center == bool(org_ref):
        raise InvalidInput(_("give either --org ORG or --center: whose need it is"))
    choice("--kind", kind, KINDS)
    choice("--unit", unit, UNITS)
    amount = quantity(quantity_value, unit, kind)
    priority = 3 if priority is None else priority
    if priority not in PRIORITIES:
        raise validate.fail("--priority", priority, _("must be 1 to 5 (5 is the most urgent)"))
    if by and by < ledger.today:
        raise validate.fail("--by", by.isoformat(), _("is in the past"))
    org_id = None
    if org_ref:
        from hive.organizations import find_org, require_open

        org = find_org(ledger, org_ref)
        require_open(org)
        org_id = org.id
    need = Need(
        id="",
        org=org_id,
        kind=kind,
        quantity=amount,
        unit=unit,
        by=by,
        priority=priority,
        tags=tags(tag_values),
        community=_community(ledger, community),
        description=validate.text("--description", description, required=False),
        added=ledger.today,
    )
    return ledger.add(need, action="resource need add", detail=f"{org_id or 'center'} {kind} {amount} {unit}")


# -- what is used, what is left ----------------------------------------------------------------------
@attrs.frozen
class Usage:
    """Quantities taken by open and fulfilled allocations, per resource and per need (built once)."""

    by_resource: dict[str, float]
    by_need: dict[str, float]
    fulfilled_by_need: dict[str, float]
    open_by_need: dict[str, int]

    @classmethod
    def of(cls, ledger: Ledger) -> Usage:
        by_resource: dict[str, float] = defaultdict(float)
        by_need: dict[str, float] = defaultdict(float)
        fulfilled: dict[str, float] = defaultdict(float)
        open_count: dict[str, int] = defaultdict(int)
        for a in ledger.all(Allocation):
            if a.status in ACTIVE_ALLOCATION:
                by_resource[a.resource] += a.quantity
                by_need[a.need] += a.quantity
            if a.status == FULFILLED:
                fulfilled[a.need] += a.quantity
            elif a.status == OPEN:
                open_count[a.need] += 1
        return cls(dict(by_resource), dict(by_need), dict(fulfilled), dict(open_count))

    def resource_left(self, r: Resource) -> float:
        used = self.by_resource.get(r.id, 0.0)
        if not divisible(r.kind, r.unit):  # a slot is taken whole, even by a need using less of it
            return 0.0 if used > 0 else r.quantity
        return max(0.0, round(r.quantity - used, 2))

    def need_left(self, n: Need) -> float:
        return max(0.0, round(n.quantity - self.by_need.get(n.id, 0.0), 2))

    def need_status(self, n: Need) -> str:
        """``open`` while some quantity is not allocated; ``allocated``; ``fulfilled`` when all was delivered."""
        if self.need_left(n) > EPSILON:
            return OPEN
        if self.fulfilled_by_need.get(n.id, 0.0) >= n.quantity - EPSILON:
            return FULFILLED
        return ALLOCATED


# -- closing allocations -------------------------------------------------------------------------------
def fulfil(ledger: Ledger, ref: str) -> Allocation:
    allocation = find_allocation(ledger, ref)
    if allocation.status != OPEN:
        raise Conflict(_("allocation {id} is already {status}").format(id=allocation.id, status=_(allocation.status)))
    done = attrs.evolve(allocation, status=FULFILLED, closed=ledger.today)
    return ledger.replace(done, action="resource fulfil")


def cancel(ledger: Ledger, ref: str, reason: str) -> Allocation:
    reason = validate.text("--reason", reason)
    allocation = find_allocation(ledger, ref)
    if allocation.status != OPEN:
        raise Conflict(_("allocation {id} is already {status}").format(id=allocation.id, status=_(allocation.status)))
    done = attrs.evolve(allocation, status=CANCELLED, closed=ledger.today, reason=reason)
    return ledger.replace(done, action="resource cancel", detail=reason)


# -- documents -------------------------------------------------------------------------------------------
def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def provider_document(p: Provider, show_personal: bool) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "kind": p.kind,
        "contact": p.contact if show_personal else validate.mask(p.contact),
        "outside": p.kind != OWN,
        "added": _iso(p.added),
    }


def resource_document(r: Resource, usage: Usage, providers: dict[str, Provider]) -> dict[str, Any]:
    provider = providers.get(r.provider)
    return {
        "id": r.id,
        "provider": r.provider,
        "provider_name": provider.name if provider else None,
        "kind": r.kind,
        "description": r.description,
        "quantity": r.quantity,
        "unit": r.unit,
        "remaining": usage.resource_left(r),
        "from": _iso(r.start),
        "to": _iso(r.end),
        "community": r.community,
        "tags": list(r.tags),
    }


def need_document(n: Need, usage: Usage, orgs: dict[str, Organization]) -> dict[str, Any]:
    org = orgs.get(n.org) if n.org else None
    return {
        "id": n.id,
        "org": n.org,
        "org_name": org.name if org else None,
        "center": n.org is None,
        "kind": n.kind,
        "description": n.description,
        "quantity": n.quantity,
        "unit": n.unit,
        "allocated": round(n.quantity - usage.need_left(n), 2),
        "remaining": usage.need_left(n),
        "status": usage.need_status(n),
        "by": _iso(n.by),
        "priority": n.priority,
        "tags": list(n.tags),
        "community": n.community,
    }


def allocation_document(a: Allocation) -> dict[str, Any]:
    return {
        "id": a.id,
        "need": a.need,
        "resource": a.resource,
        "quantity": a.quantity,
        "date": a.date.isoformat(),
        "operator": a.operator,
        "status": a.status,
        "closed": _iso(a.closed),
        "reason": a.reason,
    }


# The keys of the org show section stay English in --json; marked here so that their text
# labels are translated (hive.i18n.declared).
DETAIL_LABELS = (N_("needs"), N_("open_needs"), N_("fulfilled_allocations"))


def org_details(ledger: Ledger, organization: Organization) -> dict[str, Any] | None:
    """The organization's needs and what it received, for ``hive org show``."""
    needs = {n.id: n for n in ledger.all(Need) if n.org == organization.id}
    if not needs:
        return None
    usage = Usage.of(ledger)
    received = [a for a in ledger.all(Allocation) if a.need in needs and a.status == FULFILLED]
    return {
        "needs": len(needs),
        "open_needs": sum(1 for n in needs.values() if usage.need_left(n) > EPSILON),
        "fulfilled_allocations": len(received),
    }


def record_match(ledger: Ledger, proposals: Iterable[Any]) -> list[Allocation]:
    """Record a match's proposals as open allocations, in one event line."""
    records = [
        Allocation(
            id="",
            need=p.need,
            resource=p.resource,
            quantity=p.quantity,
            date=ledger.today,
            operator=ledger.operator,
        )
        for p in proposals
    ]
    return ledger.add_many(records, action="resource match", detail=str(len(records)))


def demo_tour(ledger: Ledger) -> str:
    """What ``hive demo`` shows of the resource pool: its size and how to match it."""
    usage = Usage.of(ledger)
    open_needs = sum(1 for n in ledger.all(Need) if usage.need_left(n) > EPSILON)
    return _(
        "Resource pool: {providers} providers, {resources} resources, {needs} open needs; "
        "see the optimal matching with 'hive resource match'"
    ).format(providers=len(ledger.all(Provider)), resources=len(ledger.all(Resource)), needs=open_needs)


# -- hive check ---------------------------------------------------------------------------------------------
def check(ledger: Ledger) -> list:
    """``hive check``'s view of the pool: what the records name exists, no resource or need over-allocated,
    a closed allocation says when (and a cancelled one why)."""
    from hive.integrity import Problem

    providers = {p.id for p in ledger.all(Provider)}
    resources = {r.id: r for r in ledger.all(Resource)}
    needs = {n.id: n for n in ledger.all(Need)}
    orgs = {o.id for o in ledger.all(Organization)}
    problems: list[Problem] = []

    def missing(table: str, record: str, field: str, ref: str, target: str) -> None:
        problems.append(
            Problem(
                table, record, _("{field}: no record {ref} in {target}").format(field=field, ref=ref, target=target)
            )
        )

    for r in resources.values():
        if r.provider not in providers:
            missing("resource_resources", r.id, "provider", r.provider, "resource_providers")
    for n in needs.values():
        if n.org is not None and n.org not in orgs:
            missing("resource_needs", n.id, "org", n.org, "organizations")
    slot_takers: dict[str, list[str]] = defaultdict(list)
    for a in ledger.all(Allocation):
        if a.need not in needs:
            missing("resource_allocations", a.id, "need", a.need, "resource_needs")
        if a.resource not in resources:
            missing("resource_allocations", a.id, "resource", a.resource, "resource_resources")
        if a.status not in (OPEN, FULFILLED, CANCELLED):
            problems.append(
                Problem("resource_allocations", a.id, _("status '{status}' is unknown").format(status=a.status))
            )
        elif a.status != OPEN and a.closed is None:
            problems.append(
                Problem(
                    "resource_allocations", a.id, _("is {status} but has no closed date").format(status=_(a.status))
                )
            )
        elif a.status == CANCELLED and not a.reason.strip():
            problems.append(Problem("resource_allocations", a.id, _("is cancelled but gives no reason")))
        elif a.status == OPEN and a.closed is not None:
            problems.append(
                Problem(
                    "resource_allocations",
                    a.id,
                    _("is open but has a closed date ({date})").format(date=a.closed.isoformat()),
                )
            )
        resource = resources.get(a.resource)
        if a.status in ACTIVE_ALLOCATION and resource is not None and not divisible(resource.kind, resource.unit):
            slot_takers[resource.id].append(a.id)
    usage = Usage.of(ledger)
    for r in resources.values():
        used = round(usage.by_resource.get(r.id, 0.0), 2)
        if used > r.quantity + EPSILON:
            problems.append(
                Problem(
                    "resource_resources",
                    r.id,
                    _("open and fulfilled allocations take {used} of its {quantity}").format(
                        used=_figure(used), quantity=_figure(r.quantity)
                    ),
                )
            )
        takers = slot_takers.get(r.id, [])
        if len(takers) > 1:
            problems.append(
                Problem(
                    "resource_resources",
                    r.id,
                    _("a slot goes whole to one need, but allocations {ids} all take it").format(ids=", ".join(takers)),
                )
            )
    for n in needs.values():
        given = round(usage.by_need.get(n.id, 0.0), 2)
        if given > n.quantity + EPSILON:
            problems.append(
                Problem(
                    "resource_needs",
                    n.id,
                    _("open and fulfilled allocations give it {given} of the {quantity} it needs").format(
                        given=_figure(given), quantity=_figure(n.quantity)
                    ),
                )
            )
    return problems


def _figure(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
