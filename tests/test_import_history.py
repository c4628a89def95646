"""Imports never undo history (issue 7): a row already in the store, or superseded there, changes
nothing, and duplicate rows inside one file are one event. End to end through the CLI.

Dates (2026, cn-nx): Tue 10-06 is inside 国庆 10-01..07 (off); Thu 10-08 a working day.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deadlines.cli import main
from deadlines.errors import StoreError
from deadlines.store.database import open_store
from deadlines.store.importer import import_file


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)


def ok(db: Path, *args: str) -> str:
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


def dump(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return "\n".join(conn.iterdump())


CASE = {"record": "case", "case": "K1", "kind": "enforcement", "unit": "大武口区人民法院"}
FILED = {"record": "event", "case": "K1", "type": "enforcement.filed", "on": "2026-10-08"}


def write(path: Path, *rows: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


@pytest.mark.usefixtures("english")
def test_a_re_import_after_a_correction_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    ok(db, "init")
    src = write(tmp_path / "cases.jsonl", CASE, FILED)
    ok(db, "import", str(src))
    # filed in fact on 10-06 (a holiday, but a court files when it files): K1#2 corrects K1#1
    ok(db, "event", "add", "K1", "enforcement.filed", "--on", "2026-10-06", "--supersedes", "K1#1")
    before = dump(db)
    out = ok(db, "import", str(src))
    assert "imported 0 cases, 0 events" in out and "2 rows already in the store" in out
    assert dump(db) == before
    shown = ok(db, "case", "show", "K1", "--lang", "en")
    assert "2026-10-06" in shown


@pytest.mark.usefixtures("english")
def test_duplicate_rows_in_one_file_are_one_event(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    ok(db, "init")
    src = write(tmp_path / "dup.jsonl", CASE, FILED, FILED)
    out = ok(db, "import", str(src))
    assert "imported 1 cases, 1 events" in out and "1 row already in the store" in out
    events = [line for line in ok(db, "case", "show", "K1").splitlines() if "K1#" in line]
    assert len(events) == 1


def test_a_case_across_a_chunk_boundary_is_counted_once(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    ok(db, "init")
    # one loan, its two events in two chunks of two rows: credit.small-loan is one obligation
    src = tmp_path / "loan.csv"
    src.write_text(
        "record,case,kind,unit,facts,type,on\n"
        "case,L1,loan,,lender=local-legal-person-bank;amount_yuan=5000000,,\n"
        "event,L1,,,,loan.application-received,2026-03-02\n"
        "event,L1,,,,loan.decided,2026-03-20\n",
        encoding="utf-8",
    )
    with open_store(db) as store:
        report = import_file(store, src, chunk_rows=2, as_of=dt.date(2026, 3, 25))
        stored = store.counts()["obligations"]
    assert report.obligations == stored == 1


def test_a_case_row_twice_in_one_file_is_refused_across_chunks(tmp_path: Path) -> None:
    """The second row of L1 falls in another chunk than the first: refused as in one chunk
    (not taken for a re-run of an earlier import, which a second file would be)."""
    db = tmp_path / "t.db"
    ok(db, "init")
    case = "case,L1,loan,,lender=local-legal-person-bank;amount_yuan=5000000,,\n"
    src = tmp_path / "loan.csv"
    src.write_text(
        f"record,case,kind,unit,facts,type,on\n{case}"
        "event,L1,,,,loan.application-received,2026-03-02\n"
        f"{case}",
        encoding="utf-8",
    )
    result = run(db, "import", str(src), "--lang", "en")
    assert result.exit_code == 1
    assert f"{src}:4: case 'L1' appears twice in this file" in result.output
    with open_store(db) as store:
        assert store.counts()["cases"] == 0
        with pytest.raises(StoreError, match="appears twice"):
            import_file(store, src, chunk_rows=2, as_of=dt.date(2026, 3, 25))
        assert store.counts()["cases"] == 0
        report = import_file(store, src, chunk_rows=2, skip_bad=True, as_of=dt.date(2026, 3, 25))
        assert (report.cases, report.events, len(report.skipped)) == (1, 1, 1)


def test_an_opening_event_twice_advises_the_recorded_one(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    ok(db, "init")
    ok(db, "case", "add", "L1", "--kind", "loan")
    ok(db, "event", "add", "L1", "loan.application-received", "--on", "2026-03-02")
    # the new one is dated earlier, so it sorts first: the advice must still name L1#1
    result = run(db, "event", "add", "L1", "loan.application-received", "--on", "2026-03-01")
    assert result.exit_code == 1
    assert "--supersedes L1#1" in result.output and "L1#2" not in result.output


def test_an_unknown_unit_is_an_error_with_did_you_mean(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    ok(db, "init")
    ok(db, "case", "add", "L1", "--kind", "loan", "--unit", "石嘴山银行")
    ok(db, "event", "add", "L1", "loan.application-received", "--on", "2026-03-02")
    result = run(db, "remind", "--unit", "石嘴山银", "--lang", "en")
    assert result.exit_code == 1
    assert "did you mean '石嘴山银行'" in result.output and "Traceback" not in result.output
    result = run(db, "remind", "--unit", "石嘴山银")
    assert result.exit_code == 1 and len(result.output.splitlines()) == 1
    assert "存储中没有责任单位 '石嘴山银' 的义务(是否想输入 '石嘴山银行'？)" in result.output
    assert ok(db, "remind", "--unit", "石嘴山银行", "--as-of", "2026-03-02")
