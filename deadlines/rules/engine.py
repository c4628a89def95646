"""Turn a case's facts and events into its obligations under the plan's rules.

``evaluate(case, as_of)`` is deterministic: the same case and ``as_of`` give the same list, in
the rule set's order, then by instance. It keeps no state between calls except bounded caches
(rule matches per kind and facts, computed due dates and recurring periods, the calendars in force),
so memory does not grow with the number of cases evaluated.

How each kind of rule becomes obligations (docs/counting.md fixes the date arithmetic, done by
:func:`deadlines.due`):

* **deadline**: one obligation per trigger (per ``per`` key, e.g. per seized asset; otherwise the
  earliest trigger). It is met by the earliest completing event on or after the trigger. A rule
  with ``after`` counts from the completion of that rule (a chain), or, if it names its own
  ``trigger``, applies once that rule is complete. ``cap``: the capping rule's date for the same
  instance is computed too, and the earlier binds. ``pausable``: court pause/resume events are
  deducted, both ends included; while a pause is open the status is ``paused``. ``extended_by``:
  each extension's ``data["period"]`` is added before the roll.
* **reminder**: N days before the expiry event, moved back off a rest day. A later expiry event
  in the same case is a renewal (a licence case is one licence): the reminders count back from
  the latest, and only events after the previous expiry complete them.
* **aging**: flagged from the day after trigger + N years, until a completing event.
* **recurring**: one obligation per calendar month / quarter / half-year / year (or rolling
  period) from the start event up to and including the one containing ``as_of``. A completing
  event with ``data["period"]`` (``2026-03``, ``2026-Q1``, ``2026-H1``, ``2026``) meets that
  period; one without meets the earliest open period that had begun by its date.

Events dated after ``as_of`` have not happened yet and are ignored, except event types marked
``future`` in the catalogue (a licence's expiry date).

An obligation's ``unit`` is the case's unit when the case names one (e.g. a county's bureau),
else the rule's 责任单位. It carries its :class:`~deadlines.model.Basis` (deductions, extensions,
chain, cap), not its explanation: ``deadlines.rules.explain`` derives the steps when they are
shown, in the language asked for and as of the day asked about.

Statuses: ``pending`` (before the due date), ``due_today``, ``overdue`` (from the day after, with
``days_overdue``), ``met_on_time``, ``met_late`` (``days_overdue`` = days late), ``paused``, and
``flagged`` for an aging threshold passed, ``undetermined`` when a fact that chooses the rule is
not stated (the earliest candidate date, the missing facts in ``missing``).
"""

from __future__ import annotations

import bisect
import calendar as _monthcal
import datetime as dt
import heapq
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import NamedTuple, TypeVar

from deadlines.calendars import layers as _calendars
from deadlines.calendars.layers import Calendar
from deadlines.calendars.periods import Period, add_months, due
from deadlines.calendars.yearfiles import ENV_VAR
from deadlines.errors import PeriodError
from deadlines.model import Basis, Case, Event, FactValue, Obligation, Status
from deadlines.rules.conditions import unstated
from deadlines.rules.loading import load_rules as _load_rules
from deadlines.rules.loading import plan_rules
from deadlines.rules.matching import Matcher, default_matcher
from deadlines.rules.model import EVERY, Rule, RuleSet

__all__ = ["Engine", "evaluate", "evaluate_many", "load_rules", "plan_rules", "recurring_periods"]


def load_rules(extra_dirs: Sequence[str] = ()) -> RuleSet:
    """The plan's rules plus ``DEADLINES_RULES`` and ``extra_dirs`` (see :mod:`deadlines.rules.model`)."""
    return _load_rules(extra_dirs)


_DATES = 1 << 14
"""How many computed dates an engine remembers, by (rule period, calendar, trigger, deductions,
extensions): a real load repeats a few thousand trigger days, so most duties are looked up, not
counted. Cleared when full, so memory stays flat (a few MiB) whatever the number of cases."""


class _Instance(NamedTuple):
    """One computed duty of a rule, before it becomes an Obligation (a tuple: one per duty)."""

    key: str
    trigger: str
    trigger_date: dt.date
    due: dt.date
    provisional: bool
    """Whether the date was counted over a year with no published notice."""
    basis: Basis
    completed_on: dt.date | None
    paused: bool = False


