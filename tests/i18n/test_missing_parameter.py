"""click's 'Missing argument' line ends with a Chinese full stop in Chinese, an English one in English."""

from __future__ import annotations


def test_missing_argument_ends_with_the_language_full_stop(hive):
    assert hive.fails("org", "add").stderr.strip() == "hive: Missing argument 'NAME'."
    assert hive.fails("--lang", "zh_CN", "org", "add").stderr.strip() == "hive: 缺少参数 'NAME'。"
    assert hive.fails("--lang", "zh_CN", "suspend", "o1").stderr.strip() == "hive: 缺少选项 '--reason'。"
