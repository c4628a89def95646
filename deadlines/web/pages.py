"""The HTML pages: log in, today's list, a case (and recording an event), when is it due, the
calendar, the overdue counts. Each handler opens the store, reads through the library and renders
one template; a page needs a session (else: to the login page)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections import OrderedDict
from typing import Any, Literal
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from deadlines.calendars.layers import CALENDARS
from deadlines.errors import DeadlineError
from deadlines.notices.ics import export as export_ics
from deadlines.store.database import Store
from deadlines.web import reads
from deadlines.web.accounts import authenticate
from deadlines.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    LoginLimiter,
    Session,
    end_session,
    new_token,
    same_token,
    start_session,
)
from deadlines.web.common import (
    FieldError,
    as_of,
    lang_of,
    login_url,
    render,
    safe_next,
    session_of,
    set_cookie,
    set_session,
    store_of,
    today_of,
)
from deadlines.web.questions import due_question, month_grid
from deadlines.web.record import (
    EventInput,
    event_title,
    event_types,
    kind_title,
    record_event,
)


def _refused(request: Request, session: Session | None, status: int, key: str) -> Response:
    return render(request, "error.html", {"session": session, "status": status, "key": key}, status)


# --- logging in and out -------------------------------------------------------------------------
def home(request: Request) -> Response:
    return RedirectResponse("/today", status_code=303)


def login_form(request: Request, error: str = "", status: int = 200) -> Response:
    token = new_token()
    context = {"login_csrf": token, "error": error, "next": request.query_params.get("next", "")}
    response = render(request, "login.html", context, status)
    set_cookie(response, request, LOGIN_CSRF_COOKIE, token, 3600)
    return response


async def login(request: Request) -> Response:
    form = await request.form()
    if not same_token(request.cookies.get(LOGIN_CSRF_COOKIE), str(form.get("csrf", ""))):
        return login_form(request, "web.error.csrf", 403)
    name, password = str(form.get("username", "")), str(form.get("password", ""))
    limiter: LoginLimiter = request.app.state.limiter
    client = request.client.host if request.client else ""
    if limiter.retry_after(name, client):
        return login_form(request, "web.login.limited", 429)
    with store_of(request) as store:
        user = authenticate(store, name, password)
        if user is None:
            limiter.failed(name, client)
            return login_form(request, "web.login.failed", 401)
        limiter.succeeded(name)
        token = start_session(store, user)
    response = RedirectResponse(safe_next(str(form.get("next", ""))), status_code=303)
    set_session(response, request, token)
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


async def logout(request: Request) -> Response:
    form = await request.form()
    with store_of(request) as store:
        session = session_of(request, store)
        if session is not None and not same_token(session.csrf, str(form.get("csrf", ""))):
            return _refused(request, session, 403, "web.error.csrf")
        end_session(store, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# --- reading ------------------------------------------------------------------------------------
def _guarded(request: Request, store: Store) -> Session | Response:
    session = session_of(request, store)
    return session if session is not None else RedirectResponse(login_url(request), 303)


def today(request: Request) -> Response:
    with store_of(request) as store:
        session = _guarded(request, store)
        if isinstance(session, Response):
            return session
        try:
            day = as_of(request)
        except FieldError as exc:
            return render(request, "today.html", {"session": session, "error": exc}, 400)
        run = reads.todays_list(store, session.user, day)
    return render(request, "today.html", {"session": session, "run": run, "day": day})


def search(request: Request) -> Response:
    q = request.query_params.get("q", "").strip()
    with store_of(request) as store:
        session = _guarded(request, store)
        if isinstance(session, Response):
            return session
        found = reads.search_cases(store, session.user, q) if q else []
    if q and len(found) == 1 and found[0][0] == q:
        return RedirectResponse(f"/cases/{quote(q, safe='')}", status_code=303)
    context = {"session": session, "q": q, "found": found, "limit": reads.SEARCH_LIMIT}
    return render(request, "search.html", context)


def _case_page(
    request: Request,
    store: Store,
    session: Session,
    case_id: str,
    day: dt.date,
    status: int = 200,
    **extra: Any,
) -> Response:
    try:
        payload = reads.visible_case(store, session.user, case_id, day, lang_of(request))
    except reads.NotVisible:
        return _refused(request, session, 404, "web.error.not_found")
    lang = lang_of(request)
    context = {
        "session": session,
        "c": payload,
        "day": day,
        "kind_title": kind_title(payload["kind"], lang),
        "types": event_types(payload["kind"]),
        "event_title": lambda etype: event_title(etype, lang),
        "titles": {o["rule"]: o[f"title_{lang}"] for o in payload["obligations"]},
        "may_record": session.user.records(payload["units"]),
        "today": today_of(request),
        # one id per form shown: the same form sent again (a reload) records nothing twice
        "form_id": extra.pop("form_id", None) or secrets.token_urlsafe(16),
        **extra,
    }
    return render(request, "case.html", context, status)


def case(request: Request) -> Response:
    with store_of(request) as store:
        session = _guarded(request, store)
        if isinstance(session, Response):
            return session
        try:
            day = as_of(request)
        except FieldError:
            day = today_of(request)
        return _case_page(request, store, session, request.path_params["case_id"], day)


async def record(request: Request) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    case_id = request.path_params["case_id"]
    with store_of(request) as store:
        session = session_of(request, store)
        if session is None:
            return _refused(request, None, 401, "web.error.login")
        if not same_token(session.csrf, form.get("csrf")):
            return _refused(request, session, 403, "web.error.csrf")
        day = today_of(request)
        try:
            payload = reads.visible_case(store, session.user, case_id, day, lang_of(request))
        except reads.NotVisible:
            return _refused(request, session, 404, "web.error.not_found")
        if not session.user.records(payload["units"]):
            return _refused(request, session, 403, "web.error.read_only")
        form_id = form.get("form_id", "")
        sent = request.app.state.recorded_forms
        if form_id and form_id in sent:  # a reload of the page the form answered: shown again
            return _case_page(request, store, session, case_id, day, recorded=sent[form_id])
        given = EventInput(
            type=form.get("type", ""),
            on=form.get("on", ""),
            note=form.get("note", "").strip(),
            data={k[5:]: v.strip() for k, v in form.items() if k.startswith("data.") and v.strip()},
            supersedes=form.get("supersedes", ""),
        )
        try:
            event_id, moves = record_event(
                store, session.user, case_id, payload["kind"], given, day
            )
        except FieldError as exc:
            return _case_page(
                request,
                store,
                session,
                case_id,
                day,
                error=exc,
                given=given,
                status=400,
                form_id=form_id,  # the corrected form is the same form
            )
        remember(sent, form_id, event_id)
        return _case_page(request, store, session, case_id, day, recorded=event_id, moves=moves)


def remember(sent: OrderedDict[str, str], form_id: str, event_id: str, keep: int = 10_000) -> None:
    """The forms that recorded an event, newest last, the oldest forgotten past ``keep``."""
    if form_id:
        sent[form_id] = event_id
        while len(sent) > keep:
            sent.popitem(last=False)


def due_form(request: Request) -> Response:
    form = dict(request.query_params)
    with store_of(request) as store:
        session = _guarded(request, store)
        if isinstance(session, Response):
            return session
    context: dict[str, Any] = {"session": session, "form": form, "calendars": CALENDARS}
    try:
        context["answers"] = due_question(
            form, lang_of(request), request.app.state.default_calendar
        )
    except FieldError as exc:
        context["error"] = exc
        return render(request, "due.html", context, 400)
    return render(request, "due.html", context)


def month(request: Request) -> Response:
    with store_of(request) as store:
        session = _guarded(request, store)
        if isinstance(session, Response):
            return session
    chosen = request.query_params.get("month") or today_of(request).strftime("%Y-%m")
    name = request.query_params.get("calendar", "cn-nx")
    context: dict[str, Any] = {"session": session, "calendars": CALENDARS, "name": name}
    try:
        context["m"] = month_grid(chosen, name, lang_of(request))
    except FieldError as exc:
        context["error"] = exc
        return render(request, "calendar.html", context, 400)
    return render(request, "calendar.html", context)


def overdue(request: Request) -> Response:
    by: Literal["unit", "rule"] = "rule" if request.query_params.get("by") == "rule" else "unit"
    key = request.query_params.get("key")
    with store_of(request) as store:
        session = _guarded(request, store)
        if isinstance(session, Response):
            return session
        try:
            day = as_of(request)
        except FieldError as exc:
            return render(request, "overdue.html", {"session": session, "error": exc}, 400)
        groups = reads.overdue_groups(store, session.user, day, by)
    shown = [g for g in groups if g.key == key] if key else []
    context = {"session": session, "groups": groups, "by": by, "key": key, "shown": shown}
    return render(request, "overdue.html", {**context, "day": day})


def ics(request: Request) -> Response:
    """The unit's deadlines as an iCalendar file (``deadlines export ics --unit UNIT``): a clerk's
    own unit; a supervisor names one with ``?unit=``."""
    with store_of(request) as store:
        session = _guarded(request, store)
        if isinstance(session, Response):
            return session
        user = session.user
        unit = user.unit if user.units else request.query_params.get("unit", "")
        if not unit:
            return _refused(request, session, 400, "web.error.ics_unit")
        if user.units and request.query_params.get("unit", unit) != unit:
            return _refused(request, session, 404, "web.error.not_found")
        try:
            data = export_ics(store, unit=unit, lang=lang_of(request))
        except DeadlineError:
            return _refused(request, session, 404, "web.error.no_duties")
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": "attachment; filename=deadlines.ics"},
    )