class _Events(dict[str, list[Event]]):
    """A case's events by type, in date order, with indexes built on first use: by a ``per`` key
    (one case with thousands of seized assets must not scan every asset's events for each asset)
    and by instance key. One per evaluation, so per-case work stays near-linear in its events."""

    _keyed: dict[tuple[str, str], tuple[dict[str, list[Event]], list[Event]]] | None = None
    _instances: dict[int, tuple[list[_Instance], dict[str, _Instance]]] | None = None

    def matching(self, etype: str, per: str | None, key: str) -> list[list[Event]]:
        """Date-ordered lists holding the events of ``etype`` that belong to instance ``key``:
        those naming it under ``per`` and those naming no instance at all."""
        events = self.get(etype, [])
        if per is None or not events:
            return [events]
        if self._keyed is None:
            self._keyed = {}
        index = self._keyed.get((etype, per))
        if index is None:
            named: dict[str, list[Event]] = {}
            unnamed: list[Event] = []
            for e in events:
                k = e.data.get(per)
                (unnamed if k is None else named.setdefault(k, [])).append(e)
            index = self._keyed[(etype, per)] = (named, unnamed)
        return [index[0].get(key, []), index[1]]

    def instance(self, instances: list[_Instance], key: str) -> _Instance | None:
        """The instance of ``key`` in a rule's (memoised) instance list."""
        if len(instances) < 8:  # a scan costs less than the index
            for i in instances:
                if i.key == key:
                    return i
            return None
        if self._instances is None:
            self._instances = {}
        memo = self._instances.get(id(instances))
        if memo is None or memo[0] is not instances:
            memo = self._instances[id(instances)] = (instances, {})
            for i in instances:
                memo[1].setdefault(i.key, i)
        return memo[1].get(key)


class _Link(NamedTuple):
    """What a duty follows, beside its trigger: the chain it counts after (or is gated by), or
    the renewal it counts back from (the fields of the same names in :class:`Basis`)."""

    chain: tuple[str, dt.date] | None = None
    gate: bool = False
    renewed: tuple[dt.date, str] | None = None


_PLAIN = _Link()


_on: Callable[[Event], dt.date] = attrgetter("on")
_T = TypeVar("_T")


def _built(cls: type[_T], fields: dict[str, object]) -> _T:
    """``cls(**fields)`` for a frozen dataclass of the model and a dict naming every field, in a
    fifth of the time: the constructor sets each field through ``object.__setattr__`` (for the
    20 of an Obligation and the 12 of a Basis, a fifth of an evaluation). tests/
    test_engine_matchers.py checks every obligation and basis equals the constructor's."""
    obj = _new(cls)
    _set(obj, "__dict__", fields)
    return obj


_new = object.__new__
_set = object.__setattr__
_tuple = tuple.__new__


@dataclass(frozen=True)
class _Plan:
    """What a case's kind and facts decide: the rules that apply (in the rule set's order and
    by id), those of them that emit duties, and the rules the facts cannot decide, with the facts
    missing."""

    rules: tuple[Rule, ...]
    by_id: Mapping[str, Rule]
    undecided: tuple[tuple[Rule, tuple[str, ...]], ...]
    emit: tuple[Rule, ...]


InstancesOf = Callable[[Rule], list[_Instance]]
"""How one rule looks up the (memoised) instances of another: chains and caps."""


class _Memo:
    """A case's instances by rule id, each rule's computed on first use (a chain or a cap asks
    for another's): the :data:`InstancesOf` of one evaluation. An object, not a closure calling
    itself, which was a reference cycle per case: some 34 objects a case left to the cyclic
    garbage collector instead of freed on return, whose extra runs cost the import ~20 us a case."""

    __slots__ = ("_as_of", "_by_type", "_done", "_instances", "_rules")

    def __init__(
        self,
        instances: Callable[
            [Rule, Mapping[str, Rule], _Events, dt.date, InstancesOf], list[_Instance]
        ],
        rules: Mapping[str, Rule],
        by_type: _Events,
        as_of: dt.date,
    ) -> None:
        self._instances = instances
        self._rules = rules
        self._by_type = by_type
        self._as_of = as_of
        self._done: dict[str, list[_Instance]] = {}

    def __call__(self, rule: Rule) -> list[_Instance]:
        hit = self._done.get(rule.id)
        if hit is None:
            hit = self._done[rule.id] = self._instances(
                rule, self._rules, self._by_type, self._as_of, self
            )
        return hit


_Spans = tuple[tuple[tuple[str, dt.date, dt.date, bool, Basis], ...], frozenset[str]]
"""A recurring rule's periods: (label, first day, due date, provisional, basis), and the labels."""


