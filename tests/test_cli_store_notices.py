"""The daily run and the store's refusals, end to end through the CLI.

Dates are hand-worked (2026: 清明 04-04..06 off; no other holiday in March-April).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deadlines.cli import main

ROOT = Path(__file__).resolve().parent.parent


def invoke(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)


def ok(db: Path, *args: str) -> str:
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


def snapshot(db: Path) -> str:
    """A digest of every row of every table: 'the store is unchanged' means this is equal."""
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        h = hashlib.sha256()
        for t in tables:
            for row in conn.execute(f"SELECT * FROM {t} ORDER BY 1"):
                h.update(repr(row).encode())
    return h.hexdigest()


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.db"
    ok(path, "init")
    # Five loans received Mon 2026-03-02 .. Fri 03-06, 20 working days each (no holiday before
    # 04-04): due Mon 03-30, Tue 03-31, Wed 04-01, Thu 04-02, Fri 04-03.
    for i, day in enumerate(("02", "03", "04", "05", "06")):
        unit = "石嘴山银行" if i % 2 == 0 else "宁夏银行石嘴山分行"
        ok(
            path,
            "case",
            "add",
            f"D{i}",
            "--kind",
            "loan",
            "--unit",
            unit,
            "--fact",
            "lender=local-legal-person-bank",
            "--fact",
            "amount_yuan=5000000",
        )
        ok(path, "event", "add", f"D{i}", "loan.application-received", "--on", f"2026-03-{day}")
    return path


def notices(db: Path, as_of: str, *extra: str) -> list[dict[str, object]]:
    out = ok(db, "remind", "--as-of", as_of, "--format", "json", *extra)
    return json.loads(out)  # type: ignore[no-any-return]


def test_remind_lists_by_unit_in_chinese_and_english(db: Path) -> None:
    # on Fri 03-27 the next three working days are 03-30, 03-31, 04-01
    text = ok(db, "remind", "--as-of", "2026-03-27")
    assert "【石嘴山银行】 2 条" in text and "【宁夏银行石嘴山分行】 1 条" in text
    assert "[即将到期] 2026-03-30(星期一) 案件 D0" in text and "剩余 1 个工作日" in text
    en = ok(db, "remind", "--as-of", "2026-03-27", "--lang", "en")
    assert "[due soon] 2026-03-30(Mon) case D0" in en
    rows = ok(db, "remind", "--as-of", "2026-03-27", "--format", "csv").splitlines()
    assert rows[0].startswith("id,kind,case,rule") and len(rows) == 4
    first = notices(db, "2026-03-27")[0]
    assert {"id", "case", "rule", "clause", "kind", "due", "unit"} <= set(first)


def test_reminders_are_idempotent_and_new_only_once(db: Path) -> None:
    first = notices(db, "2026-03-27", "--new")
    assert len(first) == 3
    assert notices(db, "2026-03-27", "--new") == []
    again = notices(db, "2026-03-27")
    assert [n["id"] for n in again] == [n["id"] for n in first]
    assert not any(n["new"] for n in again)


def test_a_look_leaves_new_notices_new(db: Path) -> None:
    assert len(notices(db, "2026-03-27")) == 3
    assert "其中未发出 3 条" in ok(db, "remind", "--as-of", "2026-03-27")
    assert len(notices(db, "2026-03-27", "--new")) == 3


def test_catch_up_after_missed_days(db: Path) -> None:
    assert len(notices(db, "2026-03-27", "--new")) == 3  # D0, D1, D2 due soon
    # the job does not run on 03-30 .. 04-02; on Fri 04-03:
    caught = notices(db, "2026-04-03", "--new")
    kinds = sorted((n["case"], n["kind"], n["due"]) for n in caught)
    assert kinds == [
        ("D0", "overdue", "2026-03-30"),
        ("D1", "overdue", "2026-03-31"),
        ("D2", "overdue", "2026-04-01"),
        ("D3", "overdue", "2026-04-02"),
        ("D4", "due-today", "2026-04-03"),
    ]
    assert notices(db, "2026-04-03", "--new") == []


def test_completion_ends_notices_and_replay_sees_the_past(db: Path) -> None:
    ok(db, "event", "add", "D0", "loan.decided", "--on", "2026-04-01")  # two days late
    assert {n["case"] for n in notices(db, "2026-04-03")} == {"D1", "D2", "D3", "D4"}
    # replaying 03-31, D0 was still open (decided only on 04-01)
    assert ("D0", "overdue") in {(n["case"], n["kind"]) for n in notices(db, "2026-03-31")}
    counts = json.loads(ok(db, "overdue", "--as-of", "2026-04-03", "--json", "--by", "unit"))
    assert counts["total"] == 3
    assert {g["key"]: g["count"] for g in counts["groups"]} == {
        "宁夏银行石嘴山分行": 2,
        "石嘴山银行": 1,
    }


def test_two_concurrent_runs_never_double(db: Path) -> None:
    code = "import sys; from deadlines.cli import main; main()"
    args = ["remind", "--as-of", "2026-04-03", "--new", "--format", "json", "--db", str(db)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    ids = [[n["id"] for n in json.loads(o[0])] for o in outs]
    assert len(ids[0]) + len(ids[1]) == 5
    assert not set(ids[0]) & set(ids[1])


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("event", "add", "NOPE", "loan.decided", "--on", "2026-03-10"), "unknown case 'NOPE'"),
        (("event", "add", "D0", "loan.decide", "--on", "2026-03-10"), "did you mean"),
        (("event", "add", "D0", "decided", "--on", "2026-03-10"), "did you mean 'loan.decided'"),
        (("event", "add", "D0", "loan.decided", "--on", "2026-03-01"), "before the case's trigger"),
        (("event", "add", "D0", "loan.decided", "--on", "2099-01-01"), "in the future"),
        (
            ("event", "add", "D0", "loan.decided", "--on", "2026-03-10", "--supersedes", "D1#1"),
            "not an event of case",
        ),
        (("case", "add", "D0", "--kind", "loan"), "already exists"),
        (("case", "add", "D9", "--kind", "lone"), "unknown case kind"),
        (("case", "add", "D9", "--kind", "loan", "--fact", "amount"), "expected key=value"),
        (
            ("case", "add", "D9", "--kind", "loan", "--fact", "amount_yuan=8,000,000"),
            "compare it as a number; e.g. amount_yuan=8000000",
        ),
        (
            ("case", "add", "D9", "--kind", "loan", "--fact", "amount_yaun=8000000"),
            "did you mean 'amount_yuan'",
        ),
        (("next", "NOPE"), "unknown case"),
    ],
)
def test_bad_input_leaves_store_unchanged(db: Path, args: tuple[str, ...], message: str) -> None:
    before = snapshot(db)
    result = invoke(db, *args)
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert snapshot(db) == before


@pytest.mark.usefixtures("english")
def test_impossible_date_is_a_usage_error(db: Path) -> None:
    before = snapshot(db)
    result = invoke(db, "event", "add", "D0", "loan.decided", "--on", "2026-02-30")
    assert result.exit_code == 2 and "not a real date" in result.output
    assert snapshot(db) == before


def test_not_a_store_and_newer_store(tmp_path: Path, db: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 50)
    result = invoke(junk, "remind")
    assert result.exit_code == 1 and "不是 SQLite 文件，因此不是 deadlines 存储" in result.output
    result = invoke(junk, "remind", "--lang", "en")
    assert result.exit_code == 1 and "not a deadlines store" in result.output
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO deadlines_schema VALUES (99, 'future', '2030-01-01')")
    result = invoke(db, "remind")
    assert result.exit_code == 1 and "结构版本为 99，比本程序的" in result.output
    result = invoke(db, "remind", "--lang", "en")
    assert result.exit_code == 1 and "newer than this program" in result.output


def test_locked_store_waits_then_fails_cleanly(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEADLINES_BUSY_TIMEOUT", "0.3")
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        args = ("event", "add", "D0", "loan.decided", "--on", "2026-03-10", "--lang", "en")
        result = invoke(db, *args)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert result.exit_code == 1 and "locked by another process (waited 0.3 s)" in result.output


@pytest.mark.usefixtures("english")
def test_import_is_all_or_nothing(tmp_path: Path, db: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        "record,case,kind,unit,facts,type,on,note\n"
        "case,V1,vat-refund,市税务局,manufacturing=true,,,\n"
        "event,V1,,,,vat-refund.accepted,2026-05-26,\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "record,case,kind,unit,facts,type,on,note\n"
        "case,V2,vat-refund,,,,,\n"
        "event,V2,,,,vat-refund.accepted,2026-13-01,\n"
        "event,V2,,,,vat-refund.acepted,2026-05-26,\n"
        "event,V9,,,,vat-refund.accepted,2026-05-26,\n",
        encoding="utf-8",
    )
    before = snapshot(db)
    result = invoke(db, "import", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3: on: " in result.output and "nothing imported" in result.output
    assert snapshot(db) == before
    result = invoke(db, "import", str(bad), "--skip-bad")
    assert result.exit_code == 0, result.output
    assert f"{bad}:4:" in result.output and f"{bad}:5:" in result.output
    assert "imported 1 cases, 0 events" in result.output
    assert "imported 1 cases, 1 events; 2 more obligations in the store" in ok(
        db, "import", str(good)
    )


def test_import_json_lines(tmp_path: Path, db: Path) -> None:
    f = tmp_path / "cases.jsonl"
    f.write_text(
        json.dumps(
            {
                "record": "case",
                "case": "Z9",
                "kind": "enforcement",
                "events": [{"type": "enforcement.filed", "on": "2026-03-02"}],
            },
            ensure_ascii=False,
        )
        + "\n"
        + "{not json\n",
        encoding="utf-8",
    )
    result = invoke(db, "import", str(f), "--lang", "en")
    assert result.exit_code == 1 and f"{f}:2: not a JSON object" in result.output
    f.write_text(f.read_text().splitlines()[0] + "\n")
    ok(db, "import", str(f))
    assert (
        json.loads(ok(db, "next", "Z9", "--json", "--as-of", "2026-03-02"))[0]["due"]
        == "2026-03-03"
    )


@pytest.mark.usefixtures("english")
def test_recompute_reports_nothing_when_nothing_moved(db: Path) -> None:
    out = ok(db, "recompute")
    assert "recomputed 5 cases: 0 changes" in out


@pytest.mark.usefixtures("english")
def test_recompute_reports_moves_after_a_rule_change(tmp_path: Path, db: Path) -> None:
    """A user rule file shortens the loan limit to 10 working days: every loan's date moves,
    and recompute says which, old -> new (10 working days after Mon 03-02 is Mon 03-16).

    The store keeps the rule folders it computes with (issue 7, point 8): the environment alone
    never changes them, and a command without it still uses them."""
    rules = tmp_path / "rules"
    rules.mkdir()
    local = rules / "local.toml"
    local.write_text(
        '[[override]]\nid = "credit.small-loan"\nperiod = "10 working days"\n', encoding="utf-8"
    )
    before = snapshot(db)
    for args in (["recompute"], ["remind"], ["next", "D0"]):
        result = CliRunner().invoke(
            main, [*args, "--db", str(db)], env={"DEADLINES_RULES": str(rules)}
        )
        assert result.exit_code == 1, result.output
        assert "the plan's rules only" in result.output and str(rules) in result.output
    assert snapshot(db) == before
    out = ok(db, "recompute", "--rules", str(rules), "--json")
    moves = {m["case"]: (m["change"], m["old"], m["new"]) for m in json.loads(out)["moves"]}
    assert moves["D0"] == ("moved", "2026-03-30", "2026-03-16")
    assert len(moves) == 5
    # a plain recompute (the cron job, no variable) keeps the store's rules: nothing moves
    assert "recomputed 5 cases: 0 changes" in ok(db, "recompute")
    assert (
        json.loads(ok(db, "next", "D0", "--json", "--as-of", "2026-03-03"))[0]["due"]
        == "2026-03-16"
    )
    # the rule file is edited to 15 working days (03-03..06, 09..13, 16..20, Mon 03-23): every
    # command refuses until a recompute adopts the edit and says what moved
    local.write_text(
        '[[override]]\nid = "credit.small-loan"\nperiod = "15 working days"\n', encoding="utf-8"
    )
    result = invoke(db, "next", "D0")
    assert result.exit_code == 1 and "changed since" in result.output
    assert "moved D0 credit.small-loan: 2026-03-16 -> 2026-03-23" in ok(db, "recompute")
    # back to the plan's 20 working days
    back = ok(db, "recompute", "--plan-rules-only")
    assert "recomputed 5 cases: 5 changes" in back
    assert "moved D0 credit.small-loan: 2026-03-23 -> 2026-03-30" in back


@pytest.mark.usefixtures("english")
def test_store_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("DEADLINES_DB", str(path))
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0 and str(path) in result.output and path.exists()
    monkeypatch.delenv("DEADLINES_DB")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["remind"])
    assert result.exit_code == 1 and "no store at deadlines.db" in result.output


def test_every_store_command_has_help() -> None:
    for args in (
        ["init"],
        ["case", "add"],
        ["case", "show"],
        ["event", "add"],
        ["import"],
        ["next"],
        ["remind"],
        ["overdue"],
        ["recompute"],
    ):
        result = CliRunner().invoke(main, [*args, "--help"])
        assert result.exit_code == 0 and "--db" in result.output, args


@pytest.mark.usefixtures("english")
def test_an_import_whose_correction_takes_duties_away_says_fewer(tmp_path: Path, db: Path) -> None:
    """The import's count is the change in what the store holds: a file that only corrects a
    refund's acceptance into its arrival takes the refund duty away, and says so (it once printed
    "-1 obligations computed")."""
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(
        '{"record": "case", "case": "V2", "kind": "vat-refund", "unit": "市税务局",'
        ' "facts": {"manufacturing": true}}\n'
        '{"record": "event", "case": "V2", "type": "vat-refund.accepted", "on": "2026-05-26"}\n',
        encoding="utf-8",
    )
    second.write_text(
        '{"record": "event", "case": "V2", "type": "vat-refund.arrived", "on": "2026-05-26",'
        ' "supersedes": "V2#1"}\n',
        encoding="utf-8",
    )
    ok(db, "import", str(first))

    def held() -> int:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM obligations").fetchone()[0])

    before = held()
    assert before > 0
    said = ok(db, "import", str(second)).splitlines()[0]
    after = held()
    assert before - after > 0
    assert said == f"imported 0 cases, 1 events; {before - after} fewer obligations in the store"
    report = json.loads(ok(db, "import", str(second), "--format", "json"))  # a re-run: nothing
    assert (report["events"], report["obligations"], report["unchanged"]) == (0, 0, 1)


@pytest.mark.usefixtures("english")
def test_import_twice_changes_nothing(tmp_path: Path, db: Path) -> None:
    """Re-running an import (after a crash, or the README's command twice) adds nothing; a case
    row that contradicts the store is refused."""
    f = tmp_path / "cases.csv"
    f.write_text(
        "record,case,kind,unit,facts,type,on,note\n"
        "case,V1,vat-refund,市税务局,manufacturing=true,,,\n"
        "event,V1,,,,vat-refund.accepted,2026-05-26,\n",
        encoding="utf-8",
    )
    ok(db, "import", str(f))
    before = snapshot(db)
    assert (
        "imported 0 cases, 0 events; 0 more obligations in the store; 2 rows already in the store"
        in ok(db, "import", str(f))
    )
    assert snapshot(db) == before
    f.write_text(f.read_text().replace("manufacturing=true", "manufacturing=false"))
    result = invoke(db, "import", str(f))
    assert result.exit_code == 1 and "already exists with another kind, unit or facts" in (
        result.output
    )
    assert snapshot(db) == before
