"""A big file is imported in ranges that forked workers prepare (issue 11): what the store holds
after it, and how a bad file is refused, are those of the import in one process.

Each import runs in a fresh interpreter (``RUNNER``), as the command runs: forking is safe only
where no other thread runs, and the tests' own process runs durable-rules' timer threads. The
runner makes every file "big" and cuts it into ranges of a few hundred bytes, so that a small
file gives many ranges: cases whose events fall in later ranges, quoted fields across a cut,
ranges the writer must import itself.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from deadlines.store import importpool, parallel
from tests.test_interrupts import group

BOUND = 120  # seconds one import may take on a loaded machine
NOW = "2026-11-30T09:00:00+08:00"

RUNNER = r"""
import datetime as dt, json, os, sys
from deadlines.errors import DeadlineError
from deadlines.store import importer, importpool, parallel
from deadlines.store.database import init_store

src, db, mode = sys.argv[1], sys.argv[2], sys.argv[3]
importer.china_now = lambda: "2026-11-30T09:00:00+08:00"
if mode == "plain":  # one process, the big file checked whole first (as a file over 8 MiB)
    importpool.MIN_BYTES = 1 << 62
    importer.PRECHECK_BYTES = 0
else:
    importpool.MIN_BYTES = 0
    importpool.RANGE_BYTES = int(mode)
    parallel.available_cpus = lambda: 2
seen = {"prepared": 0, "here": 0, "rest": 0}
insert, write, part_records = importer._insert_prepared, importer._write, importer.part_records
def counted_records(path, part, header, progress, *, to_end=False):
    seen["rest"] += to_end and progress is None and os.getpid() == writer
    return part_records(path, part, header, progress, to_end=to_end)
writer = os.getpid()
importer.part_records = counted_records
def counted_insert(*a):
    done = insert(*a)
    seen["prepared"] += done
    if os.environ.get("KILL_WRITER"):  # killed outright once a range is written
        os.kill(os.getpid(), 9)
    return done
def counted_write(*a, **k):
    seen["here"] += 1
    return write(*a, **k)
importer._insert_prepared, importer._write = counted_insert, counted_write
if os.environ.get("DIE_AT"):  # a worker dies as it prepares a range holding this text
    prepared = importer._prepared
    def dying(path, header, today, part):
        with open(path, "rb") as f:
            f.seek(part.start)
            if os.environ["DIE_AT"].encode() in f.read(part.end - part.start):
                os._exit(3)
        return prepared(path, header, today, part)
    importer._prepared = dying
if os.environ.get("CHANGE_RULES"):  # a rule file edited as the workers are forked
    forking = importpool.prepared
    def edited(*a):
        with open(os.environ["CHANGE_RULES"], "r+", encoding="utf-8") as f:
            text = f.read().replace("10 working days", "30 working days")
            f.seek(0)
            f.write(text)
        return forking(*a)
    importpool.prepared = edited
store = init_store(db)[0]
try:
    for one in src.split(",") * int(os.environ.get("TIMES", "1")):
        r = importer.import_file(store, one, as_of=dt.date(2026, 11, 30))
    out = {"cases": r.cases, "events": r.events, "obligations": r.obligations,
           "unchanged": r.unchanged}
except DeadlineError as exc:
    out = {"error": str(exc)}
print(json.dumps({**out, **seen}))
"""


def run(src: Path | str, db: Path, mode: str, **env: str) -> dict[str, Any]:
    """Import ``src`` (files, by commas) into a new store ``db`` in a fresh interpreter:
    ``mode`` "plain" (one process) or the size of a range in bytes (workers). What the last
    import reported, or the error."""
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(src), str(db), mode],
        capture_output=True,
        text=True,
        timeout=BOUND,
        env={"PATH": "/usr/bin:/bin", "DEADLINES_LANG": "en", **env},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


QUERIES = (
    "SELECT id, kind, unit, facts, created_at FROM cases ORDER BY id",
    "SELECT id, case_id, type, on_date, recorded_at, note, data, supersedes FROM events"
    " ORDER BY case_id, seq",
    "SELECT case_id, rule_id, instance, rule_version, unit, kind, trigger, trigger_date, due,"
    " provisional, basis, calendar, calendar_version, status, completed_on, computed_at, missing"
    " FROM obligations ORDER BY case_id, rule_id, instance",
    "SELECT rule_id, rule_version, clause, title_zh, title_en, period, direction"
    " FROM rule_versions ORDER BY rule_id, rule_version",
    "SELECT * FROM date_moves ORDER BY seq",
)


def contents(db: Path) -> list[list[tuple[Any, ...]]]:
    """What the store holds, by its texts (term and rule version ids follow the order texts were
    first met in, which the ranges change)."""
    with closing(sqlite3.connect(db)) as conn:
        return [conn.execute(q).fetchall() for q in QUERIES]


def both(
    tmp_path: Path, src: Path | str, size: int = 300, **env: str
) -> tuple[dict[str, Any], Path]:
    """Import ``src`` in one process and in ranges of ``size`` bytes; the stores must hold the
    same and the reports say the same. The ranges' report and store."""
    plain = run(src, tmp_path / "plain.db", "plain", **env)
    ranged = run(src, tmp_path / "ranged.db", str(size), **env)
    assert plain["prepared"] == 0
    for key in ("cases", "events", "obligations", "unchanged", "error"):
        assert ranged.get(key) == plain.get(key), key
    assert contents(tmp_path / "ranged.db") == contents(tmp_path / "plain.db")
    return ranged, tmp_path / "ranged.db"


