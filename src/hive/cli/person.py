"""``hive person``: the registry of residents."""

from __future__ import annotations

import click

from hive.cli.app import App, json_option, pass_app, show_personal_option
from hive.cli.output import echo_json, echo_section, echo_table
from hive.i18n import _, pgettext


@click.group(help=_("The registry of residents: add, list, show."))
def person() -> None:
    pass


@person.command(help=_("Add a resident; prints the new id."))
@click.argument("name")
@click.option("--phone", help=_("Phone number (personal data: masked in listings)."))
@click.option("--id-number", help=_("Resident ID number (personal data; one person per number)."))
@pass_app
def add(app: App, name: str, phone: str | None, id_number: str | None) -> None:
    from hive.people import add_person

    with app.ledger(write=True) as ledger:
        created = add_person(ledger, name, phone, id_number)
    click.echo(created.id)


@person.command("list", help=_("List residents (phones masked unless --show-personal)."))
@show_personal_option
@json_option
@pass_app
def list_(app: App, show_personal: bool, as_json: bool) -> None:
    from hive.models import Person
    from hive.validate import mask

    with app.ledger() as ledger:
        people = ledger.all(Person)
    shown = [
        {
            "id": p.id,
            "name": p.name,
            "phone": (p.phone if show_personal else mask(p.phone)) or None,
            "added": p.added.isoformat() if p.added else None,
        }
        for p in people
    ]
    if as_json:
        echo_json(shown)
        return
    echo_table(
        [_("id"), pgettext("person", "name"), _("phone")], [(p["id"], p["name"], p["phone"] or "") for p in shown]
    )


@person.command(help=_("Show a person (id or unique name) with the profiles plugins keep about them."))
@click.argument("ref", metavar="PERSON")
@show_personal_option
@json_option
@pass_app
def show(app: App, ref: str, show_personal: bool, as_json: bool) -> None:
    from hive.models import Membership, Organization
    from hive.people import find_person
    from hive.validate import mask

    with app.ledger() as ledger:
        p = find_person(ledger, ref)
        mine = ledger.where(Membership, person=p.id)  # this person's memberships only
        orgs = {m.org: found for m in mine if (found := ledger.find(Organization, m.org)) is not None}
        document = {
            "id": p.id,
            "name": p.name,
            "phone": (p.phone if show_personal else mask(p.phone)) or None,
            "added": p.added.isoformat() if p.added else None,
            "memberships": [
                {"org": m.org, "name": orgs[m.org].name, "backbone": m.backbone, "since": m.since.isoformat()}
                for m in mine
                if m.org in orgs
            ],
        }
        for plugin, section in app.plugins.call(
            "hive_person_details", ledger.center.plugins, ledger=ledger, person=p, show_personal=show_personal
        ):
            document[plugin] = section
    if as_json:
        echo_json(document)
        return
    click.echo(f"{p.id}  {p.name}")
    if document["phone"]:
        click.echo("  " + _("phone") + f": {document['phone']}")
    for m in document["memberships"]:
        line = (
            _("member of {org} {name} (backbone), since {date}")
            if m["backbone"]
            else _("member of {org} {name}, since {date}")
        )
        click.echo("  " + line.format(org=m["org"], name=m["name"], date=m["since"]))
    for key, section in document.items():
        if isinstance(section, dict):
            echo_section(key, section)


@person.command(help=_("List pairs of people that look like one resident registered twice, with why."))
@click.option(
    "--not", "distinct", nargs=2, metavar="A B",
    help=_("Remember that people A and B are two residents: the pair is not proposed again."),
)
@json_option
@pass_app
def duplicates(app: App, distinct: tuple[str, str] | None, as_json: bool) -> None:
    from hive.duplicate_people import candidates, mark_distinct

    if distinct:
        with app.ledger(write=True) as ledger:
            record, new = mark_distinct(ledger, *distinct)
        if as_json:
            echo_json({"distinct": record.id, "people": [record.person, record.other], "new": new})
        elif new:
            click.echo(_("{a} and {b} are remembered as two people ({id})").format(
                a=record.person, b=record.other, id=record.id))
        else:
            click.echo(_("{a} and {b} were already remembered as two people ({id})").format(
                a=record.person, b=record.other, id=record.id))
        return
    with app.ledger() as ledger:
        pairs = candidates(ledger)
    if as_json:
        echo_json([p.document() for p in pairs])
        return
    if not pairs:
        click.echo(_("no people look registered twice"))
        return
    echo_table(
        [_("person"), pgettext("person", "name"), _("person"), pgettext("person", "name"), _("why")],
        [(p.first.id, p.first.name, p.second.id, p.second.name, p.why()) for p in pairs],
    )
    click.echo(_("merge a pair with 'hive person merge KEEP OTHER'; "
                 "remember two people with 'hive person duplicates --not A B'"))


@person.command(help=_("Merge person OTHER into KEEP: their records move to KEEP, OTHER is voided (hive undo reverses it)."))
@click.argument("keep", metavar="KEEP")
@click.argument("other", metavar="OTHER")
@json_option
@pass_app
def merge(app: App, keep: str, other: str, as_json: bool) -> None:
    from hive.duplicate_people import merge as merge_people

    with app.ledger(write=True) as ledger:
        merged = merge_people(ledger, keep, other)
    if as_json:
        echo_json(merged.document())
        return
    click.echo(_("{other} merged into {keep}: {count} records moved, {other} voided ({void})").format(
        other=merged.other.id, keep=merged.kept.id, count=len(merged.moved), void=merged.void))
    if merged.filled:
        click.echo(_("filled from {other}: {fields}").format(
            other=merged.other.id, fields=", ".join(merged.filled)))
