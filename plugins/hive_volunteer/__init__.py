"""hive's bundled volunteer plugin (志愿者).

It keeps a volunteer profile for people of the core registry (skills, the day
they registered, an optional resident ID number checked against GB 11643),
volunteer teams (志愿者队伍) owned by the center or by an organization, and
service records with their approval (pending, approved, rejected). From the
approved hours it derives star levels (thresholds are a setting), issues
service certificates (志愿服务证明), reports hours by person, team or
organization, and imports service records from CSV files.

It contributes one exit criterion to stage reviews: to graduate, an
organization runs a volunteer team of enough volunteers that logged enough
approved hours recently. It shares the ``volunteer_hours`` figure with other
plugins through ``hive_person_figures``.

The module stays light: everything else is imported inside the hooks.
"""

from __future__ import annotations

from pathlib import Path

from hive import hookimpl
from hive.i18n import context_translator, plural_translator, translator

__version__ = "0.1.0"
HIVE_API = ">=1,<2"  # the hook contract versions this plugin is written for

_ = translator("hive_volunteer", Path(__file__).parent / "locale")
ngettext = plural_translator("hive_volunteer", Path(__file__).parent / "locale")
pgettext = context_translator("hive_volunteer", Path(__file__).parent / "locale")  # a person's name: 姓名


@hookimpl
def hive_collections():
    from hive_volunteer.models import COLLECTIONS

    return list(COLLECTIONS)


@hookimpl
def hive_settings():
    from hive_volunteer.settings import settings

    return settings()


@hookimpl
def hive_criteria():
    from hive_volunteer.criteria import criteria

    return criteria()


@hookimpl
def hive_commands(cli):
    from hive_volunteer.commands import volunteer

    cli.add_command(volunteer)


@hookimpl
def hive_person_figures(ledger, people):
    from hive_volunteer.records import approved_hours_of

    return {"volunteer_hours": approved_hours_of(ledger, people)}


@hookimpl
def hive_person_details(ledger, person, show_personal):
    from hive_volunteer.records import person_details

    return person_details(ledger, person, show_personal)


@hookimpl
def hive_org_details(ledger, organization):
    from hive_volunteer.records import org_details

    return org_details(ledger, organization)


@hookimpl
def hive_check(ledger):
    from hive_volunteer.records import check

    return check(ledger)


@hookimpl
def hive_demo(ledger, size, counts, rng):
    from hive_volunteer.demo import populate

    populate(ledger, size, counts, rng)


@hookimpl
def hive_demo_tour(ledger):
    from hive_volunteer.reports import demo_tour

    return demo_tour(ledger)


@hookimpl
def hive_report_sections(ledger, period):
    from hive_volunteer.report_sections import sections

    return sections(ledger, period)


@hookimpl
def hive_due(ledger, today, within):
    from hive_volunteer.due import items

    return items(ledger, today, within)


@hookimpl
def hive_web_pages(register):
    from hive_volunteer.web import pages

    for page in pages():
        register(page)


@hookimpl
def hive_web_menu(user):
    from hive_volunteer.web import menu

    return menu(user)


@hookimpl
def hive_web_tiles(ledger, user):
    from hive_volunteer.web import tiles

    return tiles(ledger, user)


@hookimpl
def hive_web_actions(ledger, record, user):
    from hive_volunteer.web import actions

    return actions(ledger, record, user)
