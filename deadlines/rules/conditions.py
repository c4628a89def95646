"""The small condition language that selects a rule's variant from a case's facts.

A condition is plain data in a rule file, never code (no ``eval``):

* a **test**: ``{ fact = "amount_yuan", op = "<=", value = 10000000 }``, optionally with
  ``default = ...``, the value assumed when the case does not state the fact;
* ``all = [ ... ]``: every condition holds; ``any = [ ... ]``: at least one holds.

A rule's ``[rule.when]`` table is one ``all`` or ``any`` node. Operators: ``==``, ``!=``, ``<``,
``<=``, ``>``, ``>=``, ``in`` and ``not in`` (the value is then a list).

Semantics, the same in the durable-rules matcher and the pure-Python one:

* A missing fact with no ``default`` makes the test false, whatever the operator.
* Values compare only within one type family: numbers with numbers (``True`` is not 1), strings
  with strings, booleans with booleans. A test across families is false, never an error.
* ``in`` / ``not in`` are ``==`` against any item / ``!=`` against every item.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from deadlines.errors import Joined, Phrase, RuleError
from deadlines.model import MAX_NUMBER, FactValue

OPS = ("==", "!=", "<", "<=", ">", ">=", "in", "not in")
# A condition is a few tests deep in practice; a deeper one is a mistake (and recursion).
MAX_DEPTH = 16
Op = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not in"]


def fact_family(v: object) -> Literal["bool", "number", "str"]:
    """How a fact value compares: bool before number (a bool is an int in Python), else text."""
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int | float):
        return "number"
    return "str"


def compare(have: FactValue, op: str, want: FactValue) -> bool:
    """One comparison of a fact value with a rule value; false across type families."""
    if fact_family(have) != fact_family(want):
        return False  # a test across families is false, even "!="
    a: Any = have
    b: Any = want
    if op == "==":
        return bool(a == b)
    if op == "!=":
        return bool(a != b)
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    if op == ">=":
        return bool(a >= b)
    raise ValueError(f"not a comparison operator: {op!r}")  # pragma: no cover


@dataclass(frozen=True)
class Compare:
    """``fact op value``; ``default`` stands in for a fact the case does not state."""

    fact: str
    op: Op
    value: FactValue | tuple[FactValue, ...]
    default: FactValue | None = None

    def holds(self, facts: Mapping[str, FactValue]) -> bool:
        have = facts.get(self.fact, self.default)
        if have is None:
            return False
        if self.op == "in":
            assert isinstance(self.value, tuple)
            return any(compare(have, "==", v) for v in self.value)
        if self.op == "not in":
            assert isinstance(self.value, tuple)
            return all(compare(have, "!=", v) for v in self.value)
        assert not isinstance(self.value, tuple)
        return compare(have, self.op, self.value)

    def to_data(self) -> dict[str, Any]:
        d: dict[str, Any] = {"fact": self.fact, "op": self.op}
        d["value"] = list(self.value) if isinstance(self.value, tuple) else self.value
        if self.default is not None:
            d["default"] = self.default
        return d

    def __str__(self) -> str:
        v = list(self.value) if isinstance(self.value, tuple) else self.value
        dflt = f" (default {self.default!r})" if self.default is not None else ""
        return f"{self.fact} {self.op} {v!r}{dflt}"


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]

    def holds(self, facts: Mapping[str, FactValue]) -> bool:
        return all(c.holds(facts) for c in self.items)

    def to_data(self) -> dict[str, Any]:
        return {"all": [c.to_data() for c in self.items]}

    def __str__(self) -> str:
        return "(" + " and ".join(str(c) for c in self.items) + ")"


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]

    def holds(self, facts: Mapping[str, FactValue]) -> bool:
        return any(c.holds(facts) for c in self.items)

    def to_data(self) -> dict[str, Any]:
        return {"any": [c.to_data() for c in self.items]}

    def __str__(self) -> str:
        return "(" + " or ".join(str(c) for c in self.items) + ")"


Condition = Compare | AllOf | AnyOf


def facts_used(cond: Condition | None) -> set[str]:
    """The fact names a condition reads (to key caches and to build durable-rules messages)."""
    if cond is None:
        return set()
    if isinstance(cond, Compare):
        return {cond.fact}
    out: set[str] = set()
    for c in cond.items:
        out |= facts_used(c)
    return out


def unstated(cond: Condition | None, facts: Mapping[str, FactValue]) -> tuple[str, ...]:
    """The facts whose absence leaves ``cond`` undecided: empty when it holds or fails whatever
    the facts the case does not state would be. A fact with a ``default`` is never missing.

    Three-valued: a test of a missing fact is unknown; ``all`` is false if one item is false,
    else unknown if one is unknown; ``any`` is true if one is true, else unknown if one is."""
    verdict, missing = _decide(cond, facts)
    return tuple(sorted(missing)) if verdict is None else ()


def _decide(cond: Condition | None, facts: Mapping[str, FactValue]) -> tuple[bool | None, set[str]]:
    if cond is None:
        return True, set()
    if isinstance(cond, Compare):
        if cond.fact not in facts and cond.default is None:
            return None, {cond.fact}
        return cond.holds(facts), set()
    results = [_decide(c, facts) for c in cond.items]
    decisive = not isinstance(cond, AllOf)  # all: one false decides; any: one true
    if any(v is decisive for v, _ in results):
        return decisive, set()
    unknown = [m for v, m in results if v is None]
    if unknown:
        return None, set().union(*unknown)
    return not decisive, set()


_SCALAR = (str, int, float, bool)


def number_problem(value: object) -> Phrase | None:
    """Why a number is refused (not finite, out of range), or None; booleans are not numbers."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return Phrase("err.number.not_finite", {"value": value})
    if abs(value) > MAX_NUMBER:
        return Phrase("err.number.out_of_range", {"value": value})
    return None