def loan_rows(n: int, received: str = "2026-03-02") -> list[str]:
    """CSV rows of ``n`` loan cases of a local bank, each with its application received."""
    out = []
    for i in range(n):
        out.append(
            f"case,L{i:04d},loan,石嘴山银行,lender=local-legal-person-bank;amount_yuan=500000,,,,,,"
        )
        out.append(f"event,L{i:04d},,,,loan.application-received,{received},,,,")
    return out


HEADER = "record,case,kind,unit,facts,type,on,note,data,supersedes,id"


def write(
    path: Path, rows: list[str], newline: str = "\n", bom: bool = False, case_first: bool = False
) -> Path:
    """A CSV file of ``rows``; ``case_first``: its first two columns swapped (case, record)."""
    if case_first:
        rows = [",".join([r.split(",")[1], r.split(",")[0], r.split(",", 2)[2]]) for r in rows]
    header = "case,record," + HEADER.split(",", 2)[2] if case_first else HEADER
    text = newline.join([header, *rows]) + newline
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def due_dates(db: Path) -> dict[str, str]:
    with closing(sqlite3.connect(db)) as conn:
        return dict(
            conn.execute("SELECT case_id, due FROM obligations WHERE rule_id = 'credit.small-loan'")
        )


def test_cases_events_and_duties_are_those_of_one_process(tmp_path: Path) -> None:
    """Loans received Mon 2026-03-02: 20 working days strictly after it, March 2026 has no
    holiday: 3/3-3/6 (4), 3/9-3/13 (9), 3/16-3/20 (14), 3/23-3/27 (19), Mon 3/30 (20). Received
    Tue 2026-02-10 (L9000): 2/11-2/13 (3), Sat 2/14 worked (4), 春节 2/15-2/23 off, 2/24-2/27 (8),
    Sat 2/28 worked (9), 3/2-3/6 (14), 3/9-3/13 (19), Mon 3/16 (20). Besides: a quoted note,
    facts as a quoted JSON object, a corrected event with an explicit id, and a case
    whose events come after other cases (in a later range)."""
    rows = loan_rows(40)
    rows += [
        'case,L9000,loan,石嘴山银行,"{""lender"": ""local-legal-person-bank"", '
        '""amount_yuan"": 100}",,,,,,',
        'event,L9000,,,,loan.application-received,2026-02-09,"收到申请, 材料齐全",,,a1',
        "event,L9000,,,,loan.application-received,2026-02-10,更正日期,,a1,",
    ]
    rows += [r.replace("L00", "M00") for r in loan_rows(30)]
    rows += ["event,L0003,,,,loan.decided,2026-03-20,,,,"]  # L0003 was in the first range
    ranged, db = both(tmp_path, write(tmp_path / "f.csv", rows))
    assert (ranged["cases"], ranged["events"]) == (71, 73)
    assert ranged["prepared"] >= 5 and ranged["here"] >= 1  # both ways were taken
    due = due_dates(db)
    assert due["L0000"] == due["M0029"] == "2026-03-30"
    assert due["L9000"] == "2026-03-16"


