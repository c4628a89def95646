"""Loading and validating rule files: every way a file can be wrong, with its exact message."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import main
from deadlines.errors import RuleError, say
from deadlines.messages import Lang
from deadlines.model import Case, Event
from deadlines.rules import Rule, RuleFileError, load_rules
from deadlines.rules.engine import Engine
from deadlines.rules.matching import PythonMatcher

GOOD = """\
[[rule]]
id = "loan.approval"
title_zh = "贷款审批"
title_en = "Loan approval"
clause = "二.八.48"
quote = "不超过20个工作日"
unit = "某银行"
case_kind = "loan"
kind = "deadline"
trigger = "loan.application-received"
period = "20 working days"
completed_by = ["loan.decided"]
calendar = "cn-nx"
"""


def problems_of(tmp_path: Path, text: str, name: str = "x.toml", lang: Lang = "en") -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as exc:
        load_rules([tmp_path], use_env=False)
    return [say(p, lang) for p in exc.value.problems]


def test_a_good_user_file_adds_its_rule(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(GOOD, encoding="utf-8")
    rules = load_rules([tmp_path], use_env=False)
    r = rules.get("loan.approval")
    assert str(r.period) == "20 working days" and r.source == f"{tmp_path}/x.toml:1"
    assert r.version.startswith("sha256:") and len(r.version) == len("sha256:") + 12


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'period = "20 working days"',
            'period = "20 wd days"',
            "x.toml:11: rule 'loan.approval': period: expected e.g. '20 working days', "
            "got '20 wd days'",
        ),
        (
            'trigger = "loan.application-received"',
            'trigger = "loan.aplication-received"',
            "x.toml:10: rule 'loan.approval': trigger: unknown event 'loan.aplication-received' "
            "(did you mean 'loan.application-received'?)",
        ),
        (
            'calendar = "cn-nx"',
            'calendar = "cn-nxx"',
            "x.toml:13: rule 'loan.approval': calendar: unknown calendar 'cn-nxx'; accepted: "
            "cn, cn-nx (did you mean 'cn-nx'?)",
        ),
        (
            'case_kind = "loan"',
            'case_kind = "loans"',
            "x.toml:8: rule 'loan.approval': case_kind: unknown case kind 'loans' "
            "(did you mean 'loan'?)",
        ),
        (
            'completed_by = ["loan.decided"]',
            'completed_by = ["project.approved"]',
            "x.toml:12: rule 'loan.approval': completed_by: event 'project.approved' does not "
            "belong to case kind 'loan'",
        ),
        (
            'kind = "deadline"',
            'kind = "deadlin"',
            "x.toml:9: rule 'loan.approval': kind: expected one of deadline, reminder, aging, "
            "recurring, got 'deadlin' (did you mean 'deadline'?)",
        ),
        (
            'period = "20 working days"',
            'perid = "20 working days"',
            "x.toml:11: rule 'loan.approval': perid: unknown key (did you mean 'period'?)",
        ),
        (
            'trigger = "loan.application-received"',
            'after = "credit.smal-loan"',
            "x.toml:10: rule 'loan.approval': after: unknown rule 'credit.smal-loan' "
            "(did you mean 'credit.small-loan'?)",
        ),
        (
            'id = "loan.approval"',
            'id = "Loan Approval"',
            "x.toml:2: rule: id: expected words joined by dots, e.g. 'credit.small-loan', "
            "got 'Loan Approval'",
        ),
        (
            'clause = "二.八.48"',
            'clause = "第48条"',
            "x.toml:5: rule 'loan.approval': clause: expected part.section.item, e.g. "
            "'二.十二.63' or '二.一.2#2', got '第48条'",
        ),
        (
            'kind = "deadline"',
            'kind = "reminder"\ndirection = "from"',
            "x.toml:10: rule 'loan.approval': direction: a reminder counts back from an expiry: "
            "direction = 'before'",
        ),
        (
            'kind = "deadline"',
            'kind = "aging"',
            "x.toml:11: rule 'loan.approval': period: an aging flag (超N年) is in years or months, "
            "got '20 working days'",
        ),
    ],
)
def test_bad_rule_is_named_by_file_line_rule_and_key(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in GOOD
    problems = problems_of(tmp_path, GOOD.replace(old, new))
    assert f"{tmp_path}/{message}" in problems, problems


def test_missing_required_keys_are_each_reported(tmp_path: Path) -> None:
    text = GOOD.replace('unit = "某银行"\n', "").replace('quote = "不超过20个工作日"\n', "")
    problems = problems_of(tmp_path, text)
    assert f"{tmp_path}/x.toml:1: rule 'loan.approval': quote: missing (required)" in problems
    assert f"{tmp_path}/x.toml:1: rule 'loan.approval': unit: missing (required)" in problems


def test_duplicate_id_names_the_first_definition(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, GOOD.replace('"loan.approval"', '"credit.small-loan"'))
    assert problems == [
        f"{tmp_path}/x.toml:2: rule 'credit.small-loan': duplicate id (first defined at "
        "rules/finance.toml:4); use [[override]] to change a rule"
    ]


def test_chain_cycles_are_refused(tmp_path: Path) -> None:
    one = GOOD.replace('trigger = "loan.application-received"', 'after = "loan.two"')
    two = one.replace('id = "loan.approval"', 'id = "loan.two"').replace(
        'after = "loan.two"', 'after = "loan.approval"'
    )
    problems = problems_of(tmp_path, one + "\n" + two)
    assert problems == [
        f"{tmp_path}/x.toml:24: rule 'loan.two': after: chain cycle "
        "loan.approval -> loan.two -> loan.approval"
    ]


def test_invalid_toml_names_its_line(tmp_path: Path) -> None:
    bad = GOOD.replace('"20 working days"', '"20 working days')
    problems = problems_of(tmp_path, bad)
    assert problems == [f"{tmp_path}/x.toml:11: invalid TOML: Illegal character '\\n'"]
    # in Chinese, all but the TOML parser's own words (tomllib speaks English only)
    problems = problems_of(tmp_path, bad, lang="zh")
    assert problems == [f"{tmp_path}/x.toml:11: TOML 格式无效：Illegal character '\\n'"]


def test_a_bad_rule_id_is_said_in_the_runs_language(tmp_path: Path) -> None:
    text = '[[rule]]\nid = "Bad Id"\n'
    assert problems_of(tmp_path, text, lang="zh") == [
        f"{tmp_path}/x.toml:2: 规则: id: 应为以点连接的词，如 'credit.small-loan'，收到的是 'Bad Id'"
    ]
    assert problems_of(tmp_path, text) == [
        f"{tmp_path}/x.toml:2: rule: id: expected words joined by dots, e.g. 'credit.small-loan', "
        "got 'Bad Id'"
    ]
    # the refusal of a command that loads the rules: the first problem, and how many more
    (tmp_path / "x.toml").write_text(text + '[[rule]]\nid = "Also Bad"\n', encoding="utf-8")
    for lang, more in (("zh", "(另有 1 处问题)"), ("en", " (and 1 more)")):
        result = CliRunner().invoke(
            main, ["rules", "list", "--lang", lang], env={"DEADLINES_RULES": str(tmp_path)}
        )
        assert result.exit_code == 1 and result.stderr.count("\n") == 1
        assert result.stderr.rstrip().endswith("'Bad Id'" + more), result.stderr


def test_unknown_table_suggests_the_right_one(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, GOOD.replace("[[rule]]", "[[rules]]"))
    assert problems == [
        f"{tmp_path}/x.toml:1: unknown table 'rules' (did you mean 'rule'?); a rule file has "
        "[[rule]], [[note]], [[override]], [[event]], [[case_kind]]"
    ]


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (
            'all = [{ fact = "amount_yuan", op = "=<", value = 1 }]',
            "when.all[0].op: expected one of ==, !=, <, <=, >, >=, in, not in, got '=<'",
        ),
        (
            'all = [{ fact = "amount_yuan", op = "<=", value = "ten" }]',
            "when.all[0].value: '<=' compares numbers, got 'ten'",
        ),
        (
            'any = [{ fact = "bank", op = "in", value = "a" }]',
            "when.any[0].value: 'in' needs a non-empty list of values, got 'a'",
        ),
        (
            'all = [{ fact = "bank", value = "a" }]',
            "when.all[0]: missing 'op' (a test is fact, op, value)",
        ),
        (
            'all = [{ fact = "bank", op = "==", value = "a", dflt = "b" }]',
            "when.all[0]: unknown key 'dflt'; a test has fact, op, value, default",
        ),
        ("all = []", "when.all: expected a non-empty list of conditions"),
    ],
)
def test_bad_conditions_are_refused_at_load(tmp_path: Path, when: str, message: str) -> None:
    problems = problems_of(tmp_path, GOOD + "\n[rule.when]\n" + when + "\n")
    assert problems == [f"{tmp_path}/x.toml:15: rule 'loan.approval': {message}"]


def test_every_problem_is_listed_and_the_error_is_one_line(tmp_path: Path) -> None:
    text = GOOD.replace('"20 working days"', '"20 wd days"').replace('"cn-nx"', '"cn-nxx"')
    (tmp_path / "x.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as exc:
        load_rules([tmp_path], use_env=False)
    assert len(exc.value.problems) == 2
    assert str(exc.value).endswith("(and 1 more)") and "\n" not in str(exc.value)
    assert isinstance(exc.value, RuleError)


def test_unknown_rule_id_suggests_the_closest() -> None:
    with pytest.raises(
        RuleError, match=r"unknown rule 'credit.smal-loan' \(did you mean 'credit.small-loan'\?\)"
    ):
        load_rules(use_env=False).get("credit.smal-loan")


def test_a_missing_rules_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="does not exist"):
        load_rules([tmp_path / "nope"], use_env=False)


# -- overrides, settings, versions -------------------------------------------------------------

HR_QUARTERLY = """\
[[override]]
id = "labour.hr-bulletin"
enabled = true
every = "quarter"
"""


def test_override_enables_the_periodic_bulletin_with_a_chosen_frequency(tmp_path: Path) -> None:
    (tmp_path / "local.toml").write_text(HR_QUARTERLY, encoding="utf-8")
    rules = load_rules([tmp_path], use_env=False)
    r = rules.get("labour.hr-bulletin")
    assert r.enabled and r.every == "quarter" and str(r.period) == "3 months"
    assert r.version != load_rules(use_env=False).get("labour.hr-bulletin").version
    case = Case(
        "W",
        "wage-supervision",
        events=(
            Event("wage.duty-started", dt.date(2026, 1, 5)),
            Event("wage.hr-bulletin-issued", dt.date(2026, 3, 20)),
        ),
    )
    got = [
        (o.instance, o.due, o.status)
        for o in Engine(rules, PythonMatcher(rules)).evaluate(case, dt.date(2026, 7, 1))
        if o.rule_id == "labour.hr-bulletin"
    ]
    # Q1 ends 03-31 (Tue), Q2 06-30 (Tue), Q3 09-30 (Wed): all working days, no move
    assert got == [
        ("2026-Q1", dt.date(2026, 3, 31), "met_on_time"),
        ("2026-Q2", dt.date(2026, 6, 30), "overdue"),
        ("2026-Q3", dt.date(2026, 9, 30), "pending"),
    ]


def test_the_plan_keeps_the_periodic_bulletin_off_until_configured() -> None:
    rules = load_rules(use_env=False)
    case = Case("W", "wage-supervision", events=(Event("wage.duty-started", dt.date(2026, 1, 5)),))
    obligations = Engine(rules, PythonMatcher(rules)).evaluate(case, dt.date(2026, 3, 1))
    assert {o.rule_id for o in obligations} == {"labour.wage-hazard-monthly"}


def test_override_of_an_unknown_rule_or_key_is_refused(tmp_path: Path) -> None:
    text = '[[override]]\nid = "labour.hr-bulletn"\nenabled = true\n'
    assert problems_of(tmp_path, text) == [
        f"{tmp_path}/x.toml:2: override: unknown rule 'labour.hr-bulletn' "
        "(did you mean 'labour.hr-bulletin'?)"
    ]
    text = '[[override]]\nid = "labour.hr-bulletin"\nevry = "month"\n'
    assert problems_of(tmp_path, text) == [
        f"{tmp_path}/x.toml:3: override of 'labour.hr-bulletin': unknown key 'evry' "
        "(did you mean 'every'?)"
    ]


def test_the_setting_adds_user_rule_directories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "x.toml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("DEADLINES_RULES", str(tmp_path))
    assert "loan.approval" in load_rules()
    assert "loan.approval" not in load_rules(use_env=False)


def test_user_files_may_extend_the_catalogue(tmp_path: Path) -> None:
    extra = """\
