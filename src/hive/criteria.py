"""Criteria: the named conditions an organization must meet to leave a stage."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from hive.models import Organization
    from hive.review import ReviewContext


@attrs.frozen
class Outcome:
    """The result of one check: passed or not, why (for people), and the evidence (for --json)."""

    passed: bool
    reason: str = ""
    evidence: dict[str, Any] = attrs.field(factory=dict)


Check = Callable[["Organization", "ReviewContext"], Outcome]


@attrs.frozen
class Criterion:
    """An exit criterion of ``stage``.

    ``id`` is unique across the core and all plugins (``plugin.name``);
    ``check(org, ctx)`` must only read: it is called once per organization
    per review, so compute shared indexes with ``ctx.memo``.
    """

    id: str
    stage: str
    description: str
    check: Check
    plugin: str = ""
