"""``hive demo --size``: synthetic centers for benchmarks are built, consistent and deterministic.

No timing here: speed is measured by the scripts in benchmarks/.
"""

from __future__ import annotations

import json

import pytest

from hive import hookimpl
from hive.demo import SIZES
from hive.stages import STAGE_IDS


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("HIVE_TODAY", "2026-06-30")
    return "2026-06-30"


def build(hive, path, *args):
    return hive.json("demo", "--size", "small", "--db", str(path), *args)


def test_same_seed_same_bytes_other_seed_other_center(hive, tmp_path, today):
    first, again, other = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    build(hive, first, "--seed", "7")
    build(hive, again, "--seed", "7")
    build(hive, other, "--seed", "8")
    assert first.read_bytes() == again.read_bytes()
    assert first.read_bytes() != other.read_bytes()
    # rebuilding over a demo file gives the same bytes again
    build(hive, first, "--seed", "7")
    assert first.read_bytes() == again.read_bytes()


def test_counts_names_and_dates(hive, tmp_path, today):
    path = tmp_path / "s.json"
    doc = build(hive, path)
    assert doc["size"] == "small" and doc["seed"] == 0
    target = SIZES["small"]
    records = doc["records"]
    assert records["organizations"] == target["organizations"]
    assert records["people"] == target["people"]
    stage_records = sum(records[t] for t in ("trainings", "registrations", "diagnoses", "supervisions"))
    assert target["stage_records"] <= stage_records <= target["stage_records"] * 1.1
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["center"]["1"]["demo"] is True
    names = [p["name"] for p in data["people"].values()]
    assert all(2 <= len(n) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in n) for n in names)
    assert len(set(names)) > len(names) * 0.8
    orgs = data["organizations"].values()
    assert len({o["name"] for o in orgs}) == len(orgs)
    dates = [r["date"] for t in ("trainings", "diagnoses", "supervisions", "transitions") for r in data[t].values()]
    assert max(dates) <= today
    # event times are pinned to the day, not to the clock
    assert {e["at"] for e in data["events"].values()} == {"2026-06-30T00:00:00+00:00"}


def test_histories_are_consistent(hive, tmp_path, today):
    path = tmp_path / "s.json"
    build(hive, path, "--seed", "3")
    data = json.loads(path.read_text(encoding="utf-8"))
    moves: dict[str, list[dict]] = {}
    for t in data["transitions"].values():
        moves.setdefault(t["org"], []).append(t)
    for number, org in data["organizations"].items():
        history = sorted(moves.get(f"o{number}", []), key=lambda t: t["date"])
        stage_moves = [t for t in history if t["from_stage"] != t["to_stage"]]
        path_taken = [STAGE_IDS[0]] + [t["to_stage"] for t in stage_moves]
        assert path_taken == list(STAGE_IDS[: STAGE_IDS.index(org["stage"]) + 1])
        assert [t["from_stage"] for t in stage_moves] == path_taken[:-1]
        if stage_moves:
            assert org["stage_since"] == stage_moves[-1]["date"]
        assert org["status"] == (history[-1]["status"] if history else "active")
        assert org["joined"] <= org["stage_since"] <= today
    assert {o["stage"] for o in data["organizations"].values()} >= {"intake", "graduated"}


def test_its_review_has_both_verdicts(hive, tmp_path, today):
    path = tmp_path / "s.json"
    build(hive, path, "--seed", "1")
    rows = hive.json("--db", str(path), "review")
    assert {r["verdict"] for r in rows} == {"ready", "not_ready"}
    assert len({r["stage"] for r in rows}) >= 4


def test_seed_needs_size_and_a_real_center_is_never_replaced(hive, today):
    assert "--size" in hive.fails("demo", "--seed", "3").stderr
    result = hive.fails("demo", "--size", "small", "--db", str(hive.db))
    assert "not a demo" in result.stderr


class _Guestbook:
    """A third-party plugin (not bundled) with a demo hook of its own: no record types, just an event line."""

    def __init__(self):
        self.sizes = []

    @hookimpl
    def hive_demo(self, ledger, size, counts, rng):
        self.sizes.append((size, dict(counts)))
        ledger.log("guestbook demo", detail=f"{size}:{rng.random():.6f}")


def test_a_third_party_plugin_is_enabled_and_its_demo_hook_runs(hive, tmp_path, today):
    guestbook = _Guestbook()
    hive.plugins.register(guestbook, "guestbook")
    article, small = tmp_path / "article.json", tmp_path / "small.json"
    hive.ok("demo", "--db", str(article))
    doc = build(hive, small, "--seed", "2")
    assert [size for size, _counts in guestbook.sizes] == ["article", "small"]
    # the core passes its own figures; each plugin decides its own
    assert guestbook.sizes[1][1] == SIZES["small"]
    assert "guestbook" in doc["plugins"]
    for path in (article, small):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert "guestbook" in data["center"]["1"]["plugins"]
        assert any(e["action"] == "guestbook demo" for e in data["events"].values())


def test_each_plugin_declares_its_own_figures_for_every_size():
    import hive_party.demo
    import hive_resource.demo
    import hive_volunteer.demo

    from hive.demo import SYNTHETIC_SIZES

    assert set(SIZES) == {"article", *SYNTHETIC_SIZES}
    assert all(set(SIZES[s]) == {"organizations", "people", "stage_records"} for s in SYNTHETIC_SIZES)
    for module in (hive_party.demo, hive_resource.demo, hive_volunteer.demo):
        assert set(module.SIZES) == set(SYNTHETIC_SIZES)
    center = {**SIZES["center"], **hive_volunteer.demo.SIZES["center"], **hive_party.demo.SIZES["center"]}
    assert center["organizations"] == 100 and center["people"] == 7_500
    assert center["volunteers"] == 3_000 and center["volunteer_records"] == 100_000
    assert hive_volunteer.demo.SIZES["center"]["days"] >= 5 * 365 and center["party_activities"] == 250
    assert hive_resource.demo.SIZES["center"] == {"resources": 100, "needs": 100}


def test_a_size_is_typed_in_either_language(hive, tmp_path, today):
    from hive.cli.demo import SIZE_LABELS
    from hive.demo import SYNTHETIC_SIZES

    assert tuple(SIZE_LABELS) == SYNTHETIC_SIZES
    english, chinese = tmp_path / "en.json", tmp_path / "zh.json"
    build(hive, english)
    doc = hive.json("demo", "--size", "小", "--db", str(chinese), env={"HIVE_LANG": "zh_CN"})
    assert doc["size"] == "small" and chinese.read_bytes() == english.read_bytes()
    result = hive("demo", "--size", "巨大", "--db", str(tmp_path / "x.json"), env={"HIVE_LANG": "zh_CN"})
    assert result.exit_code == 2 and "small (小)" in result.stderr and not (tmp_path / "x.json").exists()
