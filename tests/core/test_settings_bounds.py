"""Settings declare bounds: ``hive settings set`` refuses a number no rule could use, nothing written."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("key", "bad", "good"),
    [
        ("core.intake.min_members", "-1", "0"),
        ("core.diagnosis.min_mean", "5.5", "5"),
        ("core.diagnosis.min_dimension", "0", "1"),
        ("core.busy_timeout", "-3", "0"),
    ],
)
def test_core_settings_refuse_values_out_of_bounds(hive, key, bad, good):
    result = hive.fails("settings", "set", key, bad)
    assert f"invalid value '{bad}' for setting {key}: expected a number " in result.stderr
    hive.ok("settings", "set", key, good)


def test_the_bound_is_named():
    from hive.settings import Setting

    with pytest.raises(Exception, match="expected a number from 1 to 5"):
        Setting("x.score", 3, "a score", "int", minimum=1, maximum=5).parse("6")
    with pytest.raises(Exception, match="expected a number of at least 0"):
        Setting("x.count", 3, "a count", "int", minimum=0).parse("-1")


@pytest.mark.parametrize(
    ("plugin", "key", "bad", "good"),
    [
        ("party", "party.probation_months", "-5", "0"),
        ("party", "party.joint_branch_max_orgs", "0", "1"),
        ("volunteer", "volunteer.star_hours", "100,-300", "50,300"),
        ("volunteer", "volunteer.team_window_days", "0", "1"),
        ("resource", "resource.supervision.min_fulfilled", "-1", "0"),
    ],
)
def test_bundled_plugin_settings_refuse_values_out_of_bounds(hive, plugin, key, bad, good):
    hive.enable(plugin)
    hive.fails("settings", "set", key, bad)
    hive.ok("settings", "set", key, good)
