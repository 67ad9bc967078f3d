"""The web workspace as an ASGI application (Starlette), built around one center file.

Every page, the core's and the plugins', is a :class:`hive.web.extend.WebPage`
whose view runs through :func:`Site.endpoint`: log-in and role checks, the
origin and form-token checks of a write, the user's language, and one line
for any error a user may see. Views call the engine; the rules stay there.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import secrets
import threading
from pathlib import Path
from typing import Any

from hive import i18n, stages
from hive.errors import BadFile, Conflict, HiveError, InvalidInput, NoCenter, NotFound
from hive.i18n import _, declared
from hive.plugins import Plugins
from hive.validate import mask
from hive.web import auth
from hive.web.center import CenterFile
from hive.web.extend import MenuItem, WebPage, allowed
from hive.web.request import WebRequest

HERE = Path(__file__).parent
SESSION_COOKIE = "hive_session"
SESSION_HOURS = 12
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


class Refused(HiveError):
    """A request the workspace will not answer: ``status`` is the HTTP status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


_STATUS = {InvalidInput: 400, NotFound: 404, Conflict: 409, NoCenter: 500, BadFile: 500}


def status_of(error: HiveError) -> int:
    if isinstance(error, Refused):
        return error.status
    for kind, status in _STATUS.items():
        if isinstance(error, kind):
            return status
    return 500


def is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def preferred_language(header: str | None) -> str | None:
    """The first language of an ``Accept-Language`` header that hive speaks, by the browser's preference."""
    if not header:
        return None
    choices = []
    for position, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        choices.append((-weight, position, tag.strip()))
    for _w, _p, tag in sorted(choices):
        found = i18n.normalize(tag)
        if found:
            return found
    return None


