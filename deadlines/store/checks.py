"""What the store accepts: case kinds, event types and facts from the loaded rules, and the
order and dates of a case's events. Every refusal is a one-line :class:`StoreError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from deadlines.errors import StoreError
from deadlines.model import Case, FactValue
from deadlines.rules.conditions import fact_family

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


# --- the event catalogue (rules/events.toml, owned by the rules) -------------------------------
@dataclass(frozen=True)
class EventType:
    id: str
    case_kinds: tuple[str, ...]
    future: bool = False
    role: str = ""


@dataclass(frozen=True)
class Catalogue:
    case_kinds: tuple[str, ...]
    events: Mapping[str, EventType] = field(default_factory=dict)
    # case kind -> fact the rules read -> the value families they compare it with
    facts: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)

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
                        f"fact {name!r} is not read by the rules of {_a(kind)} case (did you mean "
                        f"{close[0]!r}?); the rules read: {', '.join(sorted(used))}"
                    )
                continue
            family = _family(value)
            if family not in families:
                want = " or ".join(sorted(families))
                raise StoreError(
                    f"fact {name}={value!r} is {family}, but the rules of {_a(kind)} case compare "
                    f"it as {want}; e.g. {name}={_example(families)}"
                )

    def check_kind(self, kind: str) -> None:
        if kind not in self.case_kinds:
            raise StoreError(
                f"unknown case kind {kind!r}{_did_you_mean(kind, self.case_kinds)}; "
                f"accepted: {', '.join(self.case_kinds)}"
            )

    def check_event(self, kind: str, etype: str) -> EventType:
        et = self.events.get(etype)
        if et is not None and kind in et.case_kinds:
            return et
        valid = [e.id for e in self.events.values() if kind in e.case_kinds]
        if et is None:
            short = [v for v in valid if v.rsplit(".", 1)[-1] == etype]
            hint = f" (did you mean {short[0]!r}?)" if short else _did_you_mean(etype, valid)
            raise StoreError(
                f"unknown event type {etype!r}{hint}; accepted for {_a(kind)} case: "
                f"{', '.join(valid)}"
            )
        if kind not in et.case_kinds:
            raise StoreError(
                f"event type {etype!r} does not apply to {_a(kind)} case; accepted: "
                f"{', '.join(valid)}"
            )
        return et


def _family(value: object) -> str:
    """A fact's comparison family (conditions.fact_family), in the words of an error message."""
    return {"bool": "true/false", "number": "a number", "str": "text"}[fact_family(value)]


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


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


@cache
def catalogue() -> Catalogue:
    """Case kinds and event types of the loaded rules (the plan's rules/events.toml plus any user
    rule folders in $DEADLINES_RULES), read once per process."""
    from deadlines.rules.engine import load_rules

    rules = load_rules()
    events = {
        e.id: EventType(id=e.id, case_kinds=tuple(e.case_kinds), future=e.future, role=e.role)
        for e in rules.events.values()
    }
    return Catalogue(tuple(rules.case_kinds), events, _fact_families(rules))


def check_case_id(case_id: str) -> None:
    if not case_id or case_id != case_id.strip() or any(c in case_id for c in "\n\r\t#"):
        raise StoreError(
            f"bad case id {case_id!r}; accepted: a non-empty id without tabs, newlines or '#'"
        )


def check_event_date(et: EventType, on: dt.date, today: dt.date) -> None:
    """Events have happened (today in China at the latest), except those the catalogue marks
    ``future`` (a licence's expiry), which may lie up to FUTURE_BOUND_YEARS ahead."""
    if not et.future and on > today:
        raise StoreError(
            f"event {et.id} dated {on.isoformat()} is in the future (today in China is "
            f"{today.isoformat()}); record it when it has happened"
        )
    limit = today.replace(year=today.year + FUTURE_BOUND_YEARS, day=min(today.day, 28))
    if on > limit:
        raise StoreError(
            f"event {et.id} dated {on.isoformat()} is more than {FUTURE_BOUND_YEARS} years ahead "
            f"(latest accepted: {limit.isoformat()}); check the year"
        )


def check_case_events(case: Case, new_ids: Collection[str] = ()) -> None:
    """The case's effective events in a sensible order: nothing before the event that opens the
    case, and one opening event (a second one is a correction: use --supersedes). ``new_ids``:
    the events being added, so that the advice names one already recorded."""
    opening = OPENING_EVENT.get(case.kind)
    if opening is None:
        return
    etype, exempt = opening
    opens = [e for e in case.events if e.type == etype]
    if len(opens) > 1:
        old = next((e for e in opens if e.id not in new_ids), opens[0])
        raise StoreError(
            f"case {case.id} already has {etype} on {old.on.isoformat()} (event "
            f"{old.id}); to correct it, add the new one with --supersedes {old.id}"
        )
    if not opens:
        return
    start = opens[0].on
    for e in case.events:
        if e.type != etype and e.type not in exempt and e.on < start:
            raise StoreError(
                f"event {e.type} dated {e.on.isoformat()} is before the case's trigger "
                f"{etype} on {start.isoformat()}; check the dates"
            )
