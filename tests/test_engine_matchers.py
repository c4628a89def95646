"""durable-rules and the pure-Python matcher agree; the engine's behaviour beyond single dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deadlines
from deadlines.calendars import layers, yearfiles
from deadlines.model import Basis, Case, Event, Obligation
from deadlines.rules import RuleSet, load_rules
from deadlines.rules.conditions import AllOf, Compare, parse_condition
from deadlines.rules.engine import Engine, evaluate, evaluate_many
from deadlines.rules.explain import obligation_steps
from deadlines.rules.matching import (
    DurableMatcher,
    MatcherError,
    PythonMatcher,
    default_matcher,
    durable_available,
    make_matcher,
)

needs_durable = pytest.mark.skipif(not durable_available(), reason="durable-rules cannot import")

RULES = load_rules(use_env=False)
FACT_NAMES = sorted({f for r in RULES.rules for f in r.facts} | {"other"})
VALUES = st.one_of(
    st.booleans(),
    st.sampled_from([0, 1, 9_999_999, 10_000_000, 10_000_001, 10_000_000.5, -1]),
    st.sampled_from(
        ["local-legal-person-bank", "no-asset", "enforcement-to-bankruptcy", "simple", "complex"]
    ),
    st.sampled_from(["", "true", "10000000", "其他"]),
)
FACTS = st.dictionaries(st.sampled_from(FACT_NAMES), VALUES, max_size=6)


@pytest.fixture(scope="module")
def durable() -> DurableMatcher:
    if not durable_available():
        pytest.skip("durable-rules cannot import")
    return DurableMatcher(RULES)


@needs_durable
@settings(max_examples=400, deadline=None)
@given(kind=st.sampled_from(sorted(RULES.case_kinds)), facts=FACTS)
def test_durable_and_python_match_the_same_rules(kind: str, facts: dict[str, object]) -> None:
    assert _durable().match(kind, facts) == _python().match(kind, facts)  # type: ignore[arg-type]


@functools.cache
def _durable() -> DurableMatcher:
    return DurableMatcher(RULES)


@functools.cache
def _python() -> PythonMatcher:
    return PythonMatcher(RULES)


@needs_durable
@pytest.mark.parametrize(
    "facts",
    [
        {"lender": "local-legal-person-bank", "amount_yuan": 10_000_000},
        {"lender": "local-legal-person-bank", "amount_yuan": 10_000_000.0},
        {"lender": "local-legal-person-bank", "amount_yuan": "10000000"},  # text is not a number
        {"lender": "local-legal-person-bank", "amount_yuan": True},  # nor is a boolean
        {"manufacturing": 1},  # 1 is not true
        {"needs_reference_price": False, "property_complexity": "simple"},
        {"track": "no-asset"},
        {"simplified": True, "track": "ordinary"},
    ],
)
def test_edge_facts_agree(durable: DurableMatcher, facts: dict[str, object]) -> None:
    python = PythonMatcher(RULES)
    for kind in RULES.case_kinds:
        assert durable.match(kind, facts) == python.match(kind, facts)  # type: ignore[arg-type]


@needs_durable
def test_durable_keeps_no_state_per_case(durable: DurableMatcher) -> None:
    from durable import lang

    for i in range(500):
        durable.match("loan", {"lender": "local-legal-person-bank", "amount_yuan": i})
    assert lang.get_host().get_facts(durable.ruleset) == []


def test_durable_cannot_be_forced_where_it_does_not_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("deadlines.rules.matching.durable_available", lambda: False)
    with pytest.raises(MatcherError, match="use matcher 'python' or 'auto'"):
        make_matcher("durable", RULES)
    assert make_matcher("auto", RULES).name == "python"


def cpython_313() -> str | None:
    """A CPython 3.13 that really starts, found as .ci/run finds it ($DEADLINES_ALSO_PY, then
    python3.13 on the PATH, then pyenv's), or None where the machine has none."""
    home = Path.home()
    candidates = [
        os.environ.get("DEADLINES_ALSO_PY"),
        shutil.which("python3.13"),
        *sorted(str(p) for p in home.glob(".pyenv/versions/3.13*/bin/python3")),
        *sorted(str(p) for p in Path("/root").glob(".pyenv/versions/3.13*/bin/python3")),
    ]
    check = "import sys; sys.exit(sys.version_info[:2] != (3, 13))"
    for c in candidates:
        if not c or not os.access(c, os.X_OK):
            continue
        if subprocess.run([c, "-c", check], capture_output=True, timeout=30).returncode == 0:
            return c
    return None


def test_the_fallback_runs_without_durable_on_python_313() -> None:
    """On CPython 3.13 durable-rules cannot import: the engine falls back to the pure-Python
    matcher. Run here when this is 3.13 (CI's second run), else in a 3.13 found on the machine."""
    if sys.version_info[:2] == (3, 13):
        assert not durable_available()
        assert default_matcher(RULES).name == "python"
        return
    found = cpython_313()
    if found is None:
        pytest.skip("no CPython 3.13 on this machine (python3.13, pyenv, $DEADLINES_ALSO_PY)")
    py = Path(found)
    root = Path(__file__).resolve().parent.parent
    code = (
        # the project's pure-Python dependencies come from this venv, after 3.13's own packages,
        # so that durable-rules is 3.13's build (which fails to import) and nothing else is missing
        "import sys; sys.path.insert(0, sys.argv[1]); sys.path.append(sys.argv[2]);"
        "from deadlines.rules.matching import durable_available, default_matcher;"
        "from deadlines.rules import load_rules;"
        "r = load_rules(use_env=False); m = default_matcher(r);"
        "print(durable_available(), m.name, m.match('loan', {'lender': 'local-legal-person-bank', 'amount_yuan': 1}))"
    )
    site = next((root / ".venv" / "lib").glob("python3.*/site-packages"), None)
    if site is None:
        pytest.skip("no project venv to borrow the pure-Python dependencies from")
    out = subprocess.run(
        [str(py), "-c", code, str(root), str(site)], capture_output=True, text=True, timeout=120
    )
    if out.returncode != 0 and "No module named" in out.stderr:
        pytest.skip(f"the 3.13 venv lacks a dependency: {out.stderr.strip().splitlines()[-1]}")
    assert out.stdout.split() == ["False", "python", "('credit.small-loan',)"], out.stderr


# -- the condition language ----------------------------------------------------------------------


def test_conditions_compare_within_one_type_family() -> None:
    le = Compare("amount", "<=", 10)
    assert le.holds({"amount": 10}) and le.holds({"amount": 9.5})
    assert not le.holds({"amount": "5"}) and not le.holds({"amount": True}) and not le.holds({})
    ne = Compare("bank", "!=", "a")
    assert ne.holds({"bank": "b"}) and not ne.holds({"bank": 1}) and not ne.holds({})
    assert Compare("x", "==", True, default=True).holds({})


def test_condition_round_trips_through_its_data() -> None:
    data = {
        "all": [
            {"fact": "lender", "op": "==", "value": "local-legal-person-bank"},
            {
                "any": [
                    {"fact": "n", "op": "in", "value": [1, 2]},
                    {"fact": "b", "op": "==", "value": True, "default": False},
                ]
            },
        ]
    }
    cond = parse_condition(data)
    assert isinstance(cond, AllOf)
    assert parse_condition(cond.to_data()) == cond
    assert cond.to_data() == data


# -- the engine --------------------------------------------------------------------------------

D = dt.date


def test_evaluate_is_deterministic_and_the_public_api() -> None:
    case = Case(
        "E1",
        "enforcement",
        {"property_complexity": "simple"},
        "市中级人民法院执行局",
        (
            Event("enforcement.property-seized", D(2026, 3, 2), data={"asset": "A"}),
            Event("enforcement.property-seized", D(2026, 3, 3), data={"asset": "B"}),
            Event("enforcement.filed", D(2026, 2, 27)),
        ),
    )
    a = deadlines.evaluate(case, D(2026, 3, 10))
    b = evaluate(case, D(2026, 3, 10))
    assert a == b
    assert [(o.rule_id, o.instance) for o in a] == [
        ("enforcement.ascertain-property", "A"),
        ("enforcement.ascertain-property", "B"),
        ("enforcement.network-query", ""),
    ]
    o = a[0]
    assert o.unit == "市中级人民法院执行局" and o.kind == "deadline"
    assert o.rule_version == RULES.get(o.rule_id).version
    assert o.calendar == "cn-nx" and o.calendar_version.startswith("cn-nx@")
    steps = obligation_steps(o, "en", D(2026, 3, 10))
    assert steps[0].startswith("Rule enforcement.ascertain-property (L62a), clause 二.十二.62")


def test_events_after_as_of_have_not_happened_yet() -> None:
    case = Case(
        "L1",
        "loan",
        {"lender": "local-legal-person-bank", "amount_yuan": 1},
        events=(
            Event("loan.application-received", D(2026, 3, 2)),
            Event("loan.decided", D(2026, 3, 20)),
        ),
    )
    (before,) = evaluate(case, D(2026, 3, 10))
    (after,) = evaluate(case, D(2026, 3, 20))
    assert before.status == "pending" and before.completed_on is None
    assert after.status == "met_on_time" and after.completed_on == D(2026, 3, 20)


def test_a_licence_expiry_in_the_future_still_counts() -> None:
    case = Case("P1", "licence", events=(Event("licence.expires", D(2026, 10, 31)),))
    got = {o.rule_id: (o.due, o.status) for o in evaluate(case, D(2026, 1, 5))}
    # 10-31 - 60 = 09-01 (Tue); 10-31 - 30 = 10-01, 国庆 rest: back to 09-30 (Wed)
    assert got == {
        "licence.remind-60": (D(2026, 9, 1), "pending"),
        "licence.remind-30": (D(2026, 9, 30), "pending"),
    }


def test_both_dates_of_item_62_are_named_in_the_explanation() -> None:
    case = Case(
        "E2",
        "enforcement",
        events=(
            Event("enforcement.property-seized", D(2026, 3, 2), data={"asset": "A"}),
            Event("enforcement.property-ascertained", D(2026, 3, 27), data={"asset": "A"}),
        ),
    )
    (o,) = [x for x in evaluate(case, D(2026, 3, 30)) if x.rule_id == "enforcement.start-pricing"]
    text = "\n".join(obligation_steps(o, "en", D(2026, 3, 30)))
    assert "enforcement.pricing-national-cap" in text and "2026-04-03" in text
    assert "the cap binds: due 2026-04-01" in text
    assert "以该上限为准：2026-04-01(星期三) 到期" in "\n".join(
        obligation_steps(o, "zh", D(2026, 3, 30))
    )


def test_an_evaluation_leaves_no_cyclic_garbage() -> None:
    # a chain, a cap and an undetermined family (no property_complexity) share one memo of
    # instances per case: freed when the evaluation returns, never left for the gc to find
    case = Case(
        "E3",
        "enforcement",
        events=(
            Event("enforcement.property-seized", D(2026, 3, 2), data={"asset": "A"}),
            Event("enforcement.property-ascertained", D(2026, 3, 27), data={"asset": "A"}),
            Event("enforcement.appraisal-entrusted", D(2026, 3, 30), data={"asset": "A"}),
        ),
    )
    engine = Engine(RULES, PythonMatcher(RULES))
    engine.evaluate(case, D(2026, 4, 1))  # warm the engine's own caches
    gc.collect()
    gc.disable()
    try:
        got = engine.evaluate_many([case, case], D(2026, 4, 1))
        assert not engine.completes(case, ["enforcement.appraisal-simple"], "A", D(2026, 4, 1))
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert {o.status for o in got[0]} >= {"undetermined"}
    assert any(o.basis is not None and o.basis.cap for o in got[0])


def test_a_bad_extension_period_names_the_event() -> None:
    case = Case(
        "B1",
        "bankruptcy",
        {"track": "no-asset"},
        events=(
            Event("bankruptcy.accepted", D(2026, 1, 5)),
            Event("court.extended", D(2026, 2, 1), data={"period": "a while"}),
        ),
    )
    with pytest.raises(
        deadlines.PeriodError, match=r"event court\.extended on 2026-02-01: data period 'a while'"
    ):
        evaluate(case, D(2026, 2, 2))


def test_a_case_of_an_unknown_kind_has_no_obligations() -> None:
    assert evaluate(Case("X", "no-such-kind"), D(2026, 1, 5)) == []


def test_the_match_cache_is_bounded() -> None:
    engine = Engine(RULES, PythonMatcher(RULES), cache=8)
    for i in range(100):
        engine.applicable("loan", {"lender": "local-legal-person-bank", "amount_yuan": i})
    assert len(engine._matches) <= 8


def test_a_custom_rule_set_and_matcher_can_be_passed() -> None:
    rules: RuleSet = load_rules(use_env=False)
    case = Case(
        "T",
        "vat-refund",
        {"manufacturing": True},
        events=(Event("vat-refund.accepted", D(2026, 9, 30)),),
    )
    got = evaluate(case, D(2026, 10, 1), rules=rules, matcher=PythonMatcher(rules))
    # 2 wd after 09-30: 10-08, 10-09; 10 wd: 10-20 (tests/data/rule_dates.csv l51a, l51b)
    assert [(o.rule_id, o.due) for o in got] == [
        ("tax.vat-credit-refund", D(2026, 10, 20)),
        ("tax.vat-credit-refund-manufacturing", D(2026, 10, 9)),
    ]


def test_every_obligation_is_what_its_constructor_builds() -> None:
    # the engine builds obligations and their bases without calling their constructors (a fifth
    # of the time): each, undetermined ones included, must have every field and equal the
    # constructor's object
    cases = [
        Case("L1", "loan", {}, None, (Event("loan.application-received", D(2026, 3, 2)),)),
        Case("S1", "supervision", {}, "某县", (Event("supervision.duty-started", D(2026, 1, 5)),)),
        Case(
            "B1",
            "bankruptcy",
            {"track": "no-asset"},
            events=(
                Event("bankruptcy.accepted", D(2026, 1, 5)),
                Event("court.suspended", D(2026, 2, 2)),
            ),
        ),
        Case(
            "E4",
            "enforcement",
            {"property_complexity": "simple"},
            events=(
                Event("enforcement.property-seized", D(2026, 3, 2), data={"asset": "A"}),
                Event("enforcement.property-ascertained", D(2026, 3, 27), data={"asset": "A"}),
            ),
        ),
    ]
    names = [f.name for f in dataclasses.fields(Obligation)]
    basis_names = [f.name for f in dataclasses.fields(Basis)]
    statuses = set()
    for case in cases:
        for ob in evaluate(case, D(2026, 4, 1)):
            assert list(vars(ob)) == names
            assert Obligation(**vars(ob)) == ob
            assert ob.basis is not None and sorted(vars(ob.basis)) == sorted(basis_names)
            assert Basis(**vars(ob.basis)) == ob.basis
            statuses.add(ob.status)
    assert {"undetermined", "overdue", "paused"} <= statuses
    # the store's batches give each case what one call gives it
    assert evaluate_many(cases, D(2026, 4, 1)) == [evaluate(c, D(2026, 4, 1)) for c in cases]


def _network_query(engine: Engine) -> tuple[dt.date | None, bool]:
    case = Case("E3", "enforcement", events=(Event("enforcement.filed", D(2027, 1, 3)),))
    (o,) = [
        x for x in engine.evaluate(case, D(2027, 1, 3)) if x.rule_id == "enforcement.network-query"
    ]
    # the obligation names the version of the calendar it was counted with, the one in force
    assert o.calendar_version == layers.calendar("cn-nx").data_version
    return o.due, o.provisional


def test_an_engine_counts_with_the_calendar_in_force(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # an engine keeps its calendars and dates between cases, never past a change of
    # $DEADLINES_CALENDARS or an import of holiday data (calendar import-notice resets them)
    monkeypatch.setattr(yearfiles, "_store_dir", None)  # no store's folder stands in for it
    engine = Engine(RULES, PythonMatcher(RULES))
    # Sun 2027-01-03 + 1 working day = Mon 01-04, 2027 having no notice yet (provisional)
    assert _network_query(engine) == (D(2027, 1, 4), True)
    (tmp_path / "cn").mkdir()
    year = tmp_path / "cn" / "2027.toml"
    year.write_text(
        'year = 2027\ncalendar = "cn"\ndocument = "TEST FIXTURE - not a real notice"\n'
        'confidence = "official"\nrest = [{ date = 2027-01-04, name = "test holiday" }]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("DEADLINES_CALENDARS", str(tmp_path))
    # the folder's 2027 rests on Mon 01-04: Tue 01-05, from a published year
    assert _network_query(engine) == (D(2027, 1, 5), False)
    year.write_text(year.read_text("utf-8").replace("2027-01-04", "2027-01-05"), "utf-8")
    assert _network_query(engine) == (D(2027, 1, 5), False)  # not re-read until told
    layers.reset_cache()  # what an import of holiday data does
    assert _network_query(engine) == (D(2027, 1, 4), False)
    monkeypatch.delenv("DEADLINES_CALENDARS")
    assert _network_query(engine) == (D(2027, 1, 4), True)
