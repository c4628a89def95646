"""The store's commands: init, case add/show, event add, import, next, remind, overdue, recompute.

Each opens the store (``--db PATH``, else ``$DEADLINES_DB``, else ``./deadlines.db``), makes one
library call and prints. Library errors become one line and exit 1 in the group (deadlines.cli).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import click

from deadlines.calendars.layers import calendar
from deadlines.cli.common import DATE, print_json
from deadlines.model import FactValue, Obligation
from deadlines.notices import daily as nt
from deadlines.store.database import (
    Move,
    Store,
    china_today,
    default_path,
    init_store,
    open_store,
    status_on,
)
from deadlines.store.importer import import_file, parse_pair, parse_value

db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    envvar="DEADLINES_DB",
    default=None,
    help="The store file (default: $DEADLINES_DB, else ./deadlines.db).",
)
as_of_option = click.option(
    "--as-of",
    "as_of",
    type=DATE,
    default=None,
    help="Replay this day instead of today in China (Asia/Shanghai).",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the human output.",
)


def _open(db: str | None) -> Store:
    return open_store(db)


@contextmanager
def _progress(length: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; silent in cron jobs and pipes."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr, show_eta=True) as bar:
        yield bar.update


# --- init -------------------------------------------------------------------------------------
@click.command()
@db_option
def init(db: str | None) -> None:
    """Create the store, or upgrade an older one to this program's schema."""
    store, before, after = init_store(db)
    with store:
        if before == 0:
            click.echo(f"created store {store.path} (schema version {after})")
        elif before < after:
            click.echo(f"upgraded store {store.path} from schema version {before} to {after}")
        else:
            click.echo(f"store {store.path} is up to date (schema version {after})")


# --- case add / show --------------------------------------------------------------------------
@click.group("case")
def case_group() -> None:
    """Add a case, or show its timeline."""


def _facts(pairs: Sequence[str]) -> dict[str, FactValue]:
    facts: dict[str, FactValue] = {}
    for text in pairs:
        key, value = parse_pair(text)
        facts[key] = parse_value(value)
    return facts


@case_group.command("add")
@click.argument("case_id", metavar="ID")
@click.option("--kind", required=True, help="The case kind, e.g. enforcement, loan, licence.")
@click.option(
    "--fact",
    "facts",
    multiple=True,
    metavar="K=V",
    help="A fact the rules use, e.g. amount_yuan=8000000 (repeatable).",
)
@click.option("--unit", default=None, help="The responsible unit (reminders are grouped by it).")
@db_option
def case_add(
    case_id: str, kind: str, facts: tuple[str, ...], unit: str | None, db: str | None
) -> None:
    """Add a case of KIND with its facts."""
    parsed = _facts(facts)
    with _open(db) as store:
        store.add_case(case_id, kind, parsed, unit)
    click.echo(f"added case {case_id} ({kind})")


_STATUS = {
    "zh": {
        "pending": "未到期",
        "due_today": "今日到期",
        "met_on_time": "按期完成",
        "met_late": "逾期完成",
        "overdue": "已逾期",
        "paused": "暂停计算",
        "flagged": "已超期限",
        "removed": "—",
    },
    "en": {
        "pending": "pending",
        "due_today": "due today",
        "met_on_time": "met on time",
        "met_late": "met late",
        "overdue": "OVERDUE",
        "paused": "paused",
        "flagged": "flagged",
        "removed": "—",
    },
}


_SHOW = {
    "zh": {
        "head": "案件 {id} · 类型 {kind} · 责任单位 {unit}",
        "facts": "事实：{facts}",
        "events": "事件：",
        "superseded": " [已被 {id} 更正]",
        "corrects": " (更正 {id})",
        "recorded": "记录于 {at}",
        "obligations": "义务(状态截至 {day})：",
        "none": "  无",
        "due": "期限",
        "provisional": " [暂定日期]",
        "version": "规则版本",
    },
    "en": {
        "head": "case {id} · kind {kind} · unit {unit}",
        "facts": "facts: {facts}",
        "events": "events:",
        "superseded": " [superseded by {id}]",
        "corrects": " (corrects {id})",
        "recorded": "recorded {at}",
        "obligations": "obligations (status on {day}):",
        "none": "  none",
        "due": "due",
        "provisional": " [provisional]",
        "version": "rule version",
    },
}


def _ob_lines(ob: Obligation, as_of: dt.date, lang: nt.Lang) -> list[str]:
    w = _SHOW[lang]
    title = ob.title_zh if lang == "zh" else ob.title_en
    status = _STATUS[lang][status_on(ob, as_of)]
    due = f"{ob.due.isoformat()} ({nt.weekday(ob.due, lang)})" if ob.due else "—"
    done_on = ob.completed_on
    done = f", {done_on.isoformat()}" if done_on and done_on <= as_of else ""
    prov = w["provisional"] if ob.provisional else ""
    out = [
        f"  {ob.rule_id} [{ob.clause}] {title}",
        f"    {w['due']} {due}{prov} · {status}{done} · {ob.calendar} {ob.calendar_version}"
        f" · {w['version']} {ob.rule_version}",
    ]
    out.extend(f"      {i}. {s}" for i, s in enumerate(ob.steps, 1))
    return out


