"""``Ledger.store_many``: an import's rows kept as the documents the commit writes, not also as objects.

What the file gets must be exactly what ``add_many`` gives (the same ids, documents, event line and
undo record); only the command's own view differs: the rows are not in its lookups afterwards.
"""

from __future__ import annotations

import datetime as dt
import shutil

import orjson

from hive.ledger import Ledger
from hive.models import Person
from hive.store import Store

NOW = dt.datetime(2026, 6, 30, 9, 0, tzinfo=dt.timezone.utc)


def people() -> list[Person]:
    return [Person(id="", name=f"居民{n}", phone=f"1381234{n:04d}", added=dt.date(2026, 6, 1)) for n in range(5)]


def write(path, how: str) -> list[str]:
    store = Store.open(path, write=True)
    try:
        ledger = Ledger(store, operator="root", today=dt.date(2026, 6, 30), now=lambda: NOW)
        if how == "add_many":
            ids = [p.id for p in ledger.add_many(people(), action="import people", detail="p.csv: 5")]
        else:
            ids = ledger.store_many(people(), action="import people", detail="p.csv: 5")
        ledger.commit()
        return ids
    finally:
        store.close()


def test_the_file_is_what_add_many_writes(hive, tmp_path):
    hive.ok("person", "add", "王芳")
    other = tmp_path / "other.json"
    shutil.copyfile(hive.db, other)
    assert write(hive.db, "store_many") == write(other, "add_many") == ["p2", "p3", "p4", "p5", "p6"]
    assert hive.db.read_bytes() == other.read_bytes()
    assert [p["name"] for p in hive.json("person", "list")][1:] == [f"居民{n}" for n in range(5)]
    hive.ok("undo")  # one change, undone as one
    assert [p["name"] for p in hive.json("person", "list")] == ["王芳"]


def test_stored_rows_are_not_in_the_commands_own_view(hive):
    store = Store.open(hive.db, write=True)
    try:
        ledger = Ledger(store, operator="root")
        ids = ledger.store_many(people(), action="import people")
        assert ledger.all(Person) == [] and ledger.find(Person, ids[0]) is None  # documented: ask before storing
        ledger.commit()
    finally:
        store.close()
    assert [d["id"] for d in orjson.loads(hive.db.read_bytes())["people"].values()] == ids
