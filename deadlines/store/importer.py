"""Import cases and events from CSV or JSON lines, in one transaction.

One row is a case or an event::

    record,case,kind,unit,facts,type,on,note,data,supersedes,id
    case,Z2026-001,enforcement,大武口区人民法院,needs_reference_price=true,,,,,,
    event,Z2026-001,,,,enforcement.filed,2026-03-02,立案,,,

or, as JSON lines, ``{"record": "case", "case": "Z2026-001", "kind": "enforcement",
"facts": {...}, "events": [{"type": "enforcement.filed", "on": "2026-03-02"}]}`` and
``{"record": "event", "case": "Z2026-001", "type": "...", "on": "..."}`` (``record`` may be left out:
a row with a ``kind`` is a case, one with a ``type`` an event). ``facts`` and ``data`` are a JSON
object or ``k=v;k=v``. An event's case must be in the store or earlier in the file.

The whole file is one transaction: a bad row aborts everything with ``file:line: message`` and the
store is left as it was. With ``skip_bad`` bad rows are reported and skipped instead; a case whose
events do not fit together is skipped whole (its rows in that chunk), never half-applied.

Rows (read by :mod:`deadlines.store.rows`) are merged and written in chunks, so memory stays flat
in the size of the file: the cases seen earlier are looked up in the store (inside the same
transaction), not kept in memory. A big file is cut into ranges that forked workers prepare
(:mod:`deadlines.store.importpool`); the rows they hand back are written here, in file order.
"""

from __future__ import annotations

import datetime as dt
import json
import marshal
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any

from deadlines.errors import DeadlineError, Phrase, StoreError
from deadlines.messages import Lang
from deadlines.model import Case, Event, FactValue, Obligation
from deadlines.store import bulk, importpool
from deadlines.store.background import BackgroundCheck, can_fork
from deadlines.store.checks import (
    MAX_CASE_EVENTS,
    MAX_NOTE,
    Catalogue,
    EventType,
    catalogue,
    check_case_events,
    check_case_input,
    check_case_size,
    check_event_date,
    check_event_input,
    check_text,
    what_text,
)
from deadlines.store.database import Store, china_now, china_today, facts_json
from deadlines.store.rows import (
    DAY_TEXTS,
    MAX_LINE_CHARS,
    CsvFields,
    Row,
    RowError,
    file_records,
    is_json_lines,
    part_records,
    read_rows,
)

CHUNK_ROWS = 20_000
# A file larger than this is read and checked once before the first write (about a sixth of the
# import's time): a bad row near its end then costs a read, not a write-ahead log of the whole
# file that the rollback throws away. A smaller file's rollback is cheap, so it is not read twice.
PRECHECK_BYTES = 8 * 1024 * 1024
# json.dumps(value, ensure_ascii=False), without building an encoder per call
_to_json = json.JSONEncoder(ensure_ascii=False).encode
_on: Callable[[Event], dt.date] = attrgetter("on")


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    said: Phrase | None = None
    """The problem in the catalogue's words, said in the run's language by :meth:`in_lang`."""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def in_lang(self, lang: Lang) -> str:
        return self.said.in_lang(lang) if self.said is not None else str(self)


@dataclass
class ImportReport:
    path: str
    cases: int = 0
    events: int = 0
    obligations: int = 0  # how many more the store holds after the import
    unchanged: int = 0  # case and event rows already in the store, as they are (a re-run)
    skipped: list[Problem] = field(default_factory=list)
    # the ref the store's next case gets when the import begins: a case with this ref or more
    # was created by the import, from an earlier row of the same file
    first_ref: int = field(default=1 << 63, repr=False)


