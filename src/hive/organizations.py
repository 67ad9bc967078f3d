"""Organizations and their members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from hive import stages, validate
from hive.errors import Conflict
from hive.i18n import _
from hive.ledger import Ledger
from hive.models import DISSOLVED, ROLES, Membership, Organization, Person, Role
from hive.people import find_person


def find_org(ledger: Ledger, ref: str) -> Organization:
    """An organization by id or exact name; suggestions when neither."""
    return org_finder(ledger)(ref)


def org_finder(ledger: Ledger) -> Callable[[str], Organization]:
    """Like :func:`find_org` for many references: names are indexed once per command."""
    from hive.resolve import names

    return names(ledger, ledger.registry.by_model[Organization]).find


def add_organization(
    ledger: Ledger,
    name: str,
    kind: str = "",
    joined: dt.date | None = None,
    profile: Mapping[str, Any] | None = None,
) -> Organization:
    """Add an organization at intake; ``profile``: typed values of its profile fields (``{"org_type": "社会团体"}``)."""
    from hive.corrections import typed_value
    from hive.rules import require_valid

    name = validate.text("name", name)
    kind = validate.text("kind", kind, required=False)
    joined = joined or ledger.today
    if joined > ledger.today:
        raise validate.fail("--joined", joined.isoformat(), _("is in the future"))
    if any(o.name == name for o in ledger.all(Organization)):
        raise Conflict(_("an organization named '{name}' already exists").format(name=name))
    record_type = ledger.registry.by_model[Organization]
    values = {
        field: typed_value(ledger, record_type, record_type.field(field), raw) for field, raw in (profile or {}).items()
    }
    org = Organization(id="", name=name, kind=kind, joined=joined, stage=stages.FIRST, stage_since=joined, **values)
    return ledger.add(require_valid(ledger, record_type, org), action="org add", detail=name)


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
        if any(r.role != "member" for r in _open_roles(ledger, org.id, person.id)):
            close_roles(ledger, org.id, person.id, date, action="member backbone until")
            ledger.add(
                Role(id="", org=org.id, person=person.id, role="member", since=date), action="member backbone until"
            )
        return ledger.replace(attrs.evolve(m, backbone_until=date), action="member backbone until", detail=org.id)
    if date <= m.since:
        raise validate.fail("--date", date.isoformat(), _("is not after they joined ({date})").format(date=m.since))
    until = m.backbone_until if m.backbone_until is not None else (date if m.backbone else None)
    close_roles(ledger, org.id, person.id, date, action="member leave")
    return ledger.replace(
        attrs.evolve(m, left=date, leave_reason=reason, backbone_until=until), action="member leave", detail=org.id
    )


def _open_roles(ledger: Ledger, org_id: str, person_id: str) -> list[Role]:
    return [r for r in ledger.where(Role, org=org_id, person=person_id) if r.until is None and not ledger.is_void(r.id)]


def close_roles(ledger: Ledger, org_id: str, person_id: str, date: dt.date, *, action: str) -> None:
    """End the person's open role records in the organization on ``date`` (they left, or took another role)."""
    for role in _open_roles(ledger, org_id, person_id):
        if date <= role.since:
            raise validate.fail(
                "--date", date.isoformat(), _("is not after their present role began ({date})").format(date=role.since)
            )
        ledger.replace(attrs.evolve(role, until=date), action=action)


