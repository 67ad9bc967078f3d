"""The demo center: the organizations named in the article, at every stage.

Dates are relative to today so that a review run today gives a mix of
verdicts: some organizations ready to move on, others stuck for a stated reason.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import attrs

from hive import clock, location
from hive.center import start
from hive.codes import USCC_ALPHABET, uscc_check_character
from hive.errors import Conflict, NoCenter
from hive.i18n import _
from hive.ledger import CENTER_TABLE, Ledger
from hive.lifecycle import move
from hive.models import (
    ACTIVE,
    DISSOLVED,
    SUSPENDED,
    Center,
    Diagnosis,
    Membership,
    Organization,
    Person,
    Registration,
    Supervision,
    Training,
    Transition,
)
from hive.plugins import Plugins
from hive.records import record_diagnosis, record_registration, record_supervision, record_training
from hive.stages import STAGE_IDS
from hive.store import Store

DEMO_PATH = Path("hive-demo.json")

# Synthetic centers for benchmarks (``hive demo --size``): about this many of the core's records.
# Each plugin declares its own figures for each size (its ``hive_demo`` hook receives the size's name):
# the core knows nothing of volunteers, party activities or resources.
SIZES: dict[str, dict[str, int]] = {
    "article": {},
    "small": {"organizations": 20, "people": 500, "stage_records": 1_000},
    "medium": {"organizations": 200, "people": 5_000, "stage_records": 10_000},
    # the upper end of one real center: a hundred organizations, 7,500 residents, five years of records
    "center": {"organizations": 100, "people": 7_500, "stage_records": 5_000},
    "large": {"organizations": 2_000, "people": 50_000, "stage_records": 100_000},
}
#: The sizes ``hive demo --size`` builds, smallest file first.
SYNTHETIC_SIZES = ("small", "medium", "center", "large")

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


def _open_demo_store(path: Path | str, center: str | None = None) -> Store:
    """A store at ``path`` emptied for a demo build; refuses a center that is not a demo center.

    ``path`` may be a server URL, with the ``center`` code to build.
    """
    if location.is_server(path):
        try:
            store = location.open_store(path, center, write=True)
        except NoCenter:
            return location.create_store(path, center)
    elif not Path(path).exists():
        return Store.create(Path(path))
    else:
        store = Store.open(Path(path), write=True)
    try:
        center_doc = store.documents(CENTER_TABLE).get("1", {})
        if not center_doc.get("demo"):
            raise Conflict(
                _("{path} holds a center that is not a demo; hive demo never replaces it (use --db)").format(path=path)
            )
        store.reset()
    except BaseException:
        store.close()
        raise
    return store


def _demo_plugins(plugins: Plugins) -> list[str]:
    """Every plugin that loaded, bundled or installed: the demo enables them all and runs their demo hooks."""
    return [name for name, info in plugins.info.items() if name != "core" and not info.error and plugins.loaded(name)]


def build(path: Path | str, plugins: Plugins, operator: str, center_code: str | None = None) -> Ledger:
    """(Re)build the demo center at ``path``; never replaces a file that is not a demo center.

    Returns the ledger, committed, with every plugin that loaded (bundled or installed) enabled and its
    demo data added.
    """
    store = _open_demo_store(path, center_code)
    try:
        bundled = _demo_plugins(plugins)
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
    _left(ledger)
    _assessment(ledger)
    _lifecycle(ledger)


def _left(ledger: Ledger) -> None:
    """A member of the reading club (not a backbone) who moved away three weeks ago: ``org show o1``."""
    first = ledger.all(Organization)[0]
    mine = [m for m in ledger.where(Membership, org=first.id) if not m.backbone]
    if mine:
        ledger.replace(
            attrs.evolve(mine[-1], left=ledger.today - dt.timedelta(days=21), leave_reason="搬离社区"),
            action="member leave",
            detail=first.id,
        )


def _assessment(ledger: Ledger) -> None:
    """The example rubric, and one assessment with it of the organization furthest along (``hive assess show``)."""
    from hive import rubric
    from hive.assessment import add_rubric, record

    example = add_rubric(ledger, rubric.read(rubric.EXAMPLE))
    orgs = ledger.all(Organization)
    target = max(orgs, key=lambda o: STAGE_IDS.index(o.stage))
    deducted = {"2.2": (5, "主题党日记录不全"), "3.3": (7, "票据未按月公开"), "5.2": (2, "暂无表彰")}
    scores = [f"{i.code}={i.maximum:g}/{deducted.get(i.code, (i.maximum,))[0]:g}" for i in example.leaves]
    reasons = [f"{code}={why}" for code, (_points, why) in deducted.items()]
    day = max(ledger.today - dt.timedelta(days=10), target.joined)
    record(ledger, target.id, example.id, scores=scores, reasons=reasons, assessors=["陈督导", "李社工"], date=day)


# The profile of the demo's organizations, by index: type, development type, service category, venue.
PROFILES = [
    ("association", "startup", "文化体育", "二楼阅览室"),
    ("association", "startup", "文化体育", "三楼排练厅"),
    ("association", "startup", "文化体育", "三楼书画室"),
    ("service_agency", "startup", "儿童青少年", "一楼亲子活动室"),
    ("association", "sprouting", "志愿服务", "一楼志愿者之家"),
    ("service_agency", "sprouting", "家庭服务", "二楼多功能室"),
    ("association", "sprouting", "志愿服务", "一楼志愿者之家"),
    ("association", "sprouting", "文化体育", ""),
    ("other", "sprouting", "心理健康", "二楼咨询室"),
    ("association", "sprouting", "文化体育", ""),
    ("association", "hub", "志愿服务", "四楼会议室"),
]


def _lifecycle(ledger: Ledger) -> None:
    """Profiles, applications, agreements, roles and the graduation of the article's organizations.

    Every organization applied when it came, signed by its first members, and was accepted three days
    later, but 四季阳光心理咨询团, whose application came in three days ago and awaits its initial
    review; each one past intake has an agreement, the reading club's ending in 20 days (``hive due
    --within 30d``), 文化宣传队's virtual; the first backbone of each is its responsible person.
    """
    from hive.models import Agreement, Application, Graduation, Role, Transition

    today = ledger.today
    for n, org in enumerate(ledger.all(Organization)):
        members = sorted(ledger.where(Membership, org=org.id), key=lambda m: m.id)
        backbones = [m.person for m in members if m.backbone]
        org_type, development, category, venue = PROFILES[n % len(PROFILES)]
        responsible = backbones[0] if backbones else None
        ledger.replace(
            attrs.evolve(
                org, responsible=responsible, org_type=org_type, development=development, category=category, venue=venue
            ),
            action="demo profile",
        )
        if responsible is not None:
            ledger.add(Role(id="", org=org.id, person=responsible, role="responsible", since=org.joined))
        initiators = [m.person for m in members[:3]]
        if org.name == "四季阳光心理咨询团":
            ledger.add(Application(id="", org=org.id, received=today - dt.timedelta(days=3), initiators=initiators))
            continue
        decided = org.joined + dt.timedelta(days=3)
        ledger.add(
            Application(
                id="",
                org=org.id,
                received=org.joined,
                initiators=initiators,
                purpose=f"{org.kind}：服务社区居民",
                decision="accepted",
                decided=decided,
                decision_reason="发起人齐全，服务方向符合社区需要",
            )
        )
        if org.stage == "intake":
            continue
        ends = today + dt.timedelta(days=20 if n == 0 else 90 + 30 * n)
        virtual = org.name == "文化宣传队"
        ledger.add(
            Agreement(
                id="",
                org=org.id,
                start=decided + dt.timedelta(days=1),
                until=ends,
                mode="virtual" if virtual else "physical",
                space="" if virtual else venue,
            )
        )
        if org.stage == "graduated":
            moved = [t for t in ledger.where(Transition, org=org.id) if t.to_stage == "graduated"]
            if moved:
                ledger.add(Graduation(id="", org=org.id, date=moved[-1].date, note="督导期满，评估通过"))


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
            record_registration(ledger, org.id, date=day + dt.timedelta(days=20), uscc=_demo_uscc(n))
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


def _demo_uscc(n: int) -> str:
    """A valid unified social credit code of its own for the demo's n-th organization (codes are unique)."""
    from hive.codes import uscc_check_character

    first17 = f"53440305MJL{n:06d}"
    return first17 + uscc_check_character(first17)


