"""The JSON API under /api/: the same reads as the pages, and the event write.

``POST /api/login`` sets the session cookie (200) or answers 401; every other route answers 401
without a session. A case of another unit is 404; a supervisor's write is 403; a refused event is
400 with the command line's words. Writes take only ``Content-Type: application/json`` (no
cross-site form can send it), so the cookie alone cannot be abused from another site.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from deadlines.messages import text
from deadlines.notices import daily as nt
from deadlines.notices.case_view import move_payload
from deadlines.store.database import Store
from deadlines.web import reads
from deadlines.web.accounts import authenticate
from deadlines.web.auth import SESSION_COOKIE, Session, end_session, start_session
from deadlines.web.common import (
    FieldError,
    as_of,
    lang_of,
    session_of,
    set_session,
    store_of,
    today_of,
)
from deadlines.web.questions import due_question
from deadlines.web.record import EventInput, record_event


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def _said(request: Request, status: int, key: str, **fields: Any) -> JSONResponse:
    """A refusal of the API's own, in the language the request asks for (:func:`lang_of`)."""
    return _error(status, text(key, lang_of(request), **fields))


def _unauthorised(request: Request) -> JSONResponse:
    return _said(request, 401, "api.login_first")


async def _json_body(request: Request) -> dict[str, Any] | JSONResponse:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return _said(request, 415, "api.content_type")
    try:
        body = json.loads(await request.body())
    except ValueError as exc:
        return _said(request, 400, "api.not_json", msg=exc)
    if not isinstance(body, dict):
        return _said(request, 400, "api.not_object")
    return body


async def login(request: Request) -> Response:
    body = await _json_body(request)
    if isinstance(body, Response):
        return body
    name, password = str(body.get("username", "")), str(body.get("password", ""))
    limiter = request.app.state.limiter
    client = request.client.host if request.client else ""
    wait = limiter.retry_after(name, client)
    if wait:
        response = _said(request, 429, "api.too_many_logins", wait=wait)
        response.headers["Retry-After"] = str(wait)
        return response
    with store_of(request) as store:
        user = authenticate(store, name, password)
        if user is None:
            limiter.failed(name, client)
            return _said(request, 401, "api.wrong_login")
        limiter.succeeded(name)
        token = start_session(store, user)
    response = JSONResponse({"username": user.name, "role": user.role, "unit": user.unit})
    set_session(response, request, token)
    return response


async def logout(request: Request) -> Response:
    body = await _json_body(request)
    if isinstance(body, Response):
        return body
    with store_of(request) as store:
        end_session(store, request.cookies.get(SESSION_COOKIE))
    response = JSONResponse({"logged_out": True})
    response.delete_cookie(SESSION_COOKIE)
    return response


def _session(request: Request, store: Store) -> Session | JSONResponse:
    session = session_of(request, store)
    return session if session is not None else _unauthorised(request)


def case(request: Request) -> Response:
    with store_of(request) as store:
        session = _session(request, store)
        if isinstance(session, Response):
            return session
        try:
            day = as_of(request)
            return JSONResponse(
                reads.visible_case(
                    store, session.user, request.path_params["case_id"], day, lang_of(request)
                )
            )
        except FieldError as exc:
            return _error(400, str(exc), field=exc.field)
        except reads.NotVisible:
            return _said(request, 404, "api.no_case", case=request.path_params["case_id"])


def remind(request: Request) -> Response:
    """``deadlines remind --as-of DATE --format json`` (a look) for the account's unit."""
    with store_of(request) as store:
        session = _session(request, store)
        if isinstance(session, Response):
            return session
        try:
            day = as_of(request)
        except FieldError as exc:
            return _error(400, str(exc), field=exc.field)
        run = reads.todays_list(store, session.user, day)
    return JSONResponse([n.as_json() for n in run.notices])


def overdue(request: Request) -> Response:
    """``deadlines overdue --by unit|rule --json`` for the account's unit."""
    by: Literal["unit", "rule"] = "rule" if request.query_params.get("by") == "rule" else "unit"
    with store_of(request) as store:
        session = _session(request, store)
        if isinstance(session, Response):
            return session
        try:
            day = as_of(request)
        except FieldError as exc:
            return _error(400, str(exc), field=exc.field)
        groups = reads.overdue_groups(store, session.user, day, by)
    return JSONResponse(json.loads(nt.render_overdue_json(groups, day, by)))


def due(request: Request) -> Response:
    """``deadlines due PERIOD|RULE --from|--before DATE --json`` (query: period, direction, date,
    calendar, strict): one object, or a list when several rules answer."""
    with store_of(request) as store:
        session = _session(request, store)
        if isinstance(session, Response):
            return session
    try:
        answers = due_question(
            dict(request.query_params), lang_of(request), request.app.state.default_calendar
        )
    except FieldError as exc:
        return _error(400, str(exc), field=exc.field)
    if not answers:
        return _said(request, 400, "api.give_period")
    records = [a.record for a in answers]
    return JSONResponse(records[0] if len(records) == 1 else records)


async def record(request: Request) -> Response:
    body = await _json_body(request)
    if isinstance(body, Response):
        return body
    case_id = request.path_params["case_id"]
    with store_of(request) as store:
        session = _session(request, store)
        if isinstance(session, Response):
            return session
        day = today_of(request)
        try:
            payload = reads.visible_case(store, session.user, case_id, day, lang_of(request))
        except reads.NotVisible:
            return _said(request, 404, "api.no_case", case=case_id)
        if not session.user.records(payload["units"]):
            role = text(f"web.role.{session.user.role}", lang_of(request))
            return _said(request, 403, "api.may_not_record", role=role, name=session.user.name)
        data = body.get("data") or {}
        if not isinstance(data, dict):
            said = text("api.data_object", lang_of(request))
            return _error(400, said, field="data")
        given = EventInput(
            type=str(body.get("type", "")),
            on=str(body.get("on", "")),
            note=str(body.get("note", "")),
            data={str(k): str(v) for k, v in data.items() if str(v)},
            supersedes=str(body.get("supersedes") or ""),
        )
        try:
            event_id, moves = record_event(
                store, session.user, case_id, payload["kind"], given, day, lang_of(request)
            )
        except FieldError as exc:
            return _error(400, str(exc), field=exc.field)
        answer = reads.visible_case(store, session.user, case_id, day, lang_of(request))
    return JSONResponse({**answer, "recorded": event_id, "moves": [move_payload(m) for m in moves]})
