"""Every rule of the plan against dates worked out by hand (tests/data/rule_dates.csv).

The expected dates come from the law (docs/counting.md) and the published 2025/2026 calendars
(docs/time-limits.md §2.6, docs/ningxia-holidays.md), counted by hand; the ``working`` column of the table
shows each count. Each row runs through both matchers: durable-rules (where it imports) and the
pure-Python one.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import read_table

from deadlines.model import Case, Event, FactValue
from deadlines.rules import RuleSet, load_rules
from deadlines.rules.engine import Engine
from deadlines.rules.matching import DurableMatcher, PythonMatcher, durable_available

ROWS = read_table("rule_dates.csv")


def parse_value(v: str) -> FactValue:
    if v in ("true", "false"):
        return v == "true"
    try:
        return int(v)
    except ValueError:
        return v


def parse_facts(text: str) -> dict[str, FactValue]:
    pairs = (p.strip().partition("=") for p in text.split(";") if p.strip())
    return {k: parse_value(v) for k, _, v in pairs}


def parse_events(text: str) -> tuple[Event, ...]:
    """``type@YYYY-MM-DD[k=v|k=v]; ...``"""
    out = []
    for i, item in enumerate(p.strip() for p in text.split(";") if p.strip()):
        head, _, data = item.partition("[")
        etype, _, day = head.partition("@")
        pairs = (kv.partition("=") for kv in data.rstrip("]").split("|") if kv)
        out.append(
            Event(etype, dt.date.fromisoformat(day), id=f"e{i}", data={k: v for k, _, v in pairs})
        )
    return tuple(out)


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(use_env=False)


@pytest.fixture(scope="module", params=["python", "durable"])
def engine(request: pytest.FixtureRequest, rules: RuleSet) -> Engine:
    if request.param == "durable":
        if not durable_available():
            pytest.skip("durable-rules cannot import on this Python")
        return Engine(rules, DurableMatcher(rules))
    return Engine(rules, PythonMatcher(rules))


@pytest.mark.parametrize("row", ROWS, ids=[r["case"] for r in ROWS])
def test_hand_worked_date(engine: Engine, row: dict[str, str]) -> None:
    kind = engine.rules.get(row["rule_id"]).case_kind
    case = Case(row["case"], kind, parse_facts(row["facts"]), None, parse_events(row["events"]))
    as_of = dt.date.fromisoformat(row["as_of"])
    found = [
        o
        for o in engine.evaluate(case, as_of)
        if o.rule_id == row["rule_id"] and o.instance == row["instance"]
    ]
    if not row["due"]:
        assert found == [], row["working"]
        return
    assert len(found) == 1, f"{row['case']}: {[o.rule_id for o in engine.evaluate(case, as_of)]}"
    o = found[0]
    assert o.due == dt.date.fromisoformat(row["due"]), (row["working"], o.steps)
    assert o.status == row["status"], o.steps
    assert o.days_overdue == int(row["days"])
    assert o.provisional is (row["provisional"] == "true")


def test_every_rule_of_the_plan_has_a_hand_worked_date(rules: RuleSet) -> None:
    covered = {r["rule_id"] for r in ROWS if r["due"]}
    # the national cap emits nothing itself: the l62b-* rows check it through start-pricing
    wanted = {r.id for r in rules.rules if r.enabled and r.emit}
    assert wanted - covered == set()


def test_every_row_of_time_limits_is_a_rule_or_a_note(rules: RuleSet) -> None:
    refs = {r.ref for r in rules.rules} | {n.ref for n in rules.notes}
    table = {"H1", "L17a", "L17b", "L20", "L45a", "L45b", "L48", "L51a", "L51b", "L54"}
    table |= {"L62a", "L62b", "L62c", "L62d", "L62e", "L63a", "L63b", "L63c", "L63d"}
    table |= {"L65a", "L65b", "L65c", "L-S3"}
    assert table - refs == set()
