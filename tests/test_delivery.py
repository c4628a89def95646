"""`deadlines send` and the outbox, against real servers on 127.0.0.1 (tests/loopback.py).

The store holds five loans received Mon 2026-03-02 .. Fri 03-06, 20 working days each (no
holiday before 清明 04-04): due Mon 03-30, Tue 03-31, Wed 04-01, Thu 04-02, Fri 04-03. D0, D2, D4
belong to 石嘴山银行, D1 and D3 to 宁夏银行石嘴山分行.

Hand-worked notices: on Fri 03-27 the next three working days are 03-30, 03-31, 04-01, so D0, D1
and D2 are due soon; on Mon 03-30 D0 is due today and D3 (04-02) comes into the window.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from icalendar import Calendar
from loopback import Hook, Mailbox, free_port, smtp_server, webhook_server

from deadlines.cli import main
from deadlines.notices.sending import SendReport, send
from deadlines.notices.units import load_units
from deadlines.store.database import CHINA, open_store

ROOT = Path(__file__).resolve().parent.parent
BANK = "石嘴山银行"
BRANCH = "宁夏银行石嘴山分行"
T0 = dt.datetime(2026, 11, 30, 7, 0, tzinfo=CHINA)


def invoke(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)


def ok(db: Path, *args: str) -> str:
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.db"
    ok(path, "init")
    for i, day in enumerate(("02", "03", "04", "05", "06")):
        unit = BANK if i % 2 == 0 else BRANCH
        facts = ("--fact", "lender=local-legal-person-bank", "--fact", "amount_yuan=5000000")
        ok(path, "case", "add", f"D{i}", "--kind", "loan", "--unit", unit, *facts)
        ok(path, "event", "add", f"D{i}", "loan.application-received", "--on", f"2026-03-{day}")
    return path


def mail_url(port: int, to: str, extra: str = "") -> str:
    return (
        f"mailto://127.0.0.1:{port}?from=deadlines@example.org&to={to}&mode=insecure&cto=2{extra}"
    )


def write_units(path: Path, table: dict[str, list[str]]) -> Path:
    lines = []
    for unit, urls in table.items():
        lines.append(f'[units."{unit}"]')
        lines.append("send_to = [" + ", ".join(json.dumps(u) for u in urls) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def day_ids(db: Path, day: str) -> dict[tuple[str, str], str]:
    """(case, kind) -> notice id, from a look at the day's list (records nothing)."""
    out = ok(db, "remind", "--as-of", day, "--format", "json")
    return {(n["case"], n["kind"]): n["id"] for n in json.loads(out)}


def run(db: Path, units: Path, day: str, now: dt.datetime = T0) -> SendReport:
    with open_store(db) as store:
        return send(store, load_units(units), dt.date.fromisoformat(day), now=now)


def header_ids(mail: object) -> list[str]:
    return str(mail["X-Deadlines-Notices"]).split()  # type: ignore[index]


def delivered_ids(box: Mailbox, hook: Hook | None = None) -> Counter[tuple[str, str]]:
    """(recipient or 'hook', notice id) -> how many times it arrived."""
    seen: Counter[tuple[str, str]] = Counter()
    for mail, rcpts in zip(box.mails, box.recipients, strict=True):
        for n in header_ids(mail):
            seen[(rcpts[0], n)] += 1
    for post in hook.posts if hook else []:
        for n in post["deadlines"]["notices"]:
            seen[("hook", n)] += 1
    return seen


