"""Shared set-up for the volunteer tests: a fixed "today", the plugin enabled, volunteers and their hours."""

from __future__ import annotations

import pytest


@pytest.fixture
def vol(hive):
    """The ``hive`` runner with the volunteer plugin enabled."""
    hive.enable("volunteer")
    return hive


@pytest.fixture
def volunteers(vol):
    """``volunteers(*names)``: add residents and register them as volunteers; returns their person ids."""

    def add(*names: str) -> list[str]:
        ids = []
        for name in names:
            pid = vol.new_id("person", "add", name)
            vol.new_id("volunteer", "add", pid)
            ids.append(pid)
        return ids

    return add


@pytest.fixture
def served(vol):
    """``served(person, hours, date, *options, approve=True)``: log hours (approved by default); returns the id."""

    def log(person: str, hours: float, date: str = "2026-06-01", *options: str, approve: bool = True) -> str:
        if "--activity" not in options:
            options = ("--activity", "探访长者", *options)
        rid = vol.new_id("volunteer", "log", person, "--date", date, "--hours", str(hours), *options)
        if approve:
            vol.ok("volunteer", "approve", rid)
        return rid

    return log
