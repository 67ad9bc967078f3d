"""The resource pool's records: providers, resources, needs and allocations, declared once.

From these declarations the core gives ``hive resource provider show``,
``hive resource need list|show``, ``hive edit``/``void``/``undo``/``show``/``find``
for every record, reference and value checks in ``hive check`` and as-of views
in reviews; the rules below judge a whole record the same way for an add, an
edit and ``hive check``.
"""

from __future__ import annotations

import datetime as dt

from hive import N_, fields
from hive_resource import _, plugin
from hive_resource.kinds import KINDS, OWN, PROVIDER_KINDS, UNITS, VENUE  # noqa: F401  (re-exported)

# Units a quantity can be split in: a need may be met from several resources, a resource shared.
DIVISIBLE_UNITS = frozenset({"yuan", "hours", "items"})
MAX_QUANTITY = 100_000_000  # a hundred million yuan, hours or items is a typing mistake
MAX_SLOT = 100_000  # hours or square metres of one venue slot (keeps the matching's weights exact)

# Allocation status values.
OPEN = N_("open")
FULFILLED = N_("fulfilled")
CANCELLED = N_("cancelled")
ALLOCATED = N_("allocated")  # a need whose whole quantity is allocated, not all of it delivered yet
CLOSED = N_("closed")  # a need closed by hand (need close), or a resource withdrawn
ACTIVE_ALLOCATION = frozenset({OPEN, FULFILLED})  # these consume the resource's quantity
STATUSES = {OPEN: OPEN, FULFILLED: FULFILLED, CANCELLED: CANCELLED}

PRIORITIES = range(1, 6)  # 5 is the most urgent
DEFAULT_PRIORITY = 3


def divisible(kind: str, unit: str) -> bool:
    """A venue slot, or anything counted in square metres, goes whole to one need."""
    return kind != VENUE and unit in DIVISIBLE_UNITS


