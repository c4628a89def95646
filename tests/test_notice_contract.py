"""The notice contract (decisions.md, "Notices"), end to end through the CLI on temporary stores.

Every expected date is worked out by hand; the calendar facts used (2026, cn-nx):
- March 2026 has no holiday: weekends only (开斋节 falls on Sat 03-21, no weekday off in Ningxia).
- 清明 2026: Sat 04-04 .. Mon 04-06 off; no make-up working day near it.

The five loans of the ``db`` fixture (20 working days from receipt, rule credit.small-loan):
received Mon 03-02 .. Fri 03-06, so due (counting the 20 working days strictly after receipt)
Mon 03-30, Tue 03-31, Wed 04-01, Thu 04-02, Fri 04-03.

`due-soon` is sent from the third working day before the due date (the default ``--ahead 3``):
for a due date D, the day on which D is the third working day ahead. Working backwards:
D0 03-30 -> Wed 03-25; D1 03-31 -> Thu 03-26; D2 04-01 -> Fri 03-27; D3 04-02 -> Mon 03-30;
D4 04-03 -> Tue 03-31.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deadlines.cli import main


def invoke(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)


def ok(db: Path, *args: str) -> str:
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


def dump(db: Path) -> str:
    """The store's SQL dump: 'the store is unchanged' means this is equal."""
    with sqlite3.connect(db) as conn:
        return "\n".join(conn.iterdump())


def sent(db: Path, as_of: str, *extra: str) -> list[dict[str, object]]:
    """What a sending run (`remind --new --format jsonl`) emits on ``as_of``."""
    out = ok(db, "remind", "--new", "--as-of", as_of, "--format", "jsonl", *extra)
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture()
def loan_db(tmp_path: Path) -> Path:
    path = tmp_path / "loans.db"
    ok(path, "init")
    for i, day in enumerate(("02", "03", "04", "05", "06")):
        unit = "石嘴山银行" if i % 2 == 0 else "宁夏银行石嘴山分行"
        facts = ("--fact", "lender=local-legal-person-bank", "--fact", "amount_yuan=5000000")
        ok(path, "case", "add", f"D{i}", "--kind", "loan", "--unit", unit, *facts)
        ok(path, "event", "add", f"D{i}", "loan.application-received", "--on", f"2026-03-{day}")
    return path


def test_looking_changes_nothing_and_new_then_sends_everything(loan_db: Path) -> None:
    before = dump(loan_db)
    ok(loan_db, "remind")
    ok(loan_db, "remind", "--lang", "en")
    ok(loan_db, "remind", "--format", "json")
    ok(loan_db, "remind", "--format", "csv", "--unit", "石嘴山银行")
    ok(loan_db, "remind", "--as-of", "2026-03-27")
    ok(loan_db, "remind", "--as-of", "2026-03-20", "--format", "jsonl")
    ok(loan_db, "overdue", "--as-of", "2026-04-03")
    ok(loan_db, "next", "D0", "--as-of", "2026-03-27")
    ok(loan_db, "case", "show", "D0")
    assert dump(loan_db) == before
    # on Fri 03-27 D0 (03-30), D1 (03-31) and D2 (04-01) are due soon: all three are sent now
    got = sent(loan_db, "2026-03-27")
    assert sorted((n["case"], n["kind"], n["due"]) for n in got) == [
        ("D0", "due-soon", "2026-03-30"),
        ("D1", "due-soon", "2026-03-31"),
        ("D2", "due-soon", "2026-04-01"),
    ]
    assert sent(loan_db, "2026-03-27") == []
    # the full list still shows all three, none of them new any more
    full = json.loads(ok(loan_db, "remind", "--as-of", "2026-03-27", "--format", "json"))
    assert [n["id"] for n in full] == [n["id"] for n in got]
    assert not any(n["new"] for n in full)


