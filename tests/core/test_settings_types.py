"""A value of the wrong type is refused in words a social worker reads, in both languages (not 'float')."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("key", "bad", "expected", "chinese"),
    [
        ("core.intake.min_members", "abc", "a whole number", "整数"),
        ("core.backbone_training.min_hours", "abc", "a number", "数字"),
    ],
)
def test_wrong_type_is_named_in_words(hive, key, bad, expected, chinese):
    result = hive.fails("settings", "set", key, bad)
    assert result.stderr.strip() == f"hive: invalid value '{bad}' for setting {key}: expected {expected}"
    result = hive.fails("--lang", "zh_CN", "settings", "set", key, bad)
    assert result.stderr.strip().endswith(chinese)


def test_bool_and_list_settings_say_what_to_type():
    from hive.i18n import set_language
    from hive.settings import Setting

    set_language("en")

    with pytest.raises(Exception, match=r"expected yes or no"):
        Setting("x.on", True, "on", "bool").parse("maybe")
    with pytest.raises(Exception, match=r"expected numbers separated by commas"):
        Setting("x.hours", [1.0], "hours", "list[float]").parse("abc")
