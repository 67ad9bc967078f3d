"""``hive resource match``: the optimum where a greedy choice is wrong, splits, windows, slots, tags, priorities."""

from __future__ import annotations


def test_greedy_by_priority_strands_a_need_the_optimum_serves_both(pool):
    # The urgent need could take either fund; greedy gives it the first one, the only one the other
    # need can use (it asks for 儿童). The optimum gives each need 100.
    children = pool.resource("funds", 100, "yuan", "--tag", "儿童")
    plain = pool.resource("funds", 100, "yuan")
    urgent = pool.need("funds", 100, "yuan", "--priority", "5")
    tagged = pool.need("funds", 100, "yuan", "--priority", "1", "--tag", "儿童")
    assert pool.pairs() == {(urgent, plain, 100.0), (tagged, children, 100.0)}
    assert pool.match()["unmatched"] == []


def test_greedy_by_community_loses_quantity_the_optimum_does_not(pool):
    # Each need has a fund in its own community, but only the 海珠 fund carries the tag the 益田 need
    # names: serving everyone beats the community preference.
    haizhu = pool.resource("funds", 100, "yuan", "--community", "海珠社区", "--tag", "儿童")
    yitian = pool.resource("funds", 100, "yuan", "--community", "益田社区")
    local = pool.need("funds", 100, "yuan", "--community", "海珠社区", "--priority", "5")
    tagged = pool.need("funds", 100, "yuan", "--community", "益田社区", "--tag", "儿童")
    assert pool.pairs() == {(local, yitian, 100.0), (tagged, haizhu, 100.0)}


def test_a_slot_to_the_need_it_fits_the_largest_slot_to_the_largest_need(pool):
    # Greedy in order of the needs gives the big room to the small need; the big need then fits nowhere.
    big_room = pool.resource("venue", 10, "hours", "--description", "大礼堂")
    small_room = pool.resource("venue", 4, "hours", "--description", "活动室")
    small = pool.need("venue", 4, "hours")
    big = pool.need("venue", 8, "hours")
    assert pool.pairs() == {(small, small_room, 4.0), (big, big_room, 8.0)}


def test_priority_weighs_quantity(pool):
    fund = pool.resource("funds", 100, "yuan")
    low = pool.need("funds", 100, "yuan", "--priority", "1")
    high = pool.need("funds", 100, "yuan", "--priority", "2")
    assert pool.pairs() == {(high, fund, 100.0)}
    assert pool.match()["unmatched"] == [{"need": low, "quantity": 100.0, "reason": "all_taken"}]


def test_priority_times_quantity_can_favour_the_larger_need(pool):
    # 5 x 30 = 150 against 1 x 200 = 200: the optimum serves the larger need in full.
    pool.resource("funds", 200, "yuan")
    urgent = pool.need("funds", 30, "yuan", "--priority", "5")
    large = pool.need("funds", 200, "yuan", "--priority", "1")
    document = pool.match()
    got = {a["need"]: a["quantity"] for a in document["allocations"]}
    assert 5 * got.get(urgent, 0) + got.get(large, 0) == 5 * 30 + 170  # all of the urgent, the rest to the large
    assert got == {urgent: 30.0, large: 170.0}


def test_divisible_quantities_split_both_ways(pool):
    a = pool.resource("funds", 200, "yuan")
    b = pool.resource("funds", 400, "yuan")
    big = pool.need("funds", 500, "yuan", "--priority", "5")
    small = pool.need("funds", 100, "yuan")
    document = pool.match()
    by_need: dict[str, float] = {}
    by_resource: dict[str, float] = {}
    for row in document["allocations"]:
        by_need[row["need"]] = by_need.get(row["need"], 0) + row["quantity"]
        by_resource[row["resource"]] = by_resource.get(row["resource"], 0) + row["quantity"]
    assert by_need == {big: 500.0, small: 100.0}
    assert by_resource == {a: 200.0, b: 400.0}
    assert len({r["resource"] for r in document["allocations"] if r["need"] == big}) == 2


def test_hours_and_items_split_items_stay_whole(pool):
    pool.resource("materials", 5, "items")
    pool.resource("materials", 3, "items")
    need = pool.need("materials", 7, "items")
    quantities = sorted(a["quantity"] for a in pool.match()["allocations"] if a["need"] == need)
    assert sum(quantities) == 7 and all(q == int(q) for q in quantities)