class Engine:
    """A rule set bound to a matcher; ``evaluate`` is the one operation.

    ``cache`` bounds the memo of rule matches by (case kind, facts the rules read): real case
    loads repeat a few variants, so matching runs once per variant; 0 disables it (the benchmark
    uses that to time the matchers themselves).
    """

    def __init__(self, rules: RuleSet, matcher: Matcher | None = None, cache: int = 4096) -> None:
        self.rules = rules
        self.matcher = matcher if matcher is not None else default_matcher(rules)
        self._cache_size = cache
        self._matches: dict[tuple[object, ...], tuple[str, ...]] = {}
        self._unstated: dict[tuple[object, ...], tuple[tuple[Rule, tuple[str, ...]], ...]] = {}
        self._facts_by_kind: dict[str, tuple[str, ...]] = {}
        # per (kind, facts the rules read): the rules that apply, by id, and the undecided ones
        self._plans: dict[tuple[object, ...], _Plan] = {}
        # per rule id: its period as text and the basis of a duty with nothing of its own
        self._plain: dict[str, Basis] = {}
        for r in rules.rules:
            names = set(self._facts_by_kind.get(r.case_kind, ())) | set(r.facts)
            self._facts_by_kind[r.case_kind] = tuple(sorted(names))
        self._pause = {e.id for e in rules.events.values() if e.role == "pause"}
        self._resume = {e.id for e in rules.events.values() if e.role == "resume"}
        self._future = {e.id for e in rules.events.values() if e.future}
        # per rule id with a period: one number per (period, direction, mode), the dates' key
        self._due_id: dict[str, int] = {}
        ids: dict[tuple[Period, str, str], int] = {}
        for r in rules.rules:
            if r.period is not None:
                mode = "aging" if r.kind == "aging" else "deadline"
                self._due_id[r.id] = ids.setdefault((r.period, r.direction, mode), len(ids))
        # computed dates and recurring periods, for the calendars in self._cals (see _DATES)
        self._dates: dict[tuple[object, ...], tuple[dt.date, bool]] = {}
        self._spans: dict[tuple[object, ...], _Spans] = {}
        self._cals: dict[str, Calendar] = {}
        self._cals_env: str | None = None
        # per rule id: an obligation's fields, those of the rule and its calendar filled in
        self._templates: dict[str, dict[str, object]] = {}

    def calendar(self, name: str) -> Calendar:
        """The calendar ``name`` in force, looked up once (``calendars.calendar`` caches by name
        and ``$DEADLINES_CALENDARS``) and again only after the variable changed or new holiday
        data was imported: an engine never keeps a calendar the environment or an import
        replaced (:meth:`_check_calendars` runs before each evaluation)."""
        cal = self._cals.get(name)
        if cal is None:
            cal = self._cals[name] = _calendars.calendar(name)
        return cal

    def _check_calendars(self) -> None:
        """Forget the calendars looked up, and the dates counted with them, if
        ``$DEADLINES_CALENDARS`` changed or new holiday data was imported since."""
        env = os.environ.get(ENV_VAR)
        stale = env != self._cals_env
        if not stale:
            for cal in self._cals.values():
                stale = stale or cal.stale
        if stale:
            self._cals.clear()
            self._templates.clear()
            self._dates.clear()
            self._spans.clear()
            self._cals_env = env

    # -- matching --------------------------------------------------------------------------

    def _key(self, kind: str, facts: Mapping[str, FactValue]) -> tuple[object, ...]:
        """The kind and the value and type of each fact its rules read (True is not 1)."""
        used = self._facts_by_kind.get(kind, ())
        if not used:
            return (kind,)
        return (kind, *[(type(v), v) for v in map(facts.get, used)])

    def undecided(
        self, kind: str, facts: Mapping[str, FactValue]
    ) -> tuple[tuple[Rule, tuple[str, ...]], ...]:
        """The enabled rules of ``kind`` the facts cannot decide (a fact they test is not stated
        and has no default), each with the facts missing."""
        key = self._key(kind, facts)
        hit = self._unstated.get(key)
        if hit is None:
            hit = tuple(
                (r, missing)
                for r in self.rules.rules
                if r.case_kind == kind and r.enabled and r.emit
                if (missing := unstated(r.when, facts))
            )
            if len(self._unstated) >= max(self._cache_size, 1):
                self._unstated.pop(next(iter(self._unstated)))
            self._unstated[key] = hit
        return hit

    def _plan(self, kind: str, facts: Mapping[str, FactValue]) -> _Plan:
        """:meth:`applicable` and :meth:`undecided` of one case, memoised together (the key
        is built once per case, not once per question)."""
        key = self._key(kind, facts)
        plan = self._plans.get(key)
        if plan is None:
            rules = self.applicable(kind, facts)
            emit = tuple(r for r in rules if r.emit)
            plan = _Plan(rules, {r.id: r for r in rules}, self.undecided(kind, facts), emit)
            if self._cache_size:
                if len(self._plans) >= self._cache_size:
                    self._plans.pop(next(iter(self._plans)))
                self._plans[key] = plan
        return plan

    def applicable(self, kind: str, facts: Mapping[str, FactValue]) -> tuple[Rule, ...]:
        """The enabled rules of ``kind`` whose conditions the facts satisfy."""
        key = self._key(kind, facts)
        ids = self._matches.get(key) if self._cache_size else None
        if ids is None:
            ids = self.matcher.match(kind, facts)
            if self._cache_size:
                if len(self._matches) >= self._cache_size:
                    self._matches.pop(next(iter(self._matches)))
                self._matches[key] = ids
        return tuple(self.rules.get(i) for i in ids)

    # -- evaluation ------------------------------------------------------------------------

    def evaluate(self, case: Case, as_of: dt.date) -> list[Obligation]:
        """The case's obligations as of ``as_of`` (China date); see the module docstring."""
        self._check_calendars()
        return self._evaluate(case, as_of)

    def evaluate_many(self, cases: Iterable[Case], as_of: dt.date) -> list[list[Obligation]]:
        """:meth:`evaluate` of each case in turn, the calendars in force checked once for all
        (reading the environment was a tenth of a case's evaluation in a recompute)."""
        self._check_calendars()
        return [self._evaluate(case, as_of) for case in cases]

    def _events(self, case: Case, as_of: dt.date) -> _Events:
        """The case's events known on ``as_of`` (and those of a future type), by type."""
        future = self._future
        by_type = _Events()
        for e in sorted(case.events, key=_on):
            if e.on <= as_of or e.type in future:
                evs = by_type.get(e.type)
                if evs is None:
                    by_type[e.type] = [e]
                else:
                    evs.append(e)
        return by_type

    def _evaluate(self, case: Case, as_of: dt.date) -> list[Obligation]:
        plan = self._plan(case.kind, case.facts)
        applicable = plan.by_id
        by_type = self._events(case, as_of)
        instances = _Memo(self._instances, applicable, by_type, as_of)
        out: list[Obligation] = []
        fields = self._fields
        for rule in plan.emit:
            trigger = rule.trigger
            if trigger is not None and trigger not in by_type:
                continue  # no instance: most of a case's rules never see their trigger
            for inst in instances(rule):
                ob = _new(Obligation)
                _set(ob, "__dict__", fields(case, rule, inst, as_of))
                out.append(ob)
        undecided = plan.undecided
        if undecided:
            out.extend(self._undetermined(case, undecided, applicable, by_type, as_of))
        return out

    def _undetermined(
        self,
        case: Case,
        undecided: Sequence[tuple[Rule, tuple[str, ...]]],
        applicable: Mapping[str, Rule],
        by_type: _Events,
        as_of: dt.date,
    ) -> list[Obligation]:
        """One ``undetermined`` obligation per started family of rules the facts cannot choose
        between (same trigger, same instance): the earliest candidate date, the missing facts
        named, so that a missing fact never silently drops a deadline."""
        both = {**applicable, **{r.id: r for r, _ in undecided}}
        instances = _Memo(self._instances, both, by_type, as_of)
        families: dict[tuple[object, ...], list[tuple[Rule, _Instance, tuple[str, ...]]]] = {}
        for rule, missing in undecided:
            for inst in instances(rule):
                if inst.completed_on is None:
                    started = (rule.trigger, rule.after, inst.key)
                    families.setdefault(started, []).append((rule, inst, missing))
        out = []
        for family in families.values():
            family.sort(key=lambda c: c[1].due)
            rule, inst, _ = family[0]
            missing = tuple(sorted({f for _, _, m in family for f in m}))
            fields = self._fields(case, rule, inst, as_of)
            basis = replace(inst.basis, candidates=tuple((r.id, i.due) for r, i, _ in family))
            fields.update(status="undetermined", missing=missing, basis=basis)
            out.append(_built(Obligation, fields))
        return out

    def completes(self, case: Case, rule_ids: Iterable[str], instance: str, as_of: dt.date) -> bool:
        """Whether the case's events complete instance ``instance`` of one of ``rule_ids`` (the
        candidates of an undetermined family, which :meth:`_undetermined` drops once done): the
        engine's own matching, whatever the facts now say of those rules."""
        self._check_calendars()
        plan = self._plan(case.kind, case.facts)
        candidates = [self.rules.get(i) for i in rule_ids if i in self.rules]
        rules = {**plan.by_id, **{r.id: r for r, _ in plan.undecided}}
        rules.update((r.id, r) for r in candidates)
        instances = _Memo(self._instances, rules, self._events(case, as_of), as_of)
        return any(
            inst.key == instance and inst.completed_on is not None
            for rule in candidates
            for inst in instances(rule)
        )

    def _instances(
        self,
        rule: Rule,
        applicable: Mapping[str, Rule],
        by_type: _Events,
        as_of: dt.date,
        get: InstancesOf,  # the memoised lookup of other rules' instances (chains, caps)
    ) -> list[_Instance]:
        if rule.kind == "recurring":
            return self._recurring(rule, by_type, as_of)
        if rule.after is None:  # the common case: a trigger event, without a trigger list
            assert rule.trigger is not None
            evs = by_type.get(rule.trigger)
            if not evs:
                return []
            if rule.per is not None:
                return [
                    self._one(
                        rule, applicable, by_type, as_of, get, key, rule.trigger, e.on, _PLAIN
                    )
                    for key, e in self._first_per_key(rule, evs)
                ]
            if rule.direction == "before" and len(evs) > 1:
                return [self._renewed(rule, applicable, by_type, as_of, get, evs)]
            return [
                self._one(
                    rule, applicable, by_type, as_of, get, "", rule.trigger, evs[0].on, _PLAIN
                )
            ]

        # triggers: (key, event type, date, the chain it follows)
        triggers: list[tuple[str, str, dt.date, _Link]] = []
        prev = applicable.get(rule.after)
        if prev is None:
            return []
        prev_done = {i.key: i for i in get(prev) if i.completed_on is not None}
        if rule.trigger is None:
            for key, i in prev_done.items():
                assert i.completed_on is not None
                chain = _tuple(_Link, ((prev.id, i.completed_on), False, None))
                triggers.append((key, "|".join(prev.completed_by), i.completed_on, chain))
        else:
            for key, e in self._first_per_key(rule, by_type.get(rule.trigger, [])):
                gate = prev_done.get(key) or (prev_done.get("") if rule.per is None else None)
                if gate is None and rule.per is None and prev_done:
                    gate = next(iter(prev_done.values()))
                if gate is not None and gate.completed_on is not None:
                    chain = _tuple(_Link, ((prev.id, gate.completed_on), True, None))
                    triggers.append((key, rule.trigger, e.on, chain))

        result: list[_Instance] = []
        for key, ttype, tdate, chain in triggers:
            result.append(
                self._one(rule, applicable, by_type, as_of, get, key, ttype, tdate, chain)
            )
        return result

    def _renewed(
        self,
        rule: Rule,
        applicable: Mapping[str, Rule],
        by_type: _Events,
        as_of: dt.date,
        get: InstancesOf,
        evs: Sequence[Event],
    ) -> _Instance:
        """A renewal: the case (one licence) has a later expiry than before. Reminders count back
        from the latest; only events after the previous expiry complete them (a reminder sent
        for the old licence is not one for the new)."""
        assert rule.trigger is not None
        prev, last = evs[-2], evs[-1]
        renewal = _Link(renewed=(prev.on, last.id or ""))
        return self._one(
            rule, applicable, by_type, as_of, get, "", rule.trigger, last.on, renewal, prev.on
        )

    @staticmethod
    def _first_per_key(rule: Rule, evs: Sequence[Event]) -> list[tuple[str, Event]]:
        """The earliest trigger event per instance key (the only one when the rule has no ``per``)."""
        if rule.per is None:
            return [("", evs[0])] if evs else []
        seen: dict[str, Event] = {}
        for e in evs:
            k = e.data.get(rule.per) or e.origin or e.id or e.on.isoformat()
            seen.setdefault(k, e)
        return list(seen.items())

    @staticmethod
    def _completion(
        rule: Rule, by_type: _Events, key: str, trigger: dt.date, after: dt.date | None = None
    ) -> dt.date | None:
        """The earliest completing event of the instance: on or after the trigger (``from``), or
        on or before it (``before``), and after ``after`` if given (a renewal). Each list is
        date-ordered, so a bisection finds it."""
        best: dt.date | None = None
        forward = rule.direction == "from"
        for t in rule.completed_by:
            for evs in by_type.matching(t, rule.per, key) if rule.per else (by_type.get(t),):
                if not evs:
                    continue
                at = 0 if after is None else bisect.bisect_right(evs, after, key=_on)
                if forward:
                    at_trigger = bisect.bisect_left(evs, trigger, key=_on)
                    if at_trigger > at:
                        at = at_trigger
                if at < len(evs):
                    first = evs[at].on
                    if (forward or first <= trigger) and (best is None or first < best):
                        best = first
        return best

    def _one(
        self,
        rule: Rule,
        applicable: Mapping[str, Rule],
        by_type: _Events,
        as_of: dt.date,
        get: InstancesOf,
        key: str,
        ttype: str,
        tdate: dt.date,
        chain: _Link,
        renewed_from: dt.date | None = None,
    ) -> _Instance:
        assert rule.period is not None
        completed = self._completion(rule, by_type, key, tdate, renewed_from)
        deductions: tuple[tuple[dt.date, dt.date], ...] = ()
        paused = False
        if rule.pausable:
            deductions, paused = self._pauses(by_type, tdate, completed, as_of)
        extensions = self._extensions(rule, by_type, key, tdate) if rule.extended_by else ()
        date, provisional = self._date(rule, tdate, deductions, extensions)
        cap_basis: tuple[str, dt.date, dt.date] | None = None
        if rule.cap is not None and rule.cap in applicable:
            cap_rule = applicable[rule.cap]
            cap = by_type.instance(get(cap_rule), key)
            if cap is not None:
                cap_basis = (cap_rule.id, cap.trigger_date, cap.due)
                date = min(date, cap.due)
        basis = self._plain.get(rule.id) or self._plain_basis(rule)
        if chain is not _PLAIN or cap_basis is not None or deductions or extensions:
            # the plain basis's fields (in order) with the duty's own set: see _built
            fields = basis.__dict__.copy()
            fields["deductions"] = deductions
            fields["extensions"] = tuple(map(str, extensions))
            fields["chain"] = chain.chain
            fields["gate"] = chain.gate
            fields["renewed"] = chain.renewed
            fields["cap"] = cap_basis
            fields["paused"] = paused
            basis = _built(Basis, fields)
        # tuple.__new__: a NamedTuple's own __new__ is a Python function, 3x the time
        return _tuple(_Instance, (key, ttype, tdate, date, provisional, basis, completed, paused))

    def _pauses(
        self, by_type: _Events, tdate: dt.date, completed: dt.date | None, as_of: dt.date
    ) -> tuple[tuple[tuple[dt.date, dt.date], ...], bool]:
        """A pausable duty's deductions (court pauses from ``tdate`` on, both ends included; one
        still open runs to ``as_of``) and whether it is paused now."""
        deductions: list[tuple[dt.date, dt.date]] = []
        paused = False
        open_from: dt.date | None = None
        marks = sorted(
            (e.on, 0 if e.type in self._pause else 1)
            for t in (*self._pause, *self._resume)
            for e in by_type.get(t, ())
            if e.on >= tdate and (completed is None or e.on <= completed)
        )
        for day, kind in marks:
            if kind == 0 and open_from is None:
                open_from = day
            elif kind == 1 and open_from is not None:
                deductions.append((open_from, day))
                open_from = None
        if open_from is not None:
            deductions.append((open_from, max(open_from, as_of)))
            paused = completed is None
        return tuple(deductions), paused

    @staticmethod
    def _extensions(rule: Rule, by_type: _Events, key: str, tdate: dt.date) -> tuple[Period, ...]:
        """The periods of the instance's extension events from ``tdate`` on, in date order."""
        extensions: list[Period] = []
        for t in rule.extended_by:
            lists = [evs for evs in by_type.matching(t, rule.per, key) if evs]
            for e in lists[0] if len(lists) == 1 else heapq.merge(*lists, key=_on):
                if e.on >= tdate:
                    text = e.data.get("period")
                    try:
                        extensions.append(Period.parse(text or ""))
                    except PeriodError:
                        raise PeriodError(
                            f"event {e.type} on {e.on.isoformat()}: data period {text!r} is not a "
                            f"period; give e.g. '10 days' or '1 month'"
                        ) from None
        return tuple(extensions)

    def _date(
        self,
        rule: Rule,
        trigger: dt.date,
        deductions: tuple[tuple[dt.date, dt.date], ...],
        extensions: tuple[Period, ...],
    ) -> tuple[dt.date, bool]:
        """:func:`deadlines.due` of ``rule`` from (or before) ``trigger``: the date and whether
        it is provisional, memoised (the answer depends on nothing else; see ``_DATES``)."""
        cal = self._cals.get(rule.calendar) or self.calendar(rule.calendar)
        key = (self._due_id[rule.id], cal, trigger, deductions, extensions)
        hit = self._dates.get(key)
        if hit is None:
            assert rule.period is not None
            forward = rule.direction == "from"
            d = due(
                rule.period,
                start=trigger if forward else None,
                before=None if forward else trigger,
                calendar=cal,
                mode="aging" if rule.kind == "aging" else "deadline",
                deductions=deductions,
                extensions=extensions,
            )
            if len(self._dates) >= _DATES:
                self._dates.clear()
            hit = self._dates[key] = (d.date, d.provisional)
        return hit

    def _plain_basis(self, rule: Rule) -> Basis:
        """The basis of a duty of ``rule`` with no deduction, extension, chain or cap: one
        object per rule (its period's text is made once, not once per duty)."""
        basis = self._plain.get(rule.id)
        if basis is None:
            basis = self._plain[rule.id] = Basis(period=str(rule.period), direction=rule.direction)
        return basis

    def _recurring(
        self, rule: Rule, by_type: Mapping[str, list[Event]], as_of: dt.date
    ) -> list[_Instance]:
        assert rule.trigger is not None and rule.every is not None
        starts = by_type.get(rule.trigger, [])
        if not starts:
            return []
        start = starts[0].on
        periods, labels = self._spans_of(rule, start, as_of)
        # completions: explicit period labels first, then the earliest open period begun by then
        done: dict[str, dt.date] = {}
        loose: list[dt.date] = []
        for t in rule.completed_by:
            for e in by_type.get(t, ()):
                lab = e.data.get("period")
                if lab in labels and lab not in done:
                    done[lab] = e.on
                elif lab is None:
                    loose.append(e.on)
        for day in sorted(loose):
            for label, first, *_ in periods:
                if label not in done and first <= day:
                    done[label] = day
                    break
        trigger = rule.trigger
        return [
            _Instance(label, trigger, start, end, provisional, basis, done.get(label))
            for label, _, end, provisional, basis in periods
        ]

    def _spans_of(self, rule: Rule, start: dt.date, as_of: dt.date) -> _Spans:
        """The periods of a recurring rule started on ``start`` that began by ``as_of``: (label,
        first day, due date, provisional, basis) each, and the labels; memoised, as many cases
        share a start and ``as_of`` (see ``_DATES``)."""
        cal = self.calendar(rule.calendar)
        key = (rule.id, cal, start, as_of)
        hit = self._spans.get(key)
        if hit is None:
            spans = []
            for label, first, last in recurring_periods(rule, start, as_of):
                end = cal.roll_forward(last) if rule.roll == "forward" else last
                provisional = cal.year_info(end.year).status == "provisional"
                basis = Basis(period=rule.every or "", span=(first, last), anchor=rule.anchor)
                spans.append((label, first, end, provisional, basis))
            if len(self._spans) >= _DATES >> 4:
                self._spans.clear()
            hit = self._spans[key] = (tuple(spans), frozenset(s[0] for s in spans))
        return hit

    def _fields(self, case: Case, rule: Rule, inst: _Instance, as_of: dt.date) -> dict[str, object]:
        """Every field of the obligation ``inst`` is, by name (see :func:`_built`): a copy of the
        rule's :meth:`_template` with the duty's own fields set (a third of the time of a dict
        display of all 20)."""
        days = 0
        due_on = inst.due
        c = inst.completed_on
        if c is not None:
            late = (c - due_on).days if rule.kind != "aging" else (c - due_on).days + 1
            if late > 0:
                status, days = "met_late", late
            else:
                status = "met_on_time"
        elif inst.paused:
            status = "paused"
        elif rule.kind == "aging":
            status = "flagged" if as_of >= due_on else "pending"
        elif as_of < due_on:
            status = "pending"
        elif as_of == due_on:
            status = "due_today"
        else:
            status, days = "overdue", (as_of - due_on).days
        fields = self._templates.get(rule.id) or self._template(rule)
        fields = fields.copy()
        fields["case_id"] = case.id
        fields["unit"] = case.unit or rule.unit
        fields["instance"] = inst.key
        fields["trigger"] = inst.trigger
        fields["trigger_date"] = inst.trigger_date
        fields["due"] = due_on
        fields["provisional"] = inst.provisional
        fields["basis"] = inst.basis
        fields["status"] = status
        fields["days_overdue"] = days
        fields["completed_on"] = c
        return fields

    def _template(self, rule: Rule) -> dict[str, object]:
        """The fields of an obligation of ``rule`` that are the rule's and its calendar's, the
        others set to a placeholder, in the order of :class:`Obligation`'s fields."""
        status: Status = "pending"
        fields = self._templates[rule.id] = {
            "case_id": "",
            "rule_id": rule.id,
            "rule_version": rule.version,
            "clause": rule.clause,
            "title_zh": rule.title_zh,
            "title_en": rule.title_en,
            "unit": "",
            "kind": rule.kind,
            "instance": "",
            "trigger": "",
            "trigger_date": None,
            "due": None,
            "provisional": False,
            "basis": None,
            "calendar": rule.calendar,
            "calendar_version": self.calendar(rule.calendar).data_version,
            "status": status,
            "days_overdue": 0,
            "completed_on": None,
            "missing": (),
        }
        return fields