@case_group.command("show")
@click.argument("case_id", metavar="ID")
@as_of_option
@lang_option
@db_option
def case_show(case_id: str, as_of: dt.date | None, lang: str, db: str | None) -> None:
    """The case's timeline: events (corrections included), obligations, status, explanation."""
    day = as_of or china_today()
    language = nt.check_lang(lang)
    w = _SHOW[language]
    with _open(db) as store:
        case = store.get_case(case_id)
        events = store.stored_events(case_id)
        obligations = store.obligations(case_id)
    facts = ", ".join(f"{k}={v}" for k, v in case.facts.items()) or "—"
    click.echo(w["head"].format(id=case.id, kind=case.kind, unit=case.unit or "—"))
    click.echo(w["facts"].format(facts=facts))
    click.echo(w["events"])
    for se in events:
        e = se.event
        mark = w["superseded"].format(id=se.superseded_by) if se.superseded_by else ""
        fix = w["corrects"].format(id=se.supersedes) if se.supersedes else ""
        data = " " + json.dumps(dict(e.data), ensure_ascii=False) if e.data else ""
        note = f" — {e.note}" if e.note else ""
        recorded = w["recorded"].format(at=se.recorded_at)
        click.echo(f"  {e.id}  {e.on.isoformat()}  {e.type}{data}{note}{fix}{mark}  ({recorded})")
    click.echo(w["obligations"].format(day=day.isoformat()))
    if not obligations:
        click.echo(w["none"])
    for ob in obligations:
        for line in _ob_lines(ob, day, language):
            click.echo(line)


# --- event add --------------------------------------------------------------------------------
@click.group("event")
def event_group() -> None:
    """Record what happened to a case."""


def _print_moves(moves: Sequence[Move], *, header: bool = True) -> None:
    for m in moves:
        old = m.old_due.isoformat() if m.old_due else "—"
        new = m.new_due.isoformat() if m.new_due else "—"
        prov = " (provisional)" if m.new_provisional else ""
        inst = f" [{m.instance}]" if m.instance else ""
        click.echo(f"  {m.change:9} {m.case_id} {m.rule_id}{inst}: {old} -> {new}{prov}")


@event_group.command("add")
@click.argument("case_id", metavar="CASE")
@click.argument("etype", metavar="TYPE")
@click.option("--on", "on", type=DATE, required=True, help="The day it happened (ISO date).")
@click.option("--note", default="", help="Free text kept with the event.")
@click.option(
    "--data",
    "data",
    multiple=True,
    metavar="K=V",
    help="Event data, e.g. asset=A-2 or period='1 month' (repeatable).",
)
@click.option(
    "--supersedes",
    default=None,
    metavar="EVENT_ID",
    help="Correct an earlier event: this one replaces it (history is kept).",
)
@db_option
def event_add(
    case_id: str,
    etype: str,
    on: dt.date,
    note: str,
    data: tuple[str, ...],
    supersedes: str | None,
    db: str | None,
) -> None:
    """Record event TYPE of CASE; the case's obligations are recomputed (chains move too)."""
    payload = dict(parse_pair(d, "data") for d in data)
    with _open(db) as store:
        event_id, moves = store.add_event(
            case_id, etype, on, note=note, data=payload, supersedes=supersedes
        )
    click.echo(
        f"recorded {event_id}: {etype} on {on.isoformat()}"
        + (f" (supersedes {supersedes})" if supersedes else "")
    )
    _print_moves(moves)


# --- import -----------------------------------------------------------------------------------
@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Report bad rows and import the rest (default: one bad row imports nothing).",
)
@db_option
def import_cmd(file: str, skip_bad: bool, db: str | None) -> None:
    """Import cases and events from a CSV or JSON-lines FILE, in one transaction."""
    size = Path(file).stat().st_size
    with _open(db) as store, _progress(size, "importing") as bar:
        report = import_file(store, file, skip_bad=skip_bad, progress=bar)
    for problem in report.skipped:
        click.echo(f"skipped {problem}", err=True)
    click.echo(
        f"imported {report.cases} cases, {report.events} events; "
        f"{report.obligations} obligations computed"
        + (f"; {report.unchanged} rows already in the store" if report.unchanged else "")
        + (f"; {len(report.skipped)} bad rows skipped" if report.skipped else "")
    )


