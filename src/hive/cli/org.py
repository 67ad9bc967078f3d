"""``hive org``: organizations."""

from __future__ import annotations

import click

from hive import stages
from hive.cli.app import DATE, App, FieldChoice, LazyGroup, json_option, pass_app, show_personal_option
from hive.cli.output import echo_json, echo_section, echo_table
from hive.i18n import N_, _
from hive.models import DECISIONS, DEVELOPMENT_TYPES, INCUBATION_MODES, ORG_TYPES, STAGE_CHOICES, STATUS_CHOICES

#: ``org list --application``: where the latest application stands (typed as a code or a label, 通过).
APPLICATION_STATES = {"pending": N_("awaiting initial review"), **DECISIONS}

#: The profile's options of ``org add`` and the fields they fill (the record layer parses and checks them).
PROFILE_OPTIONS = {
    "responsible": "responsible",
    "phone": "contact_phone",
    "type": "org_type",
    "development": "development",
    "category": "category",
    "venue": "venue",
}


#: The lifecycle around the stages (hive.cli.incubation), imported when one of them runs.
LIFECYCLE_COMMANDS = {
    "apply": "hive.cli.incubation:apply",
    "decide": "hive.cli.incubation:decide",
    "agree": "hive.cli.incubation:agree",
    "renew": "hive.cli.incubation:renew",
    "exit": "hive.cli.incubation:exit_",
    "graduate": "hive.cli.incubation:graduate",
    "history": "hive.cli.incubation:history",
}


@click.group(cls=LazyGroup, lazy=LIFECYCLE_COMMANDS, help=_("Organizations: add, list, show."))
def org() -> None:
    pass


@org.command(help=_("Add an organization at intake; prints its id."))
@click.argument("name")
@click.option("--kind", default="", help=_("What kind of group, e.g. reading club, volunteer team."))
@click.option("--joined", type=DATE, help=_("When it came to the center (default: today)."))
@click.option("--responsible", help=_("Its responsible person (负责人): a person of the registry, id or unique name."))
@click.option("--phone", help=_("Its contact phone (personal: masked in listings)."))
@click.option(
    "--type",
    "type_",
    metavar="TYPE",
    help=_("Its type: association, service_agency or other (社会团体, 社会服务机构, 其他)."),
)
@click.option("--development", help=_("Its development type: sprouting, startup or hub (萌芽, 初创, 枢纽)."))
@click.option("--category", help=_("Its service category (one of the setting core.service_categories when set)."))
@click.option("--venue", help=_("Where it meets or works."))
@pass_app
def add(app: App, name: str, kind: str, joined, type_: str | None, **profile: str | None) -> None:
    from hive.organizations import add_organization

    typed = {PROFILE_OPTIONS[k]: v for k, v in {**profile, "type": type_}.items() if v is not None}
    with app.ledger(write=True) as ledger:
        created = add_organization(ledger, name, kind=kind, joined=joined, profile=typed)
    click.echo(created.id)


def org_document(o, *, show_personal: bool = False) -> dict:
    from hive.views import masked

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
        "responsible": o.responsible,
        "contact_phone": o.contact_phone if show_personal else masked(o.contact_phone),
        "org_type": o.org_type,
        "development": o.development,
        "category": o.category,
        "venue": o.venue,
    }


