"""``hive org``: organizations."""

from __future__ import annotations

import click

from hive import stages
from hive.cli.app import DATE, App, json_option, pass_app
from hive.cli.output import echo_json, echo_section, echo_table
from hive.i18n import _


@click.group(help=_("Organizations: add, list, show."))
def org() -> None:
    pass


@org.command(help=_("Add an organization at intake; prints its id."))
@click.argument("name")
@click.option("--kind", default="", help=_("What kind of group, e.g. reading club, volunteer team."))
@click.option("--joined", type=DATE, help=_("When it came to the center (default: today)."))
@pass_app
def add(app: App, name: str, kind: str, joined) -> None:
    from hive.organizations import add_organization

    with app.ledger(write=True) as ledger:
        created = add_organization(ledger, name, kind=kind, joined=joined)
    click.echo(created.id)


def org_document(o) -> dict:
    return {
        "id": o.id,
        "name": o.name,
        "kind": o.kind,
        "stage": o.stage,
        "stage_since": o.stage_since.isoformat() if o.stage_since else None,
        "status": o.status,
        "joined": o.joined.isoformat(),
        "filing_no": o.filing_no,
        "uscc": o.uscc,
    }


@org.command("list", help=_("List organizations."))
@click.option("--stage", type=click.Choice(stages.STAGE_IDS), help=_("Only those at this stage."))
@click.option(
    "--status", type=click.Choice(["active", "suspended", "dissolved"]), help=_("Only those with this status.")
)
@json_option
@pass_app
def list_(app: App, stage: str | None, status: str | None, as_json: bool) -> None:
    from hive.models import Organization

    with app.ledger() as ledger:
        orgs = [
            o
            for o in ledger.all(Organization)
            if (stage is None or o.stage == stage) and (status is None or o.status == status)
        ]
    if as_json:
        echo_json([org_document(o) for o in orgs])
        return
    echo_table(
        [_("id"), _("name"), _("kind"), _("stage"), _("status"), _("since")],
        [(o.id, o.name, o.kind, stages.get(o.stage).title, _(o.status), o.stage_since) for o in orgs],
    )


@org.command(help=_("Show one organization with its members and records (ORG: id or exact name)."))
@click.argument("ref", metavar="ORG")
@json_option
@pass_app
def show(app: App, ref: str, as_json: bool) -> None:
    from hive.converter import unstructure
    from hive.models import Diagnosis, Membership, Person, Registration, Review, Supervision, Training, Transition
    from hive.organizations import find_org

    with app.ledger() as ledger:
        o = find_org(ledger, ref)

        def of(model):  # this organization's records only (a lookup), never the whole table
            return [unstructure(r) for r in ledger.where(model, org=o.id)]

        mine = ledger.where(Membership, org=o.id)
        people = {m.person: found for m in mine if (found := ledger.find(Person, m.person)) is not None}

        members = [
            {
                "person": m.person,
                "name": people[m.person].name if m.person in people else "?",
                "backbone": m.backbone,
                "since": m.since.isoformat(),
                "backbone_since": (m.backbone_since or m.since).isoformat() if m.backbone else None,
                "left": m.left.isoformat() if m.left else None,
                "leave_reason": m.leave_reason,
                "backbone_until": m.backbone_until.isoformat() if m.backbone_until else None,
            }
            for m in mine
        ]
        from hive.standing import latest_review

        latest = latest_review(o, [r for r in ledger.all(Review) if r.org == o.id], ledger.where(Transition, org=o.id))
        document = org_document(o) | {
            "members": members,
            "trainings": of(Training),
            "registrations": of(Registration),
            "diagnoses": of(Diagnosis),
            "supervisions": of(Supervision),
            "transitions": of(Transition),
            "last_review": unstructure(latest) if latest else None,
        }
        for plugin, section in app.plugins.call(
            "hive_org_details", ledger.center.plugins, ledger=ledger, organization=o
        ):
            document[plugin] = section
        from hive import views

        # Every other declared record type that refers to the organization (a plugin's teams, sessions...)
        core_listed = {"memberships", "trainings", "registrations", "diagnoses", "supervisions"}
        others = [(t, rs) for t, rs in views.referring(ledger, o.id, "organizations") if t.name not in core_listed]
        document["records"] = {t.name: [views.document(ledger, t, r) for r in rs] for t, rs in others}
        if not as_json:
            listed = [
                (ledger.record_type(name), [r for r in ledger.where(ledger.record_type(name).model, org=o.id)])
                for name in ("trainings", "registrations", "diagnoses", "supervisions")
            ]
            listed += others
    if as_json:
        echo_json(document)
        return
    click.echo(f"{o.id}  {o.name}")
    for label, value in [
        (_("kind"), o.kind),
        (_("stage"), _("{stage} (since {date})").format(stage=stages.get(o.stage).title, date=o.stage_since)),
        (_("status"), _(o.status)),
        (_("joined"), o.joined),
        (_("filing no."), o.filing_no),
        (_("credit code"), o.uscc),
    ]:
        if value:
            click.echo(f"  {label}: {value}")
    click.echo("  " + _("members") + f": {sum(1 for m in members if not m['left'])}")
    for m in members:
        flag = _("backbone") if m["backbone"] and not m["backbone_until"] else ""
        if m["left"]:
            flag = _("left on {date}").format(date=m["left"]) + (f" ({m['leave_reason']})" if m["leave_reason"] else "")
        click.echo(f"    {m['person']}  {m['name']}  {flag}".rstrip())
    headings = {"trainings": _("trainings"), "diagnoses": _("diagnoses"), "supervisions": _("supervision sessions")}
    for record_type, records in listed:
        if records or record_type.name in headings:
            click.echo(f"  {headings.get(record_type.name, record_type.title)}: {len(records)}")
            names = [n for n in views.columns(record_type) if n != "org"]
            rows = views.rows(ledger, record_type, records, names, show_personal=False)
            for row in rows:
                click.echo("    " + "  ".join(cell for cell in row if cell))
    if document["last_review"]:
        r = document["last_review"]
        verdict = _("ready") if r["verdict"] == "ready" else _("not ready")
        click.echo("  " + _("last review") + f": {r['as_of']} {verdict}")
        for f in r["failed"]:
            click.echo(f"    ✗ {f['criterion']}: {f['reason']}")
    for plugin, section in document.items():
        if plugin in ledger.center.plugins and isinstance(section, dict):
            echo_section(plugin, section)
