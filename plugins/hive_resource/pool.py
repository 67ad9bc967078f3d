"""The pool: entering providers, resources and needs; what is left of each; closing allocations, needs, resources."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from hive import N_
from hive.errors import Conflict, InvalidInput
from hive_resource import _, plugin
from hive_resource.models import (
    ACTIVE_ALLOCATION,
    ALLOCATED,
    CANCELLED,
    CLOSED,
    FULFILLED,
    OPEN,
    OWN,
    Allocation,
    Need,
    Provider,
    Resource,
    divisible,
)

if TYPE_CHECKING:
    from hive.ledger import Ledger
    from hive.models import Organization

EPSILON = 0.005  # quantities are kept to the hundredth


# -- entering ------------------------------------------------------------------------------------------
def enter(ledger: Ledger, model: type, typed: Mapping[str, Any], *, action: str, detail: str = "") -> Any:
    """A record of ``model`` from what was typed, validated by its declaration and rules, added."""
    from hive.entry import build
    from hive.rules import require_valid

    record_type = ledger.registry.by_model[model]
    record = build(ledger, record_type, {k: v for k, v in typed.items() if v is not None})
    return ledger.add(require_valid(ledger, record_type, record), action=action, detail=detail)


def _tags(values: Iterable[str]) -> list[str]:
    """Each tag once, in the order given; a blank one is a typing mistake."""
    values = [str(v) for v in values]
    if any(not v.strip() for v in values):
        raise InvalidInput(_("invalid tags: a tag must not be empty"))
    return list(dict.fromkeys(v.strip() for v in values))


def add_provider(ledger: Ledger, name: str, kind: str, contact: str = "") -> Provider:
    typed = {"name": name, "kind": kind, "contact": contact, "added": ledger.today}
    return enter(ledger, Provider, typed, action="resource provider add", detail=name.strip())


def add_resource(ledger: Ledger, typed: Mapping[str, Any]) -> Resource:
    """A resource from typed ``provider``, ``kind``, ``quantity``, ``unit``, ``start``, ``end``, ``tags``..."""
    values = dict(typed, tags=_tags(typed.get("tags", ())), added=ledger.today)
    if values.get("community") is None:
        values["community"] = ledger.center.community
    detail = f"{values.get('kind')} {values.get('quantity')} {values.get('unit')}"
    return enter(ledger, Resource, values, action="resource add", detail=detail)


def add_need(ledger: Ledger, org_ref: str | None, *, center: bool, typed: Mapping[str, Any]) -> Need:
    """A need of an organization (by id or name, not dissolved) or of the center itself."""
    from hive.models import Organization
    from hive.organizations import require_open
    from hive.resolve import resolve

    if center == bool(org_ref):
        raise InvalidInput(_("give either --org ORG or --center: whose need it is"))
    org = None
    if org_ref:
        org = resolve(ledger, Organization, org_ref)
        require_open(org)
    values = dict(typed, org=org.id if org else None, tags=_tags(typed.get("tags", ())), added=ledger.today)
    if values.get("community") is None:
        values["community"] = ledger.center.community
    detail = f"{values['org'] or 'center'} {values.get('kind')} {values.get('quantity')} {values.get('unit')}"
    return enter(ledger, Need, values, action="resource need add", detail=detail)


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
        """``open`` while some quantity is not allocated; ``allocated``; ``fulfilled`` when all was delivered;
        ``closed`` once closed by hand."""
        if n.closed is not None:
            return CLOSED
        if self.need_left(n) > EPSILON:
            return OPEN
        if self.fulfilled_by_need.get(n.id, 0.0) >= n.quantity - EPSILON:
            return FULFILLED
        return ALLOCATED


# -- closing allocations -------------------------------------------------------------------------------
def _open_allocation(ledger: Ledger, ref: str) -> Allocation:
    from hive.resolve import resolve

    allocation = resolve(ledger, Allocation, ref)
    if allocation.status != OPEN:
        raise Conflict(_("allocation {id} is already {status}").format(id=allocation.id, status=_(allocation.status)))
    return allocation


def _close(ledger: Ledger, allocation: Allocation, on: dt.date | None, **changes: Any) -> Allocation:
    from hive.rules import require_valid

    done = attrs.evolve(allocation, closed=on or ledger.today, **changes)
    return require_valid(ledger, ledger.registry.by_model[Allocation], done)


def fulfil(ledger: Ledger, ref: str, on: dt.date | None = None) -> Allocation:
    """Allocation ``ref`` delivered, today or ``on`` (not before it was made, not in the future)."""
    done = _close(ledger, _open_allocation(ledger, ref), on, status=FULFILLED)
    return ledger.replace(done, action="resource fulfil", detail=done.closed.isoformat())


def cancel(ledger: Ledger, ref: str, reason: str) -> Allocation:
    allocation = _open_allocation(ledger, ref)
    done = _close(ledger, allocation, None, status=CANCELLED, reason=reason.strip())
    return ledger.replace(done, action="resource cancel", detail=reason.strip())


# -- taking needs and resources out of the matching -------------------------------------------------------
def _still_open(ledger: Ledger, record: Any, **equals: str) -> None:
    """Refuse to close a need or withdraw a resource while allocations of it are open."""
    pending = [a.id for a in ledger.where(Allocation, status=OPEN, **equals)]
    if pending:
        raise Conflict(
            _("{id} has open allocations ({ids}): fulfil or cancel them first").format(
                id=record.id, ids=", ".join(pending)
            )
        )


def _take_out(ledger: Ledger, record: Any, action: str, reason: str, **changes: Any) -> Any:
    from hive.rules import require_valid

    done = require_valid(ledger, ledger.registry.by_model[type(record)], attrs.evolve(record, **changes))
    return ledger.replace(done, action=action, detail=reason.strip())


def close_need(ledger: Ledger, ref: str, reason: str) -> Need:
    """Need ``ref`` closed today, with why: no longer matched, listed as open, nor due."""
    from hive.resolve import resolve

    need = resolve(ledger, Need, ref)
    if need.closed is not None:
        raise Conflict(_("need {id} is already closed ({date})").format(id=need.id, date=need.closed.isoformat()))
    _still_open(ledger, need, need=need.id)
    return _take_out(ledger, need, "resource need close", reason, closed=ledger.today, close_reason=reason.strip())


def withdraw(ledger: Ledger, ref: str, reason: str) -> Resource:
    """Resource ``ref`` withdrawn today by its provider, with why: what is left of it is no longer offered."""
    from hive.resolve import resolve

    resource = resolve(ledger, Resource, ref)
    if resource.withdrawn is not None:
        raise Conflict(
            _("resource {id} is already withdrawn ({date})").format(id=resource.id, date=resource.withdrawn.isoformat())
        )
    _still_open(ledger, resource, resource=resource.id)
    changes = {"withdrawn": ledger.today, "withdraw_reason": reason.strip()}
    return _take_out(ledger, resource, "resource withdraw", reason, **changes)


# -- documents -------------------------------------------------------------------------------------------
def _document(ledger: Ledger, record: Any, show_personal: bool = False) -> dict[str, Any]:
    from hive import views

    return views.document(ledger, ledger.registry.by_model[type(record)], record, show_personal=show_personal)


def provider_document(ledger: Ledger, p: Provider, show_personal: bool) -> dict[str, Any]:
    return _document(ledger, p, show_personal) | {"outside": p.kind != OWN}


def resource_document(ledger: Ledger, r: Resource, usage: Usage, providers: dict[str, Provider]) -> dict[str, Any]:
    doc = _document(ledger, r)
    provider = providers.get(r.provider)
    return doc | {
        "provider_name": provider.name if provider else None,
        "remaining": 0.0 if r.withdrawn else usage.resource_left(r),
        "from": doc["start"],
        "to": doc["end"],
    }


def need_document(ledger: Ledger, n: Need, usage: Usage, orgs: dict[str, Organization]) -> dict[str, Any]:
    org = orgs.get(n.org) if n.org else None
    return _document(ledger, n) | {
        "org_name": org.name if org else None,
        "center": n.org is None,
        "allocated": round(n.quantity - usage.need_left(n), 2),
        "remaining": usage.need_left(n),
        "status": usage.need_status(n),
    }


def allocation_document(ledger: Ledger, a: Allocation) -> dict[str, Any]:
    return _document(ledger, a)


# -- hooks -------------------------------------------------------------------------------------------------
@plugin.hook
def hive_org_details(ledger: Ledger, organization: Organization) -> dict[str, Any] | None:
    """The organization's needs and what it received, for ``hive org show`` (keys translated there)."""
    needs = {n.id: n for n in ledger.where(Need, org=organization.id)}
    if not needs:
        return None
    usage = Usage.of(ledger)
    received = [a for a in ledger.all(Allocation) if a.need in needs and a.status == FULFILLED]
    return {
        N_("needs"): len(needs),
        N_("open_needs"): sum(1 for n in needs.values() if usage.need_status(n) == OPEN),
        N_("fulfilled_allocations"): len(received),
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


@plugin.hook
def hive_demo_tour(ledger: Ledger) -> str:
    """What ``hive demo`` shows of the resource pool: its size and how to match it."""
    usage = Usage.of(ledger)
    open_needs = sum(1 for n in ledger.all(Need) if usage.need_status(n) == OPEN)
    return _(
        "Resource pool: {providers} providers, {resources} resources, {needs} open needs; "
        "see the optimal matching with 'hive resource match'"
    ).format(providers=len(ledger.all(Provider)), resources=len(ledger.all(Resource)), needs=open_needs)
