"""Tables line up by display width: a Chinese character takes two columns of the terminal."""

from __future__ import annotations

import pytest

from hive.cli.output import table, width

wcswidth = pytest.importorskip("wcwidth").wcswidth  # an independent measure of terminal columns


def column_starts(line: str, cells: list[str]) -> list[int]:
    """The display column where each cell of ``line`` starts."""
    starts, position = [], 0
    for cell in cells:
        index = line.index(cell, position)
        starts.append(wcswidth(line[:index]))
        position = index + len(cell)
    return starts


def test_width_counts_wide_characters_twice():
    assert width("abc") == 3
    assert width("阅翼成长") == 8
    assert width("o1 读书会") == 9
    assert width("\x1b") == 1  # not printable: counted as one rather than failing


def test_columns_line_up_with_chinese_and_latin_cells():
    headers = ["编号", "名称", "阶段", "状态"]
    rows = [
        ("o1", "阅翼成长阅读俱乐部", "督导", "正常"),
        ("o10", "Sunrise club", "组织诊断", "已暂停"),
        ("o2", "艺舞人生 Art 团", "入驻", "active"),
    ]
    lines = table(headers, rows).splitlines()
    assert len(lines) == 2 + len(rows)
    expected = column_starts(lines[0], headers)
    assert expected[1] > expected[0]
    for line, row in zip(lines[2:], rows, strict=True):
        assert column_starts(line, list(row)) == expected, line
    # the rule under the header is exactly as wide as each column
    dashes = [len(part) for part in lines[1].split("  ")]
    assert dashes == [max(width(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]


def test_org_list_lines_up_in_chinese(hive):
    for name, kind in [("阅翼成长阅读俱乐部", "读书会"), ("Sunrise club", "reading"), ("便民服务队", "志愿服务队")]:
        hive.ok("org", "add", name, "--kind", kind)
    lines = hive.ok("--lang", "zh_CN", "org", "list").splitlines()
    headers = lines[0].split()
    assert headers == ["编号", "名称", "类型", "阶段", "状态", "本阶段起始"]
    expected = column_starts(lines[0], headers)
    for line in lines[2:]:
        cells = line.split("  ")
        cells = [c.strip() for c in cells if c.strip()]
        assert column_starts(line, cells) == expected, line
