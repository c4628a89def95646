"""``deadlines rules list|show|check`` and ``deadlines due RULE_ID`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import main
from deadlines.messages import Lang
from deadlines.rules import Rule, load_rules
from deadlines.rules.answers import default_reason_in, sources_in
from deadlines.rules.files import RULE_KEYS
from tests.test_cli_language import english_words, known_ids

pytestmark = pytest.mark.usefixtures("english")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"DEADLINES_RULES": "", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def test_rules_list_json_has_the_keys_of_the_issue() -> None:
    code, out, _ = run("rules", "list", "--json")
    assert code == 0
    data = json.loads(out)
    keys = {"id", "title_zh", "title_en", "clause", "case_kind", "trigger", "period", "direction"}
    assert all(keys | {"calendar"} <= set(r) for r in data)
    by_id = {r["id"]: r for r in data}
    loan = by_id["credit.small-loan"]
    assert (loan["clause"], loan["period"], loan["direction"], loan["calendar"]) == (
        "二.八.48",
        "20 working days",
        "from",
        "cn-nx",
    )
    assert loan["trigger"] == "loan.application-received"
    assert by_id["licence.remind-60"]["direction"] == "before"
    # a chain starts from the completion of the rule it follows
    assert by_id["enforcement.start-pricing"]["trigger"] == "enforcement.property-ascertained"
    # every period printed is one `deadlines due` accepts
    for r in data:
        if r["period"] and r["kind"] != "recurring":
            assert run("due", r["period"], "--from", "2026-03-02")[0] == 0


def test_rules_list_shows_clauses_and_the_rows_that_are_not_rules() -> None:
    code, out, _ = run("rules", "list")
    assert code == 0
    assert out.splitlines()[0].split()[:5] == ["ID", "REF", "CLAUSE", "PERIOD", "DIR"]
    line = next(s for s in out.splitlines() if s.startswith("enforcement.online-seizure "))
    assert "L63b" in line and "二.十二.63" in line and "1 working day" in line
    assert "[off until configured]" in out
    assert "Not a rule: L62e (二.十二.62)" in out


def test_rules_show_prints_the_rule_its_quote_and_an_example() -> None:
    code, out, _ = run("rules", "show", "enforcement.network-query")
    assert code == 0
    assert "立案后1个工作日内同步发起点对点、总对总网络查询" in out
    # 1 working day after 2026-09-30: 国庆 10-01..07 rest, so 10-08 (Thu)
    assert "from 2026-09-30 (Wed) → due 2026-10-08 (Thu)" in out
    code, out, _ = run("rules", "show", "licence.remind-30", "--example", "2026-10-31")
    # 10-31 - 30 = 10-01 (国庆 rest): back to 09-30 (Wed)
    assert "expiry 2026-10-31 (Sat) → remind on 2026-09-30 (Wed)" in out
    code, out, _ = run("rules", "show", "trade.port-fee-list")
    assert "the period 2026-H2 (2026-07-01 (Wed) – 2026-12-31 (Thu)) is due 2026-12-31 (Thu)" in out


def test_rules_show_unknown_id_suggests_one() -> None:
    code, out, err = run("rules", "show", "credit.smal-loan")
    assert code == 1 and out == ""
    assert err.strip() == (
        "Error: unknown rule 'credit.smal-loan' (did you mean 'credit.small-loan'?); "
        "`deadlines rules list` shows the 23 rule ids"
    )
    code, out, err = run("rules", "show", "nope")
    assert code == 1 and out == ""
    assert err.strip() == "Error: unknown rule 'nope'; `deadlines rules list` shows the 23 rule ids"


def test_rules_check_ok_and_with_errors(tmp_path: Path) -> None:
    code, out, _ = run("rules", "check")
    assert code == 0 and out.startswith("ok: 23 rules, 2 notes")
    bad = tmp_path / "x.toml"
    bad.write_text('[[rule]]\nid = "loan.approval"\nperiod = "20 wd days"\n', encoding="utf-8")
    code, out, _ = run("rules", "check", str(bad))
    assert code == 1
    lines = out.splitlines()
    assert (
        f"{bad}:3: rule 'loan.approval': period: expected e.g. '20 working days', got '20 wd days'"
        in lines
    )
    assert f"{bad}:1: rule 'loan.approval': calendar: missing (required)" in lines


def test_a_broken_user_rule_dir_is_one_line_for_other_commands(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text('[[rule]]\nid = "x.y"\n', encoding="utf-8")
    code, out, err = run("rules", "list", "--rules", str(tmp_path))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "more)" in err


def test_due_by_rule_id_names_rule_and_clause() -> None:
    code, out, _ = run("due", "credit.small-loan", "--from", "2026-02-13", "--json")
    assert code == 0
    data = json.loads(out)
    # 20 working days after Friday 02-13 (tests/data/rule_dates.csv, row l48)
    assert data["due"] == "2026-03-19"
    assert data["rule"] == "credit.small-loan" and data["clause"] == "二.八.48"
    assert data["calendar"] == "cn-nx" and data["period"] == "20 working days"


def test_due_by_words_uses_the_rules_calendar_and_says_which_clause() -> None:
    code, out, _ = run("due", "贷款", "--from", "2026-02-13")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("2026-03-19 (Thu)")
    assert lines[1].startswith("Rule credit.small-loan (L48), clause 二.八.48")
    # the Ningxia calendar: 2 wd after 05-26 skip 古尔邦节 05-27..28 (row l51b-nx)
    code, out, _ = run("due", "制造业留抵退税", "--from", "2026-05-26")
    assert out.splitlines()[0].startswith("2026-06-01 (Mon)")
    code, out, _ = run("due", "制造业留抵退税", "--from", "2026-05-26", "--calendar", "cn")
    assert out.splitlines()[0].startswith("2026-05-28 (Thu)")


def test_due_by_words_answers_every_match_and_facts_pick_one() -> None:
    code, out, err = run("due", "评估报告", "--from", "2026-09-30")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "2 rules match '评估报告':"
    # 09-30 + 15 days = 10-15 (Thu, working); + 30 days = 10-30 (Fri, working)
    simple = next(s for s in lines if s.startswith("enforcement.appraisal-simple "))
    assert 'property_complexity == "simple"' in simple and "2026-10-15 (Thu)" in simple
    complex_ = next(s for s in lines if s.startswith("enforcement.appraisal-complex "))
    assert "2026-10-30 (Fri)" in complex_
    code, out, _ = run(
        "due", "评估报告", "--from", "2026-09-30", "--fact", "property_complexity=complex"
    )
    assert code == 0 and out.splitlines()[0].startswith("2026-10-30 (Fri)")
    assert "enforcement.appraisal-complex" in out.splitlines()[1]


def test_due_by_rule_checks_direction_and_facts() -> None:
    code, _, err = run("due", "licence.remind-60", "--from", "2026-10-31")
    assert code == 1 and "counts back from an expiry: give --before DATE" in err
    code, out, _ = run("due", "licence.remind-60", "--before", "2026-12-05")
    # 12-05 - 60 = 10-06 (国庆 rest) -> back to 09-30 (row l17a-back)
    assert code == 0 and out.splitlines()[0].startswith("2026-09-30 (Wed)")
    code, _, err = run(
        "due", "credit.small-loan", "--from", "2026-02-13", "--fact", "amount_yuan=20000000"
    )
    assert code == 1 and "does not apply to the facts given: it needs" in err
    code, _, err = run("due", "labour.hr-bulletin", "--from", "2026-02-13")
    assert code == 1 and "is off until configured" in err
    # a recurring duty answers its period's due date: February 2026 ends on Sat 02-28, a make-up
    # working day of the 2026 Spring Festival (调休), so no roll
    code, out, _ = run("due", "supervision.monthly-bulletin", "--from", "2026-02-13", "--json")
    data = json.loads(out)
    assert code == 0 and (data["instance"], data["due"]) == ("2026-02", "2026-02-28")


def test_due_aging_rule_gives_the_day_the_flag_turns_on() -> None:
    code, out, _ = run("due", "bankruptcy.pending-over-3-years", "--from", "2023-02-28")
    # 2023-02-28 + 3 years = 2026-02-28; 超 excludes it: flagged from 2026-03-01
    assert code == 0 and out.splitlines()[0].startswith("2026-03-01 (Sun)")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["due", "abc", "--from", "2026-01-01"], "period 'abc' is not understood"),
        (["due", "20 wd days", "--from", "2026-01-01"], "period '20 wd days' is not understood"),
        (["due", "x", "--from", "2026-01-01", "--fact", "oops"], "expected NAME=VALUE"),
    ],
)
def test_not_a_period_nor_a_rule_is_a_usage_error(args: list[str], fragment: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and out == "" and fragment in err


def test_user_rules_reach_due_through_the_option(tmp_path: Path) -> None:
    (tmp_path / "local.toml").write_text(
        '[[override]]\nid = "credit.small-loan"\nperiod = "15 working days"\n', encoding="utf-8"
    )
    code, out, _ = run("due", "credit.small-loan", "--from", "2026-02-13", "--rules", str(tmp_path))
    # 15 wd after 02-13: 02-14 (1), 02-24..27 (5), 02-28 (6), 03-02..06 (11), 03-09..12 (15)
    assert code == 0 and out.splitlines()[0].startswith("2026-03-12 (Thu)")


RULES = load_rules(use_env=False).rules
# what a Chinese rule text may show as written: ids and codes, and the keys of a rule file
RULE_CODES = known_ids() | set(RULE_KEYS) | {"override"}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rules_show_gives_the_reasons_and_sources_in_the_language_asked_for(rule: Rule) -> None:
    code, zh, _ = run("rules", "show", rule.id, "--lang", "zh")
    assert code == 0
    assert list(english_words(zh, RULE_CODES)) == [], zh
    code, en, _ = run("rules", "show", rule.id, "--lang", "en")
    assert code == 0
    for said, not_said in ((zh, en), (en, zh)):
        lang: Lang = "zh" if said is zh else "en"
        other: Lang = "en" if said is zh else "zh"
        reason = default_reason_in(rule, lang)
        assert reason in said and (not reason or default_reason_in(rule, other) not in said)
        assert all(s in said for s in sources_in(rule, lang)), said
        assert not any(s in not_said for s in sources_in(rule, lang))


def test_a_rule_off_until_configured_says_why_in_the_language_asked_for() -> None:
    args = ("due", "labour.hr-bulletin", "--from", "2026-11-30")
    code, _, zh = run(*args, "--lang", "zh")
    assert code == 1 and zh.count("\n") == 1, zh
    assert zh.startswith("错误：规则 'labour.hr-bulletin' 在配置前停用：“定期”：方案未规定频率"), zh
    assert list(english_words(zh, RULE_CODES)) == [], zh
    code, _, en = run(*args, "--lang", "en")
    assert code == 1 and en.count("\n") == 1, en
    assert "is off until configured: 定期 (periodic): the plan states no frequency" in en, en
