"""The refusals a clerk meets when recording (case add, case fact, event add), in both languages:
a Chinese run (the default) says what was wrong in Chinese with no English word but ids and the
values given; ``--lang en`` says the English text scripts and older tests match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import main
from deadlines.store.checks import catalogue
from tests.test_cli_language import SAMPLE, english_words, known_ids

LONG_NOTE = "备" * 2001


def add(case: str, etype: str, on: str, *more: str) -> list[str]:
    """The arguments of ``event add``."""
    return ["event", "add", case, etype, "--on", on, *more]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("rec") / "t.db"
    for args in (
        ["init"],
        ["import", str(SAMPLE)],
        ["case", "add", "LIC-1", "--kind", "licence"],
        add("LIC-1", "licence.expires", "2027-06-30"),
        ["case", "add", "W-1", "--kind", "wage-supervision"],
        # a correction of ZX-2026-101's filing (ZX-2026-101#1), so that #1 is superseded
        add("ZX-2026-101", "enforcement.filed", "2026-11-02", "--supersedes", "ZX-2026-101#1"),
    ):
        result = CliRunner().invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
    return db


ZX = "ZX-2026-101"
# name, arguments, an English fragment, a Chinese fragment
REFUSALS: list[tuple[str, list[str], str, str]] = [
    (
        "future",
        add(ZX, "enforcement.property-seized", "2099-01-05"),
        "dated 2099-01-05 is in the future (today in China is",
        "的日期 2099-01-05 在未来",
    ),
    (
        "before-2004",
        add(ZX, "enforcement.property-seized", "2003-05-06"),
        "dated 2003-05-06 is before 2004-01-01, where the calendars start; check the year",
        "早于日历起始日 2004-01-01",
    ),
    (
        "too-far-ahead",
        add("LIC-1", "licence.expires", "2099-01-05"),
        "is more than 10 years ahead (latest accepted:",
        "超过 10 年之后",
    ),
    (
        "before-trigger",
        add(ZX, "enforcement.property-seized", "2026-10-01"),
        "is before the case's trigger enforcement.filed on 2026-11-02; check the dates",
        "早于本案的触发事件 enforcement.filed(2026-11-02)",
    ),
    (
        "unknown-type",
        add(ZX, "filed", "2026-11-03"),
        "unknown event type 'filed' (did you mean 'enforcement.filed'?); accepted for an "
        "enforcement case: enforcement.filed",
        "未知事件类型 'filed'(是否想输入 'enforcement.filed'？)；enforcement 类案件可用：",
    ),
    (
        "wrong-kind",
        add(ZX, "loan.decided", "2026-11-03"),
        "event type 'loan.decided' does not apply to an enforcement case; accepted:",
        "事件类型 'loan.decided' 不适用于 enforcement 类案件",
    ),
    (
        "unknown-case",
        add("NO-SUCH", "loan.decided", "2026-11-03"),
        "unknown case 'NO-SUCH'; add it with `deadlines case add`",
        "未知案件 'NO-SUCH'",
    ),
    (
        "second-opening",
        add(ZX, "enforcement.filed", "2026-11-03"),
        "already has enforcement.filed on 2026-11-02 (event ZX-2026-101#",
        "已有 enforcement.filed，日期 2026-11-02",
    ),
    (
        "renewal-not-later",
        add("LIC-1", "licence.expires", "2027-01-10"),
        "a renewal must be later. To correct that date, add the new one with --supersedes LIC-1#1",
        "续期必须晚于它",
    ),
    (
        "supersede-other-case",
        add(ZX, "enforcement.filed", "2026-11-02", "--supersedes", "DK-2026-101#1"),
        "event 'DK-2026-101#1' is not an event of case 'ZX-2026-101'",
        "事件 'DK-2026-101#1' 不是案件 'ZX-2026-101' 的事件",
    ),
    (
        "supersede-superseded",
        add(ZX, "enforcement.filed", "2026-11-02", "--supersedes", "ZX-2026-101#1"),
        "event 'ZX-2026-101#1' is already superseded by",
        "事件 'ZX-2026-101#1' 已被",
    ),
    (
        "note-tab",
        add(
            ZX, "enforcement.property-seized", "2026-11-10", "--note", "a\tb", "--data", "asset=A-2"
        ),
        "note 'a\\tb' contains a tab; accepted: printable text without control characters",
        "备注 'a\\tb' 含有制表符；可接受：不含控制字符",
    ),
    (
        "note-too-long",
        add(
            ZX,
            "enforcement.property-seized",
            "2026-11-10",
            "--note",
            LONG_NOTE,
            "--data",
            "asset=A-2",
        ),
        "(2,001 characters) is too long; accepted: at most 2000 characters",
        "(共 2,001 个字符) 过长；最多可接受 2000 个字符",
    ),
    (
        "note-spaces",
        add(
            ZX,
            "enforcement.property-seized",
            "2026-11-10",
            "--note",
            " 查封 ",
            "--data",
            "asset=A-2",
        ),
        "note ' 查封 ' has leading or trailing spaces; remove them",
        "备注 ' 查封 ' 首尾有空格；请删去",
    ),
    (
        "unit-empty",
        ["case", "add", "NEW-1", "--kind", "loan", "--unit", "  "],
        "unit is empty; accepted: printable text",
        "责任单位为空",
    ),
    (
        "case-id-hash",
        ["case", "add", "NEW#1", "--kind", "loan"],
        "case id 'NEW#1' contains '#', which event ids use",
        "案件编号 'NEW#1' 含有事件编号所用的 '#'",
    ),
    (
        "fact-not-a-name",
        ["case", "fact", ZX, "1st=x"],
        "fact name '1st' is not a name; accepted: letters, digits",
        "事实名 '1st' 不是名称",
    ),
    (
        "fact-wrong-family",
        ["case", "fact", "DK-2026-101", "amount_yuan=abc"],
        "fact amount_yuan='abc' is text, but the rules of a loan case compare it as a number; "
        "e.g. amount_yuan=8000000",
        "事实 amount_yuan='abc' 是文字，但 loan 类案件的规则把它作为数字比较",
    ),
    (
        "fact-not-a-choice",
        ["case", "fact", ZX, "property_complexity=simpel"],
        "is none of the values the rules of an enforcement case know (did you mean 'simple'?); "
        "accepted: complex, simple",
        "不是 enforcement 类案件的规则所知的任何值(是否想输入 'simple'？)；可用：complex, simple",
    ),
    (
        "fact-not-read",
        ["case", "fact", ZX, "property_complexty=simple"],
        "fact 'property_complexty' is not read by the rules of an enforcement case (did you "
        "mean 'property_complexity'?)",
        "enforcement 类案件的规则不读取事实 'property_complexty'",
    ),
    (
        "fact-near-miss",
        ["case", "fact", "DK-2026-101", "lender=local-legal-persn-bank"],
        "is one slip away from 'local-legal-person-bank', which the rules of a loan case test for",
        "只差一处，将不匹配任何规则",
    ),
    (
        "too-many-facts",
        ["case", "add", "NEW-2", "--kind", "loan"]
        + [a for i in range(51) for a in ("--fact", f"f{i}=x")],
        "51 facts given; accepted: at most 50 per case",
        "给出了 51 项事实；每个案件最多可接受 50 项",
    ),
    (
        "fact-not-a-pair",
        ["case", "fact", ZX, "simple"],
        "bad fact 'simple'; expected key=value, e.g. amount_yuan=8000000",
        "事实 'simple' 格式不对；应为 键=值",
    ),
    (
        "data-not-a-pair",
        add(ZX, "enforcement.property-seized", "2026-11-10", "--data", "A-2"),
        "bad data 'A-2'; expected key=value",
        "数据项 'A-2' 格式不对",
    ),
    (
        "data-unknown",
        add(ZX, "enforcement.property-seized", "2026-11-10", "--data", "assett=A-2"),
        "event enforcement.property-seized takes no data 'assett' (did you mean 'asset'?)",
        "事件 enforcement.property-seized 不接受数据项 'assett'(是否想输入 'asset'？)",
    ),
    (
        "data-needs-period",
        add(ZX, "enforcement.appraisal-extended", "2026-11-10", "--data", "asset=A-1"),
        "needs data period, the length granted; e.g. --data period='10 days'",
        "需要数据 period，即准予延长的期间",
    ),
    (
        "data-not-a-length",
        add(
            ZX,
            "enforcement.appraisal-extended",
            "2026-11-10",
            "--data",
            "asset=A-1",
            "--data",
            "period=soon",
        ),
        "data period='soon' of enforcement.appraisal-extended is not a length",
        "的数据 period='soon' 不是期间长度",
    ),
    (
        "data-not-a-label",
        add("W-1", "wage.hazard-reported", "2026-11-10", "--data", "period=March"),
        "data period='March' of wage.hazard-reported is not a period label; accepted: YYYY-MM",
        "的数据 period='March' 不是期间标记",
    ),
]


def codes() -> set[str]:
    """What a Chinese refusal may show as typed: ids, the fact values and event data keys the
    rules know, an import file's column names, and the written forms of a date or period."""
    cat = catalogue()
    values = {v for by_fact in cat.choices.values() for vs in by_fact.values() for v in vs}
    keys = {k for et in cat.events.values() for k in et.data}
    columns = {"record", "case", "kind", "unit", "facts", "type", "on", "note", "data", "id"}
    return known_ids() | values | keys | columns | {"ISO", "YYYY", "YYYY-MM", "YYYY-Qn", "YYYY-Hn"}


