"""Matching needs to resources: an exact optimum, not a greedy pass.

A need can take a resource of the same kind and unit, usable between today
and the need's date (inside the resource's window), carrying every tag the
need names; a resource that carries tags is earmarked: it goes only to needs
that name one of them, unless it is open to any need (``any_need``). A pair
whose allocation was cancelled is not proposed again unless asked
(``reconsider``). Among all such allocations the match maximises the satisfied
quantity weighted by the need's priority (1-5), and among those it takes as
much as possible from resources in the need's own community.

* Divisible quantities (yuan, hours, items; not venues): a need may be split
  over several resources and a resource over several needs. This is a
  transportation problem, solved as a linear programme with HiGHS
  (``scipy.optimize.linprog``). Its constraint matrix is totally unimodular, so
  the optimal vertex is whole where the quantities are; and both goals fit in
  one objective ``priority * K + same_community`` per unit with ``K`` larger
  than the community bonus any exchange of quantity along a path of needs and
  resources can gain, so the community preference never costs priority-weighted
  quantity.
* Venues, and anything counted in square metres, are slots: indivisible. A
  need is met whole by one slot large enough for it, and a slot goes whole to
  one need (a binary choice). This is an assignment problem, solved exactly with
  ``scipy.optimize.linear_sum_assignment``.

Each (kind, unit) is its own problem; only candidate pairs are variables, found
with array filters on kind, unit, window, tags and what is left, so 2,000 needs
and 2,000 resources stay a problem of seconds.

SciPy and NumPy are imported here only: this module is loaded by ``hive
resource match`` and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

import attrs
import numpy as np

from hive import N_
from hive_resource import _
from hive_resource.models import CANCELLED, Allocation, Need, Resource, divisible
from hive_resource.pool import EPSILON, Usage

NO_RESOURCE = "no_resource_of_kind"
OUTSIDE_WINDOW = "outside_window"
NO_TAGS = "no_matching_tags"
EARMARKED = "earmarked"
CANCELLED_BEFORE = "cancelled_before"
TOO_SMALL = "too_small"
ALL_TAKEN = "all_taken"
NOT_ACTIVE = "org_not_active"

REASONS: dict[str, str] = {
    NO_RESOURCE: N_("no resource of that kind and unit"),
    OUTSIDE_WINDOW: N_("no resource available before the need's date (outside the window)"),
    NO_TAGS: N_("no resource carries the tags the need names"),
    EARMARKED: N_("the fitting resources are earmarked for needs with their tags"),
    CANCELLED_BEFORE: N_("allocations from the fitting resources were cancelled before (--reconsider proposes them)"),
    TOO_SMALL: N_("no resource large enough to meet the whole need"),
    ALL_TAKEN: N_("all taken: the fitting resources are used up"),
    NOT_ACTIVE: N_("the organization is suspended or dissolved"),
}

_FAR = dt.date.max.toordinal()


@attrs.frozen
class Proposal:
    need: str
    resource: str
    quantity: float


@attrs.frozen
class Unmatched:
    need: str
    quantity: float
    reason: str  # a key of REASONS


@attrs.frozen
class Match:
    proposals: list[Proposal]
    unmatched: list[Unmatched]
    pairs: int  # candidate pairs the solvers weighed (for benchmarks)


class _Group:
    """The resources of one (kind, unit) as arrays, for filtering many needs at once."""

    def __init__(self, resources: Sequence[Resource], usage: Usage, today: dt.date):
        self.resources = list(resources)
        day = today.toordinal()
        self.lo = np.array([max(day, r.start.toordinal()) if r.start else day for r in resources], dtype=np.int64)
        self.hi = np.array([r.end.toordinal() if r.end else _FAR for r in resources], dtype=np.int64)
        self.total = np.array([r.quantity for r in resources], dtype=float)
        self.left = np.array([usage.resource_left(r) for r in resources], dtype=float)
        self.community = [r.community for r in resources]
        self.tagged: dict[str, np.ndarray] = {}
        for i, r in enumerate(resources):
            for tag in r.tags:
                if tag not in self.tagged:
                    self.tagged[tag] = np.zeros(len(resources), dtype=bool)
                self.tagged[tag][i] = True
        self.usable = self.lo <= self.hi  # not expired, window not empty
        self.earmarked = np.array([bool(r.tags) and not r.any_need for r in resources], dtype=bool)
        self.index = {r.id: j for j, r in enumerate(resources)}

    def in_window(self, need: Need, today: dt.date) -> np.ndarray:
        until = need.by.toordinal() if need.by else _FAR
        if until < today.toordinal():
            return np.zeros(len(self.resources), dtype=bool)
        return self.usable & (self.lo <= until)

    def carrying(self, need: Need) -> np.ndarray:
        """The resources that carry every tag the need names."""
        mask = np.ones(len(self.resources), dtype=bool)
        for tag in need.tags:
            found = self.tagged.get(tag)
            if found is None:
                return np.zeros(len(self.resources), dtype=bool)
            mask &= found
        return mask

    def with_tags(self, need: Need) -> np.ndarray:
        """Tags both ways: the resource carries the need's tags, and an earmarked one only goes to a need naming one
        of its tags (a need naming tags the resource carries all of them, so it names one)."""
        mask = self.carrying(need)
        return mask if need.tags else mask & ~self.earmarked

    def not_cancelled(self, need: Need, excluded: dict[str, set[str]]) -> np.ndarray:
        mask = np.ones(len(self.resources), dtype=bool)
        for resource in excluded.get(need.id, ()):
            if resource in self.index:
                mask[self.index[resource]] = False
        return mask


def solver_inputs(ledger, *, reconsider: bool = False) -> tuple:
    """What ``hive resource match`` solves: the needs and resources still in the pool (not closed, not
    withdrawn), what is used of them, today, the inactive organizations and the (need, resource) pairs whose
    allocation was cancelled (none when ``reconsider``)."""
    from hive.models import ACTIVE, Organization

    inactive = frozenset(o.id for o in ledger.all(Organization) if o.status != ACTIVE)
    needs = [n for n in ledger.all(Need) if n.closed is None]
    resources = [r for r in ledger.all(Resource) if r.withdrawn is None]
    cancelled = frozenset() if reconsider else frozenset(
        (a.need, a.resource) for a in ledger.where(Allocation, status=CANCELLED)
    )
    return needs, resources, Usage.of(ledger), ledger.today, inactive, cancelled


def chosen(ledger, result: Match, only: Sequence[str], apply: bool) -> Match:
    """``result`` for the needs ``only`` names (ids or several separated by commas), all of it when none.

    Each need named must exist; when the proposals are to be recorded, each must have one.
    """
    from hive.errors import Conflict
    from hive.resolve import resolve

    if not only:
        return result
    wanted = {resolve(ledger, Need, typed).id for text in only for typed in text.replace("，", ",").split(",") if typed.strip()}
    proposals = [p for p in result.proposals if p.need in wanted]
    if apply:
        missing = sorted(wanted - {p.need for p in proposals}, key=lambda i: (len(i), i))
        if missing:
            raise Conflict(_("no allocation is proposed for {ids}; nothing recorded").format(ids=", ".join(missing)))
    return Match(proposals, [u for u in result.unmatched if u.need in wanted], result.pairs)


def match(
    needs: Sequence[Need],
    resources: Sequence[Resource],
    usage: Usage,
    today: dt.date,
    inactive: frozenset[str] = frozenset(),
    cancelled: frozenset[tuple[str, str]] = frozenset(),
) -> Match:
    """The optimal allocations of what is left of ``resources`` to what is left of ``needs``.

    Needs of the organizations in ``inactive`` (ids of suspended or dissolved ones) wait: they are
    reported unmatched and take nothing. No need is given a resource it is paired with in
    ``cancelled`` (need id, resource id).
    """
    excluded: dict[str, set[str]] = defaultdict(set)
    for need_id, resource_id in cancelled:
        excluded[need_id].add(resource_id)
    groups: dict[tuple[str, str], list[Resource]] = defaultdict(list)
    for r in resources:
        groups[(r.kind, r.unit)].append(r)
    wanting: dict[tuple[str, str], list[Need]] = defaultdict(list)
    unmatched: list[Unmatched] = []
    for n in needs:
        if usage.need_left(n) > EPSILON:
            if n.org in inactive:
                unmatched.append(Unmatched(n.id, usage.need_left(n), NOT_ACTIVE))
            else:
                wanting[(n.kind, n.unit)].append(n)

    proposals: list[Proposal] = []
    pairs = 0
    for key, group_needs in wanting.items():
        if key not in groups:
            unmatched.extend(Unmatched(n.id, usage.need_left(n), NO_RESOURCE) for n in group_needs)
            continue
        group = _Group(groups[key], usage, today)
        whole = not divisible(*key)
        need_left = np.array([usage.need_left(n) for n in group_needs], dtype=float)
        row, col = _candidates(group, group_needs, need_left, whole, today, excluded)
        pairs += len(row)
        if len(row):
            priority = np.array([n.priority for n in group_needs], dtype=float)
            same = _same_community(group, group_needs, row, col)
            solve = _solve_whole if whole else _solve_divisible
            amounts = solve(row, col, priority, same, need_left, group.left)
        else:
            amounts = np.zeros(0)
        got = np.zeros(len(group_needs))
        for i, j, amount in zip(row.tolist(), col.tolist(), amounts.tolist(), strict=True):
            if amount > EPSILON:
                proposals.append(Proposal(group_needs[i].id, group.resources[j].id, amount))
                got[i] += amount
        for i, n in enumerate(group_needs):
            short = round(need_left[i] - got[i], 2)
            if short > EPSILON:
                unmatched.append(Unmatched(n.id, short, _reason(group, n, need_left[i], whole, today, excluded)))

    order = {n.id: k for k, n in enumerate(needs)}
    rorder = {r.id: k for k, r in enumerate(resources)}
    proposals.sort(key=lambda p: (order[p.need], rorder[p.resource]))
    unmatched.sort(key=lambda u: order[u.need])
    return Match(proposals, unmatched, pairs)


def _candidates(group: _Group, needs: Sequence[Need], need_left: np.ndarray, whole: bool, today: dt.date, excluded):
    """The (need index, resource index) pairs that may be allocated: kind and unit are the group's."""
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    available = group.left > EPSILON
    for i, n in enumerate(needs):
        mask = group.in_window(n, today) & group.with_tags(n) & available
        if n.id in excluded:
            mask &= group.not_cancelled(n, excluded)
        if whole:  # a slot must hold the whole need
            mask &= group.left >= need_left[i] - EPSILON
        found = np.flatnonzero(mask)
        rows.append(np.full(len(found), i, dtype=np.int64))
        cols.append(found)
    return np.concatenate(rows), np.concatenate(cols)


