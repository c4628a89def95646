"""Reading cases and comparing their obligations with the stored rows, many cases at a time.

The store's bulk paths (a recompute, a refresh, an import) share these steps:

1. :func:`read_cases` reads the cases a condition on ``cases c`` selects, with their *effective*
   events (superseded ones left out, each correction knowing the event it first corrected), in
   two queries through the cases' id index and the events' case index;
2. the rules engine evaluates them (``Store.evaluate``);
3. :func:`stored_rows` reads their stored obligation rows as obligation_rows holds them, and
   :func:`compare` finds what differs: the rows to delete and to write, and every :class:`Move`.

Steps 1 to 3 only read, so a worker process can take them for a range of cases on its own
connection (``deadlines.store.parallel``) and hand the writer a :class:`Changes`, which holds only
the differences: a recompute where nothing moved writes (almost) nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from deadlines.model import Case, Event, FactValue, Obligation
from deadlines.store import basis as _basis


class Move(NamedTuple):
    """One obligation whose due date (or provisional mark) changed in a recompute (a NamedTuple,
    not a frozen dataclass: every store command imports this module, and creating a dataclass
    costs ~4M instructions at start-up)."""

    case_id: str
    rule_id: str
    instance: str
    old_due: dt.date | None
    new_due: dt.date | None
    old_provisional: bool | None
    new_provisional: bool | None

    @property
    def change(self) -> str:
        if self.old_due is None and self.old_provisional is None:
            return "added"
        if self.new_due is None and self.new_provisional is None:
            return "removed"
        return "moved" if self.old_due != self.new_due else "finalised"


# An obligation as the writer takes it: the case's ref, then the texts of _OB_COLUMNS after the
# case id (rule id, instance, rule version, unit, kind, trigger, trigger date, due, provisional,
# basis, calendar, calendar version, status, completed on, missing).
Row = tuple[Any, ...]
# A rule version's clause, titles, period and direction (table rule_versions).
RuleTexts = tuple[str, str, str, str | None, str | None]


class Changes:
    """What re-evaluating some cases changes in the store: the moves to report, the stored rows
    to delete (by their primary key: case ref, rule version id, instance), the rows to write and
    the texts of the rule versions those rows name (the writer records a version it lacks).
    A plain class (see Move); pickled to and from recompute's workers."""

    __slots__ = ("cases", "deletes", "moves", "rows", "texts")

    def __init__(self, cases: int = 0) -> None:
        self.cases = cases
        self.moves: list[Move] = []
        self.deletes: list[tuple[int, int, str]] = []
        self.rows: list[Row] = []
        self.texts: dict[tuple[str, str], RuleTexts] = {}


# The stored columns compared, in obligation_rows' order (computed, the time, is not compared).
STORED = (
    "o.case_ref, o.rule, o.instance, o.unit, o.kind, o.trigger, o.trigger_date, o.due,"
    " o.provisional, o.basis, o.calendar, o.calendar_version, o.status, o.completed_on, o.missing"
)


def read_cases(
    conn: Any, where: str, params: Sequence[Any], type_text: Callable[[int], str]
) -> tuple[list[Case], dict[str, int]]:
    """The cases ``where`` (a condition on ``cases c``) selects, in id order, with their refs.

    Events are in date order (recording order within a day); a superseded event is left out, and
    an event that corrects another carries the first event of its chain as ``origin``.
    ``type_text``: the text of an event type's term id."""
    heads = conn.execute(
        f"SELECT c.ref, c.id, c.kind, c.unit, c.facts FROM cases c WHERE {where} ORDER BY c.id",
        params,
    ).fetchall()
    rows = conn.execute(
        "SELECT c.id, e.id, e.type, e.on_date, e.note, e.data, e.supersedes FROM cases c"
        f" JOIN event_rows e ON e.case_ref = c.ref WHERE {where} ORDER BY c.id, e.on_date, e.seq",
        params,
    ).fetchall()
    corrects = {r[1]: r[6] for r in rows if r[6] is not None}
    superseded = set(corrects.values())
    events: dict[str, list[Event]] = {}
    day = dt.date.fromisoformat
    # texts repeated across rows (event types, data, facts) are read once
    types: dict[int, str] = {}
    data_of: dict[str, dict[str, str]] = {"{}": {}}
    for cid, eid, etype, on, note, data, _ in rows:
        if eid in superseded:
            continue
        origin = corrects.get(eid)
        while origin is not None and origin in corrects:
            origin = corrects[origin]
        kind = types.get(etype)
        if kind is None:
            kind = types[etype] = type_text(etype)
        values = data_of.get(data)
        if values is None:
            values = data_of[data] = json.loads(data)
        event = Event(type=kind, on=day(on), note=note, id=eid, data=values, origin=origin)
        events.setdefault(cid, []).append(event)
    cases = []
    facts: dict[str, dict[str, FactValue]] = {}
    for _, cid, kind, unit, text in heads:
        known = facts.get(text)
        if known is None:
            known = facts[text] = json.loads(text)
        case_events = tuple(events.get(cid, ()))
        cases.append(Case(id=cid, kind=kind, facts=known, unit=unit, events=case_events))
    return cases, {r[1]: r[0] for r in heads}


