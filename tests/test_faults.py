"""Faults the store must survive: a full disk, a read-only store, a damaged file, output that
cannot be written, and kill -9 during an import and during ``remind --new``. Each ends in one
clear line on stderr and a non-zero exit, with the store whole (``deadlines check``) and nothing
lost: what was committed stays, what was not is repeated by the next run.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import main
from deadlines.errors import StoreError
from deadlines.store import import_file, init_store, open_store
from deadlines.store.database import store_error
from deadlines.store.health import check_store
from tests.test_cli_language import english_words, known_ids

# what a Chinese store error writes as it is: SQLite's name, its -wal/-shm files, the README
STORE_CODES = known_ids() | {"SQLite", "README", "WAL", "quick_check", "check", "backup"}

DEADLINES = [sys.executable, "-c", "from deadlines.cli import main; main()"]
SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "sample.jsonl"
DAY = "2026-11-27"  # the sample has notices on this day


def cli(
    *args: str, env: dict[str, str] | None = None, **kw: object
) -> subprocess.CompletedProcess[str]:
    """The real command in a child process (stdout and stderr as a user's shell sees them)."""
    return subprocess.run(
        [*DEADLINES, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        timeout=120,
        **kw,  # type: ignore[arg-type]
    )


def dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture()
def sample(tmp_path: Path) -> Path:
    db = tmp_path / "t.db"
    store, _, _ = init_store(db)
    with store:
        import_file(store, SEEDS)
    return db


def big_file(path: Path, cases: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(cases):
            row = {
                "record": "case",
                "case": f"F{i}",
                "kind": "enforcement",
                "unit": "石嘴山市中级人民法院",
                "events": [{"type": "enforcement.filed", "on": "2026-03-02", "note": "立案" * 200}],
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


# --- a full disk -------------------------------------------------------------------------------
def test_disk_full_mid_import_reports_it_and_keeps_the_store(sample: Path, tmp_path: Path) -> None:
    """SQLITE_FULL injected with max_page_count: the real error, not 'cannot rollback'."""
    before = dump(sample)
    src = big_file(tmp_path / "big.jsonl", 2000)
    with open_store(sample) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 20}")
        with pytest.raises(StoreError, match="the disk is full") as err:
            import_file(store, src)
        assert "cannot rollback" not in str(err.value)
        store.conn.execute("PRAGMA max_page_count = 1073741823")
        store.add_case("AFTER-1", "loan")  # the connection is still usable
    assert check_store(sample) == []
    after = dump(sample)
    assert [line for line in after if line not in before] == [
        line for line in after if "AFTER-1" in line and line not in before
    ]


@pytest.fixture()
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB tmpfs (needs root and a kernel that lets us mount; skipped otherwise)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mnt)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_disk_full_on_a_real_small_disk(tiny_disk: Path, tmp_path: Path) -> None:
    db = tiny_disk / "t.db"
    assert cli("init", "--db", str(db)).returncode == 0
    before = dump(db)
    done = cli("import", str(big_file(tmp_path / "big.jsonl", 3000)), "--db", str(db))
    assert done.returncode == 1
    # a Chinese run (the default) names SQLite's error code, not its English words
    assert "磁盘已满(SQLite 错误码 SQLITE_FULL)；未写入任何内容" in one_line(done.stderr)
    assert dump(db) == before
    assert check_store(db) == []
    assert cli("case", "add", "Z1", "--kind", "loan", "--db", str(db)).returncode == 0


# --- read-only -------------------------------------------------------------------------------
def test_read_only_connection_says_read_only(sample: Path) -> None:
    """SQLITE_READONLY injected with query_only: the write is refused with what to do."""
    before = dump(sample)
    with open_store(sample) as store:
        store.conn.execute("PRAGMA query_only = 1")
        with pytest.raises(StoreError, match="read-only") as err:
            store.add_case("RO-1", "loan")
        assert "write permission" in str(err.value)
    assert dump(sample) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_and_folder(sample: Path, tmp_path: Path) -> None:
    sample.chmod(0o444)
    try:
        done = cli("case", "add", "RO-1", "--kind", "loan", "--db", str(sample))
        assert done.returncode == 1 and "存储为只读" in one_line(done.stderr)
        assert cli("next", "ZQ-2026-01", "--db", str(sample)).returncode == 0  # reading works
    finally:
        sample.chmod(0o644)
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "t.db"
    with sqlite3.connect(sample) as src, sqlite3.connect(db) as out:
        src.backup(out)
    folder.chmod(0o555)
    try:
        done = cli("remind", "--db", str(db))
        line = one_line(done.stderr)
        assert done.returncode == 1 and "文件夹" in line and "不是 deadlines 存储" not in line
    finally:
        folder.chmod(0o755)


# --- a damaged file --------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["middle", "header", "truncated"])
def test_damaged_store_is_named_damaged(sample: Path, where: str) -> None:
    with sqlite3.connect(sample) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(sample.read_bytes())
    if where == "middle":
        data[len(data) // 2 : len(data) // 2 + 4000] = b"\xde\xad" * 2000
    elif where == "header":
        data[16:100] = b"\xff" * 84
    else:
        data = data[: len(data) // 3 + 100]
    sample.write_bytes(bytes(data))
    runner = CliRunner()
    result = runner.invoke(main, ["remind", "--db", str(sample)])
    line = one_line(result.stderr)
    assert result.exit_code == 1
    assert "文件已损坏" in line and "不是 deadlines 存储" not in line, line
    command = re.sub(r"`deadlines [^`]*`", "", line)  # a command to type is typed as it is
    assert "并从备份恢复" in line and list(english_words(command, STORE_CODES)) == [], line
    result = runner.invoke(main, ["remind", "--db", str(sample), "--lang", "en"])
    line = one_line(result.stderr)
    assert result.exit_code == 1
    assert "damaged" in line and "not a deadlines store" not in line, line
    assert "restore it from a backup" in line
    result = runner.invoke(main, ["check", "--db", str(sample)])
    assert result.exit_code == 1 and result.stdout.strip(), result.output


def test_damaged_version_table_is_not_a_newer_schema(sample: Path) -> None:
    with sqlite3.connect(sample) as conn:
        conn.execute("UPDATE deadlines_schema SET version = 112 WHERE version = 2")
    result = CliRunner().invoke(main, ["remind", "--db", str(sample), "--lang", "en"])
    line = one_line(result.stderr)
    assert "damaged" in line and "newer" not in line


def test_check_finds_broken_invariants(sample: Path) -> None:
    with sqlite3.connect(sample) as conn:
        conn.execute("DROP TRIGGER events_no_update")
        conn.execute("UPDATE event_rows SET on_date = '2026-02-30' WHERE seq = 1")
        conn.execute("UPDATE cases SET unit = 'a' || char(27) || '[31m' WHERE rowid = 1")
    problems = check_store(sample)
    assert any("not a real date" in p for p in problems), problems
    assert any("control characters" in p for p in problems), problems
    said = check_store(sample, lang="zh")  # as `deadlines check` says them by default
    assert any(p.startswith("事件的日期不是真实日期：") for p in said), said
    assert any("含有控制字符" in p for p in said), said


def test_backup_is_a_whole_copy(sample: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["backup", str(tmp_path / "b.db"), "--db", str(sample)])
    assert result.exit_code == 0, result.output
    assert dump(tmp_path / "b.db") == dump(sample)
    assert check_store(tmp_path / "b.db") == []
    again = runner.invoke(main, ["backup", str(tmp_path / "b.db"), "--db", str(sample)])
    assert again.exit_code == 1 and "已存在；请为备份给出新的文件名" in one_line(again.stderr)


# --- output that cannot be written -----------------------------------------------------------
def _recorded(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM notices")}


@pytest.mark.parametrize("how", ["dev-full", "closed", "latin-1"])
def test_remind_new_records_nothing_it_could_not_print(sample: Path, how: str) -> None:
    args = ["remind", "--new", "--as-of", DAY, "--db", str(sample)]
    if how == "dev-full":
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [*DEADLINES, *args],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "PYTHONIOENCODING": "utf-8"},
                timeout=120,
            )
        assert "No space left" in one_line(done.stderr)
    elif how == "closed":
        done = subprocess.run(
            [*DEADLINES, *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            preexec_fn=lambda: os.close(1),
        )
        assert "standard output is closed" in one_line(done.stderr)
    else:
        done = cli(*args, env={"PYTHONIOENCODING": "latin-1"})
        assert "PYTHONIOENCODING=utf-8" in one_line(done.stderr)
    assert done.returncode == 1
    assert _recorded(sample) == set()


# --- kill -9 -----------------------------------------------------------------------------------
def _kill_after(args: list[str], delay: float, stdout: object = subprocess.DEVNULL) -> int:
    proc = subprocess.Popen(
        [*DEADLINES, *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    return proc.wait()


def test_kill_during_import_loses_nothing_and_keeps_nothing_half(
    sample: Path, tmp_path: Path
) -> None:
    src = big_file(tmp_path / "big.jsonl", 1500)
    before = dump(sample)
    rng = random.Random(8)
    for _ in range(2):
        _kill_after(["import", str(src), "--db", str(sample)], rng.uniform(0.7, 1.6))
        with sqlite3.connect(sample) as conn:
            imported = conn.execute("SELECT COUNT(*) FROM cases WHERE id LIKE 'F%'").fetchone()[0]
        assert imported in (0, 1500)  # all of it or none of it
        if imported == 0:
            assert dump(sample) == before
        assert check_store(sample) == []
    done = cli("import", str(src), "--db", str(sample))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(sample) as conn:
        assert conn.execute("SELECT COUNT(*) FROM cases WHERE id LIKE 'F%'").fetchone()[0] == 1500


def test_kill_during_remind_new_never_records_an_unprinted_notice(
    sample: Path, tmp_path: Path
) -> None:
    everything = cli("remind", "--format", "json", "--as-of", DAY, "--db", str(sample))
    all_ids = {n["id"] for n in json.loads(everything.stdout)}
    assert all_ids
    printed: set[str] = set()
    rng = random.Random(7)
    for i in range(2):
        out = tmp_path / f"run{i}.json"
        with out.open("w") as f:
            args = ["remind", "--new", "--format", "json", "--as-of", DAY, "--db", str(sample)]
            _kill_after(args, rng.uniform(0.3, 1.5), f)
        text = out.read_text()
        with contextlib.suppress(json.JSONDecodeError):  # killed mid-print: nothing committed
            printed |= {n["id"] for n in json.loads(text)}
        assert _recorded(sample) <= printed  # recorded only what was printed whole
        assert check_store(sample) == []
    last = cli("remind", "--new", "--format", "json", "--as-of", DAY, "--db", str(sample))
    printed |= {n["id"] for n in json.loads(last.stdout)}
    assert printed == all_ids == _recorded(sample)  # at least once, nothing lost


def test_a_bad_user_rule_file_stops_event_add_with_one_line(sample: Path, tmp_path: Path) -> None:
    """A store computes with the rule folders it records (deadlines.store.config): a
    $DEADLINES_RULES naming another is refused, and adopting a folder whose file is not UTF-8
    (or holds a folder named x.toml) names it. One line each, nothing recorded."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "a.toml").write_bytes(b'[[override]]\nid = "\xff"\n')
    (rules / "x.toml").mkdir()
    before = dump(sample)
    done = cli(
        "event",
        "add",
        "ZQ-2026-01",
        "consultation.closed",
        "--on",
        "2026-11-20",
        "--db",
        str(sample),
        env={"DEADLINES_RULES": str(rules)},
    )
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "DEADLINES_RULES" in line and str(rules) in line, line
    done = cli("recompute", "--rules", str(rules), "--db", str(sample))
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "a.toml:2: not UTF-8" in line or "x.toml is a directory" in line, line
    assert dump(sample) == before


def test_a_reader_that_leaves_the_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    """`deadlines calendar years | head -1`: the reader closing the pipe is the ordinary end of a
    pipeline. The command stops with the shell's SIGPIPE code (141) and says nothing on stderr."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is already gone: the first write fails with EPIPE
    try:
        done = subprocess.run(
            [*DEADLINES, "calendar", "years"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 141, done.stderr
    assert done.stderr == ""


# --- every SQLite failure, said in the run's language ----------------------------------------
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("name", "message", "zh", "en"),
    [
        (
            "SQLITE_BUSY",
            "database is locked",
            "存储 {p}：写入失败：被另一个进程锁定(SQLite 错误码 SQLITE_BUSY)；请稍后重试",
            "store {p}: writing failed: locked by another process (SQLite says: database is "
            "locked); try again",
        ),
        (
            "SQLITE_IOERR_WRITE",
            "disk I/O error",
            "存储 {p}：写入失败：磁盘报告错误(SQLite 错误码 SQLITE_IOERR_WRITE)；请检查磁盘",
            "store {p}: writing failed: the disk reported an error (SQLite says: disk I/O "
            "error); check the disk",
        ),
        (
            "SQLITE_FULL",
            "database or disk is full",
            "存储 {p}：写入失败：磁盘已满(SQLite 错误码 SQLITE_FULL)；未写入任何内容：请腾出空间后再运行",
            "store {p}: writing failed: the disk is full (SQLite says: database or disk is full); "
            "nothing was written: free space and run again",
        ),
        (
            "SQLITE_CANTOPEN",
            "unable to open database file",
            "无法打开存储 {p}(SQLite 错误码 SQLITE_CANTOPEN)；其所在文件夹 {d} 不存在：请创建它，"
            "或用 --db 给出其他路径",
            "cannot open store {p} (SQLite says: unable to open database file); its folder {d} "
            "does not exist: create it, or give another --db path",
        ),
    ],
)
def test_a_store_failure_is_said_in_the_runs_language(
    tmp_path: Path, name: str, message: str, zh: str, en: str
) -> None:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorname = name  # type: ignore[attr-defined]  # as SQLite sets it
    path = tmp_path / "gone" / "t.db"
    err = store_error(exc, path, "writing")
    said_zh, said_en = err.in_lang("zh"), err.in_lang("en")
    assert said_zh == zh.format(p=path, d=path.parent)
    assert list(english_words(said_zh, STORE_CODES | {name})) == [], said_zh
    assert said_en == str(err) == en.format(p=path, d=path.parent)
    assert not CJK.search(said_en)


def test_a_locked_store_is_said_in_the_runs_language(sample: Path) -> None:
    with open_store(sample) as holder, holder.transaction():
        for lang, said in (
            ("zh", f"存储 {sample} 被另一个进程锁定(已等待 0 秒)；请待其完成后重试"),
            ("en", f"store {sample} is locked by another process (waited 0 s); try again"),
        ):
            result = CliRunner().invoke(
                main,
                ["case", "add", "LK-1", "--kind", "loan", "--db", str(sample), "--lang", lang],
                env={"DEADLINES_BUSY_TIMEOUT": "0"},
            )
            assert result.exit_code == 1 and said in one_line(result.stderr), result.stderr