# --- importing --------------------------------------------------------------------------------
def import_file(
    store: Store,
    path: str | Path,
    *,
    skip_bad: bool = False,
    as_of: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
    name: str | None = None,
    jobs: int | None = None,
) -> ImportReport:
    """Import ``path`` (CSV, or JSON lines for .jsonl/.ndjson/.json) into ``store``; ``name``:
    what messages call it (standard input copied to a temporary file), else its path.
    ``jobs``: how many forked worker processes prepare the file's ranges (1: none, this process
    alone; None: one per CPU for a file of :data:`importpool.MIN_BYTES` or more); the result is
    the same."""
    p = Path(path)
    if not p.is_file():
        raise StoreError(key="rec.import.no_file", path=str(p))
    shown = name or str(p)
    _refuse_chinese_legacy_encoding(p, shown)
    report = ImportReport(shown)
    day = as_of or china_today()
    # a big file is prepared in ranges by forked workers (not with --skip-bad, whose report
    # of every bad row comes from one pass, nor with an evaluator other than the engine)
    workers = 0 if skip_bad or not store.evaluates_by_rules() else importpool.workers_for(p, jobs)
    prechecked = not workers and not skip_bad and p.stat().st_size > PRECHECK_BYTES
    checker = _start_check(p, day, shown) if prechecked else None
    try:
        with store.transaction():
            before = _obligation_count(store)
            report.first_ref = store.next_case_ref()
            try:
                if workers:
                    _write_parts(store, p, report, day, progress, chunk_rows, workers)
                else:
                    rows = read_rows(file_records(p, progress))
                    how = (skip_bad, prechecked)
                    _write(store, rows, report, how, day, chunk_rows, checker)
            except Exception:
                # a row bad on its own (the check's verdict, at the first in the file) is what
                # is reported, as when the check ran first: not a fault met while writing
                if checker is not None and (bad := checker.bad(wait=True)) is not None:
                    raise bad from None
                raise
            # counted, not summed per chunk: a case spanning two chunks is evaluated twice
            report.obligations = _obligation_count(store) - before
    except sqlite3.IntegrityError as exc:
        # e.g. an explicit event id that an earlier, superseded event already uses
        raise StoreError(key="rec.import.integrity", path=shown, msg=str(exc)) from None
    except UnicodeDecodeError as exc:
        raise _not_utf8(shown, exc) from None
    finally:
        if checker is not None:
            checker.stop()
    return report


def _refuse_chinese_legacy_encoding(path: Path, shown: str, probe: int = 1 << 16) -> None:
    """A file Excel saved as plain "CSV" on a Chinese Windows desktop is GBK (GB18030), not
    UTF-8: every Chinese unit and note in it would be refused row by row as "a byte that is not
    UTF-8". Said once for the file, with the fix. Guessing the encoding instead could import
    garbled names silently, so the file is refused."""
    with path.open("rb") as f:
        head = f.read(probe)
    try:
        head.decode("utf-8")
        return
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut at the probe's end
            return
    try:
        head.decode("gb18030")
    except UnicodeDecodeError:
        return  # not GBK either: the row checks name the line and the byte
    raise StoreError(key="rec.import.gbk", path=shown)


def _obligation_count(store: Store) -> int:
    # the table, not the view of it with its texts (the same rows: every reference is there),
    # which joins seven tables row by row (a second at a million cases)
    return int(store.conn.execute("SELECT COUNT(*) FROM obligation_rows").fetchone()[0])


def _not_utf8(shown: str, exc: UnicodeDecodeError) -> StoreError:
    return StoreError(key="rec.import.not_utf8", path=shown, msg=exc.reason)


def _start_check(path: Path, today: dt.date, shown: str) -> BackgroundCheck | None:
    """The check of a big file (:func:`_precheck`), started in a second process; None where it
    ran here instead (no fork) and passed."""
    catalogue()  # loaded once, before the fork: the child checks with the writer's catalogue
    if not can_fork():
        _precheck(path, today, shown)
        return None
    return BackgroundCheck(lambda: _precheck(path, today, shown), shown)


