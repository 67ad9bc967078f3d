"""Demo records: volunteer teams and service hours for the article's center, or synthetic volumes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
import random
from collections import defaultdict

import attrs

from hive.models import Organization, Person
from hive.codes import id_check_digit as check_digit
from hive_volunteer.models import APPROVED, PENDING, REJECTED, ServiceRecord, Team, TeamMember, Volunteer
from hive_volunteer.settings import SIGNATORY

if TYPE_CHECKING:
    from hive.ledger import Ledger

SIGNATORY_NAME = "李红梅"
HISTORY_DAYS = 720

# (team, the organization running it or None for the center, leader, members)
ARTICLE_TEAMS = [
    ("俪人妈妈义工队", "俪人妈妈义工队", "罗红", ["罗红", "郑凯", "梁雪", "谢涛", "宋佳", "唐亮"]),
    ("阅翼阅读推广志愿队", "阅翼成长阅读俱乐部", "王芳", ["王芳", "李娜", "张伟", "刘洋", "陈静"]),
    ("便民服务队", "便民服务队", "彭辉", ["彭辉", "曾丹", "肖鹏", "田甜"]),
    ("中外志愿服务交流营志愿队", "中外志愿服务交流营", "周杰", ["周杰", "吴霞", "徐强", "孙燕", "马超", "朱琳"]),
    (
        "海珠社区党群志愿者队伍",
        None,
        "王芳",
        ["王芳", "李娜", "杨敏", "周杰", "吴霞", "孙燕", "马超", "罗红", "郑凯", "彭辉"],
    ),
    ("交通安全服务队", None, "张伟", ["张伟", "赵磊", "黄丽", "林峰"]),
]

ACTIVITIES = {
    "俪人妈妈义工队": ["探访独居长者", "四点半课堂辅导", "亲子手工坊", "端午节邻里包粽子"],
    "阅翼阅读推广志愿队": ["亲子阅读分享会", "社区图书角整理", "绘本故事会"],
    "便民服务队": ["便民理发", "家电义务维修", "社区义诊协助"],
    "中外志愿服务交流营志愿队": ["中外居民文化交流", "外籍居民社区导览", "中秋游园会"],
    "海珠社区党群志愿者队伍": ["党员先锋社区清洁行动", "垃圾分类督导", "走访困难群众", "防诈骗宣传"],
    "交通安全服务队": ["交通安全宣传进校园", "交通标志猜猜看", "路口文明劝导"],
    None: ["社区环境清洁", "长者生日会", "民生微实事项目协助", "社区义诊协助"],
}
PLACES = ["海珠社区党群服务中心", "益田社区党群服务中心", "四季花城社区广场", "社区长者日间照料中心", "社区公园"]

# (person, team or None, approved hours, over how many recent days). Chosen so that 王芳 has 3 stars,
# 罗红 2, 周杰 1, 李娜 exactly 100 h (1 star), and the reading club's team has more than 50 approved
# hours in the last 90 days (the club, at supervision, meets the graduation criterion).
ARTICLE_HOURS = [
    ("王芳", "海珠社区党群志愿者队伍", 400.0, 700),
    ("王芳", "阅翼阅读推广志愿队", 14.0, 80),
    ("王芳", None, 226.0, 700),
    ("李娜", "海珠社区党群志愿者队伍", 60.0, 600),
    ("李娜", "阅翼阅读推广志愿队", 12.0, 80),
    ("李娜", None, 28.0, 400),
    ("张伟", "阅翼阅读推广志愿队", 10.0, 80),
    ("张伟", "交通安全服务队", 40.0, 300),
    ("刘洋", "阅翼阅读推广志愿队", 8.0, 80),
    ("刘洋", None, 20.0, 300),
    ("陈静", "阅翼阅读推广志愿队", 9.0, 80),
    ("罗红", "俪人妈妈义工队", 220.0, 700),
    ("罗红", "海珠社区党群志愿者队伍", 100.0, 700),
    ("郑凯", "俪人妈妈义工队", 36.0, 300),
    ("梁雪", "俪人妈妈义工队", 88.5, 400),
    ("谢涛", "俪人妈妈义工队", 42.0, 400),
    ("宋佳", "俪人妈妈义工队", 64.0, 400),
    ("唐亮", "俪人妈妈义工队", 30.0, 300),
    ("周杰", "中外志愿服务交流营志愿队", 100.0, 700),
    ("周杰", "海珠社区党群志愿者队伍", 50.0, 500),
    ("吴霞", "中外志愿服务交流营志愿队", 45.0, 500),
    ("徐强", "中外志愿服务交流营志愿队", 24.0, 300),
    ("孙燕", "海珠社区党群志愿者队伍", 36.0, 400),
    ("马超", "海珠社区党群志愿者队伍", 18.0, 300),
    ("朱琳", "中外志愿服务交流营志愿队", 16.0, 300),
    ("杨敏", "海珠社区党群志愿者队伍", 52.0, 500),
    ("彭辉", "便民服务队", 96.0, 600),
    ("曾丹", "便民服务队", 40.0, 400),
    ("肖鹏", "便民服务队", 22.0, 300),
    ("田甜", "便民服务队", 12.0, 200),
    ("赵磊", "交通安全服务队", 30.0, 300),
    ("黄丽", "交通安全服务队", 18.0, 300),
    ("林峰", "交通安全服务队", 15.0, 200),
]
# Recent records still waiting for approval, and one rejected: (person, team, hours, days ago, activity)
ARTICLE_PENDING = [
    ("王芳", "海珠社区党群志愿者队伍", 3.0, 2, "党员先锋社区清洁行动"),
    ("宋佳", "俪人妈妈义工队", 2.5, 3, "四点半课堂辅导"),
    ("彭辉", "便民服务队", 4.0, 5, "家电义务维修"),
    ("田甜", "便民服务队", 3.0, 5, "便民理发"),
]
ARTICLE_REJECTED = ("张伟", "交通安全服务队", 6.0, 20, "交通安全宣传进校园", "时长与签到表不符")
WITH_ID_NUMBER = {"王芳": "19780312", "李娜": "19850621", "罗红": "19700905", "周杰": "19900118"}


# What this plugin adds to each synthetic center (``hive demo --size``): volunteers, service records, and
# the days of history they are spread over. The core's own figures are in hive.demo.SIZES.
SIZES: dict[str, dict[str, int]] = {
    "small": {"volunteers": 200, "volunteer_records": 5_000, "days": HISTORY_DAYS},
    "medium": {"volunteers": 2_000, "volunteer_records": 50_000, "days": HISTORY_DAYS},
    "center": {"volunteers": 3_000, "volunteer_records": 100_000, "days": 5 * 365},
    "large": {"volunteers": 20_000, "volunteer_records": 500_000, "days": HISTORY_DAYS},
}


def hive_demo(ledger: Ledger, size: str, counts: dict[str, int], rng: random.Random) -> None:
    if size == "article":
        _article(ledger, rng)
    elif size in SIZES:
        _synthetic(ledger, SIZES[size], rng)


def id_number(rng: random.Random, born: str, region: str = "440305") -> str:
    first17 = region + born + f"{rng.randrange(1000):03d}"
    return first17 + check_digit(first17)


def _split(hours: float, rng: random.Random) -> list[float]:
    """``hours`` as sessions of 2 to 4 h (the last one takes the rest), adding up exactly."""
    parts = []
    left = round(hours, 2)
    while left > 4:
        part = rng.choice((2.0, 2.5, 3.0, 3.5, 4.0))
        parts.append(part)
        left = round(left - part, 2)
    if left > 0:
        parts.append(left)
    return parts


def _article(ledger: Ledger, rng: random.Random) -> None:
    today = ledger.today
    start = today - dt.timedelta(days=HISTORY_DAYS + 10)
    settings = dict(ledger.center.settings)
    settings.setdefault(SIGNATORY, SIGNATORY_NAME)
    ledger.update_center(attrs.evolve(ledger.center, settings=settings), action="settings set", detail=SIGNATORY)
    people = {p.name: p.id for p in ledger.all(Person)}
    orgs = {o.name: o.id for o in ledger.all(Organization)}
    names = list(dict.fromkeys(n for _t, _o, _l, members in ARTICLE_TEAMS for n in members))
    names = [n for n in names if n in people]
    ledger.add_many(
        [
            Volunteer(
                id="",
                person=people[n],
                registered=start,
                skills=rng.sample(["急救", "摄影", "英语", "手工", "理发", "家电维修", "心理疏导", "书法"], 2),
                id_number=id_number(rng, WITH_ID_NUMBER[n]) if n in WITH_ID_NUMBER else None,
            )
            for n in names
        ],
        action="volunteer add",
    )
    teams: dict[str, Team] = {}
    for name, org, leader, members in ARTICLE_TEAMS:
        if org is not None and org not in orgs:
            continue
        teams[name] = ledger.add(
            Team(
                id="",
                name=name,
                founded=start,
                org=orgs.get(org) if org else None,
                leader=people.get(leader),
                members=[TeamMember(person=people[m], since=start) for m in members if m in people],
            ),
            action="volunteer team add",
            detail=name,
        )
    records: list[ServiceRecord] = []
    used: dict[tuple[str, dt.date], float] = defaultdict(float)

    def record(person: str, team: str | None, hours: float, date: dt.date, activity: str, **decision) -> None:
        while used[(person, date)] + hours > 24:
            date -= dt.timedelta(days=1)
        used[(person, date)] += hours
        t = teams.get(team) if team else None
        records.append(
            ServiceRecord(
                id="",
                person=person,
                date=date,
                hours=hours,
                activity=activity,
                recorder=ledger.operator,
                team=t.id if t else None,
                org=t.org if t else None,
                place=rng.choice(PLACES),
                **decision,
            )
        )

    for name, team, hours, days in ARTICLE_HOURS:
        if name not in people or (team and team not in teams):
            continue
        sessions = _split(hours, rng)
        for k, part in enumerate(sessions):
            date = today - dt.timedelta(days=8 + (days - 10) * k // len(sessions))
            record(
                people[name],
                team,
                part,
                date,
                rng.choice(ACTIVITIES[team]),
                status=APPROVED,
                decided_by=ledger.operator,
                decided_on=min(today, date + dt.timedelta(days=3)),
            )
    for name, team, hours, days, activity in ARTICLE_PENDING:
        if name in people and team in teams:
            record(people[name], team, hours, today - dt.timedelta(days=days), activity)
    name, team, hours, days, activity, reason = ARTICLE_REJECTED
    if name in people and team in teams:
        record(
            people[name],
            team,
            hours,
            today - dt.timedelta(days=days),
            activity,
            status=REJECTED,
            decided_by=ledger.operator,
            decided_on=today - dt.timedelta(days=days - 2),
            reason=reason,
        )
    records.sort(key=lambda r: r.date)
    ledger.add_many(records, action="volunteer log")
    approved: dict[str, float] = defaultdict(float)
    for r in records:
        if r.status == APPROVED:
            approved[r.person] += r.hours
    if approved:  # the most active volunteer's certificate, in its 7-day publicity (民发〔2015〕149号)
        from hive_volunteer.certificates import publicize

        publicize(ledger, max(approved, key=lambda p: (approved[p], p)), start=None, end=None)


# -- synthetic centers -------------------------------------------------------------------------------
SYNTHETIC_ACTIVITIES = [a for items in ACTIVITIES.values() for a in items]
SESSION_HOURS = (1.0, 1.5, 2.0, 2.0, 2.5, 3.0, 3.0, 3.5, 4.0, 4.0, 6.0, 8.0)
ONE_DAY = dt.timedelta(days=1)
REGIONS = ("440303", "440304", "440305", "440306", "440307", "440309")


def _synthetic(ledger: Ledger, counts: dict[str, int], rng: random.Random) -> None:
    today = ledger.today
    history = counts.get("days", HISTORY_DAYS)
    people = [p.id for p in ledger.all(Person)]
    orgs = ledger.all(Organization)
    if not people:
        return
    chosen = rng.sample(people, min(len(people), counts.get("volunteers", 0)))
    if not chosen:
        return
    registered = {pid: today - dt.timedelta(days=rng.randint(history, history + 400)) for pid in chosen}
    volunteers = []
    for pid in chosen:
        number = None
        if rng.random() < 0.3:
            # Those who give an ID number are 48 or older: another plugin's demo may have dated their life
            # (the party demo's join dates reach 30 years back), and an adult then keeps every such date lawful.
            oldest, youngest = dt.date(1950, 1, 1), today.replace(year=today.year - 48, day=1)
            born = oldest + dt.timedelta(days=rng.randint(0, (youngest - oldest).days))
            number = id_number(rng, born.strftime("%Y%m%d"), rng.choice(REGIONS))
        volunteers.append(
            Volunteer(
                id="",
                person=pid,
                registered=registered[pid],
                skills=rng.sample(
                    ["急救", "摄影", "英语", "手工", "理发", "家电维修", "心理疏导", "书法"], rng.randint(0, 2)
                ),
                id_number=number,
            )
        )
    ledger.add_many(volunteers, action="demo volunteers")

    # Teams: most organizations near graduation run one, some others too, and the center a few.
    late = {"supervision", "graduated"}
    team_specs: list[tuple[str, str | None, list[str], bool]] = []  # name, org, members, active recently
    for org in orgs:
        if rng.random() < (0.8 if org.stage in late else 0.15):
            size = rng.randint(5, 12) if org.stage in late and rng.random() < 0.8 else rng.randint(2, 8)
            members = rng.sample(chosen, min(size, len(chosen)))
            team_specs.append((f"{org.name}志愿队", org.id, members, org.stage in late and rng.random() < 0.75))
    for n in range(max(3, len(chosen) // 200)):
        members = rng.sample(chosen, min(rng.randint(10, 40), len(chosen)))
        team_specs.append((f"社区志愿者队伍{n + 1}", None, members, False))
    teams = ledger.add_many(
        [
            Team(
                id="",
                name=name,
                founded=today - dt.timedelta(days=history),
                org=org,
                leader=members[0],
                members=[
                    TeamMember(person=m, since=today - dt.timedelta(days=rng.randint(100, history))) for m in members
                ],
            )
            for name, org, members, _active in team_specs
        ],
        action="demo volunteer teams",
    )
    teams_of: dict[str, list[Team]] = defaultdict(list)
    for team in teams:
        for m in team.members:
            teams_of[m.person].append(team)

    used: dict[tuple[str, dt.date], float] = defaultdict(float)
    records: list[ServiceRecord] = []
    operator = ledger.operator
    budget = counts.get("volunteer_records", 0)

    def add(pid: str, date: dt.date, hours: float, team: Team | None, org: str | None, status: str) -> None:
        key = (pid, date)
        if used[key] + hours > 24:
            return
        used[key] += hours
        decided = status != PENDING
        records.append(
            ServiceRecord(
                id="",
                person=pid,
                date=date,
                hours=hours,
                activity=rng.choice(SYNTHETIC_ACTIVITIES),
                recorder=operator,
                team=team.id if team else None,
                org=team.org if team else org,
                place=rng.choice(PLACES),
                status=status,
                decided_by=operator if decided else None,
                decided_on=min(today, date + ONE_DAY * (1 + int(rng.random() * 10))) if decided else None,
                reason="时长与签到表不符" if status == REJECTED else "",
            )
        )

    # Active teams of organizations near graduation: enough approved hours in the last 80 days.
    for team, (_name, _org, _members, active) in zip(teams, team_specs, strict=True):
        if active:
            for _k in range(20):
                m = rng.choice(team.members).person
                add(m, today - dt.timedelta(days=rng.randint(5, 80)), 3.0, team, None, APPROVED)
    # The rest: some volunteers much more active than others (star levels), spread over two years.
    weights = [min(40.0, rng.paretovariate(1.2)) for _pid in chosen]
    org_ids = [o.id for o in orgs]
    remaining = max(0, budget - len(records))
    dates = [today - dt.timedelta(days=n) for n in range(history + 1)]
    random_ = rng.random
    for pid, hours in zip(
        rng.choices(chosen, weights, k=remaining), rng.choices(SESSION_HOURS, k=remaining), strict=True
    ):
        days = int(random_() * (history + 1))
        draw = random_()
        date = dates[days]
        if days < 30:
            status = PENDING if draw < 0.6 else (APPROVED if draw < 0.98 else REJECTED)
        else:
            status = APPROVED if draw < 0.95 else REJECTED
        mine = teams_of.get(pid)
        team = rng.choice(mine) if mine and draw < 0.7 else None
        org = rng.choice(org_ids) if team is None and org_ids and draw > 0.9 else None
        add(pid, date, hours, team, org, status)
    ledger.add_many(records, action="demo volunteer records")