def _same_community(group: _Group, needs: Sequence[Need], row: np.ndarray, col: np.ndarray) -> np.ndarray:
    """1.0 for the pairs whose resource is in the need's own (named) community, else 0.0."""
    codes: dict[str, int] = {"": -1}
    resource_code = np.array([codes.setdefault(c, len(codes)) for c in group.community])
    need_code = np.array([codes.setdefault(n.community, len(codes)) for n in needs])
    return ((need_code[row] == resource_code[col]) & (need_code[row] >= 0)).astype(float)


def _reason(group: _Group, need: Need, left: float, whole: bool, today: dt.date, excluded) -> str:
    """Why (the rest of) a need stays unmatched, the first obstacle found."""
    mask = group.in_window(need, today)
    if not mask.any():
        return OUTSIDE_WINDOW
    if not (mask & group.carrying(need)).any():
        return NO_TAGS
    mask &= group.with_tags(need)
    if not mask.any():
        return EARMARKED
    mask &= group.not_cancelled(need, excluded)
    if not mask.any():
        return CANCELLED_BEFORE
    if whole and not (mask & (group.total >= left - EPSILON)).any():
        return TOO_SMALL
    return ALL_TAKEN


def _incidence(row: np.ndarray, col: np.ndarray, needs: int, resources: int, values: np.ndarray | None = None):
    """Constraint rows: one per need (its pairs), then one per resource (its pairs)."""
    from scipy import sparse

    edges = np.arange(len(row))
    data = np.ones(len(row)) if values is None else values
    return sparse.csr_matrix(
        (
            np.concatenate([np.ones(len(row)), data]),
            (np.concatenate([row, needs + col]), np.concatenate([edges, edges])),
        ),
        shape=(needs + resources, len(row)),
    )


