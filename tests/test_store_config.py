"""The store owns its configuration (issue 7, point 8): the calendar folder a store computes with
is recorded in it, every command uses it whatever its environment, and a differing environment or a
folder that does not exist is an error naming both. (Rule folders: test_cli_store_notices.)

Dates: a loan received Mon 2026-03-02, 20 working days on cn-nx; March 2026 has no holiday, so
due Mon 03-30 (03-03..06, 09..13, 16..20, 23..27, 30). With a test calendar folder that makes Mon
03-16 a regional day off, the 20th working day is one later: Tue 03-31.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner, Result

from deadlines.cli import main
from deadlines.store import config

ROOT = Path(__file__).resolve().parent.parent


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(db)], env=env, catch_exceptions=False)


def ok(db: Path, *args: str) -> str:
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


def dump(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return "\n".join(conn.iterdump())


def due(db: Path) -> str:
    return str(json.loads(ok(db, "next", "L1", "--json", "--as-of", "2026-03-03"))[0]["due"])


def test_the_store_keeps_its_calendar_folder(tmp_path: Path) -> None:
    folder = tmp_path / "cal"
    (folder / "cn-nx").mkdir(parents=True)
    shipped = (ROOT / "calendars" / "cn-nx" / "2026.toml").read_text(encoding="utf-8")
    (folder / "cn-nx" / "2026.toml").write_text(
        shipped.replace("rest = [", 'rest = [\n  { date = 2026-03-16, name = "test day off" },'),
        encoding="utf-8",
    )
    db = tmp_path / "t.db"
    assert str(folder) in ok(db, "init", "--calendars", str(folder))
    ok(
        db,
        "case",
        "add",
        "L1",
        "--kind",
        "loan",
        "--fact",
        "lender=local-legal-person-bank",
        "--fact",
        "amount_yuan=5000000",
    )
    ok(db, "event", "add", "L1", "loan.application-received", "--on", "2026-03-02")
    assert due(db) == "2026-03-31"
    # another folder in the environment is an error naming both, and changes nothing
    before = dump(db)
    for env in ({"DEADLINES_CALENDARS": "/typo"}, {"DEADLINES_CALENDARS": ""}):
        result = run(db, "remind", env=env)
        assert result.exit_code == 1
        assert str(folder) in result.output and "DEADLINES_CALENDARS" in result.output
        assert "但 $DEADLINES_CALENDARS 指定" in result.output  # said in the run's language
    assert dump(db) == before
    # the folder is gone: an error, never a silent fall back to the shipped data
    moved = tmp_path / "elsewhere"
    folder.rename(moved)
    result = run(db, "next", "L1")
    assert result.exit_code == 1 and "不存在" in result.output
    moved.rename(folder)
    # adopting the shipped data reports the move back to 03-30
    out = ok(db, "recompute", "--shipped-calendars", "--lang", "en")
    assert "moved L1 credit.small-loan: 2026-03-31 -> 2026-03-30" in out
    assert "the shipped holiday data only" in out
    assert due(db) == "2026-03-30"


def test_a_calendar_folder_that_does_not_exist_is_refused_at_init(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    result = run(db, "init", "--calendars", str(tmp_path / "nope"))
    assert result.exit_code == 1 and "日历文件夹" in result.output and "不存在" in result.output
    assert not db.exists()
    result = run(db, "init", "--calendars", str(tmp_path / "nope"), "--lang", "en")
    assert result.exit_code == 1 and "calendar folder" in result.output
    assert "does not exist" in result.output and not db.exists()


def test_an_existing_store_is_not_reconfigured_by_init(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    ok(db, "init")
    rules = tmp_path / "rules"
    rules.mkdir()
    result = run(db, "init", "--rules", str(rules))
    assert result.exit_code == 1 and "recompute --rules" in result.output


def test_a_store_without_folders_of_its_own_records_the_hash_of_no_files(tmp_path: Path) -> None:
    """The hash of no files is not computed (that would load OpenSSL's hashes at every command):
    it is SHA-256 of no bytes, and a folder with a file in it hashes to something else."""
    assert hashlib.sha256().hexdigest()[:16] == config.NO_FILES
    assert config.make([], None) == config.StoreConfig((), config.NO_FILES, None, config.NO_FILES)
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "x.toml").write_text("", encoding="utf-8")
    assert config.make([str(tmp_path / "r")], None).rules_hash != config.NO_FILES