def _write(
    store: Store,
    rows: Iterable[Row | RowError],
    report: ImportReport,
    how: tuple[bool, bool],
    today: dt.date,
    chunk_rows: int,
    checker: BackgroundCheck | None = None,
) -> None:
    """``rows`` into the store, chunk by chunk, inside the caller's transaction; ``how``:
    (skip_bad, prechecked: every row is checked on its own by :func:`_precheck`). With a
    ``checker`` that check runs in the background: its refusal stops the write between chunks,
    and the write ends only once it has found the file clean."""
    skip_bad, prechecked = how
    chunk: list[Row] = []
    for item in rows:
        if isinstance(item, RowError):
            _bad(report, item.line, item.error or item.message, skip_bad)
            continue
        chunk.append(item)
        if len(chunk) >= chunk_rows:
            with importpool.collector_paused():  # a chunk's rows alive together: see there
                _apply(store, chunk, report, skip_bad, today, prechecked)
            chunk = []
            if checker is not None and (bad := checker.bad()) is not None:
                raise bad
    if chunk:
        with importpool.collector_paused():
            _apply(store, chunk, report, skip_bad, today, prechecked)
    if checker is not None and (bad := checker.bad(wait=True)) is not None:
        raise bad


# --- a big file, in ranges prepared by forked workers -------------------------------------
# What a worker makes of a range: its rows ready to write (marshalled after this byte), or word
# that the writer must import the range itself (a bad row, a case from another range or the
# store), or the rest of the file from the range on (a range cut inside a quoted CSV field, or
# one too long to read).
_READY, _HERE, _REST = b"r", b"h", b"t"
_forked: list[Store] = []
"""The writer's store, as a forked worker inherited it: only its evaluate() is used there."""


def _write_parts(
    store: Store,
    path: Path,
    report: ImportReport,
    today: dt.date,
    progress: Callable[[int], None] | None,
    chunk_rows: int,
    jobs: int,
) -> None:
    """The whole file into the store in ranges, in file order: what workers prepared is
    written as it is, what they could not is imported here as by :func:`_write`."""
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
        header = f.readline(MAX_LINE_CHARS)
    prepare = partial(_prepare_part, path, header, today)
    _load_rules_to_share()
    case_rows = not is_json_lines(path) and header.startswith("record,")  # no BOM: utf-8-sig
    cuts = importpool.ranges(path, 0, 1, importpool.RANGE_BYTES, case_rows)
    parts = importpool.prepared(cuts, prepare, jobs, partial(_adopt, store))
    with closing(parts):
        for part, result in parts:
            try:
                if _write_prepared(store, result, report):
                    if progress is not None:
                        progress(part.end - part.start)
                    continue
                rest = result[:1] == _REST
                # prepared, but its cases are in the store (a re-run): its rows are good on
                # their own, only their fit with the stored cases is left to check
                checked = result[:1] == _READY
                records = part_records(path, part, header, progress, to_end=rest)
                _write(store, read_rows(records), report, (False, checked), today, chunk_rows)
            except (DeadlineError, sqlite3.IntegrityError):
                # the first row bad on its own, from here on, is what is reported, as by the
                # check of a big file (the ranges before had none: they were checked whole)
                rest_of_file = part_records(path, part, header, None, to_end=True)
                try:
                    _precheck(path, today, report.path, rest_of_file)
                except DeadlineError as bad:
                    raise bad from None
                raise
            if rest:
                return


def _load_rules_to_share() -> None:
    """The rules (and the catalogue of their kinds and event types) read here, before the workers
    are forked: they check and evaluate with the rules the writer has, as read when the import
    began, not read again by each (a rule file edited meanwhile would give the ranges other
    rules than the rows the writer imports itself)."""
    from deadlines.rules.loading import plan_rules

    catalogue()
    plan_rules()


def _adopt(store: Store) -> None:
    _forked.append(store)


def _prepare_part(path: Path, header: str, today: dt.date, part: importpool.Range) -> bytes:
    """In a worker: the range's rows read, checked, merged case by case and evaluated, as the
    writer inserts them (marshalled, after the byte _READY), or the byte _HERE or _REST."""
    with importpool.collector_paused():
        return _prepared(path, header, today, part)


