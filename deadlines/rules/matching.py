"""Which rules apply to a case: durable-rules behind one small interface, and a pure-Python twin.

A matcher answers one question: given a case kind and its facts, which enabled rules apply
(``case_kind`` equal and the rule's ``when`` condition true)? Dates are never matched here: the
engine computes them in Python, because durable-rules has no date type.

durable-rules' quirks, and what this module does about each:

* Its C extension does not import on CPython 3.13+ (undefined symbol ``PyEval_CallObject``).
  :func:`default_matcher` then returns the :class:`PythonMatcher`, which gives identical answers
  (the tests run both wherever both load).
* A posted *event* is consumed by the first rule it matches, and a message matching no rule
  raises ``MessageNotHandledException``. So each case is asserted as a *fact*, which every
  matching rule sees, then retracted at once: no per-case state is left in the engine (memory
  stays flat). "No rule applies" arrives as that exception and becomes an empty answer (an
  unmatched fact is not stored, so there is nothing to retract).
* An exception inside an action is reported through the session state, not raised. Actions here
  only record a rule id; any error is captured and re-raised as :class:`MatcherError`.
* It cannot hold more than 256 rules that test the same case kind (its beta-node limit: "Could
  not create ruleset, error code: 108" past it, and at 257 a segfault in some runs). A case kind
  with more enabled rules than :data:`DURABLE_RULES_PER_KIND` is matched by the pure-Python
  matcher inside :class:`DurableMatcher` (same answers); ``deadlines rules check`` says which.
* Its comparisons are loose across types. Facts are therefore sent in typed fields (``f_x__s``,
  ``f_x__n``, ``f_x__b`` for text, number, boolean) plus a presence flag ``h_x``, so a test on
  a number never sees a string, exactly as in :mod:`deadlines.rules.conditions`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from deadlines.errors import RuleError
from deadlines.model import FactValue
from deadlines.rules.conditions import AllOf, AnyOf, Compare, Condition, fact_family, facts_used
from deadlines.rules.model import Rule, RuleSet


class MatcherError(RuleError):
    """durable-rules failed while matching (reported through its state, re-raised here)."""


class Matcher(Protocol):
    name: str

    def match(self, case_kind: str, facts: Mapping[str, FactValue]) -> tuple[str, ...]:
        """Ids of the enabled rules that apply, in the rule set's order."""
        ...


# durable-rules fails past 256 rules testing one case kind; keep a margin below it.
DURABLE_RULES_PER_KIND = 250


def _active(rules: RuleSet) -> list[Rule]:
    return [r for r in rules.rules if r.enabled]


def oversized_kinds(rules: RuleSet) -> dict[str, int]:
    """Case kinds with more enabled rules than durable-rules can hold, with their counts."""
    counts: dict[str, int] = {}
    for r in _active(rules):
        counts[r.case_kind] = counts.get(r.case_kind, 0) + 1
    return {k: n for k, n in counts.items() if n > DURABLE_RULES_PER_KIND}


def python_matched_kinds(rules: RuleSet) -> list[str]:
    """One line per case kind too large for durable-rules, which the pure-Python matcher serves
    (where durable-rules cannot load at all, it serves every kind)."""
    return [
        f"matcher: case kind {kind!r} has {n} rules, more than durable-rules holds "
        f"({DURABLE_RULES_PER_KIND}); it is matched by the pure-Python matcher"
        for kind, n in sorted(oversized_kinds(rules).items())
    ]


class PythonMatcher:
    """The reference matcher: the conditions evaluated directly, per :mod:`deadlines.rules.conditions`."""

    name = "python"

    def __init__(self, rules: RuleSet) -> None:
        self._by_kind: dict[str, list[Rule]] = {}
        for r in _active(rules):
            self._by_kind.setdefault(r.case_kind, []).append(r)

    def match(self, case_kind: str, facts: Mapping[str, FactValue]) -> tuple[str, ...]:
        return tuple(
            r.id for r in self._by_kind.get(case_kind, ()) if r.when is None or r.when.holds(facts)
        )


def durable_available() -> bool:
    """True when durable-rules' C extension imports on this interpreter."""
    try:
        import durable.lang  # noqa: F401
    except ImportError:
        return False
    return True


def _family(v: FactValue) -> str:
    """The one-letter type suffix of a fact's field name in durable-rules messages."""
    return {"bool": "b", "number": "n", "str": "s"}[fact_family(v)]


def _wire(v: FactValue) -> str | int | float:
    return int(v) if isinstance(v, bool) else v


