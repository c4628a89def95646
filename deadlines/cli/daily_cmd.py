"""The store's daily commands: next, remind, overdue, recompute.

Each opens the store (``--db PATH``, else ``$DEADLINES_DB``, else the configuration's ``store``,
else ``./deadlines.db``), makes one library call and prints through the output contract
(:mod:`deadlines.cli.output`). Library errors become one line and exit 1 in the group.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

import click

from deadlines.cli import settings
from deadlines.cli.common import BOUNDED_DATE
from deadlines.cli.formats import Choice, Output, Range, dated, output_options
from deadlines.cli.store_common import (
    as_of_option,
    config_line,
    db_option,
    move_lines,
    open_db,
    progress,
)
from deadlines.store import config
from deadlines.store.database import china_today, open_store
from deadlines.store.parallel import MAX_JOBS

if TYPE_CHECKING:
    from deadlines.notices.contract import RemindRun


# --- next -------------------------------------------------------------------------------------
def how_near(item: Mapping[str, Any], day: dt.date, out: Output) -> str:
    """剩余 2 个工作日 / 1 day overdue / due today, for one open obligation's payload."""
    due = dt.date.fromisoformat(item["due"])
    if item["status"] == "flagged":
        return out.t("left.flagged", n=(day - due).days)
    if item["days_overdue"]:
        return out.t("next.overdue", n=item["days_overdue"])
    if due == day:
        return out.t("left.today")
    return out.t("next.left", n=item["working_days_left"])


def _next_lines(
    case_id: str, items: list[dict[str, Any]], day: dt.date, out: Output
) -> Iterator[str]:
    if not items:
        yield out.t("next.none", case=case_id)
        return
    yield out.t("next.title", case=case_id, day=day.isoformat(), n=len(items))
    for item in items:
        due = dt.date.fromisoformat(item["due"])
        prov = f" {out.t('cli.provisional')}" if item["provisional"] else ""
        prov += f" {out.t('cli.low_confidence')}" if item["low_confidence"] else ""
        prov += f" {out.t('stale.mark')}" if item["stale"] else ""
        if item["status"] == "undetermined":  # the date is only the earliest candidate
            prov += f" {out.t('cli.undetermined', missing=', '.join(item['missing']))}"
        title = item["title_zh"] if out.lang == "zh" else item["title_en"]
        yield ""
        yield (
            out.t(
                "next.item",
                due=dated(due, out.lang),
                near=how_near(item, day, out),
                calendar=item["calendar"],
            )
            + prov
        )
        yield f"  {item['rule']} [{item['clause']}] {title}"
        for i, step in enumerate(item["steps"], 1):
            yield f"    {i}. {step}"


@click.command("next")
@click.argument("case_id", metavar="ID")
@as_of_option
@db_option
@output_options
def next_cmd(case_id: str, as_of: dt.date | None, db: str | None, out: Output) -> None:
    """What the case must do next: everything overdue, then the soonest deadline, most urgent
    first, each with its date, working days left or days overdue, rule, clause and why."""
    day = as_of or china_today()
    with open_db(db) as store:
        from deadlines.notices.case_view import NEXT_KEYS, next_items  # with the explanations

        items = next_items(store, case_id, day, out.lang)
    out.emit(items, lambda: _next_lines(case_id, items, day, out), columns=NEXT_KEYS)


# --- remind / overdue -------------------------------------------------------------------------
@click.command()
@as_of_option
@click.option("--unit", "units", multiple=True)
@click.option(
    "--new",
    "new_only",
    is_flag=True,
)
@click.option(
    "--ahead",
    type=Range(0, 30),
    default=lambda: settings.current().ahead,
)
@db_option
@output_options
def remind(
    as_of: dt.date | None,
    units: tuple[str, ...],
    new_only: bool,
    ahead: int,
    db: str | None,
    out: Output,
) -> None:
    """The day's notices, grouped by responsible unit: reminders, due soon, due today, overdue,
    moved dates, cancelled duties and undetermined limits.

    Without --new this is a look: it changes nothing. --new is the sending run: it prints only the
    notices never sent before (each has a stable id) and records them once printed, so a sender
    never loses one; a crash before the record repeats the same ids (receivers drop repeats by id).
    """

    from deadlines.notices import daily as nt  # the notices' classes: not for next

    def emit(run: RemindRun) -> None:
        items = run.new if new_only else run.notices
        extra = {"as_of": run.as_of.isoformat(), "run": run.run_id}
        for_programs = out.format != "text"  # the records are not built for a text list
        records = [{**n.as_json(), **extra} for n in items] if for_programs else []
        out.emit(
            records,
            lambda: nt.render_text(run, items, out.lang).splitlines(),
            document=[n.as_json() for n in items] if for_programs else [],
            columns=nt.CSV_COLUMNS,
        )
        sys.stdout.flush()  # written before the record: see deadlines.notices.contract

    with open_db(db) as store:
        nt.remind(store, as_of, units=units, ahead=ahead, emit=emit, send_new=new_only)


