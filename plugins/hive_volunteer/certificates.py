"""Service certificates (志愿服务证明): "whoever records, certifies" (谁记录谁证明).

A certificate lists a volunteer's approved service records in a period, with
the total, and names the issuing center, its responsible person (a setting),
the operator and the date of issue. Each one issued is recorded, with a
number unique in the center.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
import html
from typing import Any

from hive.errors import Conflict, InvalidInput
from hive.models import Organization
from hive.views import masked
from hive_volunteer import _, ngettext
from hive_volunteer.models import APPROVED, Certificate, ServiceRecord, Team, fmt
from hive_volunteer.records import find_volunteer, star_level
from hive_volunteer.settings import SIGNATORY, star_hours

if TYPE_CHECKING:
    from hive.ledger import Ledger

NUMBER_PREFIX = "ZYFW"


def next_number(ledger: Ledger, year: int) -> str:
    prefix = f"{NUMBER_PREFIX}-{year}-"
    taken = {c.number for c in ledger.all(Certificate)}
    seq = sum(1 for n in taken if n.startswith(prefix)) + 1
    while f"{prefix}{seq:06d}" in taken:  # never reuse a number, even after a hand edit
        seq += 1
    return f"{prefix}{seq:06d}"


def issue(ledger: Ledger, person_ref: str, *, start: dt.date | None, end: dt.date | None) -> dict[str, Any]:
    """Record a certificate for the person's approved records from ``start`` to ``end``; returns its document."""
    person, volunteer = find_volunteer(ledger, person_ref)
    end = end or ledger.today
    if end > ledger.today:
        raise InvalidInput(_("invalid --to: {date} is in the future").format(date=end.isoformat()))
    if start and start > end:
        raise InvalidInput(
            _("invalid period: --from {start} is after --to {end}").format(start=start.isoformat(), end=end.isoformat())
        )
    signatory = str(ledger.settings[SIGNATORY] or "").strip()
    if not signatory:
        raise Conflict(
            _("a certificate names the center's responsible person: run 'hive settings set {key} NAME' first").format(
                key=SIGNATORY
            )
        )
    orgs = dict(ledger.values(Organization, "id", "name"))
    teams = dict(ledger.values(Team, "id", "name"))
    mine = ledger.where(ServiceRecord, person=person.id, status=APPROVED)  # this person's records only
    records = sorted((r for r in mine if (start is None or r.date >= start) and r.date <= end), key=lambda r: r.date)
    if not records:
        raise Conflict(
            _("{id} ({name}) has no approved service records in the period; there is nothing to certify").format(
                id=person.id, name=person.name
            )
        )
    total = round(sum(r.hours for r in records), 2)
    cumulative = round(sum(r.hours for r in mine), 2)
    stars, _next = star_level(cumulative, star_hours(ledger.settings))
    from hive.rules import require_valid

    certificate = Certificate(
            id="",
            number=next_number(ledger, ledger.today.year),
            person=person.id,
            volunteer=volunteer.id,
            issued=ledger.today,
            operator=ledger.operator,
            signatory=signatory,
            hours=total,
            records=[r.id for r in records],
            period_from=start,
            period_to=end,
        )
    certificate = ledger.add(
        require_valid(ledger, ledger.registry.by_model[Certificate], certificate), action="volunteer certificate"
    )
    return {
        "id": certificate.id,
        "number": certificate.number,
        "center": ledger.center.name,
        "signatory": signatory,
        "operator": ledger.operator,
        "issued": certificate.issued.isoformat(),
        "person": person.id,
        "name": person.name,
        "id_number": masked(volunteer.id_number) or None,
        "volunteer": volunteer.id,
        "from": start.isoformat() if start else None,
        "to": end.isoformat(),
        "records": [
            {
                "id": r.id,
                "date": r.date.isoformat(),
                "activity": r.activity,
                "hours": r.hours,
                "org": orgs.get(r.org, "") if r.org else (teams.get(r.team, "") if r.team else ledger.center.name),
            }
            for r in records
        ],
        "hours": total,
        "cumulative_hours": cumulative,
        "stars": stars,
    }