class DurableMatcher:
    """The same answers as :class:`PythonMatcher`, computed by a durable-rules ruleset."""

    name = "durable-rules"
    _names = itertools.count()

    def __init__(self, rules: RuleSet) -> None:
        from durable import engine, lang

        self._lang = lang
        self._unhandled = engine.MessageNotHandledException
        self._order = {r.id: i for i, r in enumerate(rules.rules)}
        big = oversized_kinds(rules)
        self._python = PythonMatcher(rules) if big else None
        self._python_kinds = frozenset(big)
        active = [r for r in _active(rules) if r.case_kind not in big]
        self._facts = sorted(set().union(*(facts_used(r.when) for r in active)))
        self._hits: list[str] = []
        self._error: BaseException | None = None
        self._ids = itertools.count()
        self.ruleset = f"deadlines-{rules.version}-{next(self._names)}"
        m = lang.m
        with lang.ruleset(self.ruleset):
            for r in active:
                expr = m.kind == r.case_kind
                if r.when is not None:
                    expr = expr & self._expr(r.when)
                lang.when_all(expr)(self._action(r.id))

    def _action(self, rule_id: str) -> Callable[[Any], None]:
        def act(c: Any) -> None:
            try:
                self._hits.append(rule_id)
            except BaseException as exc:  # pragma: no cover - durable would swallow it
                self._error = exc

        return act

    def _expr(self, cond: Condition) -> Any:
        m = self._lang.m
        if isinstance(cond, AllOf | AnyOf):
            parts = [self._expr(c) for c in cond.items]
            out = parts[0]
            for p in parts[1:]:
                out = (out & p) if isinstance(cond, AllOf) else (out | p)
            return out
        assert isinstance(cond, Compare)

        def cmp(op: str, v: FactValue) -> Any:
            field = getattr(m, f"f_{cond.fact}__{_family(v)}")
            w = _wire(v)
            return {
                "==": lambda: field == w,
                "!=": lambda: field != w,
                "<": lambda: field < w,
                "<=": lambda: field <= w,
                ">": lambda: field > w,
                ">=": lambda: field >= w,
            }[op]()

        if cond.op in ("in", "not in"):
            assert isinstance(cond.value, tuple)
            parts = [cmp("==" if cond.op == "in" else "!=", v) for v in cond.value]
            base = parts[0]
            for p in parts[1:]:
                base = (base | p) if cond.op == "in" else (base & p)
        else:
            assert not isinstance(cond.value, tuple)
            base = cmp(cond.op, cond.value)
        if cond.default is not None and cond.holds({}):
            # the case does not state the fact and the default satisfies the test
            base = base | (getattr(m, f"h_{cond.fact}") == 0)
        return base

    def match(self, case_kind: str, facts: Mapping[str, FactValue]) -> tuple[str, ...]:
        if self._python is not None and case_kind in self._python_kinds:
            return self._python.match(case_kind, facts)
        msg: dict[str, Any] = {"kind": case_kind, "cid": next(self._ids)}
        for name in self._facts:
            v = facts.get(name)
            msg[f"h_{name}"] = 0 if v is None else 1
            if v is not None:
                msg[f"f_{name}__{_family(v)}"] = _wire(v)
        self._hits = []
        try:
            self._lang.assert_fact(self.ruleset, msg)
        except self._unhandled:
            return ()  # no rule applies; durable-rules keeps nothing of an unmatched fact
        self._lang.retract_fact(self.ruleset, msg)
        if self._error is not None:  # pragma: no cover
            err, self._error = self._error, None
            raise MatcherError(f"durable-rules action failed for case kind {case_kind!r}: {err}")
        state = self._lang.get_host().get_state(self.ruleset)
        if state.get("exception"):  # pragma: no cover
            raise MatcherError(f"durable-rules reported: {state['exception']}")
        hits = sorted(set(self._hits), key=self._order.__getitem__)
        return tuple(hits)


def default_matcher(rules: RuleSet) -> Matcher:
    """durable-rules where its extension loads, else the identical pure-Python matcher."""
    if durable_available():
        return DurableMatcher(rules)
    return PythonMatcher(rules)


def make_matcher(name: str, rules: RuleSet) -> Matcher:
    """``durable`` / ``python`` / ``auto`` (the default); an unknown name is a RuleError."""
    if name == "python":
        return PythonMatcher(rules)
    if name == "durable":
        if not durable_available():
            raise MatcherError(
                "durable-rules cannot load on this Python (its C extension fails to import on "
                "CPython 3.13+); use matcher 'python' or 'auto'"
            )
        return DurableMatcher(rules)
    if name == "auto":
        return default_matcher(rules)
    raise RuleError(f"unknown matcher {name!r}; accepted: auto, durable, python")
