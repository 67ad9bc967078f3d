"""The plugin's zh_CN catalog is complete and compiled, and the commands speak Chinese.

Update it with ``python -m hive.catalogs --domain hive_party`` after changing a message.
"""

from __future__ import annotations

from pathlib import Path

import hive_party
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

PLUGIN = Path(hive_party.__file__).parent
MESSAGES = PLUGIN / "locale" / "zh_CN" / "LC_MESSAGES"


def _po() -> dict[tuple[str | None, str], str]:
    """Messages by (context, id): a person's name (msgctxt "person") is not an organization's."""
    with open(MESSAGES / "hive_party.po", "rb") as f:
        return {(m.context, m.id): m.string for m in read_po(f) if m.id}


def test_every_marked_string_is_translated():
    marked = {
        message
        for _file, _line, message, _comments, context in extract_from_dir(
            PLUGIN,
            # the modules, and the web workspace's templates
            method_map=[("**.py", "python"), ("**/templates/**.html", "jinja2.ext:babel_extract")],
            keywords={"_": None, "N_": None, "pgettext": ((1, "c"), 2)},
        )
        for message in [(context, message[-1] if isinstance(message, tuple) else message)]
    }
    po = _po()
    assert sorted(m for m in marked if not po.get(m)) == []
    assert sorted(set(po) - marked) == []  # nothing stale left in the catalog


def test_the_compiled_catalog_matches_the_po_file():
    with open(MESSAGES / "hive_party.mo", "rb") as f:
        compiled = read_mo(f)
    assert {(m.context, m.id): m.string for m in compiled if m.id} == _po()


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (("party", "coverage"), "需纳入联合党支部或选派党建指导员"),
        (("party", "compliance", "--year", "2025"), "主题党日"),
        (("party", "--help"), "两个覆盖"),
    ],
)
def test_speaks_chinese(party, monkeypatch, command, expected):
    party.ok("org", "add", "便民服务队")
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    assert expected in party.ok(*command)


def test_errors_in_chinese(party, monkeypatch):
    monkeypatch.setenv("HIVE_LANG", "zh_CN")
    assert "晚于今天" in party.fails("party", "compliance", "--year", "2027").stderr