# The daily job runs every day from Mon 03-23 to Mon 04-06, except Thu 03-26 .. Tue 03-31 (six
# missed days). Expected, day by day (see the module docstring for the due-soon days):
# 03-23, 03-24: nothing (D0's due-soon starts 03-25);
# 03-25: D0 due-soon;
# catch-up on Wed 04-01: D0 (03-30) and D1 (03-31) overdue, D2 (04-01) due today, D3 (04-02) and
#   D4 (04-03) due soon; the due-soon and due-today notices missed meanwhile are not sent late:
#   each duty is announced in the kind that holds on the day of the run;
# 04-02: D2 overdue, D3 due today;  04-03: D3 overdue, D4 due today;  Sat 04-04: D4 overdue;
# 04-05, 04-06: nothing.
SCHEDULE = {
    "2026-03-23": [],
    "2026-03-24": [],
    "2026-03-25": [("D0", "due-soon")],
    "2026-04-01": [
        ("D0", "overdue"),
        ("D1", "overdue"),
        ("D2", "due-today"),
        ("D3", "due-soon"),
        ("D4", "due-soon"),
    ],
    "2026-04-02": [("D2", "overdue"), ("D3", "due-today")],
    "2026-04-03": [("D3", "overdue"), ("D4", "due-today")],
    "2026-04-04": [("D4", "overdue")],
    "2026-04-05": [],
    "2026-04-06": [],
}


def test_each_kind_is_sent_once_on_its_day_with_a_catch_up(loan_db: Path) -> None:
    ids: list[str] = []
    for day, expected in SCHEDULE.items():
        got = sent(loan_db, day)
        assert sorted((n["case"], n["kind"]) for n in got) == expected, day
        assert all(n["as_of"] == day for n in got)
        ids += [str(n["id"]) for n in got]
    assert len(ids) == len(set(ids)) == 11  # 1 + 5 + 2 + 2 + 1


def test_due_today_is_sent_on_the_due_day(loan_db: Path) -> None:
    # issue 7, point 3: daily runs around D0's due date Mon 03-30
    kinds = {
        day: [n["kind"] for n in sent(loan_db, day, "--unit", "石嘴山银行") if n["case"] == "D0"]
        for day in ("2026-03-25", "2026-03-26", "2026-03-27", "2026-03-30", "2026-03-31")
    }
    assert kinds == {
        "2026-03-25": ["due-soon"],
        "2026-03-26": [],
        "2026-03-27": [],
        "2026-03-30": ["due-today"],
        "2026-03-31": ["overdue"],
    }


def test_jsonl_lines_parse_and_carry_the_day_and_the_run(loan_db: Path) -> None:
    first = ok(loan_db, "remind", "--new", "--as-of", "2026-03-27", "--format", "jsonl")
    lines = first.splitlines()
    assert len(lines) == 3
    rows = [json.loads(line) for line in lines]
    assert {r["as_of"] for r in rows} == {"2026-03-27"}
    assert len({r["run"] for r in rows}) == 1
    # a run with nothing to send writes nothing (a log of appended runs stays line by line)
    assert ok(loan_db, "remind", "--new", "--as-of", "2026-03-27", "--format", "jsonl") == ""
    second = sent(loan_db, "2026-03-30")
    assert second and second[0]["run"] != rows[0]["run"]


def test_a_sending_run_of_a_future_day_is_refused(loan_db: Path) -> None:
    before = dump(loan_db)
    result = invoke(loan_db, "remind", "--new", "--as-of", "2099-01-05")
    assert result.exit_code != 0
    assert "2099-01-05" in result.output and "after today" in result.output
    assert "Traceback" not in result.output
    assert dump(loan_db) == before


