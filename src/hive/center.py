"""Creating a center file and changing the center's own record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from hive import clock, validate
from hive.converter import unstructure
from hive.ledger import CENTER_TABLE, Ledger
from hive.location import create_store
from hive.models import Center, Event
from hive.store import Store


def create_center(
    path: Path | str,
    name: str,
    *,
    district: str = "",
    community: str = "",
    operator: str,
    demo: bool = False,
    code: str | None = None,
) -> Center:
    """Write a new center at ``path`` (a file, or a server URL with the center's ``code``); refuses an existing one."""
    center = Center(
        name=validate.text("name", name),
        district=validate.text("--district", district, required=False),
        community=validate.text("--community", community, required=False),
        created=clock.today(),
        demo=demo,
    )
    store = create_store(path, code)
    try:
        start(store, center, operator)
        store.commit()
    finally:
        store.close()
    return center


def start(store: Store, center: Center, operator: str, *, at: dt.datetime | None = None) -> None:
    """Write the center record and the first event (dated ``at``, default now) into an empty store."""
    store.insert(CENTER_TABLE, [(1, unstructure(center))])
    event = Event(id="e1", at=at or clock.now(), operator=operator, action="init", detail=center.name)
    store.insert("events", [(1, unstructure(event))])


def set_plugins(ledger: Ledger, names: list[str], *, enable: bool) -> list[str]:
    """Enable or disable plugins for the center; returns the enabled list."""
    current = list(ledger.center.plugins)
    for name in names:
        if enable and name not in current:
            current.append(name)
        if not enable and name in current:
            current.remove(name)
    if current != ledger.center.plugins:
        action = "plugins enable" if enable else "plugins disable"
        ledger.update_center(attrs.evolve(ledger.center, plugins=current), action=action, detail=",".join(names))
    return current


def set_setting(ledger: Ledger, key: str, text: str) -> object:
    """Override setting ``key`` for the center with the value typed as ``text``; returns the parsed value."""
    parsed = ledger.settings.declaration(key).parse(text)
    overrides = dict(ledger.center.settings) | {key: parsed}
    ledger.update_center(attrs.evolve(ledger.center, settings=overrides), action="settings set", detail=f"{key}={parsed}")
    return parsed


def reset_setting(ledger: Ledger, key: str) -> object:
    """Return setting ``key`` to its declared default; returns that default."""
    declared = ledger.settings.declaration(key)
    overrides = {k: v for k, v in ledger.center.settings.items() if k != key}
    ledger.update_center(attrs.evolve(ledger.center, settings=overrides), action="settings reset", detail=key)
    return declared.default
