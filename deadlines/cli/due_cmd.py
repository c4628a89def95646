"""``deadlines due``: when is a period due, and why."""

from __future__ import annotations

import datetime as dt
import re

import click
from click.core import ParameterSource

from deadlines.calendars.periods import Deadline, Period
from deadlines.calendars.periods import due as compute_due
from deadlines.cli.common import DATE, calendar_option, print_json
from deadlines.cli.rules_cmd import due_by_rule, rules_option
from deadlines.errors import PeriodError
from deadlines.messages import DEFAULT_LANG, LANGS, Lang


def print_deadline(d: Deadline, lang: Lang, *, heading: str | None = None) -> None:
    """The human form: the date with its weekday, then the numbered explanation."""
    click.echo(f"{d.date.isoformat()} ({d.date:%A})" + (" — PROVISIONAL" if d.provisional else ""))
    click.echo(
        heading or f"{d.period} {d.direction} {d.trigger.isoformat()} on calendar {d.calendar}"
    )
    for i, step in enumerate(d.explain(lang), 1):
        click.echo(f"  {i}. {step}")


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("period")
@click.option("--from", "start", type=DATE, help="Count forward from this trigger date.")
@click.option("--before", type=DATE, help="Count back from this expiry date (reminders).")
@calendar_option
@click.option(
    "--strict", is_flag=True, help="Refuse instead of answering from an unannounced year."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--fact", "facts", multiple=True, help="NAME=VALUE selecting a rule's variant.")
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=DEFAULT_LANG,
    show_default=True,
    help="Language of the explanation.",
)
@rules_option
def due(
    period: str,
    start: dt.date | None,
    before: dt.date | None,
    calendar_name: str,
    strict: bool,
    as_json: bool,
    facts: tuple[str, ...],
    lang: Lang,
    rule_dirs: tuple[str, ...],
) -> None:
    """When is PERIOD due, counted --from a trigger or --before an expiry?

    PERIOD may also be a rule id ('credit.small-loan') or words of a rule's title ('贷款'): the
    rule's period and calendar are used and the clause is named; --fact k=v picks a variant.

    PERIOD is e.g. '20 working days', '20wd', '30 days', '3 months', '1 year', '20个工作日',
    '30日', '3个月'. Working days skip weekends and holidays and count make-up working weekends;
    day, month and year periods exclude the trigger day and roll a last day that is a rest day
    to the next working day; --before moves a reminder back to the previous working day.
    """
    if (start is None) == (before is None):
        raise click.UsageError("give exactly one of --from DATE or --before DATE")
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        if re.match(r"^\s*[+-]?\d", period):  # a period that is wrong, not a rule's name
            raise click.BadParameter(str(exc), param_hint="PERIOD") from None
        explicit = click.get_current_context().get_parameter_source("calendar_name")
        extra, heading, d = due_by_rule(
            period,
            str(exc),
            start=start,
            before=before,
            facts=facts,
            rule_dirs=rule_dirs,
            calendar_name=calendar_name if explicit == ParameterSource.COMMANDLINE else None,
            strict=strict,
        )
        if as_json:
            print_json({**d.to_dict(lang), **extra})
        else:
            print_deadline(d, lang, heading=heading)
        return
    d = compute_due(parsed, start=start, before=before, calendar=calendar_name, strict=strict)
    if as_json:
        print_json(d.to_dict(lang))
    else:
        print_deadline(d, lang)