def test_one_digest_per_unit_and_each_notice_once_across_runs(db: Path, tmp_path: Path) -> None:
    with smtp_server() as box, webhook_server() as hook:
        units = write_units(
            tmp_path / "units.toml",
            {
                BANK: [mail_url(box.port, "a@bank.example"), f"json://127.0.0.1:{hook.port}/h"],
                BRANCH: [mail_url(box.port, "b@branch.example")],
            },
        )
        first = day_ids(db, "2026-03-27")
        assert set(first) == {("D0", "due-soon"), ("D1", "due-soon"), ("D2", "due-soon")}
        result = invoke(db, "send", "--as-of", "2026-03-27", "--units", str(units), "--json")
        assert result.exit_code == 0, result.output
        report = json.loads(result.output)
        assert (report["sent"], report["failed"], report["pending"]) == (3, 0, 0)
        assert sorted(report["notices"]) == sorted(first.values())
        # one mail per unit, each to its own recipient with its own notices; one webhook post
        assert sorted(r[0] for r in box.recipients) == ["a@bank.example", "b@branch.example"]
        by_rcpt = {
            r[0]: sorted(header_ids(m)) for m, r in zip(box.mails, box.recipients, strict=True)
        }
        assert by_rcpt["a@bank.example"] == sorted(
            [first["D0", "due-soon"], first["D2", "due-soon"]]
        )
        assert by_rcpt["b@branch.example"] == [first["D1", "due-soon"]]
        assert len(hook.posts) == 1 and BANK in hook.posts[0]["title"]
        assert first["D2", "due-soon"] in hook.posts[0]["message"]
        assert hook.posts[0]["deadlines"]["notices"] == by_rcpt["a@bank.example"]
        assert hook.headers[0]["X-Deadlines-Message"] == hook.posts[0]["deadlines"]["message_id"]

        # the same day again: nothing new, nothing sent
        again = json.loads(ok(db, "send", "--as-of", "2026-03-27", "--units", str(units), "--json"))
        assert (again["sent"], again["notices"]) == (0, [])
        # Monday: D0 due today and D3 due soon are new; D1 and D2 were already sent
        monday = day_ids(db, "2026-03-30")
        third = json.loads(ok(db, "send", "--as-of", "2026-03-30", "--units", str(units), "--json"))
        assert sorted(third["notices"]) == sorted(
            [monday["D0", "due-today"], monday["D3", "due-soon"]]
        )
        assert len(box.mails) == 4 and len(hook.posts) == 2
        assert set(delivered_ids(box, hook).values()) == {1}


def test_mail_has_a_stable_message_id_the_notice_ids_and_the_unit_calendar(
    db: Path, tmp_path: Path
) -> None:
    with smtp_server() as box:
        units = write_units(tmp_path / "u.toml", {BANK: [mail_url(box.port, "a@bank.example")]})
        run(db, units, "2026-03-27")
        (mail,) = box.mails
        assert len(mail.get_all("Message-ID")) == 1
        listed = json.loads(ok(db, "outbox", "--json"))
        assert mail["Message-ID"] == f"<{listed[0]['id']}>"
        assert sorted(header_ids(mail)) == listed[0]["notices"]
        assert "石嘴山银行 2026-03-27" in str(mail["Subject"])
        text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "案件 D0" in text and "计算依据" in text and "2026-03-30" in text
        # 2026's Ningxia regional data is of low confidence (calendars/cn-nx/2026.toml)
        assert text.count("[宁夏地方假日数据可信度低]") == 2
        (ics,) = [p for p in mail.iter_attachments() if p.get_filename().endswith(".ics")]
        feed = Calendar.from_ical(ics.get_payload(decode=True))
        dates = sorted(e.decoded("dtstart") for e in feed.walk("VEVENT"))
        assert dates == [dt.date(2026, 3, 30), dt.date(2026, 4, 1), dt.date(2026, 4, 3)]


def test_smtp_down_then_up_retries_with_backoff_and_loses_nothing(db: Path, tmp_path: Path) -> None:
    port = free_port()
    units = write_units(tmp_path / "u.toml", {BANK: [mail_url(port, "a@bank.example")]})
    result = invoke(db, "send", "--as-of", "2026-03-27", "--units", str(units))
    assert result.exit_code == 1
    assert "错误：发送失败：1 条消息未送达" in result.output
    failed = json.loads(ok(db, "outbox", "--failed", "--json"))
    assert len(failed) == 1 and failed[0]["attempts"] == 1
    assert "Connection refused" in failed[0]["last_error"]
    # a clerk reading the outbox is told why in Chinese; the channel's words with --lang en
    listed = ok(db, "outbox", "--failed")
    assert "连接被拒绝" in listed and "Connection refused" not in listed
    assert "Connection refused" in ok(db, "outbox", "--failed", "--lang", "en")
    # a run inside the backoff tries nothing, but the cron job must still hear that it waits
    again = invoke(db, "send", "--as-of", "2026-03-27", "--units", str(units))
    assert again.exit_code == 1
    assert "1 条消息此前发送失败，仍在等待重试" in again.output
    with smtp_server(port) as box:
        # within the backoff (5 minutes after the failure) a run does not try again
        soon = dt.datetime.now(CHINA) + dt.timedelta(minutes=1)
        report = run(db, units, "2026-03-27", now=soon)
        assert (report.sent, len(report.failed), report.pending, box.mails) == (0, 0, 1, [])
        later = dt.datetime.now(CHINA) + dt.timedelta(minutes=6)
        report = run(db, units, "2026-03-27", now=later)
        assert (report.sent, report.pending) == (1, 0)
        (mail,) = box.mails
        assert mail["Message-ID"] == f"<{failed[0]['id']}>"
        assert sorted(header_ids(mail)) == failed[0]["notices"]
    assert json.loads(ok(db, "outbox", "--failed", "--json")) == []


