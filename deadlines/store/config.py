"""The store's configuration: the rule folders and the calendar folder its dates are computed with.

They are recorded in the store (table ``config``), with a hash of their files' contents, when it is
created (``deadlines init --rules DIR --calendars DIR``), and changed only by ``deadlines recompute
--rules DIR / --calendars DIR``, which reports every date that moves. Every command on the store
uses them, whatever its own environment, so that the cron job and a clerk's shell compute alike:

* ``$DEADLINES_RULES`` or ``$DEADLINES_CALENDARS`` set to something else is an error naming both;
* a recorded folder that is gone, or whose files changed since the store last computed, is an
  error until ``deadlines recompute`` adopts them (and says what moved).

A store from before this record adopts the environment it is first opened in.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from deadlines.calendars import yearfiles
from deadlines.errors import Phrase, Said, StoreError
from deadlines.rules import loading
from deadlines.rules.loading import ENV_VAR as RULES_ENV


class StoreConfig(NamedTuple):
    """The rule and calendar folders a store computes with, and a hash of their files (a
    NamedTuple: every store command imports it; a frozen dataclass is ten times as costly)."""

    rules: tuple[str, ...] = ()  # absolute paths of the user rule folders (or files)
    rules_hash: str = ""
    calendars: str | None = None  # absolute path of the calendar folder; None: shipped data only
    calendars_hash: str = ""

    def rules_text(self) -> Said:
        return ", ".join(self.rules) if self.rules else Phrase("store.plan_rules_only")

    def calendars_text(self) -> Said:
        return self.calendars or Phrase("store.shipped_calendars")


NO_FILES = "e3b0c44298fc1c14"
"""The hash of no files: SHA-256 of no bytes (a test checks it), so that a store with no folders
of its own is checked without loading OpenSSL's hashes at every command."""


def _hash(files: Sequence[Path]) -> str:
    if not files:
        return NO_FILES
    import hashlib

    h = hashlib.sha256()
    for f in files:
        h.update(str(f).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _rule_files(folders: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for d in folders:
        p = Path(d)
        if not p.exists():
            raise StoreError(key="err.folder.store_rules_missing", folder=d)
        out += [p] if p.is_file() else sorted(p.glob("*.toml"))
    return out


def _calendar_files(folder: str | None) -> list[Path]:
    if folder is None:
        return []
    p = Path(folder)
    if not p.is_dir():
        raise StoreError(key="err.folder.store_calendars_missing", folder=folder)
    return sorted([*p.glob("cn/*.toml"), *p.glob("cn-nx/*.toml")])


def make(rules: Sequence[str], calendars: str | None) -> StoreConfig:
    """The configuration of these folders as they are now (paths made absolute, contents hashed)."""
    dirs = tuple(str(Path(d).resolve()) for d in rules if d)
    cal = str(Path(calendars).resolve()) if calendars else None
    return StoreConfig(dirs, _hash(_rule_files(dirs)), cal, _hash(_calendar_files(cal)))


def _env_rules() -> tuple[str, ...] | None:
    text = os.environ.get(RULES_ENV)
    if text is None:
        return None
    return tuple(str(Path(d).resolve()) for d in text.split(os.pathsep) if d)


def _env_calendars() -> str | bool | None:
    """The environment's calendar folder; False when ``$DEADLINES_CALENDARS`` is not set."""
    text = os.environ.get(yearfiles.ENV_VAR)
    if text is None:
        return False
    return str(Path(text).resolve()) if text else None


def from_environment() -> StoreConfig:
    cal = _env_calendars()
    return make(_env_rules() or (), cal if isinstance(cal, str) else None)


def read(conn: sqlite3.Connection) -> StoreConfig | None:
    rows = dict(conn.execute("SELECT key, value FROM config").fetchall())
    if "rules" not in rows:
        return None
    return StoreConfig(
        tuple(json.loads(rows["rules"])),
        rows.get("rules_hash", ""),
        json.loads(rows.get("calendars", "null")),
        rows.get("calendars_hash", ""),
    )


def write(conn: sqlite3.Connection, cfg: StoreConfig) -> None:
    """Record ``cfg`` (inside the caller's transaction)."""
    conn.executemany(
        "INSERT OR REPLACE INTO config (key, value) VALUES (?, ?)",
        [
            ("rules", json.dumps(list(cfg.rules), ensure_ascii=False)),
            ("rules_hash", cfg.rules_hash),
            ("calendars", json.dumps(cfg.calendars, ensure_ascii=False)),
            ("calendars_hash", cfg.calendars_hash),
        ],
    )


def check(stored: StoreConfig, path: Path) -> None:
    """The environment agrees with the store's record, and the recorded folders are unchanged."""
    check_env(stored, path)
    now = make(stored.rules, stored.calendars)
    changed = [
        Phrase(f"config.changed.{what}", {"where": where})
        for what, where, old, new in (
            ("rules", stored.rules_text(), stored.rules_hash, now.rules_hash),
            ("calendars", stored.calendars_text(), stored.calendars_hash, now.calendars_hash),
        )
        if old != new
    ]
    if changed:
        what = (
            changed[0]
            if len(changed) == 1
            else Phrase("config.changed.both", dict(zip("ab", changed, strict=True)))
        )
        raise StoreError(key="config.changed", path=str(path), what=what)


def check_env(stored: StoreConfig, path: Path) -> None:
    """``$DEADLINES_RULES`` and ``$DEADLINES_CALENDARS``, where set, name the store's folders."""
    env_rules = _env_rules()
    if env_rules is not None and env_rules != stored.rules:
        raise StoreError(
            key="config.env_rules",
            path=str(path),
            stored=stored.rules_text(),
            env=RULES_ENV,
            said=", ".join(env_rules) or Phrase("config.none"),
        )
    env_cal = _env_calendars()
    if env_cal is not False and env_cal != stored.calendars:
        raise StoreError(
            key="config.env_calendars",
            path=str(path),
            stored=stored.calendars_text(),
            env=yearfiles.ENV_VAR,
            said=env_cal or Phrase("config.none"),
        )


_applied: StoreConfig | None = None


def apply(cfg: StoreConfig | None) -> None:
    """Make ``cfg`` the process's rule and calendar folders (None: back to the environment's),
    forgetting rules and calendars built under other folders."""
    global _applied
    if cfg == _applied:
        return
    _applied = cfg
    rules_before, calendars_before = loading.env_dirs(), yearfiles.configured_dir()
    loading.set_store_dirs(None if cfg is None else cfg.rules)
    yearfiles.set_store_dir(
        None if cfg is None or cfg.calendars is None else Path(cfg.calendars),
        active=cfg is not None,
    )
    if loading.env_dirs() != rules_before:
        from deadlines.rules.engine import forget_rules
        from deadlines.store.checks import catalogue

        forget_rules()
        catalogue.cache_clear()
    if yearfiles.configured_dir() != calendars_before:
        from deadlines.calendars.layers import reset_cache

        reset_cache()
