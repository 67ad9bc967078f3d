"""The dashboard's answers: one per language, and made again in the background after the file changes."""

from __future__ import annotations

import re
import time

ORIGIN = {"Origin": "http://127.0.0.1:8470"}


def tile_titles(html: str) -> list[str]:
    return re.findall(r"<h2><a[^>]*>([^<]*)", html)


def test_the_dashboard_speaks_each_users_language(web):
    english = web("sam")
    assert "Pending approvals" in tile_titles(english.get("/").text)
    chinese = web("ada")
    chinese.client.post("/language", data={"csrf": chinese.token, "lang": "zh_CN", "next": "/"}, headers=ORIGIN)
    page = chinese.get("/").text
    assert "Pending approvals" not in tile_titles(page)
    assert "below" not in page  # the review queue's reasons in Chinese too
    assert "Pending approvals" in tile_titles(english.get("/").text)


def test_after_a_change_the_answers_are_made_again_in_the_background(web, center):
    staff = web("sam")
    site = staff.site
    before = staff.get("/").text
    site.center.keep_warm(site.lock, every=0.05)
    try:
        watched(staff, center, before)
    finally:
        site.center.stop_warming()


def watched(staff, center, before: str) -> None:
    site = staff.site
    center.ok("org", "add", "后台预热的组织", "--kind", "合唱团")
    deadline = time.monotonic() + 60
    fresh = False
    while time.monotonic() < deadline and not fresh:
        time.sleep(0.05)
        with site.center.reading_lock:
            cached = site.center._cached
            fresh = (
                cached is not None
                and cached[0] == site.center._identity()
                and len(site.center._memo) >= 2
            )
    assert fresh, "the watcher did not read the changed file"
    made = dict(site.center._memo)
    after = staff.get("/").text
    assert after != before and "12 organizations" in after
    assert site.center._memo == made  # the page used what the watcher made: nothing built again


def test_chinese_headers_are_read_in_an_english_session(web, center):
    staff = web("sam")
    sheet = "姓名,电话\n韩梅梅,13912340001\n".encode("utf-8")
    response = staff.client.post(
        "/imports", data={"type": "people", "csrf": staff.token},
        files={"file": ("people.csv", sheet, "text/csv")}, headers=ORIGIN,
    )
    assert response.status_code == 200 and "ignored" not in response.text
    assert staff.post("/imports/confirm").status_code == 303
    found = [p for p in center.json("person", "list", "--show-personal") if p["name"] == "韩梅梅"]
    assert found[0]["phone"] == "13912340001"
