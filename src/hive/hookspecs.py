"""The plugin contract: every hook a hive plugin may implement.

A plugin is a module (or object) with functions named after these hooks and
marked with :data:`hive.hookimpl`. It is found through the ``hive`` entry-point
group of its distribution, or as a ``.py`` file in ``--plugins-dir``, and a
center turns it on with ``hive plugins enable NAME``. A plugin that is not
enabled for the open center is never called by the review, stage-change,
settings or demo hooks, and its collections cannot be written.

Implement only the hooks you need; argument names must match the spec, and
you may accept fewer arguments than the spec offers. Hooks are called newest
registered first. An exception raised in a hook stops the command with an
error naming your plugin; nothing is written.

Example, a complete plugin module::

    from hive import hookimpl
    from hive.criteria import Criterion, Outcome

    def has_charter(org, ctx):
        ok = bool(org.kind)
        return Outcome(ok, "" if ok else "no kind recorded", {"kind": org.kind})

    @hookimpl
    def hive_criteria():
        return [Criterion("charter.kind", "intake", "the organization's kind is recorded", has_charter)]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import datetime as dt
    import random

    import click

    from hive.contract import Collection, Criterion, Problem
    from hive.due import DueItem
    from hive.ledger import Ledger
    from hive.models import Organization, Person, Transition
    from hive.reporting import Period, Section
    from hive.rollup import Aggregate, Computed
    from hive.settings import Setting
    from hive.web.auth import Visitor
    from hive.web.extend import Action, MenuItem, Tile, WebPage

#: Version of this hook contract. A plugin may declare the versions it is written for,
#: ``HIVE_API = ">=1,<2"`` (a version range, or a bare major ``"1"``); hive skips a
#: plugin whose range leaves this version out, saying why in ``hive plugins list``.
#: The major number changes when a hook changes incompatibly (an argument removed
#: or renamed, a return value read differently); the minor number when hooks or
#: optional arguments are added.
API_VERSION = "1.1"

#: The hooks each minor version added, newest last (the 1.0 hooks are the rest); a plugin that
#: implements one of these should declare ``HIVE_API = ">=1.1,<2"``. The minor version is
#: the newest key here: a test fails when a hook is added without a line for it.
HOOKS_SINCE: dict[str, tuple[str, ...]] = {
    "1.1": (
        "hive_report_sections",
        "hive_due",
        "hive_web_pages",
        "hive_web_menu",
        "hive_web_tiles",
        "hive_web_actions",
        "hive_district_figures",
    ),
}

hookspec = pluggy.HookspecMarker("hive")


@hookspec
def hive_settings() -> list[Setting]:
    """Declare the settings your plugin reads, with their defaults.

    Called when a command needs the settings of a center (reviews, ``hive
    settings``). Return a list of :class:`hive.settings.Setting` whose keys
    start with your plugin's name. A center overrides them with
    ``hive settings set KEY VALUE``; read them in a criterion with
    ``ctx.settings["volunteer.team_min_volunteers"]``. Give numbers the
    ``minimum`` (and ``maximum``) no rule can go beyond, so that a typo is
    refused when it is set rather than when a review reads it.

    Example::

        @hookimpl
        def hive_settings():
            return [Setting("volunteer.team_min_volunteers", 5, "volunteers a team needs", "int", minimum=0)]
    """


@hookspec
def hive_collections() -> list[Collection]:
    """Declare the record types your plugin stores.

    Return a list of :class:`hive.ledger.Collection`: a table name (prefixed
    with your plugin name), the attrs class of its records (with a str ``id``
    first field), the prefix of their ids, and the names of fields holding
    personal data. The ledger then stores, loads and ids them for you.

    Example::

        @hookimpl
        def hive_collections():
            return [Collection("volunteer_records", ServiceRecord, prefix="vr")]

        # in a command or criterion:
        record = ledger.add(ServiceRecord(id="", person=p.id, hours=2.0, ...))
        approved = [r for r in ledger.all(ServiceRecord) if r.status == "approved"]

    Records of a disabled or uninstalled plugin stay in the file untouched.
    """


@hookspec
def hive_criteria() -> list[Criterion]:
    """Contribute exit criteria to stage reviews.

    Called once per review run, only for plugins enabled in the center.
    Return a list of :class:`hive.criteria.Criterion`, each with an id
    (``plugin.name``), the stage it guards the exit of, a description and a
    ``check(org, ctx)`` function returning :class:`hive.criteria.Outcome`.
    ``ctx`` (:class:`hive.review.ReviewContext`) gives the ledger, the
    ``as_of`` date, the settings and ``ctx.memo(key, build)`` to compute an
    index once per review instead of once per organization.

    Example, a criterion with a threshold from a setting and an index built
    once per review::

        from hive.criteria import Criterion, Outcome

        def enough_loans(org, ctx):
            counts = ctx.memo("lending.loans", lambda: count_loans_by_org(ctx.ledger, ctx.as_of))
            need, count = ctx.settings["lending.min_loans"], counts.get(org.id, 0)
            if count >= need:
                return Outcome(True, "", {"loans": count})
            return Outcome(False, _("has lent {count} of {need} books").format(count=count, need=need), {"loans": count})

        @hookimpl
        def hive_criteria():
            return [Criterion("lending.loans", "capacity_training", N_("enough books lent"), enough_loans)]
    """


@hookspec
def hive_commands(cli: click.Group) -> None:
    """Add click commands or groups to the ``hive`` command line.

    Called when the command line needs commands beyond the core ones (a
    plugin command is run, or ``hive --help``). Add one group named after your
    plugin: ``cli.add_command(my_group)``. Commands reach the open center with
    :func:`hive.cli.app.pass_app` (``app.ledger(write=True)``); when the
    plugin is not enabled for the center, opening the ledger fails with a
    message telling how to enable it.

    Example (import click and your command module inside the hook, so that
    ``hive`` starts fast)::

        @hookimpl
        def hive_commands(cli):
            from hive_lending.commands import lending  # a click.Group

            cli.add_command(lending)

        # hive_lending/commands.py
        @lending.command()
        @click.argument("book")
        @pass_app
        def lend(app, book):
            with app.ledger(write=True) as ledger:
                record = ledger.add(Loan(id="", book=book, person="p1", date=ledger.today))
            click.echo(record.id)  # a creating command prints the new id last
    """


@hookspec
def hive_stage_changed(ledger: Ledger, organization: Organization, transition: Transition) -> None:
    """Be told that an organization changed stage or status.

    Called after the transition is recorded in ``ledger`` and before the
    command commits, so records you add here are written in the same atomic
    commit (or not at all, if anything fails).

    ``transition`` is the :class:`hive.models.Transition` just recorded (its
    ``from_stage``, ``to_stage``, ``status``, ``date``, ``reason``). Return
    nothing.

    Example, close a plugin's open records when an organization is dissolved::

        @hookimpl
        def hive_stage_changed(ledger, organization, transition):
            if transition.status == "dissolved":
                for loan in ledger.all(Loan):
                    if loan.org == organization.id and loan.returned is None:
                        ledger.replace(attrs.evolve(loan, returned=transition.date), action="lending close")
    """


@hookspec
def hive_demo(ledger: Ledger, size: str, counts: dict[str, int], rng: random.Random) -> None:
    """Add demo records to the center that ``hive demo`` is building.

    Called after the core's records (organizations, people, members,
    trainings...) are in ``ledger``, for every plugin the demo enables: it
    enables every plugin that loaded, bundled or installed.

    ``size`` is ``"article"`` for the default demo: add a little realistic
    history (a few records, Chinese names, dates relative to
    ``ledger.today``) so that every command of your plugin shows something.
    ``"small"``, ``"medium"``, ``"center"`` (the upper end of one real
    center: 100 organizations, 7,500 residents, five years of records) and
    ``"large"`` are synthetic centers for benchmarks: your plugin decides how
    many records of its own each size gets (declare them per size, as the
    bundled plugins do in a ``SIZES`` dict of their ``demo`` module; a size
    you do not know may be skipped or scaled from ``counts``). ``counts`` are
    the core's figures for the size (``organizations``, ``people``,
    ``stage_records``; empty for the article). Add records with
    :meth:`Ledger.add_many` and draw every random choice from ``rng`` so the
    same seed gives the same center. ``rng`` is yours alone (seeded from the
    seed and your plugin's name): another plugin's records do not shift
    yours. Date records relative to ``ledger.today``, never the clock: the
    same seed on the same day (``HIVE_TODAY``) must give the same bytes.

    Example::

        LOANS = {"small": 500, "medium": 5_000, "center": 8_000, "large": 50_000}

        @hookimpl
        def hive_demo(ledger, size, counts, rng):
            if size == "article":
                ledger.add(Loan(id="", book="《城南旧事》", person="p1", date=ledger.today))
                return
            people = [p.id for p in ledger.all(Person)]
            loans = [
                Loan(id="", book=rng.choice(BOOKS), person=rng.choice(people), date=ledger.today)
                for _n in range(LOANS.get(size, counts.get("people", 0) // 10))
            ]
            ledger.add_many(loans, action="demo loans")
    """


@hookspec
def hive_demo_tour(ledger: Ledger) -> str | None:
    """Show a person what your plugin added to the demo center.

    Called by ``hive demo`` (the article demo, not the synthetic sizes)
    after the stage review is printed, for enabled plugins, with the demo
    center open for reading. Return a few lines of translated text (a small
    table made with :func:`hive.cli.output.table` is ideal), or None.

    Example::

        @hookimpl
        def hive_demo_tour(ledger):
            loans = ledger.all(Loan)
            return _("Library: {count} books lent; try 'hive library list'").format(count=len(loans))
    """


@hookspec
def hive_org_details(ledger: Ledger, organization: Organization) -> dict[str, Any] | None:
    """Add a section to ``hive org show``.

    Return a JSON-ready dict (shown under your plugin's name in ``--json``
    and as ``key: value`` lines in text), or None to add nothing.

    Called by ``hive org show`` for each enabled plugin, with the
    :class:`hive.models.Organization` being shown.

    Example::

        @hookimpl
        def hive_org_details(ledger, organization):
            lent = [loan for loan in ledger.all(Loan) if loan.org == organization.id]
            return {"loans": len(lent)} if lent else None
    """


@hookspec
def hive_person_details(ledger: Ledger, person: Person, show_personal: bool) -> dict[str, Any] | None:
    """Add your plugin's profile of a person to ``hive person show``.

    Return a JSON-ready dict (shown under your plugin's name), or None when
    the person has no profile with you. Mask personal data (ID numbers,
    party membership...) unless ``show_personal`` is true.

    Example::

        from hive.validate import mask

        @hookimpl
        def hive_person_details(ledger, person, show_personal):
            profile = profiles(ledger).get(person.id)
            if profile is None:
                return None
            return {"id_number": profile.id_number if show_personal else mask(profile.id_number)}
    """


@hookspec
def hive_person_figures(
    ledger: Ledger, people: list[str], period: Period | None
) -> dict[str, dict[str, float]] | None:
    """Share per-person figures with other plugins, without them importing you.

    Return ``{figure: {person_id: value}}`` for the people in ``people``
    (ids), e.g. ``{"volunteer_hours": {"p1": 12.5}}``, counting what falls in
    ``period`` (a :class:`hive.reporting.Period`, its ``start`` and ``end``
    included), or all time when ``period`` is None. Another plugin reads
    them with ``app.plugins.call("hive_person_figures", ledger.center.plugins,
    ledger=ledger, people=ids, period=None)`` and shows the figure only when
    it is there; callers always pass ``period``.

    ``period`` is new in API 1.1: an implementation written before it, taking
    only ``ledger`` and ``people``, is still called, and its figures are read
    as all time. Do not give ``period`` a default value in your
    implementation (pluggy does not pass arguments that have one).

    Well-known figures: ``volunteer_hours`` (approved volunteer service hours).

    Example::

        from hive.ledger import Between

        @hookimpl
        def hive_person_figures(ledger, people, period):
            days = {} if period is None else {"date": Between(period.start, period.end)}
            # each person's own records (a lookup), read as plain values
            hours = {
                pid: sum(h for (h,) in ledger.values(ServiceRecord, "hours", person=pid, status="approved", **days))
                for pid in people
            }
            return {"volunteer_hours": hours}
    """


@hookspec
def hive_check(ledger: Ledger) -> list[Problem] | None:
    """Report what is wrong with your plugin's records, for ``hive check``.

    Called by ``hive check`` (read-only, no lock) for each enabled plugin,
    after the core has checked that every record of every declared collection
    (yours included) reads as its model and that its id matches its place in
    the file. Check what only you know: references from your records to
    organizations, people or your own records, values that contradict each
    other. Return a list of :class:`hive.contract.Problem` (``table``,
    ``record`` id, ``problem`` text, ``severity`` ``"error"`` or
    ``"warning"``), an empty list or None. An error makes ``hive check`` exit
    with 1. Never put personal data in the text.
    :func:`hive.integrity.dangling` finds references to missing records.

    Example::

        from hive.integrity import dangling
        from hive.models import Person

        @hookimpl
        def hive_check(ledger):
            return dangling(ledger, ServiceRecord, "person", Person)
    """


@hookspec
def hive_report_sections(ledger: Ledger, period: Period) -> list[Section] | None:
    """Contribute sections to the periodic report (``hive report``) for the street office and civil affairs.

    Called by ``hive report`` (and by anything that builds a report, such as
    the web workspace) once per report, for each enabled plugin, with the
    center open for reading, after the language is chosen: give translated
    titles and labels. ``period`` is a :class:`hive.reporting.Period` (a month,
    a quarter, a year or a span of days, ``start`` and ``end`` included), with
    its ``previous`` period and its ``year_to_date``; it never begins after
    ``ledger.today`` (a period in the future is refused before any hook is
    called), but may not be over yet (the report is then marked provisional).

    Return a list of :class:`hive.reporting.Section`, each with a stable
    English ``key`` (``--json`` keys and workbook sheets are made from it;
    prefix it with your plugin's name unless you own the word), a translated
    ``title``, :class:`hive.reporting.Figure` values (a stable English ``key``,
    a translated ``label``, the value for the period and, where it makes
    sense, for the previous period and the year to date),
    :class:`hive.reporting.Table` listings and :class:`hive.reporting.Chart`
    bar charts; or None. Count only what happened in the period (dates
    ``start <= day <= end``) and read records with ``ledger.all``/``ledger.where``
    (void records are not in them, so they never count).
    :class:`hive.reporting.Tally` adds records up for the three periods in
    one pass and keeps the rows of the period's listings; records dated outside
    its ``reach`` count nowhere, so read only those. Figures must agree with your
    listing commands.

    Example::

        from hive.ledger import Between
        from hive.reporting import Column, Section, Tally

        @hookimpl
        def hive_report_sections(ledger, period):
            tally = Tally(period)
            for loan in ledger.where(Loan, date=Between(*tally.reach)):
                tally.add(loan.date, "loans")
                tally.distinct(loan.date, "readers", loan.person)
                tally.listing(loan.date, "loans", id=loan.id, book=loan.book)
            return [
                Section(
                    "lending",
                    _("Library"),
                    figures=tally.figures([("loans", _("books lent")), ("readers", _("readers"))]),
                    tables=[tally.table("loans", _("Loans"), [Column("date", _("date")), Column("book", _("book"))])],
                )
            ]
    """


@hookspec
def hive_district_figures() -> list[Aggregate | Computed] | None:
    """Declare the figures a district compiles from its centers (``hive district report``).

    Called once per district report, after the language is chosen (give
    translated labels). Return :class:`hive.rollup.Aggregate` figures, a count,
    sum or distinct count of one of your collections' stored records, dated in
    the period or (a stock) on or before its last day, with equal, unequal or
    non-empty fields: a district server computes them itself over every
    center at once, so prefer them. A :class:`hive.rollup.Computed` figure is
    ``compute(ledger, period)`` for one center (only for centers that enabled
    your plugin); it opens each center, so read only small collections in it.
    Key a figure ``<section>.<figure>`` after your report section's figure,
    whose value it must equal for the same period. Or None.

    Example::

        from hive.rollup import Aggregate

        @hookimpl
        def hive_district_figures():
            return [Aggregate("lending.loans", _("books lent"), "library_loans", dated="date")]
    """


@hookspec
def hive_due(ledger: Ledger, today: dt.date, within: int) -> list[DueItem] | None:
    """Add what is due with your plugin to ``hive due``, the center's to-do list.

    Called by ``hive due`` (read-only) for each enabled plugin, with the open
    ledger, ``today`` (the center's date, ``ledger.today``) and ``within``,
    the number of days ahead the user asked for (``--within 14d``: 14). Return
    a list of :class:`hive.due.DueItem`: ``kind`` prefixed with your plugin's
    name, ``due`` the day it is due (earlier than today when it is overdue:
    keep returning overdue items until they are dealt with), ``title`` what to
    do, translated, without personal data, and ``org`` / ``record`` ids when
    the item is about one. hive drops items due after ``today + within``, the
    ones a user ticked off with ``hive due done KEY``, and sorts the rest; you
    may skip work for items that are far off. Return an empty list or None when
    nothing is due. Count working days with :mod:`hive.workdays`
    (``workdays.of_settings(ledger.settings).add(day, 5)``).

    Example::

        from hive.due import DueItem

        @hookimpl
        def hive_due(ledger, today, within):
            late = [loan for loan in ledger.all(Loan) if loan.returned is None]
            return [
                DueItem("lending.return", loan.until, _("book {title} to be returned").format(title=loan.title),
                        org=loan.org, record=loan.id)
                for loan in late
            ]
    """


@hookspec
def hive_web_pages(register: Callable[[WebPage], None]) -> None:
    """Add pages to the web workspace (``hive serve``).

    Called once when ``hive serve`` starts, for every installed plugin; a
    page of a plugin that is not enabled for the center answers "not
    enabled" instead of running. Call ``register`` with one
    :class:`hive.web.extend.WebPage` per page: its ``path`` (starting with
    ``/<plugin name>/``), the ``view`` function, the HTTP ``methods`` and
    the least ``role`` that may open it. Return nothing.

    The view receives a :class:`hive.web.request.WebRequest`: ``request.ledger``
    (the center as last committed, read-only), ``request.user``,
    ``request.form`` and ``request.query``, ``request.render(template,
    **context)`` and ``request.redirect(href, message)``. Write with ``with
    request.writing() as ledger:`` and call the same engine functions as your
    CLI commands; a ``POST`` reaches the view only from the workspace's own
    forms (origin and token checked) and only for users who may write, and a
    :class:`hive.errors.HiveError` raised inside is shown to the user, with
    nothing written. Templates are Jinja2 files in a ``templates/<plugin>/``
    folder beside the view's module, extending ``"base.html"``; every string
    goes through ``_()``. Import your web module inside the hook, so that
    ``hive`` starts fast.

    Example::

        @hookimpl
        def hive_web_pages(register):
            from hive_lending.web import loans, lend
            from hive.web.extend import WebPage

            register(WebPage("/lending/", loans))
            register(WebPage("/lending/lend", lend, methods=("POST",), role="staff"))

        # hive_lending/web.py
        def loans(request):
            return request.render("lending/loans.html", loans=request.ledger.all(Loan))

        def lend(request):
            with request.writing() as ledger:
                record = lend_book(ledger, request.form["book"])  # your engine function
            return request.redirect("/lending/", _("lent as {id}").format(id=record.id))
    """


@hookspec
def hive_web_menu(user: Visitor) -> list[MenuItem] | None:
    """Add entries to the menu at the top of every page of the web workspace.

    Called for each page shown, for plugins enabled in the center, with the
    logged-in :class:`hive.web.auth.Visitor` (``user.name``, ``user.role``).
    Return a list of :class:`hive.web.extend.MenuItem` (a translated label
    and the page it opens, and the least role it is shown to), or None.

    Example::

        @hookimpl
        def hive_web_menu(user):
            from hive.web.extend import MenuItem

            return [MenuItem(_("Loans"), "/lending/")]
    """


@hookspec
def hive_web_tiles(ledger: Ledger, user: Visitor) -> list[Tile] | None:
    """Add tiles to the dashboard of the web workspace.

    Called when the dashboard is shown, for plugins enabled in the center,
    with the center as last committed (read only: never add to ``ledger``)
    and the logged-in user. Return a list of :class:`hive.web.extend.Tile`
    (a title, a figure, a few lines of text, a link), or None. Keep it
    quick: the dashboard is the page people open most. Never put personal
    data in a tile.

    Example::

        @hookimpl
        def hive_web_tiles(ledger, user):
            from hive.web.extend import Tile

            out = [loan for loan in ledger.all(Loan) if loan.returned is None]
            return [Tile(_("Books lent out"), str(len(out)), href="/lending/")]
    """


@hookspec
def hive_web_actions(ledger: Ledger, record: Any, user: Visitor) -> list[Action] | None:
    """Offer actions on a record's page of the web workspace (an organization's page).

    Called when the page of ``record`` (today a
    :class:`hive.models.Organization`) is shown, for plugins enabled in the
    center, with the center as last committed and the logged-in user.
    Return a list of :class:`hive.web.extend.Action` (a label, the page of
    your plugin that does it, the least role it is offered to), or None. An
    action is a link to a page with a form: the write happens when that
    form is sent.

    Example::

        from hive.models import Organization

        @hookimpl
        def hive_web_actions(ledger, record, user):
            from hive.web.extend import Action

            if isinstance(record, Organization):
                return [Action(_("Lend a book to this organization"), f"/lending/lend?org={record.id}")]
            return None
    """
