"""hive's bundled party-building plugin (党建).

It keeps party members (a profile of a person in the core registry), party
activities (三会一课, theme party days, micro party lessons, red culture
events), party-building instructors (党建指导员) assigned to social
organizations and party branches set up inside them, and it checks:

* compliance with the regular schedule of the branch work regulations
  (``hive party compliance``), frequencies being settings;
* coverage of the social organizations (两个覆盖, ``hive party coverage``);
* two exit criteria of stage reviews: registration needs an instructor or a
  branch, graduation needs the organization covered.

With a plugin that shares the ``volunteer_hours`` figure through
``hive_person_figures`` (the bundled volunteer plugin), its reports show the
party members' approved volunteer hours: party-mass linkage (党群联动).

Party membership is sensitive personal data: only ``hive party`` commands
show it, and ``hive person show`` only with ``--show-personal``.

The module stays light: everything else is imported inside the hooks.
"""

from __future__ import annotations

from pathlib import Path

from hive import hookimpl
from hive.i18n import context_translator, translator

__version__ = "0.1.0"
HIVE_API = ">=1,<2"  # the hook contract versions this plugin is written for

_ = translator("hive_party", Path(__file__).parent / "locale")
pgettext = context_translator("hive_party", Path(__file__).parent / "locale")  # a person's name: 姓名


@hookimpl
def hive_collections():
    from hive_party.models import COLLECTIONS

    return list(COLLECTIONS)


@hookimpl
def hive_settings():
    from hive_party.settings import settings

    return settings()


@hookimpl
def hive_criteria():
    from hive_party.coverage import criteria

    return criteria()


@hookimpl
def hive_commands(cli):
    from hive_party.commands import party

    cli.add_command(party)


@hookimpl
def hive_org_details(ledger, organization):
    from hive_party.coverage import org_details

    return org_details(ledger, organization)


@hookimpl
def hive_person_details(ledger, person, show_personal):
    if not show_personal:  # party membership is never shown, not even masked, unless asked
        return None
    from hive_party.records import person_details

    return person_details(ledger, person)


@hookimpl
def hive_check(ledger):
    from hive_party.records import check

    return check(ledger)


@hookimpl
def hive_demo(ledger, size, counts, rng):
    from hive_party.demo import populate

    populate(ledger, size, counts, rng)


@hookimpl
def hive_demo_tour(ledger):
    from hive_party.coverage import demo_tour

    return demo_tour(ledger)


@hookimpl
def hive_report_sections(ledger, period):
    from hive_party.report_sections import sections

    return sections(ledger, period)


@hookimpl
def hive_due(ledger, today, within):
    from hive_party.due import items

    return items(ledger, today, within)


@hookimpl
def hive_web_pages(register):
    from hive_party.web import pages

    for page in pages():
        register(page)


@hookimpl
def hive_web_menu(user):
    from hive_party.web import menu

    return menu(user)


@hookimpl
def hive_web_tiles(ledger, user):
    from hive_party.web import tiles

    return tiles(ledger, user)
