"""Rows that share their facts or data text share one mapping, checked once (deadlines.store
.importer._check_row); a new case's events take a shorter merge. Neither may change an answer:
every row is still refused at its own line for what is wrong with it, and a new case's events are
stored as when they are added to a case already in the store."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from deadlines.errors import StoreError
from deadlines.store.database import open_store
from deadlines.store.importer import import_file

HEADER = "record,case,kind,unit,facts,type,on,note,data,supersedes,id\n"
AS_OF = dt.date(2026, 6, 15)
CASE = "case,K1,enforcement,大武口区人民法院,property_complexity=simple,,,,,,"
SEIZED = "event,K1,,,,enforcement.property-seized,2026-03-09,,asset=A-1,,"


def csv_file(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def refusal(tmp_path: Path, *rows: str) -> str:
    src = csv_file(tmp_path / "in.csv", *rows)
    with open_store(tmp_path / "t.db", create=True) as store:
        with pytest.raises(StoreError) as exc:
            import_file(store, src, as_of=AS_OF)
        assert store.counts()["cases"] == 0
    return str(exc.value)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        # the data passed for property-seized, not for an event that takes none
        (
            "event,K1,,,,enforcement.filed,2026-03-02,,asset=A-1,,",
            "event enforcement.filed takes no data 'asset'",
        ),
        # the data passed, the date did not
        (
            "event,K1,,,,enforcement.property-seized,2026-06-16,,asset=A-1,,",
            "enforcement.property-seized dated 2026-06-16 is in the future",
        ),
        (
            "event,K1,,,,enforcement.property-seized,2003-12-31,,asset=A-1,,",
            "dated 2003-12-31 is before 2004-01-01",
        ),
        # the data passed, the note did not
        ('event,K1,,,,enforcement.property-seized,2026-03-10,"a\tb",asset=A-1,,', "contains a tab"),
        (
            "event,K1,,,,enforcement.property-seized,2026-03-10," + "长" * 2001 + ",asset=A-1,,",
            "is too long; accepted: at most 2000 characters",
        ),
        # the data passed, the ids did not
        (
            "event,K1,,,,enforcement.property-seized,2026-03-10,,asset=A-1," + "s" * 113 + ",",
            "event id to supersede 'ssss",
        ),
        (
            "event,K1,,,,enforcement.property-seized,2026-03-10,,asset=A-1,,bad\x1bid",
            "event id 'bad\\x1bid' contains an escape code",
        ),
    ],
)
def test_a_row_sharing_data_that_passed_is_still_refused_at_its_line(
    tmp_path: Path, row: str, message: str
) -> None:
    said = refusal(tmp_path, CASE, SEIZED, row)
    assert said.startswith(f"{tmp_path / 'in.csv'}:4: ") and message in said, said


@pytest.mark.parametrize(
    ("row", "message"),
    [
        # amount_yuan is descriptive for an enforcement case, compared as a number for a loan
        ("case,L1,loan,,amount_yuan=lots,,,,,,", "fact amount_yuan='lots' is text"),
        ("case,K2,enforcement," + "单" * 201 + ",amount_yuan=lots,,,,,,", "unit '单单"),
        ("case,K#2,enforcement,大武口区人民法院,amount_yuan=lots,,,,,,", "contains '#'"),
    ],
)
def test_a_case_sharing_facts_that_passed_is_still_refused_at_its_line(
    tmp_path: Path, row: str, message: str
) -> None:
    first = "case,K1,enforcement,大武口区人民法院,amount_yuan=lots,,,,,,"
    said = refusal(tmp_path, first, row)
    assert said.startswith(f"{tmp_path / 'in.csv'}:3: ") and message in said, said


def stored(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        events = conn.execute(
            "SELECT id, case_id, type, on_date, note, data, supersedes FROM events ORDER BY seq"
        ).fetchall()
        obligations = conn.execute(
            "SELECT case_id, rule_id, instance, rule_version, unit, kind, trigger, trigger_date,"
            " due, provisional, basis, calendar, calendar_version, status, completed_on, missing"
            " FROM obligations ORDER BY case_id, rule_id, instance"
        ).fetchall()
    return events, obligations


EVENTS = [
    "event,K1,,,,enforcement.filed,２０２６-０３-０２,立案,,,",
    "event,K1,,,,enforcement.query-launched, 2026-03-03 ,,,,",
    SEIZED,
    SEIZED,  # the same row again: one event, reported as already there
    'event,K1,,,,enforcement.property-seized,2026-03-10,,"{""asset"": ""A-2""}",,',
    "event,K1,,,,enforcement.query-launched,2026-03-03,,,,",  # again
]


def test_a_new_cases_events_are_stored_as_when_added_to_a_stored_case(tmp_path: Path) -> None:
    new = csv_file(tmp_path / "new.csv", CASE, *EVENTS)
    with open_store(tmp_path / "new.db", create=True) as store:
        report = import_file(store, new, as_of=AS_OF)
    assert (report.cases, report.events, report.unchanged) == (1, 4, 2)
    case_only = csv_file(tmp_path / "case.csv", CASE)
    events_only = csv_file(tmp_path / "events.csv", *EVENTS)
    with open_store(tmp_path / "old.db", create=True) as store:
        import_file(store, case_only, as_of=AS_OF)
        report = import_file(store, events_only, as_of=AS_OF)
    assert (report.cases, report.events, report.unchanged) == (0, 4, 2)
    events, obligations = stored(tmp_path / "new.db")
    assert stored(tmp_path / "old.db") == (events, obligations)
    # numbered in file order, duplicates left out; dates in ISO form, whatever digits were given
    assert [e[:4] for e in events] == [
        ("K1#1", "K1", "enforcement.filed", "2026-03-02"),
        ("K1#2", "K1", "enforcement.query-launched", "2026-03-03"),
        ("K1#3", "K1", "enforcement.property-seized", "2026-03-09"),
        ("K1#4", "K1", "enforcement.property-seized", "2026-03-10"),
    ]
    assert [e[4:] for e in events] == [
        ("立案", "{}", None),
        ("", "{}", None),
        ("", '{"asset": "A-1"}', None),
        ("", '{"asset": "A-2"}', None),
    ]
    assert obligations  # the comparison above compares something


def test_a_new_case_with_a_correction_or_a_named_event_numbers_the_others_as_before(
    tmp_path: Path,
) -> None:
    rows = [
        CASE,
        "event,K1,,,,enforcement.filed,2026-03-02,,,,",
        "event,K1,,,,enforcement.query-launched,2026-03-03,,,,Q",
        "event,K1,,,,enforcement.filed,2026-03-03,,,K1#1,",
        SEIZED,
    ]
    src = csv_file(tmp_path / "in.csv", *rows)
    with open_store(tmp_path / "t.db", create=True) as store:
        import_file(store, src, as_of=AS_OF)
    events, _ = stored(tmp_path / "t.db")
    assert [(e[0], e[3], e[6]) for e in events] == [
        ("K1#1", "2026-03-02", None),
        ("Q", "2026-03-03", None),
        ("K1#3", "2026-03-03", "K1#1"),
        ("K1#4", "2026-03-09", None),
    ]


def test_rows_equal_but_for_how_their_data_is_written_are_one_event(tmp_path: Path) -> None:
    rows = [
        CASE,
        "event,K1,,,,enforcement.filed,2026-03-02,,,,",
        SEIZED,
        'event,K1,,,,enforcement.property-seized,2026-03-09,,"{""asset"": ""A-1""}",,',
        "event,K1,,,,enforcement.property-seized,2026-03-09,, asset = A-1 ,,",
        "event,K1,,,,enforcement.appraisal-extended,2026-03-20,,asset=A-1;period=10 days,,",
        "event,K1,,,,enforcement.appraisal-extended,2026-03-20,,period=10 days;asset=A-1,,",
        # the same data and another note, or another date: other events
        "event,K1,,,,enforcement.appraisal-extended,2026-03-20,再次,period=10 days;asset=A-1,,",
        "event,K1,,,,enforcement.property-seized,2026-03-10,,asset=A-1,,",
    ]
    src = csv_file(tmp_path / "in.csv", *rows)
    with open_store(tmp_path / "t.db", create=True) as store:
        report = import_file(store, src, as_of=AS_OF)
    assert (report.events, report.unchanged) == (5, 3)
    events, _ = stored(tmp_path / "t.db")
    assert [(e[0], e[3], e[4]) for e in events] == [
        ("K1#1", "2026-03-02", ""),
        ("K1#2", "2026-03-09", ""),
        ("K1#3", "2026-03-20", ""),
        ("K1#4", "2026-03-20", "再次"),
        ("K1#5", "2026-03-10", ""),
    ]


def test_json_rows_sharing_a_text_are_each_checked_at_their_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"case": "K1", "kind": "enforcement", "facts": "amount_yuan=lots"}\n'
        '{"case": "K1", "type": "enforcement.property-seized", "on": "2026-03-09",'
        ' "data": "asset=A-1"}\n'
        '{"case": "K1", "type": "enforcement.property-seized", "on": "2026-03-10",'
        ' "data": {"asset": "A-1"}}\n'
        '{"case": "K1", "type": "enforcement.filed", "on": "2026-03-02", "data": "asset=A-1"}\n'
        '{"case": "L1", "kind": "loan", "facts": "amount_yuan=lots"}\n',
        encoding="utf-8",
    )
    with open_store(tmp_path / "t.db", create=True) as store:
        report = import_file(store, src, as_of=AS_OF, skip_bad=True)
    assert [p.message for p in report.skipped] == [
        "event enforcement.filed takes no data 'asset'; accepted: none",
        "fact amount_yuan='lots' is text, but the rules of a loan case compare it as a number;"
        " e.g. amount_yuan=8000000",
    ]
    assert [p.where for p in report.skipped] == [f"{src}:4", f"{src}:5"]
    assert (report.cases, report.events) == (1, 2)