def parse_condition(data: object, where: str = "when", depth: int = 0) -> Condition:
    """Build a condition from rule-file data; ``ValueError`` names the key path that is wrong.

    The message is ``<key path>: <what is wrong>``; the rule loader adds file, line and rule id.
    """
    if depth > MAX_DEPTH:
        raise RuleError(key="err.when.too_deep", at=where.split(".")[0], max=MAX_DEPTH)
    if not isinstance(data, Mapping):
        raise RuleError(key="err.when.node", at=where, got=data)
    keys = set(data)
    if "all" in keys or "any" in keys:
        if keys not in ({"all"}, {"any"}):
            raise RuleError(key="err.when.all_or_any", at=where, keys=sorted(keys))
        name = "all" if "all" in keys else "any"
        items = data[name]
        if not isinstance(items, Sequence) or isinstance(items, str) or not items:
            raise RuleError(key="err.when.items", at=f"{where}.{name}")
        parsed = tuple(
            parse_condition(c, f"{where}.{name}[{i}]", depth + 1) for i, c in enumerate(items)
        )
        return AllOf(parsed) if name == "all" else AnyOf(parsed)
    allowed = {"fact", "op", "value", "default"}
    unknown = keys - allowed
    if unknown:
        raise RuleError(key="err.when.unknown_key", at=where, name=sorted(unknown)[0])
    for k in ("fact", "op", "value"):
        if k not in data:
            raise RuleError(key="err.when.missing", at=where, name=k)
    fact, op, value = data["fact"], data["op"], data["value"]
    if not isinstance(fact, str) or not fact:
        raise RuleError(key="err.when.fact", at=f"{where}.fact", got=fact)
    if op not in OPS:
        accepted = Joined(OPS, "sep.enumeration")
        raise RuleError(key="err.when.op", at=f"{where}.op", accepted=accepted, got=op)
    val: FactValue | tuple[FactValue, ...]
    if op in ("in", "not in"):
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, _SCALAR) for v in value)
        ):
            raise RuleError(key="err.when.list", at=f"{where}.value", op=op, got=value)
        val = tuple(value)
    else:
        if not isinstance(value, _SCALAR):
            raise RuleError(key="err.when.scalar", at=f"{where}.value", got=value)
        if op in ("<", "<=", ">", ">=") and fact_family(value) != "number":
            raise RuleError(key="err.when.numbers", at=f"{where}.value", op=op, got=value)
        val = value
    default = data.get("default")
    if default is not None and not isinstance(default, _SCALAR):
        raise RuleError(key="err.when.scalar", at=f"{where}.default", got=default)
    for key, v in [
        *(("value", x) for x in (val if isinstance(val, tuple) else (val,))),
        ("default", default),
    ]:
        problem = number_problem(v)
        if problem:
            raise RuleError(
                key="err.when.number", at=f"{where}.{key}", problem=problem, max=f"{MAX_NUMBER:.0e}"
            )
    return Compare(fact=fact, op=op, value=val, default=default)


def fact_values(conds: Iterable[Condition | None], name: str) -> str:
    """How to give fact ``name`` on a command line, from the conditions that read it:
    ``true|false``, the text values compared with (``simple|complex``), or ``NUMBER``."""
    values: list[str] = []

    def walk(c: Condition | None) -> None:
        if isinstance(c, AllOf | AnyOf):
            for item in c.items:
                walk(item)
        elif isinstance(c, Compare) and c.fact == name:
            for v in c.value if isinstance(c.value, tuple) else (c.value,):
                shown = (
                    "true|false"
                    if isinstance(v, bool)
                    else "NUMBER"
                    if isinstance(v, int | float)
                    else v
                )
                if shown not in values:
                    values.append(shown)

    for cond in conds:
        walk(cond)
    return "|".join(values) or "…"
