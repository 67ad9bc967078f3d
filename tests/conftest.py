"""Set-up shared by every test of hive: a fixed day, an environment free of the user's settings, and the backends.

The ``hive`` and ``hive_core`` fixtures run on a center file, and, for the
suites listed in :data:`BOTH_BACKENDS`, a second time on a center of a real
PostgreSQL server (``hive --db postgresql://… --center CODE``): ``HIVE_TEST_PG``
names the server (``.ci/run`` starts one); without it a throwaway cluster is
started from the installed PostgreSQL binaries; the server runs are skipped,
saying why, only when neither is there. Tests that read the center file
themselves skip on the server (see :class:`hive.testing.HiveRunner`).
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest

# Every commit of a center file (in this process and the hive processes tests start) checks that
# the bytes it assembled from the tables it did not touch equal a whole encoding (hive.store).
os.environ["HIVE_VERIFY_COMMITS"] = "1"
# Tables past 300 bytes are parsed in pieces, and those past sixteen pieces held as rows (hive.rows), as
# a large center's are: the suite's small centers take every path a table can take.
os.environ.setdefault("HIVE_PARSE_PIECE", "300")

#: The "today" of every test (``HIVE_TODAY``), so dates in tests and docs never age.
TODAY = "2026-06-30"

#: The test folders whose ``hive`` tests run on both backends.
BOTH_BACKENDS = ("core", "reliability", "volunteer", "party", "resource", "plugin_dx")

#: Test modules about the center file itself (its bytes, its lock, its temp files): file backend only.
FILE_ONLY = (
    "test_store.py",
    "test_bad_files.py",
    "test_faults.py",
    "test_kill.py",  # (tests/district runs the kill and concurrency tests against the server)
    "test_concurrency.py",
    # issue 12's hardening: files on disk (modes, links, temps, outputs), the file's text, hand edits
    "test_outputs.py",
    "test_outcome.py",
    "test_damaged.py",
    "test_table_by_table.py",
    "test_rows.py",
    "test_values.py",
    "test_hygiene.py",
    "test_import_limits.py",
    # tests that patch the file store's write path or check a file's name
    "test_transfer.py::test_backup_to_a_path_or_a_folder_and_never_over_a_file",
    "test_outputs.py::test_the_certificate_page_is_written_after_the_commit",
    "test_outcome.py::test_ctrl_c_just_after_the_commit_reports_the_commit",
    "test_outcome.py::test_ctrl_c_during_the_rename_waits_for_it_and_reports_the_commit",
)

_CENTERS = itertools.count(1)
_RUN = uuid.uuid4().hex[:6]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("HIVE_TODAY", TODAY)
    for var in (
        "HIVE_OPERATOR",
        "HIVE_NO_PLUGINS",
        "HIVE_BUSY_TIMEOUT",
        "HIVE_DB",
        "HIVE_DEBUG",
        "HIVE_CENTER",
        "HIVE_CONNECT_TIMEOUT",
    ):
        monkeypatch.delenv(var, raising=False)
    return TODAY


@pytest.fixture(autouse=True)
def english_unless_asked():
    """Each test starts in English: a command run in Chinese by an earlier test leaves no language behind."""
    from hive import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


def _cluster_module():
    spec = importlib.util.spec_from_file_location("pg_cluster", Path(__file__).parent / "pg_cluster.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="session")
def pg_url():
    """The URL of a PostgreSQL server for the tests: ``$HIVE_TEST_PG``, or a throwaway cluster started here."""
    url = os.environ.get("HIVE_TEST_PG")
    if url:
        yield url
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("no PostgreSQL server: psycopg is not installed (pip install -e '.[test]')")
    cluster = _cluster_module()
    if cluster.binaries() is None:
        pytest.skip("no PostgreSQL server: set HIVE_TEST_PG or install postgresql (apt-get install postgresql)")
    # Not under pytest's own temp folder: a nested pytest run (the plugin tutorial's) prunes old ones.
    folder = Path(tempfile.mkdtemp(prefix="hive-test-pg-"))
    try:
        url = cluster.start(folder)
    except Exception as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"no PostgreSQL server: starting a throwaway cluster failed: {exc}")
    try:
        yield url
    finally:
        cluster.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


def new_center_code() -> str:
    """A center code no other test (or earlier run on the same server) uses."""
    return f"T{_RUN}-{next(_CENTERS)}"


@pytest.fixture
def pg_center(pg_url: str):
    """``(url, code)`` of a fresh center on the test server, made like ``hive_db``'s file."""
    from hive.center import create_center

    code = new_center_code()
    create_center(pg_url, "测试中心", district="南山区", community="海珠社区", operator="tester", code=code)
    return pg_url, code


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the ``hive`` tests of :data:`BOTH_BACKENDS` on a file and on a server center."""
    names = metafunc.fixturenames
    if not ({"hive", "hive_core"} & set(names)) or "hive_db" in names or "hive_backend" not in names:
        return
    path = Path(str(metafunc.definition.path))
    test = f"{path.name}::{metafunc.function.__name__}"
    if path.parent.name in BOTH_BACKENDS and path.name not in FILE_ONLY and test not in FILE_ONLY:
        metafunc.parametrize("hive_backend", ["file", "server"], indirect=True)


@pytest.fixture
def hive_backend(request: pytest.FixtureRequest) -> str:
    """``file`` or ``server``: where the ``hive`` fixture's center is."""
    return getattr(request, "param", "file")


def _runner(request: pytest.FixtureRequest, backend: str, monkeypatch: pytest.MonkeyPatch, *, entry_points: bool):
    from hive.testing import HiveRunner

    monkeypatch.setenv("HIVE_LANG", "en")
    if backend == "server":
        # a server center's backup defaults to the working folder: keep it out of the checkout
        monkeypatch.chdir(request.getfixturevalue("tmp_path"))
        url, code = request.getfixturevalue("pg_center")
        return HiveRunner(url, center=code, entry_points=entry_points)
    return HiveRunner(request.getfixturevalue("hive_db"), entry_points=entry_points)


@pytest.fixture
def hive(request: pytest.FixtureRequest, hive_backend: str, monkeypatch: pytest.MonkeyPatch):
    """hive.testing's ``hive`` fixture, on the file or (parametrized suites) on a server center."""
    return _runner(request, hive_backend, monkeypatch, entry_points=True)


@pytest.fixture
def hive_core(request: pytest.FixtureRequest, hive_backend: str, monkeypatch: pytest.MonkeyPatch):
    """hive.testing's ``hive_core`` fixture, on the file or (parametrized suites) on a server center."""
    return _runner(request, hive_backend, monkeypatch, entry_points=False)
