"""The party plugin's pages in the web workspace: activities and 三会一课 compliance, and the dashboard's due activities."""

from __future__ import annotations

from hive.web.extend import MenuItem, Tile, WebPage
from hive_party import _


def hive_web_pages(register) -> None:
    register(WebPage("/party/", activities))


def hive_web_menu(user) -> list[MenuItem]:
    return [MenuItem(_("Party building"), "/party/")]


def due(ledger) -> list[tuple[str, str, object]]:
    """(kind title, period, last day) of each kind whose current period has no activity yet."""
    from hive_party import periods as calendar
    from hive_party.kinds import KINDS
    from hive_party.models import Activity
    from hive_party.settings import NONE, frequencies

    today = ledger.today
    wanted = frequencies(ledger.settings)
    held = {(a.kind, calendar.label(a.date, wanted.get(a.kind, NONE))) for a in ledger.all(Activity) if wanted.get(a.kind, NONE) != NONE}
    found = []
    for kind, title in KINDS.items():
        if wanted[kind] == NONE:
            continue
        for period, start, end in calendar.of_year(today.year, wanted[kind]):
            if start <= today <= end and (kind, period) not in held:
                found.append((_(title), period, end))
    return sorted(found, key=lambda x: x[2])


def hive_web_tiles(ledger, user) -> list[Tile]:
    from hive_party.compliance import MISSING, rows

    pending = due(ledger)
    missing = [r for r in rows(ledger) if r["status"] == MISSING]
    lines = [_("{kind}: {period}, by {date}").format(kind=k, period=p, date=d.isoformat()) for k, p, d in pending]
    if missing:
        lines.append(_("{count} periods missed this year").format(count=len(missing)))
    return [Tile(_("Party activities due"), str(len(pending)), tuple(lines), "/party/")]


def activities(request):
    from hive.models import Organization
    from hive_party.compliance import STATUS_TITLES, rows
    from hive_party.kinds import KINDS
    from hive_party.models import Activity

    ledger = request.ledger
    year = ledger.today.year
    found = sorted((a for a in ledger.all(Activity) if a.date.year == year), key=lambda a: a.date)
    orgs = {o.id: o.name for o in ledger.all(Organization)}
    return request.render(
        "party/activities.html",
        activities=list(reversed(found)),
        kinds={k: _(v) for k, v in KINDS.items()},
        orgs=orgs,
        compliance=rows(ledger),
        statuses={k: _(v) for k, v in STATUS_TITLES.items()},
        due=due(ledger),
        year=year,
    )
