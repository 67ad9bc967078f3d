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
    "hive_volunteer.commands",
    "hive_volunteer.due",
    "hive_volunteer.demo",
    "hive_volunteer.reports",
    "hive_volunteer.report_sections",
    "hive_volunteer.web",
)
