"""Fixtures of the traffic-safety tests, on top of the ones hive ships (``hive``)."""

from __future__ import annotations

import hive_traffic_safety
import pytest

TODAY = "2026-06-30"


@pytest.fixture
def center(hive, monkeypatch):
    """A fresh center with the plugin enabled (installed: found by its entry point; else registered)."""
    monkeypatch.setenv("HIVE_TODAY", TODAY)
    hive.use("traffic", hive_traffic_safety.plugin)
    return hive


@pytest.fixture
def club(center):
    """便民服务队 in capacity training since 1 March, with three members; its first one, 陈刚, leads."""
    org = center.org("便民服务队", kind="志愿服务队", members=3, backbones=1, joined="2026-01-05")
    center.ok("advance", org, "--to", "capacity_training", "--force", "--reason", "set-up", "--date", "2026-03-01")
    return org
