"""Party-mass linkage: party members' approved volunteer hours, from whichever plugin shares them."""

from __future__ import annotations

import re

import pytest

from hive import hookimpl


class FakeVolunteers:
    """Shares ``volunteer_hours`` through ``hive_person_figures``, like the volunteer plugin."""

    def __init__(self, hours: dict[str, float]):
        self.hours = hours
        self.asked: list[list[str]] = []

    @hookimpl
    def hive_person_figures(self, ledger, people):
        self.asked.append(list(people))
        return {"volunteer_hours": {pid: self.hours[pid] for pid in people if pid in self.hours}}


class OtherFigures:
    """A plugin sharing some other figure: not volunteer hours."""

    @hookimpl
    def hive_person_figures(self, ledger, people):
        return {"donations": {pid: 1.0 for pid in people}}


@pytest.fixture
def center(party, org_with):
    """王芳 and 李娜 party members of 俪人妈妈义工队; 张伟 a member who is not in the party."""
    org = org_with("俪人妈妈义工队", "王芳", "李娜", "张伟")
    for name in ["王芳", "李娜"]:
        party.ok("party", "member", "add", name, "--joined", "2010-07-01")
    return org


def test_member_list_and_reports_include_the_hours(party, center):
    fake = FakeVolunteers({"p1": 12.5, "p3": 40.0})  # p3 is not a party member: never asked for, never counted
    party.register(fake, "fakevol")
    members = party.json("party", "member", "list")
    assert [(m["person"], m["volunteer_hours"]) for m in members] == [("p1", 12.5), ("p2", 0.0)]
    assert fake.asked == [["p1", "p2"]]
    (row,) = party.json("party", "coverage")
    assert row["volunteer_hours"] == 12.5
    vanguard = "Party members' approved volunteer hours (vanguards): 12.5 h, 2 party members"
    assert vanguard in party.ok("party", "coverage")
    # compliance counts the year it shows; a plugin written before 'period' (this one) counts all time
    assert re.search(r"hours in \d{4} \(vanguards\): 12\.5 h, 2 party members", party.ok("party", "compliance"))
    assert re.search(r"王芳 .* 12\.5$", party.ok("party", "member", "list"), re.MULTILINE)


def test_without_the_figure_the_key_is_absent(party, center):
    party.register(OtherFigures(), "others")
    assert all("volunteer_hours" not in m for m in party.json("party", "member", "list"))
    assert all("volunteer_hours" not in r for r in party.json("party", "coverage"))
    assert "vanguards" not in party.ok("party", "coverage")
    assert "vanguards" not in party.ok("party", "compliance")


def test_a_disabled_plugin_is_not_asked(party, center):
    fake = FakeVolunteers({"p1": 12.5})
    party.register(fake, "fakevol", enable=False)
    assert "volunteer_hours" not in party.json("party", "member", "list")[0]
    assert fake.asked == []


def test_with_the_real_volunteer_plugin(party, center):
    commands = party("--help").stdout
    if not re.search(r"^\s+volunteer\s", commands, re.MULTILINE):
        pytest.skip("the volunteer plugin has no 'hive volunteer' command yet")
    party.enable("volunteer")
    assert [m["volunteer_hours"] for m in party.json("party", "member", "list")] == [0.0, 0.0]
    records = []
    for name, hours in [("王芳", "3.5"), ("张伟", "8")]:  # 张伟 is not a party member
        party.ok("volunteer", "add", name)
        log = ("volunteer", "log", name, "--date", "2026-06-01", "--hours", hours, "--activity", "社区环境清洁")
        records.append(party.new_id(*log))
    party.ok("volunteer", "log", "王芳", "--date", "2026-06-02", "--hours", "2", "--activity", "探访长者")
    party.ok("volunteer", "approve", *records)  # the third record stays pending: it does not count
    assert [m["volunteer_hours"] for m in party.json("party", "member", "list")] == [3.5, 0.0]
    (row,) = party.json("party", "coverage")
    assert row["volunteer_hours"] == 3.5
    assert "in 2026 (vanguards): 3.5 h, 2 party members" in party.ok("party", "compliance", "--year", "2026")
    earlier = party.new_id("volunteer", "log", "王芳", "--date", "2025-03-01", "--hours", "4", "--activity", "探访长者")
    party.ok("volunteer", "approve", earlier)
    # the vanguard line of a year's compliance counts that year's hours; coverage and the list all time
    assert "in 2025 (vanguards): 4.0 h, 2 party members" in party.ok("party", "compliance", "--year", "2025")
    assert "in 2026 (vanguards): 3.5 h, 2 party members" in party.ok("party", "compliance", "--year", "2026")
    assert "in 2024 (vanguards): 0.0 h" in party.ok("party", "compliance", "--year", "2024")
    assert "(vanguards): 7.5 h, 2 party members" in party.ok("party", "coverage")
    assert [m["volunteer_hours"] for m in party.json("party", "member", "list")] == [7.5, 0.0]
    zh = party.ok("party", "compliance", "--year", "2025", env={"HIVE_LANG": "zh_CN"})
    assert "2025 年党员已审核志愿服务时长（党员先锋）：4.0 小时，党员 2 名" in zh
    party.ok("plugins", "disable", "volunteer")
    assert "volunteer_hours" not in party.json("party", "member", "list")[0]
