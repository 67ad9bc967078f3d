"""Demo records: the article's kinds of providers, a pool, needs and a few allocations."""

from __future__ import annotations

import datetime as dt
import random

from typing import TYPE_CHECKING

import attrs

from hive.models import Organization
from hive_resource.models import CANCELLED, FULFILLED, OPEN, Allocation, Need, Provider, Resource

if TYPE_CHECKING:
    from hive.ledger import Ledger

# name, kind, contact (invented)
PROVIDERS = [
    ("社区银行益田支行", "bank", "0755-83001234"),
    ("海珠社区健康服务中心", "hospital", "0755-26001234"),
    ("乐动健身房", "enterprise", "13800001111"),
    ("鹏城社区公益基金会", "foundation", "0755-88001234"),
    ("四季花城物业服务有限公司", "enterprise", "13900002222"),
    ("龙岗区文化广电旅游体育局", "government", "0755-28001234"),
    ("本中心", "center", ""),
]

# provider index, kind, quantity, unit, description, community, tags, days until it ends (None: no end)
RESOURCES = [
    (6, "venue", 40, "hours", "多功能活动室", "益田社区", ["室内"], None),
    (0, "funds", 20000, "yuan", "社区公益金", "益田社区", [], 180),
    (1, "manpower", 24, "hours", "义诊与健康讲座", "海珠社区", ["健康", "长者"], 120),
    (2, "venue", 12, "hours", "瑜伽室", "海珠社区", ["运动"], 90),
    (3, "funds", 50000, "yuan", "社区微公益项目资助", "", [], 240),
    (4, "materials", 200, "items", "捐赠图书", "四季花城社区", ["阅读"], None),
    (5, "facility", 2, "items", "音响设备", "四季花城社区", [], 60),
    (3, "funds", 10000, "yuan", "困境儿童关爱基金", "", ["儿童"], 240),  # earmarked: only for needs tagged 儿童
]

# organization name (None: the center), kind, quantity, unit, days until needed, priority, tags, community, what for
NEEDS = [
    ("阅翼成长阅读俱乐部", "materials", 120, "items", 30, 4, ["阅读"], "益田社区", "读书会图书角"),
    ("艺舞人生艺术团", "venue", 6, "hours", 20, 3, [], "益田社区", "排练场地"),
    ("棒棒堂亲子关系促进中心", "funds", 8000, "yuan", 45, 5, [], "海珠社区", "亲子沟通工作坊"),
    ("俪人妈妈义工队", "manpower", 8, "hours", 30, 3, ["健康"], "海珠社区", "长者健康探访"),
    ("幸福家成长营", "funds", 15000, "yuan", 60, 3, [], "海珠社区", "家庭成长营活动"),
    ("四季阳光心理咨询团", "venue", 4, "hours", 14, 2, ["安静"], "四季花城社区", "个案咨询室"),
    (None, "facility", 1, "items", 10, 3, [], "四季花城社区", "中外志愿服务交流营开幕式"),
    (None, "venue", 120, "square_metres", 40, 4, [], "益田社区", "红色文化展览"),
    ("棒棒堂亲子关系促进中心", "funds", 6000, "yuan", 50, 4, ["儿童"], "海珠社区", "困境儿童暑期托管"),
]


# What this plugin adds to each synthetic center (``hive demo --size``). The core's own figures are in
# hive.demo.SIZES.
SIZES: dict[str, dict[str, int]] = {
    "small": {"resources": 20, "needs": 20},
    "medium": {"resources": 200, "needs": 200},
    "center": {"resources": 100, "needs": 100},
    "large": {"resources": 2_000, "needs": 2_000},
}


def hive_demo(ledger: Ledger, size: str, counts: dict[str, int], rng: random.Random) -> None:
    if size == "article":
        _article(ledger)
    elif size in SIZES:
        _synthetic(ledger, SIZES[size], rng)


def _article(ledger: Ledger) -> None:
    today = ledger.today
    providers = ledger.add_many(
        [Provider(id="", name=n, kind=k, contact=c, added=today - dt.timedelta(days=200)) for n, k, c in PROVIDERS],
        action="demo resource providers",
    )
    resources = ledger.add_many(
        [
            Resource(
                id="",
                provider=providers[p].id,
                kind=kind,
                quantity=float(q),
                unit=unit,
                description=what,
                start=today - dt.timedelta(days=60),
                end=today + dt.timedelta(days=days) if days else None,
                community=community,
                tags=tags,
                added=today - dt.timedelta(days=60),
                any_need=PROVIDERS[p][1] == "center",  # the center's own rooms serve every group, whatever their tags
            )
            for p, kind, q, unit, what, community, tags, days in RESOURCES
        ],
        action="demo resources",
    )
    orgs = {o.name: o.id for o in ledger.all(Organization)}
    needs = ledger.add_many(
        [
            Need(
                id="",
                org=orgs.get(name) if name else None,
                kind=kind,
                quantity=float(q),
                unit=unit,
                by=today + dt.timedelta(days=days),
                priority=priority,
                tags=tags,
                community=community,
                description=what,
                added=today - dt.timedelta(days=40),
            )
            for name, kind, q, unit, days, priority, tags, community, what in NEEDS
        ],
        action="demo resource needs",
    )
    operator = ledger.operator
    ledger.add_many(
        [
            # the reading club got its books from outside (it can mobilise resources: graduation)
            Allocation(
                "",
                needs[0].id,
                resources[5].id,
                100.0,
                today - dt.timedelta(days=30),
                operator,
                FULFILLED,
                today - dt.timedelta(days=20),
            ),
            Allocation("", needs[1].id, resources[0].id, 6.0, today - dt.timedelta(days=5), operator, OPEN),
            Allocation(
                "",
                needs[2].id,
                resources[1].id,
                5000.0,
                today - dt.timedelta(days=25),
                operator,
                CANCELLED,
                today - dt.timedelta(days=15),
                "活动延期",
            ),
        ],
        action="demo resource allocations",
    )