# -- synthetic centers (``hive demo --size``) ------------------------------------------------------
#
# Deterministic: every random choice comes from ``random.Random(seed)`` (each plugin gets its own
# generator, seeded from the seed and its name), dates are relative to today (pin HIVE_TODAY) and the
# event log's timestamps are today at midnight UTC, so the same seed, day and operator give a
# byte-identical file.

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Roughly how common each surname is (the first ones cover a third of Chinese people).
SURNAME_WEIGHTS = [max(1.0, 80.0 / (i + 1)) for i in range(len(SURNAMES))]
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华建国玉兰秀英红斌辉鹏飞婷雪琳慧颖燕凤梅萍春海波宁安晓志永德"
    "金龙林云成荣新子浩宇欣怡梓涵晨俊雨佳文思诗嘉博一轩悦然琪瑶彤泽睿航铭昊桂珍凯磊丹洁露淑"
)
COMMUNITIES = (
    "益田 海珠 四季花城 蛇口 南头 桃源 西丽 粤海 沙河 华侨城 香蜜湖 莲花 园岭 八卦岭 布吉 坂田 横岗 龙城 "
    "民治 大浪 观澜 福永 沙井 松岗 石岩 新安 西乡 航城 梅林 景田 华富 南园 东门 翠竹 黄贝 莲塘"
).split()
THEMES = (
    "阳光 夕阳红 彩虹 向日葵 绿色 和谐 邻里 幸福 启航 星光 晨曦 暖心 同心 四季 书香 翰墨 青苗 银龄 巾帼 爱心 "
    "春雨 红棉 朝阳 微光 乐活 悦享 同行 蒲公英 小橘灯 木棉"
).split()
# kind -> name endings
KINDS = {
    "读书会": ("读书会", "阅读俱乐部", "绘本馆"),
    "文艺团队": ("艺术团", "舞蹈队", "合唱团", "戏曲社", "腰鼓队"),
    "书画社": ("书画院", "书画社", "摄影社"),
    "志愿服务队": ("义工队", "志愿服务队", "便民服务队", "党员先锋队"),
    "亲子服务": ("亲子俱乐部", "成长营", "四点半课堂"),
    "体育健身": ("太极拳队", "健步走协会", "羽毛球俱乐部", "广场舞队"),
    "长者服务": ("长者互助会", "银龄互助社", "老年大学班"),
    "环保": ("环保小队", "垃圾分类督导队", "社区花园小组"),
    "心理咨询": ("心理咨询团", "心灵驿站"),
    "文化宣传": ("文化宣传队", "社区报编辑部"),
}
TRAINING_TOPICS = {
    "backbone_training": ("骨干领导力培训", "团队协作与沟通", "社区议事规则", "活动组织基础"),
    "capacity_training": ("项目策划与执行", "财务管理", "志愿者管理", "服务评估", "公益创投申报", "宣传与传播"),
}
SUPERVISORS = ("陈督导", "林督导", "黄督导", "周督导", "何督导", "吴督导")
SUPERVISION_NOTES = ("制定年度计划", "复盘服务成效", "梳理财务制度", "骨干分工调整", "筹备独立运作", "对接社区资源")
DIAGNOSIS_DIMENSIONS = ("治理结构", "财务管理", "服务能力", "志愿者管理")
DISTRICT_CODES = ("440303", "440304", "440305", "440306", "440307", "440309")
# The stage an organization has reached, with how many of a hundred are there.
STAGE_WEIGHTS = (15, 15, 15, 15, 12, 13, 15)
# Days spent in each stage passed: (fewest, most).
STAGE_DAYS = {
    "intake": (20, 90),
    "backbone_training": (60, 150),
    "registration": (30, 120),
    "capacity_training": (60, 180),
    "diagnosis": (30, 90),
    "supervision": (100, 240),
}
READY_SHARE = 0.45  # organizations whose current stage's records meet the core criteria
SUSPENDED_SHARE, DISSOLVED_SHARE = 0.06, 0.04


