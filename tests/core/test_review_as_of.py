"""Reviews as of a past date: every organization at the stage it held that day, with that day's verdicts."""

from __future__ import annotations

import pytest

MID = "2026-06-15"
MID_ENV = {"HIVE_TODAY": MID}


def add_org(hive, name, *, members=3, backbones=2, joined="2026-01-05", env=None):
    org = hive.new_id("org", "add", name, "--joined", joined, env=env)
    for k in range(members):
        person = hive.new_id("person", "add", f"{name}成员{k}", env=env)
        hive.ok("member", "add", org, person, "--since", joined, *(["--backbone"] if k < backbones else []), env=env)
    return org


def comparable(rows):
    """A review's rows without the ids of the stored reviews (each run stores its own)."""
    return [{k: v for k, v in row.items() if k != "review"} for row in rows]


@pytest.fixture
def month(hive):
    """A center run through June: reviewed on the 15th, changed after it, reviewed and applied at month end."""
    ids = {}
    ids["intake"] = add_org(hive, "阅翼成长阅读俱乐部", env=MID_ENV)  # ready at intake all month
    ids["training"] = add_org(hive, "艺舞人生艺术团", env=MID_ENV)
    hive.ok("advance", ids["training"], "--to", "backbone_training", "--force", "--reason", "x", "--date", "2026-02-01")
    ids["supervised"] = add_org(hive, "多彩多意书画院", env=MID_ENV)
    hive.ok("advance", ids["supervised"], "--to", "supervision", "--force", "--reason", "x", "--date", "2026-03-01")
    ids["dissolved"] = add_org(hive, "便民服务队", env=MID_ENV)
    hive.ok("dissolve", ids["dissolved"], "--reason", "骨干搬走", "--date", "2026-06-10", env=MID_ENV)
    mid = hive.json("review", env=MID_ENV)  # the review a social worker ran on the 15th
    # After the 15th: training for the backbones, a graduation, a newcomer, and the month-end review.
    for k in range(2):
        hive.ok(
            "record", "training", ids["training"], "--date", "2026-06-20", "--hours", "8", "--topic", "章程",
            "--attendee", f"艺舞人生艺术团成员{k}",
        )  # fmt: skip
    hive.ok("advance", ids["supervised"], "--to", "graduated", "--force", "--reason", "出壳", "--date", "2026-06-20")
    ids["newcomer"] = add_org(hive, "智慧父母读书会", members=1, joined="2026-06-20")
    month_end = hive.json("review", "--apply")
    return ids, mid, month_end


def test_month_end_review_moves_the_ready_ones(hive, month):
    ids, _mid, month_end = month
    moved = {row["id"]: row["moved_to"] for row in month_end}
    assert moved == {ids["intake"]: "backbone_training", ids["training"]: "registration", ids["newcomer"]: None}


def test_review_as_of_mid_month_equals_the_review_run_that_day(hive, month):
    ids, mid, _month_end = month
    again = hive.json("review", "--as-of", MID)
    assert comparable(again) == comparable(mid)
    stages = {row["id"]: (row["stage"], row["verdict"]) for row in again}
    assert stages == {
        ids["intake"]: ("intake", "ready"),
        ids["training"]: ("backbone_training", "not_ready"),  # its training came on the 20th
        ids["supervised"]: ("supervision", "not_ready"),  # graduated on the 20th
    }


def test_organizations_without_a_stage_that_day_are_named_in_a_closing_line(hive, month):
    ids, _mid, _month_end = month
    out = hive.ok("review", "--as-of", MID)
    last = out.strip().splitlines()[-1]
    assert last.startswith(f"Not reviewed as of {MID} (2): ")
    assert f"{ids['dissolved']} 便民服务队: dissolved" in last
    assert f"{ids['newcomer']} 智慧父母读书会: joined on 2026-06-20, after {MID}" in last
    result = hive(
        "review", "--as-of", MID, "--json"
    )  # the document keeps one object per review; the line goes to stderr
    assert "Not reviewed as of" in result.stderr and "Not reviewed" not in result.stdout
    zh = hive.ok("--lang", "zh_CN", "review", "--as-of", MID)
    assert f"截至 {MID} 未评估（2 个）" in zh and "便民服务队：已解散" in zh


def test_an_organization_that_moved_on_is_reviewed_at_its_stage_of_that_day(hive, month):
    ids, _mid, _month_end = month
    (row,) = hive.json("review", ids["supervised"], "--as-of", MID)
    assert row["stage"] == "supervision" and row["verdict"] == "not_ready"
    (row,) = hive.json("review", ids["intake"], "--as-of", MID)
    assert row["stage"] == "intake" and row["verdict"] == "ready" and row["moved_to"] is None
    assert hive.json("org", "show", ids["intake"])["stage"] == "backbone_training"  # nothing moved back


def test_a_named_organization_without_a_stage_that_day_is_refused_in_words(hive, month):
    ids, _mid, _month_end = month
    assert "joined on 2026-06-20, after 2026-06-15" in hive.fails("review", ids["newcomer"], "--as-of", MID).stderr
    result = hive.fails("--lang", "zh_CN", "review", ids["dissolved"], "--as-of", MID)
    assert "已解散" in result.stderr and "入驻" in result.stderr and "intake" not in result.stderr
    assert "has graduated" in hive.fails("review", ids["supervised"]).stderr


def test_apply_as_of_a_past_date_leaves_those_that_changed_since(hive, month):
    ids, _mid, _month_end = month
    result = hive.fails("review", ids["intake"], "--as-of", MID, "--apply")
    assert "entered stage backbone training on 2026-06-30, after 2026-06-15" in result.stderr
    rows = hive.json("review", "--as-of", MID, "--apply")
    assert all(row["moved_to"] is None for row in rows)
    out = hive.ok("review", "--as-of", MID, "--apply")
    assert "not moved: it changed stage or status on 2026-06-30" in out


def test_latest_review_is_the_one_with_the_latest_as_of_date(hive, month):
    ids, _mid, _month_end = month
    hive.ok("review", "--as-of", MID)  # stored after the month-end review
    latest = hive.json("org", "show", ids["training"])["last_review"]
    assert latest["as_of"] == "2026-06-30" and latest["verdict"] == "ready"