def test_json_lines_with_events_inline(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "case": f"J{i:03d}",
                "kind": "loan",
                "facts": {"lender": "local-legal-person-bank", "amount_yuan": 9000},
                "events": [{"type": "loan.application-received", "on": "2026-03-02"}],
            }
        )
        for i in range(50)
    ]
    src = tmp_path / "f.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ranged, db = both(tmp_path, src)
    assert ranged["prepared"] >= 5
    assert set(due_dates(db).values()) == {"2026-03-30"}


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_a_byte_order_mark_and_other_line_ends(tmp_path: Path, newline: str) -> None:
    """Excel's CSV (BOM, CRLF); and a file whose lines end in a lone CR, which the writer reads
    whole itself (no LF to cut at)."""
    src = write(tmp_path / "f.csv", loan_rows(30), newline=newline, bom=True)
    ranged, db = both(tmp_path, src)
    assert ranged["cases"] == 30
    assert set(due_dates(db).values()) == {"2026-03-30"}
    assert ranged["prepared"] >= (5 if newline == "\r\n" else 0)


def test_a_file_imported_again_changes_nothing(tmp_path: Path) -> None:
    src = write(tmp_path / "f.csv", loan_rows(30))
    ranged, _ = both(tmp_path, src, TIMES="2")
    assert (ranged["cases"], ranged["events"], ranged["unchanged"]) == (0, 0, 60)


def test_a_second_file_for_the_same_cases(tmp_path: Path) -> None:
    """The cases again, with new events (L0003's loan decided on time, on 3/20; L0020's late, on
    4/15: both were due Mon 2026-03-30) and a corrected application day (L0030 received Wed
    2026-03-04: 20 working days strictly after it are Thu 3/5 (1), Fri 3/6 (2), 3/9-3/13 (7),
    3/16-3/20 (12), 3/23-3/27 (17), 3/30-4/1 (20): due Wed 2026-04-01); its first date moved,
    which is kept as a date move."""
    first = write(tmp_path / "a.csv", loan_rows(40))
    more = [
        *loan_rows(40),
        "event,L0003,,,,loan.decided,2026-03-20,,,,",
        "event,L0020,,,,loan.decided,2026-04-15,,,,",
        "event,L0030,,,,loan.application-received,2026-03-04,更正,,L0030#1,",
    ]
    second = write(tmp_path / "b.csv", more)
    ranged, db = both(tmp_path, f"{first},{second}")
    assert (ranged["cases"], ranged["events"], ranged["unchanged"]) == (0, 3, 80)
    assert due_dates(db)["L0030"] == "2026-04-01"
    with closing(sqlite3.connect(db)) as conn:
        statuses = dict(
            conn.execute(
                "SELECT case_id, status FROM obligations WHERE case_id IN ('L0003', 'L0020')"
            )
        )
        moves = conn.execute("SELECT case_id, old_due, new_due FROM date_moves").fetchall()
    assert statuses == {"L0003": "met_on_time", "L0020": "met_late"}
    assert moves == [("L0030", "2026-03-30", "2026-04-01")]


def test_a_bad_row_is_refused_as_in_one_process(tmp_path: Path) -> None:
    """An event of an unknown case early on (a fault between rows) and a date that is no date
    near the end (a row bad on its own): as for any big file, the bad row is what is reported,
    and nothing is written."""
    rows = [*loan_rows(5), "event,NOPE,,,,loan.application-received,2026-03-02,,,,"]
    rows += [*loan_rows(40)[10:], "event,L0007,,,,loan.decided,2026-02-30,,,,"]
    src = write(tmp_path / "f.csv", rows)
    ranged, db = both(tmp_path, src)
    assert ranged["error"].startswith(f"{src}:{len(rows) + 1}: ")
    assert "2026-02-30" in ranged["error"]
    assert contents(db)[0] == []


def test_a_fault_between_rows_in_a_later_range(tmp_path: Path) -> None:
    rows = [*loan_rows(30), "event,L0002,,,,loan.decided,2026-03-05,,,,"]
    rows += ["event,L0031,,,,loan.application-received,2026-03-02,,,,"]  # no such case yet
    rows += loan_rows(40)[62:]
    src = write(tmp_path / "f.csv", rows)
    ranged, _ = both(tmp_path, src)
    assert ranged["error"].startswith(f"{src}:63: ")


