"""The incubation pipeline, defined once, as data.

An organization moves one stage at a time from ``intake`` to ``graduated``;
each stage but the last has exit criteria (see :mod:`hive.criteria`).
"""

from __future__ import annotations

from hive.errors import InvalidInput
from hive.frozen import frozen
from hive.i18n import N_, _


@frozen
class Stage:
    id: str
    name_en: str
    name_zh: str
    summary: str

    @property
    def title(self) -> str:
        """The stage's name in the current language."""
        return _(self.name_en)


PIPELINE: tuple[Stage, ...] = (
    Stage("intake", N_("intake"), "入驻", N_("a resident group shows interest; the center records it")),
    Stage("backbone_training", N_("backbone training"), "骨干培养", N_("key members are identified and trained")),
    Stage(
        "registration",
        N_("registration"),
        "备案/注册",
        N_("the group files with the sub-district or registers with civil affairs"),
    ),
    Stage(
        "capacity_training",
        N_("capacity training"),
        "专业能力培训",
        N_("training in running services, finance and volunteers"),
    ),
    Stage("diagnosis", N_("diagnosis"), "组织诊断", N_("a structured assessment of the organization's health")),
    Stage("supervision", N_("supervision"), "督导", N_("regular sessions with a supervisor")),
    Stage("graduated", N_("graduated"), "出壳", N_("the organization runs on its own")),
)

FIRST = PIPELINE[0].id
LAST = PIPELINE[-1].id
STAGE_IDS: tuple[str, ...] = tuple(s.id for s in PIPELINE)
_BY_ID = {s.id: s for s in PIPELINE}
_INDEX = {s.id: i for i, s in enumerate(PIPELINE)}


def get(stage_id: str, field: str = "stage") -> Stage:
    """A stage by its code, or by its name in English or Chinese as people type it (``骨干培养``)."""
    found = _BY_ID.get(stage_id)
    if found is not None:
        return found
    from hive.inputs import code_key

    wanted = code_key(stage_id)
    for stage in PIPELINE:
        names = (stage.id, stage.name_en, stage.name_zh, _(stage.name_en), *stage.name_zh.split("/"))
        if wanted in {code_key(name) for name in names}:
            return stage
    raise InvalidInput(
        _("invalid {field} '{value}': expected one of {choices}").format(
            field=field, value=stage_id, choices=", ".join(f"{s.id} ({s.title})" for s in PIPELINE)
        )
    )


def index(stage_id: str) -> int:
    return _INDEX[get(stage_id).id]


def next_stage(stage_id: str) -> str | None:
    """The stage after ``stage_id``, or None once graduated."""
    i = index(stage_id)
    return PIPELINE[i + 1].id if i + 1 < len(PIPELINE) else None