def _prepared(path: Path, header: str, today: dt.date, part: importpool.Range) -> bytes:
    if part.end - part.start > 2 * importpool.RANGE_BYTES:  # a line too long for the range
        return _REST
    records = list(part_records(path, part, header, None))
    if records and not is_json_lines(path) and _open_quote(records[-1][1]):
        return _REST
    rows: list[Row] = []
    for item in read_rows(records):
        if isinstance(item, RowError):
            return _HERE
        rows.append(item)
    store = _forked[0]
    report = ImportReport(str(path))
    try:
        chunk = _merged(store, rows, report, False, today, False, known={})
        obligations, _ = _evaluated(store, chunk, report, False, today)
    except DeadlineError:  # said as it should be when the writer imports the range itself
        return _HERE
    # column by column (Store.insert_new_cases), each case by its index in the range
    ids, kinds, units, facts, _ = _columns(chunk.cases, 5)
    index = {cid: i for i, cid in enumerate(ids)}
    eids, cids, types, days, _, notes, data, sups = _columns(chunk.events, 8)
    events = (eids, [index[c] for c in cids], types, days, notes, data, sups)
    texts: dict[tuple[str, str], bulk.RuleTexts] = {}
    for ob in obligations:
        if (ob.rule_id, ob.rule_version) not in texts:  # a rule version's texts are its own
            texts[ob.rule_id, ob.rule_version] = bulk.texts_of(ob)
    logical = _columns([bulk.logical_row(index[ob.case_id], ob) for ob in obligations], 16)
    ready = ((ids, kinds, units, facts), events, logical, texts, report.unchanged, chunk.now)
    return _READY + marshal.dumps(ready)


def _columns(rows: Sequence[tuple[Any, ...]], width: int) -> list[tuple[Any, ...]]:
    return list(zip(*rows, strict=True)) if rows else [()] * width


def _open_quote(record: Mapping[str, Any] | CsvFields | Exception) -> bool:
    """Whether a range's last CSV record may have been cut inside a quoted field (whose line
    end it then holds); a record that could not be read may have been too."""
    if isinstance(record, Exception):
        return True
    values = record[0] if isinstance(record, tuple) else list(record.values())
    return any(v is not None and ("\n" in v or "\r" in v) for v in values)


def _write_prepared(store: Store, result: bytes, report: ImportReport) -> bool:
    """Insert a range a worker prepared; False, writing nothing, if it could not, or if one of
    its cases is in the store already (written by an earlier range or import: merged with it by
    :func:`_write`)."""
    if result[:1] != _READY:
        return False
    with importpool.collector_paused():
        return _insert_prepared(store, marshal.loads(result[1:]), report)


def _insert_prepared(store: Store, ready: tuple[Any, ...], report: ImportReport) -> bool:
    cases, events, obligations, texts, unchanged, now = ready
    if store.known_cases(cases[0]):
        return False
    store.insert_new_cases(cases, events, obligations, texts, now)
    report.cases += len(cases[0])
    report.events += len(events[0])
    report.unchanged += unchanged
    return True


def _precheck(
    path: Path,
    today: dt.date,
    shown: str,
    records: Iterable[tuple[int, Mapping[str, Any] | CsvFields | Exception]] | None = None,
) -> None:
    """Read the whole file once, writing nothing, and refuse it at its first row that is bad on
    its own (syntax, text, numbers, kinds, facts, event types, dates, data). A bad last row of a
    huge file is then found long before the write reaches it (the check runs ahead of the write,
    in a second process), instead of after a gigabyte of write-ahead log that the rollback
    throws away. Faults between rows (an unknown case, events out of order) are found while
    writing, in chunks, as before. ``records``: only these (the file's from some line on)."""
    cat = catalogue()
    try:
        for item in read_rows(file_records(path, None) if records is None else records):
            if isinstance(item, RowError):
                _bad(ImportReport(shown), item.line, item.error or item.message, False)
                continue
            try:
                _check_row(cat, item, today)
            except DeadlineError as exc:
                _bad(ImportReport(shown), item.line, exc, False)
    except UnicodeDecodeError as exc:
        raise _not_utf8(shown, exc) from None


