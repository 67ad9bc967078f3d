"""The workspace in a real browser: Debian's Chromium, driven by Playwright, against a real ``hive serve``.

Skipped only where /usr/bin/chromium is absent on a developer's machine; CI
installs it (.ci/run) and fails without it. ``HIVE_SCREENSHOTS=1`` also
writes the screenshots of docs/web.md into docs/images/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("HIVE_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse 1"
SHOTS = Path(__file__).parents[2] / "docs" / "images"

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"CI must install Chromium ({CHROMIUM}): see .ci/run", pytrace=False)
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def open_as(browser, server, name: str, *, locale: str = "en-US", width: int = 1200):
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server.base + "/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(server.base + "/")
    return page


def shot(page, name: str) -> None:
    if os.environ.get("HIVE_SCREENSHOTS"):
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_log_in_add_an_organization_and_record_a_training(browser, server, center):
    page = open_as(browser, server, "sam")
    assert page.locator("nav").get_by_text("Organizations").is_visible()
    page.click("nav >> text=Organizations")
    page.fill("#org-name", "长者合唱团")
    page.fill("#org-kind", "合唱团")
    page.click("text=Add >> nth=-1")
    page.wait_for_selector("h1:has-text('长者合唱团')")
    assert page.locator(".message").inner_text().startswith("added 长者合唱团")
    org = page.url.rsplit("/", 1)[1]
    person = center.new_id("person", "add", "赵敏")
    center.ok("member", "add", org, person, "--backbone")
    page.reload()  # the CLI's change shows on the next load
    page.click("summary:has-text('Record a training')")
    page.fill("#t-date", "2026-06-20")
    page.fill("#t-hours", "3.5")
    page.fill("#t-topic", "骨干领导力")
    page.check(f"input[name=attendee][value={person}]")
    page.click("form[action$='/training'] button.primary")
    page.wait_for_selector(".message")
    assert "recorded training" in page.locator(".message").inner_text()
    assert "骨干领导力" in page.locator("table").inner_text()
    training = center.json("org", "show", org)["trainings"][0]
    assert (training["hours"], training["attendees"]) == (3.5, [person])
    assert center.json("events", "--limit", "1")[0]["operator"] == "sam"
    shot(page, "organization")


def test_run_and_apply_the_review(browser, server, center):
    ready = [r["id"] for r in center.json("review") if r["verdict"] == "ready"]
    page = open_as(browser, server, "sam")
    shot(page, "dashboard")
    page.click("nav >> text=Stage review")
    assert page.locator(".verdict.waiting .failed").count() > 0
    shot(page, "review")
    page.click("text=Apply: move the ready ones on")
    page.wait_for_selector("h1:has-text('Apply the review')")
    assert page.locator("main li").count() == len(ready)
    page.click("text=Move them on")
    page.wait_for_selector(".message")
    assert "moved" in page.locator(".message").inner_text()
    stages = {o["id"]: o["stage"] for o in center.json("org", "list")}
    assert all(center.json("history", org)[-1]["to_stage"] == stages[org] for org in ready)


def test_approve_hours_in_bulk(browser, server, center):
    person = center.json("volunteer", "list")[0]["person"]
    ids = [
        center.new_id("volunteer", "log", person, "--date", f"2026-06-{day}", "--hours", "2", "--activity", "巡逻")
        for day in (21, 22, 23)
    ]
    page = open_as(browser, server, "ada")
    page.goto(server.base + "/volunteer/approvals")
    for record in ids:
        page.check(f"input[name=record][value={record}]")
    shot(page, "approvals")
    page.click("button[value=approve]")
    page.wait_for_selector(".message")
    assert "approved 3 service records" in page.locator(".message").inner_text()
    statuses = {r["id"]: r["status"] for r in center.json("volunteer", "records")}
    assert [statuses[i] for i in ids] == ["approved"] * 3


def test_a_viewer_is_refused_a_write(browser, server, center):
    page = open_as(browser, server, "vic")
    page.goto(server.base + "/orgs")
    assert page.locator("form[method=post][action='/orgs']").count() == 0
    before = center.db.read_bytes()
    response = page.context.request.post(
        server.base + "/orgs", form={"name": "不该写入", "csrf": "x"}, headers={"Origin": server.base}
    )
    assert response.status == 403
    assert center.db.read_bytes() == before


def test_a_cross_origin_post_is_refused(browser, server, center, tmp_path):
    attack = tmp_path / "attack.html"
    attack.write_text(
        f'<form method="post" action="{server.base}/orgs"><input name="name" value="跨站写入">'
        '<input name="csrf" value="guess"><button id="go">go</button></form>',
        encoding="utf-8",
    )

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):
            pass

    other = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        page = open_as(browser, server, "ada")  # logged in: the attack rides on a real session
        before = center.db.read_bytes()
        page.goto(f"http://127.0.0.1:{other.server_address[1]}/attack.html")
        with page.expect_navigation():
            page.click("#go")
        assert "refused" in page.content()
        assert center.db.read_bytes() == before
    finally:
        other.shutdown()


def test_the_workspace_in_chinese(browser, server, center):
    page = open_as(browser, server, "sam", locale="zh-CN")
    assert page.locator("nav").get_by_text("组织").is_visible()
    assert page.locator("h1").inner_text() == "总览"
    page.goto(server.base + "/review")
    assert "阶段评估" in page.locator("h1").inner_text()
    shot(page, "review-zh")
    page.select_option("#lang", "en")
    page.click("footer button")
    page.wait_for_selector("h1:has-text('Stage review')")


def test_on_a_phones_width_the_hours_form_fits(browser, server, center):
    page = open_as(browser, server, "sam", width=390)
    page.goto(server.base + "/volunteer/log")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400
    shot(page, "phone-log-hours")


def test_the_one_time_link_logs_in_once(browser, server):
    assert server.link and server.link.startswith(server.base + "/login?token=")
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.link)
    assert page.url == server.base + "/"
    assert "ada" in page.locator(".who").inner_text()
    again = browser.new_context().new_page()
    again.goto(server.link)
    assert "used already" in again.content()


def test_the_server_starts_on_the_center_given(center):
    done = subprocess.run(
        [sys.executable, "-m", "hive", "serve", "--db", str(center.db.parent / "missing.json"), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 5 and "no center at" in done.stderr


def test_void_and_undo(browser, server, center):
    pid = center.new_id("person", "add", "周末登记")
    page = open_as(browser, server, "sam")
    page.goto(server.base + f"/records/id/{pid}/edit")
    page.click("summary:has-text('Void this record')")
    page.fill("#void-reason", "重复登记")
    page.click("form[action$='/void'] button")
    page.wait_for_selector(".message")
    assert "voided" in page.locator(".message").inner_text()
    assert "周末登记" not in page.locator("table").inner_text()
    page.goto(server.base + "/undo")
    page.click("text=Undo it")
    page.wait_for_selector(".message")
    page.goto(server.base + "/records/people?q=周末登记")
    assert "周末登记" in page.locator("table").inner_text()


def test_import_a_sheet_with_an_error_then_fixed(browser, server, center, tmp_path):
    bad = tmp_path / "居民.csv"
    bad.write_text("姓名,手机,身份证号\n韩梅梅,13912340001,\n李雷,13912340002,110101199003070000\n", encoding="utf-8")
    page = open_as(browser, server, "sam")
    page.click("nav >> text=Imports")
    page.select_option("#import-type", "people")
    page.set_input_files("#import-file", str(bad))
    page.click("text=Check the sheet")
    page.wait_for_selector("td.bad-cell")
    assert "check digit" in page.locator("td.bad-cell").inner_text()
    assert "110101199003070000" not in page.content()  # the ID number masked in the preview
    assert page.locator("#import-confirm").count() == 0
    with page.expect_download() as download:
        page.click("text=Download the sheet with each row's problems")
    assert "check digit" in Path(download.value.path()).read_text(encoding="utf-8-sig")
    shot(page, "import-preview")
    fixed = tmp_path / "居民-改好.csv"
    fixed.write_text("姓名,手机,身份证号\n韩梅梅,13912340001,\n李雷,13912340002,\n", encoding="utf-8")
    page.set_input_files("#import-file", str(fixed))
    page.click("text=Check the sheet")
    page.wait_for_selector("#import-confirm")
    assert "2 person records would be added" in page.locator("main").inner_text()
    page.click("#import-confirm")
    page.wait_for_selector(".message")
    assert "2 person records added" in page.locator(".message").inner_text()
    assert {"韩梅梅", "李雷"} <= {p["name"] for p in center.json("person", "list")}
    assert center.json("events", "--limit", "1")[0]["operator"] == "sam"


def test_a_report_of_a_period_viewed_and_downloaded(browser, server, center):
    page = open_as(browser, server, "vic")
    page.click("nav >> text=Reports")
    page.fill("#r-period", "2026Q2")
    page.click("form.filters button.primary")
    page.wait_for_selector("h1:has-text('Q2')")
    expected = center.json("report", "--period", "2026Q2")
    titles = page.locator("main section h2").all_inner_texts()
    assert titles == [s["title"] for s in expected["sections"].values()]
    shot(page, "report")
    with page.expect_download() as download:
        page.click("text=Download .xlsx")
    assert download.value.suggested_filename == "report-2026Q2.xlsx"
    page.click("#report-print")
    page.wait_for_selector("section.signoff")
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).textAlign") == "center"  # its own style applies


def test_an_admin_manages_users_in_the_browser(browser, server, center):
    page = open_as(browser, server, "ada")
    page.click("nav >> text=Users")
    page.fill("#u-name", "王芳")
    page.select_option("#u-role", "viewer")
    page.fill("#u-password", "一个很长很长的密码")
    page.fill("#u-repeat", "一个很长很长的密码")
    page.click("form[action='/users'] button.primary")
    page.wait_for_selector(".message")
    assert "added user 王芳" in page.locator(".message").inner_text()
    uid = center.json("user", "list")[-1]["id"]
    page.select_option(f"#user-{uid} select[name=role]", "staff")
    page.click(f"#user-{uid} form[action$='/role'] button")
    page.wait_for_selector(".message")
    assert "王芳 is now staff" in page.locator(".message").inner_text()
    page.click(f"#user-{uid} form[action$='/disable'] button")
    page.wait_for_selector(".message")
    assert center.json("user", "list")[-1]["disabled"] is True
    shot(page, "users")
    other = browser.new_context().new_page()
    other.goto(server.base + "/login")
    other.fill("#name", "王芳")
    other.fill("#password", "一个很长很长的密码")
    other.click("button.primary")
    assert "wrong name or password" in other.content()
    staff = open_as(browser, server, "sam")
    assert staff.locator("nav").get_by_text("Users").count() == 0
    assert staff.goto(server.base + "/users").status == 403


def test_the_new_pages_fit_a_phones_width(browser, server, center):
    page = open_as(browser, server, "ada", width=390)
    for path in ("/imports", "/reports?period=2026-05", "/users"):
        page.goto(server.base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 400, path
