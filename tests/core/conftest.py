"""Shared set-up for the core tests: a fixed "today" and small builders of organizations."""

from __future__ import annotations

import pytest

JOINED = "2026-01-05"


@pytest.fixture
def club(hive):
    """An organization at intake with backbones 王芳, 李娜 and a member 张伟; returns its id."""
    org = hive.new_id("org", "add", "阅翼成长阅读俱乐部", "--kind", "读书会", "--joined", JOINED)
    for name, backbone in [("王芳", True), ("李娜", True), ("张伟", False)]:
        hive.new_id("person", "add", name, "--phone", "13812345678")
        hive.ok("member", "add", org, name, "--since", JOINED, *(["--backbone"] if backbone else []))
    return org


@pytest.fixture
def at_stage(hive, club):
    """Move the club to a stage (forced) on a date; returns the club's id."""

    def move(stage: str, date: str = "2026-02-01") -> str:
        hive.ok("advance", club, "--to", stage, "--force", "--reason", "set-up", "--date", date)
        return club

    return move


@pytest.fixture
def verdict(hive):
    """``verdict(org, *options)``: the one row of ``hive review ORG --json``."""

    def run(org: str, *extra: str) -> dict:
        (row,) = hive.json("review", org, *extra)
        return row

    return run
