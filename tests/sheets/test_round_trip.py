"""Round trip: every record type a sheet holds, exported to .xlsx from the demo center and imported into a new one,
gives the same records (ids included, since the types are imported in the order 'hive sheet types' lists them)."""

from __future__ import annotations

import pytest

from hive.testing import HiveRunner
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def centers(tmp_path_factory) -> tuple[HiveRunner, HiveRunner, dict[str, str]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HIVE_TODAY", TODAY)
        patch.setenv("HIVE_LANG", "en")
        patch.setenv("HIVE_DEBUG", "1")
        folder = tmp_path_factory.mktemp("round-trip")
        demo = HiveRunner(folder / "demo.json")
        result = demo("demo", "--db", str(folder / "demo.json"))
        assert result.exit_code == 0, result.stderr
        from hive.center import create_center

        create_center(folder / "new.json", "新中心", operator="tester")
        new = HiveRunner(folder / "new.json")
        new.enable(*BUNDLED)
        outcomes: dict[str, str] = {}
        for record_type in demo.json("sheet", "types"):
            name = record_type["name"]
            sheet = folder / f"{name}.xlsx"
            demo.ok("sheet", "export", name, "--out", str(sheet), "--show-personal")
            result = new("sheet", "import", name, str(sheet))
            outcomes[name] = f"{result.exit_code}: {result.stdout}{result.stderr}"
        yield demo, new, outcomes


BUNDLED = ("volunteer", "resource", "party")


def _types() -> list[str]:
    """The record types of the core and the bundled plugins that a sheet holds."""
    from hive import plugins

    registry = plugins.load().registry()
    return [
        c.name for c in registry.collections if c.editable and c.voidable and c.owner in ("core", *BUNDLED)
    ]


@pytest.mark.parametrize("name", _types())
def test_export_then_import_gives_the_same_records(centers, name):
    demo, new, outcomes = centers
    assert outcomes[name].startswith("0:"), outcomes[name]
    before = demo.json("list", name, "--show-personal")
    after = new.json("list", name, "--show-personal")
    assert after == before