def test_a_case_row_twice_in_the_file_is_refused_wherever_it_falls(tmp_path: Path) -> None:
    """L0000's case row again 20 rows on, in a later range (and chunk) than the first: refused
    as it is in one chunk of one process, not taken for the re-run of an earlier import; and
    so is a JSON line of a case again with other events."""
    rows = [*loan_rows(10), loan_rows(1)[0], *loan_rows(20)[10:]]
    src = write(tmp_path / "f.csv", rows)
    ranged, db = both(tmp_path, src)
    assert ranged["error"] == (
        f"{src}:22: case 'L0000' appears twice in this file (nothing imported; fix the row or"
        " use --skip-bad)"
    )
    assert contents(db)[0] == []
    lines = [
        json.dumps(
            {"case": f"J{i:03d}", "kind": "loan", "facts": {"lender": "local-legal-person-bank"}}
        )
        for i in (*range(30), 3)
    ]
    (tmp_path / "f.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ranged, _ = both(tmp_path, tmp_path / "f.jsonl")
    assert ranged["error"].startswith(f"{tmp_path / 'f.jsonl'}:31: case 'J003' appears twice")


def test_a_fault_of_one_row_is_reported_at_that_row(tmp_path: Path) -> None:
    """A correction of an event L0000 does not have (line 4), and a case row that differs from
    the stored case (L0010's, line 22, in a second file): reported at that row, not at the
    case's last row in the chunk or range (L0000's and L0010's decisions, in later ranges)."""
    decided = "event,L00{},,,,loan.decided,2026-03-20,,,,"
    rows = loan_rows(40)
    rows[2:2] = ["event,L0000,,,,loan.application-received,2026-03-03,,,L0000#9,"]
    src = write(tmp_path / "f.csv", [*rows, decided.format("00")])
    ranged, _ = both(tmp_path, src)
    assert ranged["error"].startswith(f"{src}:4: case L0000: event 'L0000#9' to supersede")
    first = write(tmp_path / "a.csv", loan_rows(40))
    rows = loan_rows(40)
    rows[20] = rows[20].replace("500000", "400000")
    second = write(tmp_path / "b.csv", [*rows, decided.format("10")])
    ranged, _ = both(tmp_path, f"{first},{second}")
    assert ranged["error"].startswith(f"{second}:22: case L0010: ")


def test_the_workers_use_the_rules_the_import_began_with(tmp_path: Path) -> None:
    """A rule folder sets credit.small-loan to 10 working days; the file is edited (30) as the
    workers are forked: every case follows the rules as read when the import began, as in one
    process. Received Mon 2026-03-02, 10 working days strictly after it: 3/3-3/6 (4), 3/9-3/13
    (9), Mon 3/16 (10)."""
    rules = tmp_path / "rules"
    rules.mkdir()
    local = rules / "local.toml"
    local.write_text(
        '[[override]]\nid = "credit.small-loan"\nperiod = "10 working days"\n', encoding="utf-8"
    )
    src = write(tmp_path / "f.csv", loan_rows(40))
    ranged, db = both(tmp_path, src, DEADLINES_RULES=str(rules), CHANGE_RULES=str(local))
    assert ranged["prepared"] >= 5
    assert set(due_dates(db).values()) == {"2026-03-16"}


def test_a_correction_in_a_later_range_is_no_date_move(tmp_path: Path) -> None:
    """L0000 received Mon 2026-03-02 (due Mon 3/30), corrected at the end of the file to Wed
    2026-03-04: due Wed 2026-04-01 (3/5 (1), 3/6 (2), 3/9-3/13 (7), 3/16-3/20 (12), 3/23-3/27
    (17), 3/30-4/1 (20)). The case is new in this import: its first date was never announced,
    so no move is kept, whether the correction falls in the case's range (one process) or not."""
    correction = "event,L0000,,,,loan.application-received,2026-03-04,更正,,L0000#1,"
    ranged, db = both(tmp_path, write(tmp_path / "f.csv", [*loan_rows(40), correction]))
    assert ranged["prepared"] >= 5 and ranged["here"] >= 1
    assert due_dates(db)["L0000"] == "2026-04-01"
    assert contents(db)[4] == []


@pytest.mark.parametrize("at", [1, 25, 39])
def test_a_line_break_in_quotes_across_a_cut(tmp_path: Path, at: int) -> None:
    """A quoted field may hold a line break (a note may not: the row is refused). With the case
    id first, cuts are not moved to case rows: one may fall inside the quotes (the writer then
    reads the rest of the file itself), and the line numbers after it count it: the refusal is
    the same."""
    rows = loan_rows(40)
    rows[2 * at + 1] = rows[2 * at + 1].replace("-02,,,,", '-02,"收到\n申请",,,')
    src = write(tmp_path / "f.csv", rows, case_first=True)
    ranged, _ = both(tmp_path, src, size=200)
    # the row's two lines are the file's 2 * at + 3 and 4 (the header is line 1); a row is
    # numbered by the line it ends on
    assert ranged["error"].startswith(f"{src}:{2 * at + 4}: note")


def test_a_cut_inside_quotes_leaves_the_rest_to_the_writer(tmp_path: Path) -> None:
    """Facts as a quoted JSON object over two lines (allowed: a line break between JSON tokens)
    in every case row: some cut falls between the quotes."""
    rows = loan_rows(40)
    facts = '"{""lender"": ""local-legal-person-bank"",\n""amount_yuan"": 9}"'
    rows = [r.replace("lender=local-legal-person-bank;amount_yuan=500000", facts) for r in rows]
    ranged, db = both(tmp_path, write(tmp_path / "f.csv", rows, case_first=True), size=200)
    assert ranged["cases"] == 40 and ranged["rest"] == 1
    assert set(due_dates(db).values()) == {"2026-03-30"}


def test_a_worker_that_dies_aborts_the_import(tmp_path: Path) -> None:
    src = write(tmp_path / "f.csv", loan_rows(40))
    ranged = run(src, tmp_path / "t.db", "300", DIE_AT="L0030")
    assert ranged["error"] == (
        "a worker process of the import ended unexpectedly (killed, or out of memory); nothing"
        " was written to the store. Try again, or use --jobs 1 to import in this process alone"
    )
    assert contents(tmp_path / "t.db")[0] == []


def test_a_writer_killed_outright_leaves_no_worker_behind(tmp_path: Path) -> None:
    """kill -9 (or the out-of-memory killer) of the importing process, its workers busy or
    waiting for ranges: they end too, instead of waiting for ever."""
    src = write(tmp_path / "f.csv", loan_rows(40))
    proc = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(src), str(tmp_path / "t.db"), "300"],
        env={"PATH": "/usr/bin:/bin", "KILL_WRITER": "1"},
        start_new_session=True,
    )
    try:
        assert proc.wait(timeout=BOUND) == -9
        end = time.monotonic() + 10
        while left := group(proc.pid):
            assert time.monotonic() < end, f"left behind: {left}"
            time.sleep(0.05)
    finally:
        for pid in group(proc.pid):
            os.kill(pid, 9)


