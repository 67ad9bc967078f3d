"""hive copy: a whole center between a file and a server center, both ways, lossless."""

from __future__ import annotations

from hive.testing import HiveRunner


def _export(runner: HiveRunner) -> bytes:
    return runner.ok("export", "--show-personal").encode()


def test_a_demo_center_goes_up_and_comes_back_byte_for_byte(district, tmp_path):
    original = HiveRunner(tmp_path / "demo.json")
    original.ok("demo", "--db", str(tmp_path / "demo.json"))  # every bundled plugin's records
    code = district._new_code()
    up = original.ok("copy", str(tmp_path / "demo.json"), district.url, "--center", code)
    assert up.startswith("copied ") and f"[{code}]" in up
    server = HiveRunner(district.url, center=code)
    assert _export(server) == _export(original)
    back = tmp_path / "back.json"
    original.ok("copy", district.url, str(back), "--center", code)
    assert _export(HiveRunner(back)) == _export(original)
    assert server.json("check")["ok"]
    # the copy keeps working as a center: the next ids follow on
    assert server.new_id("org", "add", "新组织").startswith("o")


def test_copy_never_overwrites_a_center(district, tmp_path):
    hive = district.center()
    target = tmp_path / "home.json"
    target.write_text("keep")
    result = hive.fails("copy", district.url, str(target), "--center", hive.center)
    assert "already exists" in result.stderr
    assert target.read_text() == "keep"
    file_center = HiveRunner(tmp_path / "f.json")
    file_center.ok("init", "文件中心")
    result = file_center("copy", str(tmp_path / "f.json"), district.url, "--center", hive.center)
    assert result.exit_code == 4 and "already exists" in result.stderr


def test_backup_of_a_server_center_is_a_center_file(district, tmp_path, monkeypatch):
    hive = district.center()
    hive.ok("org", "add", "阅翼成长阅读俱乐部")
    monkeypatch.chdir(tmp_path)
    path = hive.ok("backup", str(tmp_path)).strip()
    assert path.startswith(str(tmp_path / f"{hive.center}.backup-"))
    assert _export(HiveRunner(path)) == _export(hive)


def test_import_into_a_new_server_center(district, tmp_path):
    source = HiveRunner(tmp_path / "a.json")
    source.ok("init", "文件中心")
    source.ok("org", "add", "阅翼成长阅读俱乐部")
    exported = tmp_path / "a.export.json"
    source.ok("export", "--show-personal", "--out", str(exported))
    code = district._new_code()
    server = HiveRunner(district.url, center=code)
    assert "imported" in server.ok("import", str(exported))
    assert _export(server) == _export(source)
