"""The web application: Starlette routes over the store, Jinja2 pages, a JSON API.

Starlette (with uvicorn as the server) because it is small, typed and well kept, runs plain
functions in a thread pool (the store is synchronous SQLite) and ships a test client; Jinja2
renders the pages on the server, escaping by default. Each request opens the store (SQLite in WAL
mode: readers never wait for the writer) and reads through the same library functions as the
command line.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from deadlines.errors import DeadlineError
from deadlines.messages import LANGS
from deadlines.store.database import china_today
from deadlines.web import api, pages
from deadlines.web.auth import LoginLimiter
from deadlines.web.common import LANG_COOKIE, lang_of, safe_next


def set_lang(request: Request) -> Response:
    lang = request.path_params["lang"]
    target = safe_next(request.query_params.get("next"))
    response = RedirectResponse(target, status_code=303)
    if lang in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


async def security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Headers every answer carries, and ``Server-Timing: app;dur=MS``: the time the application
    spent on the request (what bench/bench_web.py reports as server time)."""
    started = time.perf_counter()
    response = await call_next(request)
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'",
    )
    if request.url.path.startswith("/api/") or request.method == "POST":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


async def store_refused(request: Request, exc: Exception) -> Response:
    """A library refusal no handler expected (the store locked past its busy timeout, a store
    that cannot be opened): one line in the request's language, never a traceback."""
    message = exc.in_lang(lang_of(request)) if isinstance(exc, DeadlineError) else str(exc)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=503)
    return PlainTextResponse(message, status_code=503)


def create_app(
    db: str | os.PathLike[str] | None = None,
    *,
    today: Callable[[], dt.date] = china_today,
    limiter: LoginLimiter | None = None,
    secure_cookies: bool = False,
    default_calendar: str = "cn-nx",
) -> Starlette:
    """The application over the store at ``db`` (``--db``, ``$DEADLINES_DB``, ./deadlines.db).

    ``today`` gives "today" for the pages (tests fix it); ``secure_cookies`` marks the cookies
    Secure, for a server behind HTTPS; ``default_calendar`` counts a bare period on the "when is
    it due" form, as ``deadlines due`` does (the configured calendar, cn-nx by default)."""
    routes = [
        Route("/", pages.home),
        Route("/login", pages.login_form, methods=["GET"]),
        Route("/login", pages.login, methods=["POST"]),
        Route("/logout", pages.logout, methods=["POST"]),
        Route("/lang/{lang}", set_lang),
        Route("/today", pages.today),
        Route("/cases", pages.search),
        Route("/cases/{case_id:path}/events", pages.record, methods=["POST"]),
        Route("/cases/{case_id:path}", pages.case),
        Route("/due", pages.due_form),
        Route("/calendar", pages.month),
        Route("/overdue", pages.overdue),
        Route("/calendar.ics", pages.ics),
        Route("/api/login", api.login, methods=["POST"]),
        Route("/api/logout", api.logout, methods=["POST"]),
        Route("/api/remind", api.remind),
        Route("/api/overdue", api.overdue),
        Route("/api/due", api.due),
        Route("/api/cases/{case_id:path}/events", api.record, methods=["POST"]),
        Route("/api/cases/{case_id:path}", api.case),
    ]
    app = Starlette(
        exception_handlers={DeadlineError: store_refused},
        routes=routes,
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=security_headers)],
    )
    app.state.db = Path(db) if db else None
    app.state.today = today
    app.state.limiter = limiter or LoginLimiter()
    app.state.secure_cookies = secure_cookies
    app.state.default_calendar = default_calendar
    app.state.recorded_forms = OrderedDict()  # form id -> the event it recorded (pages.record)
    app.state.templates = Environment(
        loader=PackageLoader("deadlines.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return app
