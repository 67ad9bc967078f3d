"""``hive check``: a clean center passes; each kind of damage is found, named, and makes it exit 1."""

from __future__ import annotations

import json

import pytest

from hive import hookimpl
from hive.integrity import Problem


@pytest.fixture
def club(hive):
    """o1 with backbone p1 (王芳), a training attended by p1, moved to backbone training."""
    hive.ok("org", "add", "阅翼成长阅读俱乐部", "--joined", "2026-01-05")
    hive.ok("person", "add", "王芳", "--phone", "13812345678")
    hive.ok("member", "add", "o1", "王芳", "--backbone", "--since", "2026-01-05")
    hive.ok("record", "training", "o1", "--date", "2026-02-01", "--hours", "4", "--topic", "骨干", "--attendee", "p1")
    hive.ok("advance", "o1", "--to", "backbone_training", "--force", "--reason", "x", "--date", "2026-03-01")
    return "o1"


def test_a_clean_center_passes(hive, club):
    result = hive("check")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"{hive.db}: schema 1, 18 records in 8 tables", "no problems found"]
    report = hive.json("check")
    assert report == {
        "file": str(hive.db),
        "schema": 1,
        "ok": True,
        "errors": 0,
        "warnings": 0,
        "records": {
            "center": 1,
            "changes": 5,  # one per command that changed the center, for hive undo
            "events": 7,
            "memberships": 1,
            "organizations": 1,
            "people": 1,
            "trainings": 1,
            "transitions": 1,
        },
        "problems": [],
    }


@pytest.mark.parametrize("today", ["2026-06-30", "2026-12-04"])  # (a day before the 15th: this month's party day not held yet)
def test_the_demo_center_with_every_plugin_passes(tmp_path, monkeypatch, today):
    from click.testing import CliRunner

    from hive.cli import cli

    monkeypatch.setenv("HIVE_TODAY", today)
    db = str(tmp_path / "demo.json")
    assert CliRunner().invoke(cli, ["--db", db, "demo"]).exit_code == 0
    result = CliRunner().invoke(cli, ["--db", db, "check", "--json"])
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["problems"] == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["memberships"]["1"].update(person="p9"),
            ("error", "memberships", "m1", "person: no record p9 in people"),
        ),
        (
            lambda d: d["memberships"]["1"].update(org="o7"),
            ("error", "memberships", "m1", "org: no record o7 in organizations"),
        ),
        (
            lambda d: d["trainings"]["1"].update(attendees=["p1", "p5"]),
            ("error", "trainings", "t1", "attendees: no record p5 in people"),
        ),
        (
            lambda d: d["transitions"]["1"].update(org="o3"),
            ("error", "transitions", "x1", "org: no record o3 in organizations"),
        ),
        (
            lambda d: d["transitions"]["1"].update(from_stage="registration"),
            ("error", "transitions", "x1", "moves o1 from stage registration, but its history had it at intake"),
        ),
        (
            lambda d: d["organizations"]["1"].update(stage="diagnosis"),
            (
                "error",
                "organizations",
                "o1",
                "is active at stage diagnosis, but its history ends active at backbone_training",
            ),
        ),
        (
            lambda d: d["organizations"]["1"].update(status="suspended"),
            (
                "error",
                "organizations",
                "o1",
                "is suspended at stage backbone_training, but its history ends active at backbone_training",
            ),
        ),
        (
            lambda d: d["organizations"]["1"].update(stage_since="2026-04-01"),
            (
                "error",
                "organizations",
                "o1",
                "entered its stage on 2026-04-01 according to its record, on 2026-03-01 according to its history",
            ),
        ),
        (
            lambda d: d["transitions"]["1"].update(date="2025-12-01"),
            ("error", "transitions", "x1", "is dated 2025-12-01, before o1's previous change or arrival (2026-01-05)"),
        ),
        (
            lambda d: d["people"]["1"].update(id="p2"),
            ("error", "people", "p2", "its id should be p1 (its number in the file is 1)"),
        ),
        (
            lambda d: d["trainings"]["1"].update(hours="four"),
            (
                "error",
                "trainings",
                "t1",
                "does not read as a record: field 'hours' does not hold a number",  # the value is never quoted
            ),
        ),
        (
            lambda d: d["events"]["2"].update(record="o5"),
            ("error", "events", "e2", "the audit log names record o5, which does not exist"),
        ),
        (
            lambda d: d.update(mystery_records={"1": {"id": "mr1"}}),
            ("warning", "mystery_records", "", "kept as it is: no installed plugin declares this table"),
        ),
        (
            lambda d: d["center"]["1"].update(plugins=["not_installed"]),
            (
                "warning",
                "center",
                "",
                "plugin 'not_installed' is enabled but not installed: its records are not checked",
            ),
        ),
    ],
)
def test_each_kind_of_damage_is_found(hive, club, change, expected):
    hive.edit_file(change)
    before = hive.db.read_bytes()
    assert expected in hive.problems()
    assert hive.db.read_bytes() == before  # check never writes


