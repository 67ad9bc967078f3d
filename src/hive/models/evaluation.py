"""Evaluation: rubrics and assessments (hive.rubric, hive.assessment).

Imported when one of them is first asked for (``hive.models.Indicator``), not by every command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from hive.frozen import frozen


@frozen
class Indicator:
    """One indicator: its code (``1.2``), its parent's code (None at the top), title, maximum points, method."""

    code: str
    title: str
    maximum: float
    parent: str | None = None
    method: str = ""


@frozen
class Band:
    """A band (``5A``) and the lowest total that reaches it."""

    name: str
    minimum: float


@frozen
class Rubric:
    """An indicator tree with its bands, as stored (``rubrics``; ``id`` given by the ledger)."""

    id: str
    name: str
    title: str
    indicators: list[Indicator] = attrs.field(factory=list)
    bands: list[Band] = attrs.field(factory=list)  # highest first
    example: bool = False  # shipped with hive as an example, not an official scheme
    source: str = ""  # the file it was loaded from, or where it comes from

    @property
    def by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    def children(self, code: str | None) -> list[Indicator]:
        return [i for i in self.indicators if i.parent == code]

    @property
    def leaves(self) -> list[Indicator]:
        parents = {i.parent for i in self.indicators}
        return [i for i in self.indicators if i.code not in parents]

    @property
    def total(self) -> float:
        return sum(i.maximum for i in self.children(None))

    def depth(self, code: str) -> int:
        found, level = self.by_code, 1
        parent = found[code].parent
        while parent is not None:
            level += 1
            parent = found[parent].parent
        return level

    def band(self, total: float) -> str | None:
        """The highest band ``total`` reaches, or None below the lowest."""
        for band in sorted(self.bands, key=lambda b: -b.minimum):
            if total >= band.minimum - 1e-9:
                return band.name
        return None

    def totals(self, leaf_scores: Mapping[str, float]) -> dict[str, float]:
        """Each indicator's points: a leaf's score, a parent's the sum of its children's."""
        found: dict[str, float] = {}

        def points(code: str) -> float:
            if code not in found:
                kids = self.children(code)
                found[code] = sum(points(k.code) for k in kids) if kids else float(leaf_scores.get(code, 0.0))
            return found[code]

        for indicator in self.indicators:
            points(indicator.code)
        return found


@frozen
class Score:
    """One scored (leaf) indicator: the panel's points, the self score, and why points were deducted."""

    indicator: str
    panel: float
    self_score: float | None = None
    reason: str = ""


@frozen
class Assessment:
    """An assessment as recorded (``assessments``): who assessed whom, with which rubric, when, and the scores."""

    id: str
    org: str
    rubric: str  # the rubric's id
    date: dt.date
    scores: list[Score] = attrs.field(factory=list)
    assessors: list[str] = attrs.field(factory=list)
    total: float = 0.0  # the panel's total
    self_total: float | None = None
    band: str | None = None
    operator: str = ""
    note: str = ""
