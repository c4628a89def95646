"""``deadlines rules list|show|check``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import click

from deadlines.calendars.layers import calendar as get_calendar
from deadlines.calendars.periods import due, period_in
from deadlines.cli.common import DATE, rules_option
from deadlines.cli.formats import Output, dated, labelled, output_options, table
from deadlines.errors import say
from deadlines.messages import Lang, text
from deadlines.model import is_placeholder
from deadlines.rules import Rule, RuleSet, check_paths, load_rules
from deadlines.rules.answers import (
    condition_in,
    default_reason_in,
    find_rule,
    sources_in,
    title_in,
    trigger_of,
)
from deadlines.rules.engine import recurring_periods
from deadlines.rules.matching import DURABLE_RULES_PER_KIND, oversized_kinds

EXAMPLE_DATE = dt.date(2026, 9, 30)
"""The default trigger (or expiry) of ``rules show``'s example: the eve of National Day 2026, so
the example shows a holiday block, a make-up working Saturday (10-10) and the roll."""


def rule_summary(rules: RuleSet, r: Rule) -> dict[str, Any]:
    """The object ``rules list --json`` prints for one rule."""
    return {
        "id": r.id,
        "ref": r.ref,
        "title_zh": r.title_zh,
        "title_en": r.title_en,
        "clause": r.clause,
        "quote": r.quote,
        "unit": r.unit,
        "case_kind": r.case_kind,
        "kind": r.kind,
        "trigger": trigger_of(rules, r),
        "period": r.period_text,
        "every": r.every,
        "direction": r.direction,
        "calendar": r.calendar,
        "completed_by": list(r.completed_by),
        "after": r.after,
        "cap": r.cap,
        "when": r.when.to_data() if r.when is not None else None,
        "enabled": r.enabled,
        "emit": r.emit,
        "version": r.version,
        "source": r.source,
    }


@click.group("rules")
def rules_group() -> None:
    """The plan's time limits as rules: list them, show one, check rule files."""


def _direction(r: Rule, lang: Lang) -> str:
    if r.kind == "deadline":
        return text(f"direction.{r.direction}", lang)
    return text(f"rule_kind.{r.kind}", lang)


@rules_group.command("list")
@rules_option
@output_options
def list_cmd(rule_dirs: tuple[str, ...], out: Output) -> None:
    """Every rule: id, REF code, clause, period, direction and title; then the rows that are not
    rules (JSON: the rules only)."""
    rules = load_rules(rule_dirs)

    def lines() -> Iterator[str]:
        rows = [
            [
                r.id,
                r.ref,
                r.clause,
                _period(r, out.lang),
                _direction(r, out.lang),
                title_in(r, out.lang) + ("" if r.enabled else " " + out.t("cli.off")),
            ]
            for r in rules.rules
        ]
        keys = ("id", "ref", "clause", "period", "direction", "title")
        yield from table([out.t(f"head.{k}") for k in keys], rows)
        for n in rules.notes:
            if out.lang == "zh":
                yield out.t("rules.note", ref=n.ref, clause=n.clause, why=" ".join(n.quote.split()))
            else:
                yield out.t("rules.note", ref=n.ref, clause=n.clause, why=" ".join(n.why.split()))

    out.emit([rule_summary(rules, r) for r in rules.rules], lines)


def _period(r: Rule, lang: Lang) -> str:
    if r.period is not None:
        return period_in(r.period, lang)
    if r.every:
        return text(f"every.{r.every}", lang)
    return text("cli.not_set", lang)


@rules_group.command("show")
@click.argument("rule_id", metavar="ID|REF")
@rules_option
@click.option(
    "--example",
    "example",
    type=DATE,
    default=EXAMPLE_DATE.isoformat(),
    show_default=True,
)
@output_options
def show_cmd(rule_id: str, rule_dirs: tuple[str, ...], example: dt.date, out: Output) -> None:
    """One rule in full: clause and quote, trigger, period, defaults, sources, an example date.

    ID is a rule id (credit.small-loan) or its REF code (L48)."""
    rules = load_rules(rule_dirs)
    r = find_rule(rules, rule_id)
    record = {**rule_summary(rules, r), "example": _example(r, example, out.lang)}
    out.emit([record], lambda: _show_lines(rules, r, example, out), document=record)


