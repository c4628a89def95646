"""What the store accepts: case kinds, event types and facts from the loaded rules, and the
order and dates of a case's events. Every refusal is a one-line :class:`StoreError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

from deadlines.calendars.layers import FIRST_YEAR
from deadlines.calendars.periods import Period
from deadlines.errors import PeriodError, Phrase, StoreError
from deadlines.errors import did_you_mean as close_to
from deadlines.model import MAX_NUMBER, Case, Event, FactValue
from deadlines.store.database import CLOSE_EVENT, REOPEN_EVENT

# Events marked `future` in the catalogue (a licence's expiry) may lie ahead, but not further than
# this: a licence term is at most a few years, and 2062 for 2026 is a typing slip. Every other
# event must already have happened (today in China).
FUTURE_BOUND_YEARS = 10
# The event that opens a case of each kind: no other event of the case may be dated before it
# (an enforcement step before the case was filed is a typing slip). Licences have none: their
# trigger, the expiry, lies after the other events. The exempt types may precede the opening one
# (an application is submitted before it is accepted).
OPENING_EVENT: dict[str, tuple[str, frozenset[str]]] = {
    "consultation": ("consultation.published", frozenset()),
    "project": ("project.accepted", frozenset({"project.submitted"})),
    "wage-supervision": ("wage.duty-started", frozenset()),
    "loan": ("loan.application-received", frozenset()),
    "vat-refund": ("vat-refund.accepted", frozenset()),
    "port-fees": ("port-fees.duty-started", frozenset()),
    "enforcement": ("enforcement.filed", frozenset()),
    "bankruptcy": ("bankruptcy.accepted", frozenset()),
    "supervision": ("supervision.duty-started", frozenset()),
}


# --- text and numbers: what the store accepts from any path in (CLI, import, library API) ---------
# Everything a user typed is later printed to a clerk's terminal, a cron log or a CSV: one policy
# for every text, so that nothing stored can forge a line, hide behind an escape sequence or break
# a later write. Limits are generous for real data (a court case number, a unit's full name).
MAX_ID = 100  # case ids, event ids
MAX_UNIT = 200  # a responsible unit's name
MAX_NOTE = 2000  # an event's free-text note
MAX_NAME = 64  # fact names, event data keys
MAX_VALUE = 500  # a fact's or an event data item's text
MAX_ITEMS = 50  # facts of one case, data items of one event
# What one case may hold: an enforcement case with this many seized assets is already far beyond
# real ones, and each event re-evaluates the whole case while holding the store's write lock.
MAX_CASE_EVENTS = 20_000
# Unicode categories refused anywhere: controls (NUL, ESC, CR, LF, TAB ...), format characters
# (bidi overrides, zero-width), surrogates (bytes that were not UTF-8), private use, unassigned,
# line and paragraph separators.
_REFUSED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_CONTROL_NAMES = {
    "\n": Phrase("rec.char.newline"),
    "\r": Phrase("rec.char.return"),
    "\t": Phrase("rec.char.tab"),
    "\x00": Phrase("rec.char.nul"),
    "\x1b": Phrase("rec.char.escape"),
}
_NAME_RE = re.compile(r"[^\W\d][\w.-]*")
_PERIOD_LABEL = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])|-Q[1-4]|-H[12])?", re.ASCII)


def shown(value: object, limit: int = 40) -> Phrase | str:
    """A value as an error message quotes it: repr (controls and bad bytes escaped), cut short
    (the length of a long one said in the error's language)."""
    if isinstance(value, str) and len(value) > limit:
        return Phrase("rec.shown_long", {"head": repr(value[:limit]), "count": f"{len(value):,}"})
    return repr(value)


@lru_cache(maxsize=1024)
def what_text(what: str, name: str | None = None) -> Phrase:
    """The subject of a text-policy refusal: ``what`` is a ``rec.what.*`` key's last part
    ("note", "case_id"), ``name`` the fact or data item's name for "fact" and "data"."""
    return Phrase(f"rec.what.{what}", {} if name is None else {"name": name})


def check_text(what: Phrase, value: object, limit: int, *, optional: bool = False) -> str:
    """``value`` as the store keeps it, or a one-line :class:`StoreError` naming the fault
    (``what``: the text's name, from :func:`what_text`)."""
    if not isinstance(value, str):
        raise StoreError(key="rec.text.not_text", what=what, value=shown(value))
    if not value and optional:
        return value
    if not value.strip():
        raise StoreError(key="rec.text.empty", what=what, limit=limit)
    if len(value) > limit:
        raise StoreError(key="rec.text.too_long", what=what, value=shown(value), limit=limit)
    # isprintable() is False for every refused category (and for spaces other than " "), so a
    # printable value needs no look at each character: the common case, at C speed
    bad = (
        None
        if value.isprintable()
        else next((c for c in value if unicodedata.category(c) in _REFUSED), None)
    )
    if bad is not None:
        char = _CONTROL_NAMES.get(bad, Phrase("rec.char.other", {"code": f"{ord(bad):04X}"}))
        if "\ud800" <= bad <= "\udfff":
            char = Phrase("rec.char.not_utf8")
        raise StoreError(key="rec.text.refused_char", what=what, value=shown(value), char=char)
    if value != value.strip():
        raise StoreError(key="rec.text.spaces", what=what, value=shown(value))
    return value


def check_name(what: Phrase, name: object) -> str:
    """A fact name or event data key: a word (letters, digits, _ . -), not starting with a digit."""
    check_text(what, name, MAX_NAME)
    assert isinstance(name, str)
    if not _NAME_RE.fullmatch(name):
        raise StoreError(key="rec.text.not_a_name", what=what, value=shown(name))
    return name


def check_number(name: str, value: int | float) -> None:
    """A finite number within ±MAX_NUMBER (inf, nan and 1e400 match no rule sensibly)."""
    from deadlines.rules.conditions import number_problem

    problem = number_problem(value)
    if problem:
        raise StoreError(key="err.number.fact", name=name, problem=problem, max=f"{MAX_NUMBER:.0e}")


def check_facts_input(facts: Mapping[str, object]) -> None:
    """Names, texts and numbers of a case's facts (their types against the rules: check_facts)."""
    if len(facts) > MAX_ITEMS:
        raise StoreError(key="rec.too_many_facts", n=len(facts), limit=MAX_ITEMS)
    for name, value in facts.items():
        check_name(what_text("fact_name"), name)
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            check_number(name, value)
        else:
            check_text(what_text("fact", name), value, MAX_VALUE, optional=True)


def check_case_input(case_id: object, facts: Mapping[str, object], unit: object) -> None:
    check_case_id(case_id)
    if unit is not None and unit != "":
        check_text(what_text("unit"), unit, MAX_UNIT)
    check_facts_input(facts)


def check_event_input(
    et: EventType,
    on: dt.date,
    today: dt.date,
    *,
    note: object = "",
    data: Mapping[str, object] | None = None,
    supersedes: object = None,
    event_id: object = None,
) -> None:
    """Everything about one event that needs no other event: its date, note, data and ids."""
    check_event_date(et, on, today)
    if note != "":  # "" is the usual note, and fine
        check_text(what_text("note"), note, MAX_NOTE, optional=True)
    check_event_data(et, data or {})
    if supersedes is not None:
        check_text(what_text("superseded_id"), supersedes, MAX_ID + 12)
    if event_id is not None:
        check_text(what_text("event_id"), event_id, MAX_ID + 12)


def check_event_data(et: EventType, data: Mapping[str, object]) -> None:
    """Data keys the event type declares (rules/events.toml), each value text; a ``period`` is a
    length on an extension (10 days) and a period label elsewhere (2026-03, 2026-Q1, 2026-H1)."""
    if len(data) > MAX_ITEMS:
        raise StoreError(key="rec.too_many_data", n=len(data), limit=MAX_ITEMS)
    for key, value in data.items():
        check_name(what_text("data_key"), key)
        if key not in et.data:
            raise StoreError(
                key="rec.data.unknown",
                event=et.id,
                key_=key,
                hint=close_to(key, et.data),
                accepted=", ".join(sorted(et.data)) or Phrase("rec.data.none"),
            )
        check_text(what_text("data", key), value, MAX_VALUE)
        assert isinstance(value, str)
        if key == "period" and et.role == "extension":
            try:
                Period.parse(value)
            except PeriodError:
                raise StoreError(
                    key="rec.data.not_length", value=shown(value), event=et.id
                ) from None
        elif key == "period" and not _PERIOD_LABEL.fullmatch(value):
            raise StoreError(key="rec.data.not_label", value=shown(value), event=et.id)
    if et.role == "extension" and "period" not in data:
        raise StoreError(key="rec.data.needs_period", event=et.id)


# --- the event catalogue (rules/events.toml, owned by the rules) -------------------------------
@dataclass(frozen=True)
class EventType:
    id: str
    case_kinds: tuple[str, ...]
    future: bool = False
    role: str = ""
    data: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalogue:
    case_kinds: tuple[str, ...]
    events: Mapping[str, EventType] = field(default_factory=dict)
    # case kind -> fact the rules read -> the value families they compare it with
    facts: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)
    # case kind -> text fact -> the fixed set of values the rules compare it with
    choices: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)
    # case kind -> text fact -> every value the rules test it for with ``==`` (open or not)
    known: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)

    @cached_property
    def future(self) -> frozenset[str]:
        """The event types dated ahead (an expiry)."""
        return frozenset(t.id for t in self.events.values() if t.future)

    def check_facts(self, kind: str, facts: Mapping[str, FactValue]) -> None:
        """A fact the rules read must have the type they compare it with (amount_yuan=8,000,000
        is text, and would silently match no rule); a name one typo away from such a fact is
        refused. Other facts are descriptive and kept as given."""
        used = self.facts.get(kind, {})
        for name, value in facts.items():
            families = used.get(name)
            if families is None:
                close = difflib.get_close_matches(name, list(used), n=1, cutoff=0.75)
                if close:
                    raise StoreError(
                        key="rec.fact.not_read",
                        name=name,
                        close=close[0],
                        kind=kind,
                        a_kind=_a(kind),
                        read=", ".join(sorted(used)),
                    )
                continue
            family = _family(value)
            if family not in families:
                raise StoreError(
                    key="rec.fact.wrong_family",
                    name=name,
                    value=value,
                    family=Phrase(f"rec.family.{family}"),
                    kind=kind,
                    a_kind=_a(kind),
                    want=_either(sorted(families)),
                    example=_example(families),
                )
            allowed = self.choices.get(kind, {}).get(name)
            if allowed and value not in allowed:
                raise StoreError(
                    key="rec.fact.not_a_choice",
                    name=name,
                    value=value,
                    kind=kind,
                    a_kind=_a(kind),
                    hint=close_to(str(value), allowed),
                    accepted=", ".join(sorted(allowed)),
                )
            _refuse_near_miss(kind, name, value, self.known.get(kind, {}).get(name, frozenset()))

    def check_kind(self, kind: str) -> None:
        if kind not in self.case_kinds:
            raise StoreError(
                key="err.unknown_case_kind",
                kind=kind,
                hint=close_to(kind, self.case_kinds),
                accepted=", ".join(self.case_kinds),
            )

    def check_event(self, kind: str, etype: str) -> EventType:
        et = self.events.get(etype)
        if et is not None and kind in et.case_kinds:
            return et
        valid = [e.id for e in self.events.values() if kind in e.case_kinds]
        if et is None:
            short = [v for v in valid if v.rsplit(".", 1)[-1] == etype]
            raise StoreError(
                key="rec.event.unknown_type",
                etype=etype,
                hint=close_to(short[0], short) if short else close_to(etype, valid),
                kind=kind,
                a_kind=_a(kind),
                accepted=", ".join(valid),
            )
        if kind not in et.case_kinds:
            raise StoreError(
                key="rec.event.wrong_kind",
                etype=etype,
                kind=kind,
                a_kind=_a(kind),
                accepted=", ".join(valid),
            )
        return et


