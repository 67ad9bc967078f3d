def test_org_lifecycle_through_cli(hive):
    org = hive.new_id("org", "add", "阅翼成长阅读俱乐部", "--kind", "读书会", "--joined", "2026-01-05")
    assert org == "o1"
    people = [hive.new_id("person", "add", name) for name in ["王芳", "李娜", "张伟"]]
    hive.ok("member", "add", org, "王芳", "--backbone", "--since", "2026-01-05")
    (row,) = hive.json("review", org)
    assert row["verdict"] == "not_ready"
    assert row["failed"] == [{"criterion": "core.members", "reason": "has 1 of 3 members"}]
    for p in people[1:]:
        hive.ok("member", "add", org, p, "--since", "2026-01-06")
    (row,) = hive.json("review", org, "--apply")
    assert row["verdict"] == "ready" and row["moved_to"] == "backbone_training"
    assert hive.json("org", "show", org)["stage"] == "backbone_training"


def test_bad_date_is_one_line_and_writes_nothing(hive):
    org = hive.new_id("org", "add", "读书会")
    result = hive.fails("record", "training", org, "--date", "2026-13-01", "--hours", "2", "--topic", "x")
    assert "2026-13-01" in result.stderr
