"""Logging in and out, the one-time link, and the choice of language."""

from __future__ import annotations

from hive import i18n
from hive.errors import HiveError
from hive.i18n import _
from hive.web import auth
from hive.web.request import WebRequest


def _safe_next(target: str | None) -> str:
    """Where to go after logging in: a path of this site only (never another site's address)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def routes(site) -> list:
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import RedirectResponse
    from starlette.routing import Route

    from hive.models import User
    from hive.users import authenticate

    def client(request) -> str:
        return request.client.host if request.client else "?"

    async def login(request):
        form = None
        problem = None
        if request.method == "POST":
            problem = auth.origin_problem(request.headers, request.headers.get("host", ""))
            if problem is None:
                form = await request.form()

        def run():
            with i18n.speaking(site.language(request)), site.lock:
                visit = WebRequest(site, request, None, form)
                try:
                    token = request.query_params.get("token")
                    if request.method == "GET" and token:
                        name = site.tokens.redeem(token)
                        if name is None:
                            return site.render(
                                visit, "login.html", status=403, error=_("this login link was used already"), next="/"
                            )
                        users = site.center.ledger().all(User)
                        if users:
                            user = next((u for u in users if u.name == name and u.role == "admin" and not u.disabled), None)
                            if user is None:
                                return site.render(
                                    visit, "login.html", status=403, error=_("this login link is no longer valid"), next="/"
                                )
                            site.log_in(request, user)
                        else:
                            site.log_in(request, name)
                        return RedirectResponse("/", status_code=303)
                    nxt = _safe_next(request.query_params.get("next") or visit.field("next"))
                    if request.method == "GET":
                        return site.render(visit, "login.html", next=nxt)
                    if problem is not None or not auth.token_matches(
                        request.session.get("csrf"), visit.field(auth.CSRF_FIELD)
                    ):
                        return site.render(
                            visit, "login.html", status=403, error=_("refused: reload the page and try again"), next=nxt
                        )
                    name = visit.field("name").strip()
                    keys = (f"ip:{client(request)}", f"name:{name}")
                    wait = site.throttle.blocked(*keys)
                    if wait > 0:
                        minutes = max(1, round(wait / 60))
                        return site.render(
                            visit,
                            "login.html",
                            status=429,
                            error=_("too many failed logins; try again in {minutes} min").format(minutes=minutes),
                            next=nxt,
                            name=name,
                        )
                    user = authenticate(site.center.ledger(), name, visit.field("password"))
                    if user is None:
                        site.throttle.failed(*keys)
                        return site.render(
                            visit, "login.html", status=401, error=_("wrong name or password"), next=nxt, name=name
                        )
                    site.throttle.succeeded(*keys)
                    site.log_in(request, user)
                    return RedirectResponse(nxt, status_code=303)
                except HiveError as exc:
                    return site.error_page(visit, 500, str(exc))

        return await run_in_threadpool(run)

    async def logout(request):
        problem = auth.origin_problem(request.headers, request.headers.get("host", ""))
        form = await request.form() if problem is None else None
        if problem is None and auth.token_matches(request.session.get("csrf"), form.get(auth.CSRF_FIELD)):
            request.session.clear()
            return RedirectResponse("/login", status_code=303)
        return RedirectResponse("/", status_code=303)

    async def language(request):
        problem = auth.origin_problem(request.headers, request.headers.get("host", ""))
        form = await request.form() if problem is None else None
        if problem is None and auth.token_matches(request.session.get("csrf"), form.get(auth.CSRF_FIELD)):
            chosen = i18n.normalize(str(form.get("lang", "")))
            if chosen:
                request.session["lang"] = chosen
            return RedirectResponse(_safe_next(str(form.get("next", "/"))), status_code=303)
        return RedirectResponse("/", status_code=303)

    return [
        Route("/login", login, methods=["GET", "POST"], name="login"),
        Route("/logout", logout, methods=["POST"], name="logout"),
        Route("/language", language, methods=["POST"], name="language"),
    ]
