"""The demo center: the organizations named in the article, at every stage.

Dates are relative to today so that a review run today gives a mix of
verdicts: some organizations ready to move on, others stuck for a stated reason.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from hive import clock
from hive.center import start
from hive.errors import Conflict
from hive.i18n import _
from hive.ledger import CENTER_TABLE, Ledger
from hive.lifecycle import move
from hive.models import ACTIVE, Center, Membership, Organization, Person
from hive.plugins import Plugins
from hive.records import record_diagnosis, record_registration, record_supervision, record_training
from hive.stages import STAGE_IDS
from hive.store import Store

DEMO_PATH = Path("hive-demo.json")

# Synthetic centers for benchmarks (``hive demo --size``): about this many records of each figure.
SIZES: dict[str, dict[str, int]] = {
    "article": {},
    "small": {
        "organizations": 20,
        "people": 500,
        "stage_records": 1_000,
        "volunteers": 200,
        "volunteer_records": 5_000,
        "party_activities": 50,
        "resources": 20,
        "needs": 20,
    },
    "medium": {
        "organizations": 200,
        "people": 5_000,
        "stage_records": 10_000,
        "volunteers": 2_000,
        "volunteer_records": 50_000,
        "party_activities": 500,
        "resources": 200,
        "needs": 200,
    },
    "large": {
        "organizations": 2_000,
        "people": 50_000,
        "stage_records": 100_000,
        "volunteers": 20_000,
        "volunteer_records": 500_000,
        "party_activities": 5_000,
        "resources": 2_000,
        "needs": 2_000,
    },
}

PEOPLE = [
    ("王芳", "13812340001"),
    ("李娜", "13812340002"),
    ("张伟", "13812340003"),
    ("刘洋", "13812340004"),
    ("陈静", "13812340005"),
    ("杨敏", "13812340006"),
    ("赵磊", "13812340007"),
    ("黄丽", "13812340008"),
    ("周杰", "13812340009"),
    ("吴霞", "13812340010"),
    ("徐强", "13812340011"),
    ("孙燕", "13812340012"),
    ("马超", "13812340013"),
    ("朱琳", "13812340014"),
    ("胡斌", "13812340015"),
    ("郭婷", "13812340016"),
    ("何勇", "13812340017"),
    ("高洁", "13812340018"),
    ("林峰", "13812340019"),
    ("罗红", "13812340020"),
    ("郑凯", "13812340021"),
    ("梁雪", "13812340022"),
    ("谢涛", "13812340023"),
    ("宋佳", "13812340024"),
    ("唐亮", "13812340025"),
    ("许梅", "13812340026"),
    ("韩冰", "13812340027"),
    ("冯雨", "13812340028"),
    ("邓超", "13812340029"),
    ("曹颖", "13812340030"),
    ("彭辉", "13812340031"),
    ("曾丹", "13812340032"),
    ("肖鹏", "13812340033"),
    ("田甜", "13812340034"),
    ("董明", "13812340035"),
    ("袁媛", "13812340036"),
]

# name, kind, community, stage it has reached, members (indexes into PEOPLE; first ones are backbones), backbones
ORGANIZATIONS = [
    ("阅翼成长阅读俱乐部", "读书会", "益田社区", "supervision", range(0, 6), 2),
    ("艺舞人生艺术团", "文艺团队", "益田社区", "diagnosis", range(6, 11), 2),
    ("多彩多意书画院", "书画社", "益田社区", "diagnosis", range(11, 15), 2),
    ("棒棒堂亲子关系促进中心", "亲子服务", "海珠社区", "capacity_training", range(15, 19), 2),
    ("俪人妈妈义工队", "志愿服务队", "海珠社区", "registration", range(19, 25), 2),
    ("幸福家成长营", "家庭服务", "海珠社区", "registration", range(25, 29), 2),
    ("便民服务队", "志愿服务队", "四季花城社区", "backbone_training", range(29, 33), 2),
    ("文化宣传队", "文化宣传", "四季花城社区", "backbone_training", range(0, 4), 2),
    ("四季阳光心理咨询团", "心理咨询", "四季花城社区", "intake", range(33, 35), 1),
    ("智慧父母读书会", "读书会", "四季花城社区", "intake", range(4, 8), 1),
    ("中外志愿服务交流营", "志愿服务", "四季花城社区", "graduated", range(8, 14), 3),
]


def build(path: Path, plugins: Plugins, operator: str) -> Ledger:
    """(Re)build the demo center at ``path``; never replaces a file that is not a demo center.

    Returns the ledger, committed, with every bundled plugin enabled and its demo data added.
    """
    if path.exists():
        store = Store.open(path, write=True)
        try:
            center_doc = store.documents(CENTER_TABLE).get("1", {})
            if not center_doc.get("demo"):
                raise Conflict(
                    _("{path} holds a center that is not a demo; hive demo never replaces it (use --db)").format(
                        path=path
                    )
                )
            store.reset()
        except BaseException:
            store.close()
            raise
    else:
        store = Store.create(path)
    try:
        bundled = [name for name, info in plugins.info.items() if info.bundled and not info.error and name != "core"]
        center = Center(
            name="深圳市社区党群服务中心（演示）",
            district="福田区 / 南山区 / 龙岗区",
            community="益田社区 · 海珠社区 · 四季花城社区",
            plugins=bundled,
            created=clock.today(),
            demo=True,
        )
        start(store, center, operator)
        ledger = Ledger(store, operator=operator, registry=plugins.registry)
        _populate(ledger, plugins)
        plugins.call(
            "hive_demo",
            ledger.center.plugins,
            ledger=ledger,
            size="article",
            counts=SIZES["article"],
            rng=random.Random(0),
        )
        ledger.commit()
    finally:
        store.close()
    return ledger


def _populate(ledger: Ledger, plugins: Plugins) -> None:
    today = ledger.today
    people = [ledger.add(Person(id="", name=n, phone=p, added=today - dt.timedelta(days=500))) for n, p in PEOPLE]
    for n, (name, kind, _community, reached, members, backbones) in enumerate(ORGANIZATIONS):
        joined = today - dt.timedelta(days=480 - n * 7)
        org = ledger.add(Organization(id="", name=name, kind=kind, joined=joined, stage_since=joined))
        member_ids = [people[i].id for i in members]
        for k, pid in enumerate(member_ids):
            ledger.add(Membership(id="", org=org.id, person=pid, since=joined, backbone=k < backbones))
        _walk(ledger, plugins, org, member_ids[:backbones], STAGE_IDS.index(reached), n)


def _walk(ledger: Ledger, plugins: Plugins, org: Organization, backbones: list[str], reached: int, n: int) -> None:
    """Give ``org`` the records of each stage it passed, then the partial records of its current one."""
    day = org.joined
    step = dt.timedelta(days=60)
    for stage_index, stage in enumerate(STAGE_IDS[:-1]):
        passed = stage_index < reached
        if stage == "backbone_training":
            hours = 4.0 if (not passed and n % 2 == 0) else 9.0
            record_training(
                ledger,
                org.id,
                date=day + dt.timedelta(days=10),
                hours=hours,
                topic="骨干领导力培训",
                attendees=backbones,
            )
        elif stage == "registration" and (passed or n % 2 == 0):
            record_registration(ledger, org.id, date=day + dt.timedelta(days=20), uscc=_DEMO_USCC[n % len(_DEMO_USCC)])
        elif stage == "capacity_training":
            sessions = 3 if passed else 2
            for k in range(sessions):
                record_training(
                    ledger,
                    org.id,
                    date=day + dt.timedelta(days=5 + k * 10),
                    hours=4.5,
                    topic=["项目策划与执行", "财务管理", "志愿者管理"][k],
                    attendees=backbones,
                )
        elif stage == "diagnosis":
            low = not passed and n % 2 == 0
            scores = ["治理结构=4", "财务管理=3", "服务能力=4", f"志愿者管理={1 if low else 3}"]
            record_diagnosis(ledger, org.id, date=day + dt.timedelta(days=15), scores=scores)
        elif stage == "supervision":
            for k in range(3):
                record_supervision(
                    ledger,
                    org.id,
                    date=day + dt.timedelta(days=5 + k * 50),
                    supervisor="陈督导",
                    notes=["制定年度计划", "复盘服务成效", "筹备独立运作"][k],
                )
        if not passed:
            return
        day = min(day + (step * 2 if stage == "supervision" else step), ledger.today)
        org = ledger.get(Organization, org.id)
        move(
            ledger,
            plugins,
            org,
            to_stage=STAGE_IDS[stage_index + 1],
            status=ACTIVE,
            date=day,
            reason="阶段评估通过",
            action="advance",
        )
        if stage == "supervision":
            return


# Valid unified social credit codes (check characters verified) for the demo registrations.
_DEMO_USCC = ["53440300MJL1234562", "53440305MJL0000017", "52440307MJL567890Q"]
