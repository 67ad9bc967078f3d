"""The matching against independent answers on many small random pools.

Divisible quantities: the optimum of a two-step linear programme (best
priority-weighted quantity, then the most quantity in the needs' own
communities without losing any of it). Slots: every possible assignment,
enumerated. The match must reach both optima exactly and stay feasible. The
pools have earmarked resources (tags, some open to any need) and cancelled
pairs, which the brute force judges with its own, independent rule.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import numpy as np
import pytest
from hive_resource.matching import match
from hive_resource.models import Need, Resource
from hive_resource.pool import Usage

TODAY = dt.date(2026, 6, 30)
NOBODY = Usage({}, {}, {}, {})


def pool(rng: random.Random, kind: str, unit: str, needs: int, resources: int):
    def day(low: int, high: int) -> dt.date:
        return TODAY + dt.timedelta(days=rng.randint(low, high))

    offered = [
        Resource(
            f"rs{k}",
            "rp1",
            kind,
            float(rng.randint(1, 12)),
            unit,
            start=day(-5, 10) if rng.random() < 0.5 else None,
            end=day(5, 30) if rng.random() < 0.5 else None,
            community=rng.choice(["海珠社区", "益田社区"]),
            tags=rng.sample(["儿童", "长者"], rng.randint(0, 2)),
            any_need=rng.random() < 0.3,
        )
        for k in range(resources)
    ]
    wanted = [
        Need(
            f"rn{k}",
            org=None,
            kind=kind,
            quantity=float(rng.randint(1, 10)),
            unit=unit,
            by=day(0, 20) if rng.random() < 0.6 else None,
            priority=rng.randint(1, 5),
            tags=rng.sample(["儿童", "长者"], rng.choice([0, 0, 1])),
            community=rng.choice(["海珠社区", "益田社区"]),
        )
        for k in range(needs)
    ]
    cancelled = frozenset(
        (n.id, r.id) for n in wanted for r in offered if rng.random() < 0.15
    )
    return wanted, offered, cancelled


def fits(n: Need, r: Resource, cancelled=frozenset()) -> bool:
    """In the window; the need's tags all carried; an earmarked resource shares a tag; not cancelled before."""
    start = max(TODAY, r.start or TODAY)
    until = min(n.by or dt.date.max, r.end or dt.date.max)
    earmark_ok = not r.tags or r.any_need or bool(set(n.tags) & set(r.tags))
    return start <= until and set(n.tags) <= set(r.tags) and earmark_ok and (n.id, r.id) not in cancelled


def scores(wanted, offered, allocations):
    needs = {n.id: n for n in wanted}
    resources = {r.id: r for r in offered}
    weighted = sum(needs[a.need].priority * a.quantity for a in allocations)
    local = sum(a.quantity for a in allocations if needs[a.need].community == resources[a.resource].community)
    return weighted, local


def check_feasible(wanted, offered, allocations, cancelled):
    needs = {n.id: n for n in wanted}
    resources = {r.id: r for r in offered}
    for a in allocations:
        assert fits(needs[a.need], resources[a.resource], cancelled) and a.quantity > 0
    for n in wanted:
        assert sum(a.quantity for a in allocations if a.need == n.id) <= n.quantity + 1e-9
    for r in offered:
        assert sum(a.quantity for a in allocations if a.resource == r.id) <= r.quantity + 1e-9


def two_step_lp(wanted, offered, cancelled):
    from scipy.optimize import linprog

    pairs = [(i, j) for i, n in enumerate(wanted) for j, r in enumerate(offered) if fits(n, r, cancelled)]
    if not pairs:
        return 0.0, 0.0
    a = np.zeros((len(wanted) + len(offered), len(pairs)))
    for e, (i, j) in enumerate(pairs):
        a[i, e] = a[len(wanted) + j, e] = 1
    b = [n.quantity for n in wanted] + [r.quantity for r in offered]
    weighted = np.array([wanted[i].priority for i, _j in pairs], dtype=float)
    local = np.array([float(wanted[i].community == offered[j].community) for i, j in pairs])
    first = linprog(-weighted, A_ub=a, b_ub=b, method="highs")
    best = -first.fun
    second = linprog(-local, A_ub=np.vstack([a, -weighted]), b_ub=[*b, -best + 1e-7], method="highs")
    return best, -second.fun


@pytest.mark.parametrize("seed", range(60))
def test_divisible_reaches_the_two_step_optimum(seed):
    rng = random.Random(seed)
    wanted, offered, cancelled = pool(rng, "funds", "yuan", rng.randint(1, 7), rng.randint(1, 7))
    result = match(wanted, offered, NOBODY, TODAY, cancelled=cancelled)
    check_feasible(wanted, offered, result.proposals, cancelled)
    weighted, local = scores(wanted, offered, result.proposals)
    best_weighted, best_local = two_step_lp(wanted, offered, cancelled)
    assert weighted == pytest.approx(best_weighted, abs=1e-6)
    assert local == pytest.approx(best_local, abs=1e-6)
    assert all(a.quantity == int(a.quantity) for a in result.proposals)  # whole data, whole answer


@pytest.mark.parametrize("seed", range(60))
def test_slots_reach_the_best_assignment(seed):
    rng = random.Random(1000 + seed)
    wanted, offered, cancelled = pool(rng, "venue", "hours", rng.randint(1, 5), rng.randint(1, 5))
    result = match(wanted, offered, NOBODY, TODAY, cancelled=cancelled)
    check_feasible(wanted, offered, result.proposals, cancelled)
    given = {a.resource for a in result.proposals}
    assert len(given) == len(result.proposals)  # a slot goes to one need
    for a in result.proposals:  # whole needs only
        assert a.quantity == next(n.quantity for n in wanted if n.id == a.need)

    def value(assignment):
        weighted = sum(wanted[i].priority * wanted[i].quantity for i, _j in assignment)
        local = sum(1 for i, j in assignment if wanted[i].community == offered[j].community)
        return weighted, local  # slots: then the most needs placed in their own community

    best = (0, 0)
    slots = list(range(len(offered))) + [None] * len(wanted)
    for choice in itertools.permutations(slots, len(wanted)):
        assignment = [(i, j) for i, j in enumerate(choice) if j is not None]
        if all(
            fits(wanted[i], offered[j], cancelled) and wanted[i].quantity <= offered[j].quantity for i, j in assignment
        ):
            best = max(best, value(assignment))
    index = {n.id: i for i, n in enumerate(wanted)} | {r.id: j for j, r in enumerate(offered)}
    assert value([(index[a.need], index[a.resource]) for a in result.proposals]) == best
