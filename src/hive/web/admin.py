"""The center's own pages: settings, plugins, the audit log, the backup download (admin only for changes)."""

from __future__ import annotations

from hive.errors import HiveError
from hive.i18n import _, declared
from hive.web.extend import WebPage
from hive.web.request import WebRequest

EVENTS_PER_PAGE = 100


def settings_page(request: WebRequest, *, error: str = "", status: int = 200):
    ledger = request.ledger
    current = ledger.settings
    rows = [
        {
            "key": s.key,
            "value": current[s.key],
            "default": s.default,
            "plugin": s.owner,
            "description": declared(s.description),
            "changed": s.key in ledger.center.settings,
        }
        for s in current.declared.values()
        if s.owner in ("core", "") or ledger.enabled(s.owner)
    ]
    return request.render("settings.html", rows=rows, error=error, status=status)


def _text(value) -> str:
    if isinstance(value, list):
        return ",".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def settings_change(request: WebRequest):
    from hive.center import reset_setting, set_setting

    key = request.field("key")
    try:
        with request.writing() as ledger:
            if request.field("reset") == "1":
                value = reset_setting(ledger, key)
            else:
                value = set_setting(ledger, key, request.field("value"))
    except HiveError as exc:
        return settings_page(request, error=str(exc), status=request.status_for(exc))
    return request.redirect("/settings", f"{key} = {_text(value)}")


def plugins_page(request: WebRequest):
    ledger = request.ledger
    rows = []
    for name in request.plugins.names():
        info = request.plugins.info[name]
        rows.append(
            {
                "name": name,
                "version": info.version,
                "enabled": ledger.enabled(name),
                "problem": info.error or request.site.broken.get(name, ""),
                "bundled": info.bundled,
            }
        )
    return request.render("plugins.html", rows=rows)


def plugins_change(request: WebRequest):
    from hive.center import set_plugins
    from hive.errors import NotFound

    name = request.field("name")
    enable = request.field("enable") == "1"
    info = request.plugins.info.get(name)
    if info is None or name == "core":
        raise NotFound(_("no plugin named '{name}' is installed (see 'hive plugins list')").format(name=name))
    if enable:
        request.plugins.registry()
        if info.error:
            raise NotFound(_("plugin '{name}' cannot be enabled: {problem}").format(name=name, problem=info.error))
    with request.writing() as ledger:
        current = set_plugins(ledger, [name], enable=enable)
    return request.redirect("/plugins", _("enabled: {names}").format(names=", ".join(current) or "-"))


def events_page(request: WebRequest):
    from hive.models import Event

    operator = request.query.get("operator", "").strip()
    action = request.query.get("action", "").strip()
    record = request.query.get("record", "").strip()
    day = request.query.get("day", "").strip()
    try:
        page = max(1, int(request.query.get("page", "1")))
    except ValueError:
        page = 1
    events = request.ledger.all(Event)
    operators = sorted({e.operator for e in events})
    actions = sorted({e.action for e in events})
    found = [
        e
        for e in reversed(events)
        if (not operator or e.operator == operator)
        and (not action or e.action == action)
        and (not record or e.record == record or e.detail == record)
        and (not day or e.at.date().isoformat() == day)
    ]
    pages = max(1, -(-len(found) // EVENTS_PER_PAGE))
    page = min(page, pages)
    return request.render(
        "events.html",
        events=found[(page - 1) * EVENTS_PER_PAGE : page * EVENTS_PER_PAGE],
        count=len(found),
        operators=operators,
        actions=actions,
        operator=operator,
        action=action,
        record=record,
        day=day,
        page=page,
        pages=pages,
    )


def backup_download(request: WebRequest):
    """The center file as committed, copied under its lock (``hive backup``), as a download."""
    import os
    import tempfile
    from pathlib import Path

    from starlette.background import BackgroundTask
    from starlette.responses import FileResponse

    from hive import clock
    from hive.store import backup

    folder = tempfile.mkdtemp(prefix="hive-backup-")
    name = f"{Path(request.site.center.db).stem}-{clock.now().strftime('%Y%m%d-%H%M%S')}.json"
    dest = Path(folder) / name
    backup(request.site.center.db, dest)

    def clean() -> None:
        os.unlink(dest)
        os.rmdir(folder)

    return FileResponse(dest, media_type="application/json", filename=name, background=BackgroundTask(clean))


PAGES = [
    WebPage("/settings", settings_page, name="settings"),
    WebPage("/settings", settings_change, methods=("POST",), role="admin", name="settings_change"),
    WebPage("/plugins", plugins_page, name="plugins"),
    WebPage("/plugins", plugins_change, methods=("POST",), role="admin", name="plugins_change"),
    WebPage("/events", events_page, name="events"),
    WebPage("/backup", backup_download, role="admin", name="backup"),
]
