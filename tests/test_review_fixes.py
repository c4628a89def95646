"""Defects a new user (a Chinese-speaking clerk) found on main, each pinned by its expected answer.

Dates are hand-worked: 2026-11-30 is a Monday; no holiday from late November to mid December.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deadlines.cli import main


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)


def ok(db: Path, *args: str) -> str:
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.db"
    ok(path, "init")
    return path


# --- 1. a case without a unit is never filed under the rule file's placeholder -------------------
def test_unitless_case_is_listed_as_no_unit_given_not_under_the_placeholder(db: Path) -> None:
    ok(db, "case", "add", "E-4", "--kind", "enforcement")
    ok(db, "event", "add", "E-4", "enforcement.filed", "--on", "2026-11-30")
    # network query within 1 working day of filing on Mon 11-30: Tue 12-01
    out = ok(db, "remind", "--as-of", "2026-11-30")
    assert "【未指定责任单位】 1 条" in out
    assert "2026-12-01" in out and "E-4" in out
    assert "略" not in out
    english = ok(db, "remind", "--as-of", "2026-11-30", "--lang", "en")
    assert "【no unit given】 1" in english


def test_unitless_notices_are_reported_undeliverable_with_the_fix(db: Path) -> None:
    ok(db, "case", "add", "E-4", "--kind", "enforcement")
    ok(db, "event", "add", "E-4", "enforcement.filed", "--on", "2026-11-30")
    (db.parent / "units.toml").write_text('[units."X"]\nsend_to = []\n', encoding="utf-8")
    result = run(db, "send", "--as-of", "2026-11-30", "--dry-run", "--lang", "en")
    assert result.exit_code == 1
    assert "1 notice cannot be sent: its case has no unit" in result.output
    assert "deadlines case unit ID UNIT" in result.output
    assert "unit '市(略)" not in result.output


def test_a_case_given_its_unit_later_has_its_notices_routed_there(db: Path) -> None:
    """The fix the refusal names: the notices move to the unit, their dates and ids stay."""
    ok(db, "case", "add", "E-4", "--kind", "enforcement")
    ok(db, "event", "add", "E-4", "enforcement.filed", "--on", "2026-11-30")
    before = json.loads(ok(db, "remind", "--as-of", "2026-11-30", "--json"))
    said = json.loads(ok(db, "case", "unit", "E-4", "大武口区人民法院", "--json"))
    assert said == {"case": "E-4", "unit": "大武口区人民法院", "moves": []}
    docs = (Path(__file__).parent.parent / "docs" / "output.md").read_text(encoding="utf-8")
    assert f"- `deadlines case unit`: {', '.join(said)}\n" in docs
    after = json.loads(ok(db, "remind", "--as-of", "2026-11-30", "--json"))
    # network query within 1 working day of filing on Mon 11-30: Tue 12-01, same id
    assert [(n["id"], n["due"]) for n in after] == [(n["id"], n["due"]) for n in before]
    assert [n["unit"] for n in after] == ["大武口区人民法院"] and before[0]["unit"] != after[0][
        "unit"
    ]
    assert "【大武口区人民法院】 1 条" in ok(db, "remind", "--as-of", "2026-11-30")
    (db.parent / "units.toml").write_text(
        '[units."大武口区人民法院"]\nsend_to = ["json://127.0.0.1:9/x"]\n', encoding="utf-8"
    )
    result = run(db, "send", "--as-of", "2026-11-30", "--dry-run")
    assert result.exit_code == 0, result.output  # routed now: nothing undeliverable
    for bad, said_zh in (("", "为空"), ("NOPE-CASE", "未知案件")):
        args = ("E-4", bad) if bad == "" else (bad, "大武口区人民法院")
        refused = run(db, "case", "unit", *args)
        assert refused.exit_code == 1 and said_zh in refused.output
        assert len(refused.output.strip().splitlines()) == 1


def test_a_case_with_its_unit_keeps_it(db: Path) -> None:
    ok(db, "case", "add", "E-5", "--kind", "enforcement", "--unit", "大武口区人民法院")
    ok(db, "event", "add", "E-5", "enforcement.filed", "--on", "2026-11-30")
    assert "【大武口区人民法院】 1 条" in ok(db, "remind", "--as-of", "2026-11-30")


def test_rules_show_says_the_placeholder_unit_is_not_a_unit_in_english() -> None:
    result = CliRunner().invoke(main, ["rules", "show", "L62c", "--lang", "en"])
    assert result.exit_code == 0
    unit_line = next(line for line in result.output.splitlines() if "unit:" in line)
    assert "a placeholder in the plan, not a real unit" in unit_line


# --- 2. reopen needs a closed case, close an open one (as of the --on date) ---------------------
@pytest.fixture()
def filed(db: Path) -> Path:
    ok(db, "case", "add", "E-6", "--kind", "enforcement", "--unit", "大武口区人民法院")
    ok(db, "event", "add", "E-6", "enforcement.filed", "--on", "2026-11-02")
    return db


def events_of(db: Path) -> str:
    return ok(db, "case", "show", "E-6")


def test_reopening_a_case_never_closed_is_refused_and_records_nothing(filed: Path) -> None:
    before = events_of(filed)
    result = run(filed, "case", "reopen", "E-6", "--on", "2026-11-10", "--reason", "x")
    assert result.exit_code != 0
    assert result.output == "错误：案件 E-6 于 2026-11-10 未结案，无需恢复\n"
    assert events_of(filed) == before


def test_closing_twice_is_refused_naming_the_first_close(filed: Path) -> None:
    ok(filed, "case", "close", "E-6", "--on", "2026-11-10", "--reason", "执行完毕")
    before = events_of(filed)
    result = run(
        filed, "case", "close", "E-6", "--on", "2026-11-12", "--reason", "x", "--lang", "en"
    )
    assert result.exit_code != 0
    assert result.output.startswith(
        "Error: case E-6 was already closed on 2026-11-10 (event E-6#2)"
    )
    assert len(result.output.splitlines()) == 1
    assert events_of(filed) == before


def test_open_or_closed_is_judged_as_of_the_on_date(filed: Path) -> None:
    ok(filed, "case", "close", "E-6", "--on", "2026-11-10", "--reason", "执行完毕")
    # the day before the close the case was open: nothing to reopen then
    assert run(filed, "case", "reopen", "E-6", "--on", "2026-11-09").exit_code != 0
    ok(filed, "case", "reopen", "E-6", "--on", "2026-11-12", "--reason", "恢复执行")
    assert run(filed, "case", "reopen", "E-6", "--on", "2026-11-13").exit_code != 0
    ok(filed, "case", "close", "E-6", "--on", "2026-11-16", "--reason", "执行完毕")
    # a close corrected with --supersedes is not a second close
    ok(filed, "event", "add", "E-6", "case.closed", "--on", "2026-11-17", "--supersedes", "E-6#4")


def test_import_refuses_a_reopen_of_a_case_never_closed(db: Path, tmp_path: Path) -> None:
    rows = tmp_path / "r.csv"
    rows.write_text(
        "record,case,kind,unit,facts,type,on,note,data,supersedes,id\n"
        "case,E-7,enforcement,大武口区人民法院,,,,,,,\n"
        "event,E-7,,,,enforcement.filed,2026-11-02,,,,\n"
        "event,E-7,,,,case.reopened,2026-11-05,,,,\n",
        encoding="utf-8",
    )
    result = run(db, "import", str(rows))
    assert result.exit_code != 0
    assert "案件 E-7 于 2026-11-05 未结案，无需恢复" in result.output
    assert run(db, "case", "show", "E-7").exit_code != 0


# --- 3. case show --open --since never hides an overdue duty ------------------------------------
def test_show_open_since_keeps_every_overdue_duty(db: Path) -> None:
    ok(db, "case", "add", "P-1", "--kind", "bankruptcy", "--unit", "石嘴山市中级人民法院")
    ok(db, "case", "fact", "P-1", "track=ordinary")
    ok(db, "event", "add", "P-1", "bankruptcy.accepted", "--on", "2019-04-22")
    # accepted 2019-04-22: over 3 years from 2022-04-23, over 5 years from 2024-04-23 (民法典 202)
    args = ("case", "show", "P-1", "--open", "--as-of", "2026-11-30")
    whole = ok(db, *args)
    since = ok(db, *args, "--since", "2026-11-01")
    for rule, flagged in (
        ("pending-over-3-years", "2022-04-23"),
        ("pending-over-5-years", "2024-04-23"),
    ):
        assert f"bankruptcy.{rule}" in whole and f"bankruptcy.{rule}" in since
        assert flagged in since
    assert "2019-04-22  " not in since  # the acceptance itself is before --since
    assert "无\n" not in since.split("义务")[1]


# --- 4. due WORDS --fact: say which rules the facts ruled out, and refuse unknown facts ---------
def due(*args: str) -> Result:
    return CliRunner().invoke(main, ["due", "贷款", "--from", "2026-02-10", *args])


def test_due_words_with_facts_that_meet_the_rule_answer() -> None:
    # 20 working days from Tue 02-10: 02-11..14 (14 a make-up Saturday), 春节 02-15..23 off,
    # 02-24..28 (28 a make-up Saturday), then 03-02..06, 03-09..13, 03-16 is the 20th
    result = due("--fact", "lender=local-legal-person-bank", "--fact", "amount_yuan=5000000")
    assert result.exit_code == 0 and result.output.startswith("2026-03-16")


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            ["lender=local-legal-person-bank"],
            "错误：“贷款”匹配的规则都不适用于所给事实：credit.small-loan 还需要事实 amount_yuan",
        ),
        (
            ["amount_yuan=50000000"],
            "错误：“贷款”匹配的规则都不适用于所给事实：credit.small-loan 要求 (lender ==",
        ),
        (
            ["foo=1"],
            "错误：匹配的规则(credit.small-loan)不读取事实 'foo'；它们读取：amount_yuan, lender",
        ),
        (["lendr=x"], "不读取事实 'lendr'(是否想输入 'lender'？)"),
    ],
)
def test_due_words_says_why_the_facts_leave_no_rule(facts: list[str], expected: str) -> None:
    result = due(*(a for f in facts for a in ("--fact", f)))
    assert result.exit_code != 0
    assert expected in result.output
    assert "无法理解期限" not in result.output
    assert len(result.output.splitlines()) == 1


def test_due_facts_ruling_out_in_english() -> None:
    result = due("--fact", "amount_yuan=50000000", "--lang", "en")
    assert result.exit_code != 0
    assert result.output.startswith(
        "Error: the facts given rule out every rule '贷款' matches: credit.small-loan requires"
    )
    assert "amount_yuan <= 10000000" in result.output


# --- 5. rules check of the shipped folder does not load it twice --------------------------------
SHIPPED = Path(__file__).resolve().parent.parent / "rules"


def test_checking_the_shipped_rules_folder_passes() -> None:
    result = CliRunner().invoke(main, ["rules", "check", str(SHIPPED), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "duplicate id" not in result.output


def test_a_changed_copy_of_a_shipped_rule_is_still_a_duplicate(tmp_path: Path) -> None:
    text = (SHIPPED / "trade.toml").read_text(encoding="utf-8")
    (tmp_path / "trade.toml").write_text(text.replace("title_en = ", "title_en = 'x' #", 1))
    result = CliRunner().invoke(main, ["rules", "check", str(tmp_path), "--lang", "en"])
    assert result.exit_code != 0
    assert "rule 'trade.port-fee-list': duplicate id" in result.output


# --- 6. import - names standard input, not a temporary file -------------------------------------
@pytest.mark.parametrize(
    ("lang", "name"), [("zh", "错误：标准输入:1："), ("en", "Error: standard input:1: ")]
)
def test_import_from_standard_input_names_it(db: Path, lang: str, name: str) -> None:
    result = CliRunner().invoke(
        main, ["import", "-", "--db", str(db), "--lang", lang], input="hello\n"
    )
    assert result.exit_code != 0
    assert result.output.startswith(name), result.output
    assert "tmp" not in result.output and "stdin.csv" not in result.output


# --- 7. a note of the plan is not an unknown rule -----------------------------------------------
@pytest.mark.parametrize(
    "command", [["rules", "show", "L62e"], ["due", "l62e", "--from", "2026-11-02"]]
)
def test_a_note_is_said_to_be_a_note_with_its_text(command: list[str]) -> None:
    result = CliRunner().invoke(main, command)
    assert result.exit_code != 0
    assert result.output == (
        "错误：L62e(二.十二.62)是规划中的一条说明，不是规则：“评估机构申请延长期限的,从严审查”\n"
    )


def test_a_note_in_english_gives_the_reason_it_is_not_a_rule() -> None:
    result = CliRunner().invoke(main, ["rules", "show", "L62e", "--lang", "en"])
    assert result.exit_code != 0
    assert result.output.startswith("Error: L62e (二.十二.62) is a note of the plan, not a rule: ")
    assert "Not a time limit of its own" in result.output


# --- 8. overdue --by rule heads each group with the rule's title, and its id --------------------
def test_overdue_by_rule_headings_are_titles_in_the_run_language(db: Path) -> None:
    ok(db, "case", "add", "D1", "--kind", "loan", "--unit", "石嘴山银行")
    ok(db, "case", "fact", "D1", "lender=local-legal-person-bank", "amount_yuan=5000000")
    # received Mon 03-02: 20 working days, no holiday before 04-04 -> due Mon 03-30
    ok(db, "event", "add", "D1", "loan.application-received", "--on", "2026-03-02")
    zh = ok(db, "overdue", "--by", "rule", "--as-of", "2026-04-02")
    assert "【1000万元及以下授信和贷款流程时限（credit.small-loan）】 1 条" in zh
    en = ok(db, "overdue", "--by", "rule", "--as-of", "2026-04-02", "--lang", "en")
    assert "(credit.small-loan)】 1" in en and "【credit.small-loan】" not in en
    assert "【石嘴山银行】 1 条" in ok(db, "overdue", "--as-of", "2026-04-02")


# --- 9. 是/否 for a true/false fact, and the undetermined hint names the fact and its values -----
def test_yes_and_no_in_chinese_are_true_and_false(db: Path) -> None:
    import json

    ok(db, "case", "add", "P-2", "--kind", "bankruptcy", "--unit", "石嘴山市中级人民法院")
    ok(db, "case", "fact", "P-2", "simplified=是")
    assert json.loads(ok(db, "case", "show", "P-2", "--json"))["facts"] == {"simplified": True}
    ok(db, "case", "fact", "P-2", "simplified=否")
    assert json.loads(ok(db, "case", "show", "P-2", "--json"))["facts"] == {"simplified": False}


def test_the_undetermined_hint_names_the_missing_fact_and_its_values(db: Path) -> None:
    ok(db, "case", "add", "P-3", "--kind", "bankruptcy", "--unit", "石嘴山市中级人民法院")
    ok(db, "case", "fact", "P-3", "track=ordinary")
    ok(db, "event", "add", "P-3", "bankruptcy.accepted", "--on", "2026-11-02")
    out = ok(db, "next", "P-3", "--as-of", "2026-11-30")
    assert "请用 `deadlines case fact P-3 simplified=true|false` 补充该事实" in out
    assert "名称=值" not in out


# --- 10. --periods on something that does not recur is refused, not ignored ---------------------
@pytest.mark.parametrize("what", ["credit.small-loan", "20wd"])
def test_periods_on_a_rule_or_period_that_does_not_recur_is_refused(what: str) -> None:
    result = CliRunner().invoke(main, ["due", what, "--from", "2026-02-10", "--periods", "3"])
    assert result.exit_code != 0
    assert f"错误：--periods 只用于周期性义务(每月、每半年等)；{what} 不是周期性的" in result.output
    assert len(result.output.splitlines()) == 1


def test_periods_on_a_recurring_rule_gives_that_many_due_dates() -> None:
    # month-end bulletins: Feb 2026 ends Sat 02-28, a make-up working day (调休); Mar 31 is a Tue
    result = CliRunner().invoke(
        main, ["due", "supervision.monthly-bulletin", "--from", "2026-02-13", "--periods", "2"]
    )
    assert result.exit_code == 0
    assert "2026-02-28" in result.output and "2026-03-31" in result.output
