"""Field makers: declare what a record's field means once, and every path uses it.

A model is an attrs class whose fields come from these makers::

    @frozen
    class Visit:
        id: str
        date: dt.date = day(N_("date"), not_future=True, as_of=True)
        topic: str = text(N_("topic"))
        hours: float = hours(N_("hours"), default=1.0)
        visitor: str = ref(Person, N_("visitor"))

Each maker returns an ``attrs.field`` whose metadata holds a :class:`FieldSpec`:
its label (translated where shown: table headers, help, ``show``, error
messages), whether it is required or personal, and how text typed by a person
(an option, a spreadsheet cell, a form) becomes a value (:meth:`FieldSpec.parse`)
and when a value is wrong (:meth:`FieldSpec.problem`). The command line, the
spreadsheet import, ``hive import`` and ``hive check`` all go through those two,
so a rule is written once.

Validation is not run when a stored record is loaded: a command that only
reads trusts what the store parsed (it passed these rules when it was written);
``hive check`` runs them on purpose.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs

from hive import inputs
from hive.frozen import frozen
from hive.i18n import _
from hive.patterns import LazyPattern

if TYPE_CHECKING:
    from hive.contract import RecordType

KEY = "hive"  # the attrs metadata key
MAX_TEXT = 200
_CONTROL = LazyPattern("[\x00-\x1f\x7f\x85\u2028\u2029]")
_PHONE = LazyPattern(r"^\+?[0-9]{5,20}$", re.ASCII)

TEXT, TEXTS, DAY, HOURS, NUMBER, CHOICE, FLAG, PHONE, RESIDENT_ID, CREDIT_CODE, REF = (
    "text",
    "texts",
    "day",
    "hours",
    "number",
    "choice",
    "flag",
    "phone",
    "resident_id",
    "credit_code",
    "ref",
)


@frozen
class FieldSpec:
    """What one field of a record means. ``name`` is filled in from the model."""

    kind: str
    label: str = ""
    required: bool = True
    personal: bool = False
    name: str = ""
    limit: int = MAX_TEXT
    choices: Mapping[str, str] = attrs.field(factory=dict)  # code -> label (N_-marked)
    target: str | type | None = None  # ref: the table name or model referred to
    many: bool = False  # ref: a list of ids
    unique_within: str | bool | None = None  # True: unique in the table; "org": unique per org
    not_future: bool = False
    as_of: bool = False  # the date that places the record in time (as-of views, --from/--to)
    minimum: float | None = None
    maximum: float | None = None
    whole: bool = False
    editable: bool = True
    search: bool = True  # text searched by --search and hive find
    help: str = ""
    setting: str | None = None  # when left empty on entry, the center's value of this setting

    # -- reading what people type ---------------------------------------------------------------
    def parse(self, raw: Any) -> Any:
        """The value of ``raw`` (text typed by a person, or a spreadsheet cell); raises InputProblem.

        References come back as typed (an id or a name): resolving them needs
        the ledger (:func:`hive.resolve.resolve_ref`).
        """
        if raw is None or (isinstance(raw, str) and not inputs.plain(raw)):
            if self.kind in (TEXTS,) or self.many:
                return []
            if self.kind == FLAG:
                return False
            if self.required:
                raise inputs.InputProblem(_("must not be empty"))
            return "" if self.kind == TEXT else None
        kind = self.kind
        if kind == TEXT:
            return str(raw).strip()
        if kind == TEXTS or self.many:
            items = raw if isinstance(raw, list | tuple) else re.split(r"[,，、;；]", str(raw))
            return [item.strip() for item in (str(i) for i in items) if item.strip()]
        if kind == DAY:
            return inputs.parse_date(raw)
        if kind in (HOURS, NUMBER):
            return inputs.parse_number(raw, whole=self.whole)
        if kind == CHOICE:
            return self.choice_code(str(raw))
        if kind == FLAG:
            return _flag(raw)
        if kind == PHONE:
            return normalize_phone(str(raw))
        if kind == RESIDENT_ID:
            return normalize_id(str(raw))
        if kind == CREDIT_CODE:
            return inputs.plain(str(raw)).replace(" ", "").upper()
        if kind == REF:
            return inputs.plain(str(raw))
        return raw

    def choice_code(self, typed: str) -> str:
        """The code a typed choice means: its code, or its label in English or Chinese, any case."""
        from hive.i18n import every_language

        wanted = inputs.code_key(typed)
        for code in self.choices:
            if wanted == inputs.code_key(code):
                return code
        for code, label in self.choices.items():
            if wanted in {inputs.code_key(name) for name in every_language(label)}:
                return code
        raise inputs.InputProblem(_("'{value}' is not one of: {choices}").format(value=typed, choices=self.listing()))

    def listing(self) -> str:
        """The allowed values for help: ``code (label)``, labels in the user's language."""
        from hive.i18n import declared

        return ", ".join(
            f"{code} ({declared(label)})" if declared(label) != code else code for code, label in self.choices.items()
        )

    # -- judging a value ----------------------------------------------------------------------
    def problem(self, value: Any, today: dt.date | None = None) -> str | None:
        """Why ``value`` is not a valid value of this field, or None. Never quotes a personal value."""
        kind = self.kind
        if value is None or value == "" or value == []:
            if self.required and kind not in (FLAG, TEXTS) and not self.many:
                return _("must not be empty")
            return None
        if kind == TEXT:
            if not isinstance(value, str):
                return _("expected text")
            if _CONTROL.search(value):
                return _("contains control characters")
            if len(value) > self.limit:
                return _("longer than {limit} characters").format(limit=self.limit)
            return None
        if kind == TEXTS or (kind == REF and self.many):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return _("expected a list of texts")
            return next((p for p in (_text_problem(v, self.limit) for v in value) if p), None)
        if kind == DAY:
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                return _("expected a date")
            if value < inputs.EARLIEST:
                return _("{value} is before {earliest}; check the year").format(
                    value=value.isoformat(), earliest=inputs.EARLIEST.isoformat()
                )
            if self.not_future and today is not None and value > today:
                return _("{value} is in the future").format(value=value.isoformat())
            return None
        if kind in (HOURS, NUMBER):
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                return _("expected a number")
            if self.whole and not float(value).is_integer():
                return _("expected a whole number")
            low = self.minimum
            if kind == HOURS and low is None and (round(value, 2) <= 0 or value > (self.maximum or 24)):
                return _("must be more than 0 and at most {max}").format(max=_fmt(self.maximum or 24))
            if low is not None and value < low:
                return _("must be at least {min}").format(min=_fmt(low))
            if self.maximum is not None and value > self.maximum:
                return _("must be at most {max}").format(max=_fmt(self.maximum))
            return None
        if kind == CHOICE:
            if value not in self.choices:
                return _("'{value}' is not one of: {choices}").format(value=value, choices=self.listing())
            return None
        if kind == FLAG:
            return None if isinstance(value, bool) else _("expected yes or no")
        if kind == PHONE:
            if not isinstance(value, str) or not _PHONE.match(value):
                return _("expected 5 to 20 digits, optionally with +, spaces or dashes")
            return None
        if kind == RESIDENT_ID:
            from hive.codes import resident_id_problem

            return _("expected text") if not isinstance(value, str) else resident_id_problem(value, today)
        if kind == CREDIT_CODE:
            from hive.codes import uscc_problem

            return _("expected text") if not isinstance(value, str) else uscc_problem(value)
        if kind == REF:
            return None if isinstance(value, str) else _("expected a record id")
        return None

    def shown_label(self, record_type: RecordType | None = None) -> str:
        """The label in the user's language (the field's name when it has none)."""
        if not self.label:
            return self.name
        return record_type.text(self.label) if record_type is not None else _(self.label)

    def target_table(self, registry: Any) -> str | None:
        """The table a reference points at, by the loaded record types (``ledger.registry``)."""
        if self.target is None or isinstance(self.target, str):
            return self.target
        found = registry.by_model.get(self.target)
        return found.name if found is not None else None


