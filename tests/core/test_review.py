"""``hive review``: the --json document, --as-of, --apply, stored reviews, which organizations."""

from __future__ import annotations

import datetime as dt

from hive.models import Review

JOINED = "2026-01-05"


def add_org(hive, name, members=3, backbones=1, joined=JOINED, since=JOINED):
    org = hive.new_id("org", "add", name, "--joined", joined)
    for k in range(members):
        person = hive.new_id("person", "add", f"{name}成员{k}")
        hive.ok("member", "add", org, person, "--since", since, *(["--backbone"] if k < backbones else []))
    return org


def test_review_json_document(hive, club):
    waiting = add_org(hive, "文化宣传队", members=2)
    rows = hive.json("review")
    assert [r["id"] for r in rows] == [club, waiting]
    ready, not_ready = rows
    assert set(ready) == {"id", "name", "stage", "verdict", "failed", "passed", "as_of", "review", "moved_to", "evidence"}
    assert ready == {
        "id": club,
        "name": "阅翼成长阅读俱乐部",
        "stage": "intake",
        "verdict": "ready",
        "failed": [],
        "passed": ["core.members"],
        "as_of": "2026-06-30",
        "review": ready["review"],
        "moved_to": None,
        "evidence": {"core.members": {"members": 3, "backbones": 2}},
    }
    assert not_ready["verdict"] == "not_ready"
    assert not_ready["failed"] == [{"criterion": "core.members", "reason": "has 2 of 3 members"}]
    assert not_ready["passed"] == []


def test_review_text_says_who_is_ready_and_why_not(hive, club):
    add_org(hive, "文化宣传队", members=2)
    out = hive.ok("review")
    assert "Stage review as of 2026-06-30" in out
    assert "✓ o1  阅翼成长阅读俱乐部  [intake]  ready" in out
    assert "has 2 of 3 members  (core.members)" in out
    assert "1 ready, 1 not ready, of 2 reviewed" in out


def test_reviews_are_stored(hive, club):
    (row,) = hive.json("review", club)
    shown = hive.json("org", "show", club)["last_review"]
    assert shown["id"] == row["review"]
    assert shown["verdict"] == "ready" and shown["as_of"] == "2026-06-30" and shown["operator"] == "tester"
    assert shown["applied"] is False
    (again,) = hive.json("review", club)
    assert again["review"] != row["review"]  # every run is kept
    events = hive.json("events")
    assert [e["record"] for e in events if e["action"] == "review"] == [row["review"], again["review"]]


def test_review_several_by_id_or_name(hive, club):
    other = add_org(hive, "文化宣传队")
    add_org(hive, "便民服务队")
    rows = hive.json("review", other, "阅翼成长阅读俱乐部")
    assert [r["id"] for r in rows] == [other, club]
    assert len(hive.json("review")) == 3


def test_review_unknown_org_writes_nothing(hive, club):
    result = hive.fails("review", club, "o99")
    assert "o99" in result.stderr
    assert hive.json("org", "show", club)["last_review"] is None


def test_suspended_and_dissolved_are_not_reviewed_by_default(hive, club):
    paused = add_org(hive, "文化宣传队")
    gone = add_org(hive, "便民服务队")
    hive.ok("suspend", paused, "--reason", "骨干外出务工")
    hive.ok("dissolve", gone, "--reason", "成员解散")
    assert [r["id"] for r in hive.json("review")] == [club]
    assert "suspended" in hive.fails("review", paused).stderr
    assert "dissolved" in hive.fails("review", gone).stderr
    hive.ok("reinstate", paused, "--reason", "骨干回来了")
    assert [r["id"] for r in hive.json("review")] == [club, paused]


def test_apply_moves_only_the_ready_ones(hive, club):
    waiting = add_org(hive, "文化宣传队", members=2)
    rows = hive.json("review", "--apply")
    assert [(r["id"], r["moved_to"]) for r in rows] == [(club, "backbone_training"), (waiting, None)]
    orgs = {o["id"]: o for o in hive.json("org", "list")}
    assert orgs[club]["stage"] == "backbone_training" and orgs[club]["stage_since"] == "2026-06-30"
    assert orgs[waiting]["stage"] == "intake"
    (move,) = hive.json("history", club)
    assert move["from_stage"] == "intake" and move["to_stage"] == "backbone_training"
    assert move["forced"] is False and move["operator"] == "tester"
    assert hive.json("org", "show", club)["last_review"]["applied"] is True
    out = hive.ok("review", club, "--apply")  # now at backbone training, not ready: nothing moves
    assert "moved to" not in out and "not ready" in out