def _family(value: object) -> str:
    """A fact's comparison family (conditions.fact_family), in the words of an error message."""
    from deadlines.rules.conditions import fact_family

    return {"bool": "true/false", "number": "a number", "str": "text"}[fact_family(value)]


def _either(families: list[str]) -> Phrase:
    """The families a rule compares a fact as ("a number or text"), in the error's language."""
    first = Phrase(f"rec.family.{families[0]}")
    if len(families) == 1:
        return first
    return Phrase("rec.family.either", {"a": first, "b": _either(families[1:])})


def _example(families: frozenset[str]) -> str:
    return {"true/false": "true", "a number": "8000000", "text": "simple"}[sorted(families)[0]]


def _fact_families(rules: Any) -> dict[str, dict[str, frozenset[str]]]:
    from deadlines.rules.conditions import AllOf, AnyOf, Compare

    out: dict[str, dict[str, set[str]]] = {}

    def walk(kind: str, node: object) -> None:
        if isinstance(node, AllOf | AnyOf):
            for item in node.items:
                walk(kind, item)
        elif isinstance(node, Compare):
            values = node.value if isinstance(node.value, tuple) else (node.value,)
            out.setdefault(kind, {}).setdefault(node.fact, set()).update(map(_family, values))

    for rule in rules.rules:
        walk(rule.case_kind, rule.when)
    return {k: {f: frozenset(v) for f, v in d.items()} for k, d in out.items()}


