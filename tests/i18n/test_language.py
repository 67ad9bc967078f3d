"""Which language hive speaks: --lang, else HIVE_LANG, else the center's setting, else the locale, else English."""

from __future__ import annotations

import pytest

from hive import i18n

LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "HIVE_LANG")
ZH_HEADER = "编号"  # the first column of `hive org list`
EN_HEADER = "id"


@pytest.fixture
def bare(hive, monkeypatch):
    """The hive runner with no language in the environment at all."""
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    hive.ok("org", "add", "阅翼成长阅读俱乐部")
    return hive


def header(hive, *args: str) -> str:
    return hive.ok(*args, "org", "list").split()[0]


def center_language(hive, value: str) -> None:
    hive.ok("--lang", "en", "settings", "set", "core.language", value)


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh-cn", "zh_CN"),
        ("zh", "zh_CN"),
        ("en_US.UTF-8", "en"),
        ("C", "en"),
        ("C.UTF-8", "en"),
        ("POSIX", "en"),
        ("fr_FR.UTF-8", None),
        ("", None),
        (None, None),
    ],
)
def test_locale_tags_are_normalized(tag, expected):
    assert i18n.normalize(tag) == expected


def test_nothing_set_is_english(bare):
    assert header(bare) == EN_HEADER


def test_the_locale_is_used_when_nothing_else_says(bare, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert header(bare) == ZH_HEADER


def test_lc_all_outranks_lang(bare, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert header(bare) == EN_HEADER
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert header(bare) == ZH_HEADER


def test_the_centers_setting_outranks_the_locale(bare, monkeypatch):
    center_language(bare, "zh_CN")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert header(bare) == ZH_HEADER
    center_language(bare, "en")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert header(bare) == EN_HEADER


def test_hive_lang_outranks_the_centers_setting(bare, monkeypatch):
    center_language(bare, "en")
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    assert header(bare) == ZH_HEADER
    center_language(bare, "zh_CN")
    monkeypatch.setenv("HIVE_LANG", "en")
    assert header(bare) == EN_HEADER


def test_the_lang_option_outranks_everything(bare, monkeypatch):
    center_language(bare, "en")
    monkeypatch.setenv("HIVE_LANG", "en")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert header(bare, "--lang", "zh_CN") == ZH_HEADER
    assert header(bare, "--lang=zh-CN") == ZH_HEADER
    center_language(bare, "zh_CN")
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    assert header(bare, "--lang", "en") == EN_HEADER


def test_an_unknown_hive_lang_falls_through_to_the_next_source(bare, monkeypatch):
    monkeypatch.setenv("HIVE_LANG", "fr")
    center_language(bare, "zh_CN")
    assert header(bare) == ZH_HEADER


def test_an_unknown_lang_option_is_refused(bare):
    result = bare.fails("--lang", "fr", "org", "list")
    assert "'fr'" in result.stderr and "zh_CN" in result.stderr


@pytest.mark.parametrize(
    ("explicit", "env", "center", "expected"),
    [
        ("zh_CN", {"HIVE_LANG": "en", "LANG": "en_US.UTF-8"}, "en", "zh_CN"),
        (None, {"HIVE_LANG": "zh_CN", "LANG": "en_US.UTF-8"}, "en", "zh_CN"),
        (None, {"LANG": "en_US.UTF-8"}, "zh_CN", "zh_CN"),
        (None, {"LANG": "zh_CN.UTF-8"}, None, "zh_CN"),
        (None, {"LANG": "zh_CN.UTF-8"}, "", "zh_CN"),
        (None, {}, None, "en"),
    ],
)
def test_choose_in_order(monkeypatch, explicit, env, center, expected):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.choose(explicit, center=center) == expected
