"""What a plugin gives the web workspace: pages, menu entries, dashboard tiles, record actions.

These are plain data (attrs classes), returned by or handed to the hooks
``hive_web_pages``, ``hive_web_menu``, ``hive_web_tiles`` and
``hive_web_actions`` (see :mod:`hive.hookspecs`). The core's own pages are
built the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hive.frozen import frozen

#: Who may open a page or send a form, least allowed first.
ROLES_IN_ORDER = ("viewer", "staff", "admin")


@frozen
class WebPage:
    """A page of the workspace at ``path`` (a Starlette path such as ``/volunteer/people/{person}``).

    ``view(request)`` receives a :class:`hive.web.request.WebRequest` and
    returns a response (``request.render(...)``, ``request.redirect(...)``).
    ``methods`` are the HTTP methods it answers; a ``POST`` is a write:
    refused unless the request comes from the workspace itself (origin and
    form token) and the user may write. ``role`` is the least role that may
    open it at all (``"viewer"``, ``"staff"`` or ``"admin"``). A plugin's
    paths start with ``/<plugin name>/``; its templates live in a
    ``templates`` folder beside the view's module and are named
    ``"<plugin name>/<file>.html"``.
    """

    path: str
    view: Callable[[Any], Any]
    methods: tuple[str, ...] = ("GET",)
    role: str = "viewer"
    name: str = ""  # to build links: request.url_for(name, ...); defaults to the path
    plugin: str = ""  # filled in by the workspace: who registered it


@frozen
class MenuItem:
    """An entry of the menu at the top of every page: a translated ``label`` and the ``href`` it opens."""

    label: str
    href: str
    role: str = "viewer"  # shown only to users with at least this role


@frozen
class Tile:
    """A box of the dashboard: a ``title``, a big ``figure`` (text), a few ``lines`` and a link to more.

    Text only: the workspace escapes it. ``lines`` are short sentences (at
    most a dozen are shown), ``href`` where the tile leads.
    """

    title: str
    figure: str = ""
    lines: tuple[str, ...] = ()
    href: str = ""


@frozen
class Action:
    """A link offered on a record's page (an organization's): ``label`` opens ``href``.

    Actions lead to a page with a form; the write happens there (a link
    never writes). ``role`` is the least role the action is offered to.
    """

    label: str
    href: str
    role: str = "staff"


def allowed(role: str, least: str) -> bool:
    """Whether a user with ``role`` may do what needs at least ``least``."""
    return ROLES_IN_ORDER.index(role) >= ROLES_IN_ORDER.index(least)
