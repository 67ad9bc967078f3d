"""Party-building (党建): party members, activities, instructors, branches, compliance and coverage.

hive's bundled party-building plugin. It keeps party members (a profile of a
person in the core registry), party activities (三会一课, theme party days,
micro party lessons, red culture events), party-building instructors
(党建指导员) assigned to social organizations and party branches set up inside
them, and it checks:

* compliance with the regular schedule of the branch work regulations
  (``hive party compliance``), frequencies being settings;
* coverage of the social organizations (两个覆盖, ``hive party coverage``);
* two exit criteria of stage reviews: registration needs an instructor or a
  branch, graduation needs the organization covered.

With a plugin that shares the ``volunteer_hours`` figure through
``hive_person_figures`` (the bundled volunteer plugin), its reports show the
party members' approved volunteer hours: party-mass linkage (党群联动).

The record types are declared in :mod:`hive_party.models`; the core derives
their listings, corrections, checks and as-of views. Party membership is
sensitive personal data: only ``hive party`` commands show it, elsewhere it is
masked unless ``--show-personal``.
"""

from __future__ import annotations

from hive import N_, Plugin

__version__ = "0.2.0"
# The name is marked: it titles the plugin's section of org show and person show.
plugin = Plugin(
    N_("party"),
    api=">=1,<2",
    catalog="hive_party",
    version=__version__,
    help=N_("Party-building: party members, activities, instructors, branches, compliance, coverage."),
)
_ = plugin.gettext
pgettext = plugin.pgettext  # a person's name: 姓名
plugin.command("hive_party.commands:party")  # imported only when a party command (or help) is asked for

# The declarations register themselves on ``plugin`` when a command first needs them (``hive --help``
# imports none of them); none imports the ledger.
plugin.declarations(
    "hive_party.settings",
    "hive_party.models",
    "hive_party.records",
    "hive_party.coverage",
)
# Hooks whose modules are imported when the hook is first called (the web workspace, reports, the
# demo, the to-do list): a command that asks for none of them imports none of them.
plugin.hook("hive_party.web:hive_web_pages")
plugin.hook("hive_party.web:hive_web_menu")
plugin.hook("hive_party.web:hive_web_tiles")
plugin.hook("hive_party.report_sections:hive_district_figures")
plugin.hook("hive_party.report_sections:hive_report_sections")
plugin.hook("hive_party.demo:hive_demo")
plugin.hook("hive_party.due:hive_due")