def test_how_many_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One per CPU from 8 MiB (none on one CPU), as many as asked (1: none); none where the
    process cannot fork safely."""
    small, big = tmp_path / "small.csv", tmp_path / "big.csv"
    small.write_bytes(b"x" * 1000)
    with big.open("wb") as f:
        f.truncate(8 * 1024 * 1024)
    monkeypatch.setattr(importpool, "can_fork", lambda: True)
    monkeypatch.setattr(parallel, "available_cpus", lambda: 2)
    assert [importpool.workers_for(small), importpool.workers_for(big)] == [0, 2]
    assert [importpool.workers_for(big, 1), importpool.workers_for(small, 3)] == [0, 3]
    monkeypatch.setattr(parallel, "available_cpus", lambda: 1)
    assert importpool.workers_for(big) == 0
    monkeypatch.setattr(importpool, "can_fork", lambda: False)
    assert importpool.workers_for(big, 2) == 0


def test_ranges_end_at_line_ends_and_number_their_first_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cut comes after about 10 bytes, at the end (LF) of the line the 10th byte falls in, or
    with ``case_rows`` at the next case row if one begins within the look-ahead. Lines are
    numbered as the import reads them (LF, CRLF or a lone CR ends one); a CRLF split between two
    blocks of the count (3 bytes here) is one line end."""
    monkeypatch.setattr(importpool, "_BLOCK", 3)
    src = tmp_path / "f.csv"
    src.write_bytes(b"record,case\r\nevent,A\r\nevent,B\rcase,C\nevent,C\ncase,D\n")
    # line 1 is bytes 0-12, 2: 13-21, 3: 22-29 (lone CR), 4: 30-36, 5: 37-44, 6: 45-51
    assert list(importpool.ranges(src, 0, 1, 10)) == [
        importpool.Range(0, 13, 1),
        importpool.Range(13, 37, 2),  # byte 23 is in "event,B\rcase,C\n": no LF before 37
        importpool.Range(37, 52, 5),
    ]
    assert list(importpool.ranges(src, 13, 2, 10, case_rows=True)) == [
        importpool.Range(13, 45, 2),  # moved past "event,C" to "case,D"
        importpool.Range(45, 52, 6),
    ]
    monkeypatch.setattr(importpool, "_LOOK_AHEAD", 5)  # too short to reach "case,D"
    assert list(importpool.ranges(src, 13, 2, 10, case_rows=True)) == [
        importpool.Range(13, 37, 2),
        importpool.Range(37, 52, 5),
    ]
