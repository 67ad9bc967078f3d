"""People and every declared record type: list (search, pages), add, edit, void, and undo of the last change.

The forms are generated from the record declarations (:mod:`hive.fields`):
labels, choices, required and personal fields. Entering goes through
:func:`hive.entry.add_record`, corrections through :mod:`hive.corrections`,
listings through :mod:`hive.views`: the same doors as ``hive list``, ``hive
edit``, ``hive void`` and ``hive undo``, with the same validation.
"""

from __future__ import annotations

from hive.errors import HiveError, NotFound
from hive.i18n import _
from hive.web.extend import WebPage
from hive.web.request import WebRequest

PAGE_SIZE = 50
#: What happened, kept as history: listed elsewhere (audit log, stage history), never entered by hand.
HIDDEN = frozenset({"events", "changes", "voids", "users", "transitions", "reviews"})


def _types(ledger):
    return [
        t
        for t in ledger.registry.collections
        if t.name not in HIDDEN and ledger.enabled(t.owner) and t.fields
    ]


def _type(ledger, table: str):
    found = next((t for t in _types(ledger) if t.name == table), None)
    if found is None:
        raise NotFound(_("no record type '{table}'").format(table=table))
    return found


def _inputs(record_type, values: dict, problem: str = "") -> list[dict]:
    """The form's fields, from the declaration, with what was typed and the problem beside its field."""
    out = []
    placed = False
    for spec in record_type.fields:
        if not spec.editable:
            continue
        label = spec.shown_label(record_type)
        mine = bool(problem) and not placed and label in problem
        placed = placed or mine
        out.append(
            {
                "name": spec.name,
                "label": label,
                "kind": spec.kind,
                "required": spec.required and spec.kind != "flag",
                "personal": spec.personal,
                "many": spec.many,
                "choices": [(code, record_type.text(text)) for code, text in spec.choices.items()],
                "value": values.get(spec.name, ""),
                "problem": problem if mine else "",
                "help": record_type.text(spec.help) if spec.help else "",
            }
        )
    return out


def types_page(request: WebRequest):
    ledger = request.ledger
    rows = [(t, len(ledger.all(t.model))) for t in _types(ledger)]
    return request.render("records.html", rows=rows)


def listing(request: WebRequest):
    from hive import views

    ledger = request.ledger
    record_type = _type(ledger, request.params["table"])
    q = request.query.get("q", "").strip()
    try:
        page = max(1, int(request.query.get("page", "1")))
    except ValueError:
        page = 1
    found = list(reversed(views.listing(ledger, record_type, views.Filter(search=q))))
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(page, pages)
    shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    names = views.columns(record_type)
    return request.render(
        "record_list.html",
        record_type=record_type,
        headers=[record_type.field(n).shown_label(record_type) for n in names],
        rows=views.rows(ledger, record_type, shown, names, show_personal=request.show_personal),
        ids=[r.id for r in shown],
        count=len(found),
        q=q,
        page=page,
        pages=pages,
    )


def new_form(request: WebRequest, *, values: dict | None = None, problem: str = "", status: int = 200):
    record_type = _type(request.ledger, request.params["table"])
    return request.render(
        "record_form.html",
        status=status,
        record_type=record_type,
        inputs=_inputs(record_type, values or {}, problem),
        problem=problem,
        action=f"/records/{record_type.name}/new",
        record=None,
    )


def _typed(request: WebRequest, record_type) -> dict:
    typed = {}
    for spec in record_type.fields:
        if not spec.editable:
            continue
        if spec.kind == "flag":
            typed[spec.name] = "yes" if request.field(spec.name) else "no"
        elif spec.many:
            typed[spec.name] = ",".join(v for v in request.fields(spec.name) if v.strip()) or request.field(spec.name)
        else:
            typed[spec.name] = request.field(spec.name)
    return typed


