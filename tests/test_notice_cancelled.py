"""A duty that was announced and then goes away is announced as gone: one `cancelled` notice
(decisions.md, "Notices"; deadlines.notices.contract), end to end through the CLI.

Hand-worked dates (2026, cn-nx; March has no weekday holiday, 清明 is Sat 04-04 .. Mon 04-06 off):

- Enforcement case Z, property seized Thu 03-05: L62a (30 days) ends Sat 04-04, in 清明, so the
  duty is due Tue 04-07. Due soon from Wed 04-01 (04-02, 04-03, 04-07 are its next three working
  days); on Thu 04-02 and Fri 04-03 too (04-07 is within their three working days).
- The loans of ``loan_db``: 20 working days from receipt; D1 (宁夏银行石嘴山分行) received Tue 03-03
  is due Tue 03-31, due soon from Thu 03-26; on Fri 03-27 D0 (03-30), D1 and D2 (04-01) are due
  soon; on Mon 03-30 D0 is due today and D3 (04-02, 宁夏银行石嘴山分行) comes into the window.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from loopback import webhook_server
from test_notice_contract import dump, invoke, loan_db, ok, sent

from deadlines.notices.contract import notice_id

__all__ = ["loan_db"]  # the loans fixture


ASCERTAIN = "enforcement.ascertain-property"


@pytest.fixture()
def z_db(tmp_path: Path) -> Path:
    """Z filed Mon 03-02, property seized Thu 03-05 (event Z#2): L62a due Tue 04-07, whose
    due-soon notice the sending run of Wed 04-01 emits."""
    db = tmp_path / "z.db"
    ok(db, "init")
    ok(db, "case", "add", "Z", "--kind", "enforcement")
    ok(db, "event", "add", "Z", "enforcement.filed", "--on", "2026-03-02")
    ok(db, "event", "add", "Z", "enforcement.property-seized", "--on", "2026-03-05")
    return db


def ascertain(db: Path, day: str) -> list[dict[str, object]]:
    return [n for n in sent(db, day) if n["rule"] == ASCERTAIN]


def test_a_superseded_trigger_cancels_the_announced_duty_once(z_db: Path) -> None:
    (soon,) = ascertain(z_db, "2026-04-01")
    assert (soon["kind"], soon["due"]) == ("due-soon", "2026-04-07")
    # the seizure was in fact the network query's results: no seizure, no L62a duty
    ok(
        z_db,
        "event",
        "add",
        "Z",
        "enforcement.query-results",
        "--on",
        "2026-03-05",
        "--supersedes",
        "Z#2",
    )
    # a look shows the cancellation as new, in both languages, and records nothing
    before = dump(z_db)
    text_zh = ok(z_db, "remind", "--as-of", "2026-04-02")
    assert (
        "[期限取消] 2026-04-07(星期二) 案件 Z 查封后30日内查明财产状况 〔二.十二.62〕"
        " 原定 2026-04-07 到期，已取消：事件 Z#2 更正为 Z#3(enforcement.query-results,"
        "2026-03-05 → 2026-03-05) [新]"
    ) in text_zh
    assert "【未指定责任单位】" in text_zh  # the case names no unit: listed as such
    text_en = ok(z_db, "remind", "--as-of", "2026-04-02", "--lang", "en")
    assert (
        "[CANCELLED] 2026-04-07(Tue) case Z Ascertain the property's status within 30 days"
        " of seizure [二.十二.62] was due 2026-04-07, no longer due: event Z#2 corrected by Z#3"
        " (enforcement.query-results, 2026-03-05 -> 2026-03-05) [new]"
    ) in text_en
    look = [
        n
        for n in json.loads(ok(z_db, "remind", "--as-of", "2026-04-02", "--format", "json"))
        if n["rule"] == ASCERTAIN
    ]
    assert [(n["kind"], n["new"]) for n in look] == [("cancelled", True)]
    assert dump(z_db) == before
    # the sending run emits it once: the date announced, why, following the due-soon notice
    (gone,) = ascertain(z_db, "2026-04-02")
    assert (gone["kind"], gone["due"], gone["old_due"], gone["days"]) == (
        "cancelled",
        "2026-04-07",
        "2026-04-07",
        0,
    )
    assert gone["id"] == notice_id(
        "Z", ASCERTAIN, "Z#2", "cancelled", dt.date(2026, 4, 7), follows=str(soon["id"])
    )
    assert (gone["unit"], gone["duty"], gone["instance"]) == ("", "deadline", "Z#2")
    assert (gone["clause"], gone["title_zh"]) == ("二.十二.62", "查封后30日内查明财产状况")
    assert gone["reason"] == {
        "cause": "correction",
        "corrects": "Z#2",
        "event": "Z#3",
        "type": "enforcement.query-results",
        "was": "2026-03-05",
        "on": "2026-03-05",
    }
    # never twice: not the same day again, nor the next days; gone from the day's list
    assert ascertain(z_db, "2026-04-02") == []
    assert ascertain(z_db, "2026-04-07") == []
    listed = json.loads(ok(z_db, "remind", "--as-of", "2026-04-07", "--format", "json"))
    assert [n for n in listed if n["rule"] == ASCERTAIN] == []


def test_a_fact_that_cancels_a_duty_then_brings_it_back(z_db: Path) -> None:
    (soon,) = ascertain(z_db, "2026-04-01")
    # the seized property needs no reference price: L62a does not apply
    ok(z_db, "case", "fact", "Z", "needs_reference_price=false")
    (gone,) = ascertain(z_db, "2026-04-02")
    assert (gone["kind"], gone["due"]) == ("cancelled", "2026-04-07")
    reason = gone["reason"]
    assert isinstance(reason, dict) and reason["cause"] == "facts"
    assert "needs_reference_price" in reason["facts"]
    # it does after all: the duty is back, 04-07 again. Its receivers were told it is gone, so
    # its notices are new again (ids following the cancellation), with no `moved`
    ok(z_db, "case", "fact", "Z", "needs_reference_price=true")
    (back,) = ascertain(z_db, "2026-04-03")
    assert (back["kind"], back["due"]) == ("due-soon", "2026-04-07")
    assert back["id"] != soon["id"]
    assert back["id"] == notice_id(
        "Z", ASCERTAIN, "Z#2", "due-soon", dt.date(2026, 4, 7), follows=str(gone["id"])
    )
    assert ascertain(z_db, "2026-04-03") == []
    assert [n["kind"] for n in ascertain(z_db, "2026-04-07")] == ["due-today"]
    # gone a second time: announced again, following the last notice it had
    ok(z_db, "case", "fact", "Z", "needs_reference_price=false")
    (again,) = ascertain(z_db, "2026-04-07")
    assert (again["kind"], again["due"]) == ("cancelled", "2026-04-07")
    assert again["id"] not in (gone["id"], back["id"])


def test_a_duty_nobody_was_told_of_goes_away_without_a_notice(z_db: Path) -> None:
    assert ascertain(z_db, "2026-03-31") == []  # not yet due soon: nothing sent for it
    ok(z_db, "case", "fact", "Z", "needs_reference_price=false")
    assert ascertain(z_db, "2026-04-02") == []
    # and back: its due-soon is new (nothing was ever sent for it)
    ok(z_db, "case", "fact", "Z", "needs_reference_price=true")
    assert [(n["kind"], n["due"]) for n in ascertain(z_db, "2026-04-02")] == [
        ("due-soon", "2026-04-07")
    ]


def test_a_cancellation_goes_to_the_unit_that_was_told(loan_db: Path) -> None:
    assert len(sent(loan_db, "2026-03-27")) == 3  # D0, D1, D2 due soon
    # D1's trigger was not an application after all: its 20-working-day duty goes away
    ok(loan_db, "event", "add", "D1", "loan.decided", "--on", "2026-03-09", "--supersedes", "D1#1")
    look = ok(loan_db, "remind", "--as-of", "2026-03-30", "--format", "csv")
    rows = [line.split(",") for line in look.splitlines()]
    header = rows[0]
    (row,) = [r for r in rows[1:] if r[header.index("kind")] == "cancelled"]
    assert [row[header.index(k)] for k in ("case", "unit", "due", "old_due", "new")] == [
        "D1",
        "宁夏银行石嘴山分行",
        "2026-03-31",
        "2026-03-31",
        "1",
    ]
    # another unit's sending run neither sends nor settles it
    bank = sent(loan_db, "2026-03-30", "--unit", "石嘴山银行")
    assert [(n["case"], n["kind"]) for n in bank] == [("D0", "due-today")]
    branch = sent(loan_db, "2026-03-30", "--unit", "宁夏银行石嘴山分行")
    assert [(n["case"], n["kind"], n["due"]) for n in branch] == [
        ("D1", "cancelled", "2026-03-31"),
        ("D3", "due-soon", "2026-04-02"),
    ]
    assert sent(loan_db, "2026-03-30") == []


def test_a_cancellation_is_delivered_in_the_unit_digest(loan_db: Path, tmp_path: Path) -> None:
    branch = "宁夏银行石嘴山分行"
    with webhook_server() as hook:
        units = tmp_path / "units.toml"
        units.write_text(
            f'[units."{branch}"]\nsend_to = ["json://127.0.0.1:{hook.port}/h"]\n', "utf-8"
        )
        args = ("--units", str(units), "--unit", branch, "--json")
        ok(loan_db, "send", "--as-of", "2026-03-27", *args)  # D1 due soon (03-31)
        ok(
            loan_db,
            "event",
            "add",
            "D1",
            "loan.decided",
            "--on",
            "2026-03-09",
            "--supersedes",
            "D1#1",
        )
        report = json.loads(ok(loan_db, "send", "--as-of", "2026-03-30", *args))
        again = json.loads(ok(loan_db, "send", "--as-of", "2026-03-30", *args))
    # recorded by `send`: nothing left for another sender
    assert [n for n in sent(loan_db, "2026-03-30") if n["kind"] == "cancelled"] == []
    assert len(hook.posts) == 2 and report["sent"] == 1 and again["notices"] == []
    body = hook.posts[1]["message"]
    # D1 cancelled, D3 (04-02) due soon: the title counts none of today's, overdue, reminders
    assert "另有：即将到期 1 件，期限变更 0 件，期限取消 1 件，期限待定 0 件" in body
    assert (
        "[期限取消] 2026-03-31(星期二) 案件 D1 1000万元及以下授信和贷款流程时限 〔二.八.48〕"
        " 原定 2026-03-31 到期，已取消：事件 D1#1 更正为 D1#2(loan.decided,2026-03-03 → 2026-03-09)"
    ) in body
    assert len(report["notices"]) == 2 and all(n in body for n in report["notices"])


SIMPLE, COMPLEX = "enforcement.appraisal-simple", "enforcement.appraisal-complex"


@pytest.fixture()
def appraisal_db(tmp_path: Path) -> Path:
    """Z filed Tue 09-01, appraisal of asset A-1 entrusted Wed 09-16 (Z#2), the property's
    complexity not stated: simple (L62c) + 15 days = Thu 10-01, in 国庆 (10-01 .. 10-07 off) ->
    Thu 10-08; complex (L62d) + 30 days = Fri 10-16, a working day. Undecided: the earlier,
    10-08, whose undetermined notice the sending run of Thu 09-17 emits."""
    db = tmp_path / "a.db"
    ok(db, "init")
    ok(db, "case", "add", "Z", "--kind", "enforcement")
    ok(db, "event", "add", "Z", "enforcement.filed", "--on", "2026-09-01")
    entrusted = ("enforcement.appraisal-entrusted", "--on", "2026-09-16", "--data", "asset=A-1")
    ok(db, "event", "add", "Z", *entrusted)
    return db


def undetermined(db: Path, day: str) -> dict[str, object]:
    (told,) = [n for n in sent(db, day) if n["kind"] == "undetermined"]
    assert (told["rule"], told["instance"], told["due"]) == (SIMPLE, "A-1", "2026-10-08")
    return told


def test_a_fact_that_decides_an_undetermined_duty_moves_it_and_cancels_nothing(
    appraisal_db: Path,
) -> None:
    told = undetermined(appraisal_db, "2026-09-17")
    ok(appraisal_db, "case", "fact", "Z", "property_complexity=complex")
    # the duty is not gone, it is decided: the date announced (10-08) is now 10-16, told once
    (moved,) = sent(appraisal_db, "2026-09-18")
    assert (moved["kind"], moved["rule"], moved["instance"]) == ("moved", COMPLEX, "A-1")
    assert (moved["old_due"], moved["due"], moved["days"]) == ("2026-10-08", "2026-10-16", 8)
    assert moved["reason"] == {"cause": "facts", "facts": "property_complexity=complex"}
    assert moved["id"] == notice_id(
        "Z", COMPLEX, "A-1", "moved", dt.date(2026, 10, 16), follows=str(told["id"])
    )
    assert sent(appraisal_db, "2026-09-18") == []
    # its own notices follow: on Wed 10-14, 10-16 is the second working day ahead (10-15, 10-16)
    assert [(n["rule"], n["kind"], n["due"]) for n in sent(appraisal_db, "2026-10-14")] == [
        (COMPLEX, "due-soon", "2026-10-16")
    ]


def test_a_fact_that_decides_the_earliest_candidate_sends_nothing(appraisal_db: Path) -> None:
    undetermined(appraisal_db, "2026-09-17")
    ok(appraisal_db, "case", "fact", "Z", "property_complexity=simple")
    # the same duty at the date announced (10-08): nothing moved, nothing went away
    assert sent(appraisal_db, "2026-09-18") == []


def test_an_undetermined_duty_whose_trigger_is_corrected_away_is_cancelled(
    appraisal_db: Path,
) -> None:
    told = undetermined(appraisal_db, "2026-09-17")
    # no appraisal was entrusted after all: no duty of the family is left, none decided
    ok(appraisal_db, "event", "add", "Z", "enforcement.query-results", "--on", "2026-09-16",
       "--supersedes", "Z#2")  # fmt: skip
    (gone,) = sent(appraisal_db, "2026-09-18")
    assert (gone["kind"], gone["rule"], gone["due"]) == ("cancelled", SIMPLE, "2026-10-08")
    assert gone["id"] == notice_id(
        "Z", SIMPLE, "A-1", "cancelled", dt.date(2026, 10, 8), follows=str(told["id"])
    )


REPORTED = "enforcement.appraisal-reported"


def test_an_undetermined_duty_done_is_not_cancelled(appraisal_db: Path) -> None:
    """The report of A-1 completes either candidate (L62c, L62d): the duty is done, not gone."""
    undetermined(appraisal_db, "2026-09-17")
    ok(appraisal_db, "event", "add", "Z", REPORTED, "--on", "2026-09-20", "--data", "asset=A-1")
    assert sent(appraisal_db, "2026-09-21") == []
    # the move is settled: a later run does not find it again
    assert sent(appraisal_db, "2026-09-22") == []


def test_a_replay_before_the_report_does_not_cancel_the_duty_done(appraisal_db: Path) -> None:
    """A run for Sat 09-19, the day before the report (Sun 09-20) it already holds."""
    undetermined(appraisal_db, "2026-09-17")
    ok(appraisal_db, "event", "add", "Z", REPORTED, "--on", "2026-09-20", "--data", "asset=A-1")
    assert sent(appraisal_db, "2026-09-19") == []


def test_a_report_of_another_asset_leaves_the_undetermined_duty_open(appraisal_db: Path) -> None:
    told = undetermined(appraisal_db, "2026-09-17")
    ok(appraisal_db, "event", "add", "Z", REPORTED, "--on", "2026-09-20", "--data", "asset=B-2")
    assert sent(appraisal_db, "2026-09-21") == []  # nothing moved, nothing went away
    out = ok(appraisal_db, "remind", "--as-of", "2026-09-21", "--format", "jsonl")
    listed = [json.loads(line) for line in out.splitlines()]
    # still open under the id it was told with; (L63a's overdue of 09-02, told on 09-17)
    assert [(n["kind"], n["rule"], n["instance"], n["id"]) for n in listed] == [
        ("undetermined", SIMPLE, "A-1", told["id"]),
        ("overdue", "enforcement.network-query", "", notice_id(
            "Z", "enforcement.network-query", "", "overdue", dt.date(2026, 9, 2))),
    ]  # fmt: skip


def test_a_report_before_the_entrustment_does_not_complete_it(appraisal_db: Path) -> None:
    """Completed by a report on or after the entrustment (Wed 09-16) only: one of Tue 09-15 is
    not this duty's, whose entrustment is then corrected away: a true cancellation."""
    told = undetermined(appraisal_db, "2026-09-17")
    ok(appraisal_db, "event", "add", "Z", REPORTED, "--on", "2026-09-15", "--data", "asset=A-1")
    ok(appraisal_db, "event", "add", "Z", "enforcement.query-results", "--on", "2026-09-16",
       "--supersedes", "Z#2")  # fmt: skip
    (gone,) = sent(appraisal_db, "2026-09-18")
    assert (gone["kind"], gone["rule"], gone["due"]) == ("cancelled", SIMPLE, "2026-10-08")
    assert gone["id"] == notice_id(
        "Z", SIMPLE, "A-1", "cancelled", dt.date(2026, 10, 8), follows=str(told["id"])
    )


def test_a_fact_that_rules_out_the_undetermined_variant_cancels_it(tmp_path: Path) -> None:
    """Not a decision: the other rule of the same trigger is no candidate of its family."""
    db = tmp_path / "t.db"
    ok(db, "init")
    ok(db, "case", "add", "T", "--kind", "vat-refund")
    # accepted Mon 03-02 (March 2026: no weekday holiday): the manufacturing refund (2 working
    # days) Wed 03-04, undetermined (is it manufacturing?); the refund of item 51 (10 working
    # days: 03-03 .. 03-06, 03-09 .. 03-13, 03-16) Mon 03-16, not within 3 working days yet
    ok(db, "event", "add", "T", "vat-refund.accepted", "--on", "2026-03-02")
    manufacturing = "tax.vat-credit-refund-manufacturing"
    (told,) = sent(db, "2026-03-03")
    assert (told["kind"], told["rule"], told["due"]) == (
        "undetermined",
        manufacturing,
        "2026-03-04",
    )
    ok(db, "case", "fact", "T", "manufacturing=false")
    # the manufacturing duty is gone; the 03-16 one was there all along, and is not a move
    (gone,) = sent(db, "2026-03-04")
    assert (gone["kind"], gone["rule"], gone["due"]) == ("cancelled", manufacturing, "2026-03-04")
    assert (gone["unit"], gone["reason"]) == (
        "市税务局",
        {"cause": "facts", "facts": "manufacturing=False"},
    )


PRICING = "enforcement.start-pricing"


def test_a_duty_done_before_it_went_away_is_not_cancelled(z_db: Path) -> None:
    ascertain(z_db, "2026-04-01")  # L62a due soon, 04-07
    ok(z_db, "event", "add", "Z", "enforcement.property-ascertained", "--on", "2026-04-01")
    # L62a is done on 04-01. L62b: ascertained Wed 04-01 + 7 days = Wed 04-08, capped by the
    # national 30 days from the seizure (the L62a date above, Tue 04-07): 04-07, due soon
    assert [(n["rule"], n["kind"], n["due"]) for n in sent(z_db, "2026-04-02")] == [
        (PRICING, "due-soon", "2026-04-07")
    ]
    ok(z_db, "event", "add", "Z", "enforcement.query-results", "--on", "2026-03-05",
       "--supersedes", "Z#2")  # fmt: skip
    # both duties go with the seizure: the one done is not announced cancelled, the open one is
    assert [(n["rule"], n["kind"], n["due"]) for n in sent(z_db, "2026-04-03")] == [
        (PRICING, "cancelled", "2026-04-07")
    ]


def test_a_closed_case_s_duty_that_goes_away_is_not_cancelled(z_db: Path) -> None:
    ascertain(z_db, "2026-04-01")
    ok(z_db, "case", "close", "Z", "--on", "2026-04-02", "--reason", "paid in full")
    ok(z_db, "event", "add", "Z", "enforcement.query-results", "--on", "2026-03-05",
       "--supersedes", "Z#2")  # fmt: skip
    assert sent(z_db, "2026-04-03") == []


def test_a_cancellation_goes_to_the_unit_told_not_the_case_s_new_one(loan_db: Path) -> None:
    assert len(sent(loan_db, "2026-03-27")) == 3  # D1 (宁夏银行石嘴山分行) due soon, 03-31
    ok(loan_db, "case", "unit", "D1", "石嘴山银行")
    ok(loan_db, "event", "add", "D1", "loan.decided", "--on", "2026-03-09", "--supersedes", "D1#1")
    # the branch was told D1 is due 03-31: the branch hears it is cancelled, not the bank
    bank = sent(loan_db, "2026-03-30", "--unit", "石嘴山银行")
    assert [(n["case"], n["kind"]) for n in bank] == [("D0", "due-today")]
    branch = sent(loan_db, "2026-03-30", "--unit", "宁夏银行石嘴山分行")
    assert [(n["case"], n["kind"], n["unit"]) for n in branch] == [
        ("D1", "cancelled", "宁夏银行石嘴山分行"),
        ("D3", "due-soon", "宁夏银行石嘴山分行"),
    ]
    assert sent(loan_db, "2026-03-30") == []


def test_a_unit_no_case_names_any_more_is_still_sent_its_cancellation(tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    ok(db, "init")
    ok(db, "case", "add", "Z", "--kind", "enforcement", "--unit", "执行一庭")
    ok(db, "event", "add", "Z", "enforcement.filed", "--on", "2026-03-02")
    ok(db, "event", "add", "Z", "enforcement.property-seized", "--on", "2026-03-05")
    # L62a due Tue 04-07 (z_db above): due soon on Wed 04-01, sent to 执行一庭
    first = sent(db, "2026-04-01", "--unit", "执行一庭")
    assert [(n["rule"], n["kind"]) for n in first if n["rule"] == ASCERTAIN] == [
        (ASCERTAIN, "due-soon")
    ]
    ok(db, "case", "unit", "Z", "执行二庭")
    ok(db, "event", "add", "Z", "enforcement.query-results", "--on", "2026-03-05",
       "--supersedes", "Z#2")  # fmt: skip
    # 执行一庭 no longer names a case or a duty, but it was told: its run sends the cancellation
    assert [
        (n["rule"], n["kind"], n["unit"]) for n in sent(db, "2026-04-02", "--unit", "执行一庭")
    ] == [(ASCERTAIN, "cancelled", "执行一庭")]
    assert sent(db, "2026-04-02", "--unit", "执行二庭") == []
    # settled: a unit nobody names and nothing is owed to is a typing slip again
    result = invoke(db, "remind", "--as-of", "2026-04-02", "--unit", "执行一庭", "--lang", "en")
    assert result.exit_code == 1 and "no obligation of unit '执行一庭'" in result.output
