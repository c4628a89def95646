"""Property tests: any text, number or date through the CLI and the import path is either
accepted and stored exactly, or refused with one line and a non-zero exit, the store unchanged.
Never a traceback, never something stored that the text policy refuses.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deadlines.cli import main
from deadlines.errors import StoreError
from deadlines.store.checks import MAX_ID, MAX_NUMBER, check_text
from deadlines.store.database import china_today

SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# every character, surrogates (bytes that were not UTF-8) and controls included
ANY_CHAR = st.characters(codec=None, exclude_categories=())
TEXT = (
    st.text(ANY_CHAR, max_size=120)
    | st.text(st.characters(categories=("L", "N", "Zs")), min_size=1, max_size=30)
    | st.sampled_from(["", " ", "E1", "a\nb", "\x1b[31m", "\x00"])
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("prop") / "t.db"
    runner = CliRunner()
    assert runner.invoke(main, ["init", "--db", str(path)]).exit_code == 0
    add = ["case", "add", "P1", "--kind", "enforcement", "--db", str(path)]
    assert runner.invoke(main, add).exit_code == 0
    ev = ["event", "add", "P1", "enforcement.filed", "--on", "2024-01-02", "--db", str(path)]
    assert runner.invoke(main, ev).exit_code == 0
    yield path


def state(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("cases", "events", "obligations")
        )


def refused_cleanly(result: Result) -> None:
    assert result.exit_code in (1, 2), (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output


def policy_ok(text: str, limit: int) -> bool:
    try:
        check_text("x", text, limit)
    except StoreError:
        return False
    return True


_n = iter(range(10**9))


@SETTINGS
@given(case_id=TEXT, unit=TEXT)
def test_any_case_id_and_unit(db: Path, case_id: str, unit: str) -> None:
    before = state(db)
    args = ["case", "add", case_id, "--kind", "loan", "--unit", unit, "--db", str(db)]
    result = CliRunner().invoke(main, args)
    if result.exit_code == 0:
        assert policy_ok(case_id, MAX_ID) and "#" not in case_id
        assert unit == "" or policy_ok(unit, 200)
        with sqlite3.connect(db) as conn:
            row = conn.execute("SELECT unit FROM cases WHERE id = ?", (case_id,)).fetchone()
        assert row == (unit or None,)
    else:
        refused_cleanly(result)
        assert state(db) == before


@SETTINGS
@given(note=TEXT)
def test_any_note(db: Path, note: str) -> None:
    before = state(db)
    args = ["event", "add", "P1", "enforcement.query-launched", "--on", "2024-01-03"]
    result = CliRunner().invoke(main, [*args, "--note", note, "--db", str(db)])
    if result.exit_code == 0:
        assert note == "" or policy_ok(note, 2000)
    else:
        refused_cleanly(result)
        assert state(db) == before


NUMBERS = (
    st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.sampled_from([1e400, -1e400, 10**15, 10**15 + 1, 0.0, -0.0])
)


@SETTINGS
@given(value=NUMBERS)
def test_any_number_as_a_fact(db: Path, value: float) -> None:
    before = state(db)
    case_id = f"N{next(_n)}"
    args = ["case", "add", case_id, "--kind", "loan", "--fact", f"amount_yuan={value!r}"]
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    finite = isinstance(value, int) or math.isfinite(value)
    if finite and abs(value) <= MAX_NUMBER:
        assert result.exit_code == 0, result.output
        with sqlite3.connect(db) as conn:
            facts = json.loads(
                conn.execute("SELECT facts FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
            )
        assert facts["amount_yuan"] == value
    else:
        refused_cleanly(result)
        assert state(db) == before


DIGITS = st.sampled_from(
    ["0123456789", "０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"]
)


@SETTINGS
@given(day=st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), digits=DIGITS)
def test_any_date_in_any_digits(db: Path, day: dt.date, digits: str) -> None:
    before = state(db)
    text = day.isoformat().translate(str.maketrans("0123456789", digits))
    args = ["event", "add", "P1", "enforcement.query-launched", "--on", text, "--db", str(db)]
    result = CliRunner().invoke(main, args)
    ascii_like = digits in ("0123456789", "０１２３４５６７８９")
    if ascii_like and dt.date(2024, 1, 2) <= day <= china_today():
        assert result.exit_code == 0, result.output
    else:
        refused_cleanly(result)
        assert state(db) == before


@SETTINGS
@given(
    case_id=TEXT,
    unit=TEXT,
    note=TEXT,
    amount=NUMBERS,
    day=st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
    digits=DIGITS,
)
def test_any_row_through_import(
    db: Path,
    tmp_path_factory: pytest.TempPathFactory,
    case_id: str,
    unit: str,
    note: str,
    amount: float,
    day: dt.date,
    digits: str,
) -> None:
    before = state(db)
    on = day.isoformat().translate(str.maketrans("0123456789", digits))
    row = {
        "record": "case",
        "case": case_id,
        "kind": "loan",
        "unit": unit,
        "facts": {"amount_yuan": amount},
        "events": [{"type": "loan.application-received", "on": on, "note": note}],
    }
    path = tmp_path_factory.mktemp("imp") / "a.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path), "--db", str(db)])
    if result.exit_code == 0:
        assert policy_ok(case_id.strip(), MAX_ID)
        assert digits in ("0123456789", "０１２３４５６７８９")
        assert dt.date(2004, 1, 1) <= day <= china_today()
    else:
        refused_cleanly(result)
        assert state(db) == before
