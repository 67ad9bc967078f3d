"""hive person duplicates / merge: residents registered twice found, remembered as two people, merged and undone."""

from __future__ import annotations

import pytest

ID_A = "440304199001011233"  # valid check digits
ID_A_MISTYPED = "440304199001011268"  # the same birth date, another number


def test_pairs_with_their_reasons(hive):
    hive.ok("person", "add", "张三", "--phone", "13812345678")
    hive.ok("person", "add", "张 三", "--phone", "+86 138-1234-5678")  # the same, typed otherwise
    hive.ok("person", "add", "李四", "--id-number", ID_A)
    hive.ok("person", "add", "李四", "--id-number", ID_A_MISTYPED)
    hive.ok("person", "add", "王五", "--phone", "13812345678")  # a family phone: not a pair by itself
    pairs = hive.json("person", "duplicates")
    assert [(p["people"], p["reasons"]) for p in pairs] == [
        (["p1", "p2"], ["same_name_and_phone"]),
        (["p3", "p4"], ["same_name_and_birth_date"]),
    ]
    assert ID_A not in str(pairs) and "13812345678" not in str(pairs)  # no personal value in the listing
    out = hive.ok("person", "duplicates")
    assert "the same name and phone" in out and "hive person merge" in out


def test_the_same_id_number_from_an_older_file(hive):
    hive.ok("person", "add", "赵六", "--id-number", ID_A)
    hive.ok("person", "add", "赵晓六")
    # a file written before ID numbers were unique among people
    hive.edit_file(lambda doc: doc["people"]["2"].update(id_number=f"{ID_A[:6]} {ID_A[6:]}"))
    (pair,) = hive.json("person", "duplicates")
    assert pair["people"] == ["p1", "p2"] and pair["reasons"] == ["same_id_number"]


def test_a_pair_judged_two_people_is_not_proposed_again_until_the_judgment_is_voided(hive):
    hive.ok("person", "add", "张三", "--phone", "13812345678")
    hive.ok("person", "add", "张三", "--phone", "13812345678")
    judged = hive.json("person", "duplicates", "--not", "p2", "p1")
    assert judged["people"] == ["p1", "p2"] and judged["new"] is True
    assert hive.json("person", "duplicates") == []
    again = hive.json("person", "duplicates", "--not", "p1", "p2")
    assert again["distinct"] == judged["distinct"] and again["new"] is False
    refused = hive.fails("person", "merge", "p1", "p2")
    assert judged["distinct"] in refused.stderr
    hive.ok("void", judged["distinct"], "--reason", "看错了")
    assert [p["people"] for p in hive.json("person", "duplicates")] == [["p1", "p2"]]


def test_merge_moves_every_reference_fills_empty_fields_and_undo_reverses_it(hive):
    org = hive.new_id("org", "add", "阳光读书会", "--joined", "2026-01-05")
    other_org = hive.new_id("org", "add", "夕阳红合唱团", "--joined", "2026-01-05")
    keep = hive.new_id("person", "add", "张三", "--phone", "13812345678")
    other = hive.new_id("person", "add", "张三", "--phone", "13812345678", "--id-number", ID_A)
    membership = hive.new_id("member", "add", other_org, other, "--since", "2026-02-01")
    hive.ok("member", "add", org, keep, "--since", "2026-02-01")
    hive.ok("record", "training", org, "--date", "2026-03-01", "--hours", "2", "--topic", "骨干培训",
            "--attendee", keep, "--attendee", other)
    merged = hive.json("person", "merge", keep, other)
    assert merged["kept"] == keep and merged["merged"] == other
    assert set(merged["moved"]) == {membership, "t1"} and merged["filled"] == ["id_number"]
    (training,) = hive.json("list", "trainings")
    assert training["attendees"] == [keep]  # one attendee, not the same person twice
    members = {m["id"]: m["person"] for m in hive.json("list", "memberships")}
    assert members[membership] == keep
    assert [p["id"] for p in hive.json("person", "list")] == [keep]  # the other is void
    shown = hive.json("list", "people", "--show-personal")
    assert shown[0]["id_number"] == ID_A
    assert hive.problems() == []
    hive.ok("undo")
    members = {m["id"]: m["person"] for m in hive.json("list", "memberships")}
    assert members[membership] == other
    assert hive.json("list", "trainings")[0]["attendees"] == [keep, other]
    assert [p["id"] for p in hive.json("person", "list")] == [keep, other]
    assert hive.json("list", "people", "--show-personal")[0]["id_number"] in (None, "")


def test_merge_refuses_a_move_that_breaks_a_rule_naming_the_record_and_writes_nothing(hive):
    org = hive.new_id("org", "add", "阳光读书会", "--joined", "2026-01-05")
    keep = hive.new_id("person", "add", "张三")
    other = hive.new_id("person", "add", "张三")
    hive.ok("member", "add", org, keep, "--since", "2026-02-01")
    second = hive.new_id("member", "add", org, other, "--since", "2026-02-01")
    before = hive.db.read_bytes()
    refused = hive.fails("person", "merge", keep, other)
    assert second in refused.stderr and "Traceback" not in refused.stderr
    assert hive.db.read_bytes() == before


@pytest.mark.parametrize("args", [("p1", "p1"), ("p1", "p9")])
def test_merge_of_one_person_or_an_unknown_one_is_refused(hive, args):
    hive.ok("person", "add", "张三")
    result = hive.fails("person", "merge", *args)
    assert result.stderr.strip() and "Traceback" not in result.stderr


# A plugin's record type that refers to people: a merge moves it too, and its own rules judge the move.
from hive import N_, Plugin, fields  # noqa: E402

library = Plugin("library")


def one_copy_per_reader(ledger, loan) -> str | None:
    others = [o for o in ledger.where(Loan, reader=loan.reader, title=loan.title) if o.id != loan.id]
    return f"reader: already has '{loan.title}' ({others[0].id})" if others else None


@library.record("library_loans", prefix="lb", label=N_("loan"), command="loan", rules=(one_copy_per_reader,))
class Loan:
    reader: str = fields.ref("people", N_("reader"))
    title: str = fields.text(N_("title"))


def test_merge_moves_a_plugins_records_and_its_rules_judge_them(hive):
    hive.use("library", library)
    keep = hive.new_id("person", "add", "张三")
    other = hive.new_id("person", "add", "张三")
    loan = hive.new_id("library", "loan", "add", "--reader", other, "--title", "红楼梦")
    assert hive.json("person", "merge", keep, other)["moved"] == [loan]
    assert hive.json("library", "loan", "list")[0]["reader"] == keep
    hive.ok("undo")
    hive.new_id("library", "loan", "add", "--reader", keep, "--title", "红楼梦")
    refused = hive.fails("person", "merge", keep, other)
    assert loan in refused.stderr and "already has" in refused.stderr