def recurring_periods(
    rule: Rule, start: dt.date, upto: dt.date
) -> list[tuple[str, dt.date, dt.date]]:
    """(label, first day, last day) of each period of a recurring rule that began by ``upto``.

    ``anchor = "calendar"``: calendar months / quarters / half-years / years, from the one holding
    ``start``; labelled ``2026-03``, ``2026-Q1``, ``2026-H1``, ``2026``. ``anchor = "rolling"``:
    periods of ``every`` counted from ``start`` by month arithmetic, always from the original
    start (docs/counting.md), each ending on the corresponding day; labelled by their first day.
    """
    assert rule.every is not None
    n = EVERY[rule.every]
    periods: list[tuple[str, dt.date, dt.date]] = []
    if rule.anchor == "calendar":
        y, mo = start.year, (start.month - 1) // n * n  # mo: 0-based first month of the period
        while (first := dt.date(y, mo + 1, 1)) <= upto:
            ly, lm = divmod(mo + n - 1, 12)
            last = dt.date(y + ly, lm + 1, _monthcal.monthrange(y + ly, lm + 1)[1])
            label = {1: f"{y}-{mo + 1:02d}", 3: f"{y}-Q{mo // 3 + 1}", 6: f"{y}-H{mo // 6 + 1}"}
            periods.append((label.get(n, str(y)), first, last))
            y, mo = (y + 1, 0) if mo + n >= 12 else (y, mo + n)
    else:
        k = 0
        while (first := add_months(start, k * n) if k else start) <= upto:
            periods.append((first.isoformat(), first, add_months(start, (k + 1) * n)))
            k += 1
    return periods


