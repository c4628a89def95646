"""``rules check`` says each problem of a rule file in the run's language (issue 10): in Chinese,
only the file's own keys, ids, values and paths stay as they are; in English, the words are the
ones rule-file authors have always read."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import main
from deadlines.rules.files import _TABLES, RULE_KEYS
from deadlines.rules.model import KINDS
from tests.test_cli_language import english_words, known_ids

# one rule with the mistakes authors make most (a misspelt key, so a missing one; a wrong type; an
# unknown case kind, kind and calendar; a period that is not one), a second rule with the same id,
# an override of a misspelt id, a misspelt table and an event with wrong values
BROKEN_RULE = """\
[[rule]]
id = "loan.approval"
titel_zh = "贷款审批"
title_en = "Loan approval"
clause = "二.八.48"
quote = "不超过20个工作日"
unit = "某银行"
case_kind = "laon"
kind = "deadlne"
trigger = "loan.application-received"
period = "20 wd days"
completed_by = ["loan.decided"]
calendar = "cn-nxx"
pausable = "yes"
direction = "back"

[[rule]]
id = "loan.approval"

[[override]]
id = "loan.aproval"

[[evnt]]
id = "a.b"

[[event]]
id = "x.y"
zh = "甲"
en = "A"
case_kinds = ["laon"]
role = "stop"
future = "no"
colour = 1
"""

# a recurring rule given a period and no every, reasons and sources in one language only, a case
# kind whose id is a number, a note whose text is a number
BROKEN_CATALOGUE = """\
[[case_kind]]
id = 7
zh = "甲"
en = "A"

[[note]]
ref = "N1"
clause = "二.一.1"
quote = "某"
why = 3

