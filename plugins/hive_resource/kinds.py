"""The words of the resource pool: provider kinds, resource kinds and units.

A light module: ``hive --help`` lists these as the commands' choices without
importing the ledger, the models or their storage (start-up time is measured).
"""

from __future__ import annotations

from hive.i18n import N_

# Who offers resources. ``center`` is the center itself (its own rooms, its staff): every other
# kind is an outside provider, whose support counts for the graduation criterion.
PROVIDER_KINDS: dict[str, str] = {
    "government": N_("government department"),
    "enterprise": N_("enterprise"),
    "foundation": N_("foundation"),
    "bank": N_("bank"),
    "hospital": N_("hospital"),
    "school": N_("school or training body"),
    "social_organization": N_("social organization"),
    "other": N_("other"),
    "center": N_("the center itself"),
}
OWN = "center"

# What is offered (场地、设施、资金、物资、人力).
KINDS: dict[str, str] = {
    "venue": N_("venue"),
    "facility": N_("facility"),
    "funds": N_("funds"),
    "materials": N_("materials"),
    "manpower": N_("manpower"),
}
VENUE = "venue"

UNITS: dict[str, str] = {
    "yuan": N_("yuan"),
    "hours": N_("hours"),
    "items": N_("items"),
    "square_metres": N_("square metres"),
}
