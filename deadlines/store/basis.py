"""How an obligation's :class:`~deadlines.model.Basis` is written in the store, and read back.

A rule version's period and direction are the same for all its obligations, so they are stored
once per rule version (``rule_versions``); each obligation keeps only what is its own, as a compact
JSON object of the keys it needs (most obligations need none: an empty string).

    d: deductions [[from, to], ...]     x: extensions ["1 month", ...]
    c: chain [rule, completed on]       g: 1 when the chain only gates a rule with its own trigger
    k: cap [rule, trigger, due]         z: 1 while a pause is open
    r: renewal [previous expiry, event]
    s: recurring period [first, last]   a: recurring anchor
    u: an undetermined duty's candidates [[rule, due], ...]
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any, Literal

from deadlines.model import Basis

_PLAIN = ""
# a text as JSON writes it with ensure_ascii=False (quoted, escaped), in C
_text: Callable[[str], str] = encode_basestring


def dump(basis: Basis | None) -> str | None:
    """The obligation's own part of ``basis`` (None: a duty whose inputs were never recorded):
    the text json.dumps(..., ensure_ascii=False, separators=(",", ":")) makes of the object the
    module docstring describes, put together here (a third of all obligations have one, and
    json.dumps costs ~3 us each). Dates are ISO text, which JSON writes as it is."""
    if basis is None:
        return None
    out: list[str] = []
    if basis.deductions:
        out.append(f'"d":[{",".join(f"[{_day(a)},{_day(b)}]" for a, b in basis.deductions)}]')
    if basis.extensions:
        out.append(f'"x":[{",".join(map(_text, basis.extensions))}]')
    if basis.chain is not None:
        out.append(f'"c":[{_text(basis.chain[0])},{_day(basis.chain[1])}]')
    if basis.gate:
        out.append('"g":1')
    if basis.renewed is not None:
        out.append(f'"r":[{_day(basis.renewed[0])},{_text(basis.renewed[1])}]')
    if basis.cap is not None:
        rule, trigger, due = basis.cap
        out.append(f'"k":[{_text(rule)},{_day(trigger)},{_day(due)}]')
    if basis.paused:
        out.append('"z":1')
    if basis.span is not None:
        out.append(f'"s":[{_day(basis.span[0])},{_day(basis.span[1])}]')
    if basis.anchor:
        out.append(f'"a":{_text(basis.anchor)}')
    if basis.candidates:
        out.append(f'"u":[{",".join(f"[{_text(r)},{_day(d)}]" for r, d in basis.candidates)}]')
    return f"{{{','.join(out)}}}" if out else _PLAIN


def _day(day: dt.date) -> str:
    return f'"{day.isoformat()}"'


def load(stored: str | None, period: str | None, direction: str | None) -> Basis | None:
    """The Basis of a stored row, with its rule version's ``period`` and ``direction``."""
    if stored is None:
        return None
    way: Literal["from", "before"] = "before" if direction == "before" else "from"
    if stored == _PLAIN:
        return Basis(period=period or "", direction=way)
    raw: dict[str, Any] = json.loads(stored)
    day = dt.date.fromisoformat
    chain, cap, span, renewed = raw.get("c"), raw.get("k"), raw.get("s"), raw.get("r")
    return Basis(
        period=period or "",
        direction=way,
        deductions=tuple((day(a), day(b)) for a, b in raw.get("d", ())),
        extensions=tuple(raw.get("x", ())),
        chain=(chain[0], day(chain[1])) if chain else None,
        gate=bool(raw.get("g")),
        renewed=(day(renewed[0]), renewed[1]) if renewed else None,
        cap=(cap[0], day(cap[1]), day(cap[2])) if cap else None,
        paused=bool(raw.get("z")),
        span=(day(span[0]), day(span[1])) if span else None,
        anchor=raw.get("a", ""),
        candidates=tuple((rule, day(due)) for rule, due in raw.get("u", ())),
    )
