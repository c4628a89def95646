"""Start fast: a command imports what it uses and nothing else (issue 11).

Each command runs in a fresh process, as a user runs it, after a first run has filled the user's
cache (the steady state); the modules it loaded are read from ``sys.modules`` at its end. The
figures themselves are in bench/bench_startup.py; these tests keep the imports from creeping back.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import chinese_calendar
import pytest

from deadlines.cache import installed_version
from deadlines.store import import_file, init_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "sample.jsonl"
PROBE = """
import sys
from deadlines.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("\\nMODULES", *sorted(sys.modules))
"""
# Built only when a calendar or a rule set is not in the user's cache, or a rule is evaluated.
BUILDING = {"chinese_calendar", "lunar_python", "tomllib", "deadlines.calendars.library"}
RULE_ENGINE = {"deadlines.rules.engine", "deadlines.rules.matching", "deadlines.rules.answers"}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    db = tmp_path / "sample.db"
    store, _, _ = init_store(db)
    with store:
        import_file(store, SEEDS, as_of=dt.date(2026, 11, 30))
    return {**os.environ, "DEADLINES_DB": str(db), "DEADLINES_CACHE_DIR": str(tmp_path / "cache")}


def run(env: dict[str, str], *args: str) -> tuple[str, set[str]]:
    """The command's output and the modules it imported, on its second run (cache filled)."""
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env
        )
    out, _, modules = done.stdout.rpartition("\nMODULES ")
    assert done.returncode == 0 and modules, done.stderr
    return out, set(modules.split())


def test_due_with_a_period_imports_neither_the_rules_nor_the_store(env: dict[str, str]) -> None:
    out, modules = run(env, "due", "20wd", "--from", "2026-02-10", "--calendar", "cn")
    # 20 working days after Tue 2026-02-10, national calendar (国办发明电〔2025〕7号): 02-11..13
    # (1-3), Sat 02-14 a make-up working day (4), the Spring Festival rest 02-15..23, 02-24..27
    # (5-8), Sat 02-28 a make-up working day (9), 03-02..06 (10-14), 03-09..13 (15-19), 03-16
    assert out.startswith("2026-03-16")
    assert not modules & (BUILDING | RULE_ENGINE | {"deadlines.rules.model", "sqlite3"})


def test_remind_builds_no_rule_class(env: dict[str, str]) -> None:
    out, modules = run(env, "remind", "--as-of", "2026-11-30", "--lang", "en")
    assert "overdue" in out.lower()
    # nor the period classes: the day's list computes no period
    assert not modules & (
        BUILDING
        | RULE_ENGINE
        | {"deadlines.rules.model", "deadlines.rules.files", "deadlines.calendars.periods"}
    )


def test_next_explains_from_the_cached_rules_without_the_engine(env: dict[str, str]) -> None:
    out, modules = run(env, "next", "(2019)宁0202破14号", "--as-of", "2026-11-30")
    assert "bankruptcy.simple-case-limit" in out
    # nor the notices: next builds none (their dataclasses cost ~4M instructions each to create)
    assert not modules & (BUILDING | RULE_ENGINE | {"deadlines.notices.contract", "hashlib"})


def test_the_installed_versions_are_those_the_libraries_say() -> None:
    """The cache keys and data versions name the libraries' versions read from their .dist-info
    folders: the same as the library's own ``__version__`` and importlib.metadata."""
    assert installed_version("chinese_calendar", "chinese-calendar") == chinese_calendar.__version__
    assert installed_version("lunar_python", "lunar-python") == version("lunar-python")


@pytest.mark.parametrize("collecting", [True, False])
def test_the_collector_is_as_it_was_after_a_command_loads(collecting: bool) -> None:
    """The command line pauses the cyclic garbage collector while its modules load, then resumes
    it: a long command (an import of a million cases, the web server) runs with it on, and a
    program that had turned it off finds it off."""
    probe = f"""
import gc
if not {collecting}:
    gc.disable()
import deadlines.cli as cli
after_import = gc.isenabled()
cli._load("daily_cmd")
print(after_import, gc.isenabled(), gc.get_freeze_count() > 0)
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.split() == [str(collecting), str(collecting), "True"], done.stderr