CRASH = """
import datetime as dt, os, sys
from pathlib import Path
from deadlines.notices.sending import send
from deadlines.notices.units import load_units
from deadlines.store.database import open_store

def hook(point):
    if point == sys.argv[3]:
        os._exit(17)

with open_store(sys.argv[1]) as store:
    send(store, load_units(Path(sys.argv[2])), dt.date(2026, 3, 27), hook=hook)
"""


def crash_at(db: Path, units: Path, point: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(db), str(units), point],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 17, done.stderr


def test_kill_between_recording_and_delivering_loses_nothing(db: Path, tmp_path: Path) -> None:
    with smtp_server() as box:
        units = write_units(
            tmp_path / "u.toml",
            {
                BANK: [mail_url(box.port, "a@b.example")],
                BRANCH: [mail_url(box.port, "b@b.example")],
            },
        )
        crash_at(db, units, "recorded")
        assert box.mails == []
        assert len(json.loads(ok(db, "outbox", "--pending", "--json"))) == 2
        # the notices were recorded as emitted with their messages: a look no longer marks them
        # new (nor would `remind --new` send them)...
        look = json.loads(ok(db, "remind", "--as-of", "2026-03-27", "--format", "json"))
        assert len(look) == 3 and not any(n["new"] for n in look)
        report = run(db, units, "2026-03-27")
        # ...and the next run delivers the pending messages, each once
        assert (report.sent, report.pending, len(report.queued)) == (2, 0, 0)
        assert len(box.mails) == 2 and set(delivered_ids(box).values()) == {1}


def test_kill_between_delivering_and_marking_repeats_only_that_message(
    db: Path, tmp_path: Path
) -> None:
    with smtp_server() as box:
        units = write_units(
            tmp_path / "u.toml",
            {
                BANK: [mail_url(box.port, "a@b.example")],
                BRANCH: [mail_url(box.port, "b@b.example")],
            },
        )
        crash_at(db, units, "delivered")
        (first,) = box.mails
        report = run(db, units, "2026-03-27")
        assert (report.sent, report.pending) == (2, 0)
        ids = [m["Message-ID"] for m in box.mails]
        # the first message again, with the same Message-ID; the other one once
        assert len(ids) == 3 and ids.count(first["Message-ID"]) == 2 and len(set(ids)) == 2
        again = [m for m in box.mails if m["Message-ID"] == first["Message-ID"]]
        assert header_ids(again[0]) == header_ids(again[1])
        # nothing more on the next run
        assert run(db, units, "2026-03-27").sent == 0 and len(box.mails) == 3


def test_slow_server_times_out_then_the_retry_delivers(db: Path, tmp_path: Path) -> None:
    with smtp_server(delay=3.0) as box:
        units = write_units(
            tmp_path / "u.toml",
            {BANK: [mail_url(box.port, "a@b.example").replace("cto=2", "cto=1")]},
        )
        report = run(db, units, "2026-03-27")
        assert report.sent == 0 and len(report.failed) == 1
        assert "timed out" in (report.failed[0].error or "")
        box.delay = 0.0
        report = run(db, units, "2026-03-27", now=T0 + dt.timedelta(minutes=6))
        assert (report.sent, report.pending) == (1, 0)
        # the slow server may have kept the first copy too: same Message-ID, dropped by the reader
        assert {m["Message-ID"] for m in box.mails} == {report.attempts[0].message.message_id}


def test_dry_run_shows_what_would_go_where_and_changes_nothing(db: Path, tmp_path: Path) -> None:
    units = write_units(tmp_path / "u.toml", {BANK: [mail_url(free_port(), "a@b.example")]})
    before = db.read_bytes()
    result = invoke(db, "send", "--as-of", "2026-03-27", "--units", str(units), "--dry-run")
    assert "将发送给 mailto://127.0.0.1" in result.output and "案件 D2" in result.output
    # the branch has notices and no destination: reported
    assert f"单位“{BRANCH}”有 1 条通知但没有收件地址" in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM notices").fetchone() == (0,)
    assert db.read_bytes() == before