def build_synthetic(
    path: Path | str, plugins: Plugins, operator: str, size: str, seed: int, center_code: str | None = None
) -> Ledger:
    """(Re)build a synthetic center of ``size`` (see :data:`SIZES`) at ``path`` from ``seed``.

    Never replaces a file that is not a demo center. Returns the committed ledger.
    """
    if size not in SYNTHETIC_SIZES:
        raise ValueError(size)
    counts = SIZES[size]
    today = clock.today()
    midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    store = _open_demo_store(path, center_code)
    try:
        center = Center(
            name=f"合成中心（{size}，种子 {seed}）",
            district="深圳市",
            community=f"{len(COMMUNITIES)} 个社区",
            plugins=_demo_plugins(plugins),
            created=today,
            demo=True,
        )
        start(store, center, operator, at=midnight)
        ledger = Ledger(store, operator=operator, today=today, registry=plugins.registry, now=lambda: midnight)
        _Synthesizer(ledger, counts, random.Random(seed)).run()
        for plugin in ledger.center.plugins:
            plugins.call(
                "hive_demo",
                [plugin],
                ledger=ledger,
                size=size,
                counts=dict(counts),
                rng=random.Random(f"{seed}:{plugin}"),
            )
        ledger.commit()
    finally:
        store.close()
    return ledger


