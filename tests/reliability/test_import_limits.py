"""Bounded memory for imports: rows streamed, a row limit as a setting (issue 12, item 12)."""

from __future__ import annotations

import pytest

HEADER = "person,date,hours,activity\n"


@pytest.fixture
def vol(hive):
    hive.enable("volunteer")
    pid = hive.new_id("person", "add", "张三")
    hive.ok("volunteer", "add", pid)
    hive.ok("settings", "set", "volunteer.min_hours", "0.1")  # many rows of one day fit in its 24 h
    return hive


def _csv(tmp_path, rows: int, tail: bytes = b"") -> str:
    path = tmp_path / "rows.csv"
    body = "".join(f"p1,2026-06-01,0.1,探访{n}\n" for n in range(rows))
    path.write_bytes((HEADER + body).encode() + tail)
    return str(path)


def test_a_file_over_the_row_limit_is_refused_with_the_setting_named(vol, tmp_path):
    vol.ok("settings", "set", "volunteer.import_max_rows", "3")
    result = vol.fails("volunteer", "import", _csv(tmp_path, 4))
    assert result.exit_code == 2
    assert result.stderr == (
        "hive: rows.csv has more than 3 rows; split it, or raise the limit with "
        "'hive settings set volunteer.import_max_rows N'\n"
    )
    assert vol.json("volunteer", "records") == []


def test_a_file_at_the_limit_is_imported(vol, tmp_path):
    vol.ok("settings", "set", "volunteer.import_max_rows", "3")
    assert "imported 3 service records" in vol.ok("volunteer", "import", _csv(tmp_path, 3))


def test_rows_past_the_limit_are_never_read(vol, tmp_path):
    """Streamed: the bytes well after the limit (not even UTF-8 here) are not reached."""
    vol.ok("settings", "set", "volunteer.import_max_rows", "3")
    result = vol.fails("volunteer", "import", _csv(tmp_path, 20_000, tail=b"p1,2026-06-01,1,\xff\xfe\n"))
    assert "has more than 3 rows" in result.stderr


def test_bad_bytes_half_way_are_still_one_clear_line(vol, tmp_path):
    result = vol.fails("volunteer", "import", _csv(tmp_path, 2, tail=b"p1,2026-06-01,1,\xff\xfe\n"))
    assert result.stderr == "hive: rows.csv is not UTF-8 text\n"


def test_the_limit_has_sane_bounds_and_a_default(vol):
    assert vol.fails("settings", "set", "volunteer.import_max_rows", "0").exit_code == 2
    assert vol.fails("settings", "set", "volunteer.import_max_rows", "100000000").exit_code == 2
    (row,) = [s for s in vol.json("settings", "list") if s["key"] == "volunteer.import_max_rows"]
    assert row["value"] == 100_000


# -- item 9, through a CSV: numbers and dates as float() and fromisoformat() would take them -----------


@pytest.mark.parametrize(
    ("hours", "date", "reason"),
    [
        ("1_0", "2026-06-01", "line 2: invalid hours: '1_0' is not a number"),
        ("٣", "2026-06-01", "line 2: invalid hours: '٣' is not a number"),
        ("1e1", "2026-06-01", "line 2: invalid hours: '1e1' is not a number"),
        ("nan", "2026-06-01", "line 2: invalid hours: 'nan' is not a number"),
        ("-3", "2026-06-01", "line 2: invalid hours: must be more than 0 and at most 24"),
        ("1", "0001-06-01", "line 2: invalid date: 0001-06-01 is before 1900-01-01; check the year"),
        ("1", "٢٠٢٦-06-01", "line 2: invalid date: '٢٠٢٦-06-01' is not a date"),
    ],
)
def test_csv_numbers_and_dates_that_python_would_take_are_refused(vol, tmp_path, hours, date, reason):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + f"p1,{date},{hours},探访\n", encoding="utf-8")
    result = vol("volunteer", "import", str(path))
    assert result.exit_code == 2
    assert reason in result.stderr
    assert vol.json("volunteer", "records") == []


def test_full_width_digits_in_a_csv_are_read(vol, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(HEADER + "p1,２０２６-06-01,１.５,探访\n", encoding="utf-8")
    vol.ok("volunteer", "import", str(path))
    (record,) = vol.json("volunteer", "records")
    assert (record["date"], record["hours"]) == ("2026-06-01", 1.5)
