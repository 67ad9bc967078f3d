"""Translation of user-facing text (gettext catalogs, managed with Babel).

Every string a user reads goes through :func:`_` (or :func:`ngettext`).
Strings defined at import time are marked with :func:`N_` and translated
where they are shown. The language is chosen once per command with
:func:`set_language`, in this order: ``--lang``, else ``HIVE_LANG``, else the
center's ``core.language`` setting, else the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``), else English. Until it is set, the environment
decides.

Plugins get their own catalog with :func:`translator`::

    from hive.i18n import translator
    _ = translator("hive_volunteer", Path(__file__).parent / "locale")

The catalogs are ``<localedir>/zh_CN/LC_MESSAGES/<domain>.po`` with the
compiled ``.mo`` next to it; ``python -m hive.catalogs`` extracts, updates and
compiles every domain (see docs/i18n.md).
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext as _gettext
import os
from collections.abc import Callable, Iterator
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "hive"
#: click's own messages (Usage:, Options:, Missing option...), translated in hive's locale folder.
CLICK_DOMAIN = "click"
SUPPORTED = ("en", "zh_CN")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_language: str | None = None
# A language for one context only (one request of ``hive serve``), over the process's.
_context_language: contextvars.ContextVar[str | None] = contextvars.ContextVar("hive_language", default=None)
_catalogs: dict[tuple[str, str, str], _gettext.NullTranslations] = {}
_plugin_domains: dict[str, Path] = {}


def normalize(tag: str | None) -> str | None:
    """Map a locale tag (``zh_CN.UTF-8``, ``zh-cn``, ``zh``, ``C``) to a supported language, or None."""
    if not tag:
        return None
    base = tag.strip().split(".")[0].split("@")[0].replace("-", "_")
    if base.lower().startswith("zh"):
        return "zh_CN"
    if base.lower().startswith("en") or base in ("C", "POSIX"):
        return "en"
    return None


def requested_language() -> str | None:
    """The language asked for by ``HIVE_LANG`` (it outranks the center's setting), or None."""
    return normalize(os.environ.get("HIVE_LANG"))


def locale_language() -> str | None:
    """The language of the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``; the first one set wins), or None."""
    for var in LOCALE_VARIABLES:
        value = os.environ.get(var)
        if value:  # as in POSIX, the first variable set decides, even when it names another language
            return normalize(value)
    return None


def environment_language() -> str | None:
    """The language the environment asks for: ``HIVE_LANG``, else the locale; or None."""
    return requested_language() or locale_language()


def choose(explicit: str | None = None, center: str | None = None) -> str:
    """The language in effect: ``explicit`` (``--lang``), ``HIVE_LANG``, ``center``, the locale, English."""
    return normalize(explicit) or requested_language() or normalize(center) or locale_language() or "en"


def set_language(language: str | None) -> str:
    """Fix the language for the rest of the command; returns the one in effect."""
    global _language
    _language = normalize(language) or "en"
    return _language


@contextlib.contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Use ``language`` in this context only (a thread or task), whatever the process's language is.

    ``hive serve`` answers each request in the language of its user; requests run
    side by side, so the choice cannot be the process-wide :func:`set_language`.
    """
    token = _context_language.set(normalize(language) or "en")
    try:
        yield _context_language.get()  # type: ignore[misc]
    finally:
        _context_language.reset(token)


def language() -> str:
    """The current language: the one set with :func:`set_language`, else the environment's, else English."""
    chosen = _context_language.get()
    if chosen is not None:
        return chosen
    if _language is None:
        return environment_language() or "en"
    return _language


def _catalog(domain: str, localedir: Path) -> _gettext.NullTranslations:
    key = (domain, str(localedir), language())
    found = _catalogs.get(key)
    if found is None:
        found = _gettext.translation(domain, localedir=str(localedir), languages=[language()], fallback=True)
        _catalogs[key] = found
    return found


def translator(domain: str, localedir: Path) -> Callable[[str], str]:
    """A ``_`` function bound to a plugin's own catalog (``<localedir>/<lang>/LC_MESSAGES/<domain>.mo``).

    ``domain`` is the plugin's package name (``hive_volunteer``). Call the
    returned function when the text is shown (inside hooks and commands, which
    run after the language is chosen), not at import time of a module that
    the core imports early. The domain is also remembered so that the
    descriptions a plugin declares (settings, criteria) can be translated where
    the core shows them (see :func:`declared`).
    """
    _plugin_domains[domain] = Path(localedir)

    def translate(message: str) -> str:
        return _catalog(domain, localedir).gettext(message)

    return translate


def plural_translator(domain: str, localedir: Path) -> Callable[[str, str, int], str]:
    """An ``ngettext`` function bound to a plugin's own catalog (see :func:`translator`)."""
    _plugin_domains[domain] = Path(localedir)

    def translate(singular: str, plural: str, n: int) -> str:
        return _catalog(domain, localedir).ngettext(singular, plural, n)

    return translate


def context_translator(domain: str, localedir: Path) -> Callable[[str, str], str]:
    """A ``pgettext(context, message)`` function bound to a plugin's own catalog (see :func:`translator`).

    For a word that reads differently in two places: a team's name (名称) and a person's (姓名).
    """
    _plugin_domains[domain] = Path(localedir)

    def translate(context: str, message: str) -> str:
        return _catalog(domain, localedir).pgettext(context, message)

    return translate


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _catalog(DOMAIN, LOCALE_DIR).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the number ``n``."""
    return _catalog(DOMAIN, LOCALE_DIR).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in ``context``, for a word that reads differently in two places (a person's name)."""
    return _catalog(DOMAIN, LOCALE_DIR).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


def join(parts: list[str]) -> str:
    """Several problems in one sentence, with the current language's separator (``; `` or ``；``)."""
    # Translators: the separator between the problems of one criterion.
    return _("; ").join(parts)


def declared(message: str) -> str:
    """Translate text declared by the core or by a plugin (a setting's or criterion's description).

    The core's catalog first, then the catalog of every plugin that made a
    :func:`translator`; the text as given when none has it.
    """
    if not message:
        return message
    translated = _(message)
    if translated != message:
        return translated
    for domain, localedir in _plugin_domains.items():
        translated = _catalog(domain, localedir).gettext(message)
        if translated != message:
            return translated
    return message


def every_language(message: str) -> set[str]:
    """``message`` (a declared label) as every supported language says it, in any catalog.

    So that a code can be typed as its label in English or in Chinese
    whatever the language of the run (``--kind 主题党日`` = ``--kind theme_day``).
    """
    found = {message}
    for lang in SUPPORTED:
        for domain, localedir in ((DOMAIN, LOCALE_DIR), *_plugin_domains.items()):
            key = (domain, str(localedir), lang)
            catalog = _catalogs.get(key)
            if catalog is None:
                catalog = _catalogs[key] = _gettext.translation(
                    domain, localedir=str(localedir), languages=[lang], fallback=True
                )
            found.add(catalog.gettext(message))
    return found


def click_gettext(message: str) -> str:
    """click's own messages in the current language (see :mod:`hive.cli.language`)."""
    return _catalog(CLICK_DOMAIN, LOCALE_DIR).gettext(message)


def click_ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(CLICK_DOMAIN, LOCALE_DIR).ngettext(singular, plural, n)