def test_as_of_ignores_later_records_and_memberships(hive):
    org = add_org(hive, "文化宣传队", members=2)
    late = hive.new_id("person", "add", "赵磊")
    hive.ok("member", "add", org, late, "--since", "2026-04-01")
    assert hive.json("review", org, "--as-of", "2026-03-31")[0]["failed"] == [
        {"criterion": "core.members", "reason": "has 2 of 3 members"}
    ]
    assert hive.json("review", org, "--as-of", "2026-04-01")[0]["verdict"] == "ready"


def test_as_of_apply_records_the_transition_at_that_date(hive, club):
    (row,) = hive.json("review", club, "--as-of", "2026-03-31", "--apply")
    assert row["as_of"] == "2026-03-31" and row["moved_to"] == "backbone_training"
    (move,) = hive.json("history", club)
    assert move["date"] == "2026-03-31"
    assert hive.json("org", "show", club)["stage_since"] == "2026-03-31"


def test_as_of_skips_organizations_that_did_not_exist_yet(hive, club):
    later = add_org(hive, "文化宣传队", joined="2026-05-01", since="2026-05-01")
    assert [r["id"] for r in hive.json("review", "--as-of", "2026-04-30")] == [club]
    assert "2026-05-01" in hive.fails("review", later, "--as-of", "2026-04-30").stderr


def test_applying_as_of_before_the_last_move_is_refused(hive, club):
    """Applying a review as of a day before the organization's last move would record a move out of order."""
    hive.ok("review", club, "--as-of", "2026-03-31", "--apply")
    (row,) = hive.json("review", "--as-of", "2026-03-30")  # reviewed at the stage it held that day
    assert row["id"] == club and row["stage"] == "intake" and row["verdict"] == "ready"
    result = hive.fails("review", club, "--as-of", "2026-03-30", "--apply")
    assert "2026-03-31" in result.stderr
    assert hive.json("review", "--as-of", "2026-03-31")[0]["stage"] == "backbone_training"


def test_as_of_in_the_future_or_malformed_is_refused(hive, club):
    assert "in the future" in hive.fails("review", "--as-of", "2026-07-01").stderr
    assert "not a date" in hive.fails("review", "--as-of", "30/06/2026").stderr


def test_review_engine_api(hive, club):
    """The same review through the engine, without the command line."""
    from hive import plugins
    from hive.ledger import Ledger
    from hive.lifecycle import run_review
    from hive.store import Store

    with Store.open(hive.db, write=True) as store:
        ledger = Ledger(store, operator="api", today=dt.date(2026, 6, 30))
        ((org, review),) = run_review(ledger, plugins.load(entry_points=False), [club], apply=True)
        assert isinstance(review, Review) and review.verdict == "ready" and review.applied
        ledger.commit()
    assert hive.json("org", "show", club)["stage"] == "backbone_training"
    assert hive.json("history", club)[0]["operator"] == "api"


def test_an_organization_named_twice_is_reviewed_and_moved_once(hive, club):
    rows = hive.json("review", club, "阅翼成长阅读俱乐部", "--apply")
    assert [(r["id"], r["moved_to"]) for r in rows] == [(club, "backbone_training")]
    assert len(hive.json("history", club)) == 1


def test_as_of_sees_a_backbone_only_from_the_day_they_became_one(hive):
    org = add_org(hive, "文化宣传队", backbones=0)
    hive.ok("member", "add", org, "文化宣传队成员0", "--backbone", "--since", "2026-04-01")
    assert hive.json("review", org, "--as-of", "2026-03-31")[0]["failed"] == [
        {"criterion": "core.members", "reason": "has 0 of 1 backbones"}
    ]
    assert hive.json("review", org, "--as-of", "2026-04-01")[0]["verdict"] == "ready"
    member = hive.json("org", "show", org)["members"][0]
    assert member["backbone"] is True and member["since"] == JOINED and member["backbone_since"] == "2026-04-01"
