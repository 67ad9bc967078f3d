"""On the demo center, every figure of the report agrees with the listings of the records it counts.

For a month, a quarter and a year: the volunteer, party and resource figures
against those plugins' own listings (``--json``), the core's against the
records themselves (``hive export``); and every figure's previous-period and
year-to-date values against the report of that period.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.report.conftest import export, within

PERIODS = ("2026-11", "2026Q3", "2025")


@pytest.fixture(scope="module")
def runner(demo_db):
    from hive.testing import HiveRunner

    return HiveRunner(demo_db)


@pytest.fixture
def report(demo):
    return lambda *args: demo.json("report", *args)


def figures(doc: dict, section: str) -> dict:
    return {key: f["value"] for key, f in doc["sections"][section]["figures"].items()}


@pytest.mark.parametrize("period", PERIODS)
def test_volunteer_figures_agree_with_volunteer_report(demo, report, period):
    doc = report("--period", period)
    start, end = doc["period"]["from"], doc["period"]["to"]
    got = figures(doc, "volunteers")
    listing = demo.json("volunteer", "report", "--from", start, "--to", end)
    assert (got["approved_hours"], got["person_times"], got["active"]) == (
        listing["hours"],
        listing["records"],
        listing["volunteers"],
    )
    for by, table in (("team", "by_team"), ("org", "by_organization")):
        rows = doc["sections"]["volunteers"]["tables"][table]["rows"]
        expected = {
            (r["id"] or "", r["hours"], r["records"], r["volunteers"])
            for r in demo.json("volunteer", "report", "--by", by, "--from", start, "--to", end)["rows"]
        }
        assert {(r["id"], r["hours"], r["person_times"], r["volunteers"]) for r in rows} == expected
    pending = [r for r in demo.json("volunteer", "records", "--status", "pending") if within(r["date"], start, end)]
    assert got["pending_records"] == len(pending)
    assert got["pending_hours"] == round(sum(r["hours"] for r in pending), 2)
    volunteers = demo.json("volunteer", "list")
    assert got["registered"] == sum(1 for v in volunteers if v["registered"] <= end)
    assert got["new"] == sum(1 for v in volunteers if within(v["registered"], start, end))
    chart = doc["sections"]["volunteers"]["charts"]["hours_by_month"]["bars"]
    assert len(chart) == 12 and chart[-1]["label"] == end[:7]


@pytest.mark.parametrize("period", PERIODS)
def test_party_figures_agree_with_party_listings(demo, report, period):
    doc = report("--period", period)
    start, end = doc["period"]["from"], doc["period"]["to"]
    got = figures(doc, "party")
    activities = demo.json("party", "activity", "list", "--from", start, "--to", end)
    assert got["activities"] == len(activities)
    kinds = Counter(a["kind"] for a in activities)
    assert {k[len("activities_") :]: v for k, v in got.items() if k.startswith("activities_") and v} == dict(kinds)
    assert got["attendances"] == sum(len(set(a["attendees"])) for a in activities)
    assert got["attendees"] == len({p for a in activities for p in a["attendees"]})
    by_branch = doc["sections"]["party"]["tables"]["activities_by_branch"]["rows"]
    assert sum(row["total"] for row in by_branch) >= len(activities)
    if doc["period"]["kind"] == "year":
        compliance = demo.json("party", "compliance", "--year", start[:4])
        assert got["compliance_due"] == len(compliance)
        assert got["compliance_held"] == sum(1 for r in compliance if r["status"] == "held")


def test_party_coverage_agrees_with_party_coverage(demo, report):
    got = figures(report("--period", "2026Q4"), "party")  # not over: coverage as it stands today
    rows = demo.json("party", "coverage")
    assert got["coverage_organizations"] == len(rows)
    assert got["coverage_covered"] == sum(1 for r in rows if r["status"].startswith("covered"))
    assert got["coverage_covered_by_branch"] == sum(1 for r in rows if r["status"] == "covered_by_branch")


@pytest.mark.parametrize("period", PERIODS)
def test_resource_figures_agree_with_resource_listings(demo, report, period):
    doc = report("--period", period)
    start, end = doc["period"]["from"], doc["period"]["to"]
    got = figures(doc, "resources")
    allocations = demo.json("resource", "allocations")
    assert got["allocations_made"] == sum(1 for a in allocations if within(a["date"], start, end))
    fulfilled = [a for a in allocations if a["status"] == "fulfilled" and within(a["closed"], start, end)]
    assert got["allocations_fulfilled"] == len(fulfilled)
    providers = [p for p in demo.json("resource", "provider", "list") if p["outside"]]
    assert got["providers"] == sum(1 for p in providers if p["added"] <= end)
    assert got["providers_new"] == sum(1 for p in providers if within(p["added"], start, end))
    needs = demo.json("resource", "needs")
    assert got["needs_opened"] == sum(1 for n in needs if within(n.get("added"), start, end))
    delivered = sum(r["delivered"] for r in doc["sections"]["resources"]["tables"]["value_by_kind"]["rows"])
    assert delivered == pytest.approx(sum(a["quantity"] for a in fulfilled))


@pytest.mark.parametrize("period", PERIODS)
def test_core_figures_agree_with_the_records(demo, report, period):
    doc = report("--period", period)
    start, end = doc["period"]["from"], doc["period"]["to"]
    records = export(demo)
    trainings = [t for t in records["trainings"] if within(t["date"], start, end)]
    got = figures(doc, "trainings")
    assert (got["sessions"], got["hours"]) == (len(trainings), round(sum(t["hours"] for t in trainings), 2))
    assert got["attendees"] == len({p for t in trainings for p in t["attendees"]})
    listed = doc["sections"]["trainings"]["tables"]["sessions"]["rows"]
    assert sorted(r["id"] for r in listed) == sorted(t["id"] for t in trainings)
    registrations = [r for r in records["registrations"] if within(r["date"], start, end)]
    got = figures(doc, "registrations")
    assert got["filed"] == sum(1 for r in registrations if r.get("filing_no"))
    assert got["registered"] == sum(1 for r in registrations if r.get("uscc"))
    got = figures(doc, "supervision")
    assert got["diagnoses"] == sum(1 for d in records["diagnoses"] if within(d["date"], start, end))
    assert got["supervisions"] == sum(1 for s in records["supervisions"] if within(s["date"], start, end))
    order = [
        "intake",
        "backbone_training",
        "registration",
        "capacity_training",
        "diagnosis",
        "supervision",
        "graduated",
    ]
    moves = [
        t
        for t in records["transitions"]
        if within(t["date"], start, end) and order.index(t["to_stage"]) > order.index(t["from_stage"])
    ]
    pipeline = doc["sections"]["pipeline"]
    assert pipeline["figures"]["moved_on"]["value"] == len(moves)
    assert len(pipeline["tables"]["moved_on"]["rows"]) == len(moves)
    joined = [o for o in records["organizations"] if within(o["joined"], start, end)]
    assert sorted(r["id"] for r in pipeline["tables"]["entered"]["rows"]) == sorted(o["id"] for o in joined)
    stages = pipeline["tables"]["stages"]["rows"]
    assert sum(r["end"] for r in stages) == pipeline["figures"]["organizations_end"]["value"]
    assert sum(r["start"] for r in stages) == pipeline["figures"]["organizations_start"]["value"]


@pytest.mark.parametrize("period", PERIODS)
def test_previous_and_year_to_date_are_the_reports_of_those_periods(report, period):
    doc = report("--period", period)
    previous = report("--period", doc["period"]["previous"]["code"])
    ytd = doc["period"]["year_to_date"]
    to_date = report("--from", ytd["from"], "--to", ytd["to"])
    for key, section in doc["sections"].items():
        for name, figure in section["figures"].items():
            assert figure["previous"] == previous["sections"][key]["figures"][name]["value"], (key, name)
            if figure["year_to_date"] is not None:
                assert figure["year_to_date"] == to_date["sections"][key]["figures"][name]["value"], (key, name)


def test_a_plugin_that_is_not_enabled_adds_no_section(hive):
    assert set(hive.json("report", "--period", "2026-05")["sections"]) == {
        "pipeline",
        "trainings",
        "registrations",
        "supervision",
        "reviews",
    }