def _refuse_near_miss(kind: str, name: str, value: FactValue, known: frozenset[str]) -> None:
    """An open text fact (lender: another bank is a real answer) whose value is one slip away
    from a value a rule tests for (local-legal-persn-bank) would silently match no rule: refused,
    with the value meant. A value that is merely different is kept."""
    if not isinstance(value, str) or not known or value in known:
        return
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.9)
    if close:
        raise StoreError(
            key="rec.fact.near_miss",
            name=name,
            value=value,
            close=close[0],
            kind=kind,
            a_kind=_a(kind),
        )


def _fact_texts(rules: Any) -> dict[tuple[str, str], set[str]]:
    """(case kind, fact) -> the text values rules test it for with ``==``."""
    from deadlines.rules.conditions import AllOf, AnyOf, Compare

    texts: dict[tuple[str, str], set[str]] = {}

    def walk(kind: str, node: object) -> None:
        if isinstance(node, AllOf | AnyOf):
            for item in node.items:
                walk(kind, item)
        elif isinstance(node, Compare) and node.op == "==" and isinstance(node.value, str):
            texts.setdefault((kind, node.fact), set()).add(node.value)

    for rule in rules.rules:
        walk(rule.case_kind, rule.when)
    return texts


def _fact_known(rules: Any) -> dict[str, dict[str, frozenset[str]]]:
    out: dict[str, dict[str, frozenset[str]]] = {}
    for (kind, fact), values in _fact_texts(rules).items():
        out.setdefault(kind, {})[fact] = frozenset(values)
    return out


