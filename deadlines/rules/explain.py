"""The explanation of a duty, derived when it is shown.

An obligation keeps what its date was computed from (:class:`~deadlines.model.Basis`: the rule
version, trigger, period, calendar version, deductions, extensions, chain and cap), never its
steps. :func:`obligation_steps` renders them: the rule with its clause and quote, the chain it
follows, the arithmetic (``deadlines.calendars.explain``), the cap, and the status *as of the day
asked about*, in the language asked for. A duty computed under a rule version or calendar data
that is no longer in force is marked (:func:`stale`) until ``deadlines recompute``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from deadlines.calendars import layers
from deadlines.calendars.explain import calendar_step, fmt_date, reason, span
from deadlines.calendars.periods import Period, due
from deadlines.messages import Lang, text
from deadlines.model import Basis, Obligation, status_on

if TYPE_CHECKING:
    from deadlines.rules.model import Rule, RuleSet


def _rules(rules: RuleSet | None) -> RuleSet:
    if rules is not None:
        return rules
    from deadlines.rules.loading import plan_rules

    return plan_rules()


def stale(ob: Obligation, rules: RuleSet | None = None) -> list[str]:
    """Message keys of what changed since ``ob`` was computed: its rule, its calendar data, or
    (a duty stored before explanations were derived) its inputs were never recorded."""
    rs = _rules(rules)
    found = []
    if ob.rule_id not in rs:
        found.append("stale.rule_gone")
    elif rs.get(ob.rule_id).version != ob.rule_version:
        found.append("stale.rule")
    if layers.calendar(ob.calendar).data_version != ob.calendar_version:
        found.append("stale.calendar")
    if ob.basis is None:
        found.append("stale.legacy")
    return found


def _stale_notes(ob: Obligation, rule: Rule | None, keys: list[str], lang: Lang) -> list[str]:
    now = layers.calendar(ob.calendar).data_version
    fields = {
        "stale.rule": {"old": ob.rule_version, "new": rule.version if rule else ""},
        "stale.rule_gone": {"rule": ob.rule_id},
        "stale.calendar": {"old": ob.calendar_version, "new": now},
        "stale.legacy": {},
    }
    return [text(k, lang, **fields[k]) for k in keys]


def _head(ob: Obligation, rule: Rule | None, rs: RuleSet, lang: Lang) -> str:
    current = rule is not None and rule.version == ob.rule_version
    basis = ob.basis or Basis()
    period = basis.period or (rule.period_text or rule.every or "" if rule else "")
    if lang == "zh" and period and basis.span is None:
        period = Period.parse(period).zh
    event = rs.events.get(ob.trigger)
    return text(
        "rule.head",
        lang,
        id=ob.rule_id,
        ref=f" ({rule.ref})" if rule is not None and rule.ref else "",
        clause=ob.clause,
        title=ob.title_zh if lang == "zh" else ob.title_en,
        quote=rule.quote if rule is not None and current else "…",
        period=period,
        direction=text(f"rule.{basis.direction}", lang),
        trigger=event.zh if lang == "zh" and event is not None else ob.trigger,
        instance=f" [{ob.instance}]" if ob.instance else "",
    )


def _chain(basis: Basis, rs: RuleSet, lang: Lang) -> str:
    assert basis.chain is not None
    rule_id, done = basis.chain
    prev = rs.get(rule_id) if rule_id in rs else None
    return text(
        "chain.gate" if basis.gate else "chain.trigger",
        lang,
        rule=rule_id,
        ref=prev.ref if prev is not None else "…",
        clause=prev.clause if prev is not None else "…",
        date=fmt_date(done, lang),
    )


def _arithmetic(ob: Obligation, basis: Basis, rs: RuleSet, lang: Lang) -> list[str]:
    """The date's own steps, then the cap that may bind and an open pause."""
    assert ob.trigger_date is not None
    start = ob.trigger_date if basis.direction == "from" else None
    before = ob.trigger_date if basis.direction == "before" else None
    d = due(
        basis.period,
        start=start,
        before=before,
        calendar=layers.calendar(ob.calendar),
        mode="aging" if ob.kind == "aging" else "deadline",
        deductions=basis.deductions,
        extensions=basis.extensions,
    )
    steps = list(d.explain(lang))
    if basis.cap is not None:
        cap_id, cap_trigger, cap_due = basis.cap
        cap = rs.get(cap_id) if cap_id in rs else None
        title = (cap.title_zh if lang == "zh" else cap.title_en) if cap is not None else "…"
        steps.append(
            text(
                "cap",
                lang,
                rule=cap_id,
                title=title,
                cap_due=fmt_date(cap_due, lang),
                trigger=fmt_date(cap_trigger, lang),
                own=fmt_date(d.date, lang),
                binding=text("cap.binds" if cap_due < d.date else "cap.plan", lang),
                due=fmt_date(min(d.date, cap_due), lang),
            )
        )
    if basis.paused and basis.deductions:
        began, computed = basis.deductions[-1]
        steps.append(
            text("paused", lang, date=fmt_date(began, lang), as_of=fmt_date(computed, lang))
        )
    return steps


