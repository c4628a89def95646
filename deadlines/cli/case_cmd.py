"""The store's case commands: init, case add / show / list / close / reopen, event add, import.

Each opens the store (``--db PATH``, else ``$DEADLINES_DB``, else the configuration's ``store``,
else ``./deadlines.db``), makes one library call and prints through the output contract
(:mod:`deadlines.cli.output`). Library errors become one line and exit 1 in the group.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from deadlines.cli.common import DATE
from deadlines.cli.formats import (
    Choice,
    Output,
    Range,
    current_lang,
    dated,
    output_options,
    table,
)
from deadlines.cli.store_common import (
    as_of_option,
    config_line,
    db_option,
    move_lines,
    open_db,
    progress,
)
from deadlines.messages import text
from deadlines.model import FactValue, Obligation, status_on
from deadlines.notices.case_view import (
    CASE_LIST_KEYS,
    case_rows,
    event_payload,
    move_payload,
    obligation_payload,
)
from deadlines.notices.marks import low_confidence
from deadlines.rules import RuleSet, load_rules
from deadlines.rules.explain import obligation_steps, stale
from deadlines.store import config
from deadlines.store.database import CLOSE_EVENT, REOPEN_EVENT, Move, china_today, init_store
from deadlines.store.importer import import_file
from deadlines.store.parallel import MAX_JOBS
from deadlines.store.rows import parse_pair, parse_value


# --- init -------------------------------------------------------------------------------------
@click.command()
@click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(),
)
@click.option(
    "--calendars",
    type=click.Path(),
    default=None,
)
@db_option
@output_options
def init(rules: tuple[str, ...], calendars: str | None, db: str | None, out: Output) -> None:
    """Create the store, or upgrade an older one to this program's schema.

    The rule and calendar folders (default: $DEADLINES_RULES and $DEADLINES_CALENDARS, else the
    plan's rules and the shipped holiday data) are recorded in the store: every later command on
    it uses them, and `deadlines recompute --rules / --calendars` changes them."""
    setup = None
    if rules or calendars:
        load_rules(rules, use_env=False)  # a bad rule file is refused before the store is made
        setup = config.make(rules, calendars)
    store, before, after = init_store(db, setup=setup)
    with store:
        path = str(store.path)
        cfg = store.config
    state = "created" if before == 0 else "upgraded" if before < after else "current"
    record = {
        "store": path,
        "state": state,
        "from_version": before,
        "schema_version": after,
        "rules": list(cfg.rules),
        "calendars": cfg.calendars,
    }
    lines = [out.t(f"init.{state}", path=path, before=before, after=after), config_line(cfg, out)]
    out.emit([record], lambda: lines, document=record)


# --- case add / show / list / close / reopen --------------------------------------------------
@click.group("case")
def case_group() -> None:
    """Add, give facts to, list, show, close and reopen cases."""


def _facts(pairs: Sequence[str]) -> dict[str, FactValue]:
    facts: dict[str, FactValue] = {}
    for item in pairs:
        key, value = parse_pair(item)
        facts[key] = parse_value(value)
    return facts


def facts_text(facts: Mapping[str, FactValue]) -> str:
    """``manufacturing=true, amount_yuan=8000000``: facts as ``--fact`` takes them."""
    return ", ".join(f"{k}={json.dumps(v) if isinstance(v, bool) else v}" for k, v in facts.items())


def kind_name(rules: RuleSet, kind: str, out: Output) -> str:
    """执行案件 / enforcement case (court); the id itself for a kind the catalogue lacks."""
    k = rules.case_kinds.get(kind)
    return (k.zh if out.lang == "zh" else k.en) if k else kind


def event_name(rules: RuleSet, etype: str, out: Output) -> str:
    e = rules.events.get(etype)
    return (e.zh if out.lang == "zh" else e.en) if e else etype


@case_group.command("add")
@click.argument("case_id", metavar="ID")
@click.option("--kind", required=True)
@click.option(
    "--fact",
    "facts",
    multiple=True,
    metavar="K=V",
)
@click.option("--unit", default=None)
@db_option
@output_options
def case_add(
    case_id: str, kind: str, facts: tuple[str, ...], unit: str | None, db: str | None, out: Output
) -> None:
    """Add a case of KIND with its facts."""
    parsed = _facts(facts)
    with open_db(db) as store:
        store.add_case(case_id, kind, parsed, unit)
    record = {"case": case_id, "kind": kind, "unit": unit, "facts": parsed}
    name = kind_name(load_rules(), kind, out)
    out.emit([record], lambda: [out.t("case.added", case=case_id, kind=name)], document=record)


@case_group.command("fact")
@click.argument("case_id", metavar="ID")
@click.argument("facts", nargs=-1, required=True, metavar="K=V...")
@db_option
@output_options
def case_fact(case_id: str, facts: tuple[str, ...], db: str | None, out: Output) -> None:
    """Give or change facts of case ID (e.g. property_complexity=simple); its obligations are
    recomputed, and an undetermined one is decided. JSON: {case, facts, moves}."""
    parsed = _facts(facts)
    with open_db(db) as store:
        moves = store.set_facts(case_id, parsed)
    head = out.t("case.facts_set", case=case_id, facts=facts_text(parsed))
    _emit_moves(moves, [head], {"case": case_id, "facts": parsed}, out)


@case_group.command("unit")
@click.argument("case_id", metavar="ID")
@click.argument("unit", metavar="UNIT")
@db_option
@output_options
def case_unit(case_id: str, unit: str, db: str | None, out: Output) -> None:
    """Give case ID its responsible unit UNIT. JSON: {case, unit, moves}."""
    with open_db(db) as store:
        moves = store.set_unit(case_id, unit)
    head = out.t("case.unit_set", case=case_id, unit=unit)
    _emit_moves(moves, [head], {"case": case_id, "unit": unit}, out)


def _is_open(ob: Obligation, day: dt.date) -> bool:
    return status_on(ob, day) in (
        "pending",
        "due_today",
        "overdue",
        "flagged",
        "paused",
        "undetermined",
    )


def _late(ob: Obligation, day: dt.date) -> bool:
    """Open and past its date on ``day``, as the case's status counts it (an aging flag from its
    day on; a reminder never)."""
    if ob.due is None or ob.kind == "reminder" or ob.status == "paused" or not _is_open(ob, day):
        return False
    return ob.due <= day if ob.kind == "aging" else ob.due < day


def _obligation_lines(ob: Obligation, day: dt.date, out: Output) -> Iterator[str]:
    title = ob.title_zh if out.lang == "zh" else ob.title_en
    done = ob.completed_on
    due = dated(ob.due, out.lang) if ob.due else "—"
    due += f" {out.t('cli.provisional')}" if ob.provisional else ""
    due += f" {out.t('cli.low_confidence')}" if low_confidence(ob) else ""
    due += f" {out.t('stale.mark')}" if stale(ob) else ""
    fields = {
        "due": due,
        "status": out.t(f"ob_status.{status_on(ob, day)}"),
        "done": f", {done.isoformat()}" if done and done <= day else "",
        "calendar": f"{ob.calendar} {ob.calendar_version}",
        "version": ob.rule_version,
    }
    inst = f" [{ob.instance}]" if ob.instance else ""
    yield f"  {ob.rule_id}{inst} [{ob.clause}] {title}"
    yield "    " + out.t("show.obligation", **fields)
    for i, s in enumerate(obligation_steps(ob, out.lang, day), 1):
        yield f"      {i}. {s}"


@case_group.command("show")
@click.argument("case_id", metavar="ID")
@click.option("--open", "open_only", is_flag=True)
@click.option("--since", type=DATE, default=None)
@as_of_option
@db_option
@output_options
def case_show(
    case_id: str,
    open_only: bool,
    since: dt.date | None,
    as_of: dt.date | None,
    db: str | None,
    out: Output,
) -> None:
    """The case's timeline: events (corrections included), obligations, status, explanation.

    JSON: {case, kind, unit, facts, status, as_of, events: [...], obligations: [...]}; JSON Lines
    and CSV: one obligation a line."""
    day = as_of or china_today()
    with open_db(db) as store:
        case = store.get_case(case_id)
        events = store.stored_events(case_id)
        obligations = store.obligations(case_id)
        (summary,) = case_rows(store, day, case_id=case_id)
    if since is not None:
        events = [se for se in events if se.event.on >= since]
        # an open overdue duty is never hidden: it is what a clerk must see first
        obligations = [
            ob for ob in obligations if ob.due is None or ob.due >= since or _late(ob, day)
        ]
    if open_only:
        obligations = [ob for ob in obligations if _is_open(ob, day)]
    rules = load_rules()
    ob_records = [obligation_payload(ob, day, out.lang) for ob in obligations]
    document = {
        "case": case.id,
        "kind": case.kind,
        "unit": case.unit,
        "facts": dict(case.facts),
        "status": summary["status"],
        "as_of": day.isoformat(),
        "events": [event_payload(se) for se in events],
        "obligations": ob_records,
    }

    def lines() -> Iterator[str]:
        facts = facts_text(case.facts) or "—"
        yield out.t(
            "show.head",
            case=case.id,
            kind=kind_name(rules, case.kind, out),
            unit=case.unit or out.t("cli.no_unit"),
            status=out.t(f"case_status.{summary['status']}"),
        )
        yield out.t("show.facts", facts=facts)
        yield out.t("show.events")
        for se in events:
            e = se.event
            mark = out.t("show.superseded", id=se.superseded_by) if se.superseded_by else ""
            fix = out.t("show.corrects", id=se.supersedes) if se.supersedes else ""
            data = " " + json.dumps(dict(e.data), ensure_ascii=False) if e.data else ""
            note = f" — {e.note}" if e.note else ""
            recorded = out.t("show.recorded", at=se.recorded_at)
            name = event_name(rules, e.type, out)
            yield f"  {e.id}  {e.on.isoformat()}  {name} ({e.type}){data}{note}{fix}{mark}  ({recorded})"
        yield out.t("show.obligations", day=day.isoformat())
        if not obligations:
            yield "  " + out.t("cli.none")
        for ob in obligations:
            yield from _obligation_lines(ob, day, out)

    out.emit(ob_records, lines, document=document)


@case_group.command("list")
@click.option("--unit", default=None)
@click.option("--kind", default=None)
@click.option(
    "--status",
    type=Choice(["open", "closed", "overdue"]),
    default=None,
)
@as_of_option
@db_option
@output_options
def case_list(
    unit: str | None,
    kind: str | None,
    status: str | None,
    as_of: dt.date | None,
    db: str | None,
    out: Output,
) -> None:
    """The cases, with their status, open duties, overdue duties and next due date."""
    day = as_of or china_today()
    with open_db(db) as store:
        rows = case_rows(store, day, unit=unit, kind=kind, status=status)
    rules = load_rules()

    def lines() -> Iterator[str]:
        if not rows:
            yield out.t("case.list_empty")
            return
        body = [
            [
                r["case"],
                kind_name(rules, r["kind"], out),
                r["unit"] or "—",
                out.t(f"case_status.{r['status']}"),
                str(r["open"]),
                str(r["overdue"]),
                dated(dt.date.fromisoformat(r["next_due"]), out.lang) if r["next_due"] else "—",
            ]
            for r in rows
        ]
        yield from table([out.t(f"head.{k}") for k in CASE_LIST_KEYS], body)

    out.emit(rows, lines, columns=CASE_LIST_KEYS)


def _case_event(
    case_id: str, etype: str, on: dt.date, reason: str, db: str | None, out: Output, key: str
) -> None:
    with open_db(db) as store:
        event_id, moves = store.add_event(case_id, etype, on, note=reason)
    line = out.t(key, case=case_id, on=on.isoformat(), event=event_id)
    _emit_event(case_id, event_id, etype, on, reason, None, moves, [line], out)


def _emit_event(
    case_id: str,
    event_id: str,
    etype: str,
    on: dt.date,
    note: str,
    supersedes: str | None,
    moves: list[Move],
    head: list[str],
    out: Output,
) -> None:
    """What recording an event prints: the event and every obligation it moved."""
    said = {"event": event_id, "type": etype, "on": on.isoformat(), "note": note}
    _emit_moves(moves, head, {"case": case_id, **said, "supersedes": supersedes}, out)


def _emit_moves(moves: list[Move], head: list[str], fields: dict[str, Any], out: Output) -> None:
    """What a change to a case prints: ``head``, then every obligation it moved; JSON: ``fields``
    and ``moves``; JSON Lines and CSV: one move a line."""
    records = [move_payload(m) for m in moves]
    out.emit(
        records, lambda: [*head, *move_lines(moves, out)], document={**fields, "moves": records}
    )


@case_group.command("close")
@click.argument("case_id", metavar="ID")
@click.option("--on", "on", type=DATE, required=True)
@click.option("--reason", required=True)
@db_option
@output_options
def case_close(case_id: str, on: dt.date, reason: str, db: str | None, out: Output) -> None:
    """Close a case: recorded as a case.closed event, so its history stays."""
    _case_event(case_id, CLOSE_EVENT, on, reason, db, out, "case.closed")


@case_group.command("reopen")
@click.argument("case_id", metavar="ID")
@click.option("--on", "on", type=DATE, required=True)
@click.option("--reason", default="")
@db_option
@output_options
def case_reopen(case_id: str, on: dt.date, reason: str, db: str | None, out: Output) -> None:
    """Reopen a closed case (a case.reopened event; the close stays in its history)."""
    _case_event(case_id, REOPEN_EVENT, on, reason, db, out, "case.reopened")


# --- event add --------------------------------------------------------------------------------
@click.group("event")
def event_group() -> None:
    """Record what happened to a case."""


@event_group.command("add")
@click.argument("case_id", metavar="CASE")
@click.argument("etype", metavar="TYPE")
@click.option("--on", "on", type=DATE, required=True)
@click.option("--note", default="")
@click.option(
    "--data",
    "data",
    multiple=True,
    metavar="K=V",
)
@click.option(
    "--supersedes",
    default=None,
    metavar="EVENT_ID",
)
@db_option
@output_options
def event_add(
    case_id: str,
    etype: str,
    on: dt.date,
    note: str,
    data: tuple[str, ...],
    supersedes: str | None,
    db: str | None,
    out: Output,
) -> None:
    """Record event TYPE of CASE (deadlines events lists the types); the case's obligations are
    recomputed (chains move too). JSON: {case, event, type, on, note, supersedes, moves}."""
    payload = dict(parse_pair(d, "data") for d in data)
    with open_db(db) as store:
        event_id, moves = store.add_event(
            case_id, etype, on, note=note, data=payload, supersedes=supersedes
        )
    name = event_name(load_rules(), etype, out)
    head = out.t("event.recorded", event=event_id, type=f"{name} ({etype})", on=on.isoformat())
    if supersedes:
        head += out.t("event.supersedes", id=supersedes)
    _emit_event(case_id, event_id, etype, on, note, supersedes, moves, [head], out)


# --- import -----------------------------------------------------------------------------------
@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--skip-bad",
    is_flag=True,
)
@click.option("--jobs", type=Range(1, MAX_JOBS), default=None)
@db_option
@output_options
def import_cmd(file: str, skip_bad: bool, jobs: int | None, db: str | None, out: Output) -> None:
    """Import cases and events from a CSV or JSON-lines FILE ('-': standard input), in one
    transaction. The format: README, 'Importing cases', and seeds/sample.csv."""
    with _readable(file) as path:
        size = path.stat().st_size
        with open_db(db) as store, progress(size, out.t("progress.import")) as bar:
            name = out.t("import.stdin") if file == "-" else None
            report = import_file(store, path, skip_bad=skip_bad, progress=bar, name=name, jobs=jobs)
    for problem in report.skipped:
        click.echo(out.t("import.skipped", problem=problem.in_lang(out.lang)), err=True)
    record = {
        "cases": report.cases,
        "events": report.events,
        "obligations": report.obligations,
        "unchanged": report.unchanged,
        "skipped": [str(p) for p in report.skipped],
    }

    # the change in what the store holds: fewer when the file's corrections take duties away
    key = "import.done" if report.obligations >= 0 else "import.done_fewer"
    parts = [
        out.t(key, cases=report.cases, events=report.events, obligations=abs(report.obligations))
    ]
    if report.unchanged:
        parts.append(out.t("import.unchanged", n=report.unchanged))
    if report.skipped:
        parts.append(out.t("import.skipped_n", n=len(report.skipped)))
    out.emit([record], lambda: [out.t("cli.sep").join(parts)], document=record)


@contextmanager
def _readable(file: str) -> Iterator[Path]:
    """The file to import: FILE itself, or standard input copied to a temporary file (named
    stdin.jsonl when its first character opens a JSON object, else stdin.csv)."""
    if file != "-":
        path = Path(file)
        if not path.is_file():
            raise click.BadParameter(
                text("cli.no_file", current_lang(), file=file), param_hint="FILE"
            )
        yield path
        return
    data = sys.stdin.buffer.read()
    first = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("stdin.jsonl" if first == b"{" else "stdin.csv")
        path.write_bytes(data)
        yield path


COMMANDS: tuple[click.Command, ...] = (init, case_group, event_group, import_cmd)
