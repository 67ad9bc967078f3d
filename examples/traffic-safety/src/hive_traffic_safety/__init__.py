"""hive-traffic-safety: the "traffic safety into the community" special project (交通安全进社区).

A center runs it with the traffic police (交警) and its volunteers: safety
sessions in the community (talks, school-gate drills, e-bike helmet checks),
the residents and volunteers who attend them, and the traffic-safety teams
(文明交通劝导队) that community organizations set up. For a center that
enables it (``hive plugins enable traffic``) it adds:

* three record types: sessions (``ts``), attendance (``ta``), safety teams (``tt``);
* ``hive traffic ...``: ``team add``, ``session add``, ``attend``, ``sessions``, ``report``;
* an exit criterion of capacity training, ``traffic.team_sessions``: an
  organization with a safety team has run ``traffic.min_sessions`` sessions
  with the traffic police;
* a section in ``hive org show`` and ``hive person show``;
* ``hive check`` finds its records pointing at records that are gone;
* a section of ``hive report``: its sessions, hours and attendance in the period.

It is a third-party plugin: hive does not know it, it uses only hive's public
hooks and API, and its messages go through its own catalog. The module stays
light; everything else is imported inside the hooks.
"""

from __future__ import annotations

from pathlib import Path

from hive import hookimpl
from hive.i18n import N_, translator

__version__ = "0.1.0"

#: The versions of hive's hook contract this plugin is written for.
HIVE_API = ">=1,<2"

_ = translator("hive_traffic_safety", Path(__file__).parent / "locale")


@hookimpl
def hive_collections():
    from hive_traffic_safety.models import COLLECTIONS

    return list(COLLECTIONS)


@hookimpl
def hive_settings():
    from hive.settings import Setting

    return [
        Setting(
            "traffic.min_sessions",
            2,
            N_("sessions with the traffic police an organization's safety team needs to leave capacity training"),
            "int",
        ),
        Setting(
            "traffic.police_unit", "", N_("the traffic police unit the center works with (default for sessions)"), "str"
        ),
    ]


@hookimpl
def hive_criteria():
    from hive.criteria import Criterion
    from hive_traffic_safety.records import team_sessions

    return [
        Criterion(
            "traffic.team_sessions",
            "capacity_training",
            N_("an organization with a traffic-safety team has run enough sessions with the traffic police"),
            team_sessions,
        )
    ]


@hookimpl
def hive_commands(cli):
    from hive_traffic_safety.commands import traffic

    cli.add_command(traffic)


@hookimpl
def hive_org_details(ledger, organization):
    from hive_traffic_safety.records import org_details

    return org_details(ledger, organization)


@hookimpl
def hive_person_details(ledger, person, show_personal):
    from hive_traffic_safety.records import person_details

    return person_details(ledger, person)


@hookimpl
def hive_check(ledger):
    from hive_traffic_safety.records import check

    return check(ledger)


@hookimpl
def hive_report_sections(ledger, period):
    from hive_traffic_safety.report_sections import sections

    return sections(ledger, period)
