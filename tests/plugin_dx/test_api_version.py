"""The plugin API version: a plugin built for another contract is skipped with a clear message."""

from __future__ import annotations

import types

import pluggy
import pytest

from hive import hookimpl, hookspecs, plugins
from hive.criteria import Criterion, Outcome


def plugin_for(api: str | None, name: str = "fenced") -> types.ModuleType:
    module = types.ModuleType(f"hive_{name}")
    if api is not None:
        module.HIVE_API = api

    @hookimpl
    def hive_criteria():
        return [Criterion(f"{name}.always", "intake", "always fails", lambda org, ctx: Outcome(False, "no"))]

    module.hive_criteria = hive_criteria
    return module


V1_0_HOOKS = {
    "hive_settings", "hive_collections", "hive_criteria", "hive_commands", "hive_stage_changed", "hive_demo",
    "hive_demo_tour", "hive_org_details", "hive_person_details", "hive_person_figures", "hive_check",
}  # fmt: skip


def test_every_hook_added_since_1_0_raised_the_minor_version():
    hooks = {name for name in vars(hookspecs) if name.startswith("hive_")}
    added = {hook for since in hookspecs.HOOKS_SINCE.values() for hook in since}
    assert hooks - V1_0_HOOKS == added, "list a new hook in hookspecs.HOOKS_SINCE under a new minor version"
    newest = max(hookspecs.HOOKS_SINCE, key=lambda v: tuple(map(int, v.split("."))))
    assert hookspecs.API_VERSION == newest
    assert plugins.api_problem(">=1,<2") is None
    assert plugins.api_problem(f">={newest},<2") is None


@pytest.mark.parametrize("declared", ["", ">=1,<2", ">=1.0", "1", "~=1.0", "==1.*", " >=1 , <2 "])
def test_compatible_ranges(declared):
    assert plugins.api_problem(declared.strip(), "1.0") is None


@pytest.mark.parametrize(
    ("declared", "provided"),
    [(">=2", "1.0"), ("<1", "1.0"), ("2", "1.0"), (">=1,<2", "2.0"), ("~=1.1", "1.0"), ("1", "2.3")],
)
def test_incompatible_ranges(declared, provided):
    problem = plugins.api_problem(declared, provided)
    assert problem == (
        f"built for hive plugin API {declared}, but this hive provides API {provided}; "
        "install a version of the plugin made for it"
    )


def test_a_range_that_is_not_one_is_reported():
    assert plugins.api_problem("version one") == "HIVE_API 'version one' is not a version range such as '>=1,<2'"


def test_an_incompatible_plugin_is_skipped_listed_and_cannot_be_enabled(hive):
    hive.org("便民服务队", members=3, backbones=1)
    hive.register(plugin_for(">=2,<3"), "fenced", enable=False)
    (row,) = [r for r in hive.json("plugins", "list") if r["name"] == "fenced"]
    assert row["error"] == (
        "built for hive plugin API >=2,<3, but this hive provides API 1.1; install a version of the plugin made for it"
    )
    assert "built for hive plugin API >=2,<3" in hive.ok("plugins", "list")
    result = hive.fails("plugins", "enable", "fenced")
    assert result.stderr.strip() == f"hive: plugin 'fenced' cannot be enabled: {row['error']}"
    assert not hive.plugins.loaded("fenced")  # never registered: its hooks are not called
    assert hive.json("review")[0]["verdict"] == "ready"


def test_running_the_command_of_a_skipped_plugin_says_why(hive):
    hive.register(plugin_for(">=2,<3"), "fenced", enable=False)
    result = hive.fails("fenced")
    assert result.stderr.strip().startswith("hive: plugin 'fenced' is not loaded: built for hive plugin API >=2,<3")
    assert "No such command" in hive.fails("fenced-typo").stderr


def test_a_compatible_plugin_loads_and_its_range_is_shown(hive):
    org = hive.org("便民服务队", members=3, backbones=1)
    hive.register(plugin_for(">=1,<2"), "fenced")
    info = hive.json("plugins", "info", "fenced")
    assert info["api"] == ">=1,<2" and info["hive_api"] == "1.1" and info["error"] is None
    assert {"criterion": "fenced.always", "reason": "no"} in hive.json("review", org)[0]["failed"]


