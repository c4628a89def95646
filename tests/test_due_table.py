"""Due dates against the hand-worked table tests/data/due_dates.csv (never computed by the code)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

import deadlines
from deadlines.cli import main
from tests.conftest import read_table

pytestmark = pytest.mark.usefixtures("english")


ROWS = read_table("due_dates.csv")
AGING = read_table("aging.csv")


def _id(row: dict[str, str]) -> str:
    return f"{row['period']} {row['direction']} {row['date']} {row['calendar']}"


@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_due_date_matches_hand_worked_table(row: dict[str, str]) -> None:
    when = dt.date.fromisoformat(row["date"])
    kwargs = {"start": when} if row["direction"] == "from" else {"before": when}
    d = deadlines.due(row["period"], calendar=row["calendar"], **kwargs)
    assert d.date.isoformat() == row["expected"], row["why"]
    assert d.provisional is (row["provisional"] == "true")


@pytest.mark.parametrize("row", AGING, ids=lambda r: f"{r['period']} {r['date']}")
def test_aging_flag_turns_on_the_day_after_the_threshold(row: dict[str, str]) -> None:
    d = deadlines.due(row["period"], start=dt.date.fromisoformat(row["date"]), mode="aging")
    assert d.raw_date.isoformat() == row["threshold"]
    assert d.date.isoformat() == row["flag_on"], row["why"]
    assert not d.provisional


@pytest.mark.parametrize("row", ROWS[::7], ids=_id)
def test_cli_json_gives_the_same_date(row: dict[str, str]) -> None:
    flag = "--from" if row["direction"] == "from" else "--before"
    result = CliRunner().invoke(
        main, ["due", row["period"], flag, row["date"], "--calendar", row["calendar"], "--json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["due"] == row["expected"]
    assert out["provisional"] is (row["provisional"] == "true")
    assert out["steps"] and all(isinstance(s, str) for s in out["steps"])
