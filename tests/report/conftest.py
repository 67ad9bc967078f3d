"""Shared set-up of the report tests: a demo center as of a day in December 2026, and a record counter."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from hive.testing import HiveRunner

DEMO_TODAY = "2026-12-02"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """``hive demo`` built on 2 December 2026 (the bundled plugins enabled), shared by a module's tests."""
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    mp = pytest.MonkeyPatch()
    mp.setenv("HIVE_TODAY", DEMO_TODAY)
    mp.setenv("HIVE_LANG", "en")
    try:
        HiveRunner(path).ok("--db", str(path), "demo")
    finally:
        mp.undo()
    return path


@pytest.fixture
def demo(demo_db, monkeypatch):
    monkeypatch.setenv("HIVE_TODAY", DEMO_TODAY)
    monkeypatch.setenv("HIVE_LANG", "en")
    return HiveRunner(demo_db)


def export(runner: HiveRunner) -> dict[str, list[dict]]:
    """Every record of the center, by collection, as ``hive export`` lists them."""
    return json.loads(runner.ok("export"))["collections"]


def within(day: str | None, start: str, end: str) -> bool:
    return day is not None and start <= day <= end


def days(report: dict) -> tuple[str, str]:
    return report["period"]["from"], report["period"]["to"]


def value(report: dict, section: str, figure: str):
    return report["sections"][section]["figures"][figure]["value"]


def iso(day: dt.date) -> str:
    return day.isoformat()