def _figure(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def quantity_rule(ledger, record) -> str | None:
    """More than 0 (to the hundredth), at most MAX_QUANTITY (a slot MAX_SLOT); items are whole."""
    value, label = record.quantity, _("quantity")
    most = MAX_QUANTITY if divisible(record.kind, record.unit) else MAX_SLOT
    if round(value, 2) <= 0 or value > most:
        return f"{label}: " + _("must be more than 0 and at most {max}").format(max=most)
    if abs(value * 100 - round(value * 100)) > 1e-6:
        return f"{label}: " + _("at most two decimal places")
    if record.unit == "items" and value != int(value):
        return f"{label}: " + _("items are counted in whole numbers")
    return None


def _not_before_added(label: str, day: dt.date | None, added: dt.date | None, today: dt.date) -> str | None:
    """A date the record is needed or available until: not already past when the record was added."""
    if day is None or added is None or day >= added:
        return None
    if added >= today:
        return f"{label}: " + _("{date} is in the past").format(date=day.isoformat())
    return f"{label}: " + _("{date} is before {added}, the day it was added").format(
        date=day.isoformat(), added=added.isoformat()
    )


def _closing(label: str, day: dt.date | None, reason: str) -> str | None:
    """A need closed or a resource withdrawn (``day``) says why."""
    if day is not None and not reason.strip():
        return label + ": " + _("must not be empty")
    return None


def _active(ledger, **equals) -> list:
    return [a for a in ledger.where(Allocation, **equals) if a.status in ACTIVE_ALLOCATION] if equals else []


def resource_rule(ledger, r) -> str | None:
    """Its quantity, not less than its open and fulfilled allocations take (a slot taken by one only); a window
    that ends after it starts and was not already over; a withdrawal says why."""
    if r.start and r.end and r.end < r.start:
        return _("available until") + ": " + _("{date} is before the first day it is available ({start})").format(
            date=r.end.isoformat(), start=r.start.isoformat()
        )
    problem = quantity_rule(ledger, r)
    if problem:
        return problem
    taking = _active(ledger, resource=r.id) if r.id else []
    used = round(sum(a.quantity for a in taking), 2)
    if used > r.quantity + 0.005:
        return _("quantity") + ": " + _("open and fulfilled allocations take {used} of its {quantity}").format(
            used=_figure(used), quantity=_figure(r.quantity)
        )
    if len(taking) > 1 and not divisible(r.kind, r.unit):
        return _("a slot goes whole to one need, but allocations {ids} all take it").format(
            ids=", ".join(a.id for a in taking)
        )
    return _not_before_added(_("available until"), r.end, r.added, ledger.today) or _closing(
        _("reason for withdrawing"), r.withdrawn, r.withdraw_reason
    )


def need_rule(ledger, n) -> str | None:
    """Its quantity, not less than its open and fulfilled allocations give it; a date not already past when it
    was recorded; a closed need says why."""
    problem = quantity_rule(ledger, n)
    if problem:
        return problem
    given = round(sum(a.quantity for a in _active(ledger, need=n.id)), 2) if n.id else 0.0
    if given > n.quantity + 0.005:
        return _("quantity") + ": " + _("open and fulfilled allocations give it {given} of the {quantity} it needs").format(
            given=_figure(given), quantity=_figure(n.quantity)
        )
    return _not_before_added(_("needed by"), n.by, n.added, ledger.today) or _closing(
        _("reason for closing"), n.closed, n.close_reason
    )


def allocation_rule(ledger, a) -> str | None:
    """Open allocations have no closed date; fulfilled and cancelled ones have one; a cancelled one says why."""
    if a.status != OPEN and a.closed is None:
        return _("is {status} but has no closed date").format(status=_(a.status))
    if a.status == CANCELLED and not a.reason.strip():
        return _("is cancelled but gives no reason")
    if a.status == OPEN and a.closed is not None:
        return _("is open but has a closed date ({date})").format(date=a.closed.isoformat())
    if a.closed is not None and a.closed < a.date:
        return _("closed on") + ": " + _("{date} is before the allocation was made ({made})").format(
            date=a.closed.isoformat(), made=a.date.isoformat()
        )
    return None


@plugin.record("resource_providers", prefix="rp", label=N_("provider"), command="provider", key=("name",))
class Provider:
    """A body that offers resources: a bank, a hospital, a gym, a foundation..."""

    name: str = fields.text(N_("name"), unique_within=True)
    kind: str = fields.choice(PROVIDER_KINDS, N_("kind"))
    contact: str = fields.text(N_("contact"), required=False, limit=100, personal=True)  # whom to call
    added: dt.date | None = fields.day(N_("added"), required=False, not_future=True, as_of=True)


@plugin.record("resource_resources", prefix="rs", label=N_("resource"), rules=(resource_rule,))
class Resource:
    """Something a provider offers the center's pool, for a window of time."""

    provider: str = fields.ref(Provider, N_("provider"))
    kind: str = fields.choice(KINDS, N_("kind"))
    quantity: float = fields.number(N_("quantity"))
    unit: str = fields.choice(UNITS, N_("unit"))
    description: str = fields.text(N_("description"), required=False)
    start: dt.date | None = fields.day(N_("available from"), required=False)  # None: already
    end: dt.date | None = fields.day(N_("available until"), required=False)  # None: open-ended
    community: str = fields.text(N_("community"), required=False)
    tags: list[str] = fields.texts(N_("tags"), limit=40)  # earmarks: it goes only to needs naming one
    added: dt.date | None = fields.day(N_("added"), required=False, not_future=True, as_of=True)
    any_need: bool = fields.flag(N_("also for needs without its tags"))  # relaxes the earmark of its tags
    withdrawn: dt.date | None = fields.day(N_("withdrawn on"), required=False, not_future=True)
    withdraw_reason: str = fields.text(N_("reason for withdrawing"), required=False, limit=400)


@plugin.record("resource_needs", prefix="rn", label=N_("need"), command="need", rules=(need_rule,))
class Need:
    """What an organization, or the center itself (``org`` None), needs, and by when."""

    kind: str = fields.choice(KINDS, N_("kind"))
    quantity: float = fields.number(N_("quantity"))
    unit: str = fields.choice(UNITS, N_("unit"))
    org: str | None = fields.ref("organizations", N_("organization"), required=False)  # None: the center's own
    by: dt.date | None = fields.day(N_("needed by"), required=False)
    priority: int = fields.number(N_("priority"), whole=True, minimum=1, maximum=5, default=DEFAULT_PRIORITY)
    tags: list[str] = fields.texts(N_("tags"), limit=40)  # the resource must carry every one
    community: str = fields.text(N_("community"), required=False)
    description: str = fields.text(N_("description"), required=False)
    added: dt.date | None = fields.day(N_("added"), required=False, not_future=True, as_of=True)
    closed: dt.date | None = fields.day(N_("closed on"), required=False, not_future=True)
    close_reason: str = fields.text(N_("reason for closing"), required=False, limit=400)


@plugin.record("resource_allocations", prefix="ra", label=N_("allocation"), rules=(allocation_rule,))
class Allocation:
    """So much of a resource given to a need: open, then fulfilled or cancelled."""

    need: str = fields.ref(Need, N_("need"), editable=False)
    resource: str = fields.ref(Resource, N_("resource"), editable=False)
    quantity: float = fields.number(N_("quantity"), minimum=0.01, editable=False)
    date: dt.date = fields.day(N_("date"), not_future=True, as_of=True)
    operator: str = fields.text(N_("operator"), editable=False)
    status: str = fields.choice(STATUSES, N_("status"), default=OPEN, editable=False)
    closed: dt.date | None = fields.day(N_("closed on"), required=False, not_future=True, editable=False)  # fulfilled or cancelled on
    reason: str = fields.text(N_("reason"), required=False, limit=400)  # why it was cancelled
