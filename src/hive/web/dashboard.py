"""The dashboard: organizations by stage, the review queue with reasons, the plugins' tiles."""

from __future__ import annotations

from collections import Counter

from hive import stages
from hive.errors import HiveError
from hive.i18n import _
from hive.web.extend import WebPage
from hive.web.request import WebRequest


def stage_chart(orgs) -> list[dict]:
    """One bar per stage (active organizations), with its share of the widest bar for the SVG."""
    counts = Counter(o.stage for o in orgs if o.status == "active")
    widest = max(counts.values(), default=0) or 1
    return [
        {"id": s.id, "title": s.title, "count": counts.get(s.id, 0), "share": counts.get(s.id, 0) / widest}
        for s in stages.PIPELINE
    ]


def dashboard(request: WebRequest):
    from hive.lifecycle import verdicts_as_of
    from hive.models import Organization

    ledger = request.ledger
    plugins, user = request.plugins, request.user
    orgs = ledger.all(Organization)
    queue, queue_error = [], ""

    def verdicts_of(ledger):
        return verdicts_as_of(ledger, plugins)

    def tiles_of(ledger) -> list:
        tiles = []
        for _plugin, found in plugins.call("hive_web_tiles", ledger.center.plugins, ledger=ledger, user=user):
            tiles.extend(found)
        return tiles

    # Both are read from the center as committed: computed once per version of the file (and language,
    # and user for the tiles), and made again in the background after a change (CenterFile.keep_warm).
    center = request.site.center
    try:
        verdicts = center.memo(("verdicts", ledger.today), lambda: verdicts_of(ledger), warm=verdicts_of)
        queue = [v for v in verdicts if not v.ready]
        ready = [v for v in verdicts if v.ready]
    except HiveError as exc:
        queue_error, ready = str(exc), []
    tiles = center.memo(("tiles", user), lambda: tiles_of(ledger), warm=tiles_of)
    status = Counter(o.status for o in orgs)
    return request.render(
        "dashboard.html",
        chart=stage_chart(orgs),
        total=len(orgs),
        suspended=status.get("suspended", 0),
        dissolved=status.get("dissolved", 0),
        queue=queue,
        ready=ready,
        queue_error=queue_error,
        tiles=tiles,
        as_of=ledger.today,
        title=_("Dashboard"),
    )


PAGES = [WebPage("/", dashboard, name="dashboard")]
