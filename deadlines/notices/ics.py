"""Calendar feeds: the stored deadlines as an RFC 5545 file, through the icalendar library.

One all-day event per dated duty of the chosen cases: the title is the rule's title and the case
(with the provisional, low-confidence and paused marks), the description its clause, responsible
unit and the explanation of the date. The UID is the duty's key (case, rule, instance), so a
calendar that imports the file again updates each event, also when its date moved (SEQUENCE
counts the moves), instead of adding a second one. A duty met in the last 30 days, or announced
and then taken away by a correction, is exported as cancelled, so a re-import takes it off the
calendar. An open duty has two alarms at 09:00 China time: on the first day it is "due soon" (the
daily notices' window, three working days before on the plan's calendar) and on the day itself.

icalendar (a well-kept RFC 5545 library) writes the escaping, folding and UTF-8 of the format; it
is imported here, only when a feed is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from contextlib import suppress
from typing import Any

from deadlines.calendars.layers import calendar
from deadlines.errors import DeadlineError, OutOfRangeError, did_you_mean
from deadlines.messages import Lang, text
from deadlines.model import Obligation
from deadlines.notices.contract import DEFAULT_AHEAD_WORKDAYS, PLAN_CALENDAR, rule_texts
from deadlines.notices.marks import low_confidence
from deadlines.rules.explain import obligation_steps
from deadlines.store.database import CHINA, Store, china_today

PRODID = "-//deadlines//Statutory deadlines (Shizuishan 2023 plan)//ZH"
ALARM_HOUR = 9
# A met duty stays in the feed, cancelled, for 30 days: long enough for a calendar that imports
# or refreshes the feed now and then to take it off; older ended duties are left out, so the feed
# is the size of the open work, not of the store's history.
ENDED_KEPT_DAYS = 30


def uid(ob: Obligation) -> str:
    """Stable: the same duty always has the same UID, whatever its date."""
    key = "\x1f".join(_key(ob))
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@deadlines"


def _check_unit(store: Store, unit: str) -> None:
    """A unit with no duty at all is a typo, not an empty calendar."""
    if store.conn.execute("SELECT 1 FROM obligations WHERE unit = ? LIMIT 1", (unit,)).fetchone():
        return
    units = [r[0] for r in store.conn.execute("SELECT DISTINCT unit FROM obligations")]
    raise DeadlineError(
        key="export.unknown_unit",
        unit=unit,
        hint=did_you_mean(unit, units),
        listed="、".join(sorted(units)) or "—",
    )


def selected(
    store: Store, *, unit: str | None, case: str | None, as_of: dt.date
) -> list[tuple[Obligation, bool]]:
    """The duties to export, each with whether it is gone (taken away since it was announced).

    One case: every dated duty it has. Otherwise the open ones and those met in the last
    ``ENDED_KEPT_DAYS`` days (a calendar that imported the feed in that time learns they ended),
    read through the store's open-duty index, so a feed costs the open work, not the history.
    """
    if case is not None:
        store.get_case(case)  # unknown -> StoreError naming it
        chosen = [ob for ob in store.obligations(case) if ob.due is not None]
    else:
        since = as_of - dt.timedelta(days=ENDED_KEPT_DAYS)
        keys = {_key(ob) for ob in store.open_on(since, dt.date.max) if ob.due is not None}
        chosen = [
            ob
            for cid in sorted({k[0] for k in keys})
            for ob in store.obligations(cid)
            if _key(ob) in keys
        ]
    out = [(ob, False) for ob in chosen if unit is None or ob.unit == unit]
    out += [(ob, True) for ob in gone(store, case) if unit is None or ob.unit == unit]
    if unit is not None and not out:
        _check_unit(store, unit)
    return out


def export(
    store: Store,
    *,
    unit: str | None = None,
    case: str | None = None,
    lang: Lang = "zh",
    as_of: dt.date | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The feed of the chosen duties (a unit's, a case's, or all) as iCalendar bytes (UTF-8)."""
    from icalendar import Calendar

    stamp = (now or dt.datetime.now(CHINA)).astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", text("delivery.calendar.name", lang) + (f" · {unit}" if unit else ""))
    cal.add("x-wr-timezone", "Asia/Shanghai")
    moves = _move_counts(store)
    day = as_of or china_today()
    for ob, ended in selected(store, unit=unit, case=case, as_of=day):
        cal.add_component(event(ob, lang, stamp, moves.get(_key(ob), 0), gone=ended))
    data: bytes = cal.to_ical()
    return data


def _key(ob: Obligation) -> tuple[str, str, str]:
    return (ob.case_id, ob.rule_id, ob.instance)


def _move_counts(store: Store) -> dict[tuple[str, str, str], int]:
    """How often each duty's date moved: its events' SEQUENCE, so a calendar takes the update.
    A duty that went away (no new date) is counted where it is exported cancelled (``event``)."""
    rows = store.conn.execute(
        "SELECT case_id, rule_id, instance, COUNT(*) FROM date_moves WHERE new_due IS NOT NULL"
        " GROUP BY 1, 2, 3"
    )
    return {(r[0], r[1], r[2]): int(r[3]) for r in rows}