class _Synthesizer:
    """Organizations with consistent histories, people, members and stage records, drawn from ``rng``."""

    def __init__(self, ledger: Ledger, counts: dict[str, int], rng: random.Random):
        self.ledger = ledger
        self.counts = counts
        self.rng = rng
        self.today = ledger.today

    def days(self, low: int, high: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(low, high))

    # -- people and organizations --------------------------------------------------------------
    def person_name(self) -> str:
        rng = self.rng
        surname = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
        return surname + "".join(rng.choices(GIVEN, k=1 if rng.random() < 0.3 else 2))

    def people(self) -> list[Person]:
        rng = self.rng
        people = []
        for _n in range(self.counts["people"]):
            phone = "1" + rng.choice("3456789") + f"{rng.randrange(10**9):09d}"
            added = self.today - self.days(60, 2000)
            people.append(Person(id="", name=self.person_name(), phone=phone, added=added))
        return self.ledger.add_many(people, action="demo people")

    def org_name(self, taken: set[str]) -> tuple[str, str]:
        rng = self.rng
        while True:
            kind = rng.choice(list(KINDS))
            name = rng.choice(COMMUNITIES) + rng.choice(THEMES) + rng.choice(KINDS[kind])
            if name not in taken:
                taken.add(name)
                return name, kind

    def plan(self) -> list[dict]:
        """Each organization's path: stages passed (with their days), current stage, readiness, status."""
        rng = self.rng
        taken: set[str] = set()
        plans = []
        for _n in range(self.counts["organizations"]):
            reached = rng.choices(range(len(STAGE_IDS)), STAGE_WEIGHTS)[0]
            stage = STAGE_IDS[reached]
            ready = rng.random() < READY_SHARE
            elapsed = rng.randint(100, 300) if stage == "supervision" and ready else rng.randint(20, 240)
            durations = [rng.randint(*STAGE_DAYS[s]) for s in STAGE_IDS[:reached]]
            joined = self.today - dt.timedelta(days=elapsed + sum(durations))
            status = ACTIVE
            if stage != STAGE_IDS[-1]:
                draw = rng.random()
                status = (
                    SUSPENDED
                    if draw < SUSPENDED_SHARE
                    else DISSOLVED
                    if draw < SUSPENDED_SHARE + DISSOLVED_SHARE
                    else ACTIVE
                )
            name, kind = self.org_name(taken)
            plans.append(
                {
                    "name": name,
                    "kind": kind,
                    "reached": reached,
                    "ready": ready,
                    "joined": joined,
                    "durations": durations,
                    "status": status,
                }
            )
        return plans

    def uscc(self) -> str:
        body = "53" + self.rng.choice(DISTRICT_CODES) + "".join(self.rng.choices(USCC_ALPHABET, k=9))
        return body + uscc_check_character(body)

    # -- the whole center ----------------------------------------------------------------------
    def run(self) -> None:
        rng, ledger = self.rng, self.ledger
        people = [p.id for p in self.people()]
        plans = self.plan()
        # registrations are decided before the organizations are stored: they carry the codes
        for plan in plans:
            registered = plan["reached"] > STAGE_IDS.index("registration") or (
                STAGE_IDS[plan["reached"]] == "registration" and plan["ready"]
            )
            plan["uscc"] = plan["filing_no"] = None
            if registered:
                if rng.random() < 0.6:
                    plan["uscc"] = self.uscc()
                else:
                    plan["filing_no"] = f"深社备〔{plan['joined'].year}〕{rng.randrange(1, 10000):04d}号"
        orgs = ledger.add_many(
            [
                Organization(
                    id="",
                    name=p["name"],
                    joined=p["joined"],
                    kind=p["kind"],
                    stage=STAGE_IDS[p["reached"]],
                    stage_since=p["joined"] + dt.timedelta(days=sum(p["durations"])),
                    status=p["status"],
                    filing_no=p["filing_no"],
                    uscc=p["uscc"],
                )
                for p in plans
            ],
            action="demo organizations",
        )
        memberships: list[Membership] = []
        transitions: list[Transition] = []
        records: dict[type, list] = {Training: [], Registration: [], Diagnosis: [], Supervision: []}
        padding: list[tuple[str, str, dt.date, dt.date, list[str], list[str]]] = []
        for org, plan in zip(orgs, plans, strict=True):
            members, backbones = self.members(org, plan, people, memberships)
            day = org.joined
            for index, stage in enumerate(STAGE_IDS[: plan["reached"]]):
                end = day + dt.timedelta(days=plan["durations"][index])
                self.stage_records(org, plan, stage, day, end, backbones, members, records, passed=True)
                padding.append((org.id, stage, day, end, backbones, members))
                transitions.append(
                    Transition(
                        id="",
                        org=org.id,
                        date=end,
                        from_stage=stage,
                        to_stage=STAGE_IDS[index + 1],
                        status=ACTIVE,
                        operator=ledger.operator,
                        reason="阶段评估通过",
                    )
                )
                day = end
            stage = STAGE_IDS[plan["reached"]]
            self.stage_records(org, plan, stage, day, self.today, backbones, members, records, passed=False)
            if plan["status"] != ACTIVE:
                transitions.append(
                    Transition(
                        id="",
                        org=org.id,
                        date=day + (self.today - day) * rng.random(),
                        from_stage=stage,
                        to_stage=stage,
                        status=plan["status"],
                        operator=ledger.operator,
                        reason="骨干流失，暂停活动" if plan["status"] == SUSPENDED else "成员意愿解散",
                    )
                )
        self.pad(padding, records)
        ledger.add_many(memberships, action="demo memberships")
        for model, items in records.items():
            ledger.add_many(items, action=f"demo {model.__name__.lower()} records")
        ledger.add_many(transitions, action="demo transitions")

    def members(self, org: Organization, plan: dict, people: list[str], out: list[Membership]) -> tuple[list, list]:
        rng = self.rng
        count, backbones = rng.randint(5, 25), rng.randint(2, 4)
        if plan["reached"] == 0 and not plan["ready"]:  # stuck at intake: too few members, or no backbone
            count, backbones = (2, 1) if rng.random() < 0.5 else (rng.randint(3, 6), 0)
        chosen = rng.sample(people, min(count, len(people)))
        for k, pid in enumerate(chosen):
            since = org.joined if k < backbones else min(org.joined + self.days(0, 30), self.today)
            out.append(Membership(id="", org=org.id, person=pid, since=since, backbone=k < backbones))
        return chosen, chosen[:backbones]

    def stage_records(self, org, plan, stage, start_day, end_day, backbones, members, records, *, passed) -> None:
        """The records of one stage: enough to leave it when ``passed`` or ready, too few otherwise."""
        rng = self.rng
        meets = passed or plan["ready"]
        span = max(1, (end_day - start_day).days)

        def on(k: int, of: int) -> dt.date:  # the k-th of ``of`` sessions spread over the stage
            return start_day + dt.timedelta(days=min(span, span * (k + 1) // (of + 1)))

        if stage == "backbone_training":
            sessions, hours = (3, 3.0) if meets else (rng.randint(1, 2), 2.5)
            for k in range(sessions):
                records[Training].append(
                    Training(
                        id="",
                        org=org.id,
                        date=on(k, sessions),
                        hours=hours,
                        topic=TRAINING_TOPICS[stage][k % 4],
                        attendees=list(backbones),
                    )
                )
        elif stage == "registration" and meets:
            records[Registration].append(
                Registration(id="", org=org.id, date=on(0, 1), filing_no=plan["filing_no"], uscc=plan["uscc"])
            )
        elif stage == "capacity_training":
            sessions, hours = (rng.randint(3, 5), 4.0) if meets else (rng.randint(1, 2), 3.0)
            for k in range(sessions):
                records[Training].append(
                    Training(
                        id="",
                        org=org.id,
                        date=on(k, sessions),
                        hours=hours,
                        topic=rng.choice(TRAINING_TOPICS[stage]),
                        attendees=list(dict.fromkeys(backbones + rng.sample(members, min(3, len(members))))),
                    )
                )
        elif stage == "diagnosis":
            scores = {d: rng.randint(3, 5) for d in DIAGNOSIS_DIMENSIONS}
            if not meets:
                scores[rng.choice(DIAGNOSIS_DIMENSIONS)] = 1
            records[Diagnosis].append(Diagnosis(id="", org=org.id, date=on(0, 1), scores=scores))
        elif stage == "supervision":
            sessions = rng.randint(3, 4) if meets else rng.randint(1, 2)
            first = start_day + self.days(1, 5)
            last = max(first + dt.timedelta(days=95), end_day - self.days(0, 5)) if meets else end_day
            last = min(last, end_day)
            for k in range(sessions):
                date = first + (last - first) * k // max(1, sessions - 1)
                records[Supervision].append(
                    Supervision(
                        id="",
                        org=org.id,
                        date=date,
                        supervisor=rng.choice(SUPERVISORS),
                        notes=rng.choice(SUPERVISION_NOTES),
                    )
                )

    def pad(self, slots: list, records: dict[type, list]) -> None:
        """Spread more sessions over the stages already passed, up to ``counts["stage_records"]``.

        Passed stages only: padding never changes an organization's current verdict.
        """
        rng = self.rng
        missing = self.counts["stage_records"] - sum(len(items) for items in records.values())
        usable = [s for s in slots if s[1] in ("backbone_training", "capacity_training", "diagnosis", "supervision")]
        if missing <= 0 or not usable:
            return
        weights = [(end - start).days + 1 for _o, _s, start, end, _b, _m in usable]
        for org, stage, start_day, end_day, backbones, members in rng.choices(usable, weights, k=missing):
            date = start_day + self.days(0, max(0, (end_day - start_day).days))
            if stage == "diagnosis":
                scores = {d: rng.randint(2, 5) for d in DIAGNOSIS_DIMENSIONS}
                records[Diagnosis].append(Diagnosis(id="", org=org, date=date, scores=scores))
            elif stage == "supervision":
                records[Supervision].append(
                    Supervision(
                        id="",
                        org=org,
                        date=date,
                        supervisor=rng.choice(SUPERVISORS),
                        notes=rng.choice(SUPERVISION_NOTES),
                    )
                )
            else:
                records[Training].append(
                    Training(
                        id="",
                        org=org,
                        date=date,
                        hours=rng.choice((2.0, 2.5, 3.0)),
                        topic=rng.choice(TRAINING_TOPICS[stage]),
                        attendees=list(dict.fromkeys(backbones + rng.sample(members, min(2, len(members))))),
                    )
                )
