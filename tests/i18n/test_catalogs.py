"""Every translation catalog is complete and compiled: the core's, click's, and each plugin's.

The domains are discovered (hive.catalogs.domains), not listed: a plugin
package under plugins/ that has a locale folder is checked like the core.
"""

from __future__ import annotations

import ast
import re

import pytest

pytest.importorskip("babel")

from hive import catalogs  # noqa: E402

LANGUAGE = "zh_CN"
DOMAINS = [d for d in catalogs.domains() if d.localedir.is_dir()]
COMPLETE = [d for d in DOMAINS if d.complete]
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rs])?\}")


def test_the_core_and_the_bundled_plugins_are_found():
    names = {d.name for d in DOMAINS}
    assert {"hive", "click"} <= names
    plugin_locales = {p.parent.name for p in (catalogs.checkout_root() / "plugins").glob("hive_*/locale")}
    assert plugin_locales <= names


@pytest.fixture(scope="module")
def templates():
    return {d.name: catalogs.extract(d) for d in COMPLETE}


def _key(message) -> tuple[str | None, str]:
    return (message.context, message.id if isinstance(message.id, str) else message.id[0])


def _strings(message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, tuple | list) else (message.string,)


@pytest.mark.parametrize("domain", COMPLETE, ids=lambda d: d.name)
def test_every_marked_message_has_a_translation(domain, templates):
    assert domain.po(LANGUAGE).exists(), f"{domain.po(LANGUAGE)} is missing: run python -m hive.catalogs"
    catalog = catalogs.read(domain.po(LANGUAGE), LANGUAGE, domain.name)
    translated = {_key(m) for m in catalog if m.id and not m.fuzzy and all(_strings(m))}
    missing = [
        f"{m.context}|{_key(m)[1]}" if m.context else _key(m)[1]
        for m in templates[domain.name]
        if m.id and _key(m) not in translated
    ]
    assert not missing, f"{domain.po(LANGUAGE)}: run python -m hive.catalogs and translate: {missing}"


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: d.name)
def test_the_compiled_catalog_matches_its_po(domain):
    po, mo = domain.po(LANGUAGE), domain.mo(LANGUAGE)
    assert po.exists(), f"{po} is missing: run python -m hive.catalogs"
    assert mo.exists(), f"{mo} is missing: run python -m hive.catalogs"
    compiled = catalogs.render_mo(catalogs.read(po, LANGUAGE, domain.name))
    assert mo.read_bytes() == compiled, f"{mo} is older than or different from {po.name}: run python -m hive.catalogs"


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: d.name)
def test_translations_keep_the_placeholders(domain):
    if not domain.po(LANGUAGE).exists():
        pytest.skip("no catalog yet: reported by test_every_marked_message_has_a_translation")
    catalog = catalogs.read(domain.po(LANGUAGE), LANGUAGE, domain.name)
    wrong = []
    for message in catalog:
        if not message.id or not all(_strings(message)):
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        allowed = {p for text in ids for p in PLACEHOLDER.findall(text)}
        for text in _strings(message):
            if not set(PLACEHOLDER.findall(text)) <= allowed or (
                len(ids) == 1 and sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(ids[0]))
            ):
                wrong.append((message.id, text))
    assert not wrong, wrong


@pytest.mark.parametrize("domain", COMPLETE, ids=lambda d: d.name)
def test_babel_sees_every_marked_message(domain, templates):
    """A ``_()`` inside an f-string is invisible to the extractor on Python < 3.12: never translated."""
    seen = {_key(m)[1] for m in templates[domain.name] if m.id}
    files = [domain.sources] if domain.sources.is_file() else sorted(domain.sources.rglob("*.py"))
    hidden = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            position = 1 if node.func.id == "pgettext" else 0  # pgettext(context, message)
            if (
                node.func.id in catalogs.KEYWORDS
                and len(node.args) > position
                and isinstance(node.args[position], ast.Constant)
                and isinstance(node.args[position].value, str)
                and node.args[position].value not in seen
            ):
                hidden.append(f"{path.name}:{node.lineno} {node.args[position].value!r}")
    assert not hidden, f"move these out of f-strings: {hidden}"


def test_clicks_own_words_are_translated():
    (click_domain,) = [d for d in DOMAINS if d.name == "click"]
    catalog = catalogs.read(click_domain.po(LANGUAGE), LANGUAGE, "click")
    translated = {_key(m)[1]: _strings(m)[0] for m in catalog if m.id and all(_strings(m))}
    for message in ("Usage:", "Options", "Commands", "Show this message and exit.", "Error: {message}"):
        assert translated.get(message), message
    assert "Missing option" in translated and "No such command {name!r}." in translated
