"""Translation of user-facing text (gettext catalogs, managed with Babel).

Every string a user reads goes through :func:`_` (or :func:`ngettext`).
Strings defined at import time are marked with :func:`N_` and translated
where they are shown. The language is chosen once per process with
:func:`set_language`; until then the environment decides (``HIVE_LANG``,
then ``LC_ALL``/``LC_MESSAGES``/``LANG``), else English.

Plugins get their own catalog with :func:`translator`::

    from hive.i18n import translator
    _ = translator("hive_volunteer", Path(__file__).parent / "locale")
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Callable
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
SUPPORTED = ("en", "zh_CN")

_language: str | None = None
_catalogs: dict[tuple[str, str], _gettext.NullTranslations] = {}


def normalize(tag: str | None) -> str | None:
    """Map a locale tag (``zh_CN.UTF-8``, ``zh-cn``, ``zh``, ``C``) to a supported language."""
    if not tag:
        return None
    base = tag.split(".")[0].split("@")[0].replace("-", "_")
    if base.lower().startswith("zh"):
        return "zh_CN"
    if base.lower().startswith("en") or base in ("C", "POSIX"):
        return "en"
    return None


def environment_language() -> str | None:
    """The language the environment asks for, ``HIVE_LANG`` first, or None."""
    explicit = normalize(os.environ.get("HIVE_LANG"))
    if explicit:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = normalize(os.environ.get(var))
        if value:
            return value
    return None


def set_language(language: str | None) -> str:
    """Fix the language for the rest of the process; returns the one in effect."""
    global _language
    _language = normalize(language) or "en"
    return _language


def language() -> str:
    if _language is None:
        return normalize(os.environ.get("HIVE_LANG")) or "en"
    return _language


def _catalog(domain: str, localedir: Path) -> _gettext.NullTranslations:
    key = (domain, str(localedir), language())
    found = _catalogs.get(key)
    if found is None:
        found = _gettext.translation(domain, localedir=str(localedir), languages=[language()], fallback=True)
        _catalogs[key] = found
    return found


def translator(domain: str, localedir: Path) -> Callable[[str], str]:
    """A ``_`` function bound to a plugin's own catalog (``<localedir>/<lang>/LC_MESSAGES/<domain>.mo``)."""

    def translate(message: str) -> str:
        return _catalog(domain, localedir).gettext(message)

    return translate


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _catalog("hive", LOCALE_DIR).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog("hive", LOCALE_DIR).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message
