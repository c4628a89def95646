"""The store's writing commands: init, case add / show, event add, import.

Each opens the store (``--db PATH``, else ``$DEADLINES_DB``, else ``./deadlines.db``), makes one
library call and prints. Library errors become one line and exit 1 in the group (deadlines.cli).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import click

from deadlines.cli.common import DATE
from deadlines.cli.store_common import (
    as_of_option,
    db_option,
    lang_option,
    open_db,
    print_moves,
    progress,
)
from deadlines.messages import text as message
from deadlines.model import FactValue, Obligation, status_on
from deadlines.notices import daily as nt
from deadlines.notices.contract import low_confidence
from deadlines.rules.explain import obligation_steps, stale
from deadlines.store.database import (
    china_today,
    init_store,
)
from deadlines.store.importer import import_file, parse_pair, parse_value


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
    """Add a case, give it facts, or show its timeline."""


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
    with open_db(db) as store:
        store.add_case(case_id, kind, parsed, unit)
    click.echo(f"added case {case_id} ({kind})")


@case_group.command("fact")
@click.argument("case_id", metavar="ID")
@click.argument("facts", nargs=-1, required=True, metavar="K=V...")
@db_option
def case_fact(case_id: str, facts: tuple[str, ...], db: str | None) -> None:
    """Give or change facts of case ID (e.g. property_complexity=simple); its obligations are
    recomputed, and an undetermined one is decided."""
    parsed = _facts(facts)
    with open_db(db) as store:
        moves = store.set_facts(case_id, parsed)
    click.echo(f"case {case_id}: " + ", ".join(f"{k}={v}" for k, v in parsed.items()))
    print_moves(moves)


_STATUS = {
    "zh": {
        "pending": "未到期",
        "due_today": "今日到期",
        "met_on_time": "按期完成",
        "met_late": "逾期完成",
        "overdue": "已逾期",
        "paused": "暂停计算",
        "flagged": "已超期限",
        "undetermined": "期限待定(缺少事实)",
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
        "undetermined": "UNDETERMINED (a fact is missing)",
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
        "low_confidence": " [宁夏地方假日数据可信度低]",
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
        "low_confidence": " [low-confidence Ningxia holiday data]",
        "version": "rule version",
    },
}


def obligation_lines(ob: Obligation, as_of: dt.date, lang: nt.Lang) -> list[str]:
    w = _SHOW[lang]
    title = ob.title_zh if lang == "zh" else ob.title_en
    status = _STATUS[lang][status_on(ob, as_of)]
    due = f"{ob.due.isoformat()} ({nt.weekday(ob.due, lang)})" if ob.due else "—"
    done_on = ob.completed_on
    done = f", {done_on.isoformat()}" if done_on and done_on <= as_of else ""
    prov = w["provisional"] if ob.provisional else ""
    prov += w["low_confidence"] if low_confidence(ob) else ""
    if stale(ob):
        prov += " " + message("stale.mark", lang)
    out = [
        f"  {ob.rule_id} [{ob.clause}] {title}",
        f"    {w['due']} {due}{prov} · {status}{done} · {ob.calendar} {ob.calendar_version}"
        f" · {w['version']} {ob.rule_version}",
    ]
    steps = obligation_steps(ob, lang, as_of)
    out.extend(f"      {i}. {s}" for i, s in enumerate(steps, 1))
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
    with open_db(db) as store:
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
        for line in obligation_lines(ob, day, language):
            click.echo(line)


# --- event add --------------------------------------------------------------------------------
@click.group("event")
def event_group() -> None:
    """Record what happened to a case."""


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
    with open_db(db) as store:
        event_id, moves = store.add_event(
            case_id, etype, on, note=note, data=payload, supersedes=supersedes
        )
    click.echo(
        f"recorded {event_id}: {etype} on {on.isoformat()}"
        + (f" (supersedes {supersedes})" if supersedes else "")
    )
    print_moves(moves)


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
    with open_db(db) as store, progress(size, "importing") as bar:
        report = import_file(store, file, skip_bad=skip_bad, progress=bar)
    for problem in report.skipped:
        click.echo(f"skipped {problem}", err=True)
    click.echo(
        f"imported {report.cases} cases, {report.events} events; "
        f"{report.obligations} obligations computed"
        + (f"; {report.unchanged} rows already in the store" if report.unchanged else "")
        + (f"; {len(report.skipped)} bad rows skipped" if report.skipped else "")
    )


COMMANDS: tuple[click.Command, ...] = (init, case_group, event_group, import_cmd)