def _show_lines(rules: RuleSet, r: Rule, example: dt.date, out: Output) -> Iterator[str]:
    t = out.t
    yield f"{r.id}" + (f" ({r.ref})" if r.ref else "") + f" — {title_in(r, out.lang)}"
    trigger = trigger_of(rules, r) + (t("rules.after", rule=r.after) if r.after else "")
    lines = [
        ("clause", t("rules.clause", clause=r.clause, quote=r.quote)),
        ("unit", t("rules.unit_placeholder", unit=r.unit) if is_placeholder(r.unit) else r.unit),
        ("case_kind", _kind_name(rules, r.case_kind, out.lang)),
        ("kind", t(f"rule_kind.{r.kind}") + ("" if r.enabled else " " + t("cli.off"))),
        ("trigger", trigger),
        ("period", f"{_period(r, out.lang)} {t(f'direction.{r.direction}')}"),
        ("completed_by", ", ".join(r.completed_by)),
        ("calendar", r.calendar),
        ("when", condition_in(r.when, out.lang)),
    ]
    if r.every:
        lines.append(
            (
                "every",
                t(
                    "rules.every",
                    every=t(f"every.{r.every}"),
                    anchor=t(f"rules.anchor.{r.anchor}"),
                    roll=t(f"rules.roll.{r.roll}"),
                ),
            )
        )
    if r.cap:
        lines.append(("cap", t("rules.cap", cap=r.cap)))
    if r.per:
        lines.append(("per", t("rules.per", per=r.per)))
    if r.pausable:
        lines.append(("pausable", t("rules.pausable")))
    if r.extended_by:
        lines.append(("extended_by", ", ".join(r.extended_by)))
    if not r.emit:
        lines.append(("emits", t("rules.no_emit")))
    if reason := default_reason_in(r, out.lang):
        lines.append(("default", reason))
    lines += [("source", s) for s in sources_in(r, out.lang)]
    lines += [
        ("version", r.version),
        ("defined_at", r.source),
        ("example", _example(r, example, out.lang)),
    ]
    yield from labelled([(t(f"rules.label.{k}"), v) for k, v in lines], out.lang)


def _kind_name(rules: RuleSet, kind: str, lang: Lang) -> str:
    """执行案件 (enforcement): the case kind's name, then its id."""
    k = rules.case_kinds.get(kind)
    return f"{k.zh if lang == 'zh' else k.en} ({kind})" if k else kind


def _example(r: Rule, day: dt.date, lang: Lang) -> str:
    if r.kind == "recurring":
        if r.every is None:
            return text("rules.example.no_every", lang)
        label, first, last = recurring_periods(r, day, day)[-1]
        end = get_calendar(r.calendar).roll_forward(last) if r.roll == "forward" else last
        ahead = get_calendar(r.calendar).year_info(end.year).status == "provisional"
        return text(
            "rules.example.recurring",
            lang,
            label=label,
            first=dated(first, lang),
            last=dated(last, lang),
            due=dated(end, lang),
        ) + (" " + text("cli.provisional", lang) if ahead else "")
    assert r.period is not None
    if r.direction == "before":
        d = due(r.period, before=day, calendar=r.calendar)
        key = "rules.example.before"
    else:
        aging = r.kind == "aging"
        d = due(r.period, start=day, calendar=r.calendar, mode="aging" if aging else "deadline")
        key = "rules.example.aging" if aging else "rules.example.from"
    prov = " " + text("cli.provisional", lang) if d.provisional else ""
    return text(key, lang, day=dated(day, lang), due=dated(d.date, lang)) + prov


@rules_group.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@output_options
def check_cmd(paths: tuple[str, ...], out: Output) -> None:
    """Validate the plan's rules plus PATHS (rule files or folders); list every problem.

    Exit 0 when everything loads; otherwise one line per problem (file:line: rule 'id': key: ...)
    and exit 1. JSON: {"ok", "problems", "rules", "notes", "version", "python_matched"}.
    """
    problems = [say(p, out.lang) for p in check_paths(paths)]
    rules = None if problems else load_rules(paths, use_env=False)
    oversized = oversized_kinds(rules) if rules else {}
    record = {
        "ok": not problems,
        "problems": problems,
        "rules": len(rules.rules) if rules else None,
        "notes": len(rules.notes) if rules else None,
        "version": rules.version if rules else None,
        "python_matched": oversized,
    }

    def lines() -> Iterator[str]:
        if rules is None:
            yield from problems
            return
        yield out.t(
            "rules.check_ok",
            rules=len(rules.rules),
            notes=len(rules.notes),
            version=rules.version,
        )
        for kind, n in sorted(oversized.items()):
            yield out.t("rules.python_matched", kind=kind, n=n, most=DURABLE_RULES_PER_KIND)

    out.emit([record], lines, document=record)
    if problems:
        raise click.ClickException(out.t("rules.check_failed", n=len(problems)))


def register(main: click.Group) -> None:
    main.add_command(rules_group)


# -- deadlines due RULE_ID / "words" -------------------------------------------------------------
