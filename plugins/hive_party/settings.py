"""The plugin's settings: how often each activity is due, and the thresholds of coverage."""

from __future__ import annotations

from hive import N_, Setting
from hive_party import _, plugin
from hive_party.kinds import KINDS

MONTHLY, QUARTERLY, YEARLY, NONE = "monthly", "quarterly", "yearly", "none"
FREQUENCIES = (MONTHLY, QUARTERLY, YEARLY, NONE)

# The regular schedule of the branch work regulations (中国共产党支部工作条例(试行)):
# theme party day and committee and group meetings monthly, members' meeting and
# party lesson quarterly, organizational life meeting yearly.
DEFAULT_FREQUENCY = {
    "theme_day": MONTHLY,
    "committee_meeting": MONTHLY,
    "group_meeting": MONTHLY,
    "members_meeting": QUARTERLY,
    "party_lesson": QUARTERLY,
    "life_meeting": YEARLY,
    "micro_lesson": NONE,
    "red_culture": NONE,
}

BRANCH_MIN_MEMBERS = "party.branch_min_members"
JOINT_MAX_ORGS = "party.joint_branch_max_orgs"
PROBATION_MONTHS = "party.probation_months"
REGISTRATION_CRITERION = "party.registration_needs_instructor"
GRADUATION_CRITERION = "party.graduation_needs_coverage"
INSTRUCTOR_PROBATIONARY = "party.instructor_may_be_probationary"


def frequency_key(kind: str) -> str:
    return f"party.frequency.{kind}"


def _frequency(value) -> str | None:
    return None if str(value).strip().lower() in FREQUENCIES else _("monthly, quarterly, yearly or none")


# Each written out whole, so that the catalog has a sentence to translate, not a sentence with a hole.
DESCRIPTIONS = {
    "theme_day": N_("how often the theme party day is due: monthly, quarterly, yearly or none"),
    "party_lesson": N_("how often the party lesson is due: monthly, quarterly, yearly or none"),
    "micro_lesson": N_("how often the youth micro party lesson is due: monthly, quarterly, yearly or none"),
    "members_meeting": N_("how often the branch members' meeting is due: monthly, quarterly, yearly or none"),
    "committee_meeting": N_("how often the branch committee meeting is due: monthly, quarterly, yearly or none"),
    "group_meeting": N_("how often the party group meeting is due: monthly, quarterly, yearly or none"),
    "life_meeting": N_("how often the organizational life meeting is due: monthly, quarterly, yearly or none"),
    "red_culture": N_("how often the red culture event is due: monthly, quarterly, yearly or none"),
}

plugin.settings(
    *(
        Setting(frequency_key(kind), DEFAULT_FREQUENCY[kind], DESCRIPTIONS[kind], "str", check=_frequency)
        for kind in KINDS
    ),
    Setting(
        BRANCH_MIN_MEMBERS,
        3,
        N_("full party members from which an organization needs a party branch of its own"),
        "int",
        minimum=1,
    ),
    Setting(JOINT_MAX_ORGS, 5, N_("organizations a joint party branch may have at most"), "int", minimum=1),
    # the constitution's year, extended by at most a year (党章第七条): a million breaks every date
    Setting(PROBATION_MONTHS, 12, N_("months of probation before a party member is a full member"), "int", minimum=0, maximum=24),
    Setting(
        REGISTRATION_CRITERION,
        True,
        N_("leaving registration needs a party-building instructor or a party branch"),
        "bool",
    ),
    Setting(
        INSTRUCTOR_PROBATIONARY,
        False,
        N_("a probationary party member may be assigned as a party-building instructor"),
        "bool",
    ),
    Setting(
        GRADUATION_CRITERION,
        True,
        N_("graduating needs the organization covered by a party branch or an instructor"),
        "bool",
    ),
)


def checked(values, key: str):
    """A setting's value as ``hive settings set`` would accept it: a value damaged by hand is one clear error."""
    value = values[key]
    text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
    return values.declaration(key).parse(text)


def frequencies(values) -> dict[str, str]:
    """Each kind's frequency from the center's settings."""
    return {kind: checked(values, frequency_key(kind)).strip().lower() for kind in KINDS}