def _check_row(cat: Catalogue, r: Row, today: dt.date, kind: str | None = None) -> None:
    """The checks of one row that need no other row (``kind``: the event's case kind, if known).
    Facts or data that passed once (the mappings deadlines.store.rows shares between rows) are not
    checked again; nor is a case id, checked when its row was read (deadlines.store.rows)."""
    if r.record == "case":
        key = (r.kind, r.unit, id(r.facts))
        known = _CASES_OK.get(key)
        if known is not None and known[0] is cat and known[1] is r.facts:
            return
        check_case_input(r.case, r.facts, r.unit)
        cat.check_kind(r.kind)
        cat.check_facts(r.kind, r.facts)
        if len(_CASES_OK) >= 20_000:
            _CASES_OK.clear()
        _CASES_OK[key] = (cat, r.facts)
        return
    on = r.on
    assert on is not None
    et = cat.events.get(r.type)
    if et is None or (kind is not None and kind not in et.case_kinds):
        et = cat.check_event(kind or "", r.type)
    data = r.data
    seen = _DATA_OK.get((r.type, id(data)))
    if (
        seen is None
        or seen[0] is not et
        or seen[1] is not data
        or r.supersedes is not None
        or r.id is not None
    ):
        check_event_input(
            et, on, today, note=r.note, data=data, supersedes=r.supersedes, event_id=r.id
        )
        if len(_DATA_OK) >= 20_000:
            _DATA_OK.clear()
        _DATA_OK[r.type, id(data)] = (et, data)
        return
    # check_event_input's checks, but that of the data
    check_event_date(et, on, today)
    if r.note:
        check_text(what_text("note"), r.note, MAX_NOTE, optional=True)


_CASES_OK: dict[tuple[str, str, int], tuple[Catalogue, Mapping[str, FactValue]]] = {}
"""The facts that passed a case row's checks with its kind and unit against a catalogue, by (kind,
unit, identity of the facts); kept alive here, so an id is not reused (bounded)."""
_DATA_OK: dict[tuple[str, int], tuple[EventType, Mapping[str, str]]] = {}
"""The data that passed an event's checks with its type, by (type, identity of the data)."""


def _bad(
    report: ImportReport,
    line: int,
    problem: DeadlineError | str,
    skip_bad: bool,
    case: str | None = None,
) -> None:
    """A bad row: skipped with ``--skip-bad``, else the whole import refused; either said in the
    run's language (``case``: the case whose events conflict)."""
    where = f"{report.path}:{line}"
    said: Phrase | str = str(problem)
    if isinstance(problem, DeadlineError) and problem.key:
        said = Phrase(problem.key, problem.fields)
    if not skip_bad:
        key = "rec.import.refused" if case is None else "rec.import.case_refused"
        raise StoreError(key=key, where=where, case=case, problem=said)
    key = "rec.import.skipped_row" if case is None else "rec.import.skipped_case"
    report.skipped.append(
        Problem(
            where,
            str(problem) if case is None else f"case {case}: {problem}",
            Phrase(key, {"where": where, "case": case, "problem": said}),
        )
    )


@dataclass(slots=True)
class _Pending:
    """A case touched by a chunk: what the store holds, plus the chunk's rows."""

    kind: str
    base: Case | None
    new_case: Row | None = None
    events: list[Row] = field(default_factory=list)
    event_count: int = 0
    # a case row for a case already in the store: fine if it says the same (a re-run import)
    repeat: Row | None = None
    duplicates: int = 0
    # every event of the case, stored (superseded ones too) or accepted from this file: a row
    # equal to one of them is already there (a re-run import never undoes a correction)
    seen: set[tuple[object, ...]] = field(default_factory=set)
    ids: dict[str, tuple[object, ...]] = field(default_factory=dict)
    # the line of the row that a fault of the case is found at, when one row is at fault (a
    # differing case row, an event that corrects or names the wrong event, one too many)
    fault: int = 0
    ref: int = 0  # the stored case's key (0: a case this chunk creates)


@dataclass(slots=True)
class _Chunk:
    """A chunk's rows merged with the store: its cases as they will be, and what to write."""

    rows: Sequence[Row]
    pending: dict[str, _Pending]
    merged: list[Case]
    cases: list[tuple[str, str, str | None, str, str]]
    events: list[tuple[str, str, str, str, str, str, str, str | None]]
    now: str