def test_unit_without_destination_is_reported_and_sent_once_it_has_one(
    db: Path, tmp_path: Path
) -> None:
    with smtp_server() as box:
        units = write_units(tmp_path / "u.toml", {BANK: [mail_url(box.port, "a@b.example")]})
        result = invoke(db, "send", "--as-of", "2026-03-27", "--units", str(units))
        assert result.exit_code == 1
        assert f"单位“{BRANCH}”有 1 条通知但没有收件地址" in result.output
        write_units(
            units,
            {
                BANK: [mail_url(box.port, "a@b.example")],
                BRANCH: [mail_url(box.port, "b@b.example")],
            },
        )
        report = run(db, units, "2026-03-27")
        assert report.sent == 1 and box.recipients[-1] == ["b@b.example"]
        assert report.notices == [day_ids(db, "2026-03-27")["D1", "due-soon"]]


def test_notices_of_a_case_with_no_unit_are_named_as_the_lists_name_them(
    db: Path, tmp_path: Path
) -> None:
    # Z names no unit (its rules only the placeholder 市(略)〔法院〕): filed Thu 03-26, the network
    # query is due the next working day, Fri 03-27
    ok(db, "case", "add", "Z", "--kind", "enforcement")
    ok(db, "event", "add", "Z", "enforcement.filed", "--on", "2026-03-26")
    ids = day_ids(db, "2026-03-27")
    units = write_units(tmp_path / "u.toml", {BANK: [mail_url(free_port(), "a@b.example")]})
    for lang in ("zh", "en"):
        args = ("--as-of", "2026-03-27", "--units", str(units), "--dry-run", "--json")
        result = invoke(db, "send", *args, "--lang", lang)
        assert result.exit_code == 1
        assert json.loads(result.stdout)["unrouted"] == {
            "未指定责任单位": [ids["Z", "due-today"]],
            BRANCH: [ids["D1", "due-soon"]],
        }
    text = invoke(db, "send", "--as-of", "2026-03-27", "--units", str(units), "--dry-run")
    assert "这些通知在 deadlines remind 中列于【未指定责任单位】" in text.output
    assert "【未指定责任单位】" in ok(db, "remind", "--as-of", "2026-03-27")


