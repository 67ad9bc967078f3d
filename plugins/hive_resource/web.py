"""The resource plugin's pages in the web workspace: needs and what is left of them, and the dashboard's open needs."""

from __future__ import annotations

from hive.web.extend import Action, MenuItem, Tile, WebPage
from hive_resource import _


def hive_web_pages(register) -> None:
    register(WebPage("/resource/", needs))


def hive_web_menu(user) -> list[MenuItem]:
    return [MenuItem(_("Resources"), "/resource/")]


def _needs(ledger) -> list[dict]:
    from hive.models import Organization
    from hive_resource.models import Need
    from hive_resource.pool import Usage, need_document

    usage = Usage.of(ledger)
    orgs = {o.id: o for o in ledger.all(Organization)}
    return [need_document(ledger, n, usage, orgs) for n in ledger.all(Need)]


def hive_web_tiles(ledger, user) -> list[Tile]:
    from hive_resource.models import OPEN

    still = [d for d in _needs(ledger) if d["status"] == OPEN]
    still.sort(key=lambda d: (d["by"] or "9999", -d["priority"]))
    lines = tuple(
        _("{who}: {what}, {left} {unit} left").format(
            who=d["org_name"] or _("the center"), what=d["description"] or d["kind"], left=f"{d['remaining']:g}", unit=d["unit"]
        )
        for d in still[:5]
    )
    return [Tile(_("Open needs"), str(len(still)), lines, "/resource/")]


def hive_web_actions(ledger, record, user) -> list[Action] | None:
    from hive.models import Organization

    if isinstance(record, Organization):
        return [Action(_("See this organization's needs"), f"/resource/?org={record.id}", role="viewer")]
    return None


def needs(request):
    docs = _needs(request.ledger)
    org = request.query.get("org", "")
    if org:
        docs = [d for d in docs if d["org"] == org]
    return request.render("resource/needs.html", needs=docs, org=org)
