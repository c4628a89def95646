"""The core CLI commands: human output, JSON, and one-line errors with the right exit code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import main

pytestmark = pytest.mark.usefixtures("english")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_due_human_output_has_date_weekday_and_steps() -> None:
    code, out, _ = run("due", "20 working days", "--from", "2026-02-10", "--lang", "zh")
    assert code == 0
    assert out.splitlines()[0].startswith("2026-03-16(星期一)")
    assert "1. 起算日 2026-02-10(星期二)" in out  # the explanation speaks Chinese by default
    code, out, _ = run("due", "20 working days", "--from", "2026-02-10", "--lang", "en")
    assert code == 0 and out.splitlines()[0].startswith("2026-03-16 (Mon)")
    assert "1. Trigger 2026-02-10 (Tue)" in out


def test_due_json_keys() -> None:
    code, out, _ = run("due", "60d", "--before", "2026-10-08", "--calendar", "cn-nx", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["due"] == "2026-08-07" and data["provisional"] is False
    assert isinstance(data["steps"], list) and data["calendar"] == "cn-nx"


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["due", "30d", "--from", "2026-02-30"], 2, "'2026-02-30' is not a real date"),
        (["due", "abc", "--from", "2026-01-01"], 2, "period 'abc' is not understood"),
        (["due", "0 days", "--from", "2026-01-01"], 2, "period '0 days' is empty"),
        (["due", "-3 days", "--from", "2026-01-01"], 2, "is negative"),
        (["due", "3 fortnights", "--from", "2026-01-01"], 2, "'3 fortnights' is not understood"),
        (
            ["due", "30d", "--from", "2026-01-01", "--calendar", "cn-xx"],
            2,
            "'cn-xx' is not one of cn, cn-nx",
        ),
        (["due", "30d"], 2, "exactly one of --from DATE or --before DATE"),
        (
            ["due", "30d", "--from", "2003-06-01"],
            1,
            "2003-06-01 is outside the supported range 2004-01-01 to 2099-12-31",
        ),
        (["due", "30d", "--from", "2099-12-20"], 1, "outside the supported range"),
        (
            ["due", "30d", "--from", "2026-12-20", "--strict"],
            1,
            "strict: 2027 has no published State Council holiday notice",
        ),
        (["calendar", "month", "2026-13"], 2, "'2026-13' is not a month"),
        (["due", "30d", "--from", "20260101"], 2, "not in the form YYYY-MM-DD"),
        (["due", "30d", "--from", "2026-W01-1"], 2, "not in the form YYYY-MM-DD"),
        (["calendar", "day", "2026-02-29"], 2, "is not a real date"),
    ],
)
def test_bad_input_is_one_line_with_exit_code(args: list[str], code: int, fragment: str) -> None:
    exit_code, out, err = run(*args)
    assert exit_code == code
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert fragment in err
    assert "Traceback" not in err


def test_broken_calendar_file_is_named_with_its_key(tmp_path: Path) -> None:
    (tmp_path / "cn-nx").mkdir()
    bad = tmp_path / "cn-nx" / "2021.toml"
    bad.write_text(
        'year = 2021\ncalendar = "cn-nx"\nconfidence = "sure"\nurls = ["x"]\n', encoding="utf-8"
    )
    code, _, err = run(
        "due",
        "3d",
        "--from",
        "2021-05-10",
        "--calendar",
        "cn-nx",
        env={"DEADLINES_CALENDARS": str(tmp_path)},
    )
    assert code == 1
    assert f"{bad}: key 'confidence': expected high or medium or low, got 'sure'" in err
    assert len(err.strip().splitlines()) == 1


def test_calendar_month_grid_marks_make_up_days_and_holidays() -> None:
    code, out, _ = run("calendar", "month", "2026-02")
    assert code == 0
    assert "14w" in out and "15h" in out and "23h" in out and "28w" in out
    assert "2026-02-14 (Sat)  make-up working day for Spring Festival" in out
    # the plan's calendar is the default: Ningxia's 古尔邦节 2026-05-27..28 is marked regional
    assert "27r" in run("calendar", "month", "2026-05")[1]
    assert "27r" not in run("calendar", "month", "2026-05", "--calendar", "cn")[1]


def test_calendar_day_explains_regional_holiday() -> None:
    code, out, _ = run("calendar", "day", "2026-05-27", "--calendar", "cn-nx")
    assert code == 0
    assert "rest day — Ningxia regional holiday: Eid al-Adha" in out
    assert "low-confidence" in out
    code, out, _ = run("calendar", "day", "2026-05-27", "--calendar", "cn", "--json")
    assert json.loads(out)["workday"] is True


def test_calendar_years_lists_sources_and_provisional_years() -> None:
    code, out, _ = run("calendar", "years", "--calendar", "cn-nx")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["YEAR", "DATA", "CONFIDENCE", "NINGXIA"]
    assert lines[15].split()[:4] == ["2018", "published", "official", "unknown"]
    assert lines[24].split()[:4] == ["2027", "provisional", "provisional", "unknown"]
    data = json.loads(run("calendar", "years", "--json")[1])
    assert {y["year"] for y in data} >= set(range(2004, 2027))


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    import click

    out = []
    assert isinstance(group, click.Group)
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # the lazy group imports each command's module
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, (*prefix, name))
    return out


@pytest.mark.parametrize("path", _commands(main), ids=" ".join)
def test_every_command_has_help_and_is_in_the_readme(path: tuple[str, ...]) -> None:
    code, out, _ = run(*path, "--help")
    assert code == 0 and "Usage:" in out
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"deadlines {' '.join(path)}" in readme


def test_today_is_not_needed_for_core_answers() -> None:
    # the core answers depend only on their inputs, never on the clock
    assert (
        run("due", "1wd", "--from", "2026-09-30")[1]
        .splitlines()[0]
        .startswith(f"{dt.date(2026, 10, 8)} (Thu)")
    )


def test_every_command_module_is_in_the_lazy_table() -> None:
    """The group imports a command's module only when the command runs: every command a module
    defines must be reachable through its table (a command left out would be unreachable)."""
    import importlib
    import pkgutil

    import click

    import deadlines.cli as cli_pkg

    table = cli_pkg._COMMAND_MODULES
    for info in pkgutil.iter_modules(cli_pkg.__path__):
        module = importlib.import_module(f"deadlines.cli.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            assert isinstance(command, click.Command)
            assert table.get(command.name or "") == info.name, (info.name, command.name)
