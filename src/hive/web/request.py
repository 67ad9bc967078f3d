"""One request as a page's view sees it: who, what they sent, the center, and how to answer."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from hive.errors import HiveError
from hive.i18n import _
from hive.ledger import Ledger

if TYPE_CHECKING:
    from starlette.datastructures import FormData, QueryParams
    from starlette.requests import Request
    from starlette.responses import Response

    from hive.web.app import Site
    from hive.web.auth import Visitor


class WebRequest:
    """What a view (:class:`hive.web.extend.WebPage`) receives.

    * ``ledger``: the center as last committed, shared and read-only;
    * ``user``: the logged-in :class:`hive.web.auth.Visitor`;
    * ``form``, ``query``, ``params`` (the path's ``{name}`` parts);
    * ``writing()``: open the center to change it, as a ``hive`` command does;
    * ``render(template, **context)``, ``redirect(href, message)``, ``problem``.
    """

    def __init__(self, site: Site, request: Request, user: Visitor | None, form: FormData | None):
        self.site = site
        self.raw = request
        self.user = user
        self.form = form
        self.query: QueryParams = request.query_params
        self.params: dict[str, Any] = dict(request.path_params)

    @property
    def ledger(self) -> Ledger:
        return self.site.center.ledger()

    @property
    def plugins(self):
        return self.site.plugins

    @property
    def show_personal(self) -> bool:
        """Personal data unmasked: only when a user who may write asks for it (``?personal=1``); never a viewer."""
        return bool(self.user and self.user.may_write and self.query.get("personal") == "1")

    @contextlib.contextmanager
    def writing(self) -> Iterator[Ledger]:
        """The center opened for a change by the logged-in user (lock, fresh read, one atomic commit)."""
        if self.user is None or not self.user.may_write:
            from hive.web.app import Refused

            raise Refused(403, _("your role may not change the center"))
        with self.site.center.writing(self.user.name) as ledger:
            yield ledger

    def field(self, name: str, default: str = "") -> str:
        if self.form is None:
            return default
        value = self.form.get(name, default)
        return value if isinstance(value, str) else default

    def fields(self, name: str) -> list[str]:
        if self.form is None:
            return []
        return [v for v in self.form.getlist(name) if isinstance(v, str)]

    def render(self, template: str, *, status: int = 200, **context: Any) -> Response:
        return self.site.render(self, template, status=status, **context)

    def redirect(self, href: str, message: str = "") -> Response:
        """Answer a form with "see ``href``" (303), showing ``message`` on the page it leads to."""
        from starlette.responses import RedirectResponse

        if message:
            self.raw.session.setdefault("messages", []).append(message)
            self.raw.session["messages"] = self.raw.session["messages"][-5:]
        return RedirectResponse(href, status_code=303)

    def messages(self) -> list[str]:
        return self.raw.session.pop("messages", []) if "messages" in self.raw.session else []

    def href(self, path: str, **query: Any) -> str:
        shown = {k: v for k, v in query.items() if v not in (None, "")}
        return f"{path}?{urlencode(shown)}" if shown else path

    def status_for(self, error: HiveError) -> int:
        """The HTTP status of an engine error: 400 bad input, 404 not found, 409 a conflict with the records."""
        from hive.web.app import status_of

        return status_of(error)

    def problem(self, error: HiveError) -> str:
        """The one line a user reads for an engine error (it never carries personal data)."""
        return str(error)
