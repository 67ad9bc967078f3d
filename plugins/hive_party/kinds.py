"""The kinds of party activity: light to import, for the command line's choices."""

from __future__ import annotations

from hive.i18n import N_

# Activity kinds: the command-line value and the display name (translated where shown).
KINDS: dict[str, str] = {
    "theme_day": N_("theme party day"),
    "party_lesson": N_("party lesson"),
    "micro_lesson": N_("youth micro party lesson"),
    "members_meeting": N_("branch members' meeting"),
    "committee_meeting": N_("branch committee meeting"),
    "group_meeting": N_("party group meeting"),
    "life_meeting": N_("organizational life meeting"),
    "red_culture": N_("red culture event"),
}
