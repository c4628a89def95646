"""An obligation's basis is stored as the compact JSON object deadlines.store.basis describes.
basis.dump puts that text together itself (json.dumps is ~3 us a call, a third of all obligations
have one): for any basis it must be the very text json.dumps makes of that object, and read back
as the same basis."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from deadlines.model import Basis
from deadlines.store import basis

days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
# any text, lone surrogates (bytes that were not UTF-8), quotes, backslashes and controls too
texts = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
bases = st.builds(
    Basis,
    period=st.just("20 working days"),
    direction=st.sampled_from(["from", "before"]),
    deductions=st.lists(st.tuples(days, days), max_size=3).map(tuple),
    extensions=st.lists(texts, max_size=3).map(tuple),
    chain=st.none() | st.tuples(texts, days),
    gate=st.booleans(),
    renewed=st.none() | st.tuples(days, texts),
    cap=st.none() | st.tuples(texts, days, days),
    paused=st.booleans(),
    span=st.none() | st.tuples(days, days),
    anchor=texts,
    candidates=st.lists(st.tuples(texts, days), max_size=3).map(tuple),
)


def described(b: Basis) -> dict[str, Any]:
    """The object of the module docstring, key by key."""
    out: dict[str, Any] = {}
    if b.deductions:
        out["d"] = [[a.isoformat(), z.isoformat()] for a, z in b.deductions]
    if b.extensions:
        out["x"] = list(b.extensions)
    if b.chain is not None:
        out["c"] = [b.chain[0], b.chain[1].isoformat()]
    if b.gate:
        out["g"] = 1
    if b.renewed is not None:
        out["r"] = [b.renewed[0].isoformat(), b.renewed[1]]
    if b.cap is not None:
        out["k"] = [b.cap[0], b.cap[1].isoformat(), b.cap[2].isoformat()]
    if b.paused:
        out["z"] = 1
    if b.span is not None:
        out["s"] = [b.span[0].isoformat(), b.span[1].isoformat()]
    if b.anchor:
        out["a"] = b.anchor
    if b.candidates:
        out["u"] = [[rule, due.isoformat()] for rule, due in b.candidates]
    return out


@given(bases)
def test_the_stored_text_is_json_dumps_of_the_described_object(b: Basis) -> None:
    out = described(b)
    expected = json.dumps(out, ensure_ascii=False, separators=(",", ":")) if out else ""
    assert basis.dump(b) == expected
    assert basis.load(basis.dump(b), b.period, b.direction) == b


def test_the_usual_shapes_as_stored() -> None:
    chain = Basis(chain=("enforcement.network-query", dt.date(2025, 7, 11)), gate=True)
    assert basis.dump(chain) == '{"c":["enforcement.network-query","2025-07-11"],"g":1}'
    quoted = Basis(extensions=('1 "month"\\', "一个月\x1b"), anchor="calendar")
    assert basis.dump(quoted) == '{"x":["1 \\"month\\"\\\\","一个月\\u001b"],"a":"calendar"}'
    assert basis.dump(Basis()) == ""
    assert basis.dump(None) is None
