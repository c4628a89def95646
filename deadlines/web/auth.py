"""Sessions, CSRF tokens and the login rate limit.

The session cookie holds a random token (HttpOnly, SameSite=Lax); the store keeps only its
SHA-256 with the account, a CSRF token and the expiry, so a logout or an expired session ends at
once. Every form carries the session's CSRF token; the login form, before any session, carries a
token that must equal the one in a short-lived cookie (double submit). JSON writes under /api/ are
accepted only with ``Content-Type: application/json``, which no cross-site form can send.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from deadlines.store.database import CHINA, Store
from deadlines.web.accounts import User

SESSION_COOKIE = "deadlines_session"
LOGIN_CSRF_COOKIE = "deadlines_login_csrf"
SESSION_HOURS = 12  # a working day and then some; then log in again


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(CHINA)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def start_session(store: Store, user: User) -> str:
    """A new session for ``user``; returns the cookie's token. Expired sessions are dropped."""
    token = new_token()
    now = _now()
    with store.transaction():
        store.conn.execute("DELETE FROM sessions WHERE expires_at < ?", (now.isoformat(),))
        store.conn.execute(
            "INSERT INTO sessions (token_hash, username, csrf, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                _digest(token),
                user.name,
                new_token(),
                now.isoformat(timespec="seconds"),
                (now + dt.timedelta(hours=SESSION_HOURS)).isoformat(timespec="seconds"),
            ),
        )
    return token


def find_session(store: Store, token: str | None) -> Session | None:
    if not token:
        return None
    row = store.conn.execute(
        "SELECT u.name, u.unit, u.role, s.csrf FROM sessions s JOIN users u ON u.name = s.username"
        " WHERE s.token_hash = ? AND s.expires_at > ?",
        (_digest(token), _now().isoformat(timespec="seconds")),
    ).fetchone()
    return Session(User(row[0], row[1], row[2]), row[3]) if row else None


def end_session(store: Store, token: str | None) -> None:
    if token:
        with store.transaction():
            store.conn.execute("DELETE FROM sessions WHERE token_hash = ?", (_digest(token),))


def same_token(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; a missing token never matches."""
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


class LoginLimiter:
    """At most ``limit`` failed logins per ``window`` seconds for one account name, and for one
    client address; past that, logins are refused until the oldest failure ages out (even with
    the right password, so guessing gains nothing). Kept in memory: one server process."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _keys(self, name: str, client: str) -> tuple[str, str]:
        return f"user:{name.casefold()}", f"client:{client}"

    def retry_after(self, name: str, client: str) -> int:
        """Seconds until a login may be tried again; 0 if it may now."""
        now = time.monotonic()
        wait = 0.0
        with self._lock:
            for key in self._keys(name, client):
                q = self._failures.get(key)
                if not q:
                    continue
                while q and now - q[0] > self.window:
                    q.popleft()
                if len(q) >= self.limit:
                    wait = max(wait, self.window - (now - q[0]))
        return int(wait) + 1 if wait else 0

    def failed(self, name: str, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in self._keys(name, client):
                self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(self._keys(name, "")[0], None)