def _recurring(ob: Obligation, basis: Basis, lang: Lang) -> list[str]:
    assert basis.span is not None and ob.trigger_date is not None and ob.due is not None
    cal = layers.calendar(ob.calendar)
    first, last = basis.span
    key = "recurring.rolling" if basis.anchor == "rolling" else "recurring.calendar"
    start = fmt_date(ob.trigger_date, lang)
    steps = [
        text(key, lang, every=basis.period, start=start, trigger=ob.trigger),
        text("recurring.period", lang, label=ob.instance, span=span(first, last, lang)),
    ]
    if ob.due != last:
        steps.append(
            text(
                "recurring.roll",
                lang,
                last=fmt_date(last, lang),
                reason=reason(cal.day_info(last), lang),
                end=fmt_date(ob.due, lang),
            )
        )
    steps.append(calendar_step(cal, lang))
    return steps


def status_step(ob: Obligation, as_of: dt.date, lang: Lang) -> str:
    """The duty's status on ``as_of``: pending, due today, N days overdue, met, paused, flagged."""
    status = status_on(ob, as_of)
    day = fmt_date(as_of, lang)
    done = ob.completed_on
    if status in ("met_on_time", "met_late") and done is not None and ob.due is not None:
        late = (done - ob.due).days + (1 if ob.kind == "aging" else 0)
        return text(f"status.{status}", lang, date=fmt_date(done, lang), n=max(late, 0))
    if status == "undetermined" and ob.due is not None:
        basis = ob.basis or Basis()
        candidates = "; ".join(
            text("undetermined.candidate", lang, rule=rule, due=fmt_date(due, lang))
            for rule, due in basis.candidates
        )
        from deadlines.rules.conditions import fact_values
        from deadlines.rules.loading import plan_rules

        conds = [r.when for r in plan_rules().rules]
        given = " ".join(f"{name}={fact_values(conds, name)}" for name in ob.missing)
        return text(
            "status.undetermined",
            lang,
            given=given,
            missing=", ".join(ob.missing),
            candidates=candidates,
            due=fmt_date(ob.due, lang),
            case=ob.case_id,
        )
    if status == "overdue" and ob.due is not None:
        return text("status.overdue", lang, as_of=day, n=(as_of - ob.due).days)
    return text(f"status.{status}", lang, as_of=day)


def obligation_steps(
    ob: Obligation, lang: Lang, as_of: dt.date, rules: RuleSet | None = None
) -> tuple[str, ...]:
    """Every step from the rule to the date and the status on ``as_of``, in ``lang``.

    ``rules`` defaults to the rules in force (the plan's rules plus ``$DEADLINES_RULES``).
    """
    rs = _rules(rules)
    rule = rs.get(ob.rule_id) if ob.rule_id in rs else None
    steps = [_head(ob, rule, rs, lang), *_stale_notes(ob, rule, stale(ob, rs), lang)]
    basis = ob.basis
    if basis is not None and ob.trigger_date is not None and ob.due is not None:
        if basis.chain is not None:
            steps.append(_chain(basis, rs, lang))
        if basis.renewed is not None:
            previous, event = basis.renewed
            steps.append(
                text(
                    "renewed",
                    lang,
                    old=fmt_date(previous, lang),
                    new=fmt_date(ob.trigger_date, lang),
                    trigger=ob.trigger,
                    event=event,
                )
            )
        if basis.span is not None:
            steps += _recurring(ob, basis, lang)
        else:
            steps += _arithmetic(ob, basis, rs, lang)
    steps.append(status_step(ob, as_of, lang))
    return tuple(steps)
