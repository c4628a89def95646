"""Asking a rule "when is it due?": finding rules by id, REF code or title words, and answering
each with its condition and due date (a recurring rule: its next periods' due dates). The command
line (``deadlines due RULE``, ``rules show REF``) and the web's due form both answer through it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from deadlines.calendars.layers import calendar as get_calendar
from deadlines.calendars.periods import Deadline, add_months, due, period_in, weekday_name
from deadlines.errors import Joined, Phrase, ProvisionalRefusedError, RuleError, Texts, did_you_mean
from deadlines.messages import Lang, text
from deadlines.model import FactValue
from deadlines.rules import Rule, RuleSet
from deadlines.rules.conditions import AllOf, Compare, Condition, facts_used, unstated
from deadlines.rules.engine import recurring_periods
from deadlines.rules.model import EVERY


def condition_in(c: Condition | None, lang: Lang) -> str:
    """A rule's ``when`` as a person reads it; fact names stay as the ids a case uses."""
    if c is None:
        return text("cli.always", lang)
    if isinstance(c, Compare):
        v = list(c.value) if isinstance(c.value, tuple) else c.value
        op = text(f"cond.op.{c.op.replace(' ', '_')}", lang) if c.op.endswith("in") else c.op
        cond = f"{c.fact} {op} {json.dumps(v, ensure_ascii=False)}"
        if c.default is None:
            return cond
        default = json.dumps(c.default, ensure_ascii=False)
        return text("cond.default", lang, cond=cond, default=default)
    joiner = text("cond.and" if isinstance(c, AllOf) else "cond.or", lang)
    inner = joiner.join(condition_in(i, lang) for i in c.items)
    return inner if len(c.items) == 1 else f"({inner})"


def find_rule(rules: RuleSet, name: str) -> Rule:
    """The rule with id ``name``, or with REF code ``name`` (``L51b``, any case)."""
    ref = name.strip().lower()
    for r in rules.rules:
        if r.ref and r.ref.lower() == ref:
            return r
    for n in rules.notes:  # rules list names them (非规则): not unknown, but not a rule either
        if n.ref.lower() == ref and name not in rules:
            said = Texts(" ".join(n.quote.split()), " ".join(n.why.split()))
            raise RuleError(key="err.note_not_rule", ref=n.ref, clause=n.clause, said=said)
    return rules.get(name)


def title_in(r: Rule, lang: Lang) -> str:
    return r.title_zh if lang == "zh" else r.title_en


def default_reason_in(r: Rule, lang: Lang) -> str:
    """Why the rule's defaults were chosen, on one line ("" when the rule gives no reason)."""
    return " ".join((r.default_reason_zh if lang == "zh" else r.default_reason_en).split())


def sources_in(r: Rule, lang: Lang) -> tuple[str, ...]:
    return r.sources_zh if lang == "zh" else r.sources_en


def trigger_of(rules: RuleSet, r: Rule) -> str:
    """The event type that starts ``r``: its trigger, or the completion of the rule it follows."""
    if r.trigger is not None:
        return r.trigger
    assert r.after is not None
    return "|".join(rules.get(r.after).completed_by)


def matching_rules(rules: RuleSet, words: str, facts: Mapping[str, FactValue]) -> list[Rule]:
    """Rules named by ``words``: an id or REF code, else every enabled rule whose titles or clause
    hold every word; with facts, those whose condition the facts fail are set aside. A fact none
    of them reads is refused, and so are facts that set every one of them aside (saying why)."""
    try:
        named: Rule | None = find_rule(rules, words)
    except RuleError as exc:
        if exc.key == "err.note_not_rule":
            raise
        named = None
    found = [named] if named else [r for r in rules.search(words) if r.emit and r.enabled]
    if not facts or not found:
        return found
    _check_facts_read(found, facts)
    kept = [r for r in found if r.when is None or r.when.holds(facts)]
    if named and not kept:
        when = Texts(condition_in(named.when, "zh"), condition_in(named.when, "en"))
        raise RuleError(key="err.rule_not_for_facts", rule=named.id, when=when)
    if not kept:
        why = Joined(tuple(_why_not(r, facts) for r in found))
        raise RuleError(key="err.facts_rule_out", words=words, why=why)
    return kept


def _check_facts_read(found: Sequence[Rule], facts: Mapping[str, FactValue]) -> None:
    """A fact none of the rules reads would change nothing: most often a typing slip."""
    read = sorted(set().union(*(facts_used(r.when) for r in found)))
    for name in facts:
        if name not in read:
            raise RuleError(
                key="err.fact_not_read",
                name=name,
                hint=did_you_mean(name, read),
                read=", ".join(read) or "—",
                rules=", ".join(r.id for r in found),
            )


def _why_not(r: Rule, facts: Mapping[str, FactValue]) -> Phrase:
    """Why ``r`` is set aside: the facts it still needs, else the condition the facts fail."""
    when = Texts(condition_in(r.when, "zh"), condition_in(r.when, "en"))
    missing = unstated(r.when, facts)
    if missing:
        return Phrase(
            "err.rule_needs_facts", {"rule": r.id, "facts": ", ".join(missing), "when": when}
        )
    return Phrase("err.rule_fails", {"rule": r.id, "when": when})


