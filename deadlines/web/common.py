"""What the pages and the API share: opening the store, the session, the language, "today",
reading dates from forms and queries, rendering a template."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from deadlines.calendars.explain import holiday_name
from deadlines.errors import DeadlineError, say
from deadlines.messages import DEFAULT_LANG, LANGS, Lang, text
from deadlines.notices.daily import why
from deadlines.store.database import Store, open_store
from deadlines.web.auth import SESSION_COOKIE, SESSION_HOURS, Session, find_session

LANG_COOKIE = "deadlines_lang"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class FieldError(DeadlineError):
    """A refusal of one field of a form or query ('' for the form as a whole), in the command
    line's words."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def parse_date(value: str, field: str, lang: Lang = DEFAULT_LANG) -> dt.date:
    """An ISO date from a form or query, or :class:`FieldError` in the command line's words."""
    value = value.strip()
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError("not in the form YYYY-MM-DD")
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise FieldError(field, text("web.bad_date", lang, value=value, why=exc)) from None


def lang_of(request: Request) -> Lang:
    """``?lang=zh|en`` (an API client's choice), else the cookie the pages' language switch sets,
    else Chinese."""
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE, DEFAULT_LANG)
    return next((lang for lang in LANGS if lang == chosen), DEFAULT_LANG)


@contextmanager
def store_of(request: Request) -> Iterator[Store]:
    with open_store(request.app.state.db) as store:
        yield store


def today_of(request: Request) -> dt.date:
    day: dt.date = request.app.state.today()
    return day


def as_of(request: Request) -> dt.date:
    """``?as_of=DATE`` (a replay, like the command line's --as-of), else today in China."""
    value = request.query_params.get("as_of", "")
    return parse_date(value, "as_of", lang_of(request)) if value else today_of(request)


def session_of(request: Request, store: Store) -> Session | None:
    return find_session(store, request.cookies.get(SESSION_COOKIE))


def render(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    lang = lang_of(request)
    env: Environment = request.app.state.templates
    session: Session | None = context.get("session")

    def t(key: str, **fields: object) -> str:
        return text(key, lang, **fields)

    def wd(day: dt.date | str) -> str:
        d = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
        return text(f"web.weekday.{d.weekday()}", lang)

    html = env.get_template(template).render(
        request=request,
        lang=lang,
        t=t,
        wd=wd,
        why=lambda reason: why(reason, lang),
        say=lambda said: say(said, lang),
        holiday=lambda name: holiday_name(name or "", lang),
        other_lang_name=text("lang.name", "en" if lang == "zh" else "zh"),
        user=session.user if session else None,
        csrf=session.csrf if session else "",
        **context,
    )
    return HTMLResponse(html, status_code=status)


def safe_next(target: str | None) -> str:
    """Only a path on this site (never //host or a scheme) may be a redirect target."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/today"


def login_url(request: Request) -> str:
    return "/login?next=" + quote(
        request.url.path + (f"?{request.url.query}" if request.url.query else "")
    )


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int) -> None:
    """HttpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it), Secure when
    the server runs behind HTTPS (``create_app(secure_cookies=True)``)."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=request.app.state.secure_cookies,
    )


def set_session(response: Response, request: Request, token: str) -> None:
    set_cookie(response, request, SESSION_COOKIE, token, SESSION_HOURS * 3600)
