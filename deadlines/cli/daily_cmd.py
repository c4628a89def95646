"""The store's daily commands: next, remind, overdue, recompute.

Each opens the store (``--db PATH``, else ``$DEADLINES_DB``, else ``./deadlines.db``), makes one
library call and prints. Library errors become one line and exit 1 in the group (deadlines.cli).
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Literal

import click

from deadlines.cli.common import DATE, print_json
from deadlines.cli.store_common import (
    as_of_option,
    db_option,
    lang_option,
    open_db,
    print_moves,
    progress,
)
from deadlines.messages import text
from deadlines.notices import contract
from deadlines.notices import daily as nt
from deadlines.notices.case_view import move_payload, next_payload
from deadlines.store.database import china_today


# --- next -------------------------------------------------------------------------------------
@click.command("next")
@click.argument("case_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@as_of_option
@lang_option
@db_option
def next_cmd(case_id: str, as_json: bool, as_of: dt.date | None, lang: str, db: str | None) -> None:
    """The case's next open deadline: date, weekday, working days left, rule, clause, why."""
    day = as_of or china_today()
    language = nt.check_lang(lang)
    with open_db(db) as store:
        data = next_payload(store, case_id, day, language)
    if as_json:
        print_json(data)
        return
    if data["due"] is None:
        click.echo(
            f"{case_id}: 没有未完成的期限" if language == "zh" else f"{case_id}: no open deadline"
        )
        return
    due = dt.date.fromisoformat(data["due"])
    wd = nt.weekday(due, language)
    if language == "zh":
        when = (
            f"已逾期 {data['days_overdue']} 日"
            if data["days_overdue"]
            else "今日到期"
            if due == day
            else f"剩余 {data['working_days_left']} 个工作日"
        )
        head = f"{case_id} 下一期限：{due.isoformat()} {wd}({when}；日历 {data['calendar']})"
        title = data["title_zh"]
    else:
        when = (
            text("next.overdue", "en", n=data["days_overdue"])
            if data["days_overdue"]
            else "due today"
            if due == day
            else text("next.left", "en", n=data["working_days_left"])
        )
        head = (
            f"{case_id} next deadline: {due.isoformat()} {wd} ({when}; calendar {data['calendar']})"
        )
        title = data["title_en"]
    if data["provisional"]:
        head += " [暂定 provisional]"
    if data["low_confidence"]:
        head += " [宁夏地方假日数据可信度低 low-confidence Ningxia data]"
    if data["stale"]:
        head += " " + text("stale.mark", language)
    click.echo(head)
    click.echo(f"{data['rule']} [{data['clause']}] {title}")
    for i, step in enumerate(data["steps"], 1):
        click.echo(f"  {i}. {step}")


# --- remind / overdue -------------------------------------------------------------------------
@click.command()
@as_of_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "csv"]),
    default="text",
    show_default=True,
    help="jsonl: one notice a line, each with as_of and the run's id (for a log).",
)
@click.option("--unit", "units", multiple=True, help="Only this responsible unit (repeatable).")
@click.option(
    "--new",
    "new_only",
    is_flag=True,
    help="The sending run: only notices never sent before, recorded as sent once printed.",
)
@click.option(
    "--ahead",
    type=click.IntRange(0, 30),
    default=contract.DEFAULT_AHEAD_WORKDAYS,
    show_default=True,
    help="Working days ahead counted as 'due soon'.",
)
@lang_option
@db_option
def remind(
    as_of: dt.date | None,
    fmt: str,
    units: tuple[str, ...],
    new_only: bool,
    ahead: int,
    lang: str,
    db: str | None,
) -> None:
    """The day's notices, grouped by responsible unit: reminders, due soon, due today, overdue,
    moved dates and undetermined limits.

    Without --new this is a look: it changes nothing. --new is the sending run: it prints only the
    notices never sent before (each has a stable id) and records them once printed, so a sender
    never loses one; a crash before the record repeats the same ids (receivers drop repeats by id).
    """
    language = nt.check_lang(lang)

    def emit(run: contract.RemindRun) -> None:
        items = run.new if new_only else run.notices
        if fmt == "json":
            text = nt.render_json(items)
        elif fmt == "jsonl":
            text = nt.render_jsonl(run, items)
        elif fmt == "csv":
            text = nt.render_csv(items)
        else:
            text = nt.render_text(run, items, language)
        click.echo(text, nl=False)
        sys.stdout.flush()  # written before the record: see deadlines.notices.contract

    with open_db(db) as store:
        nt.remind(store, as_of, units=units, ahead=ahead, emit=emit, send_new=new_only)


@click.command()
@as_of_option
@click.option("--by", type=click.Choice(["unit", "rule"]), default="unit", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@lang_option
@db_option
def overdue(
    as_of: dt.date | None, by: Literal["unit", "rule"], as_json: bool, lang: str, db: str | None
) -> None:
    """Counts and lists of overdue duties for supervision (plan item 19, part 三(四))."""
    day = as_of or china_today()
    with open_db(db) as store:
        groups = nt.overdue(store, day, by=by)
    if as_json:
        click.echo(nt.render_overdue_json(groups, day, by), nl=False)
    else:
        click.echo(nt.render_overdue_text(groups, day, nt.check_lang(lang)), nl=False)


# --- recompute --------------------------------------------------------------------------------
@click.command()
@click.option(
    "--as-of",
    "as_of",
    type=DATE,
    default=None,
    help="Preview: what a recompute on this day would change; nothing is written.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@db_option
def recompute(as_of: dt.date | None, as_json: bool, db: str | None) -> None:
    """Recompute every obligation (after a rule or calendar change); report each date that moved.

    With --as-of it is a preview: the changes are reported and nothing is written."""
    with open_db(db) as store:
        total = store.counts()["cases"]
        with progress(total, "recomputing") as bar:
            moves = store.recompute(as_of, progress=bar, preview=as_of is not None)
    if as_json:
        print_json([move_payload(m) for m in moves])
        return
    if as_of is not None:
        click.echo(
            f"preview as of {as_of.isoformat()}, nothing written: {total} cases, "
            f"{len(moves)} changes"
        )
    else:
        click.echo(f"recomputed {total} cases: {len(moves)} changes")
    print_moves(moves)


COMMANDS: tuple[click.Command, ...] = (next_cmd, remind, overdue, recompute)