def refused(store: Path, args: list[str], lang: str) -> str:
    result = CliRunner().invoke(main, [*args, "--db", str(store), "--lang", lang])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 1
    return result.stderr.strip()


@pytest.mark.parametrize(("name", "args", "en", "zh"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_refusal_speaks_the_runs_language(
    store: Path, name: str, args: list[str], en: str, zh: str
) -> None:
    said = refused(store, args, "zh")
    assert said.startswith("错误：") and zh in said, said
    command = re.sub(r"`deadlines [^`]*`", "", said)  # a command to type is typed as it is
    assert list(english_words(command, codes())) == [], said
    said = refused(store, args, "en")
    assert said.startswith("Error: ") and en in said, said


def test_a_refused_import_row_speaks_the_runs_language(store: Path, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "record,case,kind,type,on\ncase,IMP-1,loan,,\nevent,IMP-1,,loan.decided,2099-01-05\n",
        encoding="utf-8",
    )
    said = refused(store, ["import", str(rows)], "zh")
    assert f"{rows}:3：事件 loan.decided 的日期 2099-01-05 在未来" in said, said
    assert said.endswith("(未导入任何内容；请修正该行，或使用 --skip-bad)"), said
    assert list(english_words(said, codes())) == [], said
    said = refused(store, ["import", str(rows)], "en")
    assert f"{rows}:3: event loan.decided dated 2099-01-05 is in the future" in said
    assert said.endswith("(nothing imported; fix the row or use --skip-bad)"), said


# rows after the header "record,case,kind,type,on", the English and the Chinese refusal
IMPORT_ROWS = [
    (
        "case,T-1,loan,,\ncase,T-1,loan,,\n",
        "case 'T-1' appears twice in this file",
        "案件 'T-1' 在本文件中出现了两次",
    ),
    (
        "event,T-2,,loan.decided,2026-03-09\n",
        "unknown case 'T-2'; a case row must come before its events",
        "未知案件 'T-2'；案件行必须写在其事件行之前",
    ),
    (
        "event,T-4,,loan.decided,2026-02-30\n",
        "on: '2026-02-30' is not a real date",
        "不是真实存在的日期",
    ),
    (
        "event,T-5,,loan.decided,9 March\n",
        "on: expected an ISO date YYYY-MM-DD",
        "on：应为 ISO 日期",
    ),
    ("case,T-6,,,\n", "kind: missing for a case row", "kind：案件行缺少案件类型"),
    ("event,T-6,,,\n", "type: missing for an event row", "type：事件行缺少事件类型"),
    ("case,,loan,,\n", "case: missing", "case：缺失"),
    (
        "case,T-3#1,loan,,\n",
        "case id 'T-3#1' contains '#', which event ids use",
        "案件编号 'T-3#1' 含有事件编号所用的 '#'",
    ),
]


@pytest.mark.parametrize(("rows", "en", "zh"), IMPORT_ROWS)
def test_an_import_refused_for_its_rows_speaks_the_runs_language(
    store: Path, tmp_path: Path, rows: str, en: str, zh: str
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("record,case,kind,type,on\n" + rows, encoding="utf-8")
    said = refused(store, ["import", str(path)], "zh")
    assert zh in said and list(english_words(said, codes())) == [], said
    assert en in refused(store, ["import", str(path)], "en")


CJK = re.compile(r"[\u4e00-\u9fff]")
# names a Chinese text writes as they are: file formats, JSON's own words and the JSON-lines key
# "events", products
NAMES = {"JSON", "CSV", "Lines", "UTF-8", "NaN", "events", "Excel", "Windows"}
# an import file that cannot be read: its name, its bytes, the English and the Chinese refusal
IMPORT_FILES: list[tuple[str, bytes, str, str]] = [
    ("a.jsonl", b"{not json\n", "a.jsonl:1: not a JSON object (", "不是 JSON 对象(第 2 个字符处"),
    ("a.jsonl", b"[1, 2]\n", "expected a JSON object per line", "每行应为一个 JSON 对象"),
    (
        "a.jsonl",
        b'{"record":"case","case":"N1","kind":"loan","facts":{"amount_yuan":NaN}}\n',
        "NaN is not a number; accepted: finite numbers",
        "NaN 不是数字",
    ),
    (
        "a.jsonl",
        b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "JSON nested too deeply",
        "JSON 嵌套过深",
    ),
    (
        "a.jsonl",
        b'{"record":"case","case":"N1","kind":"loan","events":"x"}\n',
        "events: expected a list",
        "events：应为列表",
    ),
    (
        "a.jsonl",
        b'{"record":"case","case":"N1","kind":"loan","events":[1]}\n',
        "events: expected a list of objects",
        "events：应为由对象组成的列表",
    ),
    (
        "a.jsonl",
        b'{"record":"case","case":"N1","kind":"loan","unit":{"a":1}}\n',
        "unit: expected text, got a JSON dict",
        "unit：应为文字，实际是 JSON 对象",
    ),
    (
        "a.jsonl",
        b'{"record":"case","case":"N1","kind":"loan","facts":{"x":{"y":1}}}\n',
        "expected text, a number or true/false",
        "应为文字、数字或 true/false",
    ),
    ("a.csv", b"x,y\n1,2\n", "a.csv:1: CSV header must name at least: record, case", "CSV 表头"),
    (
        "a.csv",
        b"record,case,kind\ncase,N1,loan,extra\n",
        "a.csv:2: more fields than the header names",
        "字段数(4)多于表头的列数(3)",
    ),
    (
        "a.csv",
        b"record,case,kind,facts\ncase,N1,loan,amount_yuan\n",
        "facts: expected k=v;k=v or a JSON object",
        "facts：应为 k=v;k=v 或 JSON 对象",
    ),
    (
        "a.csv",
        b'record,case,kind,facts\ncase,N1,loan,"{bad"\n',
        "facts: not a JSON object",
        "facts：不是 JSON 对象",
    ),
    (
        "a.csv",
        b"record,case,kind,note\ncase,N1,loan," + b"n" * 140_000 + b"\n",
        "not a CSV row (",
        "不是有效的 CSV 行",
    ),
    (
        "a.csv",
        b'record,case,kind,note\ncase,N1,loan,"' + b"n" * 1_100_000 + b'"\n',
        "line longer than 1,048,576 characters",
        "该行超过 1,048,576 个字符",
    ),
    (
        "a.csv",
        "record,case,kind,unit\ncase,N1,loan,石嘴山银行\n".encode("gb18030"),
        'it reads as GBK/GB18030, the encoding Excel uses for plain "CSV"',
        "它可按 GBK/GB18030 读出",
    ),
]


@pytest.mark.parametrize(("name", "content", "en", "zh"), IMPORT_FILES)
def test_an_unreadable_import_file_is_refused_in_the_runs_language(
    store: Path, tmp_path: Path, name: str, content: bytes, en: str, zh: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    said = refused(store, ["import", str(path)], "zh")
    assert zh in said, said
    assert list(english_words(said, codes() | NAMES)) == [], said
    said = refused(store, ["import", str(path)], "en")
    assert en in said and not CJK.search(said), said


def test_a_missing_import_file_and_a_conflicting_case_speak_the_runs_language(
    store: Path, tmp_path: Path
) -> None:
    from deadlines.errors import StoreError
    from deadlines.store import Store
    from deadlines.store.importer import import_file

    with pytest.raises(StoreError) as missing:
        import_file(Store.__new__(Store), tmp_path / "none.csv")
    assert (
        missing.value.in_lang("zh")
        == f"没有可导入的文件 {tmp_path / 'none.csv'}；请给出 CSV 或 JSON Lines 文件"
    )
    rows = tmp_path / "differs.csv"
    rows.write_text("record,case,kind,unit\ncase,DK-2026-101,loan,别的单位\n", encoding="utf-8")
    said = refused(store, ["import", str(rows)], "zh")
    assert "案件 'DK-2026-101' 已存在，但类型、责任单位或事实不同" in said, said
    assert list(english_words(said, codes() | NAMES)) == [], said
    said = refused(store, ["import", str(rows)], "en")
    assert "case 'DK-2026-101' already exists with another kind, unit or facts" in said, said


def test_skipped_rows_are_reported_in_the_runs_language(store: Path, tmp_path: Path) -> None:
    rows = tmp_path / "skip.csv"
    rows.write_text("record,case,kind\ncase,SK-1,loan,extra\ncase,SK-2,nosuch\n", encoding="utf-8")
    said = {}
    for lang in ("zh", "en"):
        args = ["import", str(rows), "--skip-bad", "--db", str(store), "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        said[lang] = result.stderr
    assert f"已跳过 {rows}:2：字段数(4)多于表头的列数(3)" in said["zh"], said["zh"]
    assert list(english_words(said["zh"], codes() | NAMES)) == [], said["zh"]
    assert f"skipped {rows}:2: more fields than the header names" in said["en"], said["en"]
    assert not CJK.search(said["en"]), said["en"]
