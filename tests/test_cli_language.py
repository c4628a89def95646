"""Each command's text output in both languages, as reviewed snapshots (tests/snapshots/), and a
Chinese run that shows no English word but ids and codes.

The snapshots were read by hand when written: every date in them was worked out from the law and
the published calendar (the comments of SNAPSHOTS give the arithmetic). A change to any text a
user reads shows up here as a diff; if it is meant, review the new output and rewrite the files
with ``DEADLINES_UPDATE_SNAPSHOTS=1 pytest tests/test_cli_language.py``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import main
from deadlines.rules import load_rules

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots"
SAMPLE = HERE.parent / "seeds" / "sample.csv"
AS_OF = "2026-11-30"  # a Monday

# name, arguments; store commands run on seeds/sample.csv (three cases)
COMMANDS: list[tuple[str, list[str]]] = [
    # 3 working days after Tue 05-26 on cn-nx: 05-27/28 古尔邦节 (Ningxia), 05-29 (1), 06-01 (2),
    # 06-02 (3)
    ("due-period", ["due", "3wd", "--from", "2026-05-26"]),
    # 2 working days: 09-29 (1), 09-30 (2); 10: 09-29, 09-30, 10-08, 10-09, 10-10 (make-up Sat),
    # 10-12 .. 10-16 (10); 国庆 10-01..07 not counted
    ("due-words", ["due", "留抵退税", "--from", "2026-09-28"]),
    # month ends: Mon 11-30; Thu 12-31; Sun 2027-01-31 -> Mon 02-01 (2027 provisional)
    ("due-recurring", ["due", "欠薪", "--from", AS_OF, "--periods", "3"]),
    ("calendar-month", ["calendar", "month", "2026-10"]),
    ("calendar-day", ["calendar", "day", "2026-05-27"]),
    ("calendar-years", ["calendar", "years", "--calendar", "cn-nx"]),
    ("rules-list", ["rules", "list"]),
    # 15 days after Wed 09-30: 10-15 (Thu), a working day
    ("rules-show", ["rules", "show", "L62c"]),
    ("kinds", ["kinds"]),
    ("events", ["events", "loan"]),
    # DK: 20 wd after Mon 11-16 -> Mon 12-14; TS: 2 wd after Tue 11-24 -> Thu 11-26 (overdue on
    # 11-30), 10 wd -> Tue 12-08; ZX: 1 wd after Mon 11-02 -> 11-03 (27 days overdue), 30 days
    # after Mon 11-09 -> Wed 12-09
    ("case-list", ["case", "list", "--as-of", AS_OF]),
    ("next", ["next", "ZX-2026-101", "--as-of", AS_OF]),
    ("remind", ["remind", "--as-of", AS_OF]),
    ("overdue", ["overdue", "--as-of", AS_OF]),
]
_STORE = {"case", "next", "remind", "overdue"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("lang") / "t.db"
    runner = CliRunner()
    for args in (["init"], ["import", str(SAMPLE)]):
        result = runner.invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
    return db


def output(store: Path, args: list[str], lang: str) -> str:
    extra = ["--db", str(store)] if args[0] in _STORE else []
    result = CliRunner().invoke(main, [*args, *extra, "--lang", lang], env={"DEADLINES_RULES": ""})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("name", "args"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_text_output_matches_its_reviewed_snapshot(
    store: Path, name: str, args: list[str], lang: str
) -> None:
    got = output(store, args, lang)
    path = SNAPSHOTS / f"{name}.{lang}.txt"
    if os.environ.get("DEADLINES_UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


# --- a Chinese run shows no English --------------------------------------------------------------
def known_ids() -> set[str]:
    """Ids and codes a Chinese text may show as they are: rule ids and REF codes, case kinds, event
    types, the facts rules read, calendar names, and the command's own name."""
    rules = load_rules(use_env=False)
    ids = {r.id for r in rules.rules} | {r.ref for r in rules.rules}
    ids |= set(rules.case_kinds) | set(rules.events)
    ids |= {f for r in rules.rules for f in r.facts}
    ids |= {r.trigger for r in rules.rules if r.trigger}
    return ids | {"cn", "cn-nx", "deadlines", "true", "false", "--lang", "en", "--db"}


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
_CODE = re.compile(r"[\w.\-@:+#/]*[0-9_.@:#/-][\w.\-@:+#/]*")  # has a digit or punctuation: a code


def english_words(text: str, ids: set[str]) -> Iterator[str]:
    """Words of Latin letters that are not part of an id, a code or a quoted value."""
    text = re.sub(r""""[^"\n]*"|'[^'\n]*'""", " ", text)  # a quoted value is the case's own
    for chunk in re.split(r"[\s，。；：、（）()【】〔〕\[\]“”\"'=,;]+", text):
        if not chunk or chunk in ids or _CODE.fullmatch(chunk):
            continue
        yield from _WORD.findall(chunk)


@pytest.mark.parametrize(("name", "args"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_a_chinese_run_shows_no_english_but_ids_and_codes(
    store: Path, name: str, args: list[str]
) -> None:
    words = list(english_words(output(store, args, "zh"), known_ids()))
    assert words == [], sorted(set(words))


def test_the_detector_finds_english() -> None:
    ids = {"credit.small-loan"}
    assert list(english_words("规则 credit.small-loan 到期 2026-03-19", ids)) == []
    assert list(english_words("2026-03-19 working day 到期", ids)) == ["working", "day"]


@pytest.mark.parametrize(("lang", "label"), [("zh", "导入中"), ("en", "importing")])
def test_the_progress_bar_on_a_terminal_speaks_the_runs_language(
    tmp_path: Path, lang: str, label: str
) -> None:
    """import and recompute draw a progress bar when stderr is a terminal (a pty here)."""
    import pty
    import select
    import subprocess
    import sys

    entry = str(Path(sys.executable).parent / "deadlines")
    db = str(tmp_path / "t.db")
    assert CliRunner().invoke(main, ["init", "--db", db]).exit_code == 0
    master, terminal = pty.openpty()
    args = [entry, "import", str(SAMPLE), "--db", db, "--lang", lang]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    seen = b""
    try:
        for _ in range(300):  # 30 s at most
            if select.select([master], [], [], 0.1)[0]:
                try:
                    seen += os.read(master, 4096)
                except OSError:  # the other end closed
                    break
            elif proc.poll() is not None:
                break
        assert proc.wait(timeout=30) == 0, seen
    finally:
        proc.kill()
        os.close(master)
    assert label in seen.decode("utf-8", "replace")
