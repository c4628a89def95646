"""The command line's last guards (an OS error about a path, memory, nesting past Python's
recursion limit) say one line in the run's language; the system's own words for an OS error are
quoted as it says them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from deadlines.cli import main, output


@pytest.mark.parametrize(
    ("fault", "lang", "said"),
    [
        (
            OSError(13, "Permission denied", "/x/y"),
            "zh",
            "错误：无法使用 /x/y：Permission denied；请检查路径",
        ),
        (
            OSError(13, "Permission denied", "/x/y"),
            "en",
            "Error: cannot use /x/y: Permission denied; check the path",
        ),
        (MemoryError(), "zh", "错误：内存不足：输入过大"),
        (MemoryError(), "en", "Error: out of memory; the input is too large"),
        (RecursionError(), "zh", "错误：输入嵌套过深，无法读取"),
        (RecursionError(), "en", "Error: the input is nested too deeply to read"),
    ],
)
def test_a_last_guard_speaks_the_run_language(
    monkeypatch: pytest.MonkeyPatch, fault: BaseException, lang: str, said: str
) -> None:
    def check_arguments(words: list[str]) -> None:
        raise fault

    monkeypatch.setattr(output, "check_arguments", check_arguments)
    result = CliRunner().invoke(main, ["due", "20wd", "--from", "2026-02-10", "--lang", lang])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [said]
