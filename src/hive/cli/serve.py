"""``hive serve``: the web workspace over one center file, on this computer by default."""

from __future__ import annotations

import click

from hive.cli.app import App, pass_app
from hive.i18n import _

DEMO_DB = "hive-demo.json"


def _no_center_named(app: App) -> bool:
    """True when neither --db nor $HIVE_DB names a center, ./hive.json is absent and ./hive-demo.json is there."""
    import os
    from pathlib import Path

    from hive.cli.app import DEFAULT_DB

    given = click.get_current_context().find_root().params.get("db") or os.environ.get("HIVE_DB")
    return not given and not Path(DEFAULT_DB).exists() and Path(DEMO_DB).exists()


def _check_port(app: App, host: str, port: int) -> None:
    """One clear line, before any link is printed, when the port is taken (another hive serve?)."""
    import socket

    from hive.errors import Conflict

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise Conflict(
                _("cannot serve {path} on {host}:{port}: {problem} (another hive serve?); choose another --port").format(
                    path=app.db, host=host, port=port, problem=exc.strerror or exc
                )
            ) from None


@click.command(help=_("Serve the web workspace for the center (http://127.0.0.1:8470/ by default)."))
@click.option("--db", metavar="FILE", help=_("The center file (default: hive's --db, $HIVE_DB, ./hive.json, else the demo's ./hive-demo.json)."))
@click.option("--host", default="127.0.0.1", show_default=True, help=_("Address to listen on; only this computer by default."))
@click.option("--port", default=8470, show_default=True, type=click.IntRange(1, 65535), help=_("Port to listen on."))
@click.option("--open", "open_browser", is_flag=True, help=_("Open the workspace in the browser, logged in."))
@click.option("--user", "as_user", metavar="NAME", help=_("The admin the one-time login link is for (default: the first)."))
@pass_app
def serve(app: App, db: str | None, host: str, port: int, open_browser: bool, as_user: str | None) -> None:
    import gc

    from hive.errors import Conflict, NotFound
    from hive.models import User
    from hive.web.app import Site, build, is_loopback

    gc.enable()  # a long-running process: cycles must be collected (the CLI runs with the collector off)
    if db:
        app.configure(db=db)
    elif _no_center_named(app):
        # Right after `hive demo` (README's first command): serve the demo center it built.
        app.configure(db=DEMO_DB)
    with app.ledger() as ledger:  # a missing or damaged center is said here, before listening
        users = ledger.all(User)
    if not users and not is_loopback(host):
        raise Conflict(
            _(
                "refusing to serve on {host} while the center has no users: anyone on the network could change it; "
                "add one with 'hive user add NAME --role admin'"
            ).format(host=host)
        )
    admins = [u for u in users if u.role == "admin" and not u.disabled]
    if as_user is not None:
        chosen = next((u for u in admins if u.name == as_user), None)
        if chosen is None:
            raise NotFound(_("no admin user '{name}'").format(name=as_user))
        admins = [chosen]

    _check_port(app, host, port)
    site = Site(app.db, app.plugins, lang=app.lang, host=host)
    application = build(site)
    site.center.keep_warm(site.lock)
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}/"
    link = None
    if admins:
        link = f"{base}login?token={site.tokens.issue(admins[0].name)}"
    elif not users:
        link = f"{base}login?token={site.tokens.issue(app.operator)}"
    click.echo(_("hive serve: the workspace of {path} at {url}").format(path=app.db, url=base))
    if link:
        who = admins[0].name if admins else app.operator
        click.echo(_("log in as {name} (admin) once with: {link}").format(name=who, link=link))
    else:
        click.echo(_("log in with a user's name and password (no admin user for a one-time link)"))
    click.echo(_("press Ctrl+C to stop"))
    if open_browser and link:
        import threading
        import webbrowser

        threading.Timer(0.8, webbrowser.open, [link]).start()

    import uvicorn

    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False, server_header=False)
