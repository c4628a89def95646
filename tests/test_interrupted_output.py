"""A Ctrl-C while a command prints (a recompute's thousands of moves into a slow terminal) says
whether the command's write stands: "Aborted." alone after a committed recompute would let the
clerk believe nothing changed. A sending run emits before it records (decisions.md, "Notices":
at least once), so one interrupted while emitting has recorded nothing, and says only
"Aborted.".

The loans (hand-worked in tests/test_notice_contract.py): received Mon 2026-03-02, due 20
working days later, Mon 03-30; its due-soon is sent from Wed 03-25."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from deadlines.cli import main
from deadlines.cli.formats import Output
from deadlines.store.database import Store


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(db)])


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "loans.db"
    facts = ("--fact", "lender=local-legal-person-bank", "--fact", "amount_yuan=5000000")
    for args in (
        ("init",),
        ("case", "add", "D0", "--kind", "loan", "--unit", "石嘴山银行", *facts),
        ("event", "add", "D0", "loan.application-received", "--on", "2026-03-02"),
    ):
        assert run(path, *args).exit_code == 0
    return path


@pytest.fixture()
def interrupted(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the store is set up: printing is interrupted (the user's Ctrl-C), and this process
    has committed nothing yet."""

    def emit(self: Output, *args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Output, "emit", emit)
    monkeypatch.setattr(Store, "commits", 0)


def stored(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.usefixtures("interrupted")
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "已中止：此前的更改已保存到存储，只是输出没有显示完整。"),
        (
            "en",
            "Aborted: the changes made before were saved to the store; only the output is cut short.",
        ),
    ],
)
def test_a_recompute_interrupted_while_printing_says_it_was_saved(
    db: Path, lang: str, said: str
) -> None:
    stored(db, "DELETE FROM obligation_rows")  # recompute will write D0's duty again
    result = run(db, "recompute", "--lang", lang)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == said
    assert stored(db, "SELECT case_id, due FROM obligations") == [("D0", "2026-03-30")]


@pytest.mark.usefixtures("interrupted")
def test_a_preview_interrupted_while_printing_says_only_aborted(db: Path) -> None:
    result = run(db, "recompute", "--as-of", "2026-03-25")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == "已中止。"


@pytest.mark.usefixtures("interrupted")
def test_a_sending_run_interrupted_while_emitting_recorded_nothing(db: Path) -> None:
    result = run(db, "remind", "--new", "--as-of", "2026-03-25")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == "已中止。"
    assert stored(db, "SELECT COUNT(*) FROM notices") == [(0,)]