[[rule]]
id = "wage.report"
title_zh = "欠薪报告"
title_en = "Wage report"
clause = "二.一.1"
quote = "每月"
unit = "某局"
case_kind = "loan"
kind = "recurring"
trigger = "loan.application-received"
period = "1 month"
completed_by = ["loan.decided"]
calendar = "cn-nx"
sources_zh = ["甲", "乙"]
sources_en = ["A"]
default_reason_zh = "因为"
"""


def check(path: Path, lang: str) -> list[str]:
    result = CliRunner().invoke(main, ["rules", "check", str(path), "--lang", lang])
    assert result.exit_code == 1, result.output
    return result.stdout.splitlines()


@pytest.mark.parametrize("text", [BROKEN_RULE, BROKEN_CATALOGUE], ids=["rule", "catalogue"])
def test_each_problem_is_one_line_and_chinese_but_for_the_files_own_words(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "x.toml"
    path.write_text(text, encoding="utf-8")
    zh, en = check(path, "zh"), check(path, "en")
    assert len(zh) == len(en) >= 6
    # the keys, tables and kinds of a rule file are its own words, like ids
    own = known_ids() | set(RULE_KEYS) | set(_TABLES) | set(KINDS)
    own |= {"id", "zh", "en", "case_kinds", "role", "future", "data", "why"}
    for line in zh:
        assert line.startswith(f"{path}:"), line
        assert list(english_words(line.removeprefix(f"{path}:"), own)) == [], line


def test_the_common_problems_in_chinese_and_in_english(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(BROKEN_RULE, encoding="utf-8")
    zh, en = check(path, "zh"), check(path, "en")
    for line in (
        "3: 规则 'loan.approval': titel_zh: 未知的键(是否想输入 'title_zh'？)",
        "1: 规则 'loan.approval': title_zh: 缺少(必填)",
        "14: 规则 'loan.approval': pausable: 应为 true 或 false，收到的是 'yes'",
        "8: 规则 'loan.approval': case_kind: 未知案件类型 'laon'(是否想输入 'loan'？)",
        "11: 规则 'loan.approval': period: 应为期间，如 '20 working days'，收到的是 '20 wd days'",
        f"18: 规则 'loan.approval': id 重复(首次定义于 {path}:2)；要修改规则请用 [[override]]",
        "13: 规则 'loan.approval': calendar: 未知日历 'cn-nxx'；可用：cn、cn-nx(是否想输入 'cn-nx'？)",
        "31: 事件 'x.y': role: 应为 'pause'、'resume'、'extension' 之一，收到的是 'stop'",
    ):
        assert f"{path}:{line}" in zh, zh
    for line in (
        "3: rule 'loan.approval': titel_zh: unknown key (did you mean 'title_zh'?)",
        "1: rule 'loan.approval': title_zh: missing (required)",
        "14: rule 'loan.approval': pausable: expected true or false, got 'yes'",
        "8: rule 'loan.approval': case_kind: unknown case kind 'laon' (did you mean 'loan'?)",
        "11: rule 'loan.approval': period: expected e.g. '20 working days', got '20 wd days'",
        f"18: rule 'loan.approval': duplicate id (first defined at {path}:2); use [[override]] "
        "to change a rule",
        "13: rule 'loan.approval': calendar: unknown calendar 'cn-nxx'; accepted: cn, cn-nx "
        "(did you mean 'cn-nx'?)",
        "31: event 'x.y': role: expected one of pause, resume, extension, got 'stop'",
        "9: rule 'loan.approval': kind: expected one of deadline, reminder, aging, recurring, "
        "got 'deadlne' (did you mean 'deadline'?)",
    ):
        assert f"{path}:{line}" in en, en


@pytest.mark.parametrize(
    ("when", "zh", "en"),
    [
        (
            'when = { fact = "loan_amount", op = "~", value = 1 }',
            "when.op: 应为 ==、!=、<、<=、>、>=、in、not in 之一，收到的是 '~'",
            "when.op: expected one of ==, !=, <, <=, >, >=, in, not in, got '~'",
        ),
        (
            'when = { fact = "loan_amount", op = ">", value = "big" }',
            "when.value: '>' 比较的是数字，收到的是 'big'",
            "when.value: '>' compares numbers, got 'big'",
        ),
        (
            'when = { all = [{ fact = "manufacturing", op = "==" }] }',
            "when.all[0]: 缺少 'value'(一项判断由 fact、op、value 组成)",
            "when.all[0]: missing 'value' (a test is fact, op, value)",
        ),
        (
            'when = { fact = "loan_amount", op = ">", value = inf }',
            "when.value: inf 不是有限的数；可用：-1e+15 到 1e+15 之间的数",
            "when.value: inf is not a finite number; accepted: numbers from -1e+15 to 1e+15",
        ),
    ],
)
def test_a_rules_condition_is_said_in_the_runs_language(
    tmp_path: Path, when: str, zh: str, en: str
) -> None:
    path = tmp_path / "x.toml"
    rule = BROKEN_CATALOGUE.split("[[rule]]")[1].replace('kind = "recurring"', 'kind = "deadline"')
    rule = rule.replace("default_reason_zh", "# ").replace('["甲", "乙"]', '["甲"]')
    path.write_text(f"[[rule]]{rule}{when}\n", encoding="utf-8")
    assert check(path, "zh") == [f"{path}:17: 规则 'wage.report': {zh}"]
    assert check(path, "en") == [f"{path}:17: rule 'wage.report': {en}"]


def test_a_note_and_a_case_kind_are_named_as_rules_check_counts_them(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(BROKEN_CATALOGUE, encoding="utf-8")
    zh, en = check(path, "zh"), check(path, "en")
    assert f"{path}:10: 说明 'N1': why: 应为文字，收到的是 3" in zh  # 通过：23 条规则，2 条说明
    assert f"{path}:2: 案件类型: id: 应为文字，收到的是 7" in zh
    assert f"{path}:10: note 'N1': why: expected text, got 3" in en
    assert f"{path}:2: case kind: id: expected text, got 7" in en
    # a key the file does not give: in Chinese, missing (English says it as it always has)
    path.write_text(BROKEN_CATALOGUE.replace("why = 3\n", ""), encoding="utf-8")
    assert f"{path}:6: 说明 'N1': why: 缺少(应为文字)" in check(path, "zh")
    assert f"{path}:6: note 'N1': why: expected text, got None" in check(path, "en")


def test_a_facts_number_out_of_range_is_said_in_the_runs_language(tmp_path: Path) -> None:
    env = {"DEADLINES_DB": str(tmp_path / "t.db")}
    assert CliRunner().invoke(main, ["init"], env=env).exit_code == 0
    add = ["case", "add", "N1", "--kind", "enforcement", "--fact", "amount_yuan=1e308"]
    for lang, said in (
        ("zh", "错误：事实 amount_yuan=1e+308 超出范围；可用：-1e+15 到 1e+15 之间的数"),
        (
            "en",
            "Error: fact amount_yuan=1e+308 is out of range; accepted: numbers from -1e+15 to 1e+15",
        ),
    ):
        result = CliRunner().invoke(main, [*add, "--lang", lang], env=env)
        assert result.exit_code != 0 and result.stderr.strip() == said, result.stderr