def test_secrets_come_from_the_environment_and_are_never_stored(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with webhook_server() as hook:
        url = f"json://clerk:${{HOOK_SECRET}}@127.0.0.1:{hook.port}/h"
        units = write_units(tmp_path / "u.toml", {BANK: [url], BRANCH: [url]})
        monkeypatch.delenv("HOOK_SECRET", raising=False)
        report = run(db, units, "2026-03-27")
        assert "environment variable HOOK_SECRET is not set" in (report.failed[0].error or "")
        monkeypatch.setenv("HOOK_SECRET", "s3cret-pw")
        report = run(db, units, "2026-03-27", now=T0 + dt.timedelta(minutes=6))
        assert report.sent == 2
        assert all("Basic " in h["Authorization"] for h in hook.headers)
    assert b"s3cret" not in db.read_bytes() and "${HOOK_SECRET}" in ok(db, "outbox")


@pytest.mark.parametrize(
    ("text", "message", "chinese"),
    [
        (
            '[units."X"]\nsend_to = ["mailto://u:hunter2@smtp.example.org"]',
            "password is written out",
            "地址中写出了密码",
        ),
        ('[units."X"]\nsend_to = ["json://h?pass=hunter2"]', "pass= is written out", "写出了 pass="),
        ('[units."X"]\nsend_to = ["nonsense"]', "is not an apprise URL", "不是 apprise 地址"),
        ('[units."X"]\nsend_to = ["nosuchservice://x"]', "apprise does not understand", "apprise 不认识"),
        ('[units."X"]\nsendto = []', "unknown key 'sendto'; accepted: send_to", "未知的键 'sendto'；可用：send_to"),
        ('[unit."X"]\nsend_to = []', "unknown top-level key 'unit'", "未知的顶层键 'unit'"),
        ("[units", "cannot read the units file", "不是有效的 TOML(文件末尾)"),
        ('[units."X"]\nsend_to = [1 2]', "cannot read the units file", "不是有效的 TOML(第 2 行第 14 列)"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bad_units_file_is_one_clear_line_and_changes_nothing(
    db: Path, tmp_path: Path, text: str, message: str, chinese: str, lang: str
) -> None:
    units = tmp_path / "u.toml"
    units.write_text(text, encoding="utf-8")
    before = db.read_bytes()
    result = invoke(db, "send", "--as-of", "2026-03-27", "--units", str(units), "--lang", lang)
    assert result.exit_code == 1
    assert (message if lang == "en" else chinese) in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert db.read_bytes() == before


def test_the_units_file_beside_the_store_is_the_default(db: Path) -> None:
    result = invoke(db, "send", "--as-of", "2026-03-27")
    assert result.exit_code == 1
    assert f"{db.parent / 'units.toml'} 处没有单位文件" in result.output  # Chinese by default


def test_a_second_send_at_once_is_refused(db: Path, tmp_path: Path) -> None:
    units = write_units(tmp_path / "u.toml", {BANK: [mail_url(free_port(), "a@b.example")]})
    with open(f"{db}.send-lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = invoke(db, "send", "--as-of", "2026-03-27", "--units", str(units))
    assert result.exit_code == 1 and "another `deadlines send` is delivering" in result.output


def test_a_future_day_cannot_be_sent_but_can_be_previewed(db: Path, tmp_path: Path) -> None:
    units = write_units(tmp_path / "u.toml", {BANK: [mail_url(free_port(), "a@b.example")]})
    result = invoke(db, "send", "--as-of", "2099-01-05", "--units", str(units))
    assert result.exit_code == 1 and "cannot send a future day's notices" in result.output
    before = db.read_bytes()
    result = invoke(db, "send", "--as-of", "2099-01-05", "--units", str(units), "--dry-run")
    assert "将发送给" in result.output and "[逾期] 2026-03-30(星期一) 案件 D0" in result.output
    assert db.read_bytes() == before


def test_a_store_from_before_the_outbox_upgrades_in_place(tmp_path: Path) -> None:
    from deadlines.store.schema import MIGRATIONS, SCHEMA_VERSION

    outbox_version = next(v for v, (what, _) in MIGRATIONS.items() if "outbox" in what)
    path = tmp_path / "old.db"
    open_store(path, create=True, upgrade_to=outbox_version - 1).close()
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "outbox" not in tables
    assert ok(path, "outbox") == "发件箱为空。\n"
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_moved_and_undetermined_notices_read_in_the_digest(db: Path, tmp_path: Path) -> None:
    # B2: a bankruptcy accepted Mon 03-02 whose track is not stated: the 3-month limit
    # (03-02 + 3 months = Tue 06-02, a working day) is undetermined until it is
    ok(db, "case", "add", "B2", "--kind", "bankruptcy", "--unit", BRANCH)
    ok(db, "event", "add", "B2", "bankruptcy.accepted", "--on", "2026-03-02")
    with webhook_server() as hook:
        units = write_units(tmp_path / "u.toml", {BRANCH: [f"json://127.0.0.1:{hook.port}/h"]})
        run(db, units, "2026-03-30")  # D1 (03-31) and D3 (04-02) due soon; B2 undetermined
        first = hook.posts[0]["message"]
        assert (
            "[期限待定] 2026-06-02(星期二) 案件 B2" in first
            and "缺少事实 simplified, track" in first
        )
        assert "[即将到期] 2026-04-02(星期四) 案件 D3" in first
        # D3's application came on Fri 03-06, not 03-05: 20 working days -> Fri 04-03
        ok(
            db,
            "event",
            "add",
            "D3",
            "loan.application-received",
            "--on",
            "2026-03-06",
            "--supersedes",
            "D3#1",
        )
        report = run(db, units, "2026-03-30")
        assert report.sent == 1 and len(report.notices) == 1
        moved = hook.posts[1]["message"]
        assert "[期限变更] 2026-04-03(星期五) 案件 D3" in moved and "原定 2026-04-02" in moved
        assert "D3#1" in moved  # why: the correction


def test_a_long_digest_arrives_whole_with_every_id_in_its_header() -> None:
    from deadlines.notices.channels import deliver

    # 459 notices (the daily figure of the 100k-case benchmark store): one id header of ~8 KB,
    # which a mail server refuses as one line (RFC 5321: 998 characters at most)
    ids = [f"n{i:016x}" for i in range(459)]
    with smtp_server() as box:
        body = "".join(f"[逾期] 2026-03-30 案件 C{i} 期限 {n}\n" for i, n in enumerate(ids))
        url = mail_url(box.port, "a@b.example")
        deliver(url, title="标题", body=body, message_id="<x.1@deadlines>", notice_ids=ids)
        (mail,) = box.mails
        assert header_ids(mail) == ids and mail["Message-ID"] == "<x.1@deadlines>"
        text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert text.replace("\r\n", "\n") == body


def test_english_on_request(db: Path, tmp_path: Path) -> None:
    units = write_units(tmp_path / "u.toml", {BANK: [mail_url(free_port(), "a@b.example")]})
    args = ("send", "--as-of", "2026-03-27", "--units", str(units), "--dry-run", "--lang", "en")
    out = invoke(db, *args).output
    assert "(dry run: nothing is sent or recorded)" in out
    assert "due today 0, overdue 0, reminders 0 (2 notices)" in out
    assert "[due soon] 2026-03-30 (Mon) case D0" in out and "1 working day left" in out
    assert f"unit '{BRANCH}' has 1 notice but no destination" in out


def test_a_wecom_group_robot_gets_a_long_digest_in_parts(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from apprise.plugins.wecombot import NotifyWeComBot

    # 企业微信's robot endpoint is fixed (qyapi.weixin.qq.com); point it at the loopback server
    with webhook_server() as hook:
        endpoint = f"http://127.0.0.1:{hook.port}/cgi-bin/webhook/send?key={{key}}"
        monkeypatch.setattr(NotifyWeComBot, "notify_url", endpoint)
        # apprise waits 5.5 s between two posts to a robot (its rate limit); not here
        monkeypatch.setattr(NotifyWeComBot, "request_rate_per_sec", 0)
        monkeypatch.setenv("WECOM_KEY", "robot-key-1")
        # 35 more loans of the bank, all received Mon 03-02, so due Mon 03-30 like D0
        rows = [
            {
                "record": "case",
                "case": f"E{i}",
                "kind": "loan",
                "unit": BANK,
                "facts": {"lender": "local-legal-person-bank", "amount_yuan": 5000000},
                "events": [{"type": "loan.application-received", "on": "2026-03-02"}],
            }
            for i in range(35)
        ]
        more = tmp_path / "more.jsonl"
        more.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        ok(db, "import", str(more))
        units = write_units(tmp_path / "u.toml", {BANK: ["wecombot://${WECOM_KEY}"], BRANCH: []})
        report = run(db, units, "2026-03-27")
        assert (report.sent, len(report.notices)) == (1, 37)  # D0, D2 and the 35
        texts = [p["text"]["content"] for p in hook.posts]
        # the robot takes at most 2048 bytes of UTF-8 text, title included
        assert len(texts) > 1 and all(len(t.encode()) <= 2048 for t in texts)
        assert "(1/" in texts[0]
        whole = "".join(texts)
        assert all(n in whole for n in report.notices)


def test_one_unit_only(db: Path, tmp_path: Path) -> None:
    with smtp_server() as box:
        units = write_units(
            tmp_path / "u.toml",
            {
                BANK: [mail_url(box.port, "a@b.example")],
                BRANCH: [mail_url(box.port, "b@b.example")],
            },
        )
        args = ("send", "--as-of", "2026-03-27", "--units", str(units), "--json")
        report = json.loads(ok(db, *args, "--unit", BRANCH))
        assert report["sent"] == 1 and box.recipients == [["b@b.example"]]
        # the bank's notices were neither sent nor recorded: the next full run sends them
        report = json.loads(ok(db, *args))
        assert report["sent"] == 1 and box.recipients[-1] == ["a@b.example"]
        assert len(report["notices"]) == 2


def test_send_and_outbox_print_the_documented_json_keys(db: Path, tmp_path: Path) -> None:
    from tests.test_cli_output import documented

    docs = documented()
    units = write_units(tmp_path / "u.toml", {BANK: [mail_url(free_port(), "a@b.example")]})
    result = invoke(db, "send", "--as-of", "2026-03-27", "--units", str(units), "--json")
    report = json.loads(result.stdout)  # the one-line summary of the failure is on stderr
    assert list(report) == docs["send"]
    assert list(report["attempts"][0]) == [*docs["outbox"], "error"]
    assert list(json.loads(ok(db, "outbox", "--json"))[0]) == docs["outbox"]
    lines = ok(db, "outbox", "--format", "jsonl").splitlines()
    assert [json.loads(s)["state"] for s in lines] == ["failed"]