@dataclass(frozen=True)
class Answer:
    """One rule's answer to ``due``: the due date (or a recurring period's) and how it is reached."""

    rule: Rule
    due: dt.date
    provisional: bool
    calendar: str
    trigger: str
    deadline: Deadline | None = None
    instance: dict[str, str] = field(default_factory=dict)
    low_confidence_years: tuple[int, ...] = ()

    def record(self, lang: Lang, start: dt.date | None, before: dt.date | None) -> dict[str, Any]:
        """The JSON object (keys documented in docs/output.md)."""
        r = self.rule
        d = self.deadline
        cal = get_calendar(self.calendar)
        return {
            "due": self.due.isoformat(),
            "weekday": weekday_name(self.due, lang),
            "provisional": self.provisional,
            "provisional_years": list(d.provisional_years) if d else self._years(),
            "low_confidence": bool(self.low_confidence_years),
            "low_confidence_years": list(self.low_confidence_years),
            "period": period_in(d.period, lang) if d else r.every,
            "direction": d.direction if d else "from",
            "from" if d is None or d.direction == "from" else "before": (
                d.trigger if d else start or before or self.due
            ).isoformat(),
            "mode": d.mode if d else "recurring",
            "calendar": self.calendar,
            "calendar_version": d.calendar_version if d else cal.data_version,
            "steps": list(d.explain(lang)) if d else [],
            "rule": r.id,
            "ref": r.ref,
            "clause": r.clause,
            "title_zh": r.title_zh,
            "title_en": r.title_en,
            "unit": r.unit,
            "kind": r.kind,
            "condition": condition_in(r.when, lang) if r.when is not None else None,
            "trigger": self.trigger,
            "rule_version": r.version,
            "instance": self.instance.get("label"),
            "period_start": self.instance.get("first"),
            "period_end": self.instance.get("last"),
        }

    def _years(self) -> list[int]:
        return [self.due.year] if self.provisional else []


def answer(
    rules: RuleSet,
    r: Rule,
    *,
    start: dt.date | None,
    before: dt.date | None,
    calendar_name: str | None,
    strict: bool,
    periods: int,
) -> list[Answer]:
    """``r``'s due date(s): a deadline's one date, or a recurring rule's next ``periods``."""
    if not r.enabled:
        raise RuleError(
            key="err.rule_off",
            rule=r.id,
            why=Texts(default_reason_in(r, "zh"), default_reason_in(r, "en")),
        )
    if r.kind == "recurring":
        return _recurring(rules, r, start or before, calendar_name, strict, periods)
    assert r.period is not None
    if r.direction == "before" and before is None:
        raise RuleError(key="err.rule_needs_before", rule=r.id)
    if r.direction == "from" and start is None:
        raise RuleError(key="err.rule_needs_from", rule=r.id, trigger=trigger_of(rules, r))
    d = due(
        r.period,
        start=start,
        before=before,
        calendar=calendar_name or r.calendar,
        strict=strict,
        mode="aging" if r.kind == "aging" else "deadline",
    )
    trigger = trigger_of(rules, r)
    low = tuple(d.low_confidence_years)
    return [Answer(r, d.date, d.provisional, d.calendar, trigger, d, low_confidence_years=low)]


def _recurring(
    rules: RuleSet,
    r: Rule,
    day: dt.date | None,
    calendar_name: str | None,
    strict: bool,
    count: int,
) -> list[Answer]:
    """The next ``count`` periods of a recurring rule whose due date is on or after ``day``."""
    if r.every is None:
        raise RuleError(key="err.rule_no_every", rule=r.id)
    assert day is not None
    cal_name = calendar_name or r.calendar
    cal = get_calendar(cal_name)
    upto = add_months(day, (count + 1) * EVERY[r.every])
    out: list[Answer] = []
    for label, first, last in recurring_periods(r, day, upto):
        end = cal.roll_forward(last) if r.roll == "forward" else last
        if end < day:
            continue
        provisional = any(
            cal.year_info(y).status == "provisional" for y in range(last.year, end.year + 1)
        )
        if provisional and strict:
            raise ProvisionalRefusedError(key="err.strict_recurring", rule=r.id, year=end.year)
        instance = {"label": label, "first": first.isoformat(), "last": last.isoformat()}
        low = tuple(
            y
            for y in range(first.year, end.year + 1)
            if cal.year_info(y).regional_confidence == "low"
        )
        trigger = trigger_of(rules, r)
        out.append(Answer(r, end, provisional, cal_name, trigger, None, instance, low))
        if len(out) == count:
            break
    return out


def answers_for(
    rules: RuleSet,
    found: Sequence[Rule],
    *,
    start: dt.date | None,
    before: dt.date | None,
    calendar_name: str | None,
    strict: bool,
    periods: int,
) -> list[Answer]:
    """Every matching rule's answer; of several, those the given direction cannot answer (a
    reminder asked --from) are left out, unless none is left."""
    usable = [
        r
        for r in found
        if r.kind == "recurring" or (r.direction == "before") == (before is not None)
    ]
    out: list[Answer] = []
    for r in usable or found[:1]:
        out += answer(
            rules,
            r,
            start=start,
            before=before,
            calendar_name=calendar_name,
            strict=strict,
            periods=periods,
        )
    return out
