"""``deadlines due``: when is a period due, and why; or a rule's due date, found by id, REF code
or words of its title (every rule the words match answers, each with its condition)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from deadlines.calendars.periods import Deadline, Period, period_in
from deadlines.calendars.periods import due as compute_due
from deadlines.cli.common import DATE, calendar_option, parse_facts, rules_option
from deadlines.cli.formats import Output, Range, dated, output_options, table
from deadlines.errors import PeriodError

if TYPE_CHECKING:
    from deadlines.rules.answers import Answer


def marks(provisional: bool, low_confidence: bool, out: Output) -> str:
    """[暂定] and [宁夏地方假日数据可信度低] after a date, as they apply."""
    return (f" {out.t('cli.provisional')}" if provisional else "") + (
        f" {out.t('cli.low_confidence')}" if low_confidence else ""
    )


def _steps(steps: Sequence[str]) -> Iterator[str]:
    for i, step in enumerate(steps, 1):
        yield f"  {i}. {step}"


def _deadline_lines(d: Deadline, out: Output, heading: str | None = None) -> Iterator[str]:
    """The human form: the date with its weekday, a heading, then the numbered explanation."""
    yield dated(d.date, out.lang) + marks(d.provisional, bool(d.low_confidence_years), out)
    yield heading or out.t(
        f"due.heading.{d.direction}",
        period=period_in(d.period, out.lang),
        day=d.trigger.isoformat(),
        calendar=d.calendar,
    )
    yield from _steps(d.explain(out.lang))


def _answer_heading(a: Answer, out: Output) -> str:
    from deadlines.rules.answers import title_in

    r = a.rule
    head = out.t(
        "due.rule_heading",
        rule=r.id + (f" ({r.ref})" if r.ref else ""),
        clause=r.clause,
        title=title_in(r, out.lang),
        trigger=a.trigger,
        calendar=a.calendar,
    )
    if r.cap:
        head += out.t("due.capped", cap=r.cap)
    return head


def _recurring_line(a: Answer, out: Output) -> str:
    i = a.instance
    line = out.t("due.recurring", label=i["label"], first=i["first"], last=i["last"])
    return f"{line} {dated(a.due, out.lang)}" + marks(
        a.provisional, bool(a.low_confidence_years), out
    )


def _answers_text(answers: Sequence[Answer], words: str, out: Output) -> Iterator[str]:
    from deadlines.rules.answers import condition_in, title_in

    rules = list(dict.fromkeys(a.rule for a in answers))
    if len(answers) == 1 and answers[0].deadline is not None:
        yield from _deadline_lines(answers[0].deadline, out, _answer_heading(answers[0], out))
        return
    if len(rules) > 1:
        yield out.t("due.several", n=len(rules), words=words)
    head = [out.t(f"head.{k}") for k in ("rule", "ref", "condition", "period", "due", "title")]
    rows = [
        [
            a.rule.id,
            a.rule.ref,
            condition_in(a.rule.when, out.lang),
            period_in(a.deadline.period, out.lang) if a.deadline else a.instance["label"],
            dated(a.due, out.lang) + marks(a.provisional, bool(a.low_confidence_years), out),
            title_in(a.rule, out.lang),
        ]
        for a in answers
    ]
    yield from table(head, rows)
    for r in rules:
        mine = [a for a in answers if a.rule is r]
        yield ""
        yield _answer_heading(mine[0], out)
        for a in mine:
            if a.deadline is None:
                yield "  " + _recurring_line(a, out)
            else:
                yield from _steps(a.deadline.explain(out.lang))


class DueCommand(click.Command):
    """Takes '-3 days' as PERIOD (so that the period's own check says why it is refused), yet a
    mistyped --option is still an unknown option, with did-you-mean."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        known = {o for p in self.get_params(ctx) for o in (*p.opts, *p.secondary_opts)}
        for arg in args:
            name = arg.partition("=")[0]
            if arg == "--":
                break
            if name.startswith("--") and name not in known:
                raise click.NoSuchOption(name, possibilities=known, ctx=ctx)
        return super().parse_args(ctx, args)


@click.command(cls=DueCommand, context_settings={"ignore_unknown_options": True})
@click.argument("period", metavar="PERIOD|RULE|WORDS")
@click.option("--from", "start", type=DATE)
@click.option("--before", type=DATE)
@calendar_option
@click.option("--strict", is_flag=True)
@click.option("--fact", "facts", multiple=True)
@click.option(
    "--periods",
    type=Range(1, 120),
    default=1,
    show_default=True,
)
@rules_option
@output_options
def due(
    period: str,
    start: dt.date | None,
    before: dt.date | None,
    calendar_name: str,
    strict: bool,
    facts: tuple[str, ...],
    periods: int,
    rule_dirs: tuple[str, ...],
    out: Output,
) -> None:
    """When is PERIOD due, counted --from a trigger or --before an expiry?

    PERIOD is e.g. '20 working days', '20wd', '30 days', '3 months', '1 year', '20个工作日',
    '30日', '3个月'. Working days skip weekends and holidays and count make-up working weekends;
    day, month and year periods exclude the trigger day and roll a last day that is a rest day
    to the next working day; --before moves a reminder back to the previous working day.

    It may instead be a rule id ('credit.small-loan'), a REF code ('L51b') or words of rule
    titles ('留抵退税'): each rule that matches answers with its own period, calendar and
    condition (--fact k=v keeps only the rules that apply); a recurring duty answers the due date
    of its next period on or after --from (--periods N: the next N).
    """
    if (start is None) == (before is None):
        raise click.UsageError(out.t("err.from_or_before"))
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        if re.match(r"^\s*[+-]?\d", period):  # a period that is wrong, not a rule's name
            raise click.BadParameter(exc.in_lang(out.lang), param_hint="PERIOD") from None
        _due_by_rules(
            period,
            exc.in_lang(out.lang),
            start,
            before,
            calendar_name,
            strict,
            facts,
            periods,
            rule_dirs,
            out,
        )
        return
    _check_periods(period, recurs=False, out=out)
    d = compute_due(parsed, start=start, before=before, calendar=calendar_name, strict=strict)
    record = d.to_dict(out.lang)
    out.emit([record], lambda: _deadline_lines(d, out), document=record)


def _check_periods(what: str, *, recurs: bool, out: Output) -> None:
    """--periods given for something that does not recur would be silently ignored: refused."""
    given = click.get_current_context().get_parameter_source("periods")
    if given == ParameterSource.COMMANDLINE and not recurs:
        raise click.UsageError(out.t("err.periods_not_recurring", what=what))


def _due_by_rules(
    words: str,
    period_error: str,
    start: dt.date | None,
    before: dt.date | None,
    calendar_name: str,
    strict: bool,
    facts: Sequence[str],
    periods: int,
    rule_dirs: Sequence[str],
    out: Output,
) -> None:
    # the rules, their engine and the answers' classes: only when PERIOD is not a period
    from deadlines.rules import load_rules
    from deadlines.rules.answers import answers_for, matching_rules

    rules = load_rules(rule_dirs)
    found = matching_rules(rules, words, parse_facts(facts))
    if not found:
        raise click.BadParameter(out.t("err.no_rule", why=period_error), param_hint="PERIOD")
    recurs = any(r.kind == "recurring" for r in found)
    _check_periods(", ".join(r.id for r in found), recurs=recurs, out=out)
    explicit = click.get_current_context().get_parameter_source("calendar_name")
    answers = answers_for(
        rules,
        found,
        start=start,
        before=before,
        calendar_name=calendar_name if explicit == ParameterSource.COMMANDLINE else None,
        strict=strict,
        periods=periods,
    )
    records = [a.record(out.lang, start, before) for a in answers]
    single = len(answers) == 1 and words in (answers[0].rule.id, answers[0].rule.ref)
    out.emit(
        records,
        lambda: _answers_text(answers, words, out),
        document=records[0] if single else records,
    )
