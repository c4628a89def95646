"""Recording an event from a form or a JSON body, with each refusal tied to its field.

The checks are the store's own (:mod:`deadlines.store.checks`, :meth:`Store.check_supersedes`),
called field by field before :meth:`Store.add_event` runs them all again in its transaction, so
the words are exactly the command line's and a field's error can be shown beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from deadlines.errors import DeadlineError
from deadlines.messages import DEFAULT_LANG, Lang, text
from deadlines.rules.model import EventType, RuleSet
from deadlines.store.checks import catalogue, check_event_date
from deadlines.store.database import Move, Store, china_today
from deadlines.web.accounts import User
from deadlines.web.common import FieldError, parse_date


@cache
def rules() -> RuleSet:
    """The loaded rules (the plan's plus $DEADLINES_RULES), read once per server process."""
    from deadlines.rules.engine import load_rules

    return load_rules()


def event_types(kind: str) -> list[EventType]:
    """The event types a case of ``kind`` takes, in the catalogue's order."""
    return [e for e in rules().events.values() if kind in e.case_kinds]


def event_title(etype: str, lang: str) -> str:
    e = rules().events.get(etype)
    return (e.zh if lang == "zh" else e.en) if e else etype


def kind_title(kind: str, lang: str) -> str:
    k = rules().case_kinds.get(kind)
    return (k.zh if lang == "zh" else k.en) if k else kind


@dataclass(frozen=True)
class EventInput:
    """What the clerk gave; ``data`` holds only the fields filled in."""

    type: str
    on: str
    note: str = ""
    data: Mapping[str, str] = field(default_factory=dict)
    supersedes: str = ""


def _check(store: Store, kind: str, case_id: str, given: EventInput, lang: Lang) -> dt.date:
    try:
        et = catalogue().check_event(kind, given.type)
    except DeadlineError as exc:
        raise FieldError("type", exc.in_lang(lang)) from None
    on = parse_date(given.on, "on", lang)
    try:
        check_event_date(et, on, china_today())
    except DeadlineError as exc:
        raise FieldError("on", exc.in_lang(lang)) from None
    takes = rules().events[et.id].data
    for key in given.data:
        if key not in takes:
            accepted = ", ".join(takes) or text("rec.data.none", lang)
            said = text("rec.data.form_unknown", lang, event=et.id, key_=key, accepted=accepted)
            raise FieldError(f"data.{key}", said)
    if given.supersedes:
        try:
            store.check_supersedes(case_id, given.supersedes)
        except DeadlineError as exc:
            raise FieldError("supersedes", exc.in_lang(lang)) from None
    return on


def record_event(
    store: Store,
    user: User,
    case_id: str,
    kind: str,
    given: EventInput,
    as_of: dt.date,
    lang: Lang = DEFAULT_LANG,
) -> tuple[str, list[Move]]:
    """Record the event as ``event add`` does, written to the log as ``user``'s; a refusal is a
    :class:`FieldError` naming the field."""
    on = _check(store, kind, case_id, given, lang)
    try:
        return store.add_event(
            case_id,
            given.type,
            on,
            note=given.note,
            data=given.data,
            supersedes=given.supersedes or None,
            as_of=as_of,
            by=user.name,
        )
    except DeadlineError as exc:
        raise FieldError(_field_of(str(exc)), exc.in_lang(lang)) from None


def _field_of(message: str) -> str:
    """The field a refusal of the case's event order points at (store.checks.check_case_events
    runs only with the new event in place): a second opening event asks for --supersedes, an
    event before the opening one is a date slip."""
    if "--supersedes" in message:
        return "supersedes"
    if "before the case's trigger" in message:
        return "on"
    return ""
