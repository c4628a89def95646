"""``deadlines rules list|show|check``, and the rule side of ``deadlines due RULE_ID``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import click

from deadlines.calendars.layers import calendar as get_calendar
from deadlines.calendars.layers import fmt
from deadlines.calendars.periods import ACCEPTED, due
from deadlines.cli.common import DATE, print_json
from deadlines.errors import RuleError
from deadlines.model import FactValue
from deadlines.rules import Rule, RuleSet, check_paths, load_rules
from deadlines.rules.engine import recurring_periods
from deadlines.rules.matching import python_matched_kinds

EXAMPLE_DATE = dt.date(2026, 9, 30)
"""The default trigger (or expiry) of ``rules show``'s example: the eve of National Day 2026, so
the example shows a holiday block, a make-up working Saturday (10-10) and the roll."""

rules_option = click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=True, dir_okay=True),
    help="A folder (or file) of extra rule files; repeatable. Also: DEADLINES_RULES.",
)


def trigger_of(rules: RuleSet, r: Rule) -> str:
    """The event type that starts ``r``: its trigger, or the completion of the rule it follows."""
    if r.trigger is not None:
        return r.trigger
    assert r.after is not None
    return "|".join(rules.get(r.after).completed_by)


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


@rules_group.command("list")
@rules_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of rule objects.")
def list_cmd(rule_dirs: tuple[str, ...], as_json: bool) -> None:
    """Every rule: id, clause, period, direction and title; then the rows that are not rules."""
    rules = load_rules(rule_dirs)
    if as_json:
        print_json([rule_summary(rules, r) for r in rules.rules])
        return
    rows = [
        (
            r.id,
            r.ref,
            r.clause,
            r.period_text or "(not set)",
            "before" if r.direction == "before" else r.kind if r.kind != "deadline" else "from",
            r.title_zh + ("" if r.enabled else " [off until configured]"),
        )
        for r in rules.rules
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    head = ("ID", "REF", "CLAUSE", "PERIOD", "DIR")
    click.echo("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=False)) + "  TITLE")
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[5])
    for n in rules.notes:
        click.echo(f"Not a rule: {n.ref} ({n.clause}) — {' '.join(n.why.split())}")


@rules_group.command("show")
@click.argument("rule_id")
@rules_option
@click.option(
    "--example",
    "example",
    type=DATE,
    default=EXAMPLE_DATE.isoformat(),
    show_default=True,
    help="The trigger (or expiry) date of the worked example.",
)
def show_cmd(rule_id: str, rule_dirs: tuple[str, ...], example: dt.date) -> None:
    """One rule in full: clause and quote, trigger, period, defaults, sources, an example date."""
    rules = load_rules(rule_dirs)
    r = rules.get(rule_id)
    click.echo(f"{r.id}" + (f" ({r.ref})" if r.ref else "") + f" — {r.title_zh} / {r.title_en}")
    lines = [
        ("clause", f"{r.clause}: “{r.quote}”"),
        ("unit", r.unit),
        ("case kind", r.case_kind),
        ("kind", r.kind + ("" if r.enabled else " (off until configured)")),
        ("trigger", trigger_of(rules, r) + (f" (after {r.after})" if r.after else "")),
        ("period", f"{r.period_text or '(not set)'} {r.direction}"),
        ("completed by", ", ".join(r.completed_by)),
        ("calendar", r.calendar),
        ("applies when", str(r.when) if r.when is not None else "always"),
    ]
    if r.every:
        lines.append(("every", f"{r.every}, anchor {r.anchor}, roll {r.roll}"))
    if r.cap:
        lines.append(("also bound by", f"{r.cap} (the earlier date binds)"))
    if r.per:
        lines.append(("one per", f"event data {r.per!r}"))
    if r.pausable:
        lines.append(("pausable", "court pause/resume events are deducted (扣除)"))
    if r.extended_by:
        lines.append(("extended by", ", ".join(r.extended_by)))
    if not r.emit:
        lines.append(("emits", "nothing of its own: it caps another rule"))
    if r.default_reason:
        lines.append(("default", " ".join(r.default_reason.split())))
    for s in r.sources:
        lines.append(("source", s))
    lines += [("version", r.version), ("defined at", r.source)]
    for k, v in lines:
        click.echo(f"  {k + ':':<14} {v}")
    click.echo(f"  {'example:':<14} {_example(r, example)}")


def _example(r: Rule, day: dt.date) -> str:
    if r.kind == "recurring":
        if r.every is None:
            return "none: the frequency is not set"
        label, first, last = recurring_periods(r, day, day)[-1]
        end = get_calendar(r.calendar).roll_forward(last) if r.roll == "forward" else last
        return f"the period {label} ({fmt(first)} – {fmt(last)}) is due {fmt(end)}"
    assert r.period is not None
    if r.direction == "before":
        d = due(r.period, before=day, calendar=r.calendar)
        return f"expiry {fmt(day)} → remind on {fmt(d.date)}"
    d = due(
        r.period, start=day, calendar=r.calendar, mode="aging" if r.kind == "aging" else "deadline"
    )
    what = "flagged from" if r.kind == "aging" else "due"
    return f"from {fmt(day)} → {what} {fmt(d.date)}" + (" (provisional)" if d.provisional else "")


@rules_group.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
def check_cmd(paths: tuple[str, ...]) -> None:
    """Validate the plan's rules plus PATHS (rule files or folders); list every problem.

    Exit 0 when everything loads; otherwise one line per problem (file:line: rule 'id': key: ...)
    and exit 1.
    """
    problems = check_paths(paths)
    if problems:
        for p in problems:
            click.echo(p)
        n = len(problems)
        raise click.ClickException(
            f"{n} problem{'s' * (n != 1)} in the rule files (listed above); fix "
            f"{'them' if n != 1 else 'it'} and run `deadlines rules check` again"
        )
    rules = load_rules(paths, use_env=False)
    click.echo(f"ok: {len(rules.rules)} rules, {len(rules.notes)} notes, version {rules.version}")
    for note in python_matched_kinds(rules):
        click.echo(note)


def register(main: click.Group) -> None:
    main.add_command(rules_group)


# -- deadlines due RULE_ID / "words" -------------------------------------------------------------


def parse_facts(items: Sequence[str]) -> dict[str, FactValue]:
    """``k=v`` pairs: true/false become booleans, numbers numbers, anything else text (the
    store's reading and checks: finite numbers, names and texts within the limits)."""
    from deadlines.store.checks import check_facts_input
    from deadlines.store.importer import parse_value

    facts: dict[str, FactValue] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(
                f"{item!r}: expected NAME=VALUE, e.g. manufacturing=true", param_hint="--fact"
            )
        facts[key.strip()] = parse_value(raw.strip())
    check_facts_input(facts)
    return facts


class NoRuleMatch(RuleError):
    """Neither a rule id nor words of any rule's title."""


def resolve_rule(rules: RuleSet, text: str, facts: Mapping[str, FactValue]) -> Rule:
    """A rule by id, or the one rule whose titles/clause contain every word of ``text``.

    With facts, rules whose conditions the facts fail are set aside (this picks a variant).
    Several candidates: a :class:`RuleError` listing them; none: one naming what is accepted.
    """
    if text in rules:
        r = rules.get(text)
        if facts and r.when is not None and not r.when.holds(facts):
            raise RuleError(f"rule {r.id!r} does not apply to the facts given: it needs {r.when}")
        return r
    found = [r for r in rules.search(text) if r.emit and r.enabled]
    if facts:
        found = [r for r in found if r.when is None or r.when.holds(facts)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NoRuleMatch(
            f"{text!r} is neither a period nor a rule: no rule id or title matches it; "
            f"{ACCEPTED}; or a rule id (deadlines rules list) or words of a rule's title"
        )
    listing = "; ".join(f"{r.id} ({r.title_zh})" for r in found)
    raise RuleError(f"{len(found)} rules match {text!r}: {listing}; give one id or --fact")


def due_by_rule(
    text: str,
    period_error: str,
    *,
    start: dt.date | None,
    before: dt.date | None,
    facts: Sequence[str],
    rule_dirs: Sequence[str],
    calendar_name: str | None,
    strict: bool,
) -> tuple[dict[str, Any], str, Any]:
    """The due date under a rule: (the JSON additions, a heading line, the Deadline).

    ``period_error`` is why ``text`` is not a period; it is the usage error when no rule matches.
    """
    rules = load_rules(rule_dirs)
    try:
        r = resolve_rule(rules, text, parse_facts(facts))
    except NoRuleMatch:
        raise click.BadParameter(
            f"{period_error}; or a rule id or words of a rule's title (deadlines rules list)",
            param_hint="PERIOD",
        ) from None
    if not r.enabled:
        raise RuleError(
            f"rule {r.id!r} is off until configured: {' '.join(r.default_reason.split())}"
        )
    if r.period is None or r.kind == "recurring":
        raise RuleError(
            f"rule {r.id!r} is a recurring duty ({r.every}); it has no single due date: "
            f"see deadlines rules show {r.id}"
        )
    if r.direction == "before" and before is None:
        raise RuleError(f"rule {r.id!r} counts back from an expiry: give --before DATE")
    if r.direction == "from" and start is None:
        raise RuleError(
            f"rule {r.id!r} counts from its trigger ({trigger_of(rules, r)}): give --from DATE"
        )
    d = due(
        r.period,
        start=start,
        before=before,
        calendar=calendar_name or r.calendar,
        strict=strict,
        mode="aging" if r.kind == "aging" else "deadline",
    )
    heading = (
        f"Rule {r.id}" + (f" ({r.ref})" if r.ref else "") + f", clause {r.clause}: {r.title_zh} — "
        f"{r.period} {r.direction} {trigger_of(rules, r)} on calendar {d.calendar}"
    )
    if r.cap:
        heading += f"; also bound by {r.cap}, counted from its own trigger: the earlier binds"
    extra = {"rule": r.id, "clause": r.clause, "rule_version": r.version, "title_zh": r.title_zh}
    return extra, heading, d
