"""Volunteer profiles: registration, ID numbers (GB 11643), phones, masking, the plugin switch."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# A valid resident ID number (the check digit of GB 11643 is X) and one with a wrong check digit.
GOOD_ID = "11010519491231002X"
BAD_CHECK_ID = "110105194912310021"


def test_disabled_plugin_says_how_to_enable_it(hive):
    hive.new_id("person", "add", "王芳")
    result = hive.fails("volunteer", "add", "王芳")
    assert "hive plugins enable volunteer" in result.stderr
    hive.fails("volunteer", "list")


def test_add_prints_the_id_and_lists_the_volunteer(vol):
    pid = vol.new_id("person", "add", "王芳")
    vid = vol.new_id("volunteer", "add", "王芳", "--skill", "急救", "--skill", "摄影")
    assert vid == "v1"
    (row,) = vol.json("volunteer", "list")
    assert row["id"] == vid and row["person"] == pid and row["name"] == "王芳"
    assert row["skills"] == ["急救", "摄影"]
    assert row["registered"] == "2026-06-30"
    assert row["id_number"] is None
    assert row["approved_hours"] == 0 and row["stars"] == 0 and row["hours_to_next_star"] == 100


def test_a_person_must_exist_and_registers_once(vol):
    vol.fails("volunteer", "add", "无此人")
    vol.new_id("person", "add", "王芳")
    vol.ok("volunteer", "add", "王芳")
    assert "already" in vol.fails("volunteer", "add", "王芳").stderr


def test_a_valid_id_number_is_stored_and_masked_unless_asked(vol):
    vol.new_id("person", "add", "王芳")
    vol.ok("volunteer", "add", "王芳", "--id-number", GOOD_ID.lower())  # a lower-case x is accepted
    (row,) = vol.json("volunteer", "list")
    assert row["id_number"] == "110***********002X"
    assert GOOD_ID not in vol.ok("volunteer", "list")
    (row,) = vol.json("volunteer", "list", "--show-personal")
    assert row["id_number"] == GOOD_ID
    shown = vol.json("person", "show", "王芳")
    assert shown["volunteer"]["id_number"] == "110***********002X"
    assert vol.json("person", "show", "王芳", "--show-personal")["volunteer"]["id_number"] == GOOD_ID


@pytest.mark.parametrize(
    ("number", "why"),
    [
        (BAD_CHECK_ID, "check digit"),
        (GOOD_ID[:-1], "18 characters"),
        (GOOD_ID + "1", "18 characters"),
        ("11010519491231A02X", "17 digits"),
        ("110105194913310029", "date of birth"),  # month 13
        ("110105203001010016", "possible date of birth"),  # born in 2030
        ("010105194912310021", "administrative division"),
    ],
)
def test_bad_id_numbers_are_refused_without_echoing_them(vol, number, why):
    vol.new_id("person", "add", "王芳")
    result = vol.fails("volunteer", "add", "王芳", "--id-number", number)
    assert why in result.stderr
    assert number not in result.stderr and number[:-1] not in result.stderr
    assert vol.json("volunteer", "list") == []


def test_an_id_number_belongs_to_one_volunteer(vol):
    vol.new_id("person", "add", "王芳")
    vol.new_id("person", "add", "李娜")
    vol.ok("volunteer", "add", "王芳", "--id-number", GOOD_ID)
    result = vol.fails("volunteer", "add", "李娜", "--id-number", GOOD_ID)
    assert GOOD_ID not in result.stderr and "王芳" not in result.stderr


def test_phone_is_kept_in_the_registry_when_the_person_has_none(vol):
    vol.new_id("person", "add", "王芳")
    vol.ok("volunteer", "add", "王芳", "--phone", "13812345678")
    (person,) = vol.json("person", "list", "--show-personal")
    assert person["phone"] == "13812345678"


def test_a_different_phone_does_not_overwrite_the_registry(vol):
    vol.new_id("person", "add", "王芳", "--phone", "13800000000")
    vol.ok("volunteer", "add", "王芳", "--phone", "13800000000")  # the same number: fine
    vol.new_id("person", "add", "李娜", "--phone", "13800000001")
    result = vol.fails("volunteer", "add", "李娜", "--phone", "13899999999")
    assert "13899999999" not in result.stderr and "13800000001" not in result.stderr


def test_a_bad_phone_is_refused(vol):
    vol.new_id("person", "add", "王芳")
    vol.fails("volunteer", "add", "王芳", "--phone", "abc")


def test_teams_of_the_center_and_of_an_organization(vol, volunteers):
    wang, li, zhang = volunteers("王芳", "李娜", "张伟")
    org = vol.new_id("org", "add", "俪人妈妈义工队")
    center_team = vol.new_id("volunteer", "team", "add", "党群志愿者队伍", "--leader", "王芳")
    org_team = vol.new_id("volunteer", "team", "add", "俪人妈妈义工队", "--org", org)
    vol.ok("volunteer", "team", "join", org_team, "李娜", zhang)
    teams = {t["id"]: t for t in vol.json("volunteer", "team", "list")}
    assert teams[center_team]["org"] is None and teams[center_team]["leader"] == wang
    assert [m["person"] for m in teams[center_team]["members"]] == [wang]
    assert teams[org_team]["org"] == org
    assert [m["person"] for m in teams[org_team]["members"]] == [li, zhang]
    assert [v["person"] for v in vol.json("volunteer", "list", "--team", org_team)] == [li, zhang]
    details = vol.json("org", "show", org)["volunteer"]
    assert details["teams"] == [{"id": org_team, "name": "俪人妈妈义工队", "leader": None, "members": 2}]


def test_team_rules(vol, volunteers):
    volunteers("王芳")
    vol.new_id("person", "add", "路人")
    team = vol.new_id("volunteer", "team", "add", "队一")
    assert f"{team} already has '队一'" in vol.fails("volunteer", "team", "add", "队一").stderr
    assert "not a registered volunteer" in vol.fails("volunteer", "team", "join", team, "路人").stderr
    assert "not a registered volunteer" in vol.fails("volunteer", "team", "add", "队二", "--leader", "路人").stderr
    vol.ok("volunteer", "team", "join", team, "王芳")
    vol.fails("volunteer", "team", "join", team, "王芳")
    vol.fails("volunteer", "team", "join", "无此队", "王芳")
    vol.fails("volunteer", "team", "add", "队三", "--org", "无此组织")


def test_the_volunteer_collections_are_declared_with_personal_data(vol, volunteers, hive_db):
    volunteers("王芳")
    data = json.loads(hive_db.read_text())
    assert "volunteers" in data


# -- the check digit, for any number ------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(
    region=st.integers(100000, 999999),
    born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 6, 30)),
    sequence=st.integers(0, 999),
    wrong=st.sampled_from("0123456789X"),
)
def test_any_number_with_its_check_digit_is_valid_and_any_other_last_character_is_not(region, born, sequence, wrong):
    from hive.codes import id_check_digit as check_digit
    from hive.codes import resident_id_problem as problem

    today = dt.date(2026, 6, 30)
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    assert problem(first17 + check_digit(first17), today) is None
    if wrong != check_digit(first17):
        assert "check digit" in problem(first17 + wrong, today)
