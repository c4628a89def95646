"""A sweep: every argument slot of every command, filled with hostile values. Each run is
accepted (exit 0) or refused in exactly one line with exit 1 or 2; never an internal error
(exit 70), never a traceback, never unbounded memory (/dev/zero as a file)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import main
from deadlines.store import import_file, init_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "sample.jsonl"
HOSTILE = ["", "\x00", "\udcff", "\x1b[31m", "a\nb", "x" * 20_000, "1e400", "٣",
           "9999-12-31", "/dev/zero", "E1#1", "ZQ-2026-01"]  # fmt: skip
SLOTS = [
    ["case", "add", "{}", "--kind", "loan"],
    ["case", "add", "N", "--kind", "{}"],
    ["case", "add", "N", "--kind", "loan", "--unit", "{}"],
    ["case", "add", "N", "--kind", "loan", "--fact", "amount_yuan={}"],
    ["case", "add", "N", "--kind", "loan", "--fact", "{}=1"],
    ["case", "fact", "ZQ-2026-01", "title={}"],
    ["case", "show", "{}"],
    ["event", "add", "{}", "consultation.closed", "--on", "2026-11-20"],
    ["event", "add", "ZQ-2026-01", "{}", "--on", "2026-11-20"],
    ["event", "add", "ZQ-2026-01", "consultation.closed", "--on", "{}"],
    ["event", "add", "ZQ-2026-01", "consultation.closed", "--on", "2026-11-20", "--note", "{}"],
    ["event", "add", "ZQ-2026-01", "consultation.closed", "--on", "2026-11-20", "--data", "{}"],
    ["next", "{}"],
    ["next", "ZQ-2026-01", "--as-of", "{}"],
    ["remind", "--as-of", "{}"],
    ["remind", "--unit", "{}"],
    ["overdue", "--as-of", "{}"],
    ["recompute", "--as-of", "{}"],
    ["import", "{}"],
    ["due", "{}", "--from", "2026-03-02"],
    ["due", "3d", "--from", "{}"],
    ["due", "贷款", "--from", "2026-03-02", "--fact", "amount_yuan={}"],
    ["calendar", "month", "{}"],
    ["calendar", "day", "{}"],
    ["calendar", "import-notice", "{}"],
    ["rules", "show", "{}"],
    ["rules", "check", "{}"],
    ["export", "ics", "--case", "{}"],
    ["send", "--dry-run", "--units", "{}"],
    ["user", "add", "{}", "--role", "admin"],
    ["backup", "{}"],
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sweep") / "s.db"
    store, _, _ = init_store(path)
    with store:
        import_file(store, SEEDS)
    return path


def test_every_slot_with_every_hostile_value(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEADLINES_UNITS", str(db.parent / "none.toml"))
    monkeypatch.chdir(db.parent)
    runner = CliRunner()
    failures = []
    for slot, value in itertools.product(SLOTS, HOSTILE):
        args = [a.replace("{}", value) for a in slot]
        if args[0] not in ("due", "calendar", "rules"):
            args += ["--db", str(db)]
        result = runner.invoke(main, args, input="password-123\npassword-123\n")
        lines = result.stderr.splitlines()
        clean = result.exit_code in (1, 2) and len(lines) == 1
        if not (result.exit_code == 0 or clean) or "Traceback" in result.output:
            failures.append((args[:5], result.exit_code, result.stderr[-200:]))
    assert failures == []
