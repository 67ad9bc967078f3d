"""Chinese output of the party plugin: a member's name is 姓名, and org show / person show leave no English key."""

from __future__ import annotations

import re


def test_member_list_header_is_姓名(party, people):
    people("王芳")
    party.ok("party", "member", "add", "王芳", "--joined", "2010-07-01")
    header = party.ok("--lang", "zh_CN", "party", "member", "list").splitlines()[0].split()
    assert "姓名" in header and "名称" not in header


def test_org_and_person_show_in_chinese_have_no_english(party, org_with):
    org = org_with("阅翼成长阅读俱乐部", "王芳")
    party.ok("party", "member", "add", "王芳", "--joined", "2010-07-01", "--reported")
    org_show = party.ok("--lang", "zh_CN", "org", "show", org)
    person = party.ok("--lang", "zh_CN", "person", "show", "王芳", "--show-personal")
    for out in (org_show, person):
        section = out[out.index("[") :]
        assert not re.search(r"[a-z]{3,}", section.replace("pm", "")), section
    assert "[党建]" in org_show
    # English and --json stay as they were
    assert "party_members: 1" in party.ok("org", "show", org)
    assert party.json("org", "show", org)["party"]["coverage"] == "needs_instructor"


def test_demo_tour_uses_chinese_separator(tmp_path, hive):
    out = hive.ok("--lang", "zh_CN", "demo", "--db", str(tmp_path / "d.json"))
    line = next(x for x in out.splitlines() if x.startswith("党建覆盖情况"))
    assert "; " not in line and "；" in line


def test_frequency_settings_read_as_english(party):
    descriptions = {s["key"]: s["description"] for s in party.json("settings", "list")}
    assert descriptions["party.frequency.life_meeting"].startswith("how often the organizational life meeting is due")
    assert not any(" a organizational" in d for d in descriptions.values())
