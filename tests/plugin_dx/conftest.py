"""Shared set-up for the plugin developer experience tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def quiet_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIVE_TODAY", "2026-06-30")
    for var in ("HIVE_NO_PLUGINS", "HIVE_TRACE_PLUGINS", "HIVE_OPERATOR", "HIVE_DB"):
        monkeypatch.delenv(var, raising=False)
