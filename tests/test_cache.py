"""The rule-set cache: used only for exactly the files it was built from, never trusted else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_rules_loading import GOOD

from deadlines import cache
from deadlines.calendars.layers import Calendar
from deadlines.rules import files as rule_files
from deadlines.rules import load_rules


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """Counts how often the rule files are really parsed, with the cache in its own folder."""
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    count: list[int] = []
    real = rule_files._load_texts

    def counting(files: list[tuple[str, str]]) -> object:
        count.append(1)
        return real(files)

    monkeypatch.setattr(rule_files, "_load_texts", counting)
    return count


def rules_in(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "x.toml").write_text(text, encoding="utf-8")
    return folder


def test_unchanged_files_are_read_from_the_cache(tmp_path: Path, builds: list[int]) -> None:
    folder = rules_in(tmp_path / "r", GOOD)
    first = load_rules([folder], use_env=False)
    second = load_rules([folder], use_env=False)
    assert len(builds) == 1
    assert second.get("loan.approval") == first.get("loan.approval")
    assert len(list((tmp_path / "cache").glob("rules-*.pickle"))) == 1


def test_a_changed_rule_file_is_parsed_again(tmp_path: Path, builds: list[int]) -> None:
    folder = rules_in(tmp_path / "r", GOOD)
    load_rules([folder], use_env=False)
    rules_in(folder, GOOD.replace("20 working days", "15 working days"))
    changed = load_rules([folder], use_env=False)
    assert len(builds) == 2
    assert str(changed.get("loan.approval").period) == "15 working days"


def test_the_same_text_under_another_path_is_not_taken_from_the_cache(
    tmp_path: Path, builds: list[int]
) -> None:
    load_rules([rules_in(tmp_path / "a", GOOD)], use_env=False)
    other = load_rules([rules_in(tmp_path / "b", GOOD)], use_env=False)
    assert len(builds) == 2
    assert other.get("loan.approval").source == f"{tmp_path}/b/x.toml:1"


def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path: Path, builds: list[int]) -> None:
    folder = rules_in(tmp_path / "r", GOOD)
    load_rules([folder], use_env=False)
    (damaged,) = (tmp_path / "cache").glob("rules-*.pickle")
    damaged.write_bytes(b"\x80\x05not a pickle")
    again = load_rules([folder], use_env=False)
    assert str(again.get("loan.approval").period) == "20 working days"
    load_rules([folder], use_env=False)
    assert len(builds) == 2


def test_a_cache_that_cannot_be_written_is_not_kept(
    tmp_path: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "blocked").write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "blocked"))
    folder = rules_in(tmp_path / "r", GOOD)
    assert load_rules([folder], use_env=False).get("loan.approval").id == "loan.approval"
    load_rules([folder], use_env=False)
    assert len(builds) == 2


def test_an_empty_cache_dir_setting_turns_the_cache_off(
    tmp_path: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV_VAR, "")
    folder = rules_in(tmp_path / "r", GOOD)
    load_rules([folder], use_env=False)
    load_rules([folder], use_env=False)
    assert len(builds) == 2
    assert not (tmp_path / "cache").exists()


NX_2026 = """\
year = 2026
calendar = "cn-nx"
document = "a test notice"
confidence = "high"
rest = [
  { date = 2026-05-27, name = "古尔邦节 Eid al-Adha" },
  { date = 2026-05-28, name = "古尔邦节 Eid al-Adha" },
]
"""


def nx_folder(root: Path, text: str) -> Path:
    (root / "cn-nx").mkdir(parents=True, exist_ok=True)
    (root / "cn-nx" / "2026.toml").write_text(text, encoding="utf-8")
    return root


def test_a_changed_calendar_file_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    built: list[int] = []
    real = Calendar._build

    def counting(self: Calendar) -> dict[str, object]:
        built.append(1)
        return real(self)

    monkeypatch.setattr(Calendar, "_build", counting)
    folder = nx_folder(tmp_path / "cal", NX_2026)
    # 2026-05-27 is a Wednesday: a working day nationally, a day off in Ningxia by this file.
    assert not Calendar("cn-nx", folder).is_workday(dt.date(2026, 5, 27))
    assert not Calendar("cn-nx", folder).is_workday(dt.date(2026, 5, 27))
    assert len(built) == 1 and len(list((tmp_path / "cache").glob("calendar-cn-nx-*.pickle"))) == 1
    nx_folder(folder, NX_2026.replace("2026-05-27", "2026-05-29"))
    changed = Calendar("cn-nx", folder)
    assert len(built) == 2
    assert changed.is_workday(dt.date(2026, 5, 27)) and not changed.is_workday(dt.date(2026, 5, 29))
    # the shipped data alone is another input again
    assert Calendar("cn-nx").is_workday(dt.date(2026, 5, 29)) and len(built) == 3


def test_the_data_version_comes_from_the_cache_and_follows_a_changed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A calendar from the cache carries the data version built with it (a stored date's
    calendar version is compared with it): the same as hashing the files, and a changed year
    file gives a new one."""
    folder = nx_folder(tmp_path / "cal", NX_2026)
    monkeypatch.setenv(cache.ENV_VAR, "")
    uncached = Calendar("cn-nx", folder).data_version
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    built: list[int] = []
    real = Calendar._build

    def counting(self: Calendar) -> dict[str, object]:
        built.append(1)
        return real(self)

    monkeypatch.setattr(Calendar, "_build", counting)
    Calendar("cn-nx", folder)
    assert Calendar("cn-nx", folder).data_version == uncached and len(built) == 1
    nx_folder(folder, NX_2026.replace("2026-05-27", "2026-05-29"))
    changed = Calendar("cn-nx", folder).data_version
    assert len(built) == 2
    assert changed != uncached and changed.startswith("cn-nx@chinese-calendar-")