# --- next -------------------------------------------------------------------------------------
def _next_payload(store: Store, case_id: str, day: dt.date) -> dict[str, Any]:
    store.get_case(case_id)  # an unknown case is an error, not an empty answer
    ob = store.next_obligation(case_id, day)
    if ob is None or ob.due is None:
        return {
            "case": case_id,
            "rule": None,
            "clause": None,
            "due": None,
            "provisional": False,
            "steps": [],
            "status": "none",
            "as_of": day.isoformat(),
        }
    cal = calendar(ob.calendar)
    left = cal.count_workdays(day, ob.due) if ob.due > day else 0
    return {
        "case": case_id,
        "rule": ob.rule_id,
        "clause": ob.clause,
        "title_zh": ob.title_zh,
        "title_en": ob.title_en,
        "kind": ob.kind,
        "unit": ob.unit,
        "due": ob.due.isoformat(),
        "weekday": ob.due.strftime("%A"),
        "calendar": ob.calendar,
        "calendar_version": ob.calendar_version,
        "working_days_left": left,
        "days_overdue": max(0, (day - ob.due).days),
        "status": status_on(ob, day),
        "provisional": ob.provisional,
        "trigger": ob.trigger,
        "trigger_date": ob.trigger_date.isoformat() if ob.trigger_date else None,
        "rule_version": ob.rule_version,
        "steps": list(ob.steps),
        "as_of": day.isoformat(),
    }


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
    with _open(db) as store:
        data = _next_payload(store, case_id, day)
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
            f"{data['days_overdue']} days overdue"
            if data["days_overdue"]
            else "due today"
            if due == day
            else f"{data['working_days_left']} working days left"
        )
        head = (
            f"{case_id} next deadline: {due.isoformat()} {wd} ({when}; calendar {data['calendar']})"
        )
        title = data["title_en"]
    if data["provisional"]:
        head += " [暂定 provisional]"
    click.echo(head)
    click.echo(f"{data['rule']} [{data['clause']}] {title}")
    for i, step in enumerate(data["steps"], 1):
        click.echo(f"  {i}. {step}")


# --- remind / overdue -------------------------------------------------------------------------
@click.command()
@as_of_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
@click.option("--unit", "units", multiple=True, help="Only this responsible unit (repeatable).")
@click.option(
    "--new",
    "new_only",
    is_flag=True,
    help="Only notices never emitted before (for a job that sends SMS or mail).",
)
@click.option(
    "--no-record",
    "no_record",
    is_flag=True,
    help="Look only: mark nothing as emitted, so a sending job's --new still sees it all.",
)
@click.option(
    "--ahead",
    type=click.IntRange(0, 30),
    default=nt.DEFAULT_AHEAD_WORKDAYS,
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
    no_record: bool,
    ahead: int,
    lang: str,
    db: str | None,
) -> None:
    """The day's notices, grouped by responsible unit: reminders, due soon, overdue.

    Each notice has a stable id and is recorded the first time it is emitted; --new shows only
    those never emitted before, so a sender never sends one twice. --no-record looks without
    recording (a clerk's look beside a sending job).
    """
    language = nt.check_lang(lang)

    def emit(run: nt.RemindRun) -> None:
        items = run.new if new_only else run.notices
        if fmt == "json":
            text = nt.render_json(items)
        elif fmt == "csv":
            text = nt.render_csv(items)
        else:
            text = nt.render_text(run, items, language)
        click.echo(text, nl=False)
        sys.stdout.flush()  # written before the commit: see deadlines.notices.daily

    with _open(db) as store:
        nt.remind(store, as_of, units=units, ahead=ahead, emit=emit, record=not no_record)


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
    with _open(db) as store:
        groups = nt.overdue(store, day, by=by)
    if as_json:
        click.echo(nt.render_overdue_json(groups, day, by), nl=False)
    else:
        click.echo(nt.render_overdue_text(groups, day, nt.check_lang(lang)), nl=False)


# --- recompute --------------------------------------------------------------------------------
@click.command()
@as_of_option
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@db_option
def recompute(as_of: dt.date | None, as_json: bool, db: str | None) -> None:
    """Recompute every obligation (after a rule or calendar change); report each date that moved."""
    with _open(db) as store:
        total = store.counts()["cases"]
        with _progress(total, "recomputing") as bar:
            moves = store.recompute(as_of, progress=bar)
    if as_json:
        print_json(
            [
                {
                    "change": m.change,
                    "case": m.case_id,
                    "rule": m.rule_id,
                    "instance": m.instance,
                    "old": m.old_due.isoformat() if m.old_due else None,
                    "new": m.new_due.isoformat() if m.new_due else None,
                    "old_provisional": m.old_provisional,
                    "new_provisional": m.new_provisional,
                }
                for m in moves
            ]
        )
        return
    click.echo(f"recomputed {total} cases: {len(moves)} changes")
    _print_moves(moves)


COMMANDS: tuple[click.Command, ...] = (
    init,
    case_group,
    event_group,
    import_cmd,
    next_cmd,
    remind,
    overdue,
    recompute,
)


def register(group: click.Group) -> None:
    """Add the store's commands to the ``deadlines`` group."""
    for command in COMMANDS:
        group.add_command(command)


__all__ = ["COMMANDS", "default_path", "register"]
