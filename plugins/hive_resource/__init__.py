"""hive's bundled resource plugin (资源整合): providers, the resource pool, needs and matching.

The center is a hub: venues, facilities, funds, materials and manpower offered
by government departments, enterprises, foundations, banks, hospitals, gyms,
schools and social organizations are pooled (``hive resource add``), the needs
of the organizations and of the center are recorded (``hive resource need
add``), and ``hive resource match`` proposes the allocations that satisfy the
most priority-weighted quantity, preferring resources in the need's own
community. The matching is solved exactly with SciPy's HiGHS solvers (imported
only when ``match`` runs). ``fulfil`` and ``cancel`` close an allocation.

It contributes one exit criterion of supervision (graduation): the
organization has had an allocation fulfilled from an outside provider, i.e. it
can mobilise resources (``resource.supervision.min_fulfilled``, default 1).

A provider's contact is personal data: masked unless ``--show-personal``.
The module stays light: everything else is imported inside the hooks.
"""

from __future__ import annotations

from pathlib import Path

from hive import hookimpl
from hive.i18n import plural_translator, translator

__version__ = "0.1.0"
HIVE_API = ">=1,<2"  # the hook contract versions this plugin is written for

_ = translator("hive_resource", Path(__file__).parent / "locale")
ngettext = plural_translator("hive_resource", Path(__file__).parent / "locale")


@hookimpl
def hive_collections():
    from hive_resource.models import COLLECTIONS

    return list(COLLECTIONS)


@hookimpl
def hive_settings():
    from hive_resource.criteria import settings

    return settings()


@hookimpl
def hive_criteria():
    from hive_resource.criteria import criteria

    return criteria()


@hookimpl
def hive_commands(cli):
    from hive_resource.commands import resource

    cli.add_command(resource)


@hookimpl
def hive_org_details(ledger, organization):
    from hive_resource.pool import org_details

    return org_details(ledger, organization)


@hookimpl
def hive_check(ledger):
    from hive_resource.pool import check

    return check(ledger)


@hookimpl
def hive_demo(ledger, size, counts, rng):
    from hive_resource.demo import populate

    populate(ledger, size, counts, rng)


@hookimpl
def hive_demo_tour(ledger):
    from hive_resource.pool import demo_tour

    return demo_tour(ledger)


@hookimpl
def hive_report_sections(ledger, period):
    from hive_resource.report_sections import sections

    return sections(ledger, period)


@hookimpl
def hive_due(ledger, today, within):
    from hive_resource.due import items

    return items(ledger, today, within)


@hookimpl
def hive_web_pages(register):
    from hive_resource.web import pages

    for page in pages():
        register(page)


@hookimpl
def hive_web_menu(user):
    from hive_resource.web import menu

    return menu(user)


@hookimpl
def hive_web_tiles(ledger, user):
    from hive_resource.web import tiles

    return tiles(ledger, user)


@hookimpl
def hive_web_actions(ledger, record, user):
    from hive_resource.web import actions

    return actions(ledger, record, user)