def test_a_value_declared_unique_held_twice_is_found(hive, club):
    hive.ok("org", "add", "星光合唱团", "--joined", "2026-01-05")
    hive.ok("person", "add", "李娜", "--id-number", "110101199003070011")
    hive.ok("person", "add", "张伟", "--id-number", "440304198001010017")

    def spoil(data):  # a hand edit: the second organization renamed as the first, an ID number copied
        data["organizations"]["2"]["name"] = data["organizations"]["1"]["name"]
        data["people"]["3"]["id_number"] = data["people"]["2"]["id_number"]

    hive.edit_file(spoil)
    problems = hive.problems()
    assert ("error", "organizations", "o2", "name: o1 already has '阅翼成长阅读俱乐部'") in problems
    assert ("error", "people", "p3", "id_number: another record (p2) has the same value") in problems
    assert "110101199003070011" not in hive("check").stdout + hive("check", "--json").stdout
    hive.ok("void", "o2", "--reason", "重复登记")  # a void record no longer counts
    assert not [p for p in hive.problems() if p[1] == "organizations"]


def test_text_report_names_the_file_and_each_problem(hive, club):
    hive.edit_file(lambda d: d["memberships"]["1"].update(person="p9"))
    result = hive("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{hive.db}: schema 1, 18 records in 8 tables"
    assert any("memberships" in line and "m1" in line and "no record p9 in people" in line for line in lines)
    assert lines[-1] == "1 error(s), 0 warning(s)"


def test_warnings_alone_exit_0(hive, club):
    hive.edit_file(lambda d: d.update(mystery_records={"1": {"id": "mr1"}}))
    assert hive("check").exit_code == 0


class Checker:
    """A plugin reporting its own problems, and one whose check fails."""

    def __init__(self, fail: bool = False):
        self.fail = fail

    @hookimpl
    def hive_check(self, ledger):
        if self.fail:
            raise RuntimeError("boom")
        return [Problem("checker_records", "cr1", "refers to a team that was never created")]


def test_plugins_report_their_own_problems(hive, club):
    hive.register(Checker(), "checker")
    assert ("error", "checker_records", "cr1", "refers to a team that was never created") in hive.problems()


def test_a_plugin_failing_in_its_check_is_a_problem_not_a_crash(hive, club):
    hive.register(Checker(fail=True), "checker")
    found = hive.problems()
    assert ("error", "", "", "plugin 'checker' failed in hive_check: RuntimeError: boom") in found


def test_plugin_checks_do_not_run_on_a_disabled_plugin(hive, club):
    hive.register(Checker(), "checker", enable=False)
    assert hive.problems() == []


def test_plugin_checks_wait_until_damaged_records_are_repaired(hive, club):
    hive.register(Checker(), "checker")
    hive.edit_file(lambda d: d["trainings"]["1"].update(date="someday"))
    found = hive.problems()
    assert ("warning", "", "", "plugin checks skipped until the damaged records are repaired") in found
    assert not [p for p in found if p[1] == "checker_records"]


def test_dangling_helper_for_plugins(hive, club):
    from hive.cli.app import App
    from hive.integrity import dangling
    from hive.models import Membership, Person

    hive.edit_file(lambda d: d["memberships"]["1"].update(person="p9"))
    app = App(str(hive.db), plugins=hive.plugins)
    with app.ledger() as ledger:
        assert dangling(ledger, Membership, "person", Person) == [
            Problem("memberships", "m1", "person: no record p9 in people")
        ]