@click.command()
@as_of_option
@click.option("--by", type=Choice(["unit", "rule"]), default="unit", show_default=True)
@db_option
@output_options
def overdue(
    as_of: dt.date | None, by: Literal["unit", "rule"], db: str | None, out: Output
) -> None:
    """Counts and lists of overdue duties for supervision (plan item 19, part 三(四)).

    JSON: one object {as_of, by, total, groups: [{key, count, items}]}; JSON Lines and CSV: one
    notice a line, with its group's key as "group"."""
    from deadlines.notices import daily as nt

    day = as_of or china_today()
    with open_db(db) as store:
        groups = nt.overdue(store, day, by=by)
    document = {
        "as_of": day.isoformat(),
        "by": by,
        "total": sum(g.count for g in groups),
        "groups": [
            {"key": g.key, "count": g.count, "items": [n.as_json() for n in g.notices]}
            for g in groups
        ],
    }
    records = [{"group": g.key, **n.as_json()} for g in groups for n in g.notices]
    out.emit(
        records,
        lambda: nt.render_overdue_text(groups, day, out.lang, by).splitlines(),
        document=document,
        columns=("group", *nt.CSV_COLUMNS),
    )


# --- recompute --------------------------------------------------------------------------------
@click.command()
@click.option(
    "--as-of",
    "as_of",
    type=BOUNDED_DATE,
    default=None,
)
@click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(),
)
@click.option("--plan-rules-only", is_flag=True)
@click.option(
    "--calendars",
    type=click.Path(),
    default=None,
)
@click.option("--shipped-calendars", is_flag=True)
@click.option("--jobs", type=Range(1, MAX_JOBS), default=None)
@db_option
@output_options
def recompute(
    as_of: dt.date | None,
    rules: tuple[str, ...],
    plan_rules_only: bool,
    calendars: str | None,
    shipped_calendars: bool,
    jobs: int | None,
    db: str | None,
    out: Output,
) -> None:
    """Recompute every obligation (after a rule or calendar change); report each date that moved.

    The store's rule and calendar folders are recorded in it; --rules / --plan-rules-only and
    --calendars / --shipped-calendars change them, and a recompute also adopts edits to their
    files. With --as-of it is a preview: the changes are reported and nothing is written."""
    with open_store(db, check_config=False) as store:
        old = store.config
        folders = () if plan_rules_only else (rules or old.rules)
        cal = None if shipped_calendars else (calendars or old.calendars)
        if rules or plan_rules_only:
            from deadlines.rules.loading import load_rules

            load_rules(folders, use_env=False)  # a bad rule file is refused before anything
        target = config.make(folders, cal)
        config.check_env(target, store.path)
        total = store.counts()["cases"]
        with progress(total, out.t("progress.recompute")) as bar:
            moves = store.recompute(
                as_of, progress=bar, preview=as_of is not None, adopt=target, jobs=jobs
            )

    def lines() -> Iterator[str]:
        if as_of is not None:
            yield out.t("recompute.preview", day=as_of.isoformat(), cases=total, n=len(moves))
        else:
            yield out.t("recompute.done", cases=total, n=len(moves))
        if target != old:
            yield config_line(target, out) + (
                out.t("recompute.not_recorded") if as_of is not None else ""
            )
        yield from move_lines(moves, out)

    from deadlines.notices.case_view import MOVE_KEYS, move_payload

    # JSON: one document, so that the count of cases is there when nothing moved; JSON Lines
    # and CSV: one move a line (as event add, case fact and case unit print their moves)
    records = [move_payload(m) for m in moves]
    document = {
        "as_of": (as_of or china_today()).isoformat(),
        "preview": as_of is not None,
        "cases": total,
        "moves": records,
    }
    out.emit(records, lines, document=document, columns=MOVE_KEYS)


COMMANDS: tuple[click.Command, ...] = (next_cmd, remind, overdue, recompute)