def _apply(
    store: Store,
    rows: Sequence[Row],
    report: ImportReport,
    skip_bad: bool,
    today: dt.date,
    prechecked: bool = False,
) -> None:
    """Check, merge, evaluate and write one chunk of rows. ``prechecked``: every row passed
    :func:`_check_row` on its own already (:func:`_precheck`), so only an event's type against
    its case's kind is left to check."""
    chunk = _merged(store, rows, report, skip_bad, today, prechecked)
    obligations, evaluated = _evaluated(store, chunk, report, skip_bad, today)
    _store_rows(store, chunk, evaluated, report)
    _store_obligations(store, chunk, obligations, evaluated, report)


def _merged(
    store: Store,
    rows: Sequence[Row],
    report: ImportReport,
    skip_bad: bool,
    today: dt.date,
    prechecked: bool,
    known: dict[str, tuple[str, int]] | None = None,
) -> _Chunk:
    """The chunk's rows checked against each other and the store, and merged case by case;
    ``known``: the kinds and refs of the chunk's cases that the store holds, if already read (a
    worker preparing a range, which cannot read the store, takes none). A case row for a case
    that an earlier row of the file created (in this chunk or an earlier one) is refused."""
    cat = catalogue()
    if known is None:
        known = store.known_cases(list(dict.fromkeys(r.case for r in rows)))
    pending: dict[str, _Pending] = {}
    for r in rows:
        try:
            if r.record == "case":
                if not prechecked:
                    _check_row(cat, r, today)
                stored = known.get(r.case)
                if r.case in pending or (stored is not None and stored[1] >= report.first_ref):
                    raise StoreError(key="rec.import.case_twice", case=r.case)
                if stored is not None:
                    pending[r.case] = _Pending(stored[0], None, repeat=r, ref=stored[1])
                else:
                    pending[r.case] = _Pending(r.kind, None, new_case=r)
                continue
            entry = pending.get(r.case)
            if entry is None:
                if r.case not in known:
                    raise StoreError(key="rec.import.case_first", case=r.case)
                kind, ref = known[r.case]
                entry = pending[r.case] = _Pending(kind, None, ref=ref)
            if prechecked:
                cat.check_event(entry.kind, r.type)
            else:
                _check_row(cat, r, today, entry.kind)
            entry.events.append(r)
        except DeadlineError as exc:
            _bad(report, r.line, exc, skip_bad)
    _load_bases(store, pending)
    chunk = _Chunk(rows, pending, [], [], [], china_now())
    for cid, entry in pending.items():
        try:
            _same_case(cid, entry)
            case, event_rows = _merge(cid, entry, chunk.now)
            report.unchanged += entry.duplicates + (entry.repeat is not None)
            if entry.new_case is None and not event_rows:
                continue  # nothing new for a case already stored: a re-run import
            check_case_events(case, new_ids={r[0] for r in event_rows})
        except DeadlineError as exc:
            line = entry.fault or _last_line(entry, rows)
            _bad(report, line, exc, skip_bad, case=cid)
            continue
        if entry.new_case is not None:
            r = entry.new_case
            chunk.cases.append((cid, r.kind, r.unit or None, _facts_json(r.facts), chunk.now))
        chunk.events.extend(event_rows)
        chunk.merged.append(case)
    return chunk


def _evaluated(
    store: Store, chunk: _Chunk, report: ImportReport, skip_bad: bool, today: dt.date
) -> tuple[list[Obligation], list[Case]]:
    """The obligations of the chunk's cases, and the cases evaluated (with ``skip_bad``, those
    the engine refuses are reported and left out)."""
    try:  # the chunk in one batch; a case the engine refuses is found case by case
        return store.evaluate(chunk.merged, today), chunk.merged
    except DeadlineError:
        obligations: list[Obligation] = []
        evaluated: list[Case] = []
        for case in chunk.merged:
            try:
                obligations.extend(store.evaluate([case], today))
                evaluated.append(case)
            except DeadlineError as exc:
                line = _last_line(chunk.pending[case.id], chunk.rows)
                _bad(report, line, exc, skip_bad, case=case.id)
        return obligations, evaluated


