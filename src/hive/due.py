"""What is due (待办): the to-do list of a center, from the core and from every enabled plugin.

Each item has the day it is due; an item due before today is overdue. The
core contributes its own items (supervision sessions that are late, filing
changes to report to the street office, deregistrations after a dissolution);
plugins add theirs through the :func:`hive.hookspecs.hive_due` hook. An item
that has been dealt with in a way hive cannot see (the change was reported
on paper) is ticked off with ``hive due done KEY``; ticked-off items are
kept as :class:`DueDone` records and shown no more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from hive.frozen import frozen
from hive.i18n import _, ngettext
from hive.models import DueDone

if TYPE_CHECKING:
    from hive.ledger import Ledger
    from hive.plugins import Plugins


@frozen
class DueItem:
    """One thing that needs doing by a day.

    ``kind`` names the kind of item, prefixed with the plugin's name
    (``core.supervision``, ``volunteer.pending_hours``); ``due`` is the day it
    is due (before today: overdue); ``title`` says what to do, for people, in
    the current language; ``org`` and ``record`` name the organization and the
    record it is about, when there are such. ``key`` (default: ``kind``,
    ``record`` or ``org``, and the due day) identifies the item from one day
    to the next: ``hive due done KEY`` ticks it off.
    """

    kind: str
    due: dt.date
    title: str
    org: str | None = None
    record: str | None = None
    key: str = ""
    plugin: str = ""  # filled in by hive: the plugin that reported it

    def __attrs_post_init__(self) -> None:
        if not self.key:
            about = self.record or self.org or ""
            object.__setattr__(
                self,
                "key",
                f"{self.kind}:{about}:{self.due.isoformat()}" if about else f"{self.kind}:{self.due.isoformat()}",
            )


DEFAULT_WITHIN = 14


def parse_within(text: str) -> int:
    """Days in ``14d``, ``14``, ``2w``, ``14天``, ``2周`` (``ValueError`` otherwise)."""
    cleaned = str(text).strip().lower().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    for suffix, factor in (("d", 1), ("天", 1), ("日", 1), ("w", 7), ("周", 7), ("星期", 7), ("个月", 30), ("m", 30)):
        if cleaned.endswith(suffix):
            number, factor_ = cleaned[: -len(suffix)].strip(), factor
            break
    else:
        number, factor_ = cleaned, 1
    if not number.isdigit():
        raise ValueError(text)
    return int(number) * factor_


def collect(ledger: Ledger, plugins: Plugins, *, within: int = DEFAULT_WITHIN) -> list[DueItem]:
    """Every item due by ``today + within`` days (overdue ones first), from the core and the enabled plugins."""
    today = ledger.today
    horizon = today + dt.timedelta(days=within)
    done = {d.key for d in ledger.all(DueDone)}
    items: list[DueItem] = []
    for plugin, found in plugins.call("hive_due", ledger.center.plugins, ledger=ledger, today=today, within=within):
        items.extend(attrs.evolve(item, plugin=plugin) for item in found)
    shown = [i for i in items if i.due <= horizon and i.key not in done]
    return sorted(shown, key=lambda i: (i.due, i.plugin != "core", i.plugin, i.kind, i.org or "", i.record or ""))


def tick_off(ledger: Ledger, plugins: Plugins, key: str, *, note: str = "", within: int = 366) -> DueDone:
    """Record that the item ``key`` (one of those ``hive due`` lists) has been dealt with."""
    from hive import validate
    from hive.errors import Conflict, NotFound

    key = validate.text("KEY", key, limit=200)
    note = validate.text("--note", note, required=False, limit=1000)
    if any(d.key == key for d in ledger.all(DueDone)):
        raise Conflict(_("item {key} was already ticked off").format(key=key))
    if key not in {i.key for i in collect(ledger, plugins, within=within)}:
        raise NotFound(_("no item {key} is due; see 'hive due --within 365d'").format(key=key))
    return ledger.add(
        DueDone(id="", key=key, date=ledger.today, operator=ledger.operator, note=note), action="due done", detail=key
    )


def days_left(item: DueItem, today: dt.date) -> int:
    return (item.due - today).days


def describe(item: DueItem, today: dt.date) -> str:
    """When it is due, in words: ``in 3 days``, ``today``, ``5 days overdue``."""
    days = days_left(item, today)
    if days == 0:
        return _("today")
    if days > 0:
        return ngettext("in {days} day", "in {days} days", days).format(days=days)
    return ngettext("{days} day overdue", "{days} days overdue", -days).format(days=-days)


def of_kinds(items: Iterable[DueItem], *prefixes: str) -> list[DueItem]:
    """The items whose kind starts with one of ``prefixes`` (a plugin's name, ``core.``)."""
    return [i for i in items if i.kind.startswith(prefixes)]
