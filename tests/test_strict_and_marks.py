"""What --strict refuses (with the real cause) and how a low-confidence regional year is marked.

Hand-worked facts used: 2027 has no State Council notice (provisional); Ningxia's 2018 days are
unknown; its 2024-2026 days are graded low, 2021's high. 2025 (国办发明电〔2024〕12号): 劳动节
05-01..05 off, 04-27 (Sun) worked; 端午 05-31..06-02 off. 2021 (国办发明电〔2020〕27号): 劳动节
05-01..05 off, 04-25 (Sun) and 05-08 (Sat) worked.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deadlines.cli import main


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(
    ("args", "cause"),
    [
        # 60 days before Wed 2027-03-31 is Sat 01-30: a rest day, and 2027 is provisional
        (["60 days", "--before", "2027-03-31"], "strict: 2027 has no published State Council"),
        # 10 days before Tue 2018-06-12 is Sat 06-02, and Ningxia's 2018 is unknown
        (
            ["10 days", "--before", "2018-06-12", "--calendar", "cn-nx"],
            "strict: Ningxia's regional holidays for 2018 are unknown",
        ),
        (["3 months", "--from", "2026-10-15"], "strict: 2027 has no published State Council"),
    ],
)
def test_strict_refusals_name_the_real_cause(args: list[str], cause: str) -> None:
    result = _run("due", *args, "--strict", "--lang", "en")
    assert result.exit_code == 1
    assert cause in result.output
    assert "earlier than 2004-01-01" not in result.output


def test_a_reminder_whose_working_day_before_is_before_2004_still_says_so() -> None:
    # 1 day before Fri 2004-01-02 is Thu 01-01 (元旦); the working day before it would be in
    # 2003, outside every calendar
    result = _run("due", "1 day", "--before", "2004-01-02", "--lang", "en")
    assert result.exit_code == 1 and "earlier than 2004-01-01" in result.output


def test_due_json_marks_low_confidence_regional_years() -> None:
    low = json.loads(
        _run("due", "3wd", "--from", "2026-05-26", "--calendar", "cn-nx", "--json").output
    )
    assert low["due"] == "2026-06-02" and low["low_confidence"] is True
    assert low["low_confidence_years"] == [2026]
    high = json.loads(
        _run("due", "3wd", "--from", "2021-05-10", "--calendar", "cn-nx", "--json").output
    )
    assert high["low_confidence"] is False  # 2021: high confidence
    national = json.loads(
        _run("due", "3wd", "--from", "2026-05-26", "--calendar", "cn", "--json").output
    )
    assert national["due"] == "2026-05-29" and national["low_confidence"] is False


@pytest.fixture()
def cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = str(tmp_path / "t.db")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(main, [*args, "--db", db], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    run("init")
    return run


def test_every_view_marks_a_low_confidence_date(cli) -> None:  # type: ignore[no-untyped-def]
    # Licence expiring Mon 2025-06-30 (Ningxia 2025: low). 60 days before is Thu 05-01 (劳动节)
    # -> back to Wed 04-30; 30 days before is Sat 05-31 (端午) -> back to Fri 05-30.
    cli("case", "add", "L5", "--kind", "licence")
    cli("event", "add", "L5", "licence.expires", "--on", "2025-06-30")
    # Licence expiring Wed 2021-06-30 (Ningxia 2021: high). 60 days before is Sat 05-01 ->
    # back to Fri 04-30; 30 days before is Mon 05-31, a working day.
    cli("case", "add", "L1", "--kind", "licence")
    cli("event", "add", "L1", "licence.expires", "--on", "2021-06-30")

    nxt = json.loads(cli("next", "L5", "--json", "--as-of", "2025-04-01"))[0]
    assert (nxt["due"], nxt["low_confidence"]) == ("2025-04-30", True)
    assert "low-confidence" in cli("next", "L5", "--as-of", "2025-04-01", "--lang", "en")
    nxt = json.loads(cli("next", "L1", "--json", "--as-of", "2021-04-01"))[0]
    assert (nxt["due"], nxt["low_confidence"]) == ("2021-04-30", False)

    shown = json.loads(cli("remind", "--as-of", "2025-05-30", "--format", "json"))
    assert {(n["case"], n["due"], n["low_confidence"]) for n in shown} >= {
        ("L5", "2025-04-30", True),
        ("L5", "2025-05-30", True),
    }
    text = cli("remind", "--as-of", "2025-05-30", "--lang", "en")
    assert all(
        "[low-confidence Ningxia holiday data]" in line
        for line in text.splitlines()
        if "L5" in line
    )
    rows = list(
        csv.DictReader(io.StringIO(cli("remind", "--as-of", "2025-05-30", "--format", "csv")))
    )
    assert {r["low_confidence"] for r in rows if r["case"] == "L5"} == {"1"}
    shown = json.loads(cli("remind", "--as-of", "2021-05-31", "--format", "json"))
    assert {(n["case"], n["due"], n["low_confidence"]) for n in shown} >= {
        ("L1", "2021-05-31", False)
    }

    # An enforcement case filed Mon 2025-03-03: 1 working day -> Tue 03-04, overdue on 03-10.
    cli("case", "add", "Z2", "--kind", "enforcement")
    cli("event", "add", "Z2", "enforcement.filed", "--on", "2025-03-03")
    over = json.loads(cli("overdue", "--as-of", "2025-03-10", "--json"))
    items = [i for g in over["groups"] for i in g["items"] if i["case"] == "Z2"]
    assert items and all(i["low_confidence"] for i in items)
    assert "[宁夏地方假日数据可信度低]" in cli("overdue", "--as-of", "2025-03-10")
    show = cli("case", "show", "L5", "--as-of", "2025-04-01", "--lang", "en")
    assert "due 2025-04-30 (Wed) [low-confidence Ningxia holiday data]" in show
    assert "[low-confidence" not in cli(
        "case", "show", "L1", "--as-of", "2021-04-01", "--lang", "en"
    )


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (
            ["due", "3个月", "--from", "2026-10-15", "--strict"],
            "严格模式(--strict)：2027 年的国务院放假通知尚未发布；日历 cn-nx 覆盖 2004–2026 年"
            "(去掉 --strict 可得暂定答案)",
            "strict: 2027 has no published State Council holiday notice; calendar cn-nx covers "
            "2004–2026 (drop --strict for a provisional answer)",
        ),
        (
            ["due", "3wd", "--from", "2018-06-13", "--strict"],
            "严格模式(--strict)：宁夏 2018 年的地方假日未知(没有文件 calendars/cn-nx/2018.toml)；"
            "请用日历 cn，或去掉 --strict",
            "strict: Ningxia's regional holidays for 2018 are unknown (no file "
            "calendars/cn-nx/2018.toml); use calendar cn, or drop --strict",
        ),
    ],
)
def test_a_strict_refusal_speaks_the_runs_language(args: list[str], zh: str, en: str) -> None:
    for lang, said in (("zh", "错误：" + zh), ("en", "Error: " + en)):
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 1 and result.stderr == said + "\n", result.stderr
