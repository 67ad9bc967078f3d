"""Commands every record type gets: ``hive edit``, ``void``, ``undo``, ``show``, ``find``, ``list``,
and the generated ``add``/``list``/``show`` of a declared record type (:func:`record_group`).

Thin: parse, call :mod:`hive.corrections` / :mod:`hive.views`, print.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from hive.cli.app import App, json_option, pass_app, show_personal_option
from hive.cli.output import echo_json, echo_table
from hive.errors import InvalidInput
from hive.i18n import _

if TYPE_CHECKING:
    from hive.contract import RecordType
    from hive.ledger import Ledger


class PeriodBound(click.ParamType):
    """``--from``/``--to``: a date, or a month, quarter or year (its first or last day)."""

    name = "date"

    def __init__(self, end: bool):
        self.end = end

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from hive.inputs import InputProblem, parse_period

        try:
            start, end = parse_period(str(value))
        except InputProblem as exc:
            self.fail(str(exc), param, ctx)
        return end if self.end else start


FROM, TO = PeriodBound(end=False), PeriodBound(end=True)


def period_options(func: Any) -> Any:
    """``--from``/``--to`` on a command (parameters ``start`` and ``end``): a date, or a month, quarter or year."""
    func = click.option(
        "--to", "end", type=TO, help=_("Up to this date (or the end of a month 2026-11, quarter 2026Q4, year 2026).")
    )(func)
    return click.option(
        "--from",
        "start",
        type=FROM,
        help=_("From this date (or the start of a month 2026-11, quarter 2026Q4, year 2026)."),
    )(func)


def listing_options(func: Any) -> Any:
    func = click.option("--include-void", is_flag=True, help=_("Also list void records."))(func)
    func = click.option("--limit", type=click.IntRange(min=1), help=_("Only the newest N."))(func)
    func = click.option(
        "--search",
        default="",
        help=_("Text in a name or other text field (for people also the last digits of the phone)."),
    )(func)
    return period_options(func)


def print_records(
    ledger: Ledger, record_type: RecordType, records: list[Any], *, show_personal: bool, as_json: bool
) -> None:
    from hive import views

    if as_json:
        echo_json([views.document(ledger, record_type, r, show_personal=show_personal) for r in records])
        return
    names = views.columns(record_type)
    headers = [_("id")] + [s.shown_label(record_type) for s in record_type.fields if s.name in names]
    echo_table(headers, views.rows(ledger, record_type, records, names, show_personal=show_personal))


def run_listing(
    app: App,
    record_type_name: str,
    equals: dict[str, str | None],
    *,
    start,
    end,
    search,
    limit,
    include_void,
    show_personal,
    as_json,
) -> None:
    from hive import views
    from hive.resolve import names

    with app.ledger() as ledger:
        record_type = ledger.record_type(record_type_name)
        resolved = {}
        for field, typed in equals.items():
            if not typed:
                continue
            spec = record_type.field(field)
            if spec is not None and spec.personal and not show_personal:  # the rows found would tell who
                raise InvalidInput(
                    _("--{field}: {records} name people as personal data; add --show-personal").format(
                        field=field, records=record_type.records_title
                    )
                )
            table = spec.target_table(ledger.registry) if spec else None
            target = ledger.registry.by_name.get(table) if table else None
            resolved[field] = names(ledger, target).find(typed).id if target else typed
        wanted = views.Filter(resolved, start, end, search, limit, include_void)
        records = views.listing(ledger, record_type, wanted)
        print_records(ledger, record_type, records, show_personal=show_personal, as_json=as_json)


# -- the generic commands ---------------------------------------------------------------------------
@click.command(
    "list", help=_("List the records of a type (see 'hive sheet types' or 'hive list --types'), with filters.")
)
@click.argument("record_type", metavar="TYPE", required=False)
@click.option("--org", help=_("Only records of this organization (id or name)."))
@click.option("--person", help=_("Only records of this person (id or name)."))
@click.option("--types", "show_types", is_flag=True, help=_("List the record types instead."))
@listing_options
@show_personal_option
@json_option
@pass_app
def list_records(
    app: App,
    record_type: str | None,
    org,
    person,
    show_types,
    start,
    end,
    search,
    limit,
    include_void,
    show_personal,
    as_json,
) -> None:
    if show_types or not record_type:
        with app.ledger() as ledger:
            types = [t for t in ledger.registry.collections if ledger.enabled(t.owner)]
            document = [{"name": t.name, "prefix": t.prefix, "label": t.title, "owner": t.owner} for t in types]
        if as_json:
            echo_json(document)
        else:
            echo_table(
                [_("type"), _("id prefix"), _("label"), _("plugin")],
                [(d["name"], d["prefix"], d["label"], d["owner"]) for d in document],
            )
        return
    equals = {}
    with app.ledger() as ledger:
        found = ledger.record_type(_type_name(ledger, record_type))
        fields = {s.name: s for s in found.fields}
    for option, value in (("org", org), ("person", person)):
        if value:
            if option not in fields:
                raise click.UsageError(_("{records} have no --{option}").format(records=found.records_title, option=option))
            equals[option] = value
    run_listing(
        app,
        found.name,
        equals,
        start=start,
        end=end,
        search=search,
        limit=limit,
        include_void=include_void,
        show_personal=show_personal,
        as_json=as_json,
    )


def _type_name(ledger: Ledger, typed: str) -> str:
    """A record type by its table name, its label (in English or the user's language) or its id prefix."""
    from hive.inputs import code_key

    wanted = code_key(typed)
    for record_type in ledger.registry.collections:
        if wanted in (
            code_key(record_type.name),
            code_key(record_type.label),
            code_key(record_type.title),
            code_key(record_type.prefix),
        ):
            return record_type.name
    return typed


@click.command(help=_("Show any record by id: its fields, what it refers to by name, and its history."))
@click.argument("record_id", metavar="ID")
@show_personal_option
@json_option
@pass_app
def show(app: App, record_id: str, show_personal: bool, as_json: bool) -> None:
    from hive import views
    from hive.models import Event

    with app.ledger() as ledger:
        record_type, record = ledger.lookup(record_id)
        doc = views.document(ledger, record_type, record, show_personal=show_personal)
        events = ledger.where(Event, record=record.id)
        history = [_event_document(ledger, e, show_personal) for e in events]
        doc_out = {"type": record_type.name, "record": doc, "events": history}
        if as_json:
            echo_json(doc_out)
            return
        click.echo(f"{record.id}  {record_type.title}" + ("  " + _("(void)") if "void" in doc else ""))
        for spec in record_type.fields:
            value = views.shown_value(
                ledger, record_type, spec.name, getattr(record, spec.name), show_personal=show_personal
            )
            if value:
                click.echo(f"  {spec.shown_label(record_type)}: {value}")
        if "void" in doc:
            click.echo("  " + _("void on {date} by {operator}: {reason}").format(**doc["void"]))
        if history:
            click.echo("  " + _("history") + ":")
            for e in history:
                click.echo(f"    {e['at']}  {e['operator']}  {e['action']}  {e['detail']}")


def _event_document(ledger: Ledger, event: Any, show_personal: bool) -> dict[str, Any]:
    """An event as ``--json`` shows it: the edit's personal values masked unless asked."""
    from hive import views
    from hive.converter import unstructure

    doc = unstructure(event)
    if event.changes and not show_personal:
        record_type = ledger.type_of_id(event.record) if event.record else None
        personal = set(record_type.personal_fields) if record_type else set()
        doc["changes"] = {
            k: [views.masked(v) for v in pair] if k in personal else pair for k, pair in event.changes.items()
        }
    return doc


@click.command(
    help=_("Correct fields of a record: hive edit p47 phone=13812345678 name=王芳 (a field's name or label).")
)
@click.argument("record_id", metavar="ID")
@click.argument("assignments", metavar="FIELD=VALUE...", nargs=-1, required=True)
@json_option
@pass_app
def edit(app: App, record_id: str, assignments: tuple[str, ...], as_json: bool) -> None:
    from hive import views
    from hive.corrections import edit as edit_record

    with app.ledger(write=True) as ledger:
        updated, changed = edit_record(ledger, record_id, assignments)
        record_type = ledger.type_of_id(updated.id)
        doc = views.document(ledger, record_type, updated)
        fields = [record_type.field(n).shown_label(record_type) for n in changed]
    if as_json:
        echo_json({"id": updated.id, "changed": list(changed), "record": doc})
    else:
        click.echo(_("{id}: changed {fields}").format(id=updated.id, fields=", ".join(fields)))


@click.command(
    help=_("Void records: they stay in the file, marked void, out of every count, review, report and listing.")
)
@click.argument("record_ids", metavar="ID...", nargs=-1, required=True)
@click.option("--reason", required=True, help=_("Why (kept with the record)."))
@json_option
@pass_app
def void(app: App, record_ids: tuple[str, ...], reason: str, as_json: bool) -> None:
    from hive.corrections import void as void_records

    with app.ledger(write=True) as ledger:
        voided = void_records(ledger, record_ids, reason)
    if as_json:
        echo_json([{"id": v.record, "void": v.id} for v in voided])
    else:
        click.echo(_("void: {ids}").format(ids=", ".join(v.record for v in voided)))


@click.command(help=_("Reverse the last command that changed the center; says what it reverses."))
@click.option("--dry-run", is_flag=True, help=_("Only say what would be reversed."))
@json_option
@pass_app
def undo(app: App, dry_run: bool, as_json: bool) -> None:
    from hive import corrections

    with app.ledger(write=not dry_run) as ledger:
        plan = corrections.undo_plan(ledger) if dry_run else corrections.undo(ledger)
    document = plan.document() | {"dry_run": dry_run}
    if as_json:
        echo_json(document)
        return
    line = (
        _("would undo {change} ({actions}, by {operator} at {at})")
        if dry_run
        else _("undid {change} ({actions}, by {operator} at {at})")
    )
    click.echo(
        line.format(
            change=plan.change.id,
            actions=", ".join(plan.change.actions),
            operator=plan.change.operator,
            at=plan.change.at.isoformat(timespec="seconds"),
        )
    )
    if plan.removes:
        click.echo("  " + _("removes: {ids}").format(ids=_short(plan.removes)))
    if plan.restores:
        click.echo("  " + _("restores: {ids}").format(ids=_short(plan.restores)))


def _short(ids: list[str]) -> str:
    return ", ".join(ids[:20]) + (_(" and {n} more").format(n=len(ids) - 20) if len(ids) > 20 else "")


@click.command(help=_("Find records whose name or text contains TEXT, grouped by type."))
@click.argument("text")
@show_personal_option
@json_option
@pass_app
def find(app: App, text: str, show_personal: bool, as_json: bool) -> None:
    from hive import views

    with app.ledger() as ledger:
        groups = views.find(ledger, text)
        if as_json:
            echo_json(
                {
                    t.name: [views.document(ledger, t, r, show_personal=show_personal) for r in records]
                    for t, records in groups
                }
            )
            return
        if not groups:
            click.echo(_("nothing found for '{text}'").format(text=text))
            sys.exit(3)
        for record_type, records in groups:
            click.echo(f"[{record_type.title}]")
            print_records(ledger, record_type, records, show_personal=show_personal, as_json=False)


# -- generated commands of a declared record type -------------------------------------------------
def record_group(record_type: RecordType, *, add: bool = True) -> click.Group:
    """``add``/``list``/``show`` for ``record_type``, options from its declared fields.

    No ``add`` where a field the record needs has no option (not editable, no default): such
    records are made by the plugin's own commands (an absence by ``party attend --absent``), and
    an ``add`` that can only fail would be offered for nothing.
    """
    add = add and _can_be_added(record_type)
    kind = record_type.title
    group = click.Group(
        record_type.command or record_type.name,
        help=(_("{kind}: add, list, show.") if add else _("{kind}: list, show.")).format(kind=kind),
    )
    if add:
        group.add_command(add_command(record_type))
    group.add_command(list_command(record_type))
    group.add_command(show)
    return group


def _can_be_added(record_type: RecordType) -> bool:
    """Whether the generated ``add`` can make a record: each field it has no option for has a default."""
    import attrs

    defaults = {f.name for f in attrs.fields(record_type.model) if f.default is not attrs.NOTHING}
    return all(s.editable or s.name in defaults for s in record_type.fields if s.kind != "other")


def _option_name(name: str) -> str:
    return "--" + name.replace("_", "-")


def add_command(record_type: RecordType) -> click.Command:
    """``add`` with one option per field; every value validated by the record layer."""
    fields = [s for s in record_type.fields if s.editable and s.kind != "other"]

    @pass_app
    def callback(app: App, as_json: bool, **values: Any) -> None:
        from hive import views
        from hive.entry import add_record

        with app.ledger(write=True) as ledger:
            created = add_record(ledger, record_type.name, {k: v for k, v in values.items() if v not in (None, ())})
            doc = views.document(ledger, ledger.record_type(record_type.name), created)
        if as_json:
            echo_json(doc)
        else:
            click.echo(created.id)

    params: list[click.Parameter] = []
    for spec in fields:
        label = spec.shown_label(record_type)
        help_text = label + (f" ({spec.listing()})" if spec.kind == "choice" else "")
        if spec.kind == "flag":
            params.append(click.Option([_option_name(spec.name)], is_flag=True, default=None, help=help_text))
        elif spec.many or spec.kind == "texts":
            params.append(click.Option([_option_name(spec.name)], multiple=True, help=help_text))
        else:
            params.append(click.Option([_option_name(spec.name)], help=help_text))
    params.append(click.Option(["--json", "as_json"], is_flag=True, help=_("Print one JSON document.")))
    return click.Command(
        "add",
        callback=callback,
        params=params,
        help=_("Add one {kind}; prints the new id.").format(kind=record_type.title),
    )


def list_command(record_type: RecordType) -> click.Command:
    refs = [s for s in record_type.fields if s.kind == "ref"]

    @pass_app
    def callback(app: App, start, end, search, limit, include_void, show_personal, as_json, **equals: Any) -> None:
        run_listing(
            app,
            record_type.name,
            equals,
            start=start,
            end=end,
            search=search,
            limit=limit,
            include_void=include_void,
            show_personal=show_personal,
            as_json=as_json,
        )

    command = click.Command(
        "list", callback=callback, help=_("List {records}, with filters.").format(records=record_type.records_title)
    )
    command.params = [
        click.Option(
            [_option_name(s.name)],
            help=_("Only records of this {field} (id or name).").format(field=s.shown_label(record_type)),
        )
        for s in refs
    ]
    for decorate in (json_option, show_personal_option, listing_options):
        decorate(command)
    return command