# -- synthetic pools --------------------------------------------------------------------------------

PROVIDER_KIND_WEIGHTS = {
    "enterprise": 30,
    "foundation": 10,
    "bank": 10,
    "hospital": 8,
    "school": 10,
    "government": 12,
    "social_organization": 12,
    "other": 4,
    "center": 4,
}
PROVIDER_NAMES = {
    "enterprise": ("科技有限公司", "健身房", "餐饮店", "物业服务有限公司", "超市"),
    "foundation": ("公益基金会", "慈善基金会"),
    "bank": ("银行支行", "农商银行网点"),
    "hospital": ("社康中心", "医院"),
    "school": ("小学", "职业培训学校", "社区学院"),
    "government": ("街道办事处", "文体局", "团区委"),
    "social_organization": ("社工服务中心", "志愿者协会"),
    "other": ("商会", "业主委员会"),
    "center": ("党群服务中心",),
}
# kind -> (weight, units, (lowest, highest) quantity)
KIND_PLAN = {
    "funds": (30, ("yuan",), (1_000, 50_000)),
    "materials": (20, ("items",), (5, 400)),
    "manpower": (20, ("hours",), (2, 120)),
    "facility": (15, ("items", "square_metres"), (1, 60)),
    "venue": (15, ("hours", "square_metres"), (2, 200)),
}
TAGS = ("儿童", "长者", "青少年", "妇女", "残障", "健康", "阅读", "运动", "文艺", "环保", "周末", "室内", "户外")


def synthetic_pool(
    rng: random.Random,
    today: dt.date,
    *,
    resources: int,
    needs: int,
    orgs: list[str],
    communities: list[str],
) -> tuple[list[Provider], list[Resource], list[Need]]:
    """Providers, resources and needs with ids (``rp1``, ``rs1``, ``rn1``...), every choice from ``rng``.

    Used by ``hive demo --size`` and by ``benchmarks/match.py``.
    """
    kinds = list(PROVIDER_KIND_WEIGHTS)
    providers = []
    for k in range(max(5, resources // 8)):
        kind = rng.choices(kinds, [PROVIDER_KIND_WEIGHTS[x] for x in kinds])[0]
        name = f"{rng.choice(communities)}{rng.choice(PROVIDER_NAMES[kind])}{k + 1}"
        contact = "1" + rng.choice("3589") + f"{rng.randrange(10**9):09d}" if rng.random() < 0.7 else ""
        providers.append(Provider(f"rp{k + 1}", name, kind, contact, today - dt.timedelta(days=rng.randint(30, 700))))

    plan = list(KIND_PLAN)
    weights = [KIND_PLAN[k][0] for k in plan]

    def amount(kind: str, unit: str, scale: float = 1.0) -> float:
        low, high = KIND_PLAN[kind][2]
        value = rng.uniform(low, high) * scale
        if unit == "yuan":
            return float(max(100, round(value, -2)))
        return float(max(1, round(value)))

    def tags(most: int) -> list[str]:
        return rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2, 3][: most + 2]))

    pool = []
    for k in range(resources):
        kind = rng.choices(plan, weights)[0]
        unit = rng.choice(KIND_PLAN[kind][1])
        start = today + dt.timedelta(days=rng.randint(-120, 60))
        end = start + dt.timedelta(days=rng.randint(30, 365)) if rng.random() < 0.8 else None
        # drawn in the order of the fields, so a seed gives the pool it always gave
        provider, quantity = rng.choice(providers).id, amount(kind, unit, 1.5)
        community, tagged = rng.choice(communities), tags(4)
        added = today - dt.timedelta(days=rng.randint(0, 120))
        added = min(added, end) if end else added  # it was offered before its window closed
        pool.append(Resource(f"rs{k + 1}", provider, kind, quantity, unit, "", start, end, community, tagged, added))
    wanted = []
    for k in range(needs):
        kind = rng.choices(plan, weights)[0]
        unit = rng.choice(KIND_PLAN[kind][1])
        wanted.append(
            Need(
                f"rn{k + 1}",
                org=rng.choice(orgs) if orgs and rng.random() < 0.85 else None,
                kind=kind,
                quantity=amount(kind, unit, 0.6),
                unit=unit,
                by=today + dt.timedelta(days=rng.randint(7, 180)) if rng.random() < 0.85 else None,
                priority=rng.randint(1, 5),
                tags=tags(1),
                community=rng.choice(communities),
                description="",
                added=today - dt.timedelta(days=rng.randint(0, 60)),
            )
        )
    return providers, pool, wanted


def _synthetic(ledger: Ledger, counts: dict[str, int], rng: random.Random) -> None:
    from hive.demo import COMMUNITIES

    orgs = [o.id for o in ledger.all(Organization)]
    communities = [f"{c}社区" for c in COMMUNITIES]
    providers, pool, wanted = synthetic_pool(
        rng,
        ledger.today,
        resources=counts.get("resources", 20),
        needs=counts.get("needs", 20),
        orgs=orgs,
        communities=communities,
    )
    added = ledger.add_many([attrs.evolve(p, id="") for p in providers], action="demo resource providers")
    ids = {p.id: a.id for p, a in zip(providers, added, strict=True)}
    ledger.add_many([attrs.evolve(r, id="", provider=ids[r.provider]) for r in pool], action="demo resources")
    ledger.add_many([attrs.evolve(n, id="") for n in wanted], action="demo resource needs")
