"""Shared set-up for the plugin developer experience tests."""

from __future__ import annotations

import site
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def quiet_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIVE_TODAY", "2026-06-30")
    for var in ("HIVE_NO_PLUGINS", "HIVE_TRACE_PLUGINS", "HIVE_OPERATOR", "HIVE_DB"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def nested_venv(tmp_path: Path) -> str:
    """A new venv that sees this test run's hive and its dependencies; returns its ``python``.

    ``venv --system-site-packages`` sees the system interpreter's packages
    only: run from a venv (README's way: ``python3 -m venv``, ``pip install -e
    '.[test]'``) it cannot import hive. So the new venv gets a ``.pth`` file
    that adds every site-packages folder of the running interpreter with
    :func:`site.addsitedir`, which also runs their own ``.pth`` files (the
    editable install of hive is one). Whatever is installed into the new venv
    comes first and stays there.
    """
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    outer = [p for p in dict.fromkeys([*site.getsitepackages(), site.getusersitepackages(), *sys.path]) if _is_site(p)]
    lines = [f"import site; site.addsitedir({folder!r})" for folder in outer]
    (Path(purelib) / "_outer_site_packages.pth").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(python)


def _is_site(folder: str) -> bool:
    return folder.endswith(("site-packages", "dist-packages")) and Path(folder).is_dir()
