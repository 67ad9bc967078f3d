"""The plugin's settings: how often each activity is due, and the thresholds of coverage."""

from __future__ import annotations

from hive.errors import InvalidInput
from hive.settings import Setting
from hive_party import _
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


def frequency_key(kind: str) -> str:
    return f"party.frequency.{kind}"


def settings() -> list[Setting]:
    """Declared when the registry is built, so descriptions are translated then."""
    declared = [
        Setting(
            frequency_key(kind),
            DEFAULT_FREQUENCY[kind],
            _("how often the {kind} is due: monthly, quarterly, yearly or none").format(kind=_(KINDS[kind])),
            "str",
        )
        for kind in KINDS
    ]
    declared += [
        Setting(
            BRANCH_MIN_MEMBERS,
            3,
            _("full party members from which an organization needs a party branch of its own"),
            "int",
            minimum=1,
        ),
        Setting(JOINT_MAX_ORGS, 5, _("organizations a joint party branch may have at most"), "int", minimum=1),
        Setting(  # the constitution's year, extended by at most a year (党章第七条): a million breaks every date
            PROBATION_MONTHS,
            12,
            _("months of probation before a party member is a full member"),
            "int",
            minimum=0,
            maximum=24,
        ),
        Setting(
            REGISTRATION_CRITERION,
            True,
            _("leaving registration needs a party-building instructor or a party branch"),
            "bool",
        ),
        Setting(
            GRADUATION_CRITERION,
            True,
            _("graduating needs the organization covered by a party branch or an instructor"),
            "bool",
        ),
    ]
    return declared


def frequencies(values) -> dict[str, str]:
    """Each kind's frequency from the center's settings; a mistyped value is one clear error."""
    found = {}
    for kind in KINDS:
        key = frequency_key(kind)
        value = str(values[key]).strip().lower()
        if value not in FREQUENCIES:
            raise InvalidInput(
                _("setting {key} is '{value}': expected one of {choices} (hive settings set {key} monthly)").format(
                    key=key, value=values[key], choices=", ".join(FREQUENCIES)
                )
            )
        found[kind] = value
    return found


def whole(values, key: str, minimum: int = 1) -> int:
    """An int setting that must be at least ``minimum``."""
    value = values[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise InvalidInput(
            _("setting {key} is '{value}': expected a whole number of at least {minimum}").format(
                key=key, value=value, minimum=minimum
            )
        )
    return value
