"""Volunteers: profiles, teams, service hours, stars, certificates, reports, imports.

hive's bundled volunteer plugin (志愿者).
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

The record types are declared in :mod:`hive_volunteer.models`; the core derives
their listings, corrections, checks, sheets and as-of views. A volunteer's
resident ID number is personal data: masked unless ``--show-personal``.
"""

from __future__ import annotations

from hive import N_, Plugin

__version__ = "0.2.0"
plugin = Plugin(
    "volunteer",
    api=">=1,<2",
    catalog="hive_volunteer",
    version=__version__,
    help=N_("Volunteers: profiles, teams, service hours, stars, certificates, reports, imports."),
)
_ = plugin.gettext
ngettext = plugin.ngettext
pgettext = plugin.pgettext  # a person's name: 姓名

# The declarations register themselves on ``plugin`` when a command first needs them (``hive --help``
# imports none of them); none imports the ledger.
plugin.declarations(
    "hive_volunteer.models",
    "hive_volunteer.settings",
    "hive_volunteer.records",
    "hive_volunteer.criteria",
)
plugin.command("hive_volunteer.commands:volunteer")  # its own commands: imported when one is asked for
# Hooks whose modules are imported when the hook is first called (the web workspace, reports, the
# demo, the to-do list): a command that asks for none of them imports none of them.
plugin.hook("hive_volunteer.web:hive_web_pages")
plugin.hook("hive_volunteer.web:hive_web_menu")
plugin.hook("hive_volunteer.web:hive_web_tiles")
plugin.hook("hive_volunteer.web:hive_web_actions")
plugin.hook("hive_volunteer.report_sections:hive_report_sections")
plugin.hook("hive_volunteer.report_sections:hive_district_figures")
plugin.hook("hive_volunteer.reports:hive_demo_tour")
plugin.hook("hive_volunteer.demo:hive_demo")
plugin.hook("hive_volunteer.due:hive_due")
