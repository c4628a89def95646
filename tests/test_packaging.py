"""The holiday data travels with the package: a wheel installed outside the checkout answers as the
checkout does, and a configured folder adds or overrides years, or is refused when missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = ["-c", "import sys; from deadlines.cli import main; main(sys.argv[1:])"]

# Answers that depend on the shipped year files (cn-nx) and the shipped corrections (cn).
QUESTIONS = [
    ["calendar", "day", "2026-05-27", "--calendar", "cn-nx"],  # 古尔邦节, a shipped regional file
    ["due", "3wd", "--from", "2026-05-26", "--calendar", "cn-nx"],  # 2026-06-02 (Tue), not 05-29
    ["due", "1 day", "--from", "2005-12-30"],  # 2005-12-31, the corrected make-up Saturday
    ["calendar", "years", "--calendar", "cn-nx"],
    ["rules", "list", "--json"],
]


def _run(exe: list[str], args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [*exe, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEADLINES_", "PYTHON"))}
    env["TZ"] = "UTC"
    return env


def test_a_wheel_installed_outside_the_checkout_answers_as_the_checkout(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".venv*", ".git", "build", "*.egg-info", "__pycache__", "*.db"
        ),
    )
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(src)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(wheels.glob("deadlines-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # The dependencies (not deadlines) come from the test environment: no network needed.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = tmp_path / "elsewhere"
    where.mkdir()
    env = _clean_env()
    located = _run([str(python), "-c"], ["import deadlines; print(deadlines.__file__)"], where, env)
    assert located.startswith(site), located  # the installed copy, not the checkout
    for args in QUESTIONS:
        installed = _run([str(python), *CLI], args, where, env)
        checkout = _run([sys.executable, *CLI], args, ROOT, env)
        assert installed == checkout, args
    due = json.loads(
        _run(
            [str(python), *CLI],
            ["due", "3wd", "--from", "2026-05-26", "--calendar", "cn-nx", "--json"],
            where,
            env,
        )
    )
    assert due["due"] == "2026-06-02"  # 05-27 and 05-28 are Ningxia's 古尔邦节 days off


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *CLI, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


OVERRIDE_2026 = """
year = 2026
calendar = "cn-nx"
document = "TEST FIXTURE — not a real notice"
confidence = "medium"
rest = [{ date = 2026-06-01, name = "测试 test day" }]
"""


def test_a_configured_folder_overrides_a_shipped_year_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "cn-nx").mkdir()
    (tmp_path / "cn-nx" / "2026.toml").write_text(OVERRIDE_2026, encoding="utf-8")
    env = {**_clean_env(), "DEADLINES_CALENDARS": str(tmp_path)}
    years = _cli(["calendar", "years", "--calendar", "cn-nx", "--lang", "en"], env)
    assert years.returncode == 0, years.stderr
    assert f"configured folder: {tmp_path / 'cn-nx' / '2026.toml'}" in years.stdout
    assert "shipped with the package (cn-nx/2025.toml)" in years.stdout
    # The override replaces the whole shipped year: 05-27 is a working day, 06-01 a rest day.
    day = _cli(["calendar", "day", "2026-05-27", "--calendar", "cn-nx", "--json"], env)
    assert json.loads(day.stdout)["workday"] is True
    day = _cli(["calendar", "day", "2026-06-01", "--calendar", "cn-nx", "--json"], env)
    assert json.loads(day.stdout)["workday"] is False


@pytest.mark.parametrize("args", [["calendar", "years"], ["due", "3wd", "--from", "2026-05-26"]])
def test_a_configured_folder_that_does_not_exist_is_an_error(
    tmp_path: Path, args: list[str]
) -> None:
    env = {**_clean_env(), "DEADLINES_CALENDARS": str(tmp_path / "missing")}
    done = _cli([*args, "--lang", "en"], env)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: $DEADLINES_CALENDARS")
    assert "is not a folder" in done.stderr and len(done.stderr.splitlines()) == 1
