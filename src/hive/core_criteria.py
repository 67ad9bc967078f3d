"""The core's exit criteria and their settings, registered as the built-in plugin ``core``.

They go through the same hooks as any plugin's (see :mod:`hive.hookspecs`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from hive import hookimpl
from hive.clock import zone_problem
from hive.codes import uscc_problem
from hive.contract import Criterion, Outcome
from hive.i18n import N_, _, join
from hive.settings import Setting

if TYPE_CHECKING:  # loading the core plugin (for --help) must not import the ledger and the models
    from hive.models import Organization
    from hive.review import ReviewContext

CORE_SETTINGS = (
    Setting(
        "core.intake.min_members", 3, N_("members an organization needs to leave intake"), "int", "core", minimum=0
    ),
    Setting(
        "core.intake.min_backbones", 1, N_("backbones an organization needs to leave intake"), "int", "core", minimum=0
    ),
    Setting(
        "core.backbone_training.min_backbones",
        2,
        N_("trained backbones needed to leave backbone training"),
        "int",
        "core",
        minimum=0,
    ),
    Setting(
        "core.backbone_training.min_hours",
        8.0,
        N_("training hours each of those backbones needs"),
        "float",
        "core",
        minimum=0,
    ),
    Setting(
        "core.capacity_training.min_hours",
        12.0,
        N_("training hours needed since entering capacity training"),
        "float",
        "core",
        minimum=0,
    ),
    Setting(
        "core.capacity_training.min_sessions",
        3,
        N_("training sessions needed since entering capacity training"),
        "int",
        "core",
        minimum=0,
    ),
    Setting(
        "core.diagnosis.min_mean",
        3.0,
        N_("lowest mean score of the latest diagnosis"),
        "float",
        "core",
        minimum=1,
        maximum=5,
    ),
    Setting(
        "core.diagnosis.min_dimension",
        2,
        N_("lowest score any dimension of the latest diagnosis may have"),
        "int",
        "core",
        minimum=1,
        maximum=5,
    ),
    Setting(
        "core.supervision.min_sessions", 3, N_("supervision sessions needed to graduate"), "int", "core", minimum=0
    ),
    Setting("core.supervision.min_days", 90, N_("days the supervision sessions must span"), "int", "core", minimum=0),
    Setting(
        "core.timezone",
        "Asia/Shanghai",
        N_("the center's time zone (an IANA name): today's date, the audit log's times and backup names use it"),
        "str",
        "core",
        check=zone_problem,
    ),
    Setting(
        "core.due.supervision_days",
        30,
        N_("days between supervision sessions before 'hive due' lists one (0: never)"),
        "int",
        "core",
        minimum=0,
    ),
    Setting(
        "core.due.filing_change_working_days",
        7,
        N_("working days to report a change of filing or registration to the street office (0: not listed)"),
        "int",
        "core",
        minimum=0,
    ),
    Setting(
        "core.due.deregistration_days",
        30,
        N_("days to deregister an organization that filed or registered, after it is dissolved (0: not listed)"),
        "int",
        "core",
        minimum=0,
    ),
    Setting(
        "core.holidays",
        [],
        N_("public holidays that are not working days (dates, comma separated)"),
        "list[date]",
        "core",
    ),
    Setting(
        "core.working_weekends",
        [],
        N_("weekend days that are working days, in lieu of a holiday (dates, comma separated)"),
        "list[date]",
        "core",
    ),
    Setting(
        "core.assessment.rubric",
        "",
        N_("the rubric whose latest assessment must score core.assessment.min_total to graduate (empty: off)"),
        "str",
        "core",
    ),
    Setting(
        "core.assessment.min_total",
        0.0,
        N_("the total the latest assessment with core.assessment.rubric must reach to graduate"),
        "float",
        "core",
        minimum=0,
    ),
    Setting(
        "core.intake.review_working_days",
        5,
        N_("working days in which an application gets its initial review (0: not listed in 'hive due')"),
        "int",
        "core",
        minimum=0,
    ),
    Setting(
        "core.due.agreement_notice_days",
        30,
        N_("days before an incubation agreement ends that 'hive due' lists it, to renew it or plan the exit"),
        "int",
        "core",
        minimum=0,
    ),
    Setting(
        "core.exit.handover_working_days",
        15,
        N_("working days an organization that exits has to hand back its desk, keys and files"),
        "int",
        "core",
        minimum=0,
    ),
    Setting(
        "core.service_categories",
        [],
        N_("the service categories an organization may have (texts, comma separated; empty: any text)"),
        "list[str]",
        "core",
    ),
    Setting(
        "core.filing_thresholds",
        False,
        N_("check Guangdong's filing thresholds before an organization leaves registration (off by default)"),
        "bool",
        "core",
    ),
    Setting(
        "core.filing_thresholds.association_initiators",
        3,
        N_("initiators a social association needs (Guangdong: 3)"),
        "int",
        "core",
        minimum=0,
    ),
    Setting(
        "core.filing_thresholds.association_members",
        10,
        N_("members a social association needs (Guangdong: 10)"),
        "int",
        "core",
        minimum=0,
    ),
    Setting(
        "core.filing_thresholds.service_initiators",
        2,
        N_("initiators a social service agency needs (Guangdong: 2)"),
        "int",
        "core",
        minimum=0,
    ),
    Setting(
        "core.filing_thresholds.service_staff",
        2,
        N_("staff (its members) a social service agency needs (Guangdong: 2)"),
        "int",
        "core",
        minimum=0,
    ),
    Setting("core.language", "", N_("the center's language for hive's messages (en or zh_CN)"), "str", "core"),
    Setting(
        "core.busy_timeout",
        10.0,
        N_("seconds a writing command waits for another one before 'center is busy' ($HIVE_BUSY_TIMEOUT wins)"),
        "float",
        "core",
        minimum=0,
    ),
)


def _fmt(hours: float) -> str:
    return f"{hours:.1f}"


def intake_members(org: Organization, ctx: ReviewContext) -> Outcome:
    members = ctx.members(org.id)
    need_members = ctx.settings["core.intake.min_members"]
    need_backbones = ctx.settings["core.intake.min_backbones"]
    backbones = sum(1 for m in members if m.backbone)
    problems = []
    if len(members) < need_members:
        problems.append(_("has {count} of {need} members").format(count=len(members), need=need_members))
    if backbones < need_backbones:
        problems.append(_("has {count} of {need} backbones").format(count=backbones, need=need_backbones))
    return Outcome(not problems, join(problems), {"members": len(members), "backbones": backbones})


def backbones_trained(org: Organization, ctx: ReviewContext) -> Outcome:
    need = ctx.settings["core.backbone_training.min_backbones"]
    min_hours = float(ctx.settings["core.backbone_training.min_hours"])
    hours: dict[str, float] = defaultdict(float)
    for training in ctx.trainings(org.id):
        for person in set(training.attendees):
            hours[person] += training.hours
    backbones = [m.person for m in ctx.members(org.id) if m.backbone]
    evidence = {pid: hours[pid] for pid in backbones}
    trained = [pid for pid in backbones if hours[pid] >= min_hours]
    if len(trained) >= need:
        return Outcome(True, "", {"backbone_hours": evidence})
    problems = [
        _("backbone {name} has {hours} of {need} training hours").format(
            name=ctx.person(pid).name, hours=_fmt(hours[pid]), need=_fmt(min_hours)
        )
        for pid in backbones
        if hours[pid] < min_hours
    ]
    if len(backbones) < need:
        problems.append(_("has {count} of {need} backbones").format(count=len(backbones), need=need))
    head = _("{count} of {need} backbones have {hours} training hours").format(
        count=len(trained), need=need, hours=_fmt(min_hours)
    )
    return Outcome(False, join([head, *problems]), {"backbone_hours": evidence})


def registered(org: Organization, ctx: ReviewContext) -> Outcome:
    records = ctx.registrations(org.id)
    if not records:
        return Outcome(False, _("no filing number or unified social credit code recorded"), {})
    latest = records[-1]
    if latest.uscc:
        problem = uscc_problem(latest.uscc)
        if problem:
            return Outcome(
                False,
                _("unified social credit code {code} is invalid: {problem}").format(code=latest.uscc, problem=problem),
                {"uscc": latest.uscc},
            )
        return Outcome(True, "", {"uscc": latest.uscc, "date": latest.date.isoformat()})
    return Outcome(True, "", {"filing_no": latest.filing_no, "date": latest.date.isoformat()})


def capacity_trained(org: Organization, ctx: ReviewContext) -> Outcome:
    since = org.stage_since or org.joined
    sessions = [t for t in ctx.trainings(org.id) if t.date >= since]
    hours = sum(t.hours for t in sessions)
    need_hours = float(ctx.settings["core.capacity_training.min_hours"])
    need_sessions = ctx.settings["core.capacity_training.min_sessions"]
    problems = []
    if hours < need_hours:
        problems.append(
            _("{hours} of {need} training hours since {date}").format(
                hours=_fmt(hours), need=_fmt(need_hours), date=since.isoformat()
            )
        )
    if len(sessions) < need_sessions:
        problems.append(
            _("{count} of {need} training sessions since {date}").format(
                count=len(sessions), need=need_sessions, date=since.isoformat()
            )
        )
    return Outcome(not problems, join(problems), {"hours": hours, "sessions": len(sessions)})


def diagnosed_healthy(org: Organization, ctx: ReviewContext) -> Outcome:
    records = ctx.diagnoses(org.id)
    if not records:
        return Outcome(False, _("no diagnosis recorded"), {})
    latest = records[-1]
    min_mean = float(ctx.settings["core.diagnosis.min_mean"])
    min_dim = ctx.settings["core.diagnosis.min_dimension"]
    problems = []
    if latest.mean < min_mean:
        problems.append(
            _("latest diagnosis ({date}) has mean score {mean}, below {need}").format(
                date=latest.date.isoformat(), mean=f"{latest.mean:.2f}", need=f"{min_mean:.1f}"
            )
        )
    for dim, score in sorted(latest.scores.items()):
        if score < min_dim:
            problems.append(
                _("dimension {dimension} scored {score}, below {need}").format(dimension=dim, score=score, need=min_dim)
            )
    return Outcome(
        not problems,
        join(problems),
        {"date": latest.date.isoformat(), "mean": latest.mean, "scores": latest.scores},
    )


def supervised(org: Organization, ctx: ReviewContext) -> Outcome:
    sessions = ctx.supervisions(org.id)
    need = ctx.settings["core.supervision.min_sessions"]
    min_days = ctx.settings["core.supervision.min_days"]
    span = (sessions[-1].date - sessions[0].date).days if sessions else 0
    problems = []
    if len(sessions) < need:
        problems.append(_("{count} of {need} supervision sessions").format(count=len(sessions), need=need))
    if span < min_days:
        problems.append(_("supervision sessions span {days} of {need} days").format(days=span, need=min_days))
    return Outcome(not problems, join(problems), {"sessions": len(sessions), "span_days": span})


def filing_thresholds(org: Organization, ctx: ReviewContext) -> Outcome:
    """Guangdong's thresholds to file (备案): initiators of the latest application, and members, by legal form."""
    from hive.models import Application

    if not ctx.settings["core.filing_thresholds"]:
        return Outcome(True, "", {"checked": False})
    if org.org_type not in ("association", "service_agency"):
        if org.org_type is None:
            return Outcome(
                False,
                _(
                    "no organization type recorded: the filing thresholds depend on it (hive edit {id} org_type=...)"
                ).format(id=org.id),
                {},
            )
        return Outcome(True, "", {"checked": False, "org_type": org.org_type})
    applied = sorted(ctx.records(Application, org=org.id), key=lambda a: a.received)
    initiators = len(applied[-1].initiators) if applied else 0
    members = len(ctx.members(org.id))
    prefix = "association" if org.org_type == "association" else "service"
    need_initiators = ctx.settings[f"core.filing_thresholds.{prefix}_initiators"]
    need_members = ctx.settings[
        "core.filing_thresholds.association_members"
        if prefix == "association"
        else "core.filing_thresholds.service_staff"
    ]
    problems = []
    if initiators < need_initiators:
        problems.append(_("has {count} of {need} initiators").format(count=initiators, need=need_initiators))
    if members < need_members:
        problems.append(
            (
                _("has {count} of {need} members") if prefix == "association" else _("has {count} of {need} staff")
            ).format(count=members, need=need_members)
        )
    return Outcome(
        not problems, join(problems), {"org_type": org.org_type, "initiators": initiators, "members": members}
    )


