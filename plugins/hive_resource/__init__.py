"""Resources (资源整合): providers, the pool, needs, and matching needs to resources.

hive's bundled resource plugin. The center is a hub: venues, facilities,
funds, materials and manpower offered by government departments,
enterprises, foundations, banks, hospitals, gyms, schools and social
organizations are pooled (``hive resource add``), the needs of the
organizations and of the center are recorded (``hive resource need add``),
and ``hive resource match`` proposes the allocations that satisfy the most
priority-weighted quantity, preferring resources in the need's own
community. The matching is solved exactly with SciPy's HiGHS solvers
(imported only when ``match`` runs). ``fulfil`` and ``cancel`` close an
allocation; ``need close`` and ``withdraw`` take a need or a resource out of
the matching.

It contributes one exit criterion of supervision (graduation): the
organization has had an allocation fulfilled from an outside provider, i.e. it
can mobilise resources (``resource.supervision.min_fulfilled``, default 1).

The record types are declared in :mod:`hive_resource.models`; the core
derives their listings, corrections, checks and as-of views. A provider's
contact is personal data: masked unless ``--show-personal``.
"""

from __future__ import annotations

from hive import N_, Plugin

__version__ = "0.2.0"
plugin = Plugin(
    "resource",
    api=">=1,<2",
    catalog="hive_resource",
    version=__version__,
    help=N_("Resources: providers, the pool, needs, and matching needs to resources."),
)
_ = plugin.gettext
ngettext = plugin.ngettext

# The declarations register themselves on ``plugin`` when a command first needs them (``hive --help``
# imports none of them); none imports the ledger, NumPy or SciPy.
plugin.declarations(
    "hive_resource.models",
    "hive_resource.criteria",
    "hive_resource.pool",
)
plugin.command("hive_resource.commands:resource")  # its own commands: imported when one is asked for
# Hooks whose modules are imported when the hook is first called (the web workspace, reports, the
# demo, the to-do list): a command that asks for none of them imports none of them.
plugin.hook("hive_resource.web:hive_web_pages")
plugin.hook("hive_resource.web:hive_web_menu")
plugin.hook("hive_resource.web:hive_web_tiles")
plugin.hook("hive_resource.web:hive_web_actions")
plugin.hook("hive_resource.report_sections:hive_report_sections")
plugin.hook("hive_resource.report_sections:hive_district_figures")
plugin.hook("hive_resource.demo:hive_demo")
plugin.hook("hive_resource.due:hive_due")
