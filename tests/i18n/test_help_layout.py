"""Help in Chinese fits the terminal (wrapped by display columns); plugin sections of `org show` read well."""

from __future__ import annotations

import pytest

from hive.cli.language import wrap_text
from hive.cli.output import width

CHINESE = (
    "用法文章中的组织（重新）搭建演示中心（./hive-demo.json 或 --db 指定的文件），启用所有自带插件，"
    "并输出阶段评估结果。不会覆盖非演示用的文件。"
)


@pytest.mark.parametrize("columns", [20, 37, 60, 78])
def test_wide_text_is_wrapped_by_display_columns(columns):
    wrapped = wrap_text(CHINESE, columns, initial_indent="  ", subsequent_indent="    ")
    lines = wrapped.splitlines()
    assert len(lines) > 1
    for line in lines:
        # a line may only overflow by the closing punctuation hung at its end
        assert width(line) <= columns or (width(line) <= columns + 2 and line[-1] in "，。）；："), line
        assert line.strip()[0] not in "，。、；：）", line
    assert lines[0].startswith("  用法") and all(ln.startswith("    ") for ln in lines[1:])
    assert "".join(ln.strip() for ln in lines).replace(" ", "") == CHINESE.replace(" ", "")


def test_ascii_text_is_wrapped_by_click_itself():
    from hive.cli import language

    text = "Build a synthetic center of this size instead (large: about 2,000 organizations and 50,000 people)."
    assert wrap_text(text, 30, "  ", "  ") == language._click_wrap_text(text, 30, "  ", "  ")


def test_paragraphs_and_unwrapped_blocks_are_kept():
    text = "第一段的文字。\n\n\b\n保持原样的一行\n第二行\n\n第三段。"
    wrapped = wrap_text(text, 40, "", "", preserve_paragraphs=True)
    assert wrapped == "第一段的文字。\n\n保持原样的一行\n第二行\n\n第三段。"


def test_plugin_sections_read_as_lines(hive):
    class Details:
        @staticmethod
        def hive_org_details(ledger, organization):
            return {"kind": "读书会", "mentor_assigned": False, "skills": ["手工", "理发"], "leader": None}

    from hive import hookimpl

    Details.hive_org_details = hookimpl(Details.hive_org_details)
    org = hive.new_id("org", "add", "阅翼成长阅读俱乐部")
    hive.register(Details, "details")
    english = hive.ok("org", "show", org)
    assert (
        "  [details]\n    kind: 读书会\n    mentor_assigned: no\n    skills: 手工, 理发\n    leader: -" in english
    )
    chinese = hive.ok("--lang", "zh_CN", "org", "show", org)
    assert "    类型: 读书会\n    mentor_assigned: 否\n" in chinese  # a key the catalogs know is translated
    assert hive.json("org", "show", org)["details"]["mentor_assigned"] is False
