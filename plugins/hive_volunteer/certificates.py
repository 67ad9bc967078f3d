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

import attrs

from hive.errors import Conflict, InvalidInput
from hive.models import Organization
from hive.views import masked
from hive_volunteer import _, ngettext
from hive_volunteer.models import APPROVED, Certificate, Publicity, ServiceRecord, Team, fmt
from hive_volunteer.records import find_volunteer, star_level
from hive_volunteer.settings import PUBLICITY, PUBLICITY_DAYS, SIGNATORY, star_hours

if TYPE_CHECKING:
    from hive.ledger import Ledger

NUMBER_PREFIX = "ZYFW"
PAGE_ROWS = 20  # service records an A4 page holds with the statement and the footer; more: the summary layout


def next_number(ledger: Ledger, year: int) -> str:
    prefix = f"{NUMBER_PREFIX}-{year}-"
    taken = {c.number for c in ledger.all(Certificate, include_void=True)}
    seq = sum(1 for n in taken if n.startswith(prefix)) + 1
    while f"{prefix}{seq:06d}" in taken:  # never reuse a number, even after a hand edit
        seq += 1
    return f"{prefix}{seq:06d}"


def _approved(ledger: Ledger, person: Any, start: dt.date | None, end: dt.date) -> list[ServiceRecord]:
    mine = ledger.where(ServiceRecord, person=person.id, status=APPROVED)  # this person's records only
    records = sorted((r for r in mine if (start is None or r.date >= start) and r.date <= end), key=lambda r: r.date)
    if not records:
        raise Conflict(
            _("{id} ({name}) has no approved service records in the period; there is nothing to certify").format(
                id=person.id, name=person.name
            )
        )
    return records


def _period_of(ledger: Ledger, person: Any, start: dt.date | None, end: dt.date | None) -> tuple:
    """The period asked for; without one, that of the person's latest publicity, else all records up to today."""
    if start is None and end is None:
        latest = ledger.where(Publicity, person=person.id)
        if latest:
            return latest[-1].period_from, latest[-1].period_to
    return start, end or ledger.today


def _publicity_over(ledger: Ledger, person: Any, start: dt.date | None, end: dt.date) -> None:
    """A certificate of this period was publicized and its 7 days are over, or Conflict saying what to do."""
    shown = [p for p in ledger.where(Publicity, person=person.id) if (p.period_from, p.period_to) == (start, end)]
    if not shown:
        raise Conflict(
            _("{key} is on: publicize the certificate first ('hive volunteer certificate {id} --publicize')").format(
                key=PUBLICITY, id=person.id
            )
        )
    ends = shown[-1].start + dt.timedelta(days=PUBLICITY_DAYS)
    if ledger.today < ends:
        raise Conflict(
            _("the certificate's publicity since {start} runs 7 days: it can be issued from {ends}").format(
                start=shown[-1].start.isoformat(), ends=ends.isoformat()
            )
        )


def publicize(ledger: Ledger, person_ref: str, *, start: dt.date | None, end: dt.date | None) -> dict[str, Any]:
    """Open the 7-day internal publicity of a certificate of the period (nothing issued yet); returns what is shown."""
    from hive.rules import require_valid

    person, volunteer = find_volunteer(ledger, person_ref)
    end = end or ledger.today
    _check_period(ledger, start, end)
    records = _approved(ledger, person, start, end)
    shown = Publicity(
        id="",
        person=person.id,
        volunteer=volunteer.id,
        start=ledger.today,
        period_from=start,
        period_to=end,
        hours=round(sum(r.hours for r in records), 2),
        operator=ledger.operator,
    )
    shown = ledger.add(require_valid(ledger, ledger.registry.by_model[Publicity], shown), action="volunteer publicize")
    return {
        "id": shown.id,
        "person": person.id,
        "name": person.name,
        "from": start.isoformat() if start else None,
        "to": end.isoformat(),
        "hours": shown.hours,
        "records": len(records),
        "publicized": shown.start.isoformat(),
        "ends": (shown.start + dt.timedelta(days=PUBLICITY_DAYS)).isoformat(),
    }