def test_a_correction_keeps_ids_and_a_moved_date_is_announced_once(tmp_path: Path) -> None:
    db = tmp_path / "z.db"
    ok(db, "init")
    ok(db, "case", "add", "Z", "--kind", "enforcement")
    ok(db, "event", "add", "Z", "enforcement.filed", "--on", "2026-03-02")
    # no asset named: the seizure itself is the instance. L62a: Thu 03-05 + 30 days = Sat 04-04,
    # in 清明 04-04..06 -> Tue 04-07. Due soon from Wed 04-01 (04-02, 04-03, 04-07 are the three
    # working days from 04-01).
    ok(db, "event", "add", "Z", "enforcement.property-seized", "--on", "2026-03-05")

    def ascertain(day: str) -> list[tuple[object, ...]]:
        return [
            (n["kind"], n.get("old_due"), n["due"])
            for n in sent(db, day)
            if n["rule"] == "enforcement.ascertain-property"
        ]

    assert ascertain("2026-03-31") == []
    assert ascertain("2026-04-01") == [("due-soon", None, "2026-04-07")]
    # the same date again, only the note changed: nothing new to send
    ok(
        db,
        "event",
        "add",
        "Z",
        "enforcement.property-seized",
        "--on",
        "2026-03-05",
        "--note",
        "seal number added",
        "--supersedes",
        "Z#2",
    )
    assert ascertain("2026-04-01") == []
    # seized in fact on Mon 03-09: 03-09 + 30 days = Wed 04-08, a working day. On 04-02 the sender
    # gets one `moved` (04-07 -> 04-08) and the new date's due-soon (04-08 is the third working
    # day after 04-02: 04-03, 04-07, 04-08).
    ok(
        db,
        "event",
        "add",
        "Z",
        "enforcement.property-seized",
        "--on",
        "2026-03-09",
        "--supersedes",
        "Z#3",
    )
    got = [n for n in sent(db, "2026-04-02") if n["rule"] == "enforcement.ascertain-property"]
    assert [(n["kind"], n.get("old_due"), n["due"]) for n in got] == [
        ("moved", "2026-04-07", "2026-04-08"),
        ("due-soon", None, "2026-04-08"),
    ]
    reason = got[0]["reason"]
    assert isinstance(reason, dict) and reason["event"] == "Z#4"
    assert ascertain("2026-04-02") == []
    # 04-08 is due today, then overdue: each once
    assert ascertain("2026-04-08") == [("due-today", None, "2026-04-08")]
    assert ascertain("2026-04-09") == [("overdue", None, "2026-04-08")]
    assert ascertain("2026-04-10") == []
    text = ok(db, "remind", "--as-of", "2026-04-02", "--lang", "en")
    assert "Z" in text


def test_a_moved_date_nobody_was_told_about_needs_no_moved_notice(loan_db: Path) -> None:
    assert sent(loan_db, "2026-03-20") == []
    # D4 received Fri 03-06 -> in fact Mon 03-09: 20 working days -> Mon 04-06 is 清明, so the
    # 20th working day after 03-09 is: 03-10..13 (4), 16..20 (9), 23..27 (14), 30, 31, 04-01,
    # 04-02, 04-03 (19), then 04-04..06 off -> Tue 04-07 (20).
    ok(
        loan_db,
        "event",
        "add",
        "D4",
        "loan.application-received",
        "--on",
        "2026-03-09",
        "--supersedes",
        "D4#1",
    )
    assert [n for n in sent(loan_db, "2026-03-24") if n["kind"] == "moved"] == []
    nxt = json.loads(ok(loan_db, "next", "D4", "--json", "--as-of", "2026-03-24"))
    assert nxt[0]["due"] == "2026-04-07"


def test_recompute_as_of_is_a_preview_that_writes_nothing(loan_db: Path) -> None:
    before = dump(loan_db)
    # as of 2025-01-01 none of the 2026 applications had been received: every obligation would go
    out = ok(loan_db, "recompute", "--as-of", "2025-01-01", "--lang", "en")
    assert "nothing written" in out and "removed" in out
    assert dump(loan_db) == before
    preview = json.loads(ok(loan_db, "recompute", "--as-of", "2025-01-01", "--json"))
    assert (preview["as_of"], preview["preview"], preview["cases"]) == ("2025-01-01", True, 5)
    assert [m["change"] for m in preview["moves"]] == ["removed"] * 5
    lines = ok(loan_db, "recompute", "--as-of", "2025-01-01", "--format", "jsonl").splitlines()
    assert [json.loads(line)["case"] for line in lines] == ["D0", "D1", "D2", "D3", "D4"]
    assert dump(loan_db) == before
    # a plain recompute writes, and finds nothing to change
    assert "0 changes" in ok(loan_db, "recompute", "--lang", "en")