def stored_rows(
    conn: Any, where: str, params: Sequence[Any], rule_of: Mapping[int, tuple[str, str]]
) -> dict[tuple[str, str, str], Row]:
    """The stored obligation rows of the cases ``where`` selects, by (case id, rule id,
    instance), in the order of (case id, rule version id, instance): the order obligations that
    went away are reported in. ``rule_of``: rule version id -> (rule id, version); KeyError for
    one it does not hold."""
    rows = conn.execute(
        f"SELECT c.id, {STORED} FROM cases c JOIN obligation_rows o ON o.case_ref = c.ref"
        f" WHERE {where} ORDER BY c.id, o.rule, o.instance",
        params,
    )
    return {(r[0], rule_of[r[2]][0], r[3]): r[1:] for r in rows}


def logical_row(ref: int, ob: Obligation) -> Row:
    """``ob`` as the writer takes it (see :data:`Row`)."""
    iso = _ISO.get  # a date's text, if written before; None for None
    trigger, due, done = ob.trigger_date, ob.due, ob.completed_on
    return (
        ref,
        ob.rule_id,
        ob.instance,
        ob.rule_version,
        ob.unit,
        ob.kind,
        ob.trigger,
        iso(trigger) or _iso(trigger),
        iso(due) or _iso(due),
        int(ob.provisional),
        _basis.dump(ob.basis),
        ob.calendar,
        ob.calendar_version,
        ob.status,
        iso(done) or _iso(done),
        ",".join(ob.missing) if ob.missing else "",
    )


def physical(row: Row, rule: int, term: Callable[[str], int]) -> Row:
    """A :data:`Row` as obligation_rows holds it (without computed): the rule version and the
    texts by their ids."""
    return (
        row[0],
        rule,
        row[2],
        term(row[4]),
        term(row[5]),
        term(row[6]),
        row[7],
        row[8],
        row[9],
        row[10],
        term(row[11]),
        term(row[12]),
        term(row[13]),
        row[14],
        row[15],
    )


def texts_of(ob: Obligation) -> RuleTexts:
    b = ob.basis
    return (
        ob.clause,
        ob.title_zh,
        ob.title_en,
        b.period if b else None,
        b.direction if b else None,
    )


def compare(
    refs: Mapping[str, int],
    obligations: Iterable[Obligation],
    stored: Mapping[tuple[str, str, str], Row],
    rule_ids: Mapping[tuple[str, str], int],
    term: Callable[[str], int | None],
) -> Changes:
    """What storing ``obligations`` in place of the ``stored`` rows of their cases changes.

    A row that comes out as stored is left in place, unless it is recurring: the daily run finds
    the recurring duties to refresh by the time they were computed (Store.refresh_recurring), so
    those are always written again. Moves: each obligation that appeared, moved or had its
    provisional mark changed, in the engine's order, then each that went away, in the order of
    ``stored`` (see :func:`stored_rows`). ``rule_ids``: (rule id, version) -> rule version id;
    ``term``: a text's id, None if it is not recorded."""
    old = dict(stored)
    out = Changes(len(refs))
    # the ids of a row's texts (unit, kind, trigger, calendar, its version, status): few sets
    ids: dict[tuple[str, ...], tuple[int | None, ...]] = {}
    for ob in obligations:
        key = (ob.case_id, ob.rule_id, ob.instance)
        was = old.pop(key, None)
        if was is None:
            out.moves.append(Move(*key, None, ob.due, None, ob.provisional))
        else:
            due = ob.due.isoformat() if ob.due else None
            if was[7] != due or was[8] != ob.provisional:
                out.moves.append(Move(*key, _date(was[7]), ob.due, bool(was[8]), ob.provisional))
            texts = (ob.unit, ob.kind, ob.trigger, ob.calendar, ob.calendar_version, ob.status)
            t = ids.get(texts)
            if t is None:
                t = ids[texts] = tuple(term(x) for x in texts)
            if (
                ob.kind != "recurring"
                and was[1] == rule_ids.get((ob.rule_id, ob.rule_version))
                and was[3:]
                == (
                    t[0],
                    t[1],
                    t[2],
                    _iso(ob.trigger_date),
                    due,
                    ob.provisional,
                    _basis.dump(ob.basis),
                    t[3],
                    t[4],
                    t[5],
                    _iso(ob.completed_on),
                    ",".join(ob.missing),
                )
            ):
                continue  # as stored
            out.deletes.append((was[0], was[1], was[2]))
        out.rows.append(logical_row(refs[ob.case_id], ob))
        version = (ob.rule_id, ob.rule_version)
        if version not in rule_ids and version not in out.texts:
            out.texts[version] = texts_of(ob)
    for key, was in old.items():
        out.moves.append(Move(*key, _date(was[7]), None, bool(was[8]), None))
        out.deletes.append((was[0], was[1], was[2]))
    return out


_ISO: dict[dt.date | None, str] = {}
"""The ISO text of dates written so far (a bulk write repeats a few thousand days; bounded)."""


def _iso(d: dt.date | None) -> str | None:
    if d is None:
        return None
    text = _ISO.get(d)
    if text is None:
        if len(_ISO) >= 20_000:
            _ISO.clear()
        text = _ISO[d] = d.isoformat()
    return text


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None