def gone(store: Store, case_id: str | None = None) -> list[Obligation]:
    """Duties that were announced (a notice was sent) and no longer exist: a correction or a rule
    change took them away. Each at the date last announced, with its case's unit."""
    last: dict[tuple[str, str, str], str] = {}
    where = "n.case_id = ? AND " if case_id is not None else ""
    for key_case, rule_id, instance, due in store.conn.execute(
        "SELECT n.case_id, n.rule_id, n.instance, n.due FROM notices n"
        f" WHERE {where}NOT EXISTS (SELECT 1 FROM obligations o WHERE o.case_id = n.case_id"
        " AND o.rule_id = n.rule_id AND o.instance = n.instance)"
        " ORDER BY n.run_seq IS NULL, n.run_seq, n.first_emitted_at",
        (case_id,) if case_id is not None else (),
    ):
        last[(key_case, rule_id, instance)] = due
    out = []
    for key, due in last.items():
        texts = rule_texts(store, key[1])
        row = store.conn.execute("SELECT unit FROM cases WHERE id = ?", (key[0],)).fetchone()
        out.append(
            Obligation(
                case_id=key[0],
                rule_id=key[1],
                rule_version="",
                clause=texts[0],
                title_zh=texts[1],
                title_en=texts[2],
                unit=(row[0] if row else None) or "",
                kind="deadline",
                instance=key[2],
                trigger="",
                trigger_date=None,
                due=dt.date.fromisoformat(due),
                provisional=False,
                basis=None,
                calendar=PLAN_CALENDAR,
                calendar_version="",
                status="pending",
            )
        )
    return out


def _summary(ob: Obligation, lang: Lang) -> str:
    assert ob.due is not None
    title = ob.title_zh if lang == "zh" else ob.title_en
    parts = [text("delivery.event.summary", lang, title=title, case=ob.case_id)]
    if ob.provisional:
        parts.append(text("delivery.mark.provisional", lang))
    if low_confidence(ob):
        parts.append(text("delivery.mark.low_confidence", lang))
    if ob.status == "paused" and ob.completed_on is None:
        parts.append(text("delivery.mark.paused", lang))
    if ob.status == "undetermined" and ob.completed_on is None:
        parts.append(text("delivery.mark.undetermined", lang, missing=", ".join(ob.missing)))
    return " ".join(parts)


def _description(ob: Obligation, lang: Lang, day: dt.date, gone: bool = False) -> str:
    lines = [text("delivery.event.clause", lang, clause=ob.clause)]
    if ob.unit:
        lines.append(text("delivery.event.unit", lang, unit=ob.unit))
    if gone:
        lines.append(text("delivery.event.gone", lang))
    if ob.completed_on is not None:
        lines.append(text("delivery.event.done", lang, day=ob.completed_on.isoformat()))
    steps = () if gone else obligation_steps(ob, lang, day)
    if steps:
        lines.append(text("delivery.why", lang))
    lines.extend(f"{i}. {s}" for i, s in enumerate(steps, 1))
    return "\n".join(lines)


def alarm_days(ob: Obligation) -> list[dt.date]:
    """The first day of the "due soon" window (deadlines only) and the day itself."""
    assert ob.due is not None
    days = [ob.due]
    if ob.kind in ("deadline", "recurring"):
        # a due date at the start of the supported range has the day's alarm only
        with suppress(OutOfRangeError):
            days.insert(0, calendar(PLAN_CALENDAR).add_workdays(ob.due, -DEFAULT_AHEAD_WORKDAYS))
    return days


def event(
    ob: Obligation, lang: Lang, stamp: dt.datetime, sequence: int = 0, *, gone: bool = False
) -> Any:
    """The duty's event; ``gone``: a duty that no longer exists (exported cancelled)."""
    from icalendar import Alarm, Event

    assert ob.due is not None
    summary = _summary(ob, lang)
    ended = gone or ob.completed_on is not None
    ev = Event()
    ev.add("uid", uid(ob))
    ev.add("dtstamp", stamp)
    ev.add("summary", summary)
    ev.add("dtstart", ob.due)
    ev.add("dtend", ob.due + dt.timedelta(days=1))
    ev.add("transp", "TRANSPARENT")
    ev.add("description", _description(ob, lang, stamp.astimezone(CHINA).date(), gone))
    if ob.unit:
        ev.add("categories", [ob.unit])
    # a calendar takes an update only with a higher SEQUENCE: each move, and the end, raise it
    ev.add("sequence", sequence + int(ended))
    if ended:
        ev.add("status", "CANCELLED")
        return ev
    tentative = ob.provisional or ob.status in ("paused", "undetermined")
    ev.add("status", "TENTATIVE" if tentative else "CONFIRMED")
    for day in alarm_days(ob):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text("delivery.event.alarm", lang, summary=summary))
        at = dt.datetime.combine(day, dt.time(ALARM_HOUR), CHINA).astimezone(dt.UTC)
        alarm.add("trigger", at, parameters={"VALUE": "DATE-TIME"})
        ev.add_component(alarm)
    return ev
