"""The plugin's settings: star thresholds, the certificate's signatory, the graduation criterion."""

from __future__ import annotations

from typing import Any

from hive import N_, Setting
from hive.errors import InvalidInput
from hive_volunteer import _, plugin

STAR_HOURS = "volunteer.star_hours"
SIGNATORY = "volunteer.certificate_signatory"
TEAM_CRITERION = "volunteer.graduation_needs_team"
TEAM_MIN_VOLUNTEERS = "volunteer.team_min_volunteers"
TEAM_MIN_HOURS = "volunteer.team_min_hours"
TEAM_WINDOW_DAYS = "volunteer.team_window_days"
APPROVAL_DAYS = "volunteer.approval_days"
IMPORT_MAX_ROWS = "volunteer.import_max_rows"
APPROVAL_BY_OTHER = "volunteer.approval_by_other"
SEPARATE_APPROVER = "volunteer.separate_approver"  # its older name, still read
MIN_HOURS = "volunteer.min_hours"
TEAM_MEMBERSHIP = "volunteer.team_membership"
REFUSE, WARN = "refuse", "warn"
PUBLICITY = "volunteer.certificate_publicity"
PUBLICITY_DAYS = 7  # 民发〔2015〕149号: a certificate's records are shown internally for 7 days first
MIN_AGE = 16  # service dated before the volunteer's 16th birthday (from the ID number) is refused
NATIONAL_MAPPING = "volunteer.national_mapping"

# 中国社区志愿者注册管理办法 art. 18 and Guangdong practice; Beijing uses 100,200,500,800,1000.
DEFAULT_STAR_HOURS = [100.0, 300.0, 600.0, 1000.0, 1500.0]


def _ascending(hours: list[float]) -> str | None:
    """What ``hive settings set`` expects of the star thresholds, when they are not it."""
    if not hours or any(h <= 0 for h in hours) or hours != sorted(set(hours)):
        return _("ascending hours above 0, such as 100,300,600")
    return None


def _refuse_or_warn(value: str) -> str | None:
    return None if value in (REFUSE, WARN) else _("refuse or warn")


def approval_by_other(values: Any) -> bool:
    """录入人 ≠ 审核人: on under its name or its older one."""
    return bool(values[APPROVAL_BY_OTHER] or values[SEPARATE_APPROVER])


def star_hours(values: Any) -> list[float]:
    """The star thresholds from the center's settings; a mistyped value is one clear error."""
    value = values[STAR_HOURS]
    try:
        thresholds = [float(v) for v in value]
    except (TypeError, ValueError):
        thresholds = []
    if not thresholds or any(t <= 0 for t in thresholds) or thresholds != sorted(set(thresholds)):
        raise InvalidInput(
            _(
                "setting {key} is '{value}': expected ascending hours above 0 (hive settings set {key} 100,300,600)"
            ).format(key=STAR_HOURS, value=value)
        )
    return thresholds


def number(values: Any, key: str, minimum: float = 0) -> float:
    """A numeric setting that must be at least ``minimum``."""
    value = values[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise InvalidInput(
            _("setting {key} is '{value}': expected a number of at least {minimum}").format(
                key=key, value=value, minimum=minimum
            )
        )
    return value


plugin.settings(
    Setting(
        STAR_HOURS,
        list(DEFAULT_STAR_HOURS),
        N_("approved hours for each star level, ascending (comma separated)"),
        "list[float]",
        minimum=0,
        check=_ascending,
    ),
    Setting(
        SIGNATORY,
        "",
        N_("the center's responsible person named on service certificates"),
        "str",
    ),
    Setting(
        TEAM_CRITERION,
        True,
        N_("graduating needs a volunteer team of the organization with recent approved hours"),
        "bool",
    ),
    Setting(TEAM_MIN_VOLUNTEERS, 5, N_("volunteers the organization's team needs to graduate"), "int", minimum=0),
    Setting(
        TEAM_MIN_HOURS, 50.0, N_("approved hours the team needs in the recent days to graduate"), "float", minimum=0
    ),
    Setting(TEAM_WINDOW_DAYS, 90, N_("how many recent days count for the team's hours"), "int", minimum=1),
    Setting(
        APPROVAL_DAYS,
        7,
        N_("days after the service by which pending hours are due for approval in 'hive due'"),
        "int",
        minimum=0,
    ),
    Setting(  # a bound on memory: a row costs about a kilobyte until the import's one commit
        IMPORT_MAX_ROWS,
        100_000,
        N_("rows a CSV file given to 'hive volunteer import' may have at most"),
        "int",
        minimum=1,
        maximum=10_000_000,
    ),
    Setting(
        APPROVAL_BY_OTHER,
        False,
        N_("hours are approved or rejected only by someone other than who logged them (录入人 ≠ 审核人)"),
        "bool",
    ),
    Setting(SEPARATE_APPROVER, False, N_("the older name of volunteer.approval_by_other (either on turns it on)"), "bool"),
    Setting(
        PUBLICITY,
        False,
        N_("a certificate is issued only after its 7-day internal publicity (issue --publicize) has ended"),
        "bool",
    ),
    Setting(MIN_HOURS, 0.5, N_("hours one service record must have at least"), "float", minimum=0.01, maximum=24),
    Setting(
        TEAM_MEMBERSHIP,
        WARN,
        N_("hours logged for a team by someone not its member on that day: refuse or warn"),
        "str",
        check=_refuse_or_warn,
    ),
    Setting(
        NATIONAL_MAPPING,
        "",
        N_("the column mapping (JSON file) of 'hive volunteer export --national'; empty: the bundled national-v1"),
        "str",
    ),
)