def _text_problem(value: str, limit: int) -> str | None:
    if _CONTROL.search(value):
        return _("contains control characters")
    if len(value) > limit:
        return _("longer than {limit} characters").format(limit=limit)
    return None


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _flag(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    key = inputs.code_key(str(raw))
    if key in ("1", "yes", "y", "true", "是", "对", "有", "√", "✓"):
        return True
    if key in ("0", "no", "n", "false", "否", "不", "无", "×", "✗"):
        return False
    raise inputs.InputProblem(_("expected yes or no"))


def normalize_phone(raw: str) -> str:
    """A phone as stored: NFKC, without spaces, dashes or brackets (``+86 138-1234-5678`` -> ``+8613812345678``)."""
    return re.sub(r"[\s\-()（）]", "", inputs.plain(raw))


def normalize_id(raw: str) -> str:
    """A resident ID number as stored: NFKC, no spaces or dashes, upper-case X."""
    return re.sub(r"[\s\-]", "", inputs.plain(raw)).upper()


# -- the makers ---------------------------------------------------------------------------------
def _field(spec: FieldSpec, default: Any = attrs.NOTHING, factory: Any = None) -> Any:
    if factory is not None:
        return attrs.field(factory=factory, metadata={KEY: spec})
    return attrs.field(default=default, metadata={KEY: spec})


def _optional_default(required: bool, default: Any, empty: Any) -> Any:
    if default is not attrs.NOTHING:
        return default
    return attrs.NOTHING if required else empty


def text(
    label: str = "",
    *,
    required: bool = True,
    limit: int = MAX_TEXT,
    personal: bool = False,
    unique_within: str | bool | None = None,
    default: Any = attrs.NOTHING,
    editable: bool = True,
    help: str = "",
    setting: str | None = None,
) -> Any:
    """Short text (a name, a topic). Not required: stored as ``""`` when empty; ``setting`` gives its default."""
    spec = FieldSpec(
        TEXT,
        label,
        required,
        personal,
        limit=limit,
        unique_within=unique_within,
        editable=editable,
        help=help,
        setting=setting,
    )
    return _field(spec, _optional_default(required, default, ""))


def texts(label: str = "", *, limit: int = MAX_TEXT, personal: bool = False, help: str = "") -> Any:
    """A list of short texts (skills, tags); typed separated by commas or 、."""
    return _field(FieldSpec(TEXTS, label, False, personal, limit=limit, help=help), factory=list)


def day(
    label: str = "",
    *,
    required: bool = True,
    not_future: bool = False,
    as_of: bool = False,
    default: Any = attrs.NOTHING,
    editable: bool = True,
    personal: bool = False,
    help: str = "",
) -> Any:
    """A calendar date. ``as_of``: the date that places the record in time (reviews as of a date, --from/--to)."""
    spec = FieldSpec(DAY, label, required, personal, not_future=not_future, as_of=as_of, editable=editable, help=help)
    return _field(spec, _optional_default(required, default, None))


def hours(
    label: str = "",
    *,
    required: bool = True,
    default: Any = attrs.NOTHING,
    maximum: float = 24.0,
    minimum: float | None = None,
    help: str = "",
) -> Any:
    """Hours: more than 0 (or at least ``minimum``) and at most ``maximum``."""
    spec = FieldSpec(HOURS, label, required, minimum=minimum, maximum=maximum, help=help)
    return _field(spec, _optional_default(required, default, None))


def number(
    label: str = "",
    *,
    required: bool = True,
    whole: bool = False,
    minimum: float | None = None,
    maximum: float | None = None,
    default: Any = attrs.NOTHING,
    editable: bool = True,
    help: str = "",
) -> Any:
    """A number, ``whole`` or not, within bounds; not ``editable``: changed only by the plugin's own commands."""
    spec = FieldSpec(
        NUMBER, label, required, whole=whole, minimum=minimum, maximum=maximum, editable=editable, help=help
    )
    return _field(spec, _optional_default(required, default, None))


def choice(
    values: Mapping[str, str],
    label: str = "",
    *,
    required: bool = True,
    default: Any = attrs.NOTHING,
    editable: bool = True,
    help: str = "",
) -> Any:
    """One of ``values`` (code -> ``N_``-marked label). People may type the code or either language's label."""
    spec = FieldSpec(CHOICE, label, required, choices=dict(values), editable=editable, help=help)
    return _field(spec, _optional_default(required, default, None))


def flag(
    label: str = "", *, default: bool = False, editable: bool = True, personal: bool = False, help: str = ""
) -> Any:
    """Yes or no; ``personal``: a fact about a person that is masked unless asked (reported to the community)."""
    return _field(FieldSpec(FLAG, label, False, personal, editable=editable, help=help), default)


def phone(label: str = "", *, required: bool = False, help: str = "") -> Any:
    """A phone number: personal data, masked unless asked; stored without spaces or dashes."""
    return _field(FieldSpec(PHONE, label, required, True, help=help), _optional_default(required, attrs.NOTHING, None))


def resident_id(
    label: str = "", *, required: bool = False, unique_within: str | bool | None = True, help: str = ""
) -> Any:
    """A resident ID number (GB 11643): personal data, checked, unique in its table by default."""
    spec = FieldSpec(RESIDENT_ID, label, required, True, unique_within=unique_within, help=help)
    return _field(spec, _optional_default(required, attrs.NOTHING, None))


def credit_code(
    label: str = "", *, required: bool = False, unique_within: str | bool | None = True, help: str = ""
) -> Any:
    """A unified social credit code (GB 32100), checked, unique in its table by default."""
    spec = FieldSpec(CREDIT_CODE, label, required, unique_within=unique_within, help=help)
    return _field(spec, _optional_default(required, attrs.NOTHING, None))


def ref(
    target: str | type,
    label: str = "",
    *,
    required: bool = True,
    many: bool = False,
    unique_within: str | bool | None = None,
    editable: bool = True,
    personal: bool = False,
    help: str = "",
) -> Any:
    """A reference to a record of ``target`` (a model or a table name); ``many``: a list of ids.

    Typed as an id or a unique name (with suggestions when it is neither);
    ``hive check`` reports a reference to a record that is not there.
    ``personal``: which record it names is personal data (a party member's
    person, who attended a party activity): masked in listings, exports and
    duplicate messages unless ``--show-personal``.
    """
    spec = FieldSpec(
        REF,
        label,
        required,
        personal,
        target=target,
        many=many,
        unique_within=unique_within,
        editable=editable,
        help=help,
    )
    if many:
        return _field(spec, factory=list)
    return _field(spec, _optional_default(required, attrs.NOTHING, None))


# -- reading the declarations --------------------------------------------------------------------
@cache
def specs(model: type) -> list[FieldSpec]:
    """The declared fields of ``model`` (without ``id``); undeclared fields get a spec from their type."""
    found = []
    for field in attrs.fields(model):
        if field.name == "id":
            continue
        spec = field.metadata.get(KEY)
        if spec is None:
            spec = _spec_from_type(field)
        found.append(attrs.evolve(spec, name=field.name))
    return found


@cache
def specs_by_name(model: type) -> dict[str, FieldSpec]:
    """:func:`specs` by field name."""
    return {spec.name: spec for spec in specs(model)}


def _spec_from_type(field: attrs.Attribute) -> FieldSpec:
    """A plain attrs field of a model written without the makers (hive 0.1 plugins)."""
    type_ = field.type if not isinstance(field.type, str) else field.type
    # "dt.date" before attrs.resolve_types, "<class 'datetime.date'>" or "datetime.date | None" after it
    text_of = re.sub(r"\b(?:dt|datetime)\.(date|datetime)\b", r"\1", str(type_))
    required = field.default is attrs.NOTHING
    if re.search(r"\bdate\b", text_of) and "datetime" not in text_of:
        return FieldSpec(DAY, required=required, as_of=False)
    if text_of.startswith(("bool",)) or type_ is bool:
        return FieldSpec(FLAG, required=False)
    if text_of.startswith(("float", "int")) or type_ in (float, int):
        return FieldSpec(NUMBER, required=required, whole=text_of.startswith("int") or type_ is int)
    if text_of.startswith("list[str]"):
        return FieldSpec(TEXTS, required=False)
    if text_of.startswith("str") or type_ is str:
        return FieldSpec(TEXT, required=required and "None" not in text_of, limit=4000)
    return FieldSpec("other", required=False, search=False, editable=False)
