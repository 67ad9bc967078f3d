"""hive.models: every model is imported from there; those of its submodules are built when first asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hive import models


def test_every_model_is_found_in_hive_models_and_built_when_first_asked_for():
    # (a fresh interpreter: this one's tests have imported them all already)
    probe = (
        "import sys, hive.models as m; before = sorted(k for k in sys.modules if k.startswith('hive.models.'));"
        " t = m.Training; print(before, t.__module__, 'hive.models.stage' in sys.modules, 'Training' in vars(m))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "hive.models.stage", "True", "True"]
    for name, where in models.LAZY.items():
        assert getattr(models, name).__module__ == f"hive.models.{where}"
    assert set(models.LAZY) <= set(dir(models))
    with pytest.raises(AttributeError):
        models.Trainings  # noqa: B018