def test_a_plugin_declaring_nothing_loads(hive):
    hive.register(plugin_for(None), "fenced")
    assert hive.json("plugins", "info", "fenced")["api"] == ""


def test_an_installed_plugin_upgraded_to_an_incompatible_api_is_shown_and_can_be_disabled(hive):
    org = hive.org("便民服务队", members=3, backbones=1)
    hive.register(plugin_for(None), "fenced")  # enabled while it fitted
    hive.plugins.unregister("fenced")
    hive.plugins.register(plugin_for(">=3"), "fenced")  # then it was upgraded for a newer hive
    (row,) = [r for r in hive.json("plugins", "list") if r["name"] == "fenced"]
    assert row["enabled"] is True and row["error"].startswith("built for hive plugin API >=3")
    assert hive.json("review", org)[0]["verdict"] == "ready"  # its criterion is not applied
    hive.ok("plugins", "disable", "fenced")


# -- unknown hooks -----------------------------------------------------------------------------
class Typo:
    @hookimpl
    def hive_criterai(self):
        return []

    @hookimpl(optionalhook=True)
    def hive_future_hook(self):
        return []

    def hive_settings(self):  # forgot the marker
        return []

    def hive_helper_not_a_hook(self):  # a helper that happens to start with hive_: fine
        return None


def test_unknown_hooks_are_reported_naming_the_plugin_and_the_hook(hive):
    hive.register(Typo(), "typo", enable=False)
    (row,) = [r for r in hive.json("plugins", "list") if r["name"] == "typo"]
    assert row["error"] is None
    assert row["problems"] == [
        "'hive_settings' is not marked @hookimpl; it will never be called",
        "unknown hook 'hive_criterai' (a typo?); it will never be called",
    ]
    assert "typo" in hive.ok("plugins", "list") and "hive_criterai" in hive.ok("plugins", "list")
    result = hive("plugins", "enable", "typo")  # a problem, not an error: the rest of the plugin works
    assert result.exit_code == 0 and result.stdout.strip() == "enabled: typo"
    assert result.stderr.splitlines() == [
        "hive: warning: plugin 'typo': 'hive_settings' is not marked @hookimpl; it will never be called",
        "hive: warning: plugin 'typo': unknown hook 'hive_criterai' (a typo?); it will never be called",
    ]


def test_the_same_as_pluggy_check_pending():
    """What hive reports is what pluggy's own check rejects, but named and without stopping everything."""
    loaded = plugins.load(entry_points=False)
    loaded.register(Typo(), "typo")
    with pytest.raises(pluggy.PluginValidationError, match="unknown hook 'hive_criterai' in plugin"):
        loaded.pm.check_pending()
    loaded.unregister("typo")
    loaded.pm.check_pending()  # the core alone is clean
    loaded.register(plugin_for(None), "clean")
    loaded.pm.check_pending()
    assert loaded.info["clean"].problems == []


def test_the_fast_path_agrees_with_packaging():
    """Plain ranges are decided without importing packaging; the answers are the same."""
    from packaging.specifiers import SpecifierSet

    versions = [f"{major}.{minor}" for major in range(4) for minor in range(4)]
    ranges = [f">={a},<{b}" for a in range(4) for b in range(5)]
    ranges += [f">={a}.{m},<{b}.{n}" for a in range(3) for m in (0, 2) for b in range(4) for n in (0, 1)]
    ranges += [">= 1 , < 2", "0", "1", "3"]
    for declared in ranges:
        spec = f"=={declared}.*" if declared.isdigit() else declared
        for provided in versions:
            expected = SpecifierSet(spec).contains(provided, prereleases=True)
            assert plugins._fits_plain(declared, provided) is expected, (declared, provided)
            assert (plugins.api_problem(declared, provided) is None) is expected


def test_a_plain_range_does_not_import_packaging():
    import subprocess
    import sys

    code = (
        "import sys; from hive import plugins; "
        "assert plugins.api_problem('>=1,<2') is None; assert plugins.api_problem('1') is None; "
        "print('packaging.specifiers' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