@org.command("list", help=_("List organizations."))
@click.option(
    "--stage", type=FieldChoice(STAGE_CHOICES), help=_("Only those at this stage (骨干培养 = backbone_training).")
)
@click.option("--status", type=FieldChoice(STATUS_CHOICES), help=_("Only those with this status."))
@click.option("--type", "type_", type=FieldChoice(ORG_TYPES), help=_("Only those of this type."))
@click.option("--development", type=FieldChoice(DEVELOPMENT_TYPES), help=_("Only those of this development type."))
@click.option("--category", help=_("Only those of this service category."))
@click.option(
    "--application",
    type=FieldChoice(APPLICATION_STATES),
    help=_("Only those whose latest application awaits its initial review, was accepted, or was rejected."),
)
@click.option(
    "--incubation",
    type=FieldChoice(INCUBATION_MODES),
    help=_("Only those with a running agreement of this kind (physical or virtual, 实体 or 虚拟)."),
)
@click.option(
    "--ending-within", type=int, metavar="DAYS", help=_("Only those whose running agreement ends within DAYS days.")
)
@click.option("--exited", is_flag=True, help=_("Only those that exited incubation (退驻)."))
@show_personal_option
@json_option
@pass_app
def list_(
    app: App,
    stage: str | None,
    status: str | None,
    type_: str | None,
    development: str | None,
    category: str | None,
    application: str | None,
    incubation: str | None,
    ending_within: int | None,
    exited: bool,
    show_personal: bool,
    as_json: bool,
) -> None:
    import datetime as dt

    from hive.models import Organization

    with app.ledger() as ledger:
        orgs = [
            o
            for o in ledger.all(Organization)
            if (stage is None or o.stage == stage)
            and (status is None or o.status == status)
            and (type_ is None or o.org_type == type_)
            and (development is None or o.development == development)
            and (category is None or o.category == category)
        ]
        if application or incubation or exited or ending_within is not None:
            from hive.incubation import standing

            horizon = ledger.today + dt.timedelta(days=ending_within or 0)
            kept = []
            for o in orgs:
                now = standing(ledger, o.id)
                if application and now.application_state != application:
                    continue
                if incubation and now.incubation != incubation:
                    continue
                if exited and now.exit is None:
                    continue
                if ending_within is not None and (now.incubation is None or now.ends is None or now.ends > horizon):
                    continue
                kept.append(o)
            orgs = kept
    if as_json:
        echo_json([org_document(o, show_personal=show_personal) for o in orgs])
        return
    echo_table(
        [_("id"), _("name"), _("kind"), _("stage"), _("status"), _("since")],
        [(o.id, o.name, o.kind, stages.get(o.stage).title, _(o.status), o.stage_since) for o in orgs],
    )


@org.command(help=_("Show one organization with its members and records (ORG: id or exact name)."))
@click.argument("ref", metavar="ORG")
@show_personal_option
@json_option
@pass_app
def show(app: App, ref: str, show_personal: bool, as_json: bool) -> None:
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
        document = org_document(o, show_personal=show_personal) | {
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
        from hive.incubation import LIFECYCLE_TABLES, lifecycle_document, lifecycle_records

        lifecycle = lifecycle_records(ledger, o.id)
        for table, records in lifecycle:
            document[table.name] = [views.document(ledger, table, r, show_personal=show_personal) for r in records]
        document["incubation"] = lifecycle_document(ledger, o.id)
        # Every other declared record type that refers to the organization (a plugin's teams, sessions...)
        core_listed = {"memberships", "trainings", "registrations", "diagnoses", "supervisions", *LIFECYCLE_TABLES}
        others = [(t, rs) for t, rs in views.referring(ledger, o.id, "organizations") if t.name not in core_listed]
        document["records"] = {t.name: [views.document(ledger, t, r) for r in rs] for t, rs in others}
        if not as_json:
            listed = [
                (ledger.record_type(name), [r for r in ledger.where(ledger.record_type(name).model, org=o.id)])
                for name in ("trainings", "registrations", "diagnoses", "supervisions")
            ]
            listed += [(t, rs) for t, rs in lifecycle if rs]
            listed += others
            profile = [
                (
                    name,
                    views.shown_value(
                        ledger, ledger.record_type("organizations"), name, getattr(o, name), show_personal=show_personal
                    ),
                )
                for name in ("responsible", "contact_phone", "org_type", "development", "category", "venue")
            ]
            # rendered here: a reference's name is read from the store, which closes with the ledger
            shown = [
                (t, rs, views.rows(ledger, t, rs, [n for n in views.columns(t) if n != "org"], show_personal=False))
                for t, rs in listed
            ]
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
    organizations = ledger.record_type("organizations")
    for name, value in profile:
        if value:
            click.echo(f"  {organizations.field(name).shown_label(organizations)}: {value}")
    click.echo("  " + _("members") + f": {sum(1 for m in members if not m['left'])}")
    for m in members:
        flag = _("backbone") if m["backbone"] and not m["backbone_until"] else ""
        if m["left"]:
            flag = _("left on {date}").format(date=m["left"]) + (f" ({m['leave_reason']})" if m["leave_reason"] else "")
        click.echo(f"    {m['person']}  {m['name']}  {flag}".rstrip())
    headings = {"trainings": _("trainings"), "diagnoses": _("diagnoses"), "supervisions": _("supervision sessions")}
    for record_type, records, rows in shown:
        if records or record_type.name in headings:
            click.echo(f"  {headings.get(record_type.name, record_type.title)}: {len(records)}")
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