def _solve_divisible(row, col, priority, same, need_left, resource_left) -> np.ndarray:
    """Quantities per pair: the transportation LP with the lexicographic objective folded in."""
    from scipy.optimize import linprog

    needs, resources = len(need_left), len(resource_left)
    weight = min(needs, resources) + 2  # more than any path of exchanges can gain in community bonus
    cost = -(priority[row] * weight + same)
    a_ub = _incidence(row, col, needs, resources)
    b_ub = np.concatenate([need_left, resource_left])
    result = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs-ds")
    if result.status != 0:  # cannot happen for this bounded, feasible problem; never propose garbage
        raise RuntimeError(f"HiGHS: {result.message}")
    return _clamped(np.round(result.x, 2), row, col, need_left, resource_left)


def _solve_whole(row, col, priority, same, need_left, resource_left) -> np.ndarray:
    """Quantities per pair for slots: an assignment problem, each need to at most one slot and back.

    Solved exactly with ``scipy.optimize.linear_sum_assignment``. Both goals are
    one integer weight per pair, ``priority * quantity`` (in hundredths) times
    ``M``, plus 1 in the need's own community: ``M`` is more than the number of
    needs, so no community gain outweighs a hundredth of weighted quantity.
    Quantities of slots are capped (:data:`MAX_SLOT`) so the weights stay exact
    in floating point.
    """
    from scipy.optimize import linear_sum_assignment

    needs, slots = np.unique(row), np.unique(col)
    at_need = np.searchsorted(needs, row)
    at_slot = np.searchsorted(slots, col)
    size = need_left[row]
    weight = np.round(priority[row] * size * 100) * (len(needs) + 1) + same
    matrix = np.zeros((len(needs), len(slots)))
    matrix[at_need, at_slot] = weight
    chosen_needs, chosen_slots = linear_sum_assignment(matrix, maximize=True)
    taken = np.zeros((len(needs), len(slots)), dtype=bool)
    taken[chosen_needs, chosen_slots] = True
    return np.where(taken[at_need, at_slot], size, 0.0)


def _clamped(amounts, row, col, need_left, resource_left) -> np.ndarray:
    """Never more than is left on either side, whatever the last digit of floating point says."""
    amounts = np.maximum(amounts, 0.0)
    for index, limit in ((row, need_left), (col, resource_left)):
        totals = np.bincount(index, weights=amounts, minlength=len(limit))
        for k in np.flatnonzero(totals > limit + 1e-9):
            excess = totals[k] - limit[k]
            for e in np.flatnonzero((index == k) & (amounts > 0))[::-1]:
                cut = min(excess, amounts[e])
                amounts[e] = round(amounts[e] - cut, 2)
                excess -= cut
                if excess <= 1e-9:
                    break
    return amounts
