"""Defects a new user (a Chinese-speaking clerk) found on main, each pinned by its expected answer.

Dates are hand-worked: 2026-11-30 is a Monday; no holiday from late November to mid December.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deadlines.cli import main


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)


def ok(db: Path, *args: str) -> str:
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.db"
    ok(path, "init")
    return path


# --- 1. a case without a unit is never filed under the rule file's placeholder -------------------
def test_unitless_case_is_listed_as_no_unit_given_not_under_the_placeholder(db: Path) -> None:
    ok(db, "case", "add", "E-4", "--kind", "enforcement")
    ok(db, "event", "add", "E-4", "enforcement.filed", "--on", "2026-11-30")
    # network query within 1 working day of filing on Mon 11-30: Tue 12-01
    out = ok(db, "remind", "--as-of", "2026-11-30")
    assert "【未指定责任单位】 1 条" in out
    assert "2026-12-01" in out and "E-4" in out
    assert "略" not in out
    english = ok(db, "remind", "--as-of", "2026-11-30", "--lang", "en")
    assert "【no unit given】 1" in english


def test_unitless_notices_are_reported_undeliverable_with_the_fix(db: Path) -> None:
    ok(db, "case", "add", "E-4", "--kind", "enforcement")
    ok(db, "event", "add", "E-4", "enforcement.filed", "--on", "2026-11-30")
    (db.parent / "units.toml").write_text('[units."X"]\nsend_to = []\n', encoding="utf-8")
    result = run(db, "send", "--as-of", "2026-11-30", "--dry-run", "--lang", "en")
    assert result.exit_code == 1
    assert "1 notice cannot be sent: its case has no unit" in result.output
    assert "case add --unit" in result.output
    assert "unit '市(略)" not in result.output


def test_a_case_with_its_unit_keeps_it(db: Path) -> None:
    ok(db, "case", "add", "E-5", "--kind", "enforcement", "--unit", "大武口区人民法院")
    ok(db, "event", "add", "E-5", "enforcement.filed", "--on", "2026-11-30")
    assert "【大武口区人民法院】 1 条" in ok(db, "remind", "--as-of", "2026-11-30")


def test_rules_show_says_the_placeholder_unit_is_not_a_unit_in_english() -> None:
    result = CliRunner().invoke(main, ["rules", "show", "L62c", "--lang", "en"])
    assert result.exit_code == 0
    unit_line = next(line for line in result.output.splitlines() if "unit:" in line)
    assert "a placeholder in the plan, not a real unit" in unit_line
