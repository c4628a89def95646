"""The command line's defaults: ``deadlines.toml``, environment variables, built-in values.

Where a value comes from, strongest first: the command line's own option; an environment variable;
the configuration file (``--config PATH``, else ``$DEADLINES_CONFIG``, else ``./deadlines.toml``,
else ``deadlines.toml`` in the user's config folder, e.g. ``~/.config/deadlines/``); the built-in
default. ``deadlines config`` prints each value in force with where it came from.

The file (every key optional; relative paths are relative to the file's folder)::

    store = "/srv/deadlines/deadlines.db"   # the SQLite store
    rules = ["/srv/deadlines/rules"]        # extra rule folders, beside the plan's own rules
    calendars = "/srv/deadlines/calendars"  # holiday year files
    lang = "zh"                             # zh or en
    calendar = "cn-nx"                      # the default calendar of due and calendar
    ahead = 3                               # the due-soon window of remind, in working days

The library reads the store, rule and calendar folders from ``DEADLINES_DB``, ``DEADLINES_RULES``
and ``DEADLINES_CALENDARS``; :func:`exported` sets those from the file for one command's run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import click

from deadlines.calendars.layers import CALENDARS
from deadlines.errors import DeadlineError, Phrase, did_you_mean
from deadlines.messages import LANGS

FILE_NAME = "deadlines.toml"
CONFIG_ENV = "DEADLINES_CONFIG"


class ConfigError(DeadlineError):
    """The configuration file or an environment variable holds a value that cannot be used."""


# NamedTuples and a plain class, not dataclasses: every command loads the settings first, and a
# frozen dataclass costs ~4M instructions to create at import (Python 3.11), a NamedTuple a tenth.
class Key(NamedTuple):
    name: str
    env: str
    default: object
    what: str
    path: bool = False


KEYS: tuple[Key, ...] = (
    Key("store", "DEADLINES_DB", "deadlines.db", "the SQLite store", path=True),
    Key("rules", "DEADLINES_RULES", (), "extra rule folders", path=True),
    Key("calendars", "DEADLINES_CALENDARS", None, "the holiday year files' folder", path=True),
    Key("lang", "DEADLINES_LANG", "zh", "language of the output: zh or en"),
    Key("calendar", "DEADLINES_CALENDAR", "cn-nx", "default calendar: cn or cn-nx"),
    Key("ahead", "DEADLINES_AHEAD", 3, "due-soon window of remind, in working days"),
)
_BY_NAME = {k.name: k for k in KEYS}


class Value(NamedTuple):
    key: str
    value: Any
    source: str
    """``default``, ``$NAME`` (an environment variable) or the configuration file's path."""


class Settings:
    """Every setting with its value and where it came from (:func:`load`); not to be changed."""

    __slots__ = ("file", "values")

    def __init__(self, file: Path | None, values: Mapping[str, Value]) -> None:
        self.file = file
        self.values = values

    def __getitem__(self, name: str) -> Any:
        return self.values[name].value

    @property
    def lang(self) -> str:
        return str(self["lang"])

    @property
    def calendar(self) -> str:
        return str(self["calendar"])

    @property
    def ahead(self) -> int:
        return int(self["ahead"])


def find_file(explicit: str | None) -> Path | None:
    """The configuration file in force: ``explicit``, ``$DEADLINES_CONFIG``, ./, the user's."""
    named = explicit or os.environ.get(CONFIG_ENV)
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(key="config.err.missing", file=named)
        return path
    for path in (Path(FILE_NAME), Path(click.get_app_dir("deadlines")) / FILE_NAME):
        if path.is_file():
            return path
    return None


def _check(key: Key, raw: object, where: str, base: Path | None) -> object:
    """``raw`` as the type ``key`` holds, or a ConfigError naming where it came from."""
    if key.name == "rules":
        items = raw.split(os.pathsep) if isinstance(raw, str) else raw
        if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
            raise ConfigError(key="config.err.rules", where=where, value=raw)
        return tuple(str(base / i) if base else i for i in items if i)
    if key.name == "ahead":
        try:
            n = int(str(raw))
        except ValueError:
            n = -1
        if not 0 <= n <= 30 or isinstance(raw, bool):
            raise ConfigError(key="config.err.ahead", where=where, value=raw)
        return n
    accepted = {"lang": LANGS, "calendar": CALENDARS}.get(key.name)
    if not isinstance(raw, str) or (accepted and raw not in accepted):
        if accepted:
            allowed: object = ", ".join(accepted)
        else:
            allowed = Phrase("config.err.a_path")
        raise ConfigError(
            key="config.err.value", where=where, key_name=key.name, value=raw, allowed=allowed
        )
    return str(base / raw) if key.path and base else raw


def read_file(path: Path) -> dict[str, object]:
    """The file's keys, checked: an unknown key is refused with the accepted ones."""
    import tomllib  # only when there is a configuration file

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(key="config.err.toml", path=str(path), why=str(exc)) from None
    for name in data:
        if name not in _BY_NAME:
            raise ConfigError(
                key="config.err.key",
                path=str(path),
                name=name,
                hint=did_you_mean(name, _BY_NAME),
                accepted=", ".join(_BY_NAME),
            )
    return data


def load(explicit: str | None = None) -> Settings:
    """Every setting with its value and where it came from."""
    path = find_file(explicit)
    data = read_file(path) if path else {}
    base = path.resolve().parent if path else None
    values: dict[str, Value] = {}
    for key in KEYS:
        env = os.environ.get(key.env)
        if env:
            values[key.name] = Value(key.name, _check(key, env, f"${key.env}", None), f"${key.env}")
        elif key.name in data:
            value = _check(key, data[key.name], str(path), base)
            values[key.name] = Value(key.name, value, str(path))
        else:
            values[key.name] = Value(key.name, key.default, "default")
    return Settings(path, values)


_current: list[Settings] = []


def current() -> Settings:
    """The settings of the command being run; outside one, read afresh."""
    return _current[-1] if _current else load()


@contextmanager
def exported(settings: Settings) -> Iterator[None]:
    """Run with ``settings`` in force: the file's folders handed to the library by environment."""
    saved = {k.env: os.environ.get(k.env) for k in KEYS if k.path}
    _current.append(settings)
    try:
        for key in KEYS:
            v = settings.values[key.name]
            if key.path and v.source not in ("default", f"${key.env}"):
                value = v.value
                os.environ[key.env] = os.pathsep.join(value) if key.name == "rules" else value
        yield
    finally:
        _current.pop()
        for name, old in saved.items():
            if old is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = old
