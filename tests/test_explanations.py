"""Explanations are derived when shown: in the language asked for, as of the day asked about,
and marked when the rule or calendar they were computed with is no longer in force.

Hand-worked: enforcement case filed Mon 2026-03-02; L63a (网络查控, 1 working day) is due the
first working day strictly after it, Tue 2026-03-03. On Thu 03-05 it is 2 calendar days overdue.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deadlines.calendars.explain import holiday_name
from deadlines.cli import main
from deadlines.store.database import open_store


@pytest.fixture()
def cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = str(tmp_path / "t.db")
    runner = CliRunner()

    def run(*args: str) -> Result:
        result = runner.invoke(main, [*args, "--db", db], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    run("init")
    run("case", "add", "Z1", "--kind", "enforcement", "--unit", "大武口区人民法院")
    run("event", "add", "Z1", "enforcement.filed", "--on", "2026-03-02")
    run.db = db  # type: ignore[attr-defined]
    return run


def test_next_header_and_last_step_agree_on_the_day_asked(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("next", "Z1", "--as-of", "2026-03-02", "--lang", "en").output.splitlines()
    # out[0] heads the list, out[2] is the one item: its date, how near, then its steps
    assert out[2].startswith("2026-03-03 (Tue)  1 working day left (calendar cn-nx)")
    assert out[-1].endswith("Pending as of 2026-03-02 (Mon).")
    out = cli("next", "Z1", "--as-of", "2026-03-05", "--lang", "en").output.splitlines()
    assert "  2 days overdue (calendar" in out[2]
    assert out[-1].endswith("Not completed as of 2026-03-05 (Thu): 2 days overdue.")
    out = cli("next", "Z1", "--as-of", "2026-03-04", "--lang", "en").output.splitlines()
    assert "  1 day overdue (calendar" in out[2]
    assert out[-1].endswith("Not completed as of 2026-03-04 (Wed): 1 day overdue.")


def test_chinese_by_default_and_english_on_request(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("next", "Z1", "--as-of", "2026-03-05").output
    assert "已逾期 2 日" in out.splitlines()[2]
    assert out.splitlines()[-1].endswith("截至 2026-03-05(星期四) 未完成：已逾期 2 日。")
    assert "第 1 个工作日为 2026-03-03(星期二)" in out
    data = json.loads(cli("next", "Z1", "--json", "--as-of", "2026-03-02", "--lang", "en").output)[
        0
    ]
    assert data["due"] == "2026-03-03" and data["stale"] == []
    assert "Working day 1 is 2026-03-03 (Tue)" in "\n".join(data["steps"])
    assert data["steps"][-1] == "Pending as of 2026-03-02 (Mon)."
    show = cli("case", "show", "Z1", "--as-of", "2026-03-03", "--lang", "en").output
    assert "Due today (2026-03-03 (Tue))." in show


def test_a_rule_changed_since_computing_is_marked_until_recomputed(cli) -> None:  # type: ignore[no-untyped-def]
    with open_store(cli.db) as store, store.transaction() as conn:
        conn.execute(
            "INSERT INTO rule_versions (rule_id, rule_version, clause, title_zh, title_en, period,"
            " direction) SELECT rule_id, 'sha256:old', clause, title_zh, title_en, period,"
            " direction FROM rule_versions"
        )
        conn.execute(
            "UPDATE obligation_rows SET rule = (SELECT o.id FROM rule_versions o"
            " JOIN rule_versions r ON r.rule_id = o.rule_id AND r.id = obligation_rows.rule"
            " WHERE o.rule_version = 'sha256:old')"
            " WHERE case_ref = (SELECT ref FROM cases WHERE id = 'Z1')"
        )
    out = cli("next", "Z1", "--as-of", "2026-03-02", "--lang", "en").output
    assert "[basis changed: recompute]" in out.splitlines()[2]
    assert "computed under rule version sha256:old" in out
    data = json.loads(cli("next", "Z1", "--json", "--as-of", "2026-03-02").output)[0]
    assert data["stale"] == ["rule"] and data["due"] == "2026-03-03"
    cli("recompute")
    out = cli("next", "Z1", "--as-of", "2026-03-02", "--lang", "en").output
    assert "recompute" not in out


def test_a_calendar_data_change_is_marked(cli) -> None:  # type: ignore[no-untyped-def]
    with open_store(cli.db) as store, store.transaction() as conn:
        conn.execute("INSERT INTO terms (text) VALUES ('cn-nx@old')")
        conn.execute(
            "UPDATE obligation_rows SET calendar_version ="
            " (SELECT id FROM terms WHERE text = 'cn-nx@old')"
            " WHERE case_ref = (SELECT ref FROM cases WHERE id = 'Z1')"
        )
    data = json.loads(cli("next", "Z1", "--json", "--as-of", "2026-03-02", "--lang", "en").output)[
        0
    ]
    assert data["stale"] == ["calendar"]
    assert any("computed with calendar data cn-nx@old" in s for s in data["steps"])
    show = cli("case", "show", "Z1", "--lang", "en").output
    assert "[basis changed: recompute]" in show


@pytest.mark.parametrize(
    ("name", "zh", "en"),
    [
        ("元旦 New Year's Day", "元旦", "New Year's Day"),  # "Year's" is an English word too
        (
            "中秋 Mid-autumn Festival / 国庆节 National Day",
            "中秋 / 国庆节",
            "Mid-autumn Festival / National Day",
        ),
        ("春节 Spring Festival 初一", "春节 初一", "Spring Festival day 1"),
        ("古尔邦节 Eid al-Adha", "古尔邦节", "Eid al-Adha"),
        ("国庆节", "国庆节", "National Day"),  # a user's year file may name it in Chinese only
        (
            "补假 make-up rest day for 春节 Spring Festival 初一 2027-02-06 (Sat), which fell on a "
            "weekend (放假办法 第六条)",
            "补假(补春节 初一 2027-02-06，适逢周末；放假办法 第六条)",
            "make-up rest day for Spring Festival day 1 2027-02-06, which fell on a weekend "
            "(holiday regulations, art. 6)",
        ),
        (
            "补假 make-up rest day for 国庆节 National Day 2028-10-03 (Tue), which fell on 中秋 "
            "(放假办法 第六条)",
            "补假(补国庆节 2028-10-03，适逢中秋；放假办法 第六条)",
            "make-up rest day for National Day 2028-10-03, which fell on Mid-autumn Festival "
            "(holiday regulations, art. 6)",
        ),
    ],
)
def test_holiday_names_are_said_in_one_language(name: str, zh: str, en: str) -> None:
    assert holiday_name(name, "zh") == zh
    assert holiday_name(name, "en") == en


@pytest.mark.parametrize(
    ("lang", "cited"),
    [("zh", "见 docs/counting.md「Counting」一节"), ("en", "docs/counting.md § Counting")],
)
def test_a_reminder_moved_back_cites_a_document_that_ships(lang: str, cited: str) -> None:
    # 2026-10-08 - 60 days = Sun 2026-08-09 (8 + 30 + 22 days); a reminder moves back over the
    # weekend to Fri 2026-08-07
    result = CliRunner().invoke(main, ["due", "60 days", "--before", "2026-10-08", "--lang", lang])
    assert result.exit_code == 0 and result.output.startswith("2026-08-07")
    assert cited in result.output and "decisions.md" not in result.output
    counting = (Path(__file__).parent.parent / "docs" / "counting.md").read_text(encoding="utf-8")
    assert "## Counting" in counting and '**Reminders "N days before"' in counting