def _fact_choices(rules: Any) -> dict[str, dict[str, frozenset[str]]]:
    """Text facts by which rules choose between variants: each rule tests the fact with ``==``
    against one value, and two or more values are used (property_complexity: simple or complex,
    one rule each). Any other value would match no variant, so it is a typing slip. A fact tested
    against one value only (lender == local-legal-person-bank), or with ``in`` (track in a list
    the rule says is open, 等), is open: another value is a real answer."""
    from deadlines.rules.conditions import AllOf, AnyOf, Compare

    texts: dict[tuple[str, str], set[str]] = {}
    open_ended: set[tuple[str, str]] = set()

    def walk(kind: str, node: object) -> None:
        if isinstance(node, AllOf | AnyOf):
            for item in node.items:
                walk(kind, item)
        elif isinstance(node, Compare):
            values = node.value if isinstance(node.value, tuple) else (node.value,)
            key = (kind, node.fact)
            if node.op == "==" and isinstance(node.value, str):
                texts.setdefault(key, set()).update(str(v) for v in values)
            else:
                open_ended.add(key)

    for rule in rules.rules:
        walk(rule.case_kind, rule.when)
    out: dict[str, dict[str, frozenset[str]]] = {}
    for (kind, fact), values in texts.items():
        if (kind, fact) not in open_ended and len(values) > 1:
            out.setdefault(kind, {})[fact] = frozenset(values)
    return out


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


@cache
def catalogue() -> Catalogue:
    """Case kinds and event types of the loaded rules (the plan's rules/events.toml plus any user
    rule folders in $DEADLINES_RULES), read once per process."""
    from deadlines.rules.engine import load_rules

    rules = load_rules()
    events = {
        e.id: EventType(
            id=e.id, case_kinds=tuple(e.case_kinds), future=e.future, role=e.role, data=e.data
        )
        for e in rules.events.values()
    }
    return Catalogue(
        tuple(rules.case_kinds),
        events,
        _fact_families(rules),
        _fact_choices(rules),
        _fact_known(rules),
    )


def check_case_id(case_id: object) -> None:
    check_text(what_text("case_id"), case_id, MAX_ID)
    assert isinstance(case_id, str)
    if "#" in case_id:
        raise StoreError(key="rec.case_id_hash", value=shown(case_id), limit=MAX_ID)