def _store_rows(
    store: Store, chunk: _Chunk, evaluated: Sequence[Case], report: ImportReport
) -> None:
    """The chunk's new cases and events, but those of cases left out (``--skip-bad``)."""
    cases, events = chunk.cases, chunk.events
    if len(evaluated) < len(chunk.merged):
        keep = {c.id for c in evaluated}
        cases = [c for c in cases if c[0] in keep]
        events = [e for e in events if e[1] in keep]
    store.insert_cases(cases)
    store.insert_events(events)
    report.cases += len(cases)
    report.events += len(events)


def _store_obligations(
    store: Store,
    chunk: _Chunk,
    obligations: list[Obligation],
    evaluated: Sequence[Case],
    report: ImportReport,
) -> None:
    fresh = {c.id for c in evaluated if chunk.pending[c.id].new_case is not None}
    if len(fresh) == len(evaluated):  # every case new (a first import): nothing to compare
        store.replace_obligations(list(fresh), obligations, chunk.now, fresh=True)
        return
    store.replace_obligations(
        list(fresh), [o for o in obligations if o.case_id in fresh], chunk.now, fresh=True
    )
    older = [c.id for c in evaluated if c.id not in fresh]
    # created by an earlier chunk or range of this file: a date of theirs that changes now was
    # never announced, so it is no move (as when the case's rows fall in one chunk)
    ours = [cid for cid in older if chunk.pending[cid].ref >= report.first_ref]
    theirs = [cid for cid in older if chunk.pending[cid].ref < report.first_ref]
    reason = {"cause": "import", "file": Path(report.path).name}
    for ids, unannounced in ((ours, True), (theirs, False)):
        if ids:
            of = set(ids)
            store.replace_obligations(
                ids,
                [o for o in obligations if o.case_id in of],
                chunk.now,
                reason=reason,
                unannounced=unannounced,
            )


def _last_line(entry: _Pending, rows: Sequence[Row]) -> int:
    """Where a fault of the whole case is reported: at its last row in the chunk."""
    return (entry.events[-1] if entry.events else entry.new_case or rows[0]).line


def _same_case(cid: str, entry: _Pending) -> None:
    r, base = entry.repeat, entry.base
    if r is None or base is None:
        return
    if (r.kind, r.unit or None, dict(r.facts)) != (base.kind, base.unit, dict(base.facts)):
        entry.fault = r.line
        raise StoreError(key="rec.import.case_differs", case=cid)


def _load_bases(store: Store, pending: dict[str, _Pending]) -> None:
    existing = [cid for cid, e in pending.items() if e.new_case is None]
    if not existing:
        return
    for case in store.load_cases(existing):
        pending[case.id].base = case
    for start in range(0, len(existing), 500):
        part = existing[start : start + 500]
        marks = ",".join("?" * len(part))
        for cid, eid, etype, on, data, note, supersedes in store.conn.execute(
            "SELECT case_id, id, type, on_date, data, note, supersedes FROM events"
            f" WHERE case_id IN ({marks})",
            part,
        ):
            entry = pending[cid]
            entry.event_count += 1
            key = _event_key(etype, dt.date.fromisoformat(on), json.loads(data), note)
            entry.seen.update((key, (*key, supersedes)))
            entry.ids[eid] = key


_JSON: dict[tuple[tuple[str, str], ...], str] = {}
"""Event data as stored (JSON), by its items (a few shapes repeat; bounded)."""


_FACTS_JSON: dict[int, tuple[Mapping[str, FactValue], str]] = {}
"""A case's facts as stored, by the identity of the facts a CSV row shares with every row that
gives the same text (:func:`_fields`; kept alive here, so an id is not reused; bounded)."""


def _facts_json(facts: Mapping[str, FactValue]) -> str:
    known = _FACTS_JSON.get(id(facts))
    if known is not None and known[0] is facts:
        return known[1]
    if len(_FACTS_JSON) >= 20_000:
        _FACTS_JSON.clear()
    text = facts_json(facts)
    _FACTS_JSON[id(facts)] = (facts, text)
    return text


def _data_json(data: Mapping[str, str]) -> str:
    if not data:
        return "{}"
    items = tuple(data.items())
    text = _JSON.get(items)
    if text is None:
        if len(_JSON) >= 20_000:
            _JSON.clear()
        text = _JSON[items] = _to_json(data)
    return text