class Site:
    """Everything one ``hive serve`` process shares: the center, the plugins, the pages, the secrets."""

    def __init__(self, db: Path, plugins: Plugins, *, lang: str | None = None, host: str = "127.0.0.1"):
        self.center = CenterFile(db, plugins, lang=lang)
        self.plugins = plugins
        self.lang = lang
        self.host = host
        self.secret = secrets.token_bytes(32)
        self.tokens = auth.LoginTokens()
        self.throttle = auth.Throttle()
        # One view at a time: the shared ledger is built lazily and is not safe in two threads.
        self.lock = threading.RLock()
        self.pages: list[WebPage] = []
        self.broken: dict[str, str] = {}  # plugin -> why its pages could not be registered
        self._env = None

    # -- pages -------------------------------------------------------------------------------------
    def collect_pages(self) -> list[WebPage]:
        from hive.web import admin, dashboard, imports, organizations, records, reports, reviews, users

        pages: list[WebPage] = [
            *dashboard.PAGES,
            *organizations.PAGES,
            *reviews.PAGES,
            *records.PAGES,
            *imports.PAGES,
            *reports.PAGES,
            *users.PAGES,
            *admin.PAGES,
        ]
        taken = {(p.path, m) for p in pages for m in p.methods}
        import attrs

        for name in self.plugins.names():
            if not self.plugins.loaded(name):
                continue
            found: list[WebPage] = []
            try:
                self.plugins.call("hive_web_pages", [name], register=found.append)
            except HiveError as exc:
                self.broken[name] = str(exc)
                continue
            for page in found:
                if not page.path.startswith(f"/{name}/"):
                    self.broken[name] = _("plugin '{plugin}' registered page {path} outside /{plugin}/").format(
                        plugin=name, path=page.path
                    )
                    continue
                if any((page.path, m) in taken for m in page.methods):
                    continue
                taken.update((page.path, m) for m in page.methods)
                pages.append(attrs.evolve(page, plugin=name))
        self.pages = pages
        return pages

    # -- users ---------------------------------------------------------------------------------------
    def visitor(self, request) -> auth.Visitor | None:
        """The logged-in user of ``request`` from its session, or None (also when the session went stale)."""
        from hive.models import User

        session = request.session
        users = self.center.ledger().all(User)
        if "uid" in session:
            for user in users:
                if (
                    user.id == session["uid"]
                    and not user.disabled
                    and auth.fingerprint(self.secret, user.password) == session.get("fp")
                ):
                    return auth.Visitor(user.name, user.role, user.id)
            session.clear()
            return None
        if "local" in session:
            if users:  # users were added since: the local admin's session ends
                session.clear()
                return None
            return auth.Visitor(session["local"], "admin")
        return None

    def log_in(self, request, user) -> None:
        """Start a session for ``user`` (a users record, or a name for the local admin of a center without users)."""
        lang = request.session.get("lang")
        request.session.clear()
        if isinstance(user, str):
            request.session["local"] = user
        else:
            request.session["uid"] = user.id
            request.session["fp"] = auth.fingerprint(self.secret, user.password)
        request.session["csrf"] = secrets.token_urlsafe(24)
        if lang:
            request.session["lang"] = lang

    def language(self, request) -> str:
        chosen = request.session.get("lang")
        if chosen:
            return chosen
        found = preferred_language(request.headers.get("accept-language"))
        if found:
            return found
        try:
            center = self.center.ledger().center.settings.get("core.language")
        except HiveError:
            center = None
        return i18n.normalize(self.lang) or i18n.normalize(center) or "en"

    def csrf(self, request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = secrets.token_urlsafe(24)
            request.session["csrf"] = token
        return token

    # -- rendering -----------------------------------------------------------------------------------
    @property
    def env(self):
        if self._env is None:
            import jinja2

            # The core's templates, then each plugin's templates folder (holding a folder named after it).
            folders = [HERE / "templates"]
            for page in self.pages:
                folder = _templates_beside(page.view) if page.plugin else None
                if folder is not None and folder not in folders:
                    folders.append(folder)
            loader = jinja2.FileSystemLoader([str(f) for f in folders])
            env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)
            env.globals.update(_=_, declared=declared, stage_title=lambda s: stages.get(s).title, stages=stages)
            env.filters["mask"] = mask
            env.filters["hours"] = _hours
            env.filters["plain"] = plain
            self._env = env
        return self._env

    def menu(self, request: WebRequest) -> list[MenuItem]:
        user = request.user
        items = [
            MenuItem(_("Dashboard"), "/"),
            MenuItem(_("Organizations"), "/orgs"),
            MenuItem(_("Stage review"), "/review"),
        ]
        try:
            ledger = self.center.ledger()
            for _plugin, found in self.plugins.call("hive_web_menu", ledger.center.plugins, user=user):
                items.extend(found)
        except HiveError:
            pass
        items += [
            MenuItem(_("Records"), "/records"),
            MenuItem(_("Imports"), "/imports", role="staff"),
            MenuItem(_("Reports"), "/reports"),
            MenuItem(_("Audit log"), "/events"),
            MenuItem(_("Settings"), "/settings"),
            MenuItem(_("Plugins"), "/plugins"),
            MenuItem(_("Users"), "/users", role="admin"),
        ]
        return [i for i in items if user is None or allowed(user.role, i.role)]

    def render(self, request: WebRequest, template: str, *, status: int = 200, **context: Any):
        from starlette.responses import HTMLResponse

        try:
            center_name = self.center.ledger().center.name
        except HiveError:
            center_name = ""
        values = {
            "request": request,
            "user": request.user,
            "menu": self.menu(request) if request.user else [],
            "csrf": self.csrf(request.raw),
            "messages": request.messages(),
            "lang": i18n.language(),
            "center_name": center_name,
            "path": request.raw.url.path,
            "today": dt.date.today(),
            # A plugin's template ("volunteer/...") reads its plugin's catalog too (after the core's).
            "_": declared if "/" in template else _,
        }
        html = self.env.get_template(template).render(values | context)
        return HTMLResponse(html, status_code=status)

    def error_page(self, request: WebRequest, status: int, message: str):
        from urllib.parse import urlsplit

        referer = urlsplit(request.raw.headers.get("referer", ""))
        same = referer.netloc == request.raw.headers.get("host") and referer.path != request.raw.url.path
        back = referer.path + (f"?{referer.query}" if referer.query else "") if same else ""
        return self.render(request, "error.html", status=status, message=message, back=back)

    # -- the endpoint every page goes through ------------------------------------------------------
    def endpoint(self, page: WebPage):
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import RedirectResponse

        async def serve(request):
            form = None
            write = request.method == "POST"
            if write:
                problem = auth.origin_problem(request.headers, request.headers.get("host", ""))
                if problem is None:
                    form = await request.form()
            else:
                problem = None

            def run():
                with i18n.speaking(self.language(request)), self.lock:
                    visit = WebRequest(self, request, None, form)
                    try:
                        visit.user = self.visitor(request)
                        if problem is not None:
                            raise Refused(403, _("refused: this form was not sent from hive's own pages"))
                        if visit.user is None:
                            if write:
                                raise Refused(403, _("log in first"))
                            return RedirectResponse(visit.href("/login", next=request.url.path), status_code=303)
                        if not allowed(visit.user.role, page.role):
                            raise Refused(403, _("your role may not open this page"))
                        if write:
                            if not auth.token_matches(request.session.get("csrf"), visit.field(auth.CSRF_FIELD)):
                                raise Refused(403, _("refused: the form has expired; reload the page and try again"))
                            if not visit.user.may_write:
                                raise Refused(403, _("your role may not change the center"))
                        if page.plugin and not self.center.ledger().enabled(page.plugin):
                            raise Refused(
                                404, _("plugin '{plugin}' is not enabled for this center").format(plugin=page.plugin)
                            )
                        return page.view(visit)
                    except HiveError as exc:
                        return self.error_page(visit, status_of(exc), str(exc))
                    except Exception as exc:  # a bug: one line for the user, the traceback for whoever runs the server
                        import traceback

                        traceback.print_exc()
                        message = _("internal error ({kind}); nothing was written").format(kind=type(exc).__name__)
                        return self.error_page(visit, 500, message)

            return await run_in_threadpool(run)

        return serve