def check_event_date(et: EventType, on: dt.date, today: dt.date) -> None:
    """Events have happened (today in China at the latest), except those the catalogue marks
    ``future`` (a licence's expiry), which may lie up to FUTURE_BOUND_YEARS ahead."""
    if on <= today and on.year >= FIRST_YEAR:  # the usual case: the bound below lies ahead
        return
    if not et.future and on > today:
        raise StoreError(
            key="rec.event.future", event=et.id, on=on.isoformat(), today=today.isoformat()
        )
    if on.year < FIRST_YEAR:
        raise StoreError(
            key="rec.event.too_early", event=et.id, on=on.isoformat(), first=FIRST_YEAR
        )
    limit = today.replace(year=today.year + FUTURE_BOUND_YEARS, day=min(today.day, 28))
    if on > limit:
        raise StoreError(
            key="rec.event.too_far",
            event=et.id,
            on=on.isoformat(),
            years=FUTURE_BOUND_YEARS,
            limit=limit.isoformat(),
        )


def check_case_size(case_id: str, events: int) -> None:
    """A case holds at most MAX_CASE_EVENTS events (corrections included)."""
    if events > MAX_CASE_EVENTS:
        raise StoreError(
            key="rec.case.too_big", case=case_id, n=f"{events:,}", limit=f"{MAX_CASE_EVENTS:,}"
        )


def _check_renewals(case: Case, new_ids: Collection[str]) -> None:
    """A second event of a type dated ahead (an expiry) is a renewal of the case's licence: it
    must be later than the current one. An earlier or equal date is a correction instead."""
    future = catalogue().future
    for e in case.events:
        if e.id not in new_ids or e.type not in future:
            continue
        current = max(
            (o for o in case.events if o.type == e.type and o.id not in new_ids),
            key=lambda o: o.on,
            default=None,
        )
        if current is not None and e.on <= current.on:
            raise StoreError(
                key="rec.case.renewal_not_later",
                case=case.id,
                etype=e.type,
                on=current.on.isoformat(),
                old=current.id,
            )


def _check_closings(case: Case, new_ids: Collection[str]) -> None:
    """A new close needs the case open on its date, a new reopen needs it closed: judged, as
    LAST_CLOSING does, by the latest close or reopen dated up to that day (corrections applied;
    the events come in date order, recording order within a day)."""
    closed: Event | None = None
    for e in case.events:
        if e.type not in (CLOSE_EVENT, REOPEN_EVENT):
            continue
        if e.id in new_ids:
            if e.type == REOPEN_EVENT and closed is None:
                raise StoreError(key="rec.case.not_closed", case=case.id, on=e.on.isoformat())
            if e.type == CLOSE_EVENT and closed is not None:
                raise StoreError(
                    key="rec.case.already_closed",
                    case=case.id,
                    closed=closed.on.isoformat(),
                    old=closed.id,
                )
        closed = e if e.type == CLOSE_EVENT else None


def check_case_events(case: Case, new_ids: Collection[str] = ()) -> None:
    """The case's effective events in a sensible order: nothing before the event that opens the
    case, and one opening event (a second one is a correction: use --supersedes). ``new_ids``:
    the events being added, so that the advice names one already recorded."""
    opening = OPENING_EVENT.get(case.kind)
    etype = opening[0] if opening is not None else None
    future = catalogue().future
    opens: list[Event] = []
    renewals = closings = False
    for e in case.events:  # one pass: this runs for every case an import writes
        t = e.type
        if t in future:
            renewals = True
        if t in (CLOSE_EVENT, REOPEN_EVENT):
            closings = True
        if t == etype:
            opens.append(e)
    if renewals:
        _check_renewals(case, new_ids)
    if closings:
        _check_closings(case, new_ids)
    if opening is None:
        return
    etype, exempt = opening
    if len(opens) > 1:
        old = next((e for e in opens if e.id not in new_ids), opens[0])
        raise StoreError(
            key="rec.case.second_opening",
            case=case.id,
            etype=etype,
            on=old.on.isoformat(),
            old=old.id,
        )
    if not opens:
        return
    start = opens[0].on
    for e in case.events:
        if e.type != etype and e.type not in exempt and e.on < start:
            raise StoreError(
                key="rec.event.before_trigger",
                event=e.type,
                on=e.on.isoformat(),
                trigger=etype,
                start=start.isoformat(),
            )