[[case_kind]]
id = "permit"
zh = "施工许可"
en = "building permit"

[[event]]
id = "permit.accepted"
zh = "受理"
en = "accepted"
case_kinds = ["permit"]

[[event]]
id = "permit.issued"
zh = "核发"
en = "issued"
case_kinds = ["permit"]
"""
    rule = (
        GOOD.replace('"loan"', '"permit"')
        .replace("loan.application-received", "permit.accepted")
        .replace("loan.decided", "permit.issued")
    )
    (tmp_path / "a.toml").write_text(extra + "\n" + rule, encoding="utf-8")
    rules = load_rules([tmp_path], use_env=False)
    assert rules.get("loan.approval").case_kind == "permit"


def test_versions_are_content_hashes() -> None:
    a, b = load_rules(use_env=False), load_rules(use_env=False)
    assert [r.version for r in a.rules] == [r.version for r in b.rules]
    assert a.version == b.version
    assert len({r.version for r in a.rules}) == len(a.rules)


def test_the_plan_rules_cite_clause_keys_and_sources() -> None:
    rules = load_rules(use_env=False)
    assert rules.get("enforcement.online-seizure").clause == "二.十二.63"
    assert rules.get("enforcement.start-pricing").cap == "enforcement.pricing-national-cap"
    assert rules.get("licence.remind-60").direction == "before"
    cap = rules.get("enforcement.pricing-national-cap")
    assert not cap.emit and any("参考价规定" in s and "[confirmed]" in s for s in cap.sources_en)
    assert cap.sources_zh == ("参考价规定(法释〔2018〕15号) 第1条 [已核实]",)
    # where the plan is silent, the rule says which default it took and why, in both languages
    for rid in ("project.commitment-approval", "credit.small-loan", "tax.vat-credit-refund"):
        assert "does not say when" in rules.get(rid).default_reason_en
        assert "方案未说明" in rules.get(rid).default_reason_zh
    assert "calendar half-years" in rules.get("trade.port-fee-list").default_reason_en
    assert "按自然半年" in rules.get("trade.port-fee-list").default_reason_zh


# What a citation names: an article or item (第N条; the English "item N's" is the plan's 第N条),
# a document number (〔YYYY〕N号), a section of a document (§N.N), a file, and how sure it is.
_MARKS = {"[confirmed]": "[已核实]", "[memory]": "[凭记忆]", "[design]": "[设计选择]"}


def _cited(text: str) -> list[str]:
    text = re.sub(r"\bitem (\d+)'s\b", r"第\1条", text, flags=re.IGNORECASE)
    for en, zh in _MARKS.items():
        text = text.replace(en, zh)
    found = re.findall(r"第\d+条|〔\d{4}〕\d+号|§[\d.]+|[\w/-]+\.md", text)
    return sorted(found) + sorted(m for m in _MARKS.values() for _ in range(text.count(m)))


@pytest.mark.parametrize("rule", load_rules(use_env=False).rules, ids=lambda r: r.id)
def test_the_chinese_reasons_and_sources_cite_what_the_english_cite(rule: Rule) -> None:
    assert bool(rule.default_reason_zh) == bool(rule.default_reason_en)
    assert len(rule.sources_zh) == len(rule.sources_en)
    assert _cited(rule.default_reason_zh) == _cited(rule.default_reason_en)
    for zh, en in zip(rule.sources_zh, rule.sources_en, strict=True):
        assert _cited(zh) == _cited(en), (zh, en)


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (
            'default_reason = "Why."',
            "x.toml:14: rule 'loan.approval': default_reason: replaced by default_reason_zh and "
            "default_reason_en: give the text in both languages",
        ),
        (
            'default_reason_zh = "理由。"',
            "x.toml:1: rule 'loan.approval': default_reason_en: missing: default_reason_zh is "
            "given, so default_reason_en is required too",
        ),
        (
            'sources_en = ["A [confirmed]"]',
            "x.toml:1: rule 'loan.approval': sources_zh: missing: sources_en is given, so "
            "sources_zh is required too",
        ),
        (
            'sources_zh = ["甲 [已核实]"]\nsources_en = ["A [confirmed]", "B [memory]"]',
            "x.toml:15: rule 'loan.approval': sources_en: 2 sources, but sources_zh has 1: the "
            "same sources in both languages, in the same order",
        ),
        (
            'default_reason_zh = ""\ndefault_reason_en = "Why."',
            "x.toml:14: rule 'loan.approval': default_reason_zh: expected text, got ''",
        ),
    ],
)
def test_rules_check_wants_the_reasons_and_sources_in_both_languages(
    tmp_path: Path, extra: str, problem: str
) -> None:
    assert problems_of(tmp_path, GOOD + extra + "\n") == [f"{tmp_path}/{problem}"]


def test_a_rule_with_its_reasons_and_sources_in_both_languages_loads(tmp_path: Path) -> None:
    prose = 'default_reason_zh = "理由。"\ndefault_reason_en = "Why."\n'
    prose += 'sources_zh = ["甲 [已核实]"]\nsources_en = ["A [confirmed]"]\n'
    (tmp_path / "x.toml").write_text(GOOD + prose, encoding="utf-8")
    r = load_rules([tmp_path], use_env=False).get("loan.approval")
    assert (r.default_reason_zh, r.default_reason_en) == ("理由。", "Why.")
    assert (r.sources_zh, r.sources_en) == (("甲 [已核实]",), ("A [confirmed]",))
