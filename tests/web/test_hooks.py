"""The four web hooks, as a third-party plugin uses them: pages, menu entries, dashboard tiles, record actions."""

from __future__ import annotations

import html

from hive import hookimpl
from hive.models import Organization


class Lending:
    """A plugin outside hive: one page that reads, one that writes, a menu entry, a tile, an action."""

    calls: list[str] = []

    @hookimpl
    def hive_web_pages(self, register):
        from hive.web.extend import WebPage

        register(WebPage("/lending/", self.loans))
        register(WebPage("/lending/lend", self.lend, methods=("POST",), role="staff"))
        register(WebPage("/elsewhere", self.loans))  # outside /lending/: refused

    def loans(self, request):
        from starlette.responses import HTMLResponse

        orgs = request.ledger.all(Organization)
        return HTMLResponse(f"<p>loans page for {html.escape(request.user.name)}: {len(orgs)} organizations</p>")

    def lend(self, request):
        from hive.organizations import add_organization

        with request.writing() as ledger:
            org = add_organization(ledger, request.field("name"))
        return request.redirect("/lending/", f"lent to {org.id}")

    @hookimpl
    def hive_web_menu(self, user):
        from hive.web.extend import MenuItem

        return [MenuItem("Loans", "/lending/"), MenuItem("Loan admin", "/lending/admin", role="admin")]

    @hookimpl
    def hive_web_tiles(self, ledger, user):
        from hive.web.extend import Tile

        return [Tile("Books lent out", "7", ("<b>3 overdue</b>",), "/lending/")]

    @hookimpl
    def hive_web_actions(self, ledger, record, user):
        from hive.web.extend import Action

        if isinstance(record, Organization):
            return [Action("Lend a book to this organization", f"/lending/?org={record.id}")]
        return None


def test_a_plugin_adds_a_page_a_menu_entry_a_tile_and_an_action(web, center):
    center.register(Lending(), "lending")
    staff = web("sam")
    page = staff.get("/lending/")
    assert page.status_code == 200 and "loans page for sam" in page.text
    dashboard = staff.get("/").text
    assert 'href="/lending/">Loans</a>' in dashboard and "Loan admin" not in dashboard  # staff: not the admin entry
    assert "Books lent out" in dashboard and "&lt;b&gt;3 overdue&lt;/b&gt;" in dashboard  # text, escaped
    assert "Lend a book to this organization" in staff.get("/orgs/o1").text
    assert "Loan admin" in web("ada").get("/").text
    assert staff.get("/elsewhere").status_code == 404
    assert "outside /lending/" in web("ada").get("/plugins").text


def test_a_plugins_write_goes_through_the_same_checks(web, center):
    center.register(Lending(), "lending")
    staff = web("sam")
    assert staff.post("/lending/lend", {"name": "借书会"}, headers={}).status_code == 403
    assert web("vic").post("/lending/lend", {"name": "借书会"}).status_code == 403
    response = staff.post("/lending/lend", {"name": "借书会"})
    assert response.status_code == 303
    added = next(o for o in center.json("org", "list") if o["name"] == "借书会")
    assert response.headers["location"] == "/lending/"
    last = center.json("events", "--limit", "1")[0]
    assert (last["action"], last["record"], last["operator"]) == ("org add", added["id"], "sam")


def test_a_disabled_plugin_is_not_called(web, center):
    center.register(Lending(), "lending", enable=False)
    staff = web("sam")
    assert staff.get("/lending/").status_code == 404
    dashboard = staff.get("/").text
    assert "Books lent out" not in dashboard and "Loans" not in dashboard
    assert "Lend a book" not in staff.get("/orgs/o1").text


def test_a_failing_tile_is_one_line_not_a_traceback(web, center):
    class Broken:
        @hookimpl
        def hive_web_tiles(self, ledger, user):
            raise RuntimeError("boom")

    center.register(Broken(), "broken")
    response = web("sam").get("/")
    assert response.status_code == 500
    assert "plugin &#39;broken&#39; failed in hive_web_tiles" in response.text and "Traceback" not in response.text
