"""Shared fixtures: hand-written expected answers live in tests/data/*.csv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a hand-written CSV table; lines starting with '#' are comments."""
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return [
            row for row in csv.DictReader(f) if not next(iter(row.values()), "").startswith("#")
        ]


@pytest.fixture(autouse=True)
def _no_user_configuration(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No deadlines.toml or cache of the machine's user and no DEADLINES_CONFIG/LANG/... leak into
    a test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    for name in (
        "DEADLINES_CACHE_DIR",
        "DEADLINES_CONFIG",
        "DEADLINES_LANG",
        "DEADLINES_CALENDAR",
        "DEADLINES_AHEAD",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's English output (tests written against the English texts)."""
    monkeypatch.setenv("DEADLINES_LANG", "en")