def document(ledger: Ledger, certificate: Certificate) -> dict[str, Any]:
    """The document of a certificate issued earlier (as :func:`issue` returned it), to print it again."""
    from hive.models import Person
    from hive_volunteer.models import Volunteer

    person = ledger.get(Person, certificate.person)
    volunteer = ledger.find(Volunteer, certificate.volunteer)
    orgs = {o.id: o.name for o in ledger.all(Organization)}
    teams = {t.id: t.name for t in ledger.all(Team)}
    wanted = set(certificate.records)
    records = sorted((r for r in ledger.all(ServiceRecord) if r.id in wanted), key=lambda r: r.date)
    # the approved hours as they stood on the day of issue
    mine = [
        r
        for r in ledger.all(ServiceRecord)
        if r.person == person.id and r.status == APPROVED and (r.decided_on is None or r.decided_on <= certificate.issued)
    ]
    cumulative = round(sum(r.hours for r in mine), 2)
    stars, _next = star_level(cumulative, star_hours(ledger.settings))
    return {
        "id": certificate.id,
        "number": certificate.number,
        "center": ledger.center.name,
        "signatory": certificate.signatory,
        "operator": certificate.operator,
        "issued": certificate.issued.isoformat(),
        "person": person.id,
        "name": person.name,
        "id_number": masked(volunteer.id_number if volunteer else None) or None,
        "volunteer": certificate.volunteer,
        "from": certificate.period_from.isoformat() if certificate.period_from else None,
        "to": certificate.period_to.isoformat() if certificate.period_to else certificate.issued.isoformat(),
        "records": [
            {
                "id": r.id,
                "date": r.date.isoformat(),
                "activity": r.activity,
                "hours": r.hours,
                "org": orgs.get(r.org, "") if r.org else (teams.get(r.team, "") if r.team else ledger.center.name),
            }
            for r in records
        ],
        "hours": certificate.hours,
        "cumulative_hours": cumulative,
        "stars": stars,
    }


def _period(doc: dict[str, Any]) -> str:
    if doc["from"]:
        return _("from {start} to {end}").format(start=doc["from"], end=doc["to"])
    return _("up to {end}").format(end=doc["to"])


def _statement(doc: dict[str, Any]) -> str:
    count = len(doc["records"])
    return ngettext(
        "This is to certify that {name} (ID number {id_number}, volunteer number {volunteer}) took part in "
        "volunteer service {period}: {count} service record, {hours} approved hours in total.",
        "This is to certify that {name} (ID number {id_number}, volunteer number {volunteer}) took part in "
        "volunteer service {period}: {count} service records, {hours} approved hours in total.",
        count,
    ).format(
        name=doc["name"],
        id_number=doc["id_number"] or _("not recorded"),
        volunteer=doc["volunteer"],
        period=_period(doc),
        count=count,
        hours=fmt(doc["hours"]),
    )


def _footer(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (
            _("Cumulative approved hours"),
            _("{hours} h ({stars} stars)").format(hours=fmt(doc["cumulative_hours"]), stars=doc["stars"])
            if doc["stars"]
            else _("{hours} h (below one star)").format(hours=fmt(doc["cumulative_hours"])),
        ),
        (_("Issued by"), doc["center"]),
        (_("Responsible person"), doc["signatory"]),
        (_("Operator"), doc["operator"]),
        (_("Date of issue"), doc["issued"]),
    ]


def _headers() -> list[str]:
    return [_("date"), _("activity"), _("hours"), _("organization served")]


def _rows(doc: dict[str, Any]) -> list[list[str]]:
    return [[r["date"], r["activity"], fmt(r["hours"]), r["org"]] for r in doc["records"]]


def render_text(doc: dict[str, Any]) -> str:
    from hive.cli.output import table

    lines = [
        _("Volunteer Service Certificate"),
        _("No. {number}").format(number=doc["number"]),
        "",
        _statement(doc),
        "",
        table(_headers(), [*_rows(doc), ["", _("Total"), fmt(doc["hours"]), ""]]),
        "",
    ]
    lines += [f"{label}: {value}" for label, value in _footer(doc)]
    return "\n".join(lines)


def render_html(doc: dict[str, Any], language: str) -> str:
    """A printable page; every value is escaped."""
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in _headers())
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in _rows(doc))
    footer = "".join(f'<p><span class="label">{e(label)}:</span> {e(value)}</p>' for label, value in _footer(doc))
    title = _("Volunteer Service Certificate")
    number = _("No. {number}").format(number=doc["number"])
    seal = _("(seal)")
    total_label = _("Total")
    return f"""<!DOCTYPE html>
<html lang="{e(language.replace("_", "-"))}">
<head>
<meta charset="utf-8">
<title>{e(title)} {e(doc["number"])}</title>
<style>
  @page {{ size: A4; margin: 20mm; }}
  body {{ font-family: "Songti SC", "SimSun", serif; max-width: 170mm; margin: 0 auto; line-height: 1.6; }}
  h1 {{ text-align: center; letter-spacing: 0.3em; }}
  .number {{ text-align: right; }}
  table {{ width: 100%; border-collapse: collapse; margin: 1em 0; }}
  th, td {{ border: 1px solid #333; padding: 4px 6px; text-align: left; }}
  tr.total td {{ font-weight: bold; }}
  .label {{ display: inline-block; min-width: 10em; }}
  .seal {{ margin-top: 3em; text-align: right; }}
</style>
</head>
<body>
<h1>{e(title)}</h1>
<p class="number">{e(number)}</p>
<p>{e(_statement(doc))}</p>
<table>
<thead><tr>{head}</tr></thead>
<tbody>{body}<tr class="total"><td></td><td>{e(total_label)}</td><td>{e(fmt(doc["hours"]))}</td><td></td></tr></tbody>
</table>
{footer}
<p class="seal">{e(doc["center"])}<br>{e(seal)}</p>
</body>
</html>
"""
