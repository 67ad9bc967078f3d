"""Stage reviews: is each organization ready to leave its stage, and if not, why not."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from hive.contract import Criterion, Outcome
from hive.errors import BadFile, NotFound, PluginFailed
from hive.frozen import frozen
from hive.i18n import _
from hive.ledger import Ledger
from hive.models import (
    Diagnosis,
    FailedCriterion,
    Membership,
    Organization,
    Person,
    Registration,
    Review,
    Supervision,
    Training,
)
from hive.settings import Settings

T = TypeVar("T")

READY = "ready"
NOT_READY = "not_ready"


class ReviewContext:
    """What a criterion check may read, as the records stood on ``as_of``.

    Records dated after ``as_of`` are invisible. Ask about one organization,
    one person or one period with :meth:`where` and :meth:`values` (the
    ledger's lookups: only the matching records are read, whatever the size
    of the table); build other indexes once per review with :meth:`memo`.
    """

    def __init__(self, ledger: Ledger, as_of: dt.date, settings: Settings):
        from hive.asof import AsOf

        # Everything a criterion reads through the context is as of the review's date:
        # ``ctx.ledger.all``/``where`` leave out later records and void ones, whichever plugin declared them.
        self.ledger = AsOf(ledger, as_of)
        self.as_of = as_of
        self.settings = settings
        self._memo: dict[str, Any] = {}

    def records(self, model: type[T], **equals: Any) -> list[T]:
        """The records of ``model`` (equal to ``equals``) as they stood on ``as_of``: dated on or before it, not void.

        ``ctx.records(SafetySession, org=org.id)``. Records are dated by the
        field their model declares with ``as_of=True``; a model without one is
        returned whole. Repeated questions are answered from one index per
        field set, built once per review.
        """
        if not equals:
            return self.ledger.all(model)
        return self.ledger.where(model, **equals)

    def setting(self, key: str) -> Any:
        """The center's value of setting ``key`` (its default unless the center changed it)."""
        return self.settings[key]

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """``build()`` once per review, under ``key`` (prefix it with your plugin's name)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def where(self, model: type[T], **equals: Any) -> list[T]:
        """The records of ``model`` whose fields equal ``equals`` (see :meth:`hive.ledger.Ledger.where`).

        ``ctx.where(Loan, org=org.id, date=Between(None, ctx.as_of))``: one
        organization's records up to the review's date, read through a lookup
        built once per review; the other organizations' records are not read.
        """
        return self.ledger.where(model, **equals)

    def values(self, model: type, *fields: str, **equals: Any) -> list[tuple[Any, ...]]:
        """Some fields of the matching records, as tuples (see :meth:`hive.ledger.Ledger.values`): for totals."""
        return self.ledger.values(model, *fields, **equals)

    def _of_org(self, model: type, date_field: str, org: str) -> list[Any]:
        """One organization's records of ``model`` dated on or before ``as_of``, by date (a lookup, memoized)."""

        def build() -> list[Any]:
            found = []
            for record in self.ledger.where(model, org=org):
                if getattr(record, date_field) <= self.as_of:
                    if model is Membership:
                        if not record.member_on(self.as_of):
                            continue  # left before the review's date
                        if record.backbone and not record.backbone_on(self.as_of):
                            record = attrs.evolve(record, backbone=False)  # not (yet, or any more) a backbone
                    found.append(record)
            found.sort(key=lambda r: getattr(r, date_field))
            return found

        return self.memo(f"core.{model.__name__}.{org}", build)

    def members(self, org: str) -> list[Membership]:
        return self._of_org(Membership, "since", org)

    def trainings(self, org: str) -> list[Training]:
        return self._of_org(Training, "date", org)

    def registrations(self, org: str) -> list[Registration]:
        return self._of_org(Registration, "date", org)

    def diagnoses(self, org: str) -> list[Diagnosis]:
        return self._of_org(Diagnosis, "date", org)

    def supervisions(self, org: str) -> list[Supervision]:
        return self._of_org(Supervision, "date", org)

    def person(self, person_id: str) -> Person:
        return self.ledger.get(Person, person_id)


@frozen
class Verdict:
    """One organization's review before it is stored."""

    org: Organization
    stage: str
    outcomes: list[tuple[Criterion, Outcome]]

    @property
    def ready(self) -> bool:
        return all(o.passed for _c, o in self.outcomes)

    @property
    def failed(self) -> list[FailedCriterion]:
        return [FailedCriterion(c.id, o.reason) for c, o in self.outcomes if not o.passed]


def criteria_by_stage(criteria: Iterable[Criterion]) -> dict[str, list[Criterion]]:
    grouped: dict[str, list[Criterion]] = defaultdict(list)
    for criterion in criteria:
        grouped[criterion.stage].append(criterion)
    return grouped


def evaluate(
    ledger: Ledger, orgs: Iterable[Organization], criteria: Iterable[Criterion], as_of: dt.date
) -> list[Verdict]:
    """Check each organization against its current stage's criteria as of ``as_of``."""
    ctx = ReviewContext(ledger, as_of, ledger.settings)
    by_stage = criteria_by_stage(criteria)
    verdicts = []
    for org in orgs:
        outcomes = []
        for criterion in by_stage.get(org.stage, []):
            try:
                outcome = criterion.check(org, ctx)
            except BadFile:
                raise  # a damaged record: the message names the file and the record
            except NotFound as exc:  # a record names another that is not in the file (edited by hand?)
                raise BadFile(
                    _("{path}: {problem}, yet a record refers to it; run 'hive check'").format(
                        path=ledger.store.path, problem=exc
                    )
                ) from exc
            except Exception as exc:
                raise PluginFailed(
                    _("plugin '{plugin}' failed in criterion {criterion}: {problem}").format(
                        plugin=criterion.plugin or "?", criterion=criterion.id, problem=type(exc).__name__
                    )
                ) from exc
            outcomes.append((criterion, outcome))
        verdicts.append(Verdict(org, org.stage, outcomes))
    return verdicts


def entered(org: Organization) -> dt.date:
    """When ``org`` entered its current stage."""
    return org.stage_since or org.joined


def store(ledger: Ledger, verdicts: Iterable[Verdict], as_of: dt.date) -> list[Review]:
    """Record each verdict as a :class:`Review`."""
    reviews = []
    for v in verdicts:
        reviews.append(
            ledger.add(
                Review(
                    id="",
                    org=v.org.id,
                    as_of=as_of,
                    stage=v.stage,
                    verdict=READY if v.ready else NOT_READY,
                    failed=v.failed,
                    passed=[c.id for c, o in v.outcomes if o.passed],
                    operator=ledger.operator,
                ),
                action="review",
            )
        )
    return reviews
