"""Who is asking, and may they: logins, the one-time link, throttling, origin-checked writes.

* Sessions are Starlette's signed cookie (itsdangerous), ``HttpOnly`` and
  ``SameSite=Strict``, signed with a key made when the server starts: a
  restart logs everybody out. The cookie holds the user's id, a fingerprint
  of their password hash (a changed password ends old sessions), the form
  token and the chosen language; never a password.
* ``hive serve`` prints a one-time link (``/?token=...``) that logs in an
  admin; the token works once.
* Failed logins are counted per client address and per name: after
  :data:`MAX_FAILURES` within :data:`WINDOW` seconds, further attempts are
  refused until the window has passed.
* A write (any ``POST``) must come from a page of the workspace itself: the
  browser's ``Sec-Fetch-Site`` says ``same-origin``, or its ``Origin`` is the
  server's own; and the form carries the session's token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from urllib.parse import urlsplit

from hive.frozen import frozen
from hive.users import ADMIN, may_write

MAX_FAILURES = 5
WINDOW = 300.0  # seconds
CSRF_FIELD = "csrf"


@frozen
class Visitor:
    """The logged-in user of one request: ``name`` is the operator of every change they make."""

    name: str
    role: str
    id: str = ""  # the users record, "" for the local admin of a center that has no users yet

    @property
    def may_write(self) -> bool:
        return may_write(self.role)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def fingerprint(secret: bytes, password_hash: str) -> str:
    """A short keyed digest of a stored password hash: kept in the session, it ends when the password changes."""
    return hmac.new(secret, password_hash.encode(), hashlib.sha256).hexdigest()[:16]


class Throttle:
    """Counts failed logins per key (client address, user name) in a sliding window."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = WINDOW, clock=time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque[float]:
        now = self.clock()
        found = self._failures[key]
        while found and now - found[0] > self.window:
            found.popleft()
        return found

    def blocked(self, *keys: str) -> float:
        """Seconds until one more attempt is allowed for all of ``keys`` (0 when it is allowed now)."""
        with self._lock:
            wait = 0.0
            for key in keys:
                recent = self._recent(key)
                if len(recent) >= self.limit:
                    wait = max(wait, self.window - (self.clock() - recent[0]))
            return wait

    def failed(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._recent(key).append(self.clock())

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


class LoginTokens:
    """Single-use login tokens (the link ``hive serve`` prints)."""

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}  # token -> user name ("" for the local admin)
        self._lock = threading.Lock()

    def issue(self, user: str) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[token] = user
        return token

    def redeem(self, token: str) -> str | None:
        """The user the token was for, once; None for an unknown or spent token."""
        with self._lock:
            for known in list(self._tokens):
                if hmac.compare_digest(known, token):
                    return self._tokens.pop(known)
        return None


def origin_problem(headers, host: str) -> str | None:
    """Why a write with these request ``headers`` is not from the workspace served at ``host``; None when it is."""
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return "cross-site"
    origin = headers.get("origin")
    if origin is None or origin == "null":
        if site in ("same-origin",):
            return None
        referer = headers.get("referer")
        if referer is None:
            return "no origin"
        origin = referer
    parts = urlsplit(origin)
    if parts.netloc.lower() != host.lower():
        return "foreign origin"
    return None


def token_matches(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))