def test_a_slot_is_never_split_nor_shared(pool):
    room = pool.resource("venue", 10, "hours")
    first = pool.need("venue", 4, "hours", "--priority", "5")
    second = pool.need("venue", 4, "hours")
    assert pool.pairs() == {(first, room, 4.0)}
    assert pool.reasons() == {second: "all_taken"}
    # a need larger than every slot is never met in part
    pool.resource("venue", 3, "hours")
    large = pool.need("venue", 12, "hours")
    assert pool.reasons()[large] == "too_small"


def test_square_metres_are_slots_too(pool):
    pool.resource("facility", 50, "square_metres")
    pool.resource("facility", 50, "square_metres")
    need = pool.need("facility", 80, "square_metres")
    assert pool.reasons() == {need: "too_small"}


def test_the_window_at_its_boundaries(pool, monkeypatch):
    later = pool.resource("funds", 100, "yuan", "--from", "2026-07-10", "--to", "2026-07-20")
    too_early = pool.need("funds", 100, "yuan", "--by", "2026-07-09")
    assert pool.reasons() == {too_early: "outside_window"}
    just_in_time = pool.need("funds", 100, "yuan", "--by", "2026-07-10")
    assert pool.pairs() == {(just_in_time, later, 100.0)}
    # on its last day it is still available; the day after it is gone
    monkeypatch.setenv("HIVE_TODAY", "2026-07-20")
    open_ended = pool.need("funds", 50, "yuan")
    assert (open_ended, later, 50.0) in pool.pairs()
    monkeypatch.setenv("HIVE_TODAY", "2026-07-21")
    assert pool.reasons()[open_ended] == "outside_window"


def test_a_need_past_its_date_is_outside_every_window(pool, monkeypatch):
    pool.resource("funds", 100, "yuan")
    need = pool.need("funds", 100, "yuan", "--by", "2026-07-01")
    monkeypatch.setenv("HIVE_TODAY", "2026-07-02")
    assert pool.reasons() == {need: "outside_window"}


def test_tags_the_resource_must_carry_every_tag_the_need_names(pool):
    both = pool.resource("manpower", 10, "hours", "--tag", "健康", "--tag", "长者")
    one = pool.resource("manpower", 10, "hours", "--tag", "健康")
    need = pool.need("manpower", 10, "hours", "--tag", "健康", "--tag", "长者")
    assert pool.pairs() == {(need, both, 10.0)}
    health = pool.need("manpower", 5, "hours", "--tag", "健康")  # one of the resource's tags is enough
    assert (health, one, 5.0) in pool.pairs()
    picky = pool.need("manpower", 5, "hours", "--tag", "儿童")
    assert pool.reasons()[picky] == "no_matching_tags"


def test_kind_and_unit_must_both_match(pool):
    pool.resource("manpower", 10, "hours")
    pool.resource("funds", 10, "items")
    venue = pool.need("venue", 2, "hours")
    funds = pool.need("funds", 10, "yuan")
    assert pool.reasons() == {venue: "no_resource_of_kind", funds: "no_resource_of_kind"}


def test_prefers_the_needs_own_community_when_nothing_is_lost(pool):
    pool.resource("funds", 100, "yuan", "--community", "益田社区")
    own = pool.resource("funds", 100, "yuan", "--community", "海珠社区")
    need = pool.need("funds", 100, "yuan", "--community", "海珠社区")
    assert pool.pairs() == {(need, own, 100.0)}
    # the default community of both is the center's own (海珠社区 in the test center)
    second = pool.need("funds", 150, "yuan")
    got = {r: q for n, r, q in pool.pairs() if n == second}
    assert sum(got.values()) == 100.0  # all that is left after the first need


def test_own_community_first_then_the_rest_from_elsewhere(pool):
    outside = pool.resource("funds", 100, "yuan", "--community", "益田社区")
    own = pool.resource("funds", 50, "yuan", "--community", "海珠社区")
    need = pool.need("funds", 100, "yuan", "--community", "海珠社区")
    assert pool.pairs() == {(need, own, 50.0), (need, outside, 50.0)}
