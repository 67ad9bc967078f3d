"""Demo records: a little party-building history for the article's center, or synthetic volumes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
import random

from hive.models import Organization, Person
from hive_party.kinds import KINDS
from hive_party.models import Absence, Activity, Branch, Instructor, PartyMember
from hive_party.periods import add_months

if TYPE_CHECKING:
    from hive.ledger import Ledger

# (person, years since joining, branch: an organization's name for its own branch, "joint", or a name elsewhere,
# reported). Chosen so that 阅翼成长阅读俱乐部 has its own branch, 中外志愿服务交流营 (its members
# 周杰, 吴霞, 孙燕, 马超) still needs one (4 full members), and the others have fewer than 3.
ARTICLE_MEMBERS = [
    ("王芳", 12, "阅翼成长阅读俱乐部", True),
    ("李娜", 3, "阅翼成长阅读俱乐部", False),
    ("杨敏", 6, "阅翼成长阅读俱乐部", True),
    ("周杰", 9, "joint", True),
    ("吴霞", 4, "joint", True),
    ("孙燕", 7, "joint", True),
    ("马超", 2, "joint", False),
    ("罗红", 15, "海珠社区党委第二党支部", True),
    ("郑凯", 0, "海珠社区党委第二党支部", False),  # joined months ago: still probationary
    ("彭辉", 10, "四季花城社区第一党支部", True),
    ("刘建国", 20, "海珠社区党委", True),
]
JOINT_BRANCH = ("益田社区文艺类社会组织联合党支部", ["艺舞人生艺术团", "多彩多意书画院"])
INSTRUCTOR = "刘建国"  # a member of the community party committee, instructor of two organizations
INSTRUCTED = ["俪人妈妈义工队", "棒棒堂亲子关系促进中心"]

THEME_DAY_TOPICS = [
    "重温入党誓词",
    "党员先锋志愿服务进社区",
    "垃圾分类党员先行",
    "关爱长者党员结对",
    "学习贯彻党的二十大精神",
    "红色观影《建党伟业》",
    "社区环境清洁行动",
    "党员亮身份、践承诺",
    "走访困难群众",
    "传承红色家风",
    "文明城市创建志愿服务",
    "消防安全进社区",
]
MICRO_LESSONS = ["青年微党课：从一张老照片讲起", "青年微党课：深圳速度与特区精神", "青年微党课：身边的党员故事"]


# What this plugin adds to each synthetic center (``hive demo --size``): party activities and the days
# of history they are spread over. The core's own figures are in hive.demo.SIZES.
SIZES: dict[str, dict[str, int]] = {
    "small": {"party_activities": 50, "days": 730},
    "medium": {"party_activities": 500, "days": 730},
    "center": {"party_activities": 250, "days": 5 * 365},
    "large": {"party_activities": 5_000, "days": 730},
}


def hive_demo(ledger: Ledger, size: str, counts: dict[str, int], rng: random.Random) -> None:
    if size == "article":
        _article(ledger)
    elif size in SIZES:
        _synthetic(ledger, SIZES[size], rng)


def _months_ago(today: dt.date, n: int, day: int) -> dt.date:
    start = add_months(today.replace(day=1), -n)
    return start.replace(day=day)


def _article(ledger: Ledger) -> None:
    today = ledger.today
    orgs = {o.name: o.id for o in ledger.all(Organization)}
    people = {p.name: p.id for p in ledger.all(Person)}
    if INSTRUCTOR not in people:
        people[INSTRUCTOR] = ledger.add(Person(id="", name=INSTRUCTOR, added=today - dt.timedelta(days=500))).id

    own = ledger.add(
        Branch(
            id="",
            name="阅翼成长阅读俱乐部党支部",
            orgs=[orgs["阅翼成长阅读俱乐部"]],
            founded=today - dt.timedelta(days=300),
        ),
        action="party branch add",
    )
    joint = ledger.add(
        Branch(
            id="", name=JOINT_BRANCH[0], orgs=[orgs[n] for n in JOINT_BRANCH[1]], founded=today - dt.timedelta(days=200)
        ),
        action="party branch add",
    )
    members = []
    for name, years, branch, reported in ARTICLE_MEMBERS:
        if name not in people:
            continue
        joined = add_months(today, -(years * 12 + 5)) if years else add_months(today, -5)
        branch_id = own.id if branch == "阅翼成长阅读俱乐部" else joint.id if branch == "joint" else branch
        members.append(PartyMember(id="", person=people[name], joined=joined, branch=branch_id, reported=reported))
    ledger.add_many(members, action="party member add")
    ledger.add_many(
        [
            Instructor(id="", org=orgs[name], person=people[INSTRUCTOR], since=today - dt.timedelta(days=100 + 30 * k))
            for k, name in enumerate(INSTRUCTED)
        ],
        action="party instructor assign",
    )
    committee = ledger.add(
        Branch(id="", name="海珠社区党委", founded=today - dt.timedelta(days=3000), committee=True),
        action="party branch add",
    )
    activities = ledger.add_many(
        _article_activities(today, [m.person for m in members], orgs, committee.id), action="party activity add"
    )
    # the reading club's branch holds its own theme party days; one member asked for leave from the last one
    branch_members = [m.person for m in members if m.branch == own.id]
    days = [day for day in (_months_ago(today, n, 15) for n in (3, 1, 0)) if own.founded <= day <= today]
    held = [
        # (the last one held by today, whichever month it fell in, is the one the last member missed)
        Activity("", "theme_day", day, "支部主题党日 读书分享", branch_members[:-1] if day == days[-1] else branch_members, [orgs["阅翼成长阅读俱乐部"]], own.id)
        for day in days
    ]  # fmt: skip
    held = ledger.add_many(held, action="party activity add")
    if held:
        ledger.add(Absence(id="", activity=held[-1].id, person=branch_members[-1], reason="请假：外出学习"), action="party attend --absent")
    del activities


def _article_activities(today: dt.date, party: list[str], orgs: dict[str, str], committee: str) -> list[Activity]:
    """A year of activities: theme party days every month but the month before last, the three
    meetings and one lesson, micro party lessons and a red culture exhibition."""
    found: list[Activity] = []

    def add(kind: str, day: dt.date, topic: str, attendees: list[str], with_orgs: list[str] = ()) -> None:
        if day <= today:
            found.append(Activity("", kind, day, topic, attendees, [orgs[n] for n in with_orgs if n in orgs], committee))

    for n in range(11, -1, -1):
        if n != 2:  # the month before last has no theme party day: compliance reports it missing
            with_orgs = ["俪人妈妈义工队"] if n % 3 == 0 else []
            add("theme_day", _months_ago(today, n, 10), "主题党日：" + THEME_DAY_TOPICS[n], party, with_orgs)
        add("committee_meeting", _months_ago(today, n, 5), "支委会：研究本月工作", party[:3])
        if n % 4 != 1:
            add("group_meeting", _months_ago(today, n, 20), "党小组会：学习交流", party[:6])
    quarter_start = add_months(today.replace(day=1), -((today.month - 1) % 3))
    for q in range(4):
        start = add_months(quarter_start, -3 * q)
        add("members_meeting", start.replace(day=25), "支部党员大会：季度工作总结", party)
        add("party_lesson", start.replace(day=18), "书记讲党课：党群联动服务社区", party)
    for k, topic in enumerate(MICRO_LESSONS):
        add("micro_lesson", _months_ago(today, 1 + 3 * k, 12), topic, party[::2], ["阅翼成长阅读俱乐部"])
    add("red_culture", _months_ago(today, 4, 1), "红色文化展：百年党史图片展", party, ["多彩多意书画院", "文化宣传队"])
    add("life_meeting", dt.date(today.year, 1, 16), "年度组织生活会", party)
    add("life_meeting", dt.date(today.year - 1, 1, 16), "年度组织生活会", party)
    return found


def _synthetic(ledger: Ledger, counts: dict[str, int], rng: random.Random) -> None:
    today = ledger.today
    from hive.people import birth_date  # the person's ID number, else a volunteer record's: as the join rule reads it

    born = {p.id: birth_date(ledger, p.id) for p in ledger.all(Person)}
    adult = today - dt.timedelta(days=19 * 366)
    people = [pid for pid, day in born.items() if day is None or day <= adult]  # members join from 18
    orgs = [o.id for o in ledger.all(Organization)]
    if not people:
        return
    party = rng.sample(people, max(1, len(people) // 12))

    def joined(pid: str) -> dt.date:
        earliest = (today - dt.timedelta(days=30 * 365)).toordinal()
        if born[pid] is not None:
            earliest = max(earliest, born[pid].toordinal() + 18 * 366)
        return dt.date.fromordinal(rng.randint(earliest, (today - dt.timedelta(days=30)).toordinal()))

    shuffled = orgs[:]
    rng.shuffle(shuffled)
    own = shuffled[: len(orgs) // 5]
    joint_pool = shuffled[len(own) : len(own) + len(orgs) // 5]
    branches = [
        Branch(id="", name=f"党支部{n + 1}", orgs=[org], founded=today - dt.timedelta(days=rng.randint(0, 1000)))
        for n, org in enumerate(own)
    ]
    while joint_pool:
        size = rng.randint(2, 5)
        group, joint_pool = joint_pool[:size], joint_pool[size:]
        branches.append(
            Branch(
                id="",
                name=f"联合党支部{len(branches) + 1}",
                orgs=group,
                founded=today - dt.timedelta(days=rng.randint(0, 1000)),
            )
        )
    branches = ledger.add_many(branches, action="party branch add")
    # members in groups of three to five per branch, the first branches first; the rest elsewhere
    homes = [b.id for b in branches for _k in range(rng.randint(3, 5))]
    members = ledger.add_many(
        [
            PartyMember(
                id="",
                person=pid,
                joined=joined(pid),
                branch=homes[n] if n < len(homes) else "",
                reported=rng.random() < 0.7,
            )
            for n, pid in enumerate(party)
        ],
        action="party member add",
    )
    seasoned = [m for m in members if m.joined <= today - dt.timedelta(days=800)]  # full members before any `since`
    rest = shuffled[len(orgs) * 2 // 5 :]
    if seasoned:
        ledger.add_many(
            [
                Instructor(
                    id="", org=org, person=rng.choice(seasoned).person, since=today - dt.timedelta(days=rng.randint(0, 400))
                )
                for org in rest
                if rng.random() < 0.5
            ],
            action="party instructor assign",
        )
    kinds = list(KINDS)
    weights = [12, 4, 3, 4, 12, 10, 1, 2]
    activities = []
    for _n in range(counts.get("party_activities", 50)):
        kind = rng.choices(kinds, weights)[0]
        day = today - dt.timedelta(days=rng.randint(0, counts.get("days", 730)))
        holder = rng.choice(branches) if branches else None
        activities.append(
            Activity(
                id="",
                kind=kind,
                date=day,
                branch=holder.id if holder is not None and holder.founded <= day else None,
                topic=rng.choice(THEME_DAY_TOPICS),
                attendees=rng.sample(party, min(len(party), rng.randint(3, 12))),
                orgs=rng.sample(orgs, min(len(orgs), rng.randint(0, 2))),
            )
        )
    ledger.add_many(activities, action="party activity add")
