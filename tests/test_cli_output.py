"""The output contract: every command's JSON keys are those docs/output.md lists; JSON Lines, CSV
and its BOM; tables lined up by display width; -h; the language of errors."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deadlines.cli import main
from deadlines.cli.formats import table, width

DOCS = Path(__file__).parent.parent / "docs" / "output.md"
SAMPLE = Path(__file__).parent.parent / "seeds" / "sample.csv"
AS_OF = "2026-11-30"

Run = Callable[..., Result]


@pytest.fixture
def cli(tmp_path: Path) -> Run:
    """The command line on a fresh store holding seeds/sample.csv (three cases)."""
    db = str(tmp_path / "t.db")
    runner = CliRunner()

    def run(*args: str, ok: bool = True, stdin: str | None = None) -> Result:
        result = runner.invoke(main, [*args, "--db", db] if _stored(args) else list(args), stdin)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    run("init")
    run("import", str(SAMPLE))
    return run


_STORE_COMMANDS = {
    "init",
    "import",
    "case",
    "event",
    "next",
    "remind",
    "overdue",
    "recompute",
    "check",
    "backup",
}


def _stored(args: tuple[str, ...]) -> bool:
    return bool(args) and args[0] in _STORE_COMMANDS


def documented() -> dict[str, list[str]]:
    """``- `deadlines CMD` [part]: k1, k2, ...`` lines of docs/output.md -> {"CMD [part]": keys}."""
    out: dict[str, list[str]] = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        m = re.match(
            r"- ((?:`deadlines [^`]+`(?:, )?)+)( [a-z]+)?: ([a-z_, ]+?)(?: —|$| \(|\s*$)", line
        )
        if not m:
            continue
        keys = [k.strip() for k in m.group(3).split(",") if k.strip()]
        for cmd in re.findall(r"`deadlines ([^`]+)`", m.group(1)):
            out[cmd + (m.group(2) or "")] = keys
    return out


def _keys(doc: object) -> list[str]:
    item = doc[0] if isinstance(doc, list) else doc
    assert isinstance(item, dict), doc
    return list(item)


# (documented name, arguments); a store command runs on the fixture's store
WALK: list[tuple[str, tuple[str, ...]]] = [
    ("due PERIOD", ("due", "3wd", "--from", "2026-05-26")),
    ("due RULE|WORDS", ("due", "留抵退税", "--from", "2026-09-28")),
    ("due RULE|WORDS", ("due", "欠薪", "--from", AS_OF)),
    ("calendar month", ("calendar", "month", "2026-05")),
    ("calendar day", ("calendar", "day", "2026-05-27")),
    ("calendar years", ("calendar", "years")),
    ("rules list", ("rules", "list")),
    ("rules check", ("rules", "check")),
    ("kinds", ("kinds",)),
    ("events", ("events", "loan")),
    ("config", ("config",)),
    ("init", ("init",)),
    ("case add", ("case", "add", "Q-1", "--kind", "loan")),
    ("case list", ("case", "list", "--as-of", AS_OF)),
    ("case close", ("case", "close", "DK-2026-101", "--on", AS_OF, "--reason", "撤回")),
    ("case reopen", ("case", "reopen", "DK-2026-101", "--on", AS_OF)),
    ("event add", ("event", "add", "ZX-2026-101", "enforcement.query-launched", "--on", AS_OF)),
    ("next", ("next", "ZX-2026-101", "--as-of", AS_OF)),
    ("remind", ("remind", "--as-of", AS_OF)),
    ("overdue", ("overdue", "--as-of", AS_OF)),
    ("import", ("import", str(SAMPLE))),
    ("check", ("check",)),
]


@pytest.mark.parametrize(("name", "args"), WALK, ids=[" ".join(a[:2]) for _, a in WALK])
def test_every_command_prints_the_documented_json_keys(
    cli: Run, name: str, args: tuple[str, ...]
) -> None:
    docs = documented()
    if name == "case reopen":  # only a closed case is reopened
        cli("case", "close", "DK-2026-101", "--on", "2026-11-27", "--reason", "撤回")
    doc = json.loads(cli(*args, "--format", "json").output)
    assert _keys(doc) == docs[name]
    if name in ("case add", "case close", "case reopen", "event add"):
        return  # each run records something new
    # --json is the same document (but for remind's run id); JSON Lines: the records, one a line
    assert json.loads(cli(*args, "--json").output) == doc
    lines = [json.loads(s) for s in cli(*args, "--format", "jsonl").output.splitlines()]
    extra = ["as_of", "run"] if name == "remind" else []  # a log's lines say which day and run
    assert all(_keys(item) == [*_keys(doc), *extra] for item in lines if name != "overdue")


def test_the_walk_covers_every_command() -> None:
    from tests.test_cli_core import _commands

    walked = {
        " ".join(args[:2]) if args[0] in ("calendar", "rules", "case", "event") else args[0]
        for _, args in WALK
    }
    groups = {"calendar", "rules", "case", "event", "export", "user"}
    missing = {" ".join(p) for p in _commands(main) if p[0] not in groups or len(p) == 2} - walked
    # rules show, recompute and case show are walked below with their own setups; send, outbox
    # and export need a units file and print iCalendar (tests/test_delivery.py)
    assert missing <= {"rules show", "recompute", "case show", "send", "outbox", "export ics"} | {
        "case fact",  # tests/test_notice_contract.py
        "case unit",  # its keys: tests/test_review_fixes.py, beside the unit it routes
        "calendar import-notice",  # writes a year file: tests/test_import_notice.py
        "serve",  # a web server: tests/test_web_http.py
        "user",
        "user add",
        "user list",
        "backup",  # below: it writes a file
    }


def test_nested_lists_have_their_documented_keys(cli: Run) -> None:
    docs = documented()
    show = json.loads(cli("case", "show", "ZX-2026-101", "--as-of", AS_OF, "--json").output)
    assert _keys(show["events"]) == docs["case show events"]
    assert _keys(show["obligations"]) == docs["case show obligations"]
    late = json.loads(cli("overdue", "--as-of", AS_OF, "--json").output)
    assert _keys(late["groups"]) == docs["overdue groups"]
    shown = json.loads(cli("rules", "show", "L48", "--json").output)
    assert _keys(shown) == docs["rules show"] == [*docs["rules list"], "example"]
    recomputed = json.loads(cli("recompute", "--json").output)
    assert _keys(recomputed) == docs["recompute"]
    # the fixture's three cases, and nothing changed since the import
    assert (recomputed["cases"], recomputed["preview"], recomputed["moves"]) == (3, False, [])
    assert cli("recompute", "--format", "jsonl").output == ""  # one move a line: none
    # a second seized asset adds its own 30-day limit: a move of kind "added"
    event = json.loads(
        cli(
            "event",
            "add",
            "ZX-2026-101",
            "enforcement.property-seized",
            "--on",
            AS_OF,
            "--data",
            "asset=A-2",
            "--json",
        ).output
    )
    assert _keys(event["moves"]) == docs["recompute moves"]
    assert event["moves"][0]["change"] == "added"


def test_backup_prints_its_documented_keys(cli: Run, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    doc = json.loads(cli("backup", str(copy), "--json").output)
    assert _keys(doc) == documented()["backup"] and doc["backup"] == str(copy) and copy.is_file()


def test_json_lines_is_one_record_a_line(cli: Run) -> None:
    lines = cli("case", "list", "--as-of", AS_OF, "--format", "jsonl").output.splitlines()
    assert [json.loads(s)["case"] for s in lines] == ["DK-2026-101", "TS-2026-101", "ZX-2026-101"]


def test_csv_has_a_header_row_and_a_bom_only_when_asked(cli: Run) -> None:
    plain = cli("case", "list", "--as-of", AS_OF, "--format", "csv").output
    assert not plain.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(plain)))
    assert rows[0]["case"] == "DK-2026-101" and rows[0]["unit"] == "石嘴山银行"
    # loan received Mon 11-16: 20 working days -> 11-17..20 (4), 23..27 (9), 30, 12-01..04 (14),
    # 07..11 (19), 14 (20): Mon 2026-12-14
    assert rows[0]["next_due"] == "2026-12-14"
    bom = cli("case", "list", "--as-of", AS_OF, "--format", "csv", "--bom").output
    assert bom.startswith("\ufeffcase,kind,unit,status")
    refused = cli("case", "list", "--bom", ok=False)
    assert refused.exit_code == 2 and "--bom 只用于 --format csv" in refused.output


def test_tables_line_up_by_display_width() -> None:
    lines = table(["编号", "名称"], [["a", "留抵退税"], ["long-id", "x"]])
    assert lines == ["编号     名称", "a        留抵退税", "long-id  x"]
    assert width("留抵退税") == 8 and width("abc") == 3


def test_rules_list_columns_line_up_in_chinese() -> None:
    out = CliRunner().invoke(main, ["rules", "list"]).output.splitlines()
    starts = {width(line[: line.index("L48")]) for line in out if " L48 " in line}
    header = out[0]
    assert starts == {width(header[: header.index("代码")])}


@pytest.mark.parametrize("args", [["-h"], ["due", "-h"], ["case", "list", "-h"]])
def test_dash_h_is_help(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and result.stdout.startswith("用法：")


def test_errors_speak_the_chosen_language() -> None:
    zh = CliRunner().invoke(main, ["due", "3d", "--from", "2026-02-30"])
    assert zh.exit_code == 2
    assert zh.stderr.startswith("错误：'--from' 的值无效：'2026-02-30' 不是有效日期")
    en = CliRunner().invoke(main, ["due", "3d", "--from", "2026-02-30", "--lang", "en"])
    assert en.stderr.startswith("Error: Invalid value for '--from': '2026-02-30' is not a real")
    # the library's own errors too: an unknown rule, with the closest id
    unknown = CliRunner().invoke(main, ["rules", "show", "credit.smal-loan"])
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith(
        "错误：未知规则 'credit.smal-loan'(是否想输入 'credit.small-loan'？)"
    )
    unknown = CliRunner().invoke(main, ["rules", "show", "credit.smal-loan", "--lang", "en"])
    assert "unknown rule 'credit.smal-loan' (did you mean 'credit.small-loan'?)" in unknown.stderr
    rule = CliRunner().invoke(main, ["due", "licence.remind-60", "--from", "2026-10-31"])
    assert rule.exit_code == 1
    assert "规则 'licence.remind-60' 自届满日向前计算：请给出 --before DATE" in rule.stderr


@pytest.mark.parametrize(
    ("doc", "args"),
    [
        ("case list", ("case", "list", "--unit", "无此单位", "--as-of", AS_OF)),
        ("next", ("next", "DK-2026-101", "--as-of", "2026-01-05")),  # before any event
        ("recompute moves", ("recompute",)),  # nothing moves after the import
        ("outbox", ("outbox",)),  # nothing sent yet
        ("user list", ("user", "list")),  # no accounts yet
    ],
)
def test_an_empty_csv_still_has_its_documented_header(
    cli: Run, tmp_path: Path, doc: str, args: tuple[str, ...]
) -> None:
    """A program reading the CSV finds its columns whether or not there are rows."""
    extra = ("--db", str(tmp_path / "t.db")) if args[0] in ("outbox", "user") else ()
    out = cli(*args, *extra, "--format", "csv").output
    assert out.splitlines() == [",".join(documented()[doc])]


def test_a_list_commands_columns_are_its_records_keys(cli: Run) -> None:
    """The CSV columns written when there is no row are those of the rows themselves."""
    docs = documented()
    listed = json.loads(cli("case", "list", "--as-of", AS_OF, "--json").output)
    assert _keys(listed) == docs["case list"]
    nexts = json.loads(cli("next", "ZX-2026-101", "--as-of", AS_OF, "--json").output)
    assert _keys(nexts) == docs["next"]


def _csv_rows(result: Result) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))


@pytest.mark.parametrize(
    ("lang", "monday", "workday", "makeup", "regional", "regional_name"),
    [
        ("zh", "星期一", "工作日", "调休上班：春节", "宁夏地方节日：古尔邦节", "古尔邦节"),
        (
            "en",
            "Monday",
            "working day",
            "make-up working day for Spring Festival",
            "Ningxia regional holiday: Eid al-Adha",
            "Eid al-Adha",
        ),
    ],
)
def test_calendar_data_texts_follow_the_language(
    cli: Run, lang: str, monday: str, workday: str, makeup: str, regional: str, regional_name: str
) -> None:
    # 2026: Mon 02-02 a plain working day; Sat 02-14 worked for 春节 (国办发明电〔2025〕7号 of
    # 2025-11-04); Wed 05-27 古尔邦节, a Ningxia regional day off
    rows = {
        r["date"]: r
        for r in _csv_rows(cli("calendar", "month", "2026-02", "--format", "csv", "--lang", lang))
    }
    assert (rows["2026-02-02"]["weekday"], rows["2026-02-02"]["reason"]) == (monday, workday)
    assert (rows["2026-02-14"]["kind"], rows["2026-02-14"]["reason"]) == ("makeup", makeup)
    assert "国办发明电〔2025〕7号" in rows["2026-02-02"]["source"]
    day = json.loads(
        cli("calendar", "day", "2026-05-27", "--format", "jsonl", "--lang", lang).output
    )
    assert (day["kind"], day["name"], day["reason"]) == ("regional", regional_name, regional)
    years = json.loads(cli("calendar", "years", "--json", "--lang", lang).output)
    y2004 = next(y for y in years if y["year"] == 2004)
    assert y2004["status"] == "published" and y2004["confidence"] == "official"  # codes
    said = (y2004["source"], y2004["origin"])
    if lang == "zh":
        assert "文号未找到" in said[0] and "随附的更正" in said[1]
        assert not any(w in " ".join(said) for w in ("not found", "with the shipped", " via "))
    else:
        assert (
            "(document number not found)" in said[0] and "with the shipped corrections" in said[1]
        )


@pytest.mark.parametrize(
    ("lang", "monday", "tuesday", "period"),
    [("zh", "星期一", "星期二", "20个工作日"), ("en", "Monday", "Tuesday", "20 working days")],
)
def test_due_and_next_texts_follow_the_language(
    cli: Run, lang: str, monday: str, tuesday: str, period: str
) -> None:
    # 20 working days after Mon 2026-03-02 (no holiday in March 2026): Mon 03-30
    (due,) = _csv_rows(
        cli("due", "20wd", "--from", "2026-03-02", "--format", "csv", "--lang", lang)
    )
    assert (due["due"], due["weekday"], due["period"], due["mode"]) == (
        "2026-03-30",
        monday,
        period,
        "deadline",
    )
    # ZX-2026-101: 1 working day after Mon 11-02 is Tue 11-03, overdue on 11-30, listed first
    first = _csv_rows(
        cli("next", "ZX-2026-101", "--as-of", AS_OF, "--format", "csv", "--lang", lang)
    )[0]
    assert (first["due"], first["weekday"], first["status"]) == ("2026-11-03", tuesday, "overdue")


_RANGE_ZH = "超出支持范围 2004-01-01 至 2099-12-31"
_RANGE_EN = "outside the supported range 2004-01-01 to 2099-12-31"


@pytest.mark.parametrize(
    ("args", "env", "zh", "en"),
    [
        # published data starts in 2004; provisional years end in 2099
        (
            ["due", "20wd", "--from", "2003-01-01"],
            {},
            "日期 2003-01-01 " + _RANGE_ZH,
            "date 2003-01-01 is " + _RANGE_EN,
        ),
        (
            ["calendar", "day", "2003-05-01"],
            {},
            "日期 2003-05-01 " + _RANGE_ZH,
            "date 2003-05-01 is " + _RANGE_EN,
        ),
        (
            ["calendar", "month", "2100-01"],
            {},
            "日期 2100-01-01 " + _RANGE_ZH,
            "date 2100-01-01 is " + _RANGE_EN,
        ),
        (
            ["due", "1年", "--from", "2099-01-01"],
            {},
            "日期 2100-01-01 " + _RANGE_ZH,
            "date 2100-01-01 is " + _RANGE_EN,
        ),
        # only 11 days (2099-12-21 .. 12-31) are left in the range, fewer than 20 working days
        (
            ["due", "20wd", "--from", "2099-12-20"],
            {},
            "2099-12-20 之后 20 个工作日" + _RANGE_ZH,
            "20 working days after 2099-12-20 falls " + _RANGE_EN,
        ),
        # 2004-06-01 - 1 year = Sun 2003-06-01: the working day before it is before the range
        (
            ["due", "1年", "--before", "2004-06-01"],
            {},
            "提醒日 2003-06-01 是休息日，而它之前的工作日早于支持范围的起点 2004-01-01",
            "the reminder date 2003-06-01 is a rest day and the working day before it is earlier "
            "than 2004-01-01, where the supported range starts",
        ),
        (
            ["due", "3wd", "--from", "2026-05-26"],
            {"DEADLINES_CALENDARS": "/nonexistent"},
            "$DEADLINES_CALENDARS '/nonexistent' 不是文件夹；请给出存放 cn/YYYY.toml 和/或",
            "$DEADLINES_CALENDARS '/nonexistent' is not a folder; give a folder holding",
        ),
        (
            ["rules", "list"],
            {"DEADLINES_RULES": "/nonexistent"},
            "规则文件夹 '/nonexistent' 不存在；请给出存放 *.toml 规则文件的文件夹",
            "rules directory '/nonexistent' does not exist; give a folder of *.toml files",
        ),
    ],
)
def test_range_and_folder_errors_speak_the_chosen_language(
    args: list[str], env: dict[str, str], zh: str, en: str
) -> None:
    for lang, prefix, said in (("zh", "错误：", zh), ("en", "Error: ", en)):
        result = CliRunner().invoke(main, [*args, "--lang", lang], env=env)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(prefix + said), result.stderr
        assert result.stderr.count("\n") == 1  # one line
