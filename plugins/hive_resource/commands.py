"""``hive resource``: the plugin's own commands, beside those the core derives from the declarations.

Providers, resources and needs are entered through the record layer (typed
text parsed and checked by the fields and rules of :mod:`hive_resource.models`);
listings print the core's documents of the records with what is left of each.
"""

from __future__ import annotations

import click

from hive.cli.app import DATE, App, json_option, pass_app, show_personal_option
from hive.cli.output import echo_json, echo_table
from hive.fields import specs
from hive_resource import _, ngettext
from hive_resource.kinds import KINDS, UNITS
from hive_resource.models import Need, Provider, Resource


def _amount(value: float, unit: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    n = 1 if text == "1" else 2  # "1 item", "1.5 hours"
    if unit == "items":
        return ngettext("{n} item", "{n} items", n).format(n=text)
    if unit == "hours":
        return ngettext("{n} hour", "{n} hours", n).format(n=text)
    if unit == "square_metres":
        return ngettext("{n} square metre", "{n} square metres", n).format(n=text)
    return f"{text} {_(UNITS.get(unit, unit))}"


def _kind(kind: str) -> str:
    return _(KINDS.get(kind, kind))


def _window(start, end) -> str:
    if not start and not end:
        return ""
    return f"{start or ''}~{end or ''}"


def _values(model: type, name: str) -> str:
    """The codes a choice option takes, with their labels, for its help."""
    return "(" + next(s for s in specs(model) if s.name == name).listing() + ")"


def _who(doc: dict) -> str:
    return doc["org_name"] or _("the center")


#: ``hive resource``'s own commands; the plugin adds them beside its generated ones
#: (``plugin.command("hive_resource.commands:resource")``: this module is imported when one is asked for).
resource = click.Group("resource")


# -- providers ------------------------------------------------------------------------------------
@resource.group(help=_("Providers: the bodies that offer resources."))
def provider() -> None:
    pass


@provider.command("add", help=_("Add a provider; prints its id."))
@click.argument("name")
@click.option("--kind", required=True, help=_("What kind of body it is.") + " " + _values(Provider, "kind"))
@click.option("--contact", default="", help=_("Whom to call: personal data, masked in listings."))
@pass_app
def provider_add(app: App, name: str, kind: str, contact: str) -> None:
    from hive_resource.pool import add_provider

    with app.ledger(write=True) as ledger:
        created = add_provider(ledger, name, kind, contact)
    click.echo(created.id)


@provider.command("list", help=_("List providers (contacts masked unless --show-personal)."))
@json_option
@show_personal_option
@pass_app
def provider_list(app: App, as_json: bool, show_personal: bool) -> None:
    from hive_resource.kinds import PROVIDER_KINDS
    from hive_resource.pool import provider_document

    with app.ledger() as ledger:
        docs = [provider_document(ledger, p, show_personal) for p in ledger.all(Provider)]
    if as_json:
        echo_json(docs)
        return
    echo_table(
        [_("id"), _("name"), _("kind"), _("contact")],
        [(d["id"], d["name"], _(PROVIDER_KINDS.get(d["kind"], d["kind"])), d["contact"]) for d in docs],
    )


# -- resources --------------------------------------------------------------------------------------
@resource.command("add", help=_("Add a resource to the pool; prints its id."))
@click.option("--provider", "provider_ref", required=True, help=_("Who offers it (id or exact name)."))
@click.option("--kind", required=True, help=_("What is offered.") + " " + _values(Resource, "kind"))
@click.option("--quantity", required=True, help=_("How much is offered."))
@click.option("--unit", required=True, help=_("The unit of the quantity.") + " " + _values(Resource, "unit"))
@click.option("--from", "start", help=_("Available from this day (default: already)."))
@click.option("--to", "end", help=_("Available until this day (default: no end)."))
@click.option("--community", default=None, help=_("The community it is in (default: the center's)."))
@click.option("--tag", "tags", multiple=True, help=_("A tag, e.g. 儿童 or 周末 (repeatable)."))
@click.option("--description", default=None, help=_("What it is, e.g. 多功能活动室."))
@click.option(
    "--any-need",
    is_flag=True,
    default=None,
    help=_("Its tags do not earmark it: it may also go to needs that name none of them."),
)
@pass_app
def add(app: App, provider_ref: str, **typed) -> None:
    from hive_resource.pool import add_resource

    with app.ledger(write=True) as ledger:
        created = add_resource(ledger, dict(typed, provider=provider_ref))
    click.echo(created.id)


@resource.command("list", help=_("List the resources in the pool with what is left of each."))
@json_option
@pass_app
def list_(app: App, as_json: bool) -> None:
    from hive_resource.pool import Usage, resource_document

    with app.ledger() as ledger:
        usage = Usage.of(ledger)
        providers = {p.id: p for p in ledger.all(Provider)}
        docs = [resource_document(ledger, r, usage, providers) for r in ledger.all(Resource)]
    if as_json:
        echo_json(docs)
        return
    echo_table(
        [
            _("id"),
            _("provider"),
            _("kind"),
            _("description"),
            _("quantity"),
            _("left"),
            _("window"),
            _("community"),
            _("tags"),
        ],
        [
            (
                d["id"],
                d["provider_name"],
                _kind(d["kind"]),
                d["description"],
                _amount(d["quantity"], d["unit"]),
                _amount(d["remaining"], d["unit"]),
                _window(d["from"], d["to"]),
                d["community"],
                ",".join(d["tags"]),
            )
            for d in docs
        ],
    )


# -- needs --------------------------------------------------------------------------------------------
@resource.group(help=_("Needs of the organizations and of the center."))
def need() -> None:
    pass


@need.command("add", help=_("Record a need of an organization (--org) or of the center (--center); prints its id."))
@click.option("--org", "org_ref", default=None, help=_("The organization that needs it (id or exact name)."))
@click.option("--center", is_flag=True, help=_("The center itself needs it."))
@click.option("--kind", required=True, help=_("What is needed.") + " " + _values(Need, "kind"))
@click.option("--quantity", required=True, help=_("How much is needed."))
@click.option("--unit", required=True, help=_("The unit of the quantity.") + " " + _values(Need, "unit"))
@click.option("--by", default=None, help=_("Needed by this day (default: no date)."))
@click.option("--priority", default=None, help=_("1 to 5, 5 the most urgent (default 3)."))
@click.option("--tag", "tags", multiple=True, help=_("A tag the resource must carry (repeatable)."))
@click.option("--community", default=None, help=_("The community it is for (default: the center's)."))
@click.option("--description", default=None, help=_("What it is for."))
@pass_app
def need_add(app: App, org_ref: str | None, center: bool, **typed) -> None:
    from hive_resource.pool import add_need

    with app.ledger(write=True) as ledger:
        created = add_need(ledger, org_ref, center=center, typed=typed)
    click.echo(created.id)


@need.command("close", help=_("Close a need that no longer needs anything: it is no longer matched."))
@click.argument("need_ref", metavar="NEED")
@click.option("--reason", required=True, help=_("Why it is closed (kept with the need)."))
@pass_app
def need_close(app: App, need_ref: str, reason: str) -> None:
    from hive_resource.pool import close_need

    with app.ledger(write=True) as ledger:
        done = close_need(ledger, need_ref, reason)
    click.echo(_("{id} closed").format(id=done.id))


@resource.command(help=_("Withdraw a resource its provider no longer offers: what is left of it is not matched."))
@click.argument("resource_ref", metavar="RESOURCE")
@click.option("--reason", required=True, help=_("Why it is withdrawn (kept with the resource)."))
@pass_app
def withdraw(app: App, resource_ref: str, reason: str) -> None:
    from hive_resource.pool import withdraw as take_back

    with app.ledger(write=True) as ledger:
        done = take_back(ledger, resource_ref, reason)
    click.echo(_("{id} withdrawn").format(id=done.id))


@resource.command("needs", help=_("List the needs with what is allocated and what is left."))
@click.option("--open", "only_open", is_flag=True, help=_("Only needs with some quantity not yet allocated."))
@json_option
@pass_app
def needs(app: App, only_open: bool, as_json: bool) -> None:
    from hive.models import Organization
    from hive_resource.models import OPEN
    from hive_resource.pool import Usage, need_document

    with app.ledger() as ledger:
        usage = Usage.of(ledger)
        orgs = {o.id: o for o in ledger.all(Organization)}
        docs = [need_document(ledger, n, usage, orgs) for n in ledger.all(Need)]
    if only_open:
        docs = [d for d in docs if d["status"] == OPEN]
    if as_json:
        echo_json(docs)
        return
    echo_table(
        [_("id"), _("for"), _("kind"), _("quantity"), _("left"), _("by"), _("priority"), _("status"), _("tags")],
        [
            (
                d["id"],
                _who(d),
                _kind(d["kind"]),
                _amount(d["quantity"], d["unit"]),
                _amount(d["remaining"], d["unit"]),
                d["by"],
                d["priority"],
                _(d["status"]),
                ",".join(d["tags"]),
            )
            for d in docs
        ],
    )


# -- allocations -----------------------------------------------------------------------------------------
@resource.command("allocations", help=_("List the allocations: open, fulfilled and cancelled."))
@json_option
@pass_app
def allocations(app: App, as_json: bool) -> None:
    from hive_resource.models import Allocation
    from hive_resource.pool import allocation_document

    with app.ledger() as ledger:
        docs = [allocation_document(ledger, a) for a in ledger.all(Allocation)]
        units = {r.id: r.unit for r in ledger.all(Resource)} if not as_json else {}
    if as_json:
        echo_json(docs)
        return
    echo_table(
        [_("id"), _("need"), _("resource"), _("quantity"), _("date"), _("status"), _("reason")],
        [
            (
                d["id"],
                d["need"],
                d["resource"],
                _amount(d["quantity"], units[d["resource"]]) if d["resource"] in units else d["quantity"],
                d["date"],
                _(d["status"]),
                d["reason"],
            )
            for d in docs
        ],
    )


@resource.command(help=_("Match the open needs to the resources left, optimally; --apply records the allocations."))
@click.option(
    "--apply", "apply_", is_flag=True, help=_("Record the proposed allocations (without it nothing is written).")
)
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="NEED",
    help=_("Only the proposals for this need (repeatable, or several separated by commas)."),
)
@click.option("--reconsider", is_flag=True, help=_("Propose again the pairs whose allocation was cancelled."))
@json_option
@pass_app
def match(app: App, apply_: bool, only: tuple[str, ...], reconsider: bool, as_json: bool) -> None:
    from hive.models import Organization
    from hive_resource.matching import REASONS, chosen, solver_inputs
    from hive_resource.matching import match as solve
    from hive_resource.pool import record_match

    with app.ledger(write=apply_) as ledger:
        result = chosen(ledger, solve(*solver_inputs(ledger, reconsider=reconsider)), only, apply_)
        ids: list[str | None] = [None] * len(result.proposals)
        if apply_:
            ids = [a.id for a in record_match(ledger, result.proposals)]
        needs_by_id = {n.id: n for n in ledger.all(Need)}
        resources = {r.id: r for r in ledger.all(Resource)}
        providers = {p.id: p.name for p in ledger.all(Provider)}
        orgs = {o.id: o.name for o in ledger.all(Organization)}

    def who(need_id: str) -> str:
        org = needs_by_id[need_id].org
        return orgs.get(org, org) if org else _("the center")

    document = {
        "allocations": [
            {
                "id": id_,
                "need": p.need,
                "resource": p.resource,
                "quantity": p.quantity,
                "provider": resources[p.resource].provider,
                "provider_name": providers.get(resources[p.resource].provider),
                "description": resources[p.resource].description,
            }
            for id_, p in zip(ids, result.proposals, strict=True)
        ],
        "unmatched": [{"need": u.need, "quantity": u.quantity, "reason": u.reason} for u in result.unmatched],
    }
    if as_json:
        echo_json(document)
        return
    if result.proposals:
        click.echo(
            _("Allocations recorded:")
            if apply_
            else _("Proposed allocations (nothing recorded; --apply records them):")
        )
        echo_table(
            [_("id"), _("need"), _("for"), _("resource"), _("provider"), _("description"), _("quantity")],
            [
                (
                    row["id"] or "-",
                    row["need"],
                    who(row["need"]),
                    row["resource"],
                    row["provider_name"],
                    row["description"],
                    _amount(row["quantity"], resources[row["resource"]].unit),
                )
                for row in document["allocations"]
            ],
        )
    else:
        click.echo(_("No allocation to propose."))
    if result.unmatched:
        click.echo(_("Unmatched:"))
        echo_table(
            [_("need"), _("for"), _("quantity"), _("reason")],
            [
                (u.need, who(u.need), _amount(u.quantity, needs_by_id[u.need].unit), _(REASONS[u.reason]))
                for u in result.unmatched
            ],
        )


@resource.command(help=_("Record that an open allocation was delivered."))
@click.argument("allocation", metavar="ALLOCATION")
@click.option("--date", "on", type=DATE, help=_("The day it was delivered (default: today)."))
@pass_app
def fulfil(app: App, allocation: str, on) -> None:
    from hive_resource.pool import fulfil as mark_fulfilled

    with app.ledger(write=True) as ledger:
        done = mark_fulfilled(ledger, allocation, on)
    click.echo(_("{id} fulfilled").format(id=done.id))


@resource.command(help=_("Cancel an open allocation; its quantity goes back to the pool."))
@click.argument("allocation", metavar="ALLOCATION")
@click.option("--reason", required=True, help=_("Why it is cancelled."))
@pass_app
def cancel(app: App, allocation: str, reason: str) -> None:
    from hive_resource.pool import cancel as mark_cancelled

    with app.ledger(write=True) as ledger:
        done = mark_cancelled(ledger, allocation, reason)
    click.echo(_("{id} cancelled").format(id=done.id))
