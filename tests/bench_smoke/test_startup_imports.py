"""Start-up stays light: what a command must not import (module sets, not timings; benchmarks/startup.py times it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, sys
from hive.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="hive", standalone_mode=False)
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def imported_by(args: list[str], **env: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env={**os.environ, "HIVE_LANG": "en", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_a_reading_command_loads_no_plugin_no_lock_and_no_width_table(hive):
    modules = imported_by(["org", "list"], HIVE_DB=str(hive.db))
    assert "hive.ledger" in modules  # it did open the center
    assert not {"filelock", "wcwidth", "importlib.metadata", "hive.plugins"} & modules
    # nor what only some records' commands need: the zone database (no date asked of the clock),
    # the score sheet's html, the rubric's csv
    assert not {"zoneinfo", "html", "csv"} & modules
    # nor the modules that work with rubrics, assessments, due items and duplicates (their records are
    # declared in hive.models), nor the lifecycle's commands of the org group (a LazyGroup)
    assert not {"hive.assessment", "hive.rubric", "hive.due", "hive.duplicate_people", "hive.cli.incubation"} & modules
    # and of the models, only those hive.models defines itself (the others are built when first asked for)
    assert not [m for m in modules if m.startswith("hive.models.")]


def test_help_without_plugins_does_not_import_the_ledger():
    modules = imported_by(["--help"], HIVE_NO_PLUGINS="1")
    assert "hive.plugins" in modules
    assert not {"hive.ledger", "hive.models", "cattrs", "tinydb", "filelock", "orjson"} & modules


def test_help_finds_the_plugins_without_importlib_metadata_and_email():
    modules = imported_by(["--help"])
    assert "hive_volunteer" in modules  # the plugins were found and their commands listed
    assert not {"importlib.metadata", "email", "csv", "zipfile", "hive.ledger", "cattrs", "tinydb"} & modules


def test_help_lists_the_plugins_without_importing_their_declarations():
    modules = imported_by(["--help"])
    assert {"hive_party", "hive_volunteer", "hive_resource"} <= modules
    # their record classes, criteria and hooks are built when a command needs them, not for --help
    assert not {"hive.models", "hive_party.models", "hive_volunteer.models", "hive_resource.models"} & modules
    assert not {"hive_party.commands", "hive_volunteer.commands", "hive_resource.commands"} & modules


def test_a_plugin_command_imports_its_declarations(hive):
    modules = imported_by(["party", "--help"], HIVE_DB=str(hive.db))
    assert {"hive_party.models", "hive_party.commands"} <= modules


def test_a_listing_compiles_no_pattern_it_does_not_use(hive):
    # hive.patterns: the dates, periods and terms a command does not parse are never compiled
    probe = PROBE.replace(
        "sys.stderr.write(json.dumps(sorted(sys.modules)))",
        "from hive import inputs, incubation\n"
        "lazy = {k: 'match' in vars(v) for m in (inputs, incubation) for k, v in vars(m).items()"
        " if type(v).__name__ == 'LazyPattern'}\n"
        "sys.stderr.write(json.dumps(lazy))",
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "org", "list"],
        env={**os.environ, "HIVE_LANG": "en", "HIVE_DB": str(hive.db)},
        capture_output=True,
        text=True,
        check=True,
    )
    compiled = json.loads(done.stderr.strip().splitlines()[-1])
    assert {"_DATE", "_MONTH", "_TERM"} <= set(compiled)
    assert not any(compiled.values())


def test_a_review_imports_no_plugin_command_web_page_report_or_demo(hive):
    # plugin.command / plugin.hook("module:function"): what a review never asks of a plugin stays unimported
    hive.enable("party", "volunteer", "resource")
    modules = imported_by(["review", "--json"], HIVE_DB=str(hive.db))
    assert {"hive_party.models", "hive_volunteer.criteria", "hive_resource.criteria"} <= modules
    for plugin in ("hive_party", "hive_volunteer", "hive_resource"):
        assert not {f"{plugin}.{m}" for m in ("commands", "web", "report_sections", "demo", "due")} & modules
    assert not {"hive.reporting", "hive.web", "hive.web.extend", "hive.cli.records"} & modules