def assessed(org: Organization, ctx: ReviewContext) -> Outcome:
    from hive.assessment import criterion_check

    return criterion_check(org, ctx)


CORE_CRITERIA = (
    Criterion(
        "core.members",
        "intake",
        N_("at least {core.intake.min_members} members, at least {core.intake.min_backbones} of them backbones"),
        intake_members,
    ),
    Criterion(
        "core.backbones_trained",
        "backbone_training",
        N_(
            "at least {core.backbone_training.min_backbones} backbones with {core.backbone_training.min_hours} training hours each"
        ),
        backbones_trained,
    ),
    Criterion(
        "core.registered", "registration", N_("a filing number or a valid unified social credit code"), registered
    ),
    Criterion(
        "core.filing_thresholds",
        "registration",
        N_(
            "Guangdong's filing thresholds (off unless core.filing_thresholds is on): a social association has "
            "{core.filing_thresholds.association_initiators} initiators and {core.filing_thresholds.association_members} "
            "members, a social service agency {core.filing_thresholds.service_initiators} initiators and "
            "{core.filing_thresholds.service_staff} staff"
        ),
        filing_thresholds,
    ),
    Criterion(
        "core.capacity_training",
        "capacity_training",
        N_(
            "{core.capacity_training.min_hours} training hours over {core.capacity_training.min_sessions} sessions since entering the stage"
        ),
        capacity_trained,
    ),
    Criterion(
        "core.diagnosis",
        "diagnosis",
        N_(
            "latest diagnosis mean at least {core.diagnosis.min_mean}, no dimension below {core.diagnosis.min_dimension}"
        ),
        diagnosed_healthy,
    ),
    Criterion(
        "core.supervision",
        "supervision",
        N_("{core.supervision.min_sessions} supervision sessions spanning at least {core.supervision.min_days} days"),
        supervised,
    ),
    Criterion(
        "core.assessment",
        "supervision",
        N_(
            "the latest assessment with the chosen rubric scores at least the minimum (off unless core.assessment.rubric is set)"
        ),
        assessed,
    ),
)


@hookimpl
def hive_criteria() -> list[Criterion]:
    return list(CORE_CRITERIA)


@hookimpl
def hive_settings() -> list[Setting]:
    return list(CORE_SETTINGS)


@hookimpl
def hive_report_sections(ledger, period):
    from hive.report.core_sections import sections

    return sections(ledger, period)


@hookimpl
def hive_district_figures():
    from hive.report.core_sections import district_figures

    return district_figures()


@hookimpl
def hive_due(ledger, today, within):
    from hive.core_due import items

    return items(ledger, today, within)