def test_a_missing_fact_gives_an_undetermined_limit_until_it_is_given(tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    ok(db, "init")
    # issue 7, point 7: a loan without facts (or with a misspelt one) used to have no deadline
    ok(
        db,
        "case",
        "add",
        "DK-T2",
        "--kind",
        "loan",
        "--unit",
        "石嘴山银行",
        "--fact",
        "amount=8000000",
    )
    ok(db, "event", "add", "DK-T2", "loan.application-received", "--on", "2026-03-02")
    # credit.small-loan's date if it applies: 20 working days after Mon 03-02 = Mon 03-30
    nxt = json.loads(ok(db, "next", "DK-T2", "--json", "--as-of", "2026-03-03"))[0]
    assert (nxt["rule"], nxt["due"], nxt["status"]) == (
        "credit.small-loan",
        "2026-03-30",
        "undetermined",
    )
    assert "amount_yuan" in " ".join(nxt["steps"]) and "lender" in " ".join(nxt["steps"])
    head = ok(db, "next", "DK-T2", "--as-of", "2026-03-03", "--lang", "en").splitlines()[2]
    assert (
        "2026-03-30" in head and "UNDETERMINED: the case does not state amount_yuan, lender" in head
    )
    assert "UNDETERMINED" in ok(
        db, "case", "show", "DK-T2", "--lang", "en", "--as-of", "2026-03-03"
    )
    got = sent(db, "2026-03-03")
    assert [(n["kind"], n["due"], n["missing"]) for n in got] == [
        ("undetermined", "2026-03-30", ["amount_yuan", "lender"])
    ]
    assert sent(db, "2026-03-04") == []  # once
    # still in the full list every day, and in the overdue view once 03-30 has passed
    assert [
        n["kind"] for n in json.loads(ok(db, "remind", "--as-of", "2026-03-04", "--format", "json"))
    ] == ["undetermined"]
    over = json.loads(ok(db, "overdue", "--as-of", "2026-03-31", "--json"))
    assert over["total"] == 1 and over["groups"][0]["items"][0]["kind"] == "undetermined"
    # the facts arrive: the limit is decided, the same date, so no `moved`; due soon from 03-25
    out = ok(db, "case", "fact", "DK-T2", "lender=local-legal-person-bank", "amount_yuan=8000000")
    assert "DK-T2" in out
    nxt = json.loads(ok(db, "next", "DK-T2", "--json", "--as-of", "2026-03-03"))[0]
    assert (nxt["due"], nxt["status"]) == ("2026-03-30", "pending")
    assert sent(db, "2026-03-24") == []
    assert [(n["kind"], n["due"]) for n in sent(db, "2026-03-25")] == [("due-soon", "2026-03-30")]


def test_variants_undecided_give_the_earliest_candidate(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    ok(db, "init")
    ok(db, "case", "add", "Z", "--kind", "enforcement")
    ok(db, "event", "add", "Z", "enforcement.filed", "--on", "2026-09-01")
    ok(
        db,
        "event",
        "add",
        "Z",
        "enforcement.appraisal-entrusted",
        "--on",
        "2026-09-16",
        "--data",
        "asset=A-1",
    )
    # entrusted Wed 09-16: simple (L62c) + 15 days = Thu 10-01, in 国庆 10-01..07 -> Thu 10-08;
    # complex (L62d) + 30 days = Fri 10-16, a working day. Unknown which: the earlier, 10-08.
    shown = ok(db, "case", "show", "Z", "--lang", "en", "--as-of", "2026-09-17")
    assert "UNDETERMINED" in shown and "property_complexity" in shown
    assert "enforcement.appraisal-complex due 2026-10-16" in shown
    rows = [n for n in sent(db, "2026-09-17") if n["kind"] == "undetermined"]
    assert [(n["rule"], n["due"], n["missing"]) for n in rows] == [
        ("enforcement.appraisal-simple", "2026-10-08", ["property_complexity"])
    ]
    # a misspelt value is refused, with the values the rules know
    result = invoke(db, "case", "fact", "Z", "property_complexity=simpel", "--lang", "en")
    assert result.exit_code == 1 and "did you mean 'simple'" in result.output
    ok(db, "case", "fact", "Z", "property_complexity=complex")
    # decided, not gone: no undetermined notice, and no cancellation (test_notice_cancelled.py)
    gone = [n for n in sent(db, "2026-09-18") if n["kind"] in ("undetermined", "cancelled")]
    assert gone == []
    # 10-16 is the second working day after Wed 10-14 (10-15, 10-16): due soon that day
    got = [(n["rule"], n["kind"], n["due"]) for n in sent(db, "2026-10-14")]
    assert ("enforcement.appraisal-complex", "due-soon", "2026-10-16") in got


def test_a_renewed_licence_moves_its_reminders_once(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    ok(db, "init")
    ok(db, "case", "add", "X1", "--kind", "licence", "--unit", "市生态环境局")
    # expiry Fri 2027-01-29: 60 days before = 01-29 - 29 = 12-31, - 31 = Mon 2026-11-30 (working);
    # 30 days before = Wed 2026-12-30 (working)
    ok(db, "event", "add", "X1", "licence.expires", "--on", "2027-01-29")
    got = sent(db, "2026-11-30")
    assert [(n["rule"], n["kind"], n["due"], n["expiry"]) for n in got] == [
        ("licence.remind-60", "reminder", "2026-11-30", "2027-01-29")
    ]
    ok(db, "event", "add", "X1", "licence.reminded-60", "--on", "2026-11-30")
    # an earlier expiry is not a renewal: refused, with how to correct instead
    result = invoke(
        db, "event", "add", "X1", "licence.expires", "--on", "2027-01-10", "--lang", "en"
    )
    assert result.exit_code == 1
    assert "a renewal must be later" in result.output and "--supersedes X1#1" in result.output
    # renewed to 2027-02-20: 60 days before = 02-20 - 20 = 01-31, - 31 = 12-31, - 9 = Tue
    # 2026-12-22 (working); 30 days before = Thu 2027-01-21 (a weekday, no holiday near it in
    # the provisional 2027 calendar, whose 春节 block is 02-05 .. 02-10)
    out = ok(db, "event", "add", "X1", "licence.expires", "--on", "2027-02-20")
    assert "licence.remind-60: 2026-11-30 -> 2026-12-22" in out
    assert "licence.remind-30: 2026-12-30 -> 2027-01-21" in out
    # the reminder that was sent is announced moved, once, with the renewal as the reason; the
    # 30-day one had not been sent, so it needs no `moved`
    got = sent(db, "2026-11-30")
    assert [(n["rule"], n["kind"], n["old_due"], n["due"]) for n in got] == [
        ("licence.remind-60", "moved", "2026-11-30", "2026-12-22")
    ]
    assert got[0]["reason"] == {
        "cause": "renewal",
        "event": "X1#3",
        "on": "2027-02-20",
        "type": "licence.expires",
        "was": "2027-01-29",
    }
    text = ok(db, "remind", "--as-of", "2026-11-30", "--lang", "en")
    assert "renewed, expiry moved from 2027-01-29 to 2027-02-20" not in text  # already sent
    assert sent(db, "2026-11-30") == []
    # the reminder sent on 11-30 was for the old licence: the new 60-day one is open on 12-22
    day = json.loads(ok(db, "remind", "--as-of", "2026-12-22", "--format", "json"))
    assert [(n["rule"], n["kind"], n["due"], n["expiry"]) for n in day] == [
        ("licence.remind-60", "reminder", "2026-12-22", "2027-02-20")
    ]
    shown = ok(db, "case", "show", "X1", "--lang", "en", "--as-of", "2026-12-22")
    assert "Renewed: expiry moved from 2027-01-29 (Fri) to 2027-02-20 (Sat)" in shown


def test_a_notice_id_is_the_documented_sha1_of_its_meaning(monkeypatch: pytest.MonkeyPatch) -> None:
    """The id is a contract (receivers drop repeats by it): "n" and the first 16 hex digits of
    the SHA-1 of case, rule, instance, kind and due date (and the notice it follows) joined by
    U+001F. The same with CPython's built-in SHA-1 and with hashlib's (OpenSSL's) fallback."""
    import datetime as dt
    import hashlib
    import sys

    from deadlines.notices.contract import notice_id

    meaning = "Z\x1fL62a\x1f\x1fdue-soon\x1f2026-04-07"
    expected = "n" + hashlib.sha1(meaning.encode()).hexdigest()[:16]
    follows = "n" + hashlib.sha1((meaning + "\x1fn0123456789abcdef").encode()).hexdigest()[:16]
    for builtin in (True, False):
        if not builtin:
            monkeypatch.setitem(sys.modules, "_sha1", None)  # import _sha1 fails
        assert notice_id("Z", "L62a", "", "due-soon", dt.date(2026, 4, 7)) == expected
        got = notice_id("Z", "L62a", "", "due-soon", dt.date(2026, 4, 7), "n0123456789abcdef")
        assert got == follows