def _event_key(etype: str, on: dt.date, data: Mapping[str, str], note: str) -> tuple[object, ...]:
    return (etype, on, tuple(sorted(data.items())) if data else (), note)


def _merge(
    cid: str, entry: _Pending, now: str
) -> tuple[Case, list[tuple[str, str, str, str, str, str, str, str | None]]]:
    """The case as it will be after the chunk (effective events only) and its event rows."""
    if entry.base is None and not entry.event_count:
        merged = _merge_new(cid, entry, now)
        if merged is not None:
            return merged
    if entry.base is not None:
        case = entry.base
    else:
        assert entry.new_case is not None
        r = entry.new_case
        case = Case(cid, r.kind, dict(r.facts), r.unit or None)
    events = list(case.events)
    by_id = {e.id: i for i, e in enumerate(events)}
    rows = []
    n = entry.event_count
    seen, ids = entry.seen, entry.ids
    for r in entry.events:
        on, data, sup = r.on, r.data, r.supersedes
        assert on is not None
        key = (r.type, on, tuple(sorted(data.items())) if data else (), r.note)
        # a row without supersedes equal to any stored event (a corrected one too), a correction
        # equal to one stored, or an explicit id stored with the same content: already there
        if (key in seen if sup is None else (*key, sup) in seen) or (
            r.id is not None and ids.get(r.id) == key
        ):
            entry.duplicates += 1
            continue
        seen.add(key)
        seen.add((*key, sup))
        n += 1
        if n > MAX_CASE_EVENTS:
            entry.fault = r.line
            check_case_size(cid, n)
        if r.id is not None and (r.id in ids or r.id in by_id or "#" in r.id):
            entry.fault = r.line
            raise StoreError(key="rec.import.id_taken", id=r.id)
        eid = r.id or f"{cid}#{n}"
        ids[eid] = key
        ev = Event(r.type, on, r.note, eid, data)
        if sup is not None:
            if sup not in by_id:
                entry.fault = r.line
                raise StoreError(key="rec.import.not_current", old=sup, case=cid)
            at = by_id.pop(sup)
            ev = replace(ev, origin=events[at].origin or sup)
            events[at] = ev
            by_id[eid] = at
        else:
            by_id[eid] = len(events)
            events.append(ev)
        rows.append((eid, cid, r.type, on.isoformat(), now, r.note, _data_json(data), sup))
    events.sort(key=_on)
    return Case(case.id, case.kind, case.facts, case.unit, tuple(events)), rows


def _merge_new(
    cid: str, entry: _Pending, now: str
) -> tuple[Case, list[tuple[str, str, str, str, str, str, str, str | None]]] | None:
    """:func:`_merge` for a new case whose rows neither correct an event nor name one (the
    usual first import): its events in file order, numbered ``{case}#{n}``, a row equal to an
    earlier one counted as a duplicate. None if a row corrects or names an event."""
    new = entry.new_case
    assert new is not None
    events: list[Event] = []
    rows: list[tuple[str, str, str, str, str, str, str, str | None]] = []
    keys: set[tuple[object, ...]] = set()
    iso = DAY_TEXTS.get
    n = 0
    for r in entry.events:
        if r.supersedes is not None or r.id is not None:
            return None
        on, data, note = r.on, r.data, r.note
        assert on is not None
        text = _data_json(data)
        # data of one item or none is told apart by its JSON text, more by its sorted items
        key = (r.type, on, text if len(data) < 2 else tuple(sorted(data.items())), note)
        if key in keys:
            continue
        keys.add(key)
        n += 1
        if n > MAX_CASE_EVENTS:
            entry.fault = r.line
            check_case_size(cid, n)
        eid = f"{cid}#{n}"
        events.append(Event(r.type, on, note, eid, data))
        rows.append((eid, cid, r.type, iso(on) or on.isoformat(), now, note, text, None))
    entry.duplicates += len(entry.events) - n
    events.sort(key=_on)
    return Case(cid, new.kind, dict(new.facts), new.unit or None, tuple(events)), rows
