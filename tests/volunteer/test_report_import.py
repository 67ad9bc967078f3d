"""Reports of approved hours, and the all-or-nothing CSV import."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

HEADER = "person,date,hours,activity,team,org,place\n"


@pytest.fixture
def scene(vol, volunteers, served):
    """Two volunteers, a team of an organization, approved and pending records."""
    wang, li = volunteers("王芳", "李娜")
    org = vol.new_id("org", "add", "俪人妈妈义工队")
    team = vol.new_id("volunteer", "team", "add", "俪人队", "--org", org)
    vol.ok("volunteer", "team", "join", team, wang, li, "--since", "2026-01-01")
    served("王芳", 3, "2026-05-01", "--team", team)
    served("王芳", 2, "2026-06-01")
    served("李娜", 4, "2026-06-02", "--team", team)
    served("李娜", 5, "2026-06-03", approve=False)
    return {"wang": wang, "li": li, "org": org, "team": team}


def test_report_by_person(vol, scene):
    doc = vol.json("volunteer", "report")
    assert doc["by"] == "person" and doc["from"] is None and doc["to"] is None
    assert doc["rows"] == [
        {"id": scene["wang"], "name": "王芳", "hours": 5.0, "records": 2, "volunteers": 1},
        {"id": scene["li"], "name": "李娜", "hours": 4.0, "records": 1, "volunteers": 1},
    ]
    assert (doc["hours"], doc["records"], doc["volunteers"]) == (9.0, 3, 2)
    table = vol.ok("volunteer", "report")
    assert "王芳" in table and "9.0" in table


def test_report_by_team_and_org_over_a_period(vol, scene):
    rows = vol.json("volunteer", "report", "--by", "team")["rows"]
    assert rows[0] == {"id": scene["team"], "name": "俪人队", "hours": 7.0, "records": 2, "volunteers": 2}
    assert rows[1]["id"] is None and rows[1]["hours"] == 2.0
    doc = vol.json("volunteer", "report", "--by", "org", "--from", "2026-06-01", "--to", "2026-06-30")
    assert doc["from"] == "2026-06-01" and doc["to"] == "2026-06-30"
    assert [(r["id"], r["hours"]) for r in doc["rows"]] == [(scene["org"], 4.0), (None, 2.0)]
    vol.fails("volunteer", "report", "--from", "2026-06-30", "--to", "2026-06-01")


def test_report_as_csv(vol, scene, tmp_path):
    out = tmp_path / "report.csv"
    assert "2" in vol.ok("volunteer", "report", "--csv", str(out))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["id", "name", "hours", "records", "volunteers"]
    assert rows[1] == [scene["wang"], "王芳", "5.0", "2", "1"]
    vol.fails("volunteer", "report", "--csv", str(out), "--json")


# -- import ------------------------------------------------------------------------------------------
def write(tmp_path, text: str, name: str = "hours.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_adds_pending_records(vol, scene, tmp_path):
    path = write(
        tmp_path,
        HEADER + f"王芳,2026-06-05,2,社区清洁,俪人队,,海珠社区\n{scene['li']},2026-06-06,1.5,义诊,,俪人妈妈义工队,\n",
    )
    result = vol("volunteer", "import", path)
    assert result.exit_code == 0 and "2" in result.stdout
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    new = [r for r in vol.json("volunteer", "records") if r["activity"] in ("社区清洁", "义诊")]
    assert {(r["status"], r["team"], r["org"], r["place"]) for r in new} == {
        ("pending", scene["team"], scene["org"], "海珠社区"),
        ("pending", None, scene["org"], ""),
    }


def test_import_approved(vol, scene, tmp_path):
    path = write(tmp_path, HEADER + "王芳,2026-06-05,2,社区清洁,,,\n")
    vol.ok("volunteer", "import", path, "--approved")
    assert vol.json("volunteer", "hours", "王芳")["approved_hours"] == 7.0


def test_import_columns_in_any_order_and_optional_ones_left_out(vol, scene, tmp_path):
    path = write(tmp_path, "hours,person,activity,date\n2,王芳,社区清洁,2026-06-05\n")
    vol.ok("volunteer", "import", path, "--approved")
    assert vol.json("volunteer", "hours", "王芳")["approved_hours"] == 7.0


def test_import_dry_run_writes_nothing(vol, scene, tmp_path, hive_db):
    path = write(tmp_path, HEADER + "王芳,2026-06-05,2,社区清洁,,,\n")
    before = hive_db.read_bytes()
    assert "1" in vol.ok("volunteer", "import", path, "--dry-run")
    assert hive_db.read_bytes() == before


def test_bad_rows_are_all_reported_with_line_numbers_and_nothing_is_written(vol, scene, tmp_path, hive_db):
    vol.new_id("person", "add", "路人")
    rows = [
        "王芳,2026-06-05,2,社区清洁,,,",  # line 2: good
        "无此人,2026-06-05,2,社区清洁,,,",  # 3
        "王芳,2026-07-01,2,社区清洁,,,",  # 4: future
        "王芳,2026-13-01,2,社区清洁,,,",  # 5: not a date
        "王芳,2026-06-06,abc,社区清洁,,,",  # 6
        "王芳,2026-06-06,0,社区清洁,,,",  # 7
        "",  # 8: blank lines are skipped but counted
        "王芳,2026-06-06,2,,,,",  # 9: no activity
        "王芳,2026-06-06,2,x,无此队,,",  # 10
        "王芳,2026-06-06,2,x,,无此组织,",  # 11
        "路人,2026-06-06,2,x,,,",  # 12: not a volunteer
        "王芳,2026-06-07,2,x",  # 13: too few fields
        "王芳,2026-06-08,20,x,,,",  # 14: good
        "王芳,2026-06-08,4.5,x,,,",  # 15: 24.5 h that day, with the row above
        "王芳,2026-06-09,2,x,俪人队,幸福家,",  # 16: unknown org
    ]
    path = write(tmp_path, HEADER + "\n".join(rows) + "\n")
    before = hive_db.read_bytes()
    result = vol("volunteer", "import", path)
    assert result.exit_code != 0
    assert hive_db.read_bytes() == before
    lines = result.stderr.strip().splitlines()
    reported = [int(line.split("line ")[1].split(":")[0]) for line in lines[:-1]]
    assert reported == [3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 15, 16]
    assert "12 bad rows" in lines[-1] and "nothing was imported" in lines[-1]
    assert "future" in lines[1] and "24" in lines[10]


def test_the_24_hour_day_counts_the_records_already_kept(vol, scene, tmp_path):
    path = write(tmp_path, HEADER + "王芳,2026-06-01,22.5,x,,,\n")  # 2 h already approved that day
    result = vol("volunteer", "import", path)
    assert result.exit_code != 0 and "line 2" in result.stderr
    vol.ok("volunteer", "import", write(tmp_path, HEADER + "王芳,2026-06-01,22,x,,,\n", "ok.csv"))


def test_line_numbers_follow_quoted_fields_over_several_lines(vol, scene, tmp_path):
    path = write(tmp_path, HEADER + '王芳,2026-06-05,2,"社区\n清洁",,,\n王芳,2026-06-05,x,y,,,\n')
    result = vol("volunteer", "import", path)
    assert "line 4" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "",
        "person,date,hours\n王芳,2026-06-05,2\n",  # no activity column
        "person,date,hours,activity,colour\n王芳,2026-06-05,2,x,red\n",
        "person,date,hours,activity,date\n王芳,2026-06-05,2,x,2026-06-05\n",
        HEADER,  # no rows
    ],
)
def test_a_bad_header_or_an_empty_file_is_one_error(vol, scene, tmp_path, text):
    vol.fails("volunteer", "import", write(tmp_path, text))


def test_a_file_that_is_not_utf8_is_refused(vol, scene, tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "王芳,2026-06-05,2,社区清洁,,,\n").encode("gbk"))
    assert "UTF-8" in vol.fails("volunteer", "import", str(path)).stderr


def test_a_large_import_is_one_commit(vol, volunteers, tmp_path, hive_db):
    people = volunteers("王芳", "李娜", "张伟")
    lines = [HEADER]
    first = dt.date(2025, 7, 1)
    for n in range(20_000):  # at most 19 h a day for each of them
        lines.append(f"{people[n % 3]},{first + dt.timedelta(days=(n // 3) % 365)},1,巡逻,,,\n")
    path = write(tmp_path, "".join(lines))
    vol.ok("volunteer", "import", path, "--approved")
    data = json.loads(hive_db.read_text())
    assert len(data["volunteer_records"]) == 20_000
    imports = [e for e in data["events"].values() if e["action"] == "volunteer import"]
    assert len(imports) == 1


def test_approving_an_import_is_one_line_of_the_audit_log(vol, volunteers, tmp_path, hive_db):
    volunteers("王芳")
    rows = "".join(f"王芳,2026-05-{day:02d},2,巡逻,,,\n" for day in range(1, 26))
    vol.ok("volunteer", "import", write(tmp_path, HEADER + rows))
    assert "25" in vol.ok("volunteer", "approve", "--all-pending")
    data = json.loads(hive_db.read_text())
    approvals = [e for e in data["events"].values() if e["action"] == "volunteer approve"]
    assert [e["detail"] for e in approvals] == ["25"]
    assert {r["decided_by"] for r in data["volunteer_records"].values()} == {"tester"}
    assert vol.json("volunteer", "hours", "王芳")["approved_hours"] == 50
