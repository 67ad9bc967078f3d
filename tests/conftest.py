"""Set-up shared by every test of hive: a fixed day and an environment free of the user's settings."""

from __future__ import annotations

import pytest

#: The "today" of every test (``HIVE_TODAY``), so dates in tests and docs never age.
TODAY = "2026-06-30"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("HIVE_TODAY", TODAY)
    for var in ("HIVE_OPERATOR", "HIVE_NO_PLUGINS", "HIVE_BUSY_TIMEOUT", "HIVE_DB", "HIVE_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    return TODAY


@pytest.fixture(autouse=True)
def english_unless_asked():
    """Each test starts in English: a command run in Chinese by an earlier test leaves no language behind."""
    from hive import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")
