"""Organizations and their members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from hive import stages, validate
from hive.errors import Conflict
from hive.i18n import _
from hive.ledger import Ledger
from hive.models import DISSOLVED, Membership, Organization, Person
from hive.people import find_person


def find_org(ledger: Ledger, ref: str) -> Organization:
    """An organization by id or exact name; suggestions when neither."""
    return org_finder(ledger)(ref)


def org_finder(ledger: Ledger) -> Callable[[str], Organization]:
    """Like :func:`find_org` for many references: names are indexed once per command."""
    from hive.resolve import names

    return names(ledger, ledger.registry.by_model[Organization]).find


def add_organization(ledger: Ledger, name: str, kind: str = "", joined: dt.date | None = None) -> Organization:
    name = validate.text("name", name)
    kind = validate.text("kind", kind, required=False)
    joined = joined or ledger.today
    if joined > ledger.today:
        raise validate.fail("--joined", joined.isoformat(), _("is in the future"))
    if any(o.name == name for o in ledger.all(Organization)):
        raise Conflict(_("an organization named '{name}' already exists").format(name=name))
    org = Organization(id="", name=name, kind=kind, joined=joined, stage=stages.FIRST, stage_since=joined)
    return ledger.add(org, action="org add", detail=name)


def require_open(org: Organization) -> None:
    if org.status == DISSOLVED:
        raise Conflict(
            _("organization {id} ({name}) is dissolved; its records are closed").format(id=org.id, name=org.name)
        )


def add_member(
    ledger: Ledger, org_ref: str, person_ref: str, *, backbone: bool = False, since: dt.date | None = None
) -> Membership:
    org = find_org(ledger, org_ref)
    require_open(org)
    person: Person = find_person(ledger, person_ref)
    since = since or ledger.today
    if since > ledger.today:
        raise validate.fail("--since", since.isoformat(), _("is in the future"))
    existing = [m for m in ledger.all(Membership) if m.org == org.id and m.person == person.id and m.left is None]
    if existing:
        current = existing[-1]
        if backbone and not current.backbone:
            # An existing member becomes a backbone: on --since (default today), so reviews as of
            # an earlier date still see an ordinary member.
            became = max(since, current.since)
            return ledger.replace(
                attrs.evolve(current, backbone=True, backbone_since=became if became > current.since else None),
                action="member backbone",
                detail=org.id,
            )
        raise Conflict(_("{person} is already a member of {org}").format(person=person.id, org=org.id))
    membership = Membership(id="", org=org.id, person=person.id, since=since, backbone=backbone)
    return ledger.add(membership, action="member add", detail=org.id)


def leave(
    ledger: Ledger,
    org_ref: str,
    person_ref: str,
    *,
    date: dt.date | None = None,
    reason: str = "",
    backbone_only: bool = False,
) -> Membership:
    """PERSON leaves ORG on ``date`` (default today), or, with ``backbone_only``, stops being one of its backbones.

    Reviews as of ``date`` or later no longer count them (as a member, or as a backbone).
    """
    org = find_org(ledger, org_ref)
    require_open(org)
    person: Person = find_person(ledger, person_ref)
    date = date or ledger.today
    if date > ledger.today:
        raise validate.fail("--date", date.isoformat(), _("is in the future"))
    reason = validate.text("--reason", reason, required=False, limit=1000)
    current = [m for m in ledger.where(Membership, org=org.id, person=person.id) if m.left is None]
    if not current:
        raise Conflict(_("{person} is not a member of {org}").format(person=person.id, org=org.id))
    m = current[-1]
    if backbone_only:
        if not m.backbone or m.backbone_until is not None:
            raise Conflict(_("{person} is not a backbone of {org}").format(person=person.id, org=org.id))
        start = m.backbone_since or m.since
        if date <= start:
            raise validate.fail(
                "--date", date.isoformat(), _("is not after they became a backbone ({date})").format(date=start)
            )
        return ledger.replace(attrs.evolve(m, backbone_until=date), action="member backbone until", detail=org.id)
    if date <= m.since:
        raise validate.fail("--date", date.isoformat(), _("is not after they joined ({date})").format(date=m.since))
    until = m.backbone_until if m.backbone_until is not None else (date if m.backbone else None)
    return ledger.replace(
        attrs.evolve(m, left=date, leave_reason=reason, backbone_until=until), action="member leave", detail=org.id
    )
