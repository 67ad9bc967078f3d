"""hive in Simplified Chinese and in English: reviews, errors, the demo, help texts; data and --json keys untouched."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

JOINED = "2026-01-05"


@pytest.fixture
def club(hive):
    """An organization at intake with 2 members, one a backbone: not ready (3 members needed)."""
    org = hive.new_id("org", "add", "阅翼成长阅读俱乐部", "--kind", "读书会", "--joined", JOINED)
    for name, backbone in [("王芳", True), ("李娜", False)]:
        hive.new_id("person", "add", name)
        hive.ok("member", "add", org, name, "--since", JOINED, *(["--backbone"] if backbone else []))
    return org


def test_a_review_in_both_languages(hive, club):
    english = hive.ok("review")
    assert "Stage review as of 2026-06-30" in english
    assert "✗ o1  阅翼成长阅读俱乐部  [intake]  not ready" in english
    assert "has 2 of 3 members  (core.members)" in english
    assert "0 ready, 1 not ready, of 1 reviewed" in english

    chinese = hive.ok("--lang", "zh_CN", "review")
    assert "阶段评估（截至 2026-06-30）" in chinese
    assert "✗ o1  阅翼成长阅读俱乐部  [入驻]  未就绪" in chinese
    assert "成员 2 人，需 3 人  (core.members)" in chinese
    assert "共评估 1 个组织：0 个就绪，1 个未就绪" in chinese


def test_an_error_in_both_languages(hive, club):
    english = hive.fails("advance", club, "--to", "registration", "--reason", "想早点备案").stderr
    assert english.startswith("hive: cannot move o1 from intake to registration: the next stage is backbone training")
    chinese = hive.fails("--lang", "zh_CN", "advance", club, "--to", "registration", "--reason", "想早点备案").stderr
    assert chinese.startswith("hive: 无法将 o1 从 入驻 调整到 备案注册：下一阶段是 骨干培养")
    assert "--force" in chinese


def test_clicks_own_errors_are_translated(hive):
    assert "Missing argument 'NAME'" in hive.fails("org", "add").stderr
    assert "缺少参数 'NAME'" in hive.fails("--lang", "zh_CN", "org", "add").stderr
    assert "没有命令 'nonsense'" in hive.fails("--lang", "zh_CN", "nonsense").stderr


def test_the_data_stays_as_typed_and_json_keys_stay_english(hive, club):
    english = hive.json("org", "show", club)
    chinese = hive.json("--lang", "zh_CN", "org", "show", club)
    assert chinese == english  # keys and values: nothing of a --json document is translated
    assert chinese["stage"] == "intake" and chinese["status"] == "active"
    rows = hive.json("--lang", "zh_CN", "review")
    assert set(rows[0]) >= {"id", "name", "stage", "verdict", "failed", "passed", "as_of"}
    assert rows[0]["verdict"] == "not_ready" and rows[0]["failed"][0]["criterion"] == "core.members"
    stored = json.loads(hive.db.read_text(encoding="utf-8"))
    (org,) = stored["organizations"].values()
    assert (org["name"], org["kind"], org["stage"], org["status"]) == (
        "阅翼成长阅读俱乐部",
        "读书会",
        "intake",
        "active",
    )


def test_org_show_in_chinese(hive, club):
    out = hive.ok("--lang", "zh_CN", "org", "show", club)
    assert "  阶段: 入驻（自 2026-01-05 起）" in out
    assert "  状态: 正常" in out
    assert "  成员: 2" in out
    assert "王芳  骨干" in out


# The words of a Chinese screen that may stay as they are: ids, criterion ids, commands, file names.
ALLOWED = re.compile(
    r"\(?[a-z_]+\.[a-z_.]+\)?"  # criterion ids (core.members), file names (hive-demo.json)
    r"|hive(?: [^\s|）)]+)*"  # command hints: hive --db hive-demo.json org show o1
    r"|\b[a-z]{1,2}\d+\b"  # record ids (o1, p12, vr3)
    r"|\b(?:party|resource|volunteer|core|zh_CN|JSON|ORG|PERSON|NAME|YYYY-MM-DD)\b"
)
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def english_left(text: str) -> list[str]:
    return [line for line in text.splitlines() if ENGLISH_WORD.search(ALLOWED.sub(" ", line))]


def test_the_demo_speaks_chinese(hive, tmp_path, monkeypatch):
    """Done means: HIVE_LANG=zh_CN hive demo prints the whole demo in Chinese."""
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    monkeypatch.chdir(tmp_path)
    out = hive.ok("demo")
    for expected in ("演示中心", "阶段评估（截至 2026-06-30）", "已启用插件：", "就绪", "未就绪", "入驻", "骨干培养"):
        assert expected in out
    assert "督导" in out and "组织诊断" in out and "个未就绪" in out
    assert "未记录备案编号或统一社会信用代码" in out  # a review reason
    assert not english_left(out), english_left(out)
    listing = hive.ok("--db", "hive-demo.json", "org", "list")
    assert listing.splitlines()[0].split() == ["编号", "名称", "类型", "阶段", "状态", "本阶段起始"]
    assert not english_left(listing), english_left(listing)


def run_hive(*args: str, lang: str | None = None) -> str:
    """The real command in a new process: subcommand help is translated when its module is imported."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "HIVE_LANG")}
    if lang:
        env["HIVE_LANG"] = lang
    done = subprocess.run(
        [sys.executable, "-c", "from hive.cli import main; main()", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_in_chinese_from_hive_lang_and_from_the_option():
    root = run_hive("--help", lang="zh_CN")
    assert root.startswith("用法: hive [OPTIONS] COMMAND [ARGS]...")
    for expected in (
        "hive：培育社区社会组织",
        "选项:",
        "命令:",
        "中心数据文件（默认",
        "显示本帮助并退出。",
        "阶段评估：",
    ):
        assert expected in root
    org = run_hive("--lang", "zh_CN", "org", "--help")
    assert "组织：新增、列表、查看。" in org and "列出组织。" in org
    demo = run_hive("demo", "--help", lang="zh_CN")
    assert "演示中心" in demo and "输出一个 JSON 文档。" in demo
    assert "Show this message" not in root + org + demo
    # the bundled plugins' lines too, listed before their declarations are imported
    for plugin, line in (("party", "党建："), ("volunteer", "志愿者："), ("resource", "资源整合：")):
        assert re.search(rf"^  {plugin} +{line}", root, re.M), plugin


def test_root_help_follows_the_language_within_one_process(hive):
    """The root group's help is defined at import time (N_) and translated when it is shown."""
    assert "Language of messages" in hive.ok("--help")
    assert "界面语言" in hive.ok("--lang", "zh_CN", "--help")
    english = hive.ok("--lang", "en", "--help")
    assert "Language of messages" in english and "Show this message and exit." in english


def test_a_plugins_declared_descriptions_come_from_its_catalog(hive):
    """hive-hello marks its setting's description with N_; `settings list` translates it in the plugin's domain."""
    example = str(Path(__file__).parents[2] / "examples" / "hive-hello")
    hive.ok("--plugins-dir", example, "plugins", "enable", "hive_hello")
    rows = hive.json("--lang", "zh_CN", "--plugins-dir", example, "settings", "list")
    (greeting,) = [r for r in rows if r["key"] == "hello.greeting"]
    assert greeting["description"] == "“hive hello”问候组织时用的问候语"
    (english,) = [r for r in hive.json("--plugins-dir", example, "settings", "list") if r["key"] == "hello.greeting"]
    assert english["description"] == "how 'hive hello' greets an organization"