def add(request: WebRequest):
    from hive.entry import add_record

    record_type = _type(request.ledger, request.params["table"])
    typed = _typed(request, record_type)
    try:
        with request.writing() as ledger:
            created = add_record(ledger, record_type.name, {k: v for k, v in typed.items() if v != ""})
    except HiveError as exc:
        return new_form(request, values=typed, problem=str(exc), status=request.status_for(exc))
    return request.redirect(f"/records/{record_type.name}", _("added {id}").format(id=created.id))


def _record(request: WebRequest):
    ledger = request.ledger
    record_type, record = ledger.lookup(request.params["id"])
    if record_type.name in HIDDEN or not ledger.enabled(record_type.owner):
        raise NotFound(_("no record '{id}'").format(id=request.params["id"]))
    return record_type, record


def _shown(record_type, record, show_personal: bool) -> dict:
    from hive.views import masked

    values = {}
    for spec in record_type.fields:
        value = getattr(record, spec.name)
        if spec.personal and not show_personal:
            value = masked(value)
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "yes" if value else ""
        values[spec.name] = "" if value is None else str(value)
    return values


def edit_form(request: WebRequest, *, values: dict | None = None, problem: str = "", status: int = 200):
    record_type, record = _record(request)
    # personal values are never put into a form unmasked for someone who did not ask to see them
    shown = values or _shown(record_type, record, request.show_personal)
    return request.render(
        "record_form.html",
        status=status,
        record_type=record_type,
        inputs=_inputs(record_type, shown, problem),
        problem=problem,
        action=f"/records/id/{record.id}/edit" + ("?personal=1" if request.show_personal else ""),
        record=record,
        void=request.ledger.is_void(record.id),
    )


def edit(request: WebRequest):
    from hive.corrections import edit as correct

    record_type, record = _record(request)
    typed = _typed(request, record_type)
    before = _shown(record_type, record, request.show_personal)
    # only the fields changed; a masked personal value left as shown is not a change
    assignments = [f"{name}={value}" for name, value in typed.items() if value != before.get(name, "")]
    if not assignments:
        return request.redirect(f"/records/{record_type.name}", _("nothing changed"))
    try:
        with request.writing() as ledger:
            correct(ledger, record.id, assignments)
    except HiveError as exc:
        return edit_form(request, values=typed, problem=str(exc), status=request.status_for(exc))
    return request.redirect(f"/records/{record_type.name}", _("changed {id}").format(id=record.id))


def void(request: WebRequest):
    from hive.corrections import void as void_records

    record_type, record = _record(request)
    with request.writing() as ledger:
        void_records(ledger, [record.id], request.field("reason"))
    return request.redirect(f"/records/{record_type.name}", _("voided {id}").format(id=record.id))


def undo_page(request: WebRequest):
    from hive.corrections import undo_plan

    try:
        plan, problem = undo_plan(request.ledger), ""
    except HiveError as exc:
        plan, problem = None, str(exc)
    return request.render("undo.html", plan=plan, problem=problem)


def undo(request: WebRequest):
    from hive.corrections import undo as undo_last

    with request.writing() as ledger:
        plan = undo_last(ledger)
    return request.redirect("/undo", _("undid {change}: {actions}").format(change=plan.change.id, actions=", ".join(plan.change.actions)))


PAGES = [
    WebPage("/records", types_page, name="records"),
    WebPage("/records/{table}", listing, name="record_list"),
    WebPage("/records/{table}/new", new_form, name="record_new"),
    WebPage("/records/{table}/new", add, methods=("POST",), role="staff", name="record_add"),
    WebPage("/records/id/{id}/edit", edit_form, role="staff", name="record_edit_form"),
    WebPage("/records/id/{id}/edit", edit, methods=("POST",), role="staff", name="record_edit"),
    WebPage("/records/id/{id}/void", void, methods=("POST",), role="staff", name="record_void"),
    WebPage("/undo", undo_page, role="staff", name="undo_page"),
    WebPage("/undo", undo, methods=("POST",), role="staff", name="undo"),
]
