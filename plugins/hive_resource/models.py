"""The resource pool's records: providers, resources, needs and allocations."""

from __future__ import annotations

import datetime as dt

import attrs

from hive.i18n import N_
from hive.ledger import Collection
from hive_resource.kinds import KINDS, OWN, PROVIDER_KINDS, UNITS, VENUE  # noqa: F401  (re-exported)

# Units a quantity can be split in: a need may be met from several resources, a resource shared.
DIVISIBLE_UNITS = frozenset({"yuan", "hours", "items"})

# Allocation status values.
OPEN = N_("open")
FULFILLED = N_("fulfilled")
CANCELLED = N_("cancelled")
ALLOCATED = N_("allocated")  # a need whose whole quantity is allocated, not all of it delivered yet
ACTIVE_ALLOCATION = frozenset({OPEN, FULFILLED})  # these consume the resource's quantity

PRIORITIES = range(1, 6)  # 5 is the most urgent
DEFAULT_PRIORITY = 3


def divisible(kind: str, unit: str) -> bool:
    """A venue slot, or anything counted in square metres, goes whole to one need."""
    return kind != VENUE and unit in DIVISIBLE_UNITS


@attrs.frozen
class Provider:
    """A body that offers resources: a bank, a hospital, a gym, a foundation..."""

    id: str
    name: str
    kind: str
    contact: str = ""  # personal data: masked unless --show-personal
    added: dt.date | None = None


@attrs.frozen
class Resource:
    """Something a provider offers the center's pool, for a window of time."""

    id: str
    provider: str
    kind: str
    quantity: float
    unit: str
    description: str = ""
    start: dt.date | None = None  # available from (None: already)
    end: dt.date | None = None  # available until (None: open-ended)
    community: str = ""
    tags: list[str] = attrs.field(factory=list)
    added: dt.date | None = None


@attrs.frozen
class Need:
    """What an organization, or the center itself (``org`` None), needs, and by when."""

    id: str
    org: str | None
    kind: str
    quantity: float
    unit: str
    by: dt.date | None = None
    priority: int = DEFAULT_PRIORITY
    tags: list[str] = attrs.field(factory=list)
    community: str = ""
    description: str = ""
    added: dt.date | None = None


@attrs.frozen
class Allocation:
    """So much of a resource given to a need: open, then fulfilled or cancelled."""

    id: str
    need: str
    resource: str
    quantity: float
    date: dt.date
    operator: str
    status: str = OPEN
    closed: dt.date | None = None  # when it was fulfilled or cancelled
    reason: str = ""  # why it was cancelled


COLLECTIONS = (
    Collection("resource_providers", Provider, "rp", personal=("contact",)),
    Collection("resource_resources", Resource, "rs"),
    Collection("resource_needs", Need, "rn"),
    Collection("resource_allocations", Allocation, "ra"),
)
