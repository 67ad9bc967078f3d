"""Shared set-up for the resource plugin's tests: a fixed today, the plugin enabled, small builders."""

from __future__ import annotations

import pytest


class Pool:
    """Builds providers, resources and needs through the command line; remembers ids by label."""

    def __init__(self, hive):
        self.hive = hive
        self.bank = hive.new_id("resource", "provider", "add", "社区银行", "--kind", "bank", "--contact", "13812345678")

    def resource(self, kind: str, quantity: float, unit: str, *args: str, provider: str | None = None) -> str:
        return self.hive.new_id(
            "resource",
            "add",
            "--provider",
            provider or self.bank,
            "--kind",
            kind,
            "--quantity",
            str(quantity),
            "--unit",
            unit,
            *args,
        )

    def need(self, kind: str, quantity: float, unit: str, *args: str, org: str | None = None) -> str:
        who = ["--org", org] if org else ["--center"]
        return self.hive.new_id(
            "resource", "need", "add", *who, "--kind", kind, "--quantity", str(quantity), "--unit", unit, *args
        )

    def match(self, *args: str) -> dict:
        return self.hive.json("resource", "match", *args)

    def pairs(self, *args: str) -> set[tuple[str, str, float]]:
        """The (need, resource, quantity) triples of a match."""
        return {(a["need"], a["resource"], a["quantity"]) for a in self.match(*args)["allocations"]}

    def reasons(self, *args: str) -> dict[str, str]:
        return {u["need"]: u["reason"] for u in self.match(*args)["unmatched"]}


@pytest.fixture
def pool(hive) -> Pool:
    hive.enable("resource")
    return Pool(hive)