def _templates_beside(view) -> Path | None:
    import sys

    module = sys.modules.get(getattr(view, "__module__", ""), None)
    where = getattr(module, "__file__", None)
    if not where:
        return None
    folder = Path(where).parent / "templates"
    return folder if folder.is_dir() else None


def plain(value: Any) -> str:
    """A plugin's section value as text: lists joined, mappings as ``key: value``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    return str(value)


def _hours(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def build(site: Site):
    """The Starlette application of ``site``: its pages, the log-in pages, static files, the middleware."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.sessions import SessionMiddleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from hive.web import login

    site.collect_pages()
    routes = [Route(p.path, site.endpoint(p), methods=list(p.methods), name=p.name or None) for p in site.pages]
    routes += login.routes(site)
    routes.append(Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"))
    hosts = ["*"] if site.host in ("0.0.0.0", "::") else sorted({*LOOPBACK, site.host.strip("[]")})
    middleware = [
        Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
        Middleware(
            SessionMiddleware,
            secret_key=site.secret.hex(),
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_HOURS * 3600,
            same_site="strict",
            https_only=False,
        ),
        Middleware(SecurityHeaders),
    ]
    return Starlette(routes=routes, middleware=middleware)


class SecurityHeaders:
    """Headers on every answer: no framing, no sniffing, scripts and styles only from the workspace itself."""

    HEADERS = [
        (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
        (b"cache-control", b"no-store"),
    ]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _v in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.HEADERS if k not in present
                ]
            await send(message)

        await self.app(scope, receive, with_headers)
