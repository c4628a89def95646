"""Where rules come from: the plan's files shipped as ``deadlines.plan_rules``, ``DEADLINES_RULES``
and the folders a caller names. The format is described in :mod:`deadlines.rules.model`; reading
and checking is :mod:`deadlines.rules.files`.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from deadlines.errors import RuleError, Said
from deadlines.textfiles import read_text_file

if TYPE_CHECKING:
    from deadlines.rules.model import RuleSet

ENV_VAR = "DEADLINES_RULES"
"""Extra rule folders, separated like PATH."""


def plan_rule_files() -> list[tuple[str, str]]:
    """(display path, text) of the plan's rule files, from the installed package.

    In a source checkout where the package is not installed, the ``rules/`` folder beside the
    ``deadlines`` package is the same data. The folder is found from the package's import spec,
    as the shipped year files are: importlib.resources would cost ~6 ms of every command's start.
    """
    try:
        spec = importlib.util.find_spec("deadlines.plan_rules")
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations)))
    else:
        folder = Path(__file__).resolve().parents[2] / "rules"
    return [
        (f"rules/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.toml"))
    ]


def _with_user_files(
    plan: list[tuple[str, str]], dirs: Sequence[str | os.PathLike[str]]
) -> list[tuple[str, str]]:
    """``plan`` plus the files of ``dirs``, leaving out a shipped file given again (the checkout's
    ``rules/`` folder, a copy of it): loaded twice, each of its rules would be its own duplicate."""
    shipped = {text for _, text in plan}
    files = list(plan)
    for d in dirs:
        files += [(n, t) for n, t in _dir_files(d) if t not in shipped]
    return files


def _dir_files(d: str | os.PathLike[str]) -> list[tuple[str, str]]:
    p = Path(d)
    if p.is_file():
        return [(str(p), read_rule_file(p))]
    if not p.is_dir():
        raise RuleError(key="err.folder.rules_missing", folder=str(p))
    return [(str(f), read_rule_file(f)) for f in sorted(p.glob("*.toml"))]


def read_rule_file(path: Path) -> str:
    """The text of one rule file; anything that is not a readable UTF-8 file is a RuleError."""
    return read_text_file(path, "a rule file", RuleError)


_store_dirs: list[str] | None = None


def set_store_dirs(dirs: Sequence[str] | None) -> None:
    """The rule folders of the store in use (deadlines.store.config), which stand in for
    ``DEADLINES_RULES``; None: the environment's."""
    global _store_dirs
    _store_dirs = None if dirs is None else list(dirs)


def env_dirs() -> list[str]:
    """The user rule folders: the store's when one is open, else ``DEADLINES_RULES``."""
    if _store_dirs is not None:
        return list(_store_dirs)
    return [d for d in os.environ.get(ENV_VAR, "").split(os.pathsep) if d]


def load_rules(
    extra_dirs: Sequence[str | os.PathLike[str]] = (), *, use_env: bool = True
) -> RuleSet:
    """The plan's rules plus those of ``DEADLINES_RULES`` and ``extra_dirs``, validated.

    Raises :class:`RuleFileError` listing every problem, before any rule runs.
    """
    from deadlines.rules.files import load_texts  # reading and checking rules: only here

    files = _with_user_files(plan_rule_files(), [*(env_dirs() if use_env else []), *extra_dirs])
    return load_texts(files)


@lru_cache(maxsize=1)
def plan_rules() -> RuleSet:
    """The rules in force: the plan's rules plus ``$DEADLINES_RULES``, loaded once per process
    (here, not in the engine: explaining a stored duty needs the rules, not the engine)."""
    return load_rules()


def check_paths(paths: Sequence[str | os.PathLike[str]]) -> list[Said]:
    """Every problem in the plan's rules plus ``paths`` (files or folders), each to be said in the
    run's language; [] when all is well."""
    from deadlines.rules.files import load_texts
    from deadlines.rules.model import RuleFileError

    files = _with_user_files(plan_rule_files(), paths)
    try:
        load_texts(files)
    except RuleFileError as exc:
        return list(exc.problems)
    return []