_engines: dict[tuple[int, int], Engine] = {}


def forget_rules() -> None:
    """Drop the rules loaded so far: the store in use computes with other rule folders."""
    plan_rules.cache_clear()
    _engines.clear()


def _engine(rules: RuleSet | None, matcher: Matcher | None) -> Engine:
    """One engine per (rule set, matcher) in use: a few per process, never one per case."""
    rs = rules if rules is not None else plan_rules()
    key = (id(rs), id(matcher))
    eng = _engines.get(key)
    # ids can be reused after garbage collection: a hit must hold the very same objects
    if eng is None or eng.rules is not rs or (matcher is not None and eng.matcher is not matcher):
        if len(_engines) >= 16:
            _engines.pop(next(iter(_engines)))
        eng = _engines[key] = Engine(rs, matcher)
    return eng


def evaluate(
    case: Case, as_of: dt.date, rules: RuleSet | None = None, matcher: Matcher | None = None
) -> list[Obligation]:
    """The obligations of ``case`` as of ``as_of`` under ``rules`` (default: the plan's rules).

    ``matcher`` defaults to durable-rules where it loads, else the pure-Python twin; both give the
    same answer. Deterministic for a given case and date.
    """
    return _engine(rules, matcher).evaluate(case, as_of)


def evaluate_many(cases: Iterable[Case], as_of: dt.date) -> list[list[Obligation]]:
    """:func:`evaluate` of each case under the plan's rules, with less work per case than one call
    each (the store's batches: nothing may change the environment while they are evaluated)."""
    return _engine(None, None).evaluate_many(cases, as_of)


def completes(case: Case, rule_ids: Iterable[str], instance: str, as_of: dt.date) -> bool:
    """:meth:`Engine.completes` under the plan's rules."""
    return _engine(None, None).completes(case, rule_ids, instance, as_of)
