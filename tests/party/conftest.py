"""Shared set-up for the party-building tests: a fixed "today", the plugin enabled, a few people."""

from __future__ import annotations

import pytest


@pytest.fixture
def party(hive):
    """The ``hive`` runner with the party plugin enabled."""
    hive.enable("party")
    return hive


@pytest.fixture
def people(party):
    """``people(*names)``: add residents; returns their ids."""

    def add(*names: str) -> list[str]:
        return [party.new_id("person", "add", name) for name in names]

    return add


@pytest.fixture
def org_with(party, people):
    """``org_with(name, *member_names)``: an organization and its members (added as residents); returns its id."""

    def add(name: str, *members: str) -> str:
        org = party.new_id("org", "add", name, "--joined", "2025-01-05")
        for pid in people(*members):
            party.ok("member", "add", org, pid, "--since", "2025-01-05")
        return org

    return add


@pytest.fixture
def statuses(party):
    """``statuses()``: each organization's coverage status, by id."""

    def run() -> dict[str, str]:
        return {row["id"]: row["status"] for row in party.json("party", "coverage")}

    return run
