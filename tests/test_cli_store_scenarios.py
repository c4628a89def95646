"""End to end through the CLI on a temporary store: one scenario per rule family.

Every expected date below is worked out by hand from the law and the holiday notices (the
calendar facts used are written next to each), never by calling the code:

2026 (State Council notice of 2025-11-04): 春节 02-15..23 off, 02-14 (Sat) and 02-28 (Sat) worked;
清明 04-04..06 off; 中秋 09-25..27 off; 国庆 10-01..07 off, 09-20 (Sun) and 10-10 (Sat) worked.
Ningxia 2026 (low confidence): 古尔邦节 05-27..28 (Wed-Thu) off.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deadlines.cli import main


@pytest.fixture()
def cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = str(tmp_path / "t.db")
    runner = CliRunner()

    def run(*args: str, ok: bool = True) -> Result:
        result = runner.invoke(main, [*args, "--db", db], catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    run("init")
    return run


def next_json(run, case: str, as_of: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The most urgent item `next` lists (it lists everything overdue, then the soonest)."""
    items = json.loads(run("next", case, "--json", "--as-of", as_of).output)
    return items[0] if items else {"due": None}  # type: ignore[no-any-return]


def remind_json(run, as_of: str, *extra: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    out = run("remind", "--as-of", as_of, "--format", "json", *extra).output
    return json.loads(out)  # type: ignore[no-any-return]


def test_enforcement_chain_and_correction(cli) -> None:  # type: ignore[no-untyped-def]
    cli("case", "add", "Z1", "--kind", "enforcement", "--unit", "大武口区人民法院")
    cli("event", "add", "Z1", "enforcement.filed", "--on", "2026-03-02")
    # L63a: 1 working day strictly after Mon 03-02 -> Tue 03-03
    nxt = next_json(cli, "Z1", "2026-03-02")
    assert (nxt["rule"], nxt["clause"], nxt["due"]) == (
        "enforcement.network-query",
        "二.十二.63",
        "2026-03-03",
    )
    assert nxt["working_days_left"] == 1 and nxt["provisional"] is False and nxt["steps"]
    cli("event", "add", "Z1", "enforcement.query-launched", "--on", "2026-03-03")
    # L62a: seized Thu 03-05 + 30 days = Sat 04-04, inside 清明 04-04..06 -> Tue 04-07
    cli(
        "event",
        "add",
        "Z1",
        "enforcement.property-seized",
        "--on",
        "2026-03-05",
        "--data",
        "asset=A-1",
    )
    assert next_json(cli, "Z1", "2026-03-06")["due"] == "2026-04-07"
    # L62b: ascertained Wed 04-01 + 7 days = Wed 04-08; the national cap (seizure + 30 days,
    # 04-07) is earlier and binds
    cli(
        "event",
        "add",
        "Z1",
        "enforcement.property-ascertained",
        "--on",
        "2026-04-01",
        "--data",
        "asset=A-1",
    )
    nxt = next_json(cli, "Z1", "2026-04-02")
    assert (nxt["rule"], nxt["due"]) == ("enforcement.start-pricing", "2026-04-07")
    # Correct the seizure to Mon 03-02: L62a -> 03-02 + 30 = Wed 04-01 (met that day), and the
    # cap moves the chained step to 04-01 as well: the whole chain moves.
    out = cli(
        "event",
        "add",
        "Z1",
        "enforcement.property-seized",
        "--on",
        "2026-03-02",
        "--data",
        "asset=A-1",
        "--supersedes",
        "Z1#3",
    ).output
    assert "enforcement.ascertain-property [A-1]: 2026-04-07 -> 2026-04-01" in out
    assert "enforcement.start-pricing [A-1]: 2026-04-07 -> 2026-04-01" in out
    shown = cli("case", "show", "Z1", "--as-of", "2026-04-02", "--lang", "en").output
    assert "[superseded by Z1#5]" in shown and "(corrects Z1#3)" in shown
    # 2026 rests on low-confidence Ningxia data (cn-nx): the date is marked where it is shown
    assert "due 2026-04-01 (Wed) [low-confidence Ningxia holiday data] · met on time" in shown
    assert "[已被 Z1#5 更正]" in cli("case", "show", "Z1").output


def test_appraisal_rolls_over_national_day_and_extension(cli) -> None:  # type: ignore[no-untyped-def]
    cli("case", "add", "Z2", "--kind", "enforcement", "--fact", "property_complexity=simple")
    cli("event", "add", "Z2", "enforcement.filed", "--on", "2026-09-01")
    cli("event", "add", "Z2", "enforcement.query-launched", "--on", "2026-09-02")
    # L62c: entrusted Wed 09-16 + 15 days = Thu 10-01, 国庆 10-01..07 -> Thu 10-08
    cli(
        "event",
        "add",
        "Z2",
        "enforcement.appraisal-entrusted",
        "--on",
        "2026-09-16",
        "--data",
        "asset=A-1",
    )
    assert next_json(cli, "Z2", "2026-09-17")["due"] == "2026-10-08"
    # extension of 10 days, added before the roll: 10-01 + 10 = Sun 10-11 -> Mon 10-12
    cli(
        "event",
        "add",
        "Z2",
        "enforcement.appraisal-extended",
        "--on",
        "2026-09-28",
        "--data",
        "asset=A-1",
        "--data",
        "period=10 days",
    )
    assert next_json(cli, "Z2", "2026-09-29")["due"] == "2026-10-12"


def test_pause_extends_a_court_limit_and_aging_flags(cli) -> None:  # type: ignore[no-untyped-def]
    cli("case", "add", "P1", "--kind", "bankruptcy", "--fact", "track=no-asset")
    # L65c: accepted Mon 2026-01-05 + 3 months = Sun 04-05 (清明) -> Tue 04-07
    cli("event", "add", "P1", "bankruptcy.accepted", "--on", "2026-01-05")
    assert next_json(cli, "P1", "2026-01-06")["due"] == "2026-04-07"
    # suspended 02-02 .. resumed 02-11: 10 days deducted (both ends), added to the raw end 04-05
    # before the roll: 04-15 (Wed), a working day
    cli("event", "add", "P1", "court.suspended", "--on", "2026-02-02", "--data", "reason=公告")
    cli("event", "add", "P1", "court.resumed", "--on", "2026-02-11")
    nxt = next_json(cli, "P1", "2026-02-12")
    assert (nxt["rule"], nxt["due"]) == ("bankruptcy.simple-case-limit", "2026-04-15")
    # L65a/b: accepted 2021-03-10; 超5年 from the day after 2026-03-10, 超3年 after 2024-03-10
    # (an ordinary, not simplified, case: without saying so its 3-month limit is undetermined)
    cli(
        "case",
        "add",
        "P2",
        "--kind",
        "bankruptcy",
        "--unit",
        "惠农区人民法院",
        "--fact",
        "track=ordinary",
        "--fact",
        "simplified=false",
    )
    cli("event", "add", "P2", "bankruptcy.accepted", "--on", "2021-03-10")
    on_10 = {n["rule"] for n in remind_json(cli, "2026-03-10") if n["case"] == "P2"}
    on_11 = {n["rule"] for n in remind_json(cli, "2026-03-11") if n["case"] == "P2"}
    assert on_10 == {"bankruptcy.pending-over-3-years"}
    assert on_11 == {"bankruptcy.pending-over-3-years", "bankruptcy.pending-over-5-years"}


def test_licence_reminders_roll_back(cli) -> None:  # type: ignore[no-untyped-def]
    cli("case", "add", "X1", "--kind", "licence", "--unit", "市生态环境局")
    # expiry Sat 2026-10-31: 60 days before = Tue 09-01 (working); 30 days before = Thu 10-01
    # (国庆) -> back to Wed 09-30
    cli("event", "add", "X1", "licence.expires", "--on", "2026-10-31")
    assert [n["rule"] for n in remind_json(cli, "2026-08-31")] == []
    first = remind_json(cli, "2026-09-01")
    assert [(n["rule"], n["kind"], n["due"], n["unit"]) for n in first] == [
        ("licence.remind-60", "reminder", "2026-09-01", "市生态环境局")
    ]
    assert {n["rule"] for n in remind_json(cli, "2026-09-29")} == {"licence.remind-60"}
    assert {n["due"] for n in remind_json(cli, "2026-09-30")} == {"2026-09-01", "2026-09-30"}


def test_loan_working_days_over_national_day(cli) -> None:  # type: ignore[no-untyped-def]
    cli(
        "case",
        "add",
        "D1",
        "--kind",
        "loan",
        "--fact",
        "lender=local-legal-person-bank",
        "--fact",
        "amount_yuan=10000000",
        "--unit",
        "石嘴山银行",
    )
    # 20 working days after Thu 09-24: 09-25 is 中秋 (09-25..27 off), so 09-28, 29, 30 (3);
    # 10-08, 09, 10 (Sat, worked) (6); 10-12..16 (11); 10-19..23 (16); 10-26..29 (20) -> Thu 10-29
    cli("event", "add", "D1", "loan.application-received", "--on", "2026-09-24")
    assert next_json(cli, "D1", "2026-09-25")["due"] == "2026-10-29"
    # above 10,000,000 yuan the plan's limit does not apply
    cli(
        "case",
        "add",
        "D2",
        "--kind",
        "loan",
        "--fact",
        "lender=local-legal-person-bank",
        "--fact",
        "amount_yuan=10000001",
    )
    cli("event", "add", "D2", "loan.application-received", "--on", "2026-09-24")
    assert next_json(cli, "D2", "2026-09-25")["due"] is None


def test_vat_refund_skips_ningxia_holiday(cli) -> None:  # type: ignore[no-untyped-def]
    cli("case", "add", "T1", "--kind", "vat-refund", "--fact", "manufacturing=true")
    # accepted Tue 05-26; 05-27..28 古尔邦节 (Ningxia) -> working days 05-29 (1), 06-01 (2):
    # L51b due Mon 06-01; L51a 10 working days: 06-02..05 (6), 06-08..11 (10) -> Thu 06-11
    cli("event", "add", "T1", "vat-refund.accepted", "--on", "2026-05-26")
    due = {n["rule"]: n["due"] for n in remind_json(cli, "2026-06-11", "--ahead", "0")}
    assert due == {
        "tax.vat-credit-refund-manufacturing": "2026-06-01",
        "tax.vat-credit-refund": "2026-06-11",
    }


def test_project_forty_working_days(cli) -> None:  # type: ignore[no-untyped-def]
    cli("case", "add", "J1", "--kind", "project", "--unit", "市审批局")
    # 40 working days after Mon 2025-11-03: Nov 4-7 (4), 10-14 (9), 17-21 (14), 24-28 (19),
    # Dec 1-5 (24), 8-12 (29), 15-19 (34), 22-26 (39), 29 (40) -> Mon 2025-12-29
    cli("event", "add", "J1", "project.accepted", "--on", "2025-11-03")
    assert next_json(cli, "J1", "2025-11-04")["due"] == "2025-12-29"


def test_monthly_and_half_yearly_duties(cli) -> None:  # type: ignore[no-untyped-def]
    cli("case", "add", "S1", "--kind", "supervision", "--unit", "市营商办")
    cli("event", "add", "S1", "supervision.duty-started", "--on", "2026-01-05")
    cli(
        "event",
        "add",
        "S1",
        "supervision.bulletin-issued",
        "--on",
        "2026-02-03",
        "--data",
        "period=2026-01",
    )
    # January's bulletin: month end Sat 01-31 -> Mon 02-02; issued 02-03, so met late.
    # February's: month end Sat 02-28 is a make-up working day, so due 02-28 itself.
    late = {n["due"]: n["kind"] for n in remind_json(cli, "2026-03-02") if n["case"] == "S1"}
    assert late == {"2026-02-28": "overdue"}
    cli("case", "add", "K1", "--kind", "port-fees", "--unit", "市商务局")
    cli("event", "add", "K1", "port-fees.duty-started", "--on", "2025-03-01")
    # H1 2025 ends Mon 06-30 (a working day); H2 2025 ends Wed 12-31
    dues = {n["due"] for n in remind_json(cli, "2026-01-05") if n["case"] == "K1"}
    assert dues == {"2025-06-30", "2025-12-31"}


def test_consultation_window(cli) -> None:  # type: ignore[no-untyped-def]
    cli("case", "add", "H1", "--kind", "consultation")
    # published Tue 2023-02-07 + 30 days = Thu 03-09: the printed window's last day
    cli("event", "add", "H1", "consultation.published", "--on", "2023-02-07")
    assert next_json(cli, "H1", "2023-02-08")["due"] == "2023-03-09"


def test_provisional_year_is_marked(cli) -> None:  # type: ignore[no-untyped-def]
    cli("case", "add", "X2", "--kind", "licence")
    # expiry Wed 2027-03-31 (no 2027 notice yet: provisional calendar). 60 days before is
    # Sat 01-30 -> back to Fri 01-29; 30 days before is Mon 03-01.
    cli("event", "add", "X2", "licence.expires", "--on", "2027-03-31")
    nxt = next_json(cli, "X2", "2027-01-04")
    assert (nxt["rule"], nxt["due"], nxt["provisional"]) == (
        "licence.remind-60",
        "2027-01-29",
        True,
    )
    shown = remind_json(cli, "2027-03-01")  # a future day: a preview, but the same list
    assert {(n["due"], n["provisional"]) for n in shown} == {
        ("2027-01-29", True),
        ("2027-03-01", True),
    }


def test_a_replay_does_not_show_a_duty_whose_event_came_later(cli) -> None:  # type: ignore[no-untyped-def]
    """Filed Thu 2026-10-08: the network query is due 1 working day later, Fri 10-09 (10/1-10/7
    were the National Day holiday, 10-08 and 10-09 are working days). Deposits eligible Thu
    11-26: deduction due on the 3rd working day after, 11-27 (Fri), 11-30 (Mon), 12-01 (Tue).
    Replaying 11-20, before the deposits became eligible, shows only the query, 42 days overdue
    (10-09 + 42 days = 11-20); from 11-26 on, both."""
    cli("case", "add", "E-R1", "--kind", "enforcement", "--fact", "property_complexity=simple")
    cli("event", "add", "E-R1", "enforcement.filed", "--on", "2026-10-08")
    cli("event", "add", "E-R1", "enforcement.deposit-eligible", "--on", "2026-11-26")

    def listed(as_of: str) -> list[tuple[object, object]]:
        items = json.loads(cli("next", "E-R1", "--json", "--as-of", as_of).output)
        return [(i["rule"], i["due"]) for i in items]

    assert listed("2026-11-20") == [("enforcement.network-query", "2026-10-09")]
    assert listed("2026-11-26") == [
        ("enforcement.network-query", "2026-10-09"),
        ("enforcement.deposit-deduction", "2026-12-01"),
    ]
    assert "2026-12-01" not in cli("remind", "--as-of", "2026-11-20", "--format", "json").output

    def counted(as_of: str) -> tuple[object, object, object]:
        (row,) = json.loads(cli("case", "list", "--as-of", as_of, "--json").output)
        return row["open"], row["overdue"], row["next_due"]

    # case list counts what next lists: on 11-20 one duty, overdue, nothing ahead; on 11-26 the
    # deduction too, due 12-01.
    assert counted("2026-11-20") == (1, 1, None)
    assert counted("2026-11-26") == (2, 1, "2026-12-01")


def test_a_closed_case_gives_no_notices_until_it_is_reopened(cli) -> None:  # type: ignore[no-untyped-def]
    """A small loan received Mon 2026-11-02 is due on the 20th working day after it, Mon 11-30
    (no holiday in November 2026), so on 12-01 it is one day overdue. Closed on 11-20, the
    case has nothing left to do; reopened on 11-25, the duty is back."""
    cli(
        "case", "add", "DK-C1", "--kind", "loan", "--unit", "石嘴山银行",
        "--fact", "lender=local-legal-person-bank", "--fact", "amount_yuan=100",
    )  # fmt: skip
    cli("event", "add", "DK-C1", "loan.application-received", "--on", "2026-11-02")

    def shown() -> tuple[bool, bool, bool]:
        remind = cli("remind", "--as-of", "2026-12-01", "--format", "json").output
        items = json.loads(cli("next", "DK-C1", "--json", "--as-of", "2026-12-01").output)
        overdue = cli("overdue", "--as-of", "2026-12-01").output
        return "DK-C1" in remind, bool(items), "DK-C1" in overdue

    assert shown() == (True, True, True)
    assert (
        json.loads(cli("next", "DK-C1", "--json", "--as-of", "2026-12-01").output)[0]["due"]
        == "2026-11-30"
    )
    cli("case", "close", "DK-C1", "--on", "2026-11-20", "--reason", "申请人撤回申请")
    assert shown() == (False, False, False)
    cli("case", "reopen", "DK-C1", "--on", "2026-11-25", "--reason", "重新受理")
    assert shown() == (True, True, True)


def test_case_list_counts_agree_with_the_obligations_themselves(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`case list` counts open and overdue duties in SQL; `next` and the notices decide them from
    each obligation (deadlines.model). The two must agree on every day, whatever came when: the
    sample cases plus a licence whose reminders count back from its expiry, replayed daily from
    before the first event to past the last due date."""
    import datetime as dt

    from deadlines.model import open_on, status_on
    from deadlines.notices.case_view import case_rows
    from deadlines.store.database import open_store

    cli("import", str(Path(__file__).parent.parent / "seeds" / "sample.csv"))
    cli("case", "add", "L-1", "--kind", "licence")
    cli("event", "add", "L-1", "licence.expires", "--on", "2027-01-31")
    db = str(tmp_path / "t.db")
    with open_store(db) as store:
        day = dt.date(2026, 10, 25)
        checked = 0
        while day <= dt.date(2027, 2, 10):
            for row in case_rows(store, day):
                obs = [ob for ob in store.obligations(row["case"]) if open_on(ob, day)]
                ahead = [ob.due for ob in obs if ob.due is not None and ob.due >= day]
                late = [ob for ob in obs if status_on(ob, day) in ("overdue", "flagged")]
                assert (row["open"], row["overdue"]) == (len(obs), len(late)), (row, day)
                expected_next = min(ahead).isoformat() if ahead else None
                assert row["next_due"] == expected_next, (row, day)
                checked += row["open"]
            day += dt.timedelta(days=1)
        assert checked > 100
