"""``hive check`` judges stored records by their record type's own rules, as add and edit do."""

from __future__ import annotations

import datetime as dt

from hive import N_, Plugin, fields


def window_rule(ledger, loan) -> str | None:
    if loan.back is not None and loan.back < loan.out:
        return f"back: {loan.back.isoformat()} is before out ({loan.out.isoformat()})"
    return None


plugin = Plugin("lending")


@plugin.record("lending_loans", prefix="ln", label=N_("loan"), command="loan", rules=(window_rule,))
class Loan:
    title: str = fields.text(N_("title"))
    out: dt.date = fields.day(N_("out"), as_of=True)
    back: dt.date | None = fields.day(N_("back"), required=False)
    copies: int = fields.number(N_("copies"), whole=True, minimum=1, default=1, editable=False)


def test_a_rule_refuses_the_add_and_names_a_hand_edit(hive):
    hive.use("lending", plugin)
    assert "is before out" in hive.fails("lending", "loan", "add", "--title", "书", "--out", "2026-06-10",
                                         "--back", "2026-06-09").stderr  # fmt: skip
    loan = hive.new_id("lending", "loan", "add", "--title", "书", "--out", "2026-06-10", "--back", "2026-06-10")
    assert hive.problems() == []
    hive.edit_file(lambda d: d["lending_loans"]["1"].update(back="2026-06-01"))
    assert hive.problems() == [("error", "lending_loans", loan, "back: 2026-06-01 is before out (2026-06-10)")]
    hive.ok("void", loan, "--reason", "记错了")  # a void record counts for nothing, its rules neither
    assert hive.problems() == []


def test_a_number_declared_not_editable_is_refused_by_edit(hive):
    hive.use("lending", plugin)
    loan = hive.new_id("lending", "loan", "add", "--title", "书", "--out", "2026-06-10")
    assert "copies cannot be edited here" in hive.fails("edit", loan, "copies=3").stderr
    hive.ok("edit", loan, "title=绘本")
    assert hive.json("show", loan)["record"]["copies"] == 1