def _check_period(ledger: Ledger, start: dt.date | None, end: dt.date) -> None:
    if end > ledger.today:
        raise InvalidInput(_("invalid --to: {date} is in the future").format(date=end.isoformat()))
    if start and start > end:
        raise InvalidInput(
            _("invalid period: --from {start} is after --to {end}").format(start=start.isoformat(), end=end.isoformat())
        )


def issue(ledger: Ledger, person_ref: str, *, start: dt.date | None, end: dt.date | None) -> dict[str, Any]:
    """Record a certificate for the person's approved records from ``start`` to ``end``; returns its document."""
    person, volunteer = find_volunteer(ledger, person_ref)
    start, end = _period_of(ledger, person, start, end)
    _check_period(ledger, start, end)
    signatory = str(ledger.settings[SIGNATORY] or "").strip()
    if not signatory:
        raise Conflict(
            _("a certificate names the center's responsible person: run 'hive settings set {key} NAME' first").format(
                key=SIGNATORY
            )
        )
    records = _approved(ledger, person, start, end)
    if ledger.settings[PUBLICITY]:
        _publicity_over(ledger, person, start, end)
    certificate = Certificate(
        id="",
        number=next_number(ledger, ledger.today.year),
        person=person.id,
        volunteer=volunteer.id,
        issued=ledger.today,
        operator=ledger.operator,
        signatory=signatory,
        hours=round(sum(r.hours for r in records), 2),
        records=[r.id for r in records],
        period_from=start,
        period_to=end,
    )
    from hive.rules import require_valid

    certificate = ledger.add(
        require_valid(ledger, ledger.registry.by_model[Certificate], certificate), action="volunteer certificate"
    )
    return document(ledger, certificate)


def document(ledger: Ledger, certificate: Certificate) -> dict[str, Any]:
    """The document a certificate prints (``--json``): its records, and the stars as they stood on the day of issue."""
    from hive.models import Person
    from hive_volunteer.models import Volunteer

    person = ledger.get(Person, certificate.person)
    volunteer = ledger.find(Volunteer, certificate.volunteer)
    mine = ledger.where(ServiceRecord, person=person.id)  # this person's records only
    wanted = set(certificate.records)
    records = sorted((r for r in mine if r.id in wanted), key=lambda r: r.date)
    cumulative = round(
        sum(
            r.hours
            for r in mine
            if r.status == APPROVED and (r.decided_on is None or r.decided_on <= certificate.issued)
        ),
        2,
    )
    stars, _next = star_level(cumulative, star_hours(ledger.settings))
    orgs = dict(ledger.values(Organization, "id", "name"))
    teams = dict(ledger.values(Team, "id", "name"))
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
        "to": (certificate.period_to or certificate.issued).isoformat(),
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
        "reprint": certificate.reprints,
        "void": ledger.is_void(certificate.id),
        "summary": len(records) > PAGE_ROWS,  # totals by month and by activity: one page
    }


# -- the register -------------------------------------------------------------------------------------
def by_number(ledger: Ledger, number: str) -> Certificate:
    """A certificate by its number (or its id), void or not."""
    from hive.errors import NotFound

    typed = number.strip().upper()
    found = ledger.where(Certificate, include_void=True, number=typed) or [
        c for c in [ledger.find(Certificate, number.strip())] if c is not None
    ]
    if not found:
        raise NotFound(_("no certificate '{number}'").format(number=number))
    return found[0]


def reprint(ledger: Ledger, number: str) -> dict[str, Any]:
    """Print a certificate again under its own number, marked as a reprint (counted, and logged)."""
    certificate = by_number(ledger, number)
    if ledger.is_void(certificate.id):
        raise Conflict(_("certificate {number} is void; it cannot be printed again").format(number=certificate.number))
    again = attrs.evolve(certificate, reprints=certificate.reprints + 1)
    ledger.replace(again, action="volunteer certificate reprint", detail=certificate.number)
    return document(ledger, again)


