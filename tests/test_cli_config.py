"""deadlines.toml: found in the working folder, overridden by the environment, shown by
`deadlines config` with where each value came from; a bad file is one clear error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import main


def config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def shown(*args: str, env: dict[str, str] | None = None) -> dict[str, tuple[object, str]]:
    result = CliRunner().invoke(main, [*args, "config", "--json"], env=env)
    assert result.exit_code == 0, result.output
    return {r["key"]: (r["value"], r["source"]) for r in json.loads(result.output)}


def test_the_file_in_the_working_folder_sets_defaults_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config(
        tmp_path / "deadlines.toml",
        'lang = "en"\ncalendar = "cn"\nstore = "data/x.db"\nahead = 5\n',
    )
    values = shown()
    assert values["lang"] == ("en", "deadlines.toml")
    assert values["calendar"] == ("cn", "deadlines.toml")
    assert values["store"] == (str(tmp_path / "data" / "x.db"), "deadlines.toml")
    assert values["ahead"] == (5, "deadlines.toml")
    assert values["rules"] == ([], "default")
    assert shown(env={"DEADLINES_LANG": "zh"})["lang"] == ("zh", "$DEADLINES_LANG")
    # the file's language and calendar are the commands' defaults: 2026-05-27 is 古尔邦节 only in
    # Ningxia, so on the national calendar 3 working days after Tue 05-26 is Fri 05-29
    out = CliRunner().invoke(main, ["due", "3wd", "--from", "2026-05-26"]).output
    assert out.splitlines()[0].startswith("2026-05-29 (Fri)")
    out = CliRunner().invoke(main, ["due", "3wd", "--from", "2026-05-26", "--calendar", "cn-nx"])
    assert out.output.splitlines()[0].startswith("2026-06-02 (Tue)")


def test_the_file_named_by_config_and_its_store(tmp_path: Path) -> None:
    f = config(tmp_path / "site.toml", 'store = "cases.db"\n')
    result = CliRunner().invoke(main, ["--config", str(f), "init", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["store"] == str(tmp_path / "cases.db")
    assert (tmp_path / "cases.db").is_file()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('lnag = "en"\n', "unknown key 'lnag' (did you mean 'lang'?); accepted: store, rules"),
        ('lang = "fr"\n', "lang: 'fr' is not accepted; accepted: zh, en"),
        ("ahead = 99\n", "ahead: expected working days 0 to 30, got 99"),
        ("lang = \n", "not a readable TOML file"),
    ],
)
def test_a_bad_file_is_one_line_naming_the_key(tmp_path: Path, text: str, fragment: str) -> None:
    f = config(tmp_path / "bad.toml", text)
    result = CliRunner().invoke(main, ["--config", str(f), "config", "--lang", "en"])
    assert result.exit_code == 1
    assert fragment in result.stderr and len(result.stderr.strip().splitlines()) == 1
    zh = CliRunner().invoke(main, ["--config", str(f), "config"])
    assert zh.exit_code == 1 and zh.stderr.startswith(f"错误：{f}：")


def test_config_shows_the_folders_a_store_records(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    assert CliRunner().invoke(main, ["init", "--db", db]).exit_code == 0
    result = CliRunner().invoke(main, ["config", "--db", db, "--json"])
    rows = {r["key"]: (r["value"], r["source"]) for r in json.loads(result.output)}
    assert rows["store_rules"] == ([], db) and rows["store_calendars"] == (None, db)
    text = CliRunner().invoke(main, ["config", "--db", db]).output
    assert f"存储 {db} 记录的目录" in text and "仅规划自带规则" in text


def test_config_in_chinese_names_the_sources() -> None:
    out = CliRunner().invoke(main, ["config"]).output
    assert out.splitlines()[0].startswith("未找到配置文件 deadlines.toml")
    assert re.search(r"^calendar +cn-nx +默认值 ", out, re.M)
