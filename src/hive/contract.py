"""What hooks exchange: criteria and their outcomes, problems, record types, the review context's shape.

This module sits at the bottom of hive's layout: it imports nothing of the
engine, so the hook specifications, the ledger, the review and the plugins
can all use these types without import circles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from hive.frozen import frozen

if TYPE_CHECKING:
    from hive.fields import FieldSpec
    from hive.settings import Settings

T = TypeVar("T")

ERROR = "error"
WARNING = "warning"


@frozen
class Outcome:
    """The result of one check: passed or not, why (for people), and the evidence (for ``--json``)."""

    passed: bool
    reason: str = ""
    evidence: dict[str, Any] = attrs.field(factory=dict)


Check = Callable[[Any, "ReviewContext"], Outcome]


@frozen
class Criterion:
    """An exit criterion of ``stage``.

    ``id`` is unique across the core and all plugins (``plugin.name``);
    ``check(org, ctx)`` must only read: it is called once per organization
    per review, so compute shared indexes with ``ctx.memo``. ``description``
    may name settings in braces (``"at least {core.min_members} members"``):
    they are filled in with the center's values when shown.
    """

    id: str
    stage: str
    description: str
    check: Check
    plugin: str = ""


@frozen
class Problem:
    """One thing wrong in a center file: where (``table``, ``record`` id) and what, in words."""

    table: str
    record: str
    problem: str
    severity: str = ERROR

    def document(self) -> dict[str, str]:
        return {"severity": self.severity, "table": self.table, "record": self.record, "problem": self.problem}


#: A rule about a whole record, beyond its fields: ``rule(ledger, record)`` returns a problem in words
#: naming the field (``"hours: more than 24 in one day"``) or None. Used by add, edit, import and check.
Rule = Callable[[Any, Any], "str | None"]

#: What the rules of later rows must know of a row an import has accepted (before the next row is
#: judged): ``accepted(ledger, record)``, for a rule about several records (a day's hours).
Accepted = Callable[[Any, Any], None]


@frozen
class RecordType:
    """A kind of record kept in the center file (a table).

    ``name`` is the table (plugins prefix it with their name), ``model`` the
    attrs class (its first field ``id: str``), or its ``"module:Class"`` to
    import it when first needed, ``prefix`` the letters before
    the number in ids (``o12``). Declared with :mod:`hive.fields`, a model's
    fields carry their labels, validators, references and personal flags;
    ``personal`` lists personal fields of a model declared without them.

    ``label`` names one record for people (translated with ``translate``),
    ``plural`` several where "<label> records" would not read ("service
    records", not "service record records");
    ``key`` the fields that make two records the same (imports skip a row
    equal to a stored record on them); ``rules`` check a whole record, and
    ``accepted`` tells them of each row an import has accepted (its rows are
    stored together at its end, so a rule about several records, such as a
    day's hours, would not see the sheet's earlier rows);
    ``editable``/``voidable`` say whether ``hive edit``/``hive void`` may
    touch its records (stage history and the audit log may not); ``command``
    the name of the generated command group (``hive PLUGIN COMMAND add|list|show``).
    """

    name: str
    _model: type | str = attrs.field(alias="model", eq=False)  # read through :attr:`model`
    prefix: str
    personal: tuple[str, ...] = ()
    owner: str = "core"
    label: str = ""
    plural: str = ""
    key: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    accepted: Accepted | None = attrs.field(default=None, eq=False, repr=False)
    editable: bool = True
    voidable: bool = True
    command: str | None = None
    translate: Callable[[str], str] | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def model(self) -> type:
        """The attrs class of its records; one given as ``"module:Class"`` is imported when first asked for."""
        model = self._model
        if type(model) is str:
            from hive.discovery import load

            model = load(model)
            object.__setattr__(self, "_model", model)
        return model  # type: ignore[return-value]

    @property
    def model_path(self) -> str:
        """``"module:Class"`` of the model, known without importing it."""
        model = self._model
        return model if type(model) is str else f"{model.__module__}:{model.__qualname__}"  # type: ignore[union-attr]

    @property
    def fields(self) -> list[FieldSpec]:
        """The declared fields (without ``id``), in the model's order."""
        from hive.fields import specs

        return specs(self.model)

    def field(self, name: str) -> FieldSpec | None:
        from hive.fields import specs_by_name

        return specs_by_name(self.model).get(name)

    @property
    def personal_fields(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.personal, *(f.name for f in self.fields if f.personal))))

    @property
    def date_field(self) -> str | None:
        """The field that dates a record for as-of views (declared ``as_of=True``), or None."""
        return next((f.name for f in self.fields if f.as_of), None)

    def text(self, message: str) -> str:
        """``message`` (a label of this type) in the user's language."""
        if not message:
            return ""
        if self.translate is not None:
            shown = self.translate(message)
            if shown != message:
                return shown
        from hive.i18n import declared  # common words (name, date, hours) come from hive's own catalog

        return declared(message)

    @property
    def title(self) -> str:
        return self.text(self.label) if self.label else self.name

    @property
    def records_title(self) -> str:
        """Several records of this type, for people: ``plural`` translated, else "<title> records"."""
        if self.plural:
            return self.text(self.plural)
        from hive.i18n import _

        return _("{kind} records").format(kind=self.title)


#: Kept for plugins written for hive 0.1 (``Collection("volunteers", Volunteer, "v")``).
Collection = RecordType


class ReviewContext(Protocol):
    """What a criterion's check may read, as the records stood on ``as_of`` (see :class:`hive.review.ReviewContext`)."""

    as_of: dt.date
    settings: Settings

    def records(self, model: type[T], **equals: Any) -> list[T]: ...

    def setting(self, key: str) -> Any: ...

    def memo(self, key: str, build: Callable[[], T]) -> T: ...