def void(ledger: Ledger, number: str, reason: str) -> Certificate:
    """Take a certificate out of the register (kept, with why); its records may then be corrected."""
    from hive.corrections import void as void_records

    certificate = by_number(ledger, number)
    void_records(ledger, [certificate.id], reason)
    return certificate


def register(ledger: Ledger, person_ref: str | None, *, include_void: bool) -> list[dict[str, Any]]:
    """Issued certificates, oldest first: number, person, period, hours, reprints, void."""
    from hive.models import Person

    certificates = ledger.all(Certificate, include_void=include_void)
    if person_ref:
        from hive_volunteer.records import person_of

        wanted = person_of(ledger, person_ref).id
        certificates = [c for c in certificates if c.person == wanted]
    names = dict(ledger.values(Person, "id", "name"))
    return [
        {
            "id": c.id,
            "number": c.number,
            "person": c.person,
            "name": names.get(c.person, "?"),
            "volunteer": c.volunteer,
            "issued": c.issued.isoformat(),
            "from": c.period_from.isoformat() if c.period_from else None,
            "to": (c.period_to or c.issued).isoformat(),
            "hours": c.hours,
            "records": len(c.records),
            "reprints": c.reprints,
            "void": ledger.is_void(c.id),
        }
        for c in certificates
    ]


def _number(doc: dict[str, Any]) -> str:
    number = _("No. {number}").format(number=doc["number"])
    if doc.get("reprint"):
        number += " " + _("(reprint {count})").format(count=doc["reprint"])
    return number


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


def _tables(doc: dict[str, Any]) -> list[tuple[list[str], list[list[str]]]]:
    """The certificate's tables: every record, or in the summary layout the totals by month and by activity."""
    total = ["", _("Total"), fmt(doc["hours"]), ""]
    if not doc.get("summary"):
        rows = [[r["date"], r["activity"], fmt(r["hours"]), r["org"]] for r in doc["records"]]
        return [([_("date"), _("activity"), _("hours"), _("organization served")], [*rows, total])]
    tables = []
    for label, key in ((_("month"), lambda r: r["date"][:7]), (_("activity"), lambda r: r["activity"])):
        grouped: dict[str, list[float]] = {}
        for r in doc["records"]:
            grouped.setdefault(key(r), []).append(r["hours"])
        rows = [[name, str(len(hours)), fmt(sum(hours))] for name, hours in sorted(grouped.items())]
        tables.append(([label, _("records"), _("hours")], [*rows, [_("Total"), str(len(doc["records"])), fmt(doc["hours"])]]))
    return tables


def render_text(doc: dict[str, Any]) -> str:
    from hive.cli.output import table

    lines = [_("Volunteer Service Certificate"), _number(doc), "", _statement(doc), ""]
    for headers, rows in _tables(doc):
        lines += [table(headers, rows), ""]
    lines += [f"{label}: {value}" for label, value in _footer(doc)]
    return "\n".join(lines)


def render_html(doc: dict[str, Any], language: str) -> str:
    """A printable page; every value is escaped."""
    e = html.escape
    tables = "".join(
        "<table><thead><tr>"
        + "".join(f"<th>{e(h)}</th>" for h in headers)
        + "</tr></thead><tbody>"
        + "".join(
            ('<tr class="total">' if n == len(rows) - 1 else "<tr>") + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
            for n, row in enumerate(rows)
        )
        + "</tbody></table>"
        for headers, rows in _tables(doc)
    )
    footer = "".join(f'<p><span class="label">{e(label)}:</span> {e(value)}</p>' for label, value in _footer(doc))
    title = _("Volunteer Service Certificate")
    number = _number(doc)
    seal = _("(seal)")
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
{tables}
{footer}
<p class="seal">{e(doc["center"])}<br>{e(seal)}</p>
</body>
</html>
"""