def set_role(ledger: Ledger, org_ref: str, person_ref: str, role: str, *, date: dt.date | None = None) -> Role:
    """PERSON takes ``role`` (responsible, backbone or member) in ORG from ``date`` (default today).

    The membership follows, so that every criterion counts the backbones as of a date: a backbone or
    the responsible person is a backbone from ``date``; a member who was a backbone stops being one.
    The responsible person becomes the organization's (the one before stays a backbone).
    """
    from hive.fields import specs
    from hive.inputs import InputProblem

    org = find_org(ledger, org_ref)
    require_open(org)
    person: Person = find_person(ledger, person_ref)
    spec = next(f for f in specs(Role) if f.name == "role")
    try:
        code = spec.choice_code(role)
    except InputProblem as exc:
        raise validate.fail("ROLE", role, str(exc)) from None
    date = date or ledger.today
    if date > ledger.today:
        raise validate.fail("--date", date.isoformat(), _("is in the future"))
    current = [m for m in ledger.where(Membership, org=org.id, person=person.id) if m.left is None]
    if not current:
        raise Conflict(_("{person} is not a member of {org}").format(person=person.id, org=org.id))
    m = current[-1]
    if date < m.since:
        raise validate.fail("--date", date.isoformat(), _("is before they joined ({date})").format(date=m.since))
    held = role_on(ledger, m, date)
    if held == code:
        raise Conflict(
            _("{person} is already {role} of {org}").format(person=person.id, role=_(ROLES[code]), org=org.id)
        )
    close_roles(ledger, org.id, person.id, date, action="member role")
    wants_backbone = code in ("responsible", "backbone")
    if wants_backbone and not m.backbone_on(date):
        if m.backbone_until is not None:
            raise Conflict(
                _("{person} stopped being a backbone of {org} on {date}; add them again to start anew").format(
                    person=person.id, org=org.id, date=m.backbone_until
                )
            )
        m = ledger.replace(
            attrs.evolve(m, backbone=True, backbone_since=date if date > m.since else None), action="member role"
        )
    elif not wants_backbone and m.backbone_on(date):
        start = m.backbone_since or m.since
        if date <= start:
            raise validate.fail(
                "--date", date.isoformat(), _("is not after they became a backbone ({date})").format(date=start)
            )
        ledger.replace(attrs.evolve(m, backbone_until=date), action="member role")
    if code == "responsible":
        before = org.responsible
        if before and before != person.id and any(r.role == "responsible" for r in _open_roles(ledger, org.id, before)):
            close_roles(ledger, org.id, before, date, action="member role")
            ledger.add(Role(id="", org=org.id, person=before, role="backbone", since=date), action="member role")
        ledger.replace(attrs.evolve(org, responsible=person.id), action="member role")
    return ledger.add(
        Role(id="", org=org.id, person=person.id, role=code, since=date), action="member role", detail=org.id
    )


def role_on(ledger: Ledger, membership: Membership, when: dt.date) -> str | None:
    """The role a member held on ``when``: their role record's, else what the membership says."""
    for r in ledger.where(Role, org=membership.org, person=membership.person):
        if not ledger.is_void(r.id) and r.held_on(when):
            return r.role
    if not membership.member_on(when):
        return None
    return "backbone" if membership.backbone_on(when) else "member"


def role_history(
    ledger: Ledger, org_ref: str, person_ref: str
) -> tuple[Organization, Person, list[tuple[str, dt.date, dt.date | None]]]:
    """PERSON's roles in ORG, oldest first: (role, from, until) from the membership, then the role records."""
    org = find_org(ledger, org_ref)
    person: Person = find_person(ledger, person_ref)
    recorded = sorted(
        (r for r in ledger.where(Role, org=org.id, person=person.id) if not ledger.is_void(r.id)), key=lambda r: r.since
    )
    first = recorded[0].since if recorded else None
    periods: list[tuple[str, dt.date, dt.date | None]] = []
    for m in sorted(ledger.where(Membership, org=org.id, person=person.id), key=lambda m: m.since):
        if ledger.is_void(m.id):
            continue
        start = m.backbone_since or m.since
        implied = []
        if m.backbone:
            if start > m.since:
                implied.append(("member", m.since, start))
            implied.append(("backbone", start, m.backbone_until or m.left))
            if m.backbone_until is not None and (m.left is None or m.backbone_until < m.left):
                implied.append(("member", m.backbone_until, m.left))
        else:
            implied.append(("member", m.since, m.left))
        for role, since, until in implied:
            if first is not None and since >= first:
                continue
            if first is not None and (until is None or until > first):
                until = first
            periods.append((role, since, until))
    periods += [(r.role, r.since, r.until) for r in recorded]
    if not periods:
        raise Conflict(_("{person} was never a member of {org}").format(person=person.id, org=org.id))
    return org, person, periods
